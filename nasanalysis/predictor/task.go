package predictor

import (
	"fmt"
	"math"
	"slices"
	"strings"

	"github.com/nasanalysis/nasanalysis/nasanalysis/arch"
	"github.com/nasanalysis/nasanalysis/nasanalysis/data"
	"github.com/nasanalysis/nasanalysis/nasanalysis/latency"
)

// MeasuredDataset names the project's own dataset of OFA-MobileNetV3 networks timed on this
// machine (datasets/ort-ofa-mbv3-r160.csv); its targets are MeasuredTarget and ScaledTarget.
// Every network in it was timed at MeasuredResolution px, at the space's default width.
//
// MeasuredAllResDataset is the larger one (datasets/ort-ofa-mbv3.csv): 2,000 networks at
// their sampled resolutions, 160-224 px, so a predictor trained on it covers the 224-px
// networks the OFA studies search, which the 160-px set cannot.
const (
	MeasuredDataset       = "ofa-mbv3-measured"
	MeasuredAllResDataset = "ofa-mbv3-measured-allres"
	MeasuredTarget        = "median_ms"
	MeasuredResolution    = 160
	// ScaledTarget is the paired protocol's latency (measfile.Measured's scaled_ms): the
	// time each network takes when the host is calm, which files measured since the
	// paired protocol hold and files of the older layout do not.
	ScaledTarget = "scaled_ms"
)

// measuredDomain is what a measured dataset holds: its file and its resolution range.
type measuredDomain struct {
	file           string
	minRes, maxRes int
}

var measuredDomains = map[string]measuredDomain{
	MeasuredDataset:       {latency.MeasuredFile, MeasuredResolution, MeasuredResolution},
	MeasuredAllResDataset: {latency.MBv3File, 160, 224},
}

// IsMeasured says whether a dataset name is one of this machine's measured datasets.
func IsMeasured(name string) bool { _, ok := measuredDomains[name]; return ok }

// TaskDatasets lists the datasets a Task can be built from: the four public latency
// datasets and the two measured datasets.
func TaskDatasets() []string {
	return append(data.DatasetNames(), MeasuredDataset, MeasuredAllResDataset)
}

// Task is one supervised problem: every architecture of a dataset that has a value of
// the target, with both encodings (flat for the MLP and the linear baseline, graph for
// the GCN) and the architecture's cost in MACs for the FLOPs baseline.
type Task struct {
	Dataset string // dataset name, as given to LoadTask
	Target  string // accuracy column or device
	Log     bool   // latency targets are learned as log latency (they are positive and skewed)
	Archs   []string
	IDs     []int     // arch_index / arch_id / measured row (0-based)
	Y       []float64 // target, in its own units (accuracy %, latency ms)
	X       [][]float64
	Graphs  []arch.Graph
	MACs    []float64 // millions; nil when the family has no cost model here (FBNet)
	Source  string    // file the target came from
}

// NameError is an unknown dataset or target. It lists the known names, and lets a
// command line tell a misspelt name (a usage error) from data it could not read.
type NameError struct {
	What    string // "dataset" or "target"
	Name    string
	Dataset string // for a target: the dataset it was asked of
	Known   []string
}

func (e *NameError) Error() string {
	if e.What == "target" {
		return fmt.Sprintf("unknown target %q for dataset %s (known: %s)", e.Name, e.Dataset, strings.Join(e.Known, ", "))
	}
	return fmt.Sprintf("unknown %s %q (known: %s)", e.What, e.Name, strings.Join(e.Known, ", "))
}

// TargetsOf lists the targets known for a dataset: NB201 accuracy columns (nb201 and
// nb201-full) and the dataset's devices, or MeasuredTarget and ScaledTarget.
func TargetsOf(name string) ([]string, error) {
	if IsMeasured(name) {
		return []string{MeasuredTarget, ScaledTarget}, nil
	}
	ds, err := data.Lookup(name)
	if err != nil {
		return nil, &NameError{What: "dataset", Name: name, Known: TaskDatasets()}
	}
	var out []string
	if ds.AccuracyFile != "" {
		out = append(out, data.AccuracyColumns...)
	}
	return append(out, ds.Devices...), nil
}

// LoadTask builds the task for a target of a dataset. NB201 accuracy targets cover all
// 15,625 cells (from nb201/accuracy.csv, whichever NB201 dataset is named); latency
// targets cover the dataset's architectures measured on that device. dataDir is the
// --data flag ("" for the default resolution order).
func LoadTask(dataDir, name, target string) (*Task, error) {
	targets, err := TargetsOf(name)
	if err != nil {
		return nil, err
	}
	if !slices.Contains(targets, target) {
		return nil, &NameError{What: "target", Name: target, Dataset: name, Known: targets}
	}
	t := &Task{Dataset: name, Target: target}
	switch {
	case IsMeasured(name):
		err = t.loadMeasured()
	case slices.Contains(data.AccuracyColumns, target):
		err = t.loadAccuracy(dataDir)
	default:
		err = t.loadLatency(dataDir)
	}
	if err != nil {
		return nil, err
	}
	if len(t.Y) == 0 {
		return nil, fmt.Errorf("%s: no architecture has a value of %s", t.Source, target)
	}
	return t, nil
}

func (t *Task) loadAccuracy(dataDir string) error {
	acc, err := data.LoadAccuracy(dataDir)
	if err != nil {
		return err
	}
	col, err := acc.Column(t.Target)
	if err != nil {
		return err
	}
	t.Source = acc.Path
	for k, c := range acc.Cells {
		t.addArch(k, c, col[k])
	}
	return nil
}

func (t *Task) loadLatency(dataDir string) error {
	lat, err := data.LoadLatency(dataDir, t.Dataset)
	if err != nil {
		return err
	}
	col, err := lat.Column(t.Target)
	if err != nil {
		return err
	}
	t.Source, t.Log = lat.Path, true
	for i, a := range lat.Parsed {
		v := col[i]
		if math.IsNaN(v) {
			continue // not measured on this device
		}
		if v <= 0 {
			return fmt.Errorf("%s line %d, column %s: latency %v is not positive", lat.Path, i+2, t.Target, v)
		}
		t.addArch(lat.IDs[i], a, v)
	}
	return nil
}

func (t *Task) loadMeasured() error {
	rec, err := latency.ReadProject(measuredDomains[t.Dataset].file, arch.OFAMBv3)
	if err != nil {
		return err
	}
	path := rec.Path
	archs, err := rec.MB()
	if err != nil {
		return err
	}
	t.Source, t.Log = path, true
	ms := rec.RawMS
	if t.Target == ScaledTarget {
		if !rec.Paired() {
			return fmt.Errorf("%s has no %s (measured before the paired protocol; re-measure it with `nasanalysis measure`)", path, ScaledTarget)
		}
		ms = rec.MS
	}
	for i, a := range archs {
		if !(ms[i] > 0) || math.IsInf(ms[i], 0) {
			return fmt.Errorf("%s line %d: %s %v is not a positive latency (a row of the single-network protocol has none)", path, i+2, t.Target, ms[i])
		}
		if err := t.addMeasured(i, a, ms[i]); err != nil {
			return fmt.Errorf("%s line %d: %w", path, i+2, err)
		}
	}
	return nil
}

// inMeasuredDomain refuses architectures unlike those of a measured dataset: a predictor
// trained on them would extrapolate, and its number would read like a measurement.
func inMeasuredDomain(dataset string, a arch.MBArch) error {
	d, ok := measuredDomains[dataset]
	if !ok {
		return fmt.Errorf("%q is not a measured dataset (known: %s, %s)", dataset, MeasuredDataset, MeasuredAllResDataset)
	}
	if a.Space() != arch.MBv3 || a.Width() != arch.MBv3.DefaultWidth || a.R < d.minRes || a.R > d.maxRes {
		px := fmt.Sprintf("%d px", d.minRes)
		if d.maxRes != d.minRes {
			px = fmt.Sprintf("%d-%d px", d.minRes, d.maxRes)
		}
		return fmt.Errorf("%s is outside the measured data of %s (OFA-MobileNetV3, width %.1f, %s)",
			a.JSON(), dataset, arch.MBv3.DefaultWidth, px)
	}
	return nil
}

// addArch adds one architecture with its encodings and, where its family has a cost
// model, its MACs.
func (t *Task) addArch(id int, a arch.Arch, y float64) {
	t.IDs = append(t.IDs, id)
	t.Archs = append(t.Archs, a.String())
	t.Y = append(t.Y, y)
	t.X = append(t.X, a.Flat())
	t.Graphs = append(t.Graphs, a.Graph())
	if c, ok := a.(arch.Costed); ok {
		// MACs of the width-1.2 network the OFA predictor and tables use; the GPU table's
		// 4-px resolution steps cost the same way.
		t.MACs = append(t.MACs, c.MACs()/1e6)
	}
}

// addMeasured adds a network of the measured dataset, refusing one outside its domain.
func (t *Task) addMeasured(id int, a arch.MBArch, y float64) error {
	if err := inMeasuredDomain(t.Dataset, a); err != nil {
		return err
	}
	t.addArch(id, a, y)
	return nil
}

// Len is the number of architectures with a target value.
func (t *Task) Len() int { return len(t.Y) }

// EncodeArch encodes one architecture string of a task's dataset (an NB201 cell
// string, an FBNet layer list, or OFA's JSON form) as a predictor's input.
func EncodeArch(dataset, s string) (Example, error) {
	t := &Task{}
	if IsMeasured(dataset) {
		t.Dataset = dataset
		a, err := arch.ParseMB(arch.MBv3, s)
		if err == nil {
			err = t.addMeasured(0, a, 0)
		}
		if err != nil {
			return Example{}, err
		}
		return t.Examples([]int{0})[0], nil
	}
	ds, err := data.Lookup(dataset)
	if err != nil {
		return Example{}, &NameError{What: "dataset", Name: dataset, Known: TaskDatasets()}
	}
	a, err := arch.Parse(ds.Space, s)
	if err != nil {
		return Example{}, err
	}
	t.addArch(0, a, 0)
	return t.Examples([]int{0})[0], nil
}

// NewTask builds a task from architectures and their target values, e.g. sampled
// networks scored by any metric; log learns log(y) (positive targets such as latency).
func NewTask(dataset, target string, archs []arch.Arch, y []float64, log bool) (*Task, error) {
	if len(archs) != len(y) {
		return nil, fmt.Errorf("task %s/%s: %d architectures, %d values", dataset, target, len(archs), len(y))
	}
	t := &Task{Dataset: dataset, Target: target, Log: log, Source: "memory"}
	for i, a := range archs {
		if math.IsNaN(y[i]) || math.IsInf(y[i], 0) || (log && y[i] <= 0) {
			return nil, fmt.Errorf("task %s/%s: value %v of architecture %d (%s) is not usable", dataset, target, y[i], i, a)
		}
		t.addArch(i, a, y[i])
	}
	return t, nil
}
