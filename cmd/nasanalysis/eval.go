package main

import (
	"bufio"
	"encoding/csv"
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

var spaceNames = []string{"ofa-mbv3", "proxylessnas", "ofa-resnet50"}

func mbSpace(name string) (*arch.MBSpace, error) {
	switch name {
	case "ofa-mbv3":
		return arch.MBv3, nil
	case "proxylessnas":
		return arch.Proxyless, nil
	}
	return nil, usagef("unknown space %q (want %s)", name, strings.Join(spaceNames, ", "))
}

// stdin is the input of eval; tests replace it.
var stdin io.Reader = os.Stdin

func runSample(args []string, stdout, stderr io.Writer) error {
	fs := newFlags("sample", "--space S --n N --seed K [--width W] [--res R]", stderr)
	name := fs.String("space", "ofa-mbv3", "design space: "+strings.Join(spaceNames, ", "))
	n := fs.Int("n", 10, "number of architectures")
	seed := fs.Uint64("seed", 1, "random seed")
	width := fs.Float64("width", 0, "supernet width multiplier for the mobile spaces (0: the space's default)")
	res := fs.Int("res", 0, "input resolution of every architecture (0: sampled with the rest)")
	if err := parse(fs, args); err != nil {
		return err
	}
	if *n < 1 {
		return usagef("--n must be >= 1, got %d", *n)
	}
	if *res != 0 && *name == "ofa-resnet50" {
		return usagef("--res is for the mobile spaces")
	}
	w := bufio.NewWriter(stdout)
	defer w.Flush()
	if *name == "ofa-resnet50" {
		rng := rand.New(rand.NewPCG(*seed, 0))
		for i := 0; i < *n; i++ {
			fmt.Fprintln(w, arch.SampleResNet(rng).JSON())
		}
		return nil
	}
	sp, err := mbSpace(*name)
	if err != nil {
		return err
	}
	archs, err := sampleMB(sp, *n, *seed, *width, *res)
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
	fs := newFlags("eval", "--space S --metrics LIST < archs.jsonl", stderr)
	name := fs.String("space", "ofa-mbv3", "design space: "+strings.Join(spaceNames, ", "))
	metrics := fs.String("metrics", "flops,params", "comma-separated metrics, in output order: acc (predicted top-1 %), flops (M MACs), params (M), "+
		"note10_r<RES> (ms, the architecture at RES px) or note10 (ms, at its own resolution), pn_mobile (ms), measured (ms, this machine), "+
		"predicted (ms, this machine's latency as predicted by --predictor)")
	repeats := fs.Int("repeats", 3, "for measured: timed runs per architecture (after one warm-up)")
	predictorDir := fs.String("predictor", "", "for predicted: a latency predictor saved by 'train --space "+predictor.MeasuredDataset+" --save DIR'")
	dataDir := fs.String("data", "", "datasets directory")
	if err := parse(fs, args); err != nil {
		return err
	}
	known, ok := metricNames[*name]
	if !ok {
		return usagef("unknown space %q (want %s)", *name, strings.Join(spaceNames, ", "))
	}
	ms := splitList(*metrics)
	if len(ms) == 0 {
		return usagef("--metrics is empty")
	}
	for _, m := range ms {
		if !slices.Contains(known, m) {
			return usagef("metric %q is not available for %s (available: %s)", m, *name, strings.Join(known, ", "))
		}
		if m == "predicted" && *predictorDir == "" {
			return usagef("metric predicted needs --predictor DIR")
		}
	}
	// Read and validate every line first: a bad line fails before any work is done.
	var mbs []arch.MBArch
	var rns []arch.ResNetArch
	sp, _ := mbSpace(*name) // nil for ofa-resnet50, which is parsed separately
	err := readStdinLines(func(line int, text string) error {
		if *name == "ofa-resnet50" {
			a, err := arch.ParseResNet(text)
			if err != nil {
				return usagef("stdin line %d: %v", line, err)
			}
			rns = append(rns, a)
			return nil
		}
		a, err := arch.ParseMB(sp, text)
		if err != nil {
			return usagef("stdin line %d: %v", line, err)
		}
		mbs = append(mbs, a)
		return nil
	})
	if err != nil {
		return err
	}
	n := len(mbs) + len(rns)
	cols := make([][]float64, len(ms))
	for k, m := range ms {
		var err error
		if cols[k], err = evalMetric(m, *name, mbs, rns, *dataDir, *repeats, *predictorDir); err != nil {
			return err
		}
	}
	w := csv.NewWriter(stdout)
	w.Write(ms)
	for i := 0; i < n; i++ {
		row := make([]string, len(ms))
		for k := range ms {
			row[k] = strconv.FormatFloat(cols[k][i], 'g', 8, 64)
		}
		w.Write(row)
	}
	w.Flush()
	return w.Error()
}

func evalMetric(m, spaceName string, mbs []arch.MBArch, rns []arch.ResNetArch, dataDir string, repeats int, predictorDir string) ([]float64, error) {
	var out []float64
	switch {
	case m == "flops" || m == "params":
		for _, a := range mbs {
			c := a.Cost()
			out = append(out, pick(m == "flops", c.MACs, c.Params)/1e6)
		}
		for _, a := range rns {
			c := a.Cost()
			out = append(out, pick(m == "flops", c.MACs, c.Params)/1e6)
		}
	case m == "acc":
		var X [][]float64
		var p *ofa.Predictor
		var err error
		if spaceName == "ofa-resnet50" {
			for _, a := range rns {
				X = append(X, a.OFAFeatures())
			}
			p, err = ofa.LoadResNet50(dataDir)
		} else {
			for i, a := range mbs {
				if a.Width() != 1.2 { // the predictor's encoding has no width: it was trained on the w1.2 supernet
					return nil, fmt.Errorf("architecture %d: OFA's MobileNetV3 accuracy predictor covers width 1.2 only, not w=%v", i+1, a.Width())
				}
				X = append(X, a.OFAFeatures())
			}
			p, err = ofa.LoadMBv3(dataDir)
		}
		if err != nil {
			return nil, err
		}
		pred, err := p.Predict(X)
		if err != nil {
			return nil, err
		}
		for _, v := range pred {
			out = append(out, 100*v)
		}
	case strings.HasPrefix(m, "note10"):
		n10, err := latency.LoadNote10(dataDir)
		if err != nil {
			return nil, err
		}
		for i, a := range mbs {
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
	case m == "pn_mobile":
		pm, err := latency.LoadProxylessMobile(dataDir)
		if err != nil {
			return nil, err
		}
		for i, a := range mbs {
			v, err := pm.Latency(a)
			if err != nil {
				return nil, fmt.Errorf("architecture %d: %w", i+1, err)
			}
			out = append(out, v)
		}
	case m == "predicted":
		p, err := predictor.Load(predictorDir)
		if err != nil {
			return nil, err
		}
		if p.Dataset != predictor.MeasuredDataset {
			return nil, fmt.Errorf("%s predicts %s on %s, not this machine's measured latency (train it with --space %s)", predictorDir, p.Target, p.Dataset, predictor.MeasuredDataset)
		}
		src, err := predictor.NewPredictedLatency(p)
		if err != nil {
			return nil, err
		}
		return src.Latencies(mbs)
	case m == "measured":
		cfg := latency.DefaultMeasure
		cfg.Repeats = repeats
		for i, a := range mbs {
			r, err := latency.MeasureMB(a, cfg)
			if err != nil {
				return nil, fmt.Errorf("architecture %d: %w", i+1, err)
			}
			out = append(out, r.MedianMS)
		}
	}
	return out, nil
}

func pick(first bool, a, b float64) float64 {
	if first {
		return a
	}
	return b
}
