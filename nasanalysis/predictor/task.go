package predictor

import (
	"encoding/json"
	"fmt"
	"math"
	"slices"
	"strings"

	"github.com/nasanalysis/nasanalysis/nasanalysis/data"
	"github.com/nasanalysis/nasanalysis/nasanalysis/latency"
	"github.com/nasanalysis/nasanalysis/nasanalysis/space"
)

// MeasuredSpace names the project's own dataset of OFA-MobileNetV3 networks timed on this
// machine (datasets/ofa-mbv3-r160-measured.csv); its one target is MeasuredTarget.
// Every network in it was timed at MeasuredResolution px, at the space's default width.
const (
	MeasuredSpace      = "ofa-mbv3-measured"
	MeasuredTarget     = "median_ms"
	MeasuredResolution = 160
)

// TaskSpaces lists the spaces a Task can be built for: the four latency datasets and the
// measured dataset.
func TaskSpaces() []string { return append(data.DatasetNames(), MeasuredSpace) }

// Task is one supervised problem: every architecture of a dataset that has a value of
// the target, with both encodings (flat for the MLP and the linear baseline, graph for
// the GCN) and the architecture's cost in MACs for the FLOPs baseline.
type Task struct {
	Space  string // dataset name, as given to LoadTask
	Target string // accuracy column or device
	Log    bool   // latency targets are learned as log latency (they are positive and skewed)
	Archs  []string
	IDs    []int     // arch_index / arch_id / measured row (0-based)
	Y      []float64 // target, in its own units (accuracy %, latency ms)
	X      [][]float64
	DAGs   []DAG
	MACs   []float64 // millions; nil when the space has no cost model here (FBNet)
	Source string    // file the target came from
}

// NameError is an unknown space or target. It lists the known names, and lets a command
// line tell a misspelt name (a usage error) from data it could not read.
type NameError struct {
	What  string // "space" or "target"
	Name  string
	Space string // for a target: the space it was asked of
	Known []string
}

func (e *NameError) Error() string {
	if e.What == "target" {
		return fmt.Sprintf("unknown target %q for space %s (known: %s)", e.Name, e.Space, strings.Join(e.Known, ", "))
	}
	return fmt.Sprintf("unknown %s %q (known: %s)", e.What, e.Name, strings.Join(e.Known, ", "))
}

// TargetsOf lists the targets known for a space: NB201 accuracy columns (nb201 and
// nb201-full) and the dataset's devices, or MeasuredTarget.
func TargetsOf(name string) ([]string, error) {
	if name == MeasuredSpace {
		return []string{MeasuredTarget}, nil
	}
	ds, err := data.Lookup(name)
	if err != nil {
		return nil, &NameError{What: "space", Name: name, Known: TaskSpaces()}
	}
	var out []string
	if ds.AccuracyFile != "" {
		out = append(out, data.AccuracyColumns...)
	}
	return append(out, ds.Devices...), nil
}

// LoadTask builds the task for a target of a space. NB201 accuracy targets cover all
// 15,625 cells (from nb201/accuracy.csv, whichever NB201 dataset is named); latency
// targets cover the dataset's architectures measured on that device. dataDir is the
// --data flag ("" for the default resolution order).
func LoadTask(dataDir, name, target string) (*Task, error) {
	targets, err := TargetsOf(name)
	if err != nil {
		return nil, err
	}
	if !slices.Contains(targets, target) {
		return nil, &NameError{What: "target", Name: target, Space: name, Known: targets}
	}
	t := &Task{Space: name, Target: target}
	switch {
	case name == MeasuredSpace:
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
	for k, a := range acc.Archs {
		if err := t.addNB201(k, a, col[k]); err != nil {
			return fmt.Errorf("%s line %d: %w", acc.Path, k+2, err)
		}
	}
	return nil
}

func (t *Task) loadLatency(dataDir string) error {
	lat, err := data.LoadLatency(dataDir, t.Space)
	if err != nil {
		return err
	}
	col, err := lat.Column(t.Target)
	if err != nil {
		return err
	}
	t.Source, t.Log = lat.Path, true
	for i, a := range lat.Archs {
		v := col[i]
		if math.IsNaN(v) {
			continue // not measured on this device
		}
		if v <= 0 {
			return fmt.Errorf("%s line %d, column %s: latency %v is not positive", lat.Path, i+2, t.Target, v)
		}
		err = t.addArch(lat.Dataset.Space, lat.IDs[i], a, v)
		if err != nil {
			return fmt.Errorf("%s line %d: %w", lat.Path, i+2, err)
		}
	}
	return nil
}

func (t *Task) loadMeasured() error {
	path, err := data.ProjectFile(latency.MeasuredFile)
	if err != nil {
		return err
	}
	rec, err := latency.ReadMeasured(path, space.MBv3)
	if err != nil {
		return err
	}
	t.Source, t.Log = path, true
	for i, a := range rec.Archs {
		if err := t.addMeasured(i, a, rec.MS[i]); err != nil {
			return fmt.Errorf("%s line %d: %w", path, i+2, err)
		}
	}
	return nil
}

// inMeasuredDomain refuses architectures unlike the measured ones: a predictor trained
// on them would extrapolate, and its number would read like a measurement.
func inMeasuredDomain(a space.MBArch) error {
	if a.Space() != space.MBv3 || a.Width() != space.MBv3.DefaultWidth || a.R != MeasuredResolution {
		return fmt.Errorf("%s is outside the measured data (OFA-MobileNetV3, width %.1f, %d px)",
			a.JSON(), space.MBv3.DefaultWidth, MeasuredResolution)
	}
	return nil
}

// addArch adds an architecture string of an architecture space ("nb201", "fbnet" or
// "ofa-mbv3", OFA's JSON form), checking it first.
func (t *Task) addArch(kind string, id int, arch string, y float64) error {
	switch kind {
	case "nb201":
		return t.addNB201(id, arch, y) // parsing the cell checks it
	case "fbnet":
		if err := data.ValidateArch(kind, arch); err != nil {
			return err
		}
		return t.addFBNet(id, arch, y)
	case "ofa-mbv3":
		if err := data.ValidateArch(kind, arch); err != nil {
			return err
		}
		var o data.OFAArch
		if err := json.Unmarshal([]byte(arch), &o); err != nil {
			return err
		}
		return t.addOFA(id, arch, o, y)
	}
	return fmt.Errorf("no encoding for space %q", kind)
}

// addMeasured adds a network of the measured space, refusing one outside its domain.
func (t *Task) addMeasured(id int, a space.MBArch, y float64) error {
	if err := inMeasuredDomain(a); err != nil {
		return err
	}
	return t.addOFA(id, a.JSON(), data.OFAArch{KS: a.KS, E: a.E, D: a.D, R: a.R}, y)
}

func (t *Task) addNB201(id int, arch string, y float64) error {
	c, err := data.ParseCell(arch)
	if err != nil {
		return err
	}
	t.add(id, arch, y, c.OneHot(), NB201DAG(c))
	t.MACs = append(t.MACs, NB201MMACs(c))
	return nil
}

func (t *Task) addFBNet(id int, arch string, y float64) error {
	g, err := FBNetDAG(arch)
	if err != nil {
		return err
	}
	x := make([]float64, 0, data.FBNetLayers*len(data.FBNetChoices))
	for _, n := range g.Nodes[1 : data.FBNetLayers+1] {
		x = append(x, n[2:2+len(data.FBNetChoices)]...)
	}
	t.add(id, arch, y, x, g)
	return nil
}

func (t *Task) addOFA(id int, arch string, o data.OFAArch, y float64) error {
	g, err := OFADAG(o)
	if err != nil {
		return err
	}
	// Flat encoding: the graph's slot nodes (kernel and expand one-hots, the skipped
	// flag) side by side, then the resolution.
	x := make([]float64, 0, 20*7+1)
	for _, n := range g.Nodes[1:21] {
		x = append(x, n[3:9]...)
		x = append(x, n[14])
	}
	x = append(x, g.Nodes[0][2])
	t.add(id, arch, y, x, g)
	// MACs of the width-1.2 network the OFA predictor and tables use; the GPU table's
	// 4-px resolution steps are outside the space's sampling grid but cost the same way.
	a := space.MBArch{KS: o.KS, E: o.E, D: o.D, R: o.R}
	t.MACs = append(t.MACs, a.Cost().MACs/1e6)
	return nil
}

func (t *Task) add(id int, arch string, y float64, x []float64, g DAG) {
	t.IDs = append(t.IDs, id)
	t.Archs = append(t.Archs, arch)
	t.Y = append(t.Y, y)
	t.X = append(t.X, x)
	t.DAGs = append(t.DAGs, g)
}

// Len is the number of architectures with a target value.
func (t *Task) Len() int { return len(t.Y) }

// NB201MMACs returns the multiply-accumulates (millions) of the CIFAR NAS-Bench-201
// network built from the cell: a 3x3 stem to 16 channels at 32x32; three stages of five
// cells at 16, 32 and 64 channels (32x32, 16x16, 8x8) joined by two residual reduction
// blocks; a 64 -> 10 classifier. Each stage's C²·H·W is the same 262,144, so a 1x1
// convolution edge costs 15 cells x 262,144 MACs and a 3x3 one nine times that. Pooling
// and batch-norm work are not counted, as NAS-Bench-201's FLOPs do not count them; the
// extremes match its published CIFAR-10 range, 7.78305 M (no convolution in the cell)
// to 220.11969 M (six 3x3 convolutions).
func NB201MMACs(c data.Cell) float64 {
	const (
		stem       = 3 * 16 * 9 * 32 * 32
		reduction1 = 16*32*9*16*16 + 32*32*9*16*16 + 16*32*16*16 // conv3x3 s2, conv3x3, 1x1 shortcut
		reduction2 = 32*64*9*8*8 + 64*64*9*8*8 + 32*64*8*8
		classifier = 64*10 + 10 // NAS-Bench-201's counter includes the classifier's bias
		perC2HW    = 16 * 16 * 32 * 32
		cells      = 15
	)
	macs := float64(stem + reduction1 + reduction2 + classifier)
	for _, op := range c {
		switch op {
		case data.OpConv1x1:
			macs += cells * perC2HW
		case data.OpConv3x3:
			macs += cells * 9 * perC2HW
		}
	}
	return macs / 1e6
}

// EncodeArch encodes one architecture string of a task space (an NB201 cell string, an
// FBNet layer list, or OFA's JSON form) as a predictor's input.
func EncodeArch(spaceName, arch string) (Example, error) {
	t := &Task{}
	sp := spaceName
	if sp != MeasuredSpace {
		ds, err := data.Lookup(spaceName)
		if err != nil {
			return Example{}, &NameError{What: "space", Name: spaceName, Known: TaskSpaces()}
		}
		sp = ds.Space
	}
	var err error
	if sp == MeasuredSpace {
		var a space.MBArch
		if a, err = space.ParseMB(space.MBv3, arch); err == nil {
			err = t.addMeasured(0, a, 0)
		}
	} else {
		err = t.addArch(sp, 0, arch, 0)
	}
	if err != nil {
		return Example{}, err
	}
	return t.Examples([]int{0})[0], nil
}
