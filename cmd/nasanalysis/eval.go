package main

import (
	"bufio"
	"fmt"
	"io"
	"math/rand/v2"
	"os"

	"github.com/nasanalysis/nasanalysis/nasanalysis/arch"
	"github.com/nasanalysis/nasanalysis/nasanalysis/metric"
	"github.com/nasanalysis/nasanalysis/nasanalysis/predictor"
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
	fs := newFlags("sample", "--space S --n N --seed K [--width W] [--res R] [--drop BLOCKS] [--min-depth D,D,D,D,D] [--max-depth D,D,D,D,D] [--reduced NAME]", stderr)
	sf := fs.spaceFlags(arch.OFAMBv3, sampleSpaces)
	n := fs.intIn("n", 10, 1, maxNetworks, "number of architectures")
	seed := fs.seedFlag(1, "the sampling")
	width := fs.Float64("width", 0, "supernet width multiplier for the mobile spaces (0: the space's default)")
	res := fs.Int("res", 0, "input resolution of every architecture (0: sampled with the rest)")
	if err := fs.parse(args); err != nil {
		return err
	}
	sp, err := sf.space(sampleSpaces, *width, *res)
	if err != nil {
		return err
	}
	// Architectures are written as they are drawn, never held (--n is bounded for the
	// run's length, not for memory), and a write error (a full disk, a closed pipe) stops the command with it.
	w := bufio.NewWriter(stdout)
	if err := eachSample(sp, *n, *seed, func(a arch.Arch) error {
		_, err := fmt.Fprintln(w, a.String())
		return err
	}); err != nil {
		return err
	}
	return w.Flush()
}

// sampleArchs draws n architectures of the space from the seed: the sequence sample and
// measure share.
func sampleArchs(sp arch.Space, n int, seed uint64) ([]arch.Arch, error) {
	var out []arch.Arch
	err := eachSample(sp, n, seed, func(a arch.Arch) error {
		out = append(out, a)
		return nil
	})
	return out, err
}

// eachSample is sampleArchs handing each architecture to f as it is drawn, stopping at
// f's first error.
func eachSample(sp arch.Space, n int, seed uint64, f func(arch.Arch) error) error {
	rng := rand.New(rand.NewPCG(seed, 0))
	for range n {
		a, err := sp.Sample(rng)
		if err != nil {
			return usageError{err.Error()}
		}
		if err := f(a); err != nil {
			return err
		}
	}
	return nil
}

func runEval(args []string, stdout, stderr io.Writer) error {
	fs := newFlags("eval", "--space S --metrics LIST [--drop BLOCKS] [--min-depth D,...] [--max-depth D,...] [--reduced NAME] [--model-dir DIR] [--format csv|table] < archs.jsonl\n(every input line must lie in the space)", stderr)
	sf := fs.spaceFlags(arch.OFAMBv3, sampleSpaces)
	metrics := fs.String("metrics", "macs,params", "comma-separated metrics, in output order: acc (predicted top-1 %), macs (M), flops (M, 2 x MACs), params (M), "+
		"note10_r<RES> (ms, the architecture at RES px) or note10 (ms, at its own resolution), pn_mobile (ms), gpu_<column> (ms, a predictor of that column of ofa/gpu_latency.csv), "+
		"measured (ms, this machine), predicted (ms, this machine's latency as predicted by the predictor in --model-dir)")
	measured := fs.measuredFlags()
	modelDir := fs.modelDirFlag("for predicted: a latency predictor saved by 'train --dataset "+predictor.MeasuredDataset+" --model-dir DIR'", "predictor")
	format := fs.formatFlag()
	dataDir := fs.dataFlag()
	sp, err := fs.parseSpace(args, sf, sampleSpaces, nil, nil, format)
	if err != nil {
		return err
	}
	ms := splitList(*metrics)
	if err := checkMetrics(sp.Family, ms, *modelDir); err != nil {
		return err
	}
	// eval takes the architectures it is given: each metric refuses, by its position,
	// one outside what it covers (metric.CheckSpace is for commands that sample).
	archs, lines, err := readArchs(sp)
	if err != nil {
		return err
	}
	opts := metric.Options{DataDir: *dataDir, ModelDir: *modelDir, GPUSeed: 1}
	if err := measured.options(&opts); err != nil {
		return err
	}
	cols := make([][]float64, len(ms))
	for k, name := range ms {
		if cols[k], err = evalMetric(name, sp.Family, archs, opts, stderr); err != nil {
			return err
		}
	}
	// Each row names its input line and architecture, so a row can be matched to its
	// input without counting lines (blank lines are skipped).
	rows := make([][]any, len(archs))
	for i := range rows {
		rows[i] = []any{lines[i], archs[i].String()}
		for k := range ms {
			rows[i] = append(rows[i], cols[k][i])
		}
	}
	return writeRows(stdout, *format, append([]string{"line", "arch"}, ms...), rows)
}

// evalMetric computes one metric of every architecture, with a progress bar on a
// terminal while measuring.
func evalMetric(name, space string, archs []arch.Arch, opts metric.Options, stderr io.Writer) ([]float64, error) {
	if name == "measured" {
		bar := newProgress(stderr, len(archs), "measuring")
		defer bar.Clear()
		opts.Progress = func() { bar.Add(1) }
	}
	m, err := metric.New(name, space, opts)
	if err != nil {
		return nil, err
	}
	return m.Values(archs)
}

// checkMetrics validates the requested metrics for a design space.
func checkMetrics(space string, ms []string, modelDir string) error {
	if len(ms) == 0 {
		return usagef("--metrics is empty")
	}
	for _, m := range ms {
		if !metric.Available(m, space) {
			return usageError{(&metric.NameError{Name: m, Space: space}).Error()}
		}
		if m == "predicted" && modelDir == "" {
			return usagef("metric predicted needs --model-dir DIR")
		}
	}
	return nil
}

// readArchs parses and validates every line of stdin before any work is done, so a bad
// line fails early; an architecture outside the space (a dropped block, a stage depth
// beyond the caps), or one given twice however spelled, is an error too.
func readArchs(sp arch.Space) (archs []arch.Arch, lines []int, err error) {
	seen := map[string]int{}
	err = readStdinLines(func(line int, text string) error {
		a, err := arch.Parse(sp.Family, text)
		if err == nil {
			err = sp.Check(a)
		}
		if err != nil {
			return usagef("stdin line %d: %v", line, err)
		}
		// One network however spelled: a second row of it would count it twice in
		// whatever reads the output.
		if prev, dup := seen[a.String()]; dup {
			return usagef("stdin line %d: the network of line %d again (%s); give each network once", line, prev, a)
		}
		seen[a.String()] = line
		archs, lines = append(archs, a), append(lines, line)
		return nil
	})
	return archs, lines, err
}
