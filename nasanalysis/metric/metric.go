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
	Name  string
	Unit  string // "%", "M" (millions) or "ms"
	About string // where the numbers come from, with any estimate's quality
	// Values returns the metric of each architecture, in order.
	Values func(as []arch.Arch) ([]float64, error)
	// Deterministic is false for measured latency, which differs run to run.
	Deterministic bool
}

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
		return costMetric(name), nil
	case name == "acc":
		return accMetric(space, o.DataDir)
	case strings.HasPrefix(name, "note10"):
		return note10Metric(name, o.DataDir)
	case name == "pn_mobile":
		pm, err := latency.LoadProxylessMobile(o.DataDir)
		if err != nil {
			return nil, err
		}
		return sourceMetric(name, "ProxylessNAS's mobile lookup table (ms)", pm), nil
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

func costMetric(name string) *Metric {
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

func accMetric(space, dataDir string) (*Metric, error) {
	var p *ofa.Predictor
	var err error
	if space == arch.OFAResNet50 {
		p, err = ofa.LoadResNet50(dataDir)
	} else {
		p, err = ofa.LoadMBv3(dataDir)
	}
	if err != nil {
		return nil, err
	}
	return &Metric{Name: "acc", Unit: "%", About: "OFA's released accuracy predictor (ImageNet top-1)", Deterministic: true,
		Values: func(as []arch.Arch) ([]float64, error) {
			X := make([][]float64, len(as))
			for i, a := range as {
				switch a := a.(type) {
				case arch.MBArch:
					if a.Space() != arch.MBv3 || a.Width() != 1.2 { // the encoding has no width: trained on the w1.2 supernet
						return nil, fmt.Errorf("architecture %d: OFA's MobileNetV3 accuracy predictor covers ofa-mbv3 at width 1.2 only, not %s w=%v", i+1, a.Space().Name, a.Width())
					}
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
		}}, nil
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

func note10Metric(name, dataDir string) (*Metric, error) {
	n10, err := latency.LoadNote10(dataDir)
	if err != nil {
		return nil, err
	}
	if name == "note10" {
		return sourceMetric(name, "OFA's Samsung Note10 lookup tables at each network's resolution (ms)", n10), nil
	}
	r, err := strconv.Atoi(strings.TrimPrefix(name, "note10_r"))
	if err != nil || !slices.Contains(arch.MBResolutions, r) {
		return nil, &NameError{name, arch.OFAMBv3}
	}
	m := sourceMetric(name, fmt.Sprintf("OFA's Samsung Note10 lookup table at %d px (ms)", r), n10)
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
	return m, nil
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
	return &Metric{Name: "predicted", Unit: "ms", About: "this machine's latency as predicted by " + modelDir, Deterministic: true,
		Values: func(as []arch.Arch) ([]float64, error) {
			mb, err := mobile(as)
			if err != nil {
				return nil, err
			}
			return src.Latencies(mb)
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
	return &Metric{Name: "measured", Unit: "ms", About: fmt.Sprintf("median latency on this machine, %s %s, %d thread(s)", eng.Name(), eng.Version(), p.Threads),
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
	about := fmt.Sprintf("GCN latency predictor (ms) trained on %d networks of %s column %s (seed %d); held-out SRCC %.3f on the other %d",
		n, ds.LatencyFile, column, o.GPUSeed, sc.SRCC, t.Len()-n)
	return &Metric{Name: "gpu_" + column, Unit: "ms", About: about, Deterministic: true,
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
		}}, nil
}
