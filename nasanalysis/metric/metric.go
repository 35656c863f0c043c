package metric

import (
	"fmt"
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
	// Resolutions is where the metric is defined when its data covers only some input
	// resolutions (OFA's accuracy predictors, the lookup tables, the GPU predictor's
	// table); Values refuses an architecture at another resolution with a
	// *ResolutionError. It is nil for metrics defined at every resolution the networks
	// run at (arch.RunResolutions): MACs, FLOPs, parameters, measured latency, and
	// note10_r<RES>, which prices a network at RES whatever its own resolution.
	Resolutions *arch.Resolutions
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

// domain is where a metric's data holds: OFA mobile networks of one space and width
// (space nil: any architecture), at the resolutions res (nil: any).
type domain struct {
	space  *arch.MBSpace
	width  float64
	res    *arch.Resolutions
	source string // subject and verb for errors: "OFA's ... predictor covers"
	hint   string
}

// restrict makes m refuse, before computing anything, every architecture outside d:
// a number computed there would be an extrapolation (or an index out of range) that
// reads like a real one.
func restrict(m *Metric, d domain) *Metric {
	m.Resolutions = d.res
	values := m.Values
	m.Values = func(as []arch.Arch) ([]float64, error) {
		for i, a := range as {
			if r, ok := arch.InputResolution(a); ok && d.res != nil && !d.res.Contains(r) {
				return nil, &ResolutionError{Metric: m.Name, Arch: i + 1, Resolution: r, Supported: *d.res, Source: d.source, Hint: d.hint}
			}
			if mb, ok := a.(arch.MBArch); ok && d.space != nil && (mb.Space() != d.space || mb.Width() != d.width) {
				return nil, fmt.Errorf("metric %s is not defined for %s at width %v (architecture %d): %s %s at width %v",
					m.Name, mb.Space().Name, mb.Width(), i+1, d.source, d.space.Name, d.width)
			}
		}
		return values(as)
	}
	return m
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
	// measured: the engine (latency.EngineORT when empty) and protocol (the default
	// protocol when zero), and a callback after each network (progress).
	Engine   string
	Protocol latency.Protocol
	Progress func()
	// gpu_<column>: labelled networks the GPU predictor is trained on (1,000 when 0)
	// and its seed.
	GPUTrain int
	GPUSeed  int64
}

// GPUDataset is the dataset gpu_<column> predictors learn from.
const GPUDataset = "ofa-mbv3-gpu"

// Names lists the metrics of a design space; gpu_<column> stands for one metric per
// column of the GPU dataset.
func Names(space string) []string {
	common := []string{"macs", "flops", "params"}
	switch space {
	case arch.OFAMBv3:
		out := append([]string{"acc"}, common...)
		for _, r := range arch.MBResolutions {
			out = append(out, fmt.Sprintf("note10_r%d", r))
		}
		return append(out, "note10", "gpu_<column>", "predicted", "measured")
	case arch.ProxylessNAS:
		return append(common, "pn_mobile", "measured")
	case arch.OFAResNet50:
		return append(append([]string{"acc"}, common...), "measured")
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
		return restrict(sourceMetric(name, about, pm), domain{space: arch.Proxyless, width: latency.ProxylessMobileWidth,
			res: &latency.ProxylessMobileResolutions, source: "ProxylessNAS's mobile lookup table covers"}), nil
	case strings.HasPrefix(name, "gpu_"):
		return gpuMetric(strings.TrimPrefix(name, "gpu_"), o)
	case name == "predicted":
		return predictedMetric(o.ModelDir, o.Predicted)
	case name == "measured":
		return measuredMetric(o)
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
		m.About, pick = "2 x multiply-accumulates (BlockProfile's count)", func(c arch.Cost) float64 { return 2 * c.MACs }
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
	var d domain
	if space == arch.OFAResNet50 {
		p, err = ofa.LoadResNet50(dataDir)
		d = domain{res: &arch.ResNetPredictorResolutions, source: "OFA's ResNet50 accuracy predictor covers"}
		about = fmt.Sprintf("OFA's released OFA-ResNet50 accuracy predictor (ImageNet top-1), at %s and %s", arch.ResNetPredictorResolutions, widthNote(space))
	} else {
		p, err = ofa.LoadMBv3(dataDir)
		d = domain{space: arch.MBv3, width: arch.MBv3.DefaultWidth, res: &arch.MBElasticResolutions, source: "OFA's MobileNetV3 accuracy predictor covers"}
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
	d := domain{space: arch.MBv3, width: latency.Note10Width, source: "OFA's Note10 lookup tables cover"}
	if name == "note10" {
		d.res, d.hint = &latency.Note10Resolutions, "note10_r<RES> prices a network at one of them"
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
	return &Metric{Name: "predicted", Unit: "ms", About: about, Deterministic: true,
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

func measuredMetric(o Options) (*Metric, error) {
	name := o.Engine
	if name == "" {
		name = latency.EngineORT
	}
	eng, err := latency.NewEngine(name)
	if err != nil {
		return nil, err
	}
	p := o.Protocol
	if p == (latency.Protocol{}) {
		p = latency.DefaultProtocol
	}
	if err := p.Check(); err != nil {
		return nil, err
	}
	return &Metric{Name: "measured", Unit: "ms",
		About: fmt.Sprintf("median latency on this machine, %s %s, %d thread(s), of each network at its own resolution and width (ofa-mbv3: %.1f unless its line gives \"w\")",
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
	d := domain{space: arch.MBv3, width: arch.MBv3.DefaultWidth, res: &gpuResolutions, source: "its training data, " + ds.LatencyFile + ", covers"}
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
