package main

import (
	"bufio"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"slices"
	"strconv"
	"strings"

	"github.com/nasanalysis/nasanalysis/nasanalysis/arch"
	"github.com/nasanalysis/nasanalysis/nasanalysis/latency"
	"github.com/nasanalysis/nasanalysis/nasanalysis/predictor"
	"github.com/nasanalysis/nasanalysis/nasanalysis/predictor/ofa"
)

// sampleSpaces are the design spaces sample, eval and measure handle.
var sampleSpaces = []string{arch.OFAMBv3, arch.ProxylessNAS, arch.OFAResNet50}

// mbSpaces are the mobile design spaces (measure handles only these).
var mbSpaces = []string{arch.OFAMBv3, arch.ProxylessNAS}

func mbSpace(name string) (*arch.MBSpace, error) {
	switch name {
	case arch.OFAMBv3:
		return arch.MBv3, nil
	case arch.ProxylessNAS:
		return arch.Proxyless, nil
	}
	return nil, checkSpace(name, mbSpaces)
}

// stdin is the input of eval; tests replace it.
var stdin io.Reader = os.Stdin

func runSample(args []string, stdout, stderr io.Writer) error {
	fs := newFlags("sample", "--space S --n N --seed K [--width W] [--res R]", stderr)
	name := fs.spaceFlag(arch.OFAMBv3, sampleSpaces)
	n := fs.Int("n", 10, "number of architectures")
	seed := fs.seedFlag(1, "the sampling")
	width := fs.Float64("width", 0, "supernet width multiplier for the mobile spaces (0: the space's default)")
	res := fs.Int("res", 0, "input resolution of every architecture (0: sampled with the rest)")
	if err := fs.parse(args); err != nil {
		return err
	}
	if err := checkSpace(*name, sampleSpaces); err != nil {
		return err
	}
	if *n < 1 {
		return usagef("--n must be >= 1, got %d", *n)
	}
	if *res != 0 && *name == arch.OFAResNet50 {
		return usagef("--res is for the mobile spaces")
	}
	w := bufio.NewWriter(stdout)
	defer w.Flush()
	if *name == arch.OFAResNet50 {
		rng := rand.New(rand.NewPCG(uint64(*seed), 0))
		for i := 0; i < *n; i++ {
			fmt.Fprintln(w, arch.SampleResNet(rng).JSON())
		}
		return nil
	}
	sp, err := mbSpace(*name)
	if err != nil {
		return err
	}
	archs, err := sampleMB(sp, *n, uint64(*seed), *width, *res)
	if err != nil {
		return err
	}
	for _, a := range archs {
		fmt.Fprintln(w, a.JSON())
	}
	return nil
}

// sampleMB draws n architectures of sp from the seed — the sequence sample and measure
// share — at the given width (0: the space's default) and, when res is not 0, at that
// resolution. An invalid width or resolution is a usage error.
func sampleMB(sp *arch.MBSpace, n int, seed uint64, width float64, res int) ([]arch.MBArch, error) {
	rng := rand.New(rand.NewPCG(seed, 0))
	out := make([]arch.MBArch, 0, n)
	for i := 0; i < n; i++ {
		a := sp.Sample(rng, width)
		if res != 0 {
			a.R = res
		}
		if err := a.Validate(); err != nil {
			return nil, usageError{err.Error()}
		}
		out = append(out, a)
	}
	return out, nil
}

// metricNames lists what eval can compute, per space.
var metricNames = map[string][]string{
	"ofa-mbv3":     {"acc", "flops", "params", "note10_r160", "note10_r176", "note10_r192", "note10_r208", "note10_r224", "note10", "measured", "predicted"},
	"proxylessnas": {"flops", "params", "pn_mobile", "measured"},
	"ofa-resnet50": {"acc", "flops", "params"},
}

func runEval(args []string, stdout, stderr io.Writer) error {
	fs := newFlags("eval", "--space S --metrics LIST [--model-dir DIR] [--format csv|table] < archs.jsonl", stderr)
	name := fs.spaceFlag(arch.OFAMBv3, sampleSpaces)
	metrics := fs.String("metrics", "flops,params", "comma-separated metrics, in output order: acc (predicted top-1 %), flops (M MACs), params (M), "+
		"note10_r<RES> (ms, the architecture at RES px) or note10 (ms, at its own resolution), pn_mobile (ms), measured (ms, this machine), "+
		"predicted (ms, this machine's latency as predicted by the predictor in --model-dir)")
	repeats := fs.Int("repeats", 3, "for measured: timed runs per architecture (after one warm-up)")
	modelDir := fs.modelDirFlag("for predicted: a latency predictor saved by 'train --dataset "+predictor.MeasuredDataset+" --model-dir DIR'", "predictor")
	format := fs.formatFlag()
	dataDir := fs.dataFlag()
	if err := fs.parse(args); err != nil {
		return err
	}
	if err := checkSpace(*name, sampleSpaces); err != nil {
		return err
	}
	if err := checkFormat(*format); err != nil {
		return err
	}
	ms := splitList(*metrics)
	if err := checkMetrics(*name, ms, *modelDir); err != nil {
		return err
	}
	in := evalInput{space: *name, dataDir: *dataDir, modelDir: *modelDir, repeats: *repeats, stderr: stderr}
	if err := in.read(); err != nil {
		return err
	}
	cols := make([][]float64, len(ms))
	for k, m := range ms {
		var err error
		if cols[k], err = evalMetric(m, in); err != nil {
			return err
		}
	}
	rows := make([][]any, in.len())
	for i := range rows {
		rows[i] = make([]any, len(ms))
		for k := range ms {
			rows[i][k] = cols[k][i]
		}
	}
	return writeRows(stdout, *format, ms, rows)
}

// checkMetrics validates the requested metrics for a design space.
func checkMetrics(space string, ms []string, modelDir string) error {
	if len(ms) == 0 {
		return usagef("--metrics is empty")
	}
	known := metricNames[space]
	for _, m := range ms {
		if !slices.Contains(known, m) {
			return usagef("metric %q is not available for %s (available: %s)", m, space, strings.Join(known, ", "))
		}
		if m == "predicted" && modelDir == "" {
			return usagef("metric predicted needs --model-dir DIR")
		}
	}
	return nil
}

// evalInput is what eval computes metrics of: the architectures read from stdin (mbs for
// the mobile spaces, rns for ofa-resnet50) and the flags the metrics need.
type evalInput struct {
	space             string
	mbs               []arch.MBArch
	rns               []arch.ResNetArch
	dataDir, modelDir string
	repeats           int
	stderr            io.Writer
}

func (in *evalInput) len() int { return len(in.mbs) + len(in.rns) }

// read parses and validates every line of stdin before any work is done, so a bad line
// fails early.
func (in *evalInput) read() error {
	sp, _ := mbSpace(in.space) // nil for ofa-resnet50, which is parsed separately
	return readStdinLines(func(line int, text string) error {
		if in.space == arch.OFAResNet50 {
			a, err := arch.ParseResNet(text)
			if err != nil {
				return usagef("stdin line %d: %v", line, err)
			}
			in.rns = append(in.rns, a)
			return nil
		}
		a, err := arch.ParseMB(sp, text)
		if err != nil {
			return usagef("stdin line %d: %v", line, err)
		}
		in.mbs = append(in.mbs, a)
		return nil
	})
}

// evalMetric returns metric m of every architecture of in, in input order.
func evalMetric(m string, in evalInput) ([]float64, error) {
	switch {
	case m == "flops" || m == "params":
		return costMetric(m == "flops", in), nil
	case m == "acc":
		return accMetric(in)
	case strings.HasPrefix(m, "note10"):
		return note10Metric(m, in)
	case m == "pn_mobile":
		return pnMobileMetric(in)
	case m == "predicted":
		return predictedMetric(in)
	case m == "measured":
		return measuredMetric(in)
	}
	return nil, fmt.Errorf("metric %q has no implementation", m)
}

// costMetric returns M MACs (flops) or M parameters.
func costMetric(flops bool, in evalInput) []float64 {
	var out []float64
	for _, a := range in.mbs {
		c := a.Cost()
		out = append(out, pick(flops, c.MACs, c.Params)/1e6)
	}
	for _, a := range in.rns {
		c := a.Cost()
		out = append(out, pick(flops, c.MACs, c.Params)/1e6)
	}
	return out
}

// accMetric returns OFA's predicted top-1 accuracy in %.
func accMetric(in evalInput) ([]float64, error) {
	var X [][]float64
	var p *ofa.Predictor
	var err error
	if in.space == arch.OFAResNet50 {
		for _, a := range in.rns {
			X = append(X, a.OFAFeatures())
		}
		p, err = ofa.LoadResNet50(in.dataDir)
	} else {
		for i, a := range in.mbs {
			if a.Width() != 1.2 { // the predictor's encoding has no width: it was trained on the w1.2 supernet
				return nil, fmt.Errorf("architecture %d: OFA's MobileNetV3 accuracy predictor covers width 1.2 only, not w=%v", i+1, a.Width())
			}
			X = append(X, a.OFAFeatures())
		}
		p, err = ofa.LoadMBv3(in.dataDir)
	}
	if err != nil {
		return nil, err
	}
	pred, err := p.Predict(X)
	if err != nil {
		return nil, err
	}
	out := make([]float64, len(pred))
	for i, v := range pred {
		out[i] = 100 * v
	}
	return out, nil
}

// note10Metric returns the Note10 lookup-table latency in ms, at the architecture's own
// resolution (note10) or at RES px (note10_r<RES>).
func note10Metric(m string, in evalInput) ([]float64, error) {
	n10, err := latency.LoadNote10(in.dataDir)
	if err != nil {
		return nil, err
	}
	var out []float64
	for i, a := range in.mbs {
		if r := strings.TrimPrefix(m, "note10_r"); r != m {
			a = a.Clone()
			a.R, _ = strconv.Atoi(r)
		}
		v, err := n10.Latency(a)
		if err != nil {
			return nil, fmt.Errorf("architecture %d: %w", i+1, err)
		}
		out = append(out, v)
	}
	return out, nil
}

// pnMobileMetric returns ProxylessNAS's mobile lookup-table latency in ms.
func pnMobileMetric(in evalInput) ([]float64, error) {
	pm, err := latency.LoadProxylessMobile(in.dataDir)
	if err != nil {
		return nil, err
	}
	var out []float64
	for i, a := range in.mbs {
		v, err := pm.Latency(a)
		if err != nil {
			return nil, fmt.Errorf("architecture %d: %w", i+1, err)
		}
		out = append(out, v)
	}
	return out, nil
}

// predictedMetric returns this machine's latency in ms as predicted by the measured-latency
// predictor in --model-dir.
func predictedMetric(in evalInput) ([]float64, error) {
	p, err := predictor.Load(in.modelDir)
	if err != nil {
		return nil, err
	}
	if p.Dataset != predictor.MeasuredDataset {
		return nil, fmt.Errorf("%s predicts %s on %s, not this machine's measured latency (train it with --dataset %s)", in.modelDir, p.Target, p.Dataset, predictor.MeasuredDataset)
	}
	src, err := predictor.NewPredictedLatency(p)
	if err != nil {
		return nil, err
	}
	return src.Latencies(in.mbs)
}

// measuredMetric times every architecture on this machine (median ms), with a progress
// bar on a terminal.
func measuredMetric(in evalInput) ([]float64, error) {
	cfg := latency.DefaultMeasure
	cfg.Repeats = in.repeats
	bar := newProgress(in.stderr, len(in.mbs), "measuring")
	defer bar.Clear()
	var out []float64
	for i, a := range in.mbs {
		r, err := latency.MeasureMB(a, cfg)
		if err != nil {
			return nil, fmt.Errorf("architecture %d: %w", i+1, err)
		}
		out = append(out, r.MedianMS)
		bar.Add(1)
	}
	return out, nil
}

func pick(first bool, a, b float64) float64 {
	if first {
		return a
	}
	return b
}
