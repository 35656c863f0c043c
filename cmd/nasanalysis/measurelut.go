package main

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/nasanalysis/nasanalysis/nasanalysis/arch"
	"github.com/nasanalysis/nasanalysis/nasanalysis/latency"
	"github.com/nasanalysis/nasanalysis/nasanalysis/latency/measfile"
)

// maxLUTResolutions bounds --res: a table per resolution, each of ~100-160 operators.
const maxLUTResolutions = 64

// lutMaxRounds is measure-lut's default --max-rounds: an operator's ratio to the
// reference is a few hundredths, and its rounds' ratios scatter more than a network's.
const lutMaxRounds = 100

// lutOptions are measure-lut's flags.
type lutOptions struct {
	space, tables, out, calmFile, from string
	rescale                            bool // --from with --calm given: rescale the files' rows first
	width                              float64
	res                                []int
	shard                              measfile.Shard
	paired                             latency.PairedProtocol
}

func runMeasureLUT(args []string, stdout, stderr io.Writer) error {
	o, err := parseLUTFlags(args, stderr)
	if err != nil {
		return err
	}
	if err := os.MkdirAll(o.tables, 0o755); err != nil {
		return fmt.Errorf("--tables: %w", err)
	}
	if o.from == "" {
		if err := o.measure(stderr); err != nil {
			return err
		}
	}
	return o.writeTables(stderr)
}

func parseLUTFlags(args []string, stderr io.Writer) (lutOptions, error) {
	o := lutOptions{paired: latency.DefaultPaired}
	o.paired.MaxRounds = lutMaxRounds
	fs := newFlags("measure-lut", "--space S [--width W] [--res R,R,...] [--tables DIR] [--out FILE] [--shard I/N] [--calm FILE] | --from A.csv,B.csv\n"+
		"(times every operator of the space's networks alone, against the space's reference network, and writes DIR/lut-<space>-w<width>-r<res>.yaml in the form of OFA's Note10 tables for each resolution whose operators are all measured)", stderr)
	space := fs.String("space", arch.OFAMBv3, "design space: "+strings.Join(measureSpaces, ", "))
	fs.Float64Var(&o.width, "width", 0, "supernet width multiplier of the mobile spaces (0: the space's default)")
	res := fs.String("res", "", "comma-separated resolutions (default: the mobile spaces' 160,176,192,208,224; OFA-ResNet50's eight)")
	fs.StringVar(&o.tables, "tables", "datasets", "directory of the YAML tables (and, by default, of --out and --calm)")
	fs.StringVar(&o.out, "out", "", "resumable CSV of the operators' measurements (default: DIR/lut-<space>-w<width>.csv; a shard's: ...-shard<I>of<N>.csv)")
	fs.StringVar(&o.from, "from", "", "measure nothing: write the tables from these comma-separated measurement files (the shards of one campaign)")
	fs.StringVar(&o.calmFile, "calm", "", calmHelp+"; with --from, first rescale the files' rows to this file's calm times (their ratios as measured)")
	shard := fs.String("shard", "0/1", "measure only shard I of N (0-based) of the operators: those at positions I, I+N, ...")
	p := &o.paired
	fs.intVarIn(&p.Warmup, "warmup", p.Warmup, 0, 1000, "untimed runs of each operator and of the reference first")
	fs.intVarIn(&p.Burst, "burst", p.Burst, 1, 1000, "runs of each per round")
	fs.intVarIn(&p.MinRounds, "min-rounds", p.MinRounds, 2, 10000, "rounds at least")
	fs.intVarIn(&p.MaxRounds, "max-rounds", p.MaxRounds, 2, 10000, "rounds at most")
	fs.Float64Var(&p.TargetCI, "target-ci", p.TargetCI, "stop when the ratio's 95 % interval is within this fraction of it")
	fs.intVarIn(&p.Threads, "threads", p.Threads, 0, maxThreads, "ONNX Runtime intra-op threads (0: all cores)")
	fs.IntVar(&p.OptLevel, "opt-level", p.OptLevel, "ONNX Runtime graph optimisation: 0 none, 1 basic, 2 extended, 3 all")
	if err := fs.parse(args); err != nil {
		return o, err
	}
	if !slices.Contains(measureSpaces, *space) {
		return o, usagef("--space %q: want one of %s", *space, strings.Join(measureSpaces, ", "))
	}
	o.space = *space
	if o.space == arch.OFAResNet50 && o.width != 0 {
		return o, usagef("--width is the mobile spaces' supernet width; OFA-ResNet50 has per-stage widths in each network")
	}
	if o.width != 0 {
		sp, _ := mbSpace(o.space)
		if !slices.Contains(sp.Widths, o.width) {
			return o, usagef("--width %g: %s has widths %v", o.width, o.space, sp.Widths)
		}
	}
	o.res = arch.MBResolutions
	if o.space == arch.OFAResNet50 {
		o.res = arch.ResNetResolutions
	}
	if *res != "" {
		o.res = nil
		for _, f := range strings.Split(*res, ",") {
			r, err := strconv.Atoi(strings.TrimSpace(f))
			if err != nil || r < 32 || r > 1024 {
				return o, usagef("--res %q: %q is not a resolution in 32..1024", *res, f)
			}
			o.res = append(o.res, r)
		}
		if len(o.res) > maxLUTResolutions {
			return o, usagef("--res: at most %d resolutions", maxLUTResolutions)
		}
	}
	if err := p.Check(); err != nil {
		return o, usageError{err.Error()}
	}
	if p.MaxRounds > 10000 || p.Burst > 1000 || p.Threads > 1024 {
		return o, usagef("--max-rounds %d, --burst %d, --threads %d: at most 10000 rounds of 1000 runs on 1024 threads", p.MaxRounds, p.Burst, p.Threads)
	}
	p.Seed = 1
	s, err := measfile.ParseShard(*shard)
	if err != nil {
		return o, usagef("--%v", err)
	}
	o.shard = s
	if o.out == "" {
		o.out = filepath.Join(o.tables, o.stem()+".csv")
		if s.N > 1 {
			o.out = filepath.Join(o.tables, fmt.Sprintf("%s-shard%dof%d.csv", o.stem(), s.I, s.N))
		}
	}
	if o.from != "" && (s.N > 1 || slices.Contains(args, "--out") || slices.Contains(args, "-out")) {
		return o, usagef("--from writes tables from finished measurement files; it measures nothing, so --shard and --out do not apply")
	}
	o.rescale = o.from != "" && o.calmFile != ""
	o.calmFile = calmPath(o.calmFile, o.out, latency.EngineORT)
	return o, nil
}

// effectiveWidth is --width, or the space's default (0 for OFA-ResNet50).
func (o lutOptions) effectiveWidth() float64 {
	if o.space == arch.OFAResNet50 || o.width != 0 {
		return o.width
	}
	sp, _ := mbSpace(o.space)
	return sp.DefaultWidth
}

// stem is lut-<space>-w<width>: the tables' and the measurement file's common name.
func (o lutOptions) stem() string {
	if o.space == arch.OFAResNet50 {
		return "lut-" + o.space
	}
	return fmt.Sprintf("lut-%s-w%g", o.space, o.effectiveWidth())
}

// lutTask is one operator to time at one resolution.
type lutTask struct {
	res int
	op  latency.Operator
}

// lutID names an operator at a resolution: a table entry.
func lutID(key string, res int) string { return fmt.Sprintf("%s@%d", key, res) }

// tasks are every operator of every resolution, in order.
func (o lutOptions) tasks() ([]lutTask, error) {
	var out []lutTask
	for _, r := range o.res {
		ops, err := latency.TableOperators(o.space, o.width, r)
		if err != nil {
			return nil, err
		}
		for _, op := range ops {
			out = append(out, lutTask{r, op})
		}
	}
	return out, nil
}

// measure times the shard's operators not yet in --out, appending each row as it is
// measured, one resolution after another against that resolution's reference network.
func (o lutOptions) measure(stderr io.Writer) error {
	if err := measfile.CheckRegular(o.out); err != nil {
		return usagef("--out %v", err)
	}
	if err := distinctFiles("--out", o.out, "--calm", o.calmFile); err != nil {
		return err
	}
	release, err := lockOutputs(o.out)
	if err != nil {
		return err
	}
	defer release()
	all, err := o.tasks()
	if err != nil {
		return err
	}
	done, err := measfile.ReadLUTRows(o.out, true)
	if err != nil {
		return err
	}
	have := map[string]bool{}
	for _, e := range done {
		have[lutID(e.Key, e.Resolution)] = true
	}
	mine := measfile.Select(o.shard, all)
	var todo []lutTask
	for _, t := range mine {
		if !have[lutID(t.op.Key, t.res)] {
			todo = append(todo, t)
		}
	}
	ortEngine, err := latency.NewEngine(latency.EngineORT)
	if err != nil {
		return err
	}
	eng := ortEngine.(*latency.ORT)
	fmt.Fprintf(stderr, "%d of %d operators of shard %s already in %s; measuring %d with %s %s\n",
		len(mine)-len(todo), len(mine), o.shard, o.out, len(todo), eng.Name(), eng.Version())
	if len(todo) == 0 {
		return nil
	}
	calm, err := newCalmSource(o.calmFile, o.space, eng, eng, o.paired, nil, stderr)
	if err != nil {
		return err
	}
	bar := newProgress(stderr, len(todo), "timing operators")
	defer bar.Clear()
	host, cpu := measfile.Host(), measfile.CPUModel()
	var ref latency.Runner
	var refArch arch.Arch
	defer func() {
		if ref != nil {
			ref.Close()
		}
	}()
	for _, t := range todo {
		if refArch == nil || resolutionOf(refArch) != t.res {
			if ref != nil {
				ref.Close()
			}
			if refArch, err = latency.ReferenceAt(o.space, o.width, t.res); err != nil {
				return err
			}
			if ref, err = eng.Open(refArch, o.paired.Protocol); err != nil {
				return fmt.Errorf("reference %s: %w", refArch, err)
			}
		}
		calmMS, err := calm.Of(refArch)
		if err != nil {
			return err
		}
		net, err := latency.OperatorNetwork(t.op, o.paired.Seed)
		if err != nil {
			return err
		}
		run, err := eng.OpenNetwork(net, o.paired.Protocol)
		if err != nil {
			return fmt.Errorf("operator %s at %d px: %w", t.op.Key, t.res, err)
		}
		// The operator runs in bursts of --burst like the reference, as a network does
		// under measure: in bursts long enough to fill a round as long as the reference's
		// (10-300 runs), its caches stay warm and the table sums 21 % below the networks
		// it prices (datasets/README.md).
		pt, err := latency.TimePaired(run, ref, o.paired, latency.WallClock())
		run.Close()
		if err != nil {
			return fmt.Errorf("operator %s at %d px: %w", t.op.Key, t.res, err)
		}
		row := measfile.LUTRow{Key: t.op.Key, Resolution: t.res, Space: o.space, Width: o.effectiveWidth(), Block: t.op.Block.Name, Rounds: pt.Rounds,
			RatioRef: pt.Ratio, RatioLo: pt.RatioLo, RatioHi: pt.RatioHi, ScaledMS: pt.Ratio * calmMS, RefArch: refArch.String(),
			RefCalmMS: calmMS, OpMedianMS: pt.Net.MedianMS, RefMedian: pt.Ref.MedianMS, Engine: eng.Name(), EngineVersion: eng.Version(),
			Threads: o.paired.Threads, OptLevel: o.paired.OptLevel, Protocol: fmt.Sprintf("paired:burst=%d", o.paired.Burst),
			Shard: o.shard, Machine: host, CPU: cpu, Date: time.Now()}
		if err := measfile.LUTRows.Append(o.out, row.Record()); err != nil {
			return err
		}
		bar.Add(1)
	}
	return nil
}

// writeTables writes the YAML table of each resolution whose operators the measurement
// files (--out, or --from's) hold all of, and says which resolutions are incomplete.
func (o lutOptions) writeTables(stderr io.Writer) error {
	files := []string{o.out}
	if o.from != "" {
		files = strings.Split(o.from, ",")
	}
	got := map[string]measfile.LUTEntry{}
	var from []string
	var calm map[string]float64
	if o.rescale {
		var err error
		if calm, err = measfile.ReadCalm(o.calmFile); err != nil {
			return err
		}
	}
	for _, f := range files {
		if calm != nil {
			if err := measfile.RescaleLUTRows(f, calm); err != nil {
				return err
			}
			fmt.Fprintf(stderr, "%s: every row rescaled to the calm times of %s\n", f, o.calmFile)
		}
		rows, err := measfile.ReadLUTRows(f, o.from == "")
		if err != nil {
			return err
		}
		for _, e := range rows {
			id := lutID(e.Key, e.Resolution)
			if _, dup := got[id]; dup {
				return fmt.Errorf("%s: operator %s at %d px is in two of the files %s", f, e.Key, e.Resolution, o.from)
			}
			got[id] = e
		}
		from = append(from, filepath.Base(f))
	}
	for _, r := range o.res {
		ops, err := latency.TableOperators(o.space, o.width, r)
		if err != nil {
			return err
		}
		entries := map[string]latency.TableEntry{}
		refs := map[string]bool{}
		for _, op := range ops {
			if e, ok := got[lutID(op.Key, r)]; ok {
				entries[op.Key] = latency.TableEntry{Count: e.Rounds, Mean: e.ScaledMS, RatioRef: e.RatioRef, RatioLo: e.RatioLo, RatioHi: e.RatioHi}
				refs[fmt.Sprintf("%s (calm %.4g ms)", e.RefArch, e.RefCalmMS)] = true
			}
		}
		if len(entries) < len(ops) {
			fmt.Fprintf(stderr, "%d px: %d of %d operators measured; no table yet\n", r, len(entries), len(ops))
			continue
		}
		if len(refs) != 1 {
			return fmt.Errorf("%d px: the operators were timed against %d different references or calm times (%v); a table needs one", r, len(refs), refs)
		}
		var ref string
		for k := range refs {
			ref = k
		}
		path := filepath.Join(o.tables, fmt.Sprintf("%s-r%d.yaml", o.stem(), r))
		comments := []string{
			fmt.Sprintf("%s at %d px: %d operators timed alone on this machine (ONNX Runtime, paired protocol).", o.stem(), r, len(ops)),
			"mean = ratio_ref x the reference's calm time (ms); count = rounds; ratio_lo..ratio_hi = the ratio's 95 % interval.",
			"reference: " + ref,
			"written by: nasanalysis measure-lut from " + strings.Join(from, ", "),
		}
		if err := latency.WriteLUT(path, comments, entries); err != nil {
			return err
		}
		fmt.Fprintf(stderr, "%d px: %s (%d operators)\n", r, path, len(ops))
	}
	return nil
}
