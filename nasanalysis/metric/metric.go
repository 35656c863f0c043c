package metric

import (
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"

	"github.com/nasanalysis/nasanalysis/nasanalysis/arch"
	"github.com/nasanalysis/nasanalysis/nasanalysis/data"
	"github.com/nasanalysis/nasanalysis/nasanalysis/latency"
	"github.com/nasanalysis/nasanalysis/nasanalysis/predictor"
	"github.com/nasanalysis/nasanalysis/nasanalysis/predictor/ofa"
)

// Metric computes one number per architecture of a batch.
type Metric struct {
	Name string
	Unit string // "%", "M" (millions) or "ms"
	// About says where the numbers come from, with any estimate's quality, and the
	// width and resolutions the metric assumes: an OFA-MobileNetV3 line without "w" is
	// a network of the width-1.2 supernet, which nothing on the line itself shows.
	About string
	// Values returns the metric of each architecture, in order.
	Values func(as []arch.Arch) ([]float64, error)
	// Deterministic is false for measured latency, which differs run to run.
	Deterministic bool
	// Covers is where the metric's numbers hold: the family, widths, resolutions and
	// blocks its data describes. Values refuses an architecture outside it, and
	// CheckSpace checks a whole space against it before anything is sampled.
	Covers Coverage
}

// Coverage is the part of the design spaces a metric's data describes (OFA's accuracy
// predictors, the lookup tables, the GPU predictor's table): a number computed outside
// it would be an extrapolation, or an index out of range, that reads like a real one.
// A zero field covers everything: MACs, FLOPs, parameters and measured latency cover
// every architecture the networks' layer plan has, note10_r<RES> every resolution (it
// prices a network at RES whatever its own).
type Coverage struct {
	// Family is the one architecture family covered ("": any).
	Family string
	// Widths are the supernet widths of the mobile families covered (nil: any).
	Widths []float64
	// Resolutions are the input resolutions covered (nil: every one the networks run
	// at, arch.RunResolutions). Values refuses another with a *ResolutionError.
	Resolutions *arch.Resolutions
	// Blocks are the blocks covered in the networks' active slots (nil: every block).
	Blocks []arch.Block
	// Source names the data and says it covers, for messages: "OFA's Note10 lookup
	// tables cover".
	Source string
	// Hint says what to use instead, if anything.
	Hint string
}

// ResolutionError is an architecture at an input resolution where a metric is not
// defined, such as a 236-px network for OFA's accuracy predictor or the Note10 tables.
type ResolutionError struct {
	Metric     string
	Arch       int // position in the batch, from 1
	Resolution int
	Supported  arch.Resolutions
	Source     string // the data that fixes Supported, e.g. "OFA's Note10 lookup tables cover"
	Hint       string // what to use instead, if anything
}

func (e *ResolutionError) Error() string {
	s := fmt.Sprintf("metric %s is not defined at %d px (architecture %d): %s %s", e.Metric, e.Resolution, e.Arch, e.Source, e.Supported)
	if e.Hint != "" {
		s += " (" + e.Hint + ")"
	}
	return s
}

// restrict makes m refuse, before computing anything, every architecture outside c.
func restrict(m *Metric, c Coverage) *Metric {
	m.Covers = c
	values := m.Values
	m.Values = func(as []arch.Arch) ([]float64, error) {
		for i, a := range as {
			if err := c.check(m.Name, i+1, a); err != nil {
				return nil, err
			}
		}
		return values(as)
	}
	return m
}

// check returns an error naming the metric, the architecture's position in its batch
// and the first of its choices outside c.
func (c Coverage) check(metric string, pos int, a arch.Arch) error {
	if r, ok := arch.InputResolution(a); ok && c.Resolutions != nil && !c.Resolutions.Contains(r) {
		return &ResolutionError{Metric: metric, Arch: pos, Resolution: r, Supported: *c.Resolutions, Source: c.Source, Hint: c.Hint}
	}
	mb, isMB := a.(arch.MBArch)
	family := ""
	switch {
	case isMB:
		family = mb.Space().Name
	case c.Family != "":
		if _, ok := a.(arch.ResNetArch); ok {
			family = arch.OFAResNet50
		}
	}
	if isMB && (c.Family != "" && family != c.Family || c.Widths != nil && !slices.Contains(c.Widths, mb.Width())) {
		return fmt.Errorf("metric %s is not defined for %s at width %v (architecture %d): %s %s at width %s",
			metric, family, mb.Width(), pos, c.Source, c.Family, widthList(c.Widths))
	}
	if !isMB && c.Family != "" && family != c.Family {
		return fmt.Errorf("metric %s is not defined for %T (architecture %d): %s %s", metric, a, pos, c.Source, c.Family)
	}
	if c.Blocks == nil {
		return nil
	}
	switch a := a.(type) {
	case arch.MBArch:
		for s, d := range a.D {
			for l := range d {
				if b := (arch.Block{Kernel: a.KS[4*s+l], Expand: float64(a.E[4*s+l])}); !slices.Contains(c.Blocks, b) {
					return fmt.Errorf("metric %s is not defined for block %s (architecture %d, stage %d, layer %d): %s %s",
						metric, b, pos, s, l, c.Source, blockList(c.Blocks))
				}
			}
		}
	case arch.ResNetArch:
		for _, e := range a.ActiveExpands() {
			if b := (arch.Block{Expand: e}); !slices.Contains(c.Blocks, b) {
				return fmt.Errorf("metric %s is not defined for block %s (architecture %d): %s %s", metric, b, pos, c.Source, blockList(c.Blocks))
			}
		}
	}
	return nil
}

func widthList(ws []float64) string {
	s := make([]string, len(ws))
	for i, w := range ws {
		s[i] = strconv.FormatFloat(w, 'g', -1, 64)
	}
	if len(s) > 1 {
		return strings.Join(s[:len(s)-1], ", ") + " or " + s[len(s)-1]
	}
	return strings.Join(s, "")
}

func blockList(bs []arch.Block) string {
	s := make([]string, len(bs))
	for i, b := range bs {
		s[i] = b.String()
	}
	return strings.Join(s, ",")
}

// widthNote says at which width a space's networks are costed and measured.
func widthNote(space string) string {
	switch space {
	case arch.OFAMBv3:
		return fmt.Sprintf(`width %.1f unless its line gives "w"`, arch.MBv3.DefaultWidth)
	case arch.ProxylessNAS:
		return fmt.Sprintf(`width %.1f unless its line gives "w"`, arch.Proxyless.DefaultWidth)
	case arch.OFAResNet50:
		return `its own per-stage widths ("w")`
	}
	return "its own width"
}

// The data behind the fixed-resolution metrics.
var (
	mbv3Supernet = fmt.Sprintf("width-%.1f OFA-MobileNetV3 supernet (%s's default width)", arch.MBv3.DefaultWidth, arch.OFAMBv3)
	// The GPU table (HELP's) holds width-1.2 networks at 128..224 px in 4-px steps; the
	// predictor takes the resolution as a number, so it interpolates between them.
	gpuResolutions = arch.Resolutions{Min: arch.MBMinResolution, Max: arch.MBMaxResolution}
)

// Options are what some metrics need beyond the architectures.
type Options struct {
	DataDir  string // "" = data.Resolve's default
	ModelDir string // predicted: a saved measured-latency predictor
	// Predicted, when set, is the measured-latency predictor itself (ModelDir unused).
	Predicted *predictor.Trained
	// measured: the engine (latency.EngineORT when empty) and protocol: the paired
	// protocol (Paired; latency.DefaultPaired when zero), each network's time scaled to
	// its reference's calm time, from CalmFile (written to when a reference is missing)
	// or, when CalmFile is empty, from the project's datasets/calm-<engine>.csv if there
	// (read only: a missing reference is calibrated for this run alone); or, when Single,
	// the single-network protocol Protocol (latency.DefaultProtocol when zero). Progress
	// is called after each network.
	Engine   string
	Paired   latency.PairedProtocol
	CalmFile string
	Single   bool
	Protocol latency.Protocol
	Progress func()
	// gpu_<column>: labelled networks the GPU predictor is trained on (1,000 when 0)
	// and its seed.
	GPUTrain int
	GPUSeed  uint64
}

// GPUDataset is the dataset gpu_<column> predictors learn from.
const GPUDataset = "ofa-mbv3-gpu"

// Names lists the metrics of a design space; gpu_<column> stands for one metric per
// column of the GPU dataset.
func Names(space string) []string {
	common := []string{"macs", "flops", "params"}
	switch space {
	case arch.OFAMBv3:
		out := append(append([]string{"acc"}, common...), "flops_bp")
		for _, r := range arch.MBResolutions {
			out = append(out, fmt.Sprintf("note10_r%d", r))
		}
		return append(out, "note10", "gpu_<column>", "predicted", "measured", "local_lut")
	case arch.ProxylessNAS:
		return append(common, "pn_mobile", "measured", "local_lut")
	case arch.OFAResNet50:
		return append(append([]string{"acc"}, common...), "measured", "local_lut")
	}
	return nil
}

// NameError is a metric a space does not have.
type NameError struct{ Name, Space string }

func (e *NameError) Error() string {
	return fmt.Sprintf("metric %q is not available for %s (available: %s)", e.Name, e.Space, strings.Join(Names(e.Space), ", "))
}

// Available reports whether name is a metric of space, without loading anything.
func Available(name, space string) bool {
	if strings.HasPrefix(name, "gpu_") && len(name) > 4 && !strings.ContainsAny(name, "<>") {
		return space == arch.OFAMBv3
	}
	return slices.Contains(Names(space), name) && name != "gpu_<column>"
}

// New returns the named metric of a space, loading what it needs (predictor weights,
// lookup tables; for gpu_<column>, training the predictor).
func New(name, space string, o Options) (*Metric, error) {
	if !Available(name, space) {
		return nil, &NameError{name, space}
	}
	switch {
	case name == "macs" || name == "flops" || name == "params":
		return costMetric(name, space), nil
	case name == "flops_bp":
		return flopsBPMetric(), nil
	case name == "acc":
		return accMetric(space, o.DataDir)
	case strings.HasPrefix(name, "note10"):
		return note10Metric(name, o.DataDir)
	case name == "pn_mobile":
		pm, err := latency.LoadProxylessMobile(o.DataDir)
		if err != nil {
			return nil, err
		}
		about := fmt.Sprintf("ProxylessNAS's mobile lookup table (ms), measured at width %.1f (not %s's default %.1f) and %s, expand ratios 3 and 6 only",
			latency.ProxylessMobileWidth, arch.ProxylessNAS, arch.Proxyless.DefaultWidth, latency.ProxylessMobileResolutions)
		c, _ := CoverageOf(name, space)
		return restrict(sourceMetric(name, about, pm), c), nil
	case strings.HasPrefix(name, "gpu_"):
		return gpuMetric(strings.TrimPrefix(name, "gpu_"), o)
	case name == "predicted":
		return predictedMetric(o.ModelDir, o.Predicted)
	case name == "measured":
		return measuredMetric(space, o)
	case name == "local_lut":
		return localLUTMetric(space)
	}
	return nil, &NameError{name, space}
}

type costed interface {
	Cost() arch.Cost
}

// costMetric is defined at every resolution and width: it follows the layer plan.
func costMetric(name, space string) *Metric {
	m := &Metric{Name: name, Unit: "M", Deterministic: true}
	var pick func(c arch.Cost) float64
	switch name {
	case "macs":
		m.About, pick = "multiply-accumulates of the layer plan", func(c arch.Cost) float64 { return c.MACs }
	case "flops":
		m.About, pick = "2 x multiply-accumulates of the layer plan (BlockProfile's published FLOPs are counted another way: flops_bp)", func(c arch.Cost) float64 { return 2 * c.MACs }
	default:
		m.About, pick = "parameters of the layer plan", func(c arch.Cost) float64 { return c.Params }
	}
	m.About += ", each network at its own resolution and " + widthNote(space)
	m.Values = func(as []arch.Arch) ([]float64, error) {
		out := make([]float64, len(as))
		for i, a := range as {
			c, ok := a.(costed)
			if !ok {
				return nil, fmt.Errorf("architecture %d: %T has no cost model", i+1, a)
			}
			out[i] = pick(c.Cost()) / 1e6
		}
		return out, nil
	}
	return m
}

// accMetric is OFA's accuracy predictor of the space, defined where its encoding is:
// the MobileNetV3 predictor's encoding has no width (it was trained on the w1.2
// supernet) and 16-px resolution slots, the ResNet50 predictor's a slot per resolution.
func accMetric(space, dataDir string) (*Metric, error) {
	var p *ofa.Predictor
	var err error
	var about string
	d, _ := CoverageOf("acc", space)
	if space == arch.OFAResNet50 {
		p, err = ofa.LoadResNet50(dataDir)
		about = fmt.Sprintf("OFA's released OFA-ResNet50 accuracy predictor (ImageNet top-1), at %s and %s", arch.ResNetPredictorResolutions, widthNote(space))
	} else {
		p, err = ofa.LoadMBv3(dataDir)
		about = fmt.Sprintf("OFA's released accuracy predictor (ImageNet top-1) of the %s, at %s", mbv3Supernet, arch.MBElasticResolutions)
	}
	if err != nil {
		return nil, err
	}
	return restrict(&Metric{Name: "acc", Unit: "%", About: about, Deterministic: true,
		Values: func(as []arch.Arch) ([]float64, error) {
			X := make([][]float64, len(as))
			for i, a := range as {
				switch a := a.(type) {
				case arch.MBArch:
					X[i] = a.OFAFeatures()
				case arch.ResNetArch:
					X[i] = a.OFAFeatures()
				default:
					return nil, fmt.Errorf("architecture %d: no OFA accuracy predictor for %T", i+1, a)
				}
			}
			pred, err := p.Predict(X)
			for i := range pred {
				pred[i] *= 100
			}
			return pred, err
		}}, d), nil
}

// mobile converts a batch to OFA mobile architectures.
func mobile(as []arch.Arch) ([]arch.MBArch, error) { return arch.AsMB(as) }

func sourceMetric(name, about string, src latency.Source) *Metric {
	return &Metric{Name: name, Unit: "ms", About: about, Deterministic: true, Values: func(as []arch.Arch) ([]float64, error) {
		mb, err := mobile(as)
		if err != nil {
			return nil, err
		}
		return latency.Latencies(src, mb)
	}}
}

// note10Metric prices networks with OFA's Note10 tables: note10 at each network's own
// resolution, defined where a table exists; note10_r<RES> at RES, defined at any
// resolution. Both need the width the tables were measured at.
func note10Metric(name, dataDir string) (*Metric, error) {
	n10, err := latency.LoadNote10(dataDir)
	if err != nil {
		return nil, err
	}
	d, _ := CoverageOf(name, arch.OFAMBv3)
	if name == "note10" {
		about := fmt.Sprintf("OFA's Samsung Note10 lookup tables (ms) at each network's own resolution, measured for the %s at %s", mbv3Supernet, latency.Note10Resolutions)
		return restrict(sourceMetric(name, about, n10), d), nil
	}
	r, err := strconv.Atoi(strings.TrimPrefix(name, "note10_r"))
	if err != nil || !latency.Note10Resolutions.Contains(r) {
		return nil, &NameError{name, arch.OFAMBv3}
	}
	m := sourceMetric(name, fmt.Sprintf("OFA's Samsung Note10 lookup table at %d px (ms), whatever each network's own resolution, measured for the %s", r, mbv3Supernet), n10)
	values := m.Values
	m.Values = func(as []arch.Arch) ([]float64, error) {
		at := make([]arch.Arch, len(as))
		for i, a := range as {
			mb, ok := a.(arch.MBArch)
			if !ok {
				return nil, fmt.Errorf("architecture %d: %T is not an OFA mobile architecture", i+1, a)
			}
			mb = mb.Clone()
			mb.R = r
			at[i] = mb
		}
		return values(at)
	}
	return restrict(m, d), nil
}

func predictedMetric(modelDir string, p *predictor.Trained) (*Metric, error) {
	if p == nil {
		if modelDir == "" {
			return nil, fmt.Errorf("metric predicted needs a saved predictor (train --dataset %s --model-dir DIR)", predictor.MeasuredDataset)
		}
		var err error
		if p, err = predictor.Load(modelDir); err != nil {
			return nil, err
		}
	} else {
		modelDir = "a predictor trained on " + p.Dataset
	}
	if !predictor.IsMeasured(p.Dataset) {
		return nil, fmt.Errorf("%s predicts %s on %s, not this machine's measured latency (train it with --dataset %s or %s)", modelDir, p.Target, p.Dataset, predictor.MeasuredDataset, predictor.MeasuredAllResDataset)
	}
	src, err := predictor.NewPredictedLatency(p)
	if err != nil {
		return nil, err
	}
	// The predictor knows the width and resolutions it was trained on and refuses the
	// rest; its error is given the metric's name and the architecture's place here.
	about := fmt.Sprintf("this machine's latency as predicted by %s, for %s networks at the resolutions of %s only",
		modelDir, mbv3Supernet, p.Dataset)
	// Covers is stated for CheckSpace; Values leaves the refusals to the predictor,
	// which knows its training data.
	return &Metric{Name: "predicted", Unit: "ms", About: about, Deterministic: true, Covers: measuredCoverage(p.Dataset),
		Values: func(as []arch.Arch) ([]float64, error) {
			mb, err := mobile(as)
			if err != nil {
				return nil, err
			}
			out, err := src.Latencies(mb)
			if err == nil {
				return out, nil
			}
			for i, a := range mb { // name the architecture the predictor refuses
				if _, err := src.Latencies([]arch.MBArch{a}); err != nil {
					return nil, fmt.Errorf("metric predicted is not defined at %d px, width %v (architecture %d): %w", a.R, a.Width(), i+1, err)
				}
			}
			return nil, fmt.Errorf("metric predicted: %w", err)
		}}, nil
}

// CoverageOf is the coverage of the named metric of a family, known without loading
// anything (New's metric carries the same, as Metric.Covers). For predicted, whose
// resolutions depend on the saved predictor, it is the family and width only.
func CoverageOf(name, family string) (Coverage, error) {
	if !Available(name, family) {
		return Coverage{}, &NameError{name, family}
	}
	mbv3 := func(width float64, source string) Coverage {
		return Coverage{Family: arch.OFAMBv3, Widths: []float64{width}, Source: source}
	}
	var c Coverage
	switch {
	case name == "acc" && family == arch.OFAResNet50:
		c = Coverage{Family: arch.OFAResNet50, Resolutions: &arch.ResNetPredictorResolutions, Source: "OFA's ResNet50 accuracy predictor covers"}
	case name == "acc":
		c = mbv3(arch.MBv3.DefaultWidth, "OFA's MobileNetV3 accuracy predictor covers")
		c.Resolutions = &arch.MBElasticResolutions
	case name == "note10":
		c = mbv3(latency.Note10Width, "OFA's Note10 lookup tables cover")
		c.Resolutions, c.Hint = &latency.Note10Resolutions, "note10_r<RES> prices a network at one of them"
	case strings.HasPrefix(name, "note10_r"):
		c = mbv3(latency.Note10Width, "OFA's Note10 lookup tables cover")
	case name == "pn_mobile":
		c = Coverage{Family: arch.ProxylessNAS, Widths: []float64{latency.ProxylessMobileWidth}, Resolutions: &latency.ProxylessMobileResolutions,
			Blocks: pnMobileBlocks(), Source: "ProxylessNAS's mobile lookup table covers"}
	case strings.HasPrefix(name, "gpu_"):
		ds, _ := data.Lookup(GPUDataset)
		c = mbv3(arch.MBv3.DefaultWidth, "its training data, "+ds.LatencyFile+", covers")
		c.Resolutions = &gpuResolutions
	case name == "predicted":
		c = measuredCoverage("")
	case name == "local_lut":
		c = localLUTCoverage(family)
	case name == "flops_bp":
		c = mbv3(arch.FLOPsTableWidth, "OFA's FLOPsTable, as BlockProfile uses it, covers")
		c.Resolutions = &arch.FLOPsTableResolutions
	}
	return c, nil
}

// localLUTCoverage is what measure-lut builds by default: the space's default width, and
// the mobile spaces' five resolutions or OFA-ResNet50's eight.
func localLUTCoverage(family string) Coverage {
	c := Coverage{Family: family, Source: "this machine's lookup tables (datasets/lut-*.yaml) cover", Hint: "measure-lut --res builds tables at others"}
	switch family {
	case arch.OFAMBv3:
		c.Widths, c.Resolutions = []float64{arch.MBv3.DefaultWidth}, &arch.Resolutions{List: arch.MBResolutions}
	case arch.ProxylessNAS:
		c.Widths, c.Resolutions = []float64{arch.Proxyless.DefaultWidth}, &arch.Resolutions{List: arch.MBResolutions}
	case arch.OFAResNet50:
		c.Resolutions = &arch.Resolutions{List: arch.ResNetResolutions}
	}
	return c
}

// localLUTMetric prices networks with this machine's own tables (latency.LoadProjectLUT)
// at each network's own resolution: the sum of its operators' entries, calibrated on the
// calibration networks (scale and overhead).
func localLUTMetric(space string) (*Metric, error) {
	l, err := latency.LoadProjectLUT(space)
	if err != nil {
		return nil, fmt.Errorf("metric local_lut: %w", err)
	}
	m := &Metric{Name: "local_lut", Unit: "ms", Deterministic: true,
		About: fmt.Sprintf("this machine's own lookup tables (ONNX Runtime, 1 thread; every operator timed alone under the paired protocol, ms scaled to the calm reference) at each network's own resolution, %v px, calibrated as %.4f x sum %+.3f ms, fitted on %d networks of %s", l.Resolutions(), l.Scale, l.Overhead, l.CalibrationN, latency.CalibrationFile(space)),
		Values: func(as []arch.Arch) ([]float64, error) {
			out := make([]float64, len(as))
			for i, a := range as {
				v, err := l.Latency(a)
				if err != nil {
					return nil, fmt.Errorf("architecture %d: %w", i+1, err)
				}
				out[i] = v
			}
			return out, nil
		}}
	return restrict(m, localLUTCoverage(space)), nil
}

// flopsBPMetric is BlockProfile's FLOPs of OFA-MobileNetV3: twice OFA's FLOPsTable
// count (arch.MBArch.FLOPsTableCount says where each rule comes from and why twice).
func flopsBPMetric() *Metric {
	c, _ := CoverageOf("flops_bp", arch.OFAMBv3)
	m := &Metric{Name: "flops_bp", Unit: "M", Deterministic: true,
		About: "FLOPs as BlockProfile's published figure counts them: 2 x OFA's FLOPsTable count (its own w1.2 layer list, int(round(c x 1.2)) channels, thop's rules), millions; 3.5-4.4 M below each published block mean under the released deepening rule",
		Values: func(as []arch.Arch) ([]float64, error) {
			out := make([]float64, len(as))
			for i, a := range as {
				mb, ok := a.(arch.MBArch)
				if !ok {
					return nil, fmt.Errorf("architecture %d: %T is not an %s network", i+1, a, arch.OFAMBv3)
				}
				n, err := mb.FLOPsTableCount()
				if err != nil {
					return nil, fmt.Errorf("metric flops_bp, architecture %d: %w", i+1, err)
				}
				out[i] = 2 * n / 1e6
			}
			return out, nil
		}}
	return restrict(m, c)
}

// measuredCoverage is what a predictor trained on one of this machine's measured
// datasets covers: OFA-MobileNetV3 networks at the default width, at 160 px
// (predictor.MeasuredDataset) or at the sampled resolutions 160 to 224 px
// (predictor.MeasuredAllResDataset, whose predictor accepts the range between).
func measuredCoverage(dataset string) Coverage {
	c := Coverage{Family: arch.OFAMBv3, Widths: []float64{arch.MBv3.DefaultWidth}, Source: "the predictor's training data, " + dataset + ", covers"}
	switch dataset {
	case "":
		c.Source = "a predictor of this machine's measured latency covers"
	case predictor.MeasuredDataset:
		c.Resolutions = &arch.Resolutions{List: []int{predictor.MeasuredResolution}}
	case predictor.MeasuredAllResDataset:
		c.Resolutions = &arch.Resolutions{Min: arch.MBResolutions[0], Max: arch.MBResolutions[len(arch.MBResolutions)-1]}
	}
	return c
}

// pnMobileBlocks are the blocks ProxylessNAS's mobile table prices: the original
// ProxylessNAS space's expand ratios 3 and 6 with every kernel (latency.ProxylessMobile
// refuses expand 4).
func pnMobileBlocks() []arch.Block {
	all, _ := arch.Blocks(arch.ProxylessNAS)
	return slices.DeleteFunc(all, func(b arch.Block) bool { return b.Expand == 4 })
}

// measuredMetric times each network on this machine (see Options): under the paired
// protocol its value is the network's ratio to its reference times the reference's calm
// time, the scaled_ms of `measure`; under the single protocol its median.
func measuredMetric(space string, o Options) (*Metric, error) {
	name := o.Engine
	if name == "" {
		name = latency.EngineORT
	}
	eng, err := latency.NewEngine(name)
	if err != nil {
		return nil, err
	}
	if o.Single {
		return singleMeasured(eng, o)
	}
	opener, ok := eng.(latency.Opener)
	if !ok {
		return nil, fmt.Errorf("metric measured: engine %s cannot open a network for the paired protocol's alternating runs; use the single-network protocol", eng.Name())
	}
	p := o.Paired
	if p == (latency.PairedProtocol{}) {
		p = latency.DefaultPaired
	}
	if err := p.Check(); err != nil {
		return nil, err
	}
	path, readOnly := o.CalmFile, false
	if path == "" {
		if proj, err := data.ProjectFile("calm-" + eng.Name() + ".csv"); err == nil {
			path, readOnly = proj, true
		}
	}
	calm, err := latency.NewCalmTimes(path, readOnly, space, eng, opener, p, nil, io.Discard)
	if err != nil {
		return nil, fmt.Errorf("metric measured: %w", err)
	}
	calmNote := "calibrated in this run"
	if path != "" {
		calmNote = "from " + path
	}
	return &Metric{Name: "measured", Unit: "ms",
		About: fmt.Sprintf("latency on this machine under the paired protocol (each network timed in rounds of %d runs against its space's reference network at its resolution until the ratio is known to ±%.0f %%, scaled to the reference's calm time, %s), %s %s, %d thread(s), each network at its own resolution and width (ofa-mbv3: %.1f unless its line gives \"w\")",
			p.Burst, 100*p.TargetCI, calmNote, eng.Name(), eng.Version(), p.Threads, arch.MBv3.DefaultWidth),
		Values: func(as []arch.Arch) ([]float64, error) {
			out := make([]float64, len(as))
			for i, a := range as {
				ref, err := latency.ReferenceFor(space, a)
				if err != nil {
					return nil, fmt.Errorf("architecture %d: %w", i+1, err)
				}
				ms, err := calm.Of(ref)
				if err != nil {
					return nil, fmt.Errorf("architecture %d: %w", i+1, err)
				}
				t, err := latency.MeasurePaired(opener, a, ref, p)
				if err != nil {
					return nil, fmt.Errorf("architecture %d: %w", i+1, err)
				}
				out[i] = t.Ratio * ms
				if o.Progress != nil {
					o.Progress()
				}
			}
			return out, nil
		}}, nil
}

// singleMeasured is the measured metric under the single-network protocol: each
// network's median time, which follows the host's speed.
func singleMeasured(eng latency.Engine, o Options) (*Metric, error) {
	p := o.Protocol
	if p == (latency.Protocol{}) {
		p = latency.DefaultProtocol
	}
	if err := p.Check(); err != nil {
		return nil, err
	}
	return &Metric{Name: "measured", Unit: "ms",
		About: fmt.Sprintf("median latency on this machine (single-network protocol, not corrected for the host's speed), %s %s, %d thread(s), of each network at its own resolution and width (ofa-mbv3: %.1f unless its line gives \"w\")",
			eng.Name(), eng.Version(), p.Threads, arch.MBv3.DefaultWidth),
		Values: func(as []arch.Arch) ([]float64, error) {
			out := make([]float64, len(as))
			for i, a := range as {
				t, err := eng.Measure(a, p)
				if err != nil {
					return nil, fmt.Errorf("architecture %d: %w", i+1, err)
				}
				out[i] = t.MedianMS
				if o.Progress != nil {
					o.Progress()
				}
			}
			return out, nil
		}}, nil
}

// gpuMetric trains a GCN (with the networks' MACs as an extra input) on a labelled
// budget of one column of the GPU dataset and scores it on all the column's other
// networks; the score is stated in About.
func gpuMetric(column string, o Options) (*Metric, error) {
	t, err := predictor.LoadTask(o.DataDir, GPUDataset, column)
	if err != nil {
		return nil, fmt.Errorf("metric gpu_%s: %w", column, err)
	}
	n := o.GPUTrain
	if n == 0 {
		n = 1000
	}
	cfg := predictor.DefaultConfig(predictor.KindGCN)
	cfg.MACs = true
	sc, p, err := predictor.Evaluate(t, cfg, n, o.GPUSeed)
	if err != nil {
		return nil, fmt.Errorf("metric gpu_%s: %w", column, err)
	}
	ds, _ := data.Lookup(GPUDataset)
	about := fmt.Sprintf("GCN latency predictor (ms) trained on %d networks of %s column %s (seed %d); held-out SRCC %.3f on the other %d; for networks of the %s at %s",
		n, ds.LatencyFile, column, o.GPUSeed, sc.SRCC, t.Len()-n, mbv3Supernet, gpuResolutions)
	d, _ := CoverageOf("gpu_"+column, arch.OFAMBv3)
	return restrict(&Metric{Name: "gpu_" + column, Unit: "ms", About: about, Deterministic: true,
		Values: func(as []arch.Arch) ([]float64, error) {
			ones := slices.Repeat([]float64{1}, len(as))
			q, err := predictor.NewTask(GPUDataset, column, as, ones, true)
			if err != nil {
				return nil, err
			}
			idx := make([]int, len(as))
			for i := range idx {
				idx[i] = i
			}
			return p.Predict(q.Examples(idx))
		}}, d), nil
}
