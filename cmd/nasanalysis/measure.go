package main

import (
	"flag"
	"fmt"
	"io"
	"math"
	"math/rand/v2"
	"os"
	"runtime"
	"slices"
	"time"

	"github.com/nasanalysis/nasanalysis/nasanalysis/arch"
	"github.com/nasanalysis/nasanalysis/nasanalysis/data"
	"github.com/nasanalysis/nasanalysis/nasanalysis/latency"
	"github.com/nasanalysis/nasanalysis/nasanalysis/latency/measfile"
	"github.com/nasanalysis/nasanalysis/nasanalysis/ort"
)

// maxMeasureN bounds --n: a larger sample would not fit in memory, nor be measured in
// any lifetime (10^6 networks at a second each are 12 days).
const maxMeasureN = 1_000_000

// measureSpaces are the design spaces measure builds networks of.
var measureSpaces = []string{arch.OFAMBv3, arch.ProxylessNAS, arch.OFAResNet50}

// measureOptions are measure's flags.
type measureOptions struct {
	space, out, perBlock, dataDir, archFile, engine, shardFlag, protocol, calmFile string
	n, res, gpuArchs, refEvery, blockRuns, repeats                                 int
	paired                                                                         latency.PairedProtocol
	seed                                                                           uint64
	width, driftTol                                                                float64
	redoDisturbed                                                                  bool
	proto                                                                          latency.Protocol
	shard                                                                          measfile.Shard

	sp arch.Space // --space with --width, --res, --drop, --min-depth and --max-depth

	// archsSHA256 and archsN identify an --archs file's sample (its bytes and networks),
	// so that shards of one file merge wherever it was copied, and of an edited one never.
	archsSHA256 string
	archsN      int
	// index is each network's position in the whole sample, before --shard: its row's
	// sample_index.
	index map[string]int
}

func runMeasure(args []string, stdout, stderr io.Writer) error {
	o, err := parseMeasureFlags(args, stderr)
	if err != nil {
		return err
	}
	eng, err := latency.NewEngine(o.engine)
	if err != nil {
		return err
	}
	archs, err := o.architectures()
	if err != nil {
		return err
	}
	if o.archFile != "" {
		if o.archsSHA256, err = ort.FileSHA256(o.archFile); err != nil {
			return err
		}
		o.archsN = len(archs)
	}
	o.index = make(map[string]int, len(archs))
	for i, a := range archs {
		o.index[a.String()] = i
	}
	archs = measfile.Select(o.shard, archs)
	if o.out == "-" {
		fmt.Fprintf(stderr, "measuring %d architectures with %s %s to standard output (no resuming)\n", len(archs), eng.Name(), eng.Version())
		return o.measureAll(eng, archs, measfile.Done{}, measfile.Measured.NewStream(stdout).Write, stderr)
	}
	release, err := lockOutputs(o.out, o.perBlock)
	if err != nil {
		return err
	}
	defer release()
	done, err := measfile.Resume(measfile.ResumeOptions{Measured: o.out, Blocks: o.perBlock, Settings: o.settings(eng),
		Shard: o.shard, RedoDisturbed: o.redoDisturbed, Warn: stderr})
	if err != nil {
		return err
	}
	var todo []arch.Arch
	for _, a := range archs {
		if !done.Measured[a.String()] || o.perBlock != "" && !done.Profiled[a.String()] {
			todo = append(todo, a)
		}
	}
	fmt.Fprintf(stderr, "%d of %d architectures already in %s; measuring %d with %s %s\n", len(archs)-len(todo), len(archs), o.out, len(todo), eng.Name(), eng.Version())
	if len(todo) == 0 {
		return nil
	}
	return o.measureAll(eng, todo, done, func(row []string) error { return measfile.Measured.Append(o.out, row) }, stderr)
}

func parseMeasureFlags(args []string, stderr io.Writer) (measureOptions, error) {
	var o measureOptions
	p := &o.proto
	fs := newFlags("measure", "--space S --n N --seed K --out FILE [--engine onnxruntime|gomlx] [--res R] [--width W] [--drop BLOCKS] [--min-depth D,...] [--max-depth D,...] [--reduced NAME] [--shard I/N] [--per-block FILE]", stderr)
	sf := fs.spaceFlags(arch.OFAMBv3, measureSpaces)
	fs.StringVar(&o.engine, "engine", latency.EngineORT, "inference engine: onnxruntime (ONNX Runtime on the CPU, the default) or gomlx (GoMLX's pure-Go backend: no cgo, far slower)")
	fs.IntVar(&o.n, "n", 300, "number of sampled architectures")
	fs.Uint64Var(&o.seed, "seed", 1, "random seed (uint64): the sampling (the same sequence as 'sample')")
	fs.StringVar(&o.out, "out", "", "CSV file to append to (required; a regular file); architectures already in it are skipped, a torn last row is dropped and measured again. - writes to standard output (no resuming)")
	fs.IntVar(&o.res, "res", 0, "input resolution for every architecture (0: keep the sampled one)")
	fs.Float64Var(&o.width, "width", 0, "supernet width multiplier of the mobile spaces (0: the space's default)")
	fs.intVarIn(&p.Warmup, "warmup", latency.DefaultProtocol.Warmup, 0, 1000, "untimed runs first (the first also optimises the graph)")
	fs.intVarIn(&p.MinRepeats, "min-repeats", latency.DefaultProtocol.MinRepeats, 1, 100000, "timed runs at least")
	fs.intVarIn(&p.MaxRepeats, "max-repeats", latency.DefaultProtocol.MaxRepeats, 1, 100000, "timed runs at most")
	fs.Float64Var(&p.TargetCI, "target-ci", latency.DefaultProtocol.TargetCI, "stop when the 95 % interval of the median is within this fraction of it")
	fs.intVarIn(&o.repeats, "repeats", 0, 0, 100000, "exactly this many timed runs of each network alone (--protocol single; sets --min-repeats and --max-repeats, --target-ci 0)")
	fs.intVarIn(&p.Threads, "threads", latency.DefaultProtocol.Threads, 0, maxThreads, "ONNX Runtime intra-op threads (0: all cores)")
	fs.IntVar(&p.OptLevel, "opt-level", latency.DefaultProtocol.OptLevel, "ONNX Runtime graph optimisation: 0 none, 1 basic, 2 extended, 3 all")
	fs.StringVar(&o.protocol, "protocol", "paired", "paired: time each network in rounds alternating with the space's reference network at its resolution (--burst runs of each per round, --min-rounds to --max-rounds rounds until the ratio's 95 % interval is within --target-ci), and record its ratio to the reference and its time scaled to the reference's calm time (scaled_ms); single: time each network alone (--min-repeats to --max-repeats runs until the median is within --target-ci)")
	fs.StringVar(&o.calmFile, "calm", "", "paired: "+calmHelp)
	fs.intVarIn(&o.paired.Burst, "burst", latency.DefaultPaired.Burst, 1, 1000, "paired: runs of each network per round")
	fs.intVarIn(&o.paired.MinRounds, "min-rounds", latency.DefaultPaired.MinRounds, 2, 10000, "paired: rounds at least")
	fs.intVarIn(&o.paired.MaxRounds, "max-rounds", latency.DefaultPaired.MaxRounds, 2, 10000, "paired: rounds at most")
	fs.intVarIn(&o.refEvery, "ref-every", 50, 0, 1000000, "re-measure the reference network every this many networks, to detect drift (0: never)")
	fs.Float64Var(&o.driftTol, "drift-tol", 0.05, "flag rows as disturbed when the reference's median is off its first measurement by more than this fraction")
	fs.BoolVar(&o.redoDisturbed, "redo-disturbed", false, "first drop the rows of --out flagged disturbed (and their --per-block rows), so they are measured again")
	fs.StringVar(&o.perBlock, "per-block", "", "also write each network's per-block times (ONNX Runtime's profiler) to this CSV")
	fs.intVarIn(&o.blockRuns, "block-runs", 20, 1, 10000, "profiled runs per network for --per-block (each block's median is written)")
	fs.StringVar(&o.shardFlag, "shard", "0/1", "measure only shard I of N (0-based, I = 0..N-1) of the architectures: those at positions I, I+N, I+2N, ...")
	fs.intVarIn(&o.gpuArchs, "gpu-archs", 0, 0, 5000, "measure the first N networks of the ofa-mbv3-gpu dataset whose resolution is --res, so this machine can be compared with the GPUs on the same networks")
	fs.StringVar(&o.dataDir, "data", "", dataHelp)
	fs.StringVar(&o.archFile, "archs", "", "measure the architectures in this file (JSON lines) instead of sampling; --n, --seed, --res and --width are ignored")
	if err := fs.parse(args); err != nil {
		return o, err
	}
	sp, err := sf.space(measureSpaces, o.width, o.res)
	if err != nil {
		return o, err
	}
	o.sp, o.space, o.width = sp, sp.Family, sp.Width
	if len(sp.Resolutions) == 1 {
		o.res = sp.Resolutions[0]
	}
	if o.out == "" {
		return o, usagef("--out is required")
	}
	if o.out == "-" && (o.redoDisturbed || o.perBlock != "") {
		return o, usagef("--out - (standard output) cannot be resumed: --redo-disturbed and --per-block need a file")
	}
	for _, f := range [][2]string{{"--out", o.out}, {"--per-block", o.perBlock}} {
		if f[1] != "" && f[1] != "-" {
			if err := measfile.CheckRegular(f[1]); err != nil {
				return o, usagef("%s %v; use %s - to write to standard output without resuming", f[0], err, f[0])
			}
		}
	}
	if err := distinctFiles("--out", o.out, "--per-block", o.perBlock, "--calm", calmPath(o.calmFile, o.out, o.engine)); err != nil {
		return o, err
	}
	if o.n > maxMeasureN {
		return o, usagef("--n %d: measure holds every architecture in memory and times each for about a second; at most %d", o.n, maxMeasureN)
	}
	if o.repeats > 0 {
		*p = p.Exactly(o.repeats)
		given := false
		fs.Visit(func(f *flag.Flag) { given = given || f.Name == "protocol" })
		if given && o.protocol != "single" {
			return o, usagef("--repeats %d times each network alone (--protocol single); --protocol %s times it against the reference in rounds (--min-rounds, --max-rounds)", o.repeats, o.protocol)
		}
		o.protocol = "single"
	}
	p.Seed = 1
	if err := p.Check(); err != nil {
		return o, usageError{err.Error()}
	}
	switch o.protocol {
	case "paired":
		o.paired.Protocol, o.paired.TargetCI = *p, p.TargetCI
		if err := o.paired.Check(); err != nil {
			return o, usageError{err.Error()}
		}
		if o.paired.MaxRounds > 10000 || o.paired.Burst > 1000 {
			return o, usagef("--max-rounds %d and --burst %d: at most 10000 rounds of 1000 runs", o.paired.MaxRounds, o.paired.Burst)
		}
	case "single":
	default:
		return o, usagef("--protocol %q: want paired or single", o.protocol)
	}
	if o.n < 1 || o.refEvery < 0 || o.blockRuns < 1 || !(o.driftTol > 0) {
		return o, usagef("need --n >= 1, --ref-every >= 0, --block-runs >= 1 and --drift-tol > 0")
	}
	if o.perBlock != "" && o.engine == latency.EngineGoMLX {
		return o, usagef("--per-block needs --engine onnxruntime (its per-node profiler)")
	}
	shard, err := measfile.ParseShard(o.shardFlag)
	if err != nil {
		return o, usagef("--%v", err)
	}
	o.shard = shard
	return o, nil
}

// sampleLabel names the sample in every row, so shards of different samples never merge.
func (o measureOptions) sampleLabel() string {
	switch {
	case o.gpuArchs > 0:
		return fmt.Sprintf("gpu-archs:%d@%d", o.gpuArchs, o.res)
	case o.archFile != "":
		return fmt.Sprintf("archs:sha256=%s;n=%d", o.archsSHA256, o.archsN)
	}
	label := fmt.Sprintf("seed=%d;n=%d;res=%d;width=%g", o.seed, o.n, o.res, o.width)
	if len(o.sp.Drop) > 0 || o.sp.MinDepth != nil || o.sp.MaxDepth != nil || len(o.sp.Resolutions) > 1 {
		label += ";space=" + o.sp.String() // the same seed draws other networks there
	}
	return label
}

// architectures returns the networks to measure: --gpu-archs, --archs or a seeded sample.
func (o measureOptions) architectures() ([]arch.Arch, error) {
	switch {
	case o.gpuArchs > 0:
		mb, err := gpuNetworks(o.dataDir, o.gpuArchs, o.res)
		return asArchs(mb), err
	case o.archFile != "":
		return readArchLines(o.archFile, o.space)
	case o.space == arch.OFAResNet50 && o.res != 0 && !slices.Contains(arch.ResNetResolutions, o.res):
		return nil, usagef("--res %d is not an OFA-ResNet50 resolution %v", o.res, arch.ResNetResolutions)
	}
	return sampleArchs(o.sp, o.n, o.seed)
}

func asArchs(mb []arch.MBArch) []arch.Arch {
	out := make([]arch.Arch, len(mb))
	for i, a := range mb {
		out[i] = a
	}
	return out
}

// settings are how this run measures, which every row already in --out must share.
func (o measureOptions) settings(eng latency.Engine) measfile.Settings {
	p := o.proto
	return measfile.Settings{Warmup: p.Warmup, Engine: eng.Name(), EngineVersion: eng.Version(), LibrarySHA256: eng.LibrarySHA256(),
		Threads: p.Threads, OptLevel: p.OptLevel, TargetCI: p.TargetCI, Space: o.space, Sample: o.sampleLabel(), CPU: measfile.CPUModel(), Protocol: o.protocolLabel()}
}

// protocolLabel names the protocol in every row: "single", or "paired:burst=B".
func (o measureOptions) protocolLabel() string {
	if o.protocol == "paired" {
		return fmt.Sprintf("paired:burst=%d", o.paired.Burst)
	}
	return "single"
}

// pairedReference is the reference network a network is timed against under the paired
// protocol (latency.ReferenceFor).
func (o measureOptions) pairedReference(a arch.Arch) (arch.Arch, error) {
	return latency.ReferenceFor(o.space, a)
}

// reference is the network re-measured to detect drift: the space's middle network
// (kernel 5, expand 4, depth 3; ResNet50: middle depth, expand and width) at the
// measured resolution.
func (o measureOptions) reference() arch.Arch {
	if o.space == arch.OFAResNet50 {
		a := arch.ResNetArch{D: []int{2, 1, 1, 1, 1}, E: slices.Repeat([]float64{0.25}, 18), W: slices.Repeat([]int{1}, 6), R: 224}
		if o.res != 0 {
			a.R = o.res
		}
		return a
	}
	sp, _ := mbSpace(o.space)
	a := sp.Sample(rand.New(rand.NewPCG(0, 0)), o.width)
	for i := range a.KS {
		a.KS[i], a.E[i] = 5, 4
	}
	for i := range a.D {
		a.D[i] = 3
	}
	a.R = 192
	if o.res != 0 {
		a.R = o.res
	}
	return a
}

// measureAll times each architecture not yet in done and appends its row (sink: to
// --out at once, or to standard output), and profiles each not yet profiled into
// --per-block, so an interrupted run resumes where it stopped. The reference network is
// timed first and every --ref-every networks; each row records the latest reference
// time and is flagged disturbed when it is off the first by more than --drift-tol.
func (o measureOptions) measureAll(eng latency.Engine, todo []arch.Arch, done measfile.Done, sink func(row []string) error, stderr io.Writer) error {
	if o.protocol == "paired" {
		return o.measurePairedAll(eng, todo, done, sink, stderr)
	}
	settings, host := o.settings(eng), measfile.Host()
	ref := o.reference()
	refTime := func() (float64, error) {
		if o.refEvery == 0 {
			return math.NaN(), nil // no drift detection asked for
		}
		t, err := eng.Measure(ref, o.proto)
		return t.MedianMS, err
	}
	base, err := refTime()
	if err != nil {
		return fmt.Errorf("reference network %s: %w", ref, err)
	}
	refMS, worst, disturbed := base, 0.0, 0
	bar := newProgress(stderr, len(todo), "measuring")
	defer bar.Clear()
	for k, a := range todo {
		if o.refEvery > 0 && k > 0 && k%o.refEvery == 0 {
			if refMS, err = refTime(); err != nil {
				return err
			}
		}
		drift := 0.0
		if o.refEvery > 0 {
			drift = refMS/base - 1
		}
		worst = math.Max(worst, math.Abs(drift))
		if !done.Measured[a.String()] {
			t, err := eng.Measure(a, o.proto)
			if err != nil {
				return fmt.Errorf("%s: %w", a, err)
			}
			flag := math.Abs(drift) > o.driftTol
			if flag {
				disturbed++
			}
			if err := sink(o.measuredRow(a, t, settings, host, refMS, flag).Record()); err != nil {
				return err
			}
		}
		if o.perBlock != "" && !done.Profiled[a.String()] {
			if err := o.writeBlocks(eng, a); err != nil {
				return err
			}
		}
		bar.Add(1)
	}
	if o.refEvery > 0 {
		fmt.Fprintf(stderr, "reference %s: %.4g ms at the start, largest drift %.1f %%; %d of %d rows flagged disturbed (> %.0f %%)\n",
			ref, base, 100*worst, disturbed, len(todo), 100*o.driftTol)
	}
	return nil
}

// measurePairedAll is measureAll under the paired protocol: each network is timed
// against its reference (pairedReference); a reference's calm time comes from the file
// (done.RefCalmMS) or, the first time it is met, from latency.CalibrationRounds rounds of it
// against itself, and every row is scaled by it.
func (o measureOptions) measurePairedAll(eng latency.Engine, todo []arch.Arch, done measfile.Done, sink func(row []string) error, stderr io.Writer) error {
	opener, ok := eng.(latency.Opener)
	if !ok {
		return usagef("--protocol paired: engine %s cannot open a network for repeated runs; use --protocol single", eng.Name())
	}
	settings, host := o.settings(eng), measfile.Host()
	calm, err := newCalmSource(calmPath(o.calmFile, o.out, eng.Name()), o.space, eng, opener, o.paired, done.RefCalmMS, stderr)
	if err != nil {
		return err
	}
	bar := newProgress(stderr, len(todo), "measuring")
	defer bar.Clear()
	for _, a := range todo {
		ref, err := o.pairedReference(a)
		if err != nil {
			return err
		}
		calmMS, err := calm.Of(ref)
		if err != nil {
			return err
		}
		if !done.Measured[a.String()] {
			t, err := latency.MeasurePaired(opener, a, ref, o.paired)
			if err != nil {
				return fmt.Errorf("%s: %w", a, err)
			}
			row := o.measuredRow(a, t.Net, settings, host, t.Ref.MedianMS, false)
			row.RatioRef, row.RatioLo, row.RatioHi, row.RelCI = t.Ratio, t.RatioLo, t.RatioHi, t.RelCI()
			row.RefArch, row.RefCalmMS, row.ScaledMS = ref.String(), calmMS, t.Ratio*calmMS
			if err := sink(row.Record()); err != nil {
				return err
			}
		}
		if o.perBlock != "" && !done.Profiled[a.String()] {
			if err := o.writeBlocks(eng, a); err != nil {
				return err
			}
		}
		bar.Add(1)
	}
	return nil
}

// writeBlocks profiles one network and appends its per-block rows.
func (o measureOptions) writeBlocks(eng latency.Engine, a arch.Arch) error {
	prof, err := eng.(*latency.ORT).ProfileBlocks(a, o.proto, o.blockRuns)
	if err != nil {
		return fmt.Errorf("%s: %w", a, err)
	}
	var rows [][]string
	for _, b := range prof.Blocks {
		rows = append(rows, measfile.BlockRow{Arch: a.String(), Resolution: resolutionOf(a), Block: b.Name, Stage: b.Stage, Layer: b.Layer,
			Kernel: b.Kernel, Expand: b.Expand, InSize: b.InSize, MS: b.MS, RunMS: prof.RunMS, SumMS: prof.SumMS, Runs: prof.Runs,
			Engine: eng.Name(), Threads: o.proto.Threads, OptLevel: o.proto.OptLevel}.Record())
	}
	return measfile.Blocks.Append(o.perBlock, rows...) // one write: a network's blocks land whole
}

func resolutionOf(a arch.Arch) int {
	r, _ := arch.InputResolution(a)
	return r
}

// measuredRow is a network's row of --out, its paired-protocol columns NaN and empty.
func (o measureOptions) measuredRow(a arch.Arch, t latency.Timing, s measfile.Settings, host string, refMS float64, disturbed bool) measfile.Row {
	macs := math.NaN()
	if c, ok := a.(arch.Costed); ok {
		macs = c.MACs() / 1e6
	}
	s.Warmup = t.Warmup
	nan := math.NaN()
	return measfile.Row{Arch: a.String(), Resolution: resolutionOf(a), MedianMS: t.MedianMS, Q1MS: t.Q1MS, Q3MS: t.Q3MS,
		MinMS: t.MinMS, MaxMS: t.MaxMS, RelCI: t.RelCI, Repeats: t.Repeats, Settings: s, Shard: o.shard, RefMS: refMS,
		Disturbed: disturbed, Host: host, Cores: runtime.NumCPU(), GoVersion: runtime.Version(), Date: time.Now(),
		RatioRef: nan, RatioLo: nan, RatioHi: nan, ScaledMS: nan, RefCalmMS: nan, MACsM: macs, SampleIndex: o.index[a.String()]}
}

// readArchLines reads JSON-line architectures of a space; a bad line is a usage error
// naming it.
func readArchLines(path, space string) ([]arch.Arch, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var out []arch.Arch
	seen := map[string]int{}
	err = readLines(f, path, func(line int, text string) error {
		a, err := arch.Parse(space, text)
		if err != nil {
			return usagef("%s line %d: %v", path, line, err)
		}
		// The same network however it is spelled ("r":160 or "r":[160], spaces): its
		// canonical form. Measured twice, it would make the file unreadable.
		if prev, dup := seen[a.String()]; dup {
			return usagef("%s line %d: the network of line %d again (%s); each network is measured once", path, line, prev, a)
		}
		seen[a.String()] = line
		out = append(out, a)
		return nil
	})
	return out, err
}

// gpuNetworks returns the first n OFA-MobileNetV3 networks of the recorded GPU table at
// resolution res, in file order.
func gpuNetworks(dataDir string, n, res int) ([]arch.MBArch, error) {
	if res == 0 {
		return nil, usagef("--gpu-archs needs --res")
	}
	t, err := data.LoadLatency(dataDir, "ofa-mbv3-gpu")
	if err != nil {
		return nil, err
	}
	var out []arch.MBArch
	for _, p := range t.Parsed {
		if a := p.(arch.MBArch); a.R == res {
			out = append(out, a)
		}
		if len(out) == n {
			return out, nil
		}
	}
	return nil, usagef("%s has only %d networks at %d px, %d requested", t.Path, len(out), res, n)
}
