package main

import (
	"fmt"
	"io"
	"math"
	"slices"
	"strings"

	"github.com/nasanalysis/nasanalysis/nasanalysis/data"
	"github.com/nasanalysis/nasanalysis/nasanalysis/monotonic"
	"github.com/nasanalysis/nasanalysis/nasanalysis/stats"
)

// methodNames lists the --method names: monotonic's adaptation methods.
func methodNames() string {
	var out []string
	for _, m := range monotonic.Methods {
		out = append(out, string(m))
	}
	return strings.Join(out, ", ")
}

// adaptOptions are the flags adapt and adapt-grid share.
type adaptOptions struct {
	dataset, method, format, dataDir, score *string
	nTrain, nVal, seeds                     *int
}

// scoreHelp describes --score; the default differs by command.
const scoreHelp = "target cells SRCC is computed over: all (every measured cell, the sampled ones included: OneProxy's figure), " +
	"heldout (only the measured cells the method did not sample; columns end in _heldout) or both"

func addAdaptFlags(fs *flagSet, defaultSeeds int, defaultScore, methodHelp string) *adaptOptions {
	return &adaptOptions{
		dataset: fs.datasetFlag("nb201", data.DatasetNames()),
		nTrain:  fs.intIn("train", 60, 3, 100000, "target cells to fit on"),
		nVal:    fs.intIn("val", 10, 0, 100000, "further target cells: adaproxy-val and finetune choose lambda or fine-tuning steps on them, the other methods fit on them too"),
		seeds:   fs.seedsFlag(defaultSeeds, "0..N-1, each drawing its own target cells"),
		method:  fs.String("method", string(monotonic.MethodAdaProxy), methodHelp+methodNames()),
		score:   fs.String("score", defaultScore, scoreHelp),
		format:  fs.formatFlag(),
		dataDir: fs.dataFlag(),
	}
}

// check validates the shared flags and returns the dataset, the --method list and the
// scorings --score asks for.
func (o *adaptOptions) check() (data.Dataset, []monotonic.Method, []monotonic.Scoring, error) {
	ds, err := data.Lookup(*o.dataset)
	if err != nil {
		return ds, nil, nil, usageError{err.Error()}
	}
	var methods []monotonic.Method
	for _, name := range splitList(*o.method) {
		m, err := monotonic.ParseMethod(name)
		if err != nil {
			return ds, nil, nil, usageError{err.Error()}
		}
		if slices.Contains(methods, m) {
			return ds, nil, nil, usagef("--method lists %q twice", name)
		}
		methods = append(methods, m)
	}
	if len(methods) == 0 {
		return ds, nil, nil, usagef("--method is empty (want %s)", methodNames())
	}
	scs := monotonic.Scorings // --score both
	if *o.score != "both" {
		sc, err := monotonic.ParseScoring(*o.score)
		if err != nil {
			return ds, nil, nil, usagef("unknown --score %q (want all, heldout or both)", *o.score)
		}
		scs = []monotonic.Scoring{sc}
	}
	if err := checkFormat(*o.format); err != nil {
		return ds, nil, nil, err
	}
	if *o.seeds < 1 || *o.nTrain < 3 || *o.nVal < 0 {
		return ds, nil, nil, usagef("need --seeds >= 1, --train >= 3 and --val >= 0 (got %d, %d, %d)", *o.seeds, *o.nTrain, *o.nVal)
	}
	return ds, methods, scs, nil
}

func runAdapt(args []string, stdout, stderr io.Writer) error {
	fs := newFlags("adapt", "--dataset NAME --proxy P --target T [--train N] [--val M] [--seeds K] [--method M] [--score all|heldout|both] [--format csv|table]", stderr)
	opt := addAdaptFlags(fs, 1, "both", "adaptation (adaproxy: lambda by generalised cross-validation; adaproxy-val: OneProxy's rule): ")
	proxy := fs.String("proxy", "", "proxy device (required)")
	target := fs.String("target", "", "target device (required)")
	skipMissing := fs.Bool("skip-missing", false, "draw target cells only among those measured on the target (default: a missing target latency in the sample is an error)")
	if err := fs.parse(args); err != nil {
		return err
	}
	ds, methods, scs, err := opt.check()
	if err != nil {
		return err
	}
	if len(methods) > 1 {
		return usagef("adapt runs one --method; adapt-grid compares several")
	}
	if *proxy == "" || *target == "" {
		return usagef("--proxy and --target are required")
	}
	if *proxy == *target {
		return usagef("proxy and target are the same device %q", *proxy)
	}
	if _, err := ds.DeviceIndex([]string{*proxy, *target}); err != nil {
		return usageError{err.Error()}
	}
	nTrain, nVal, seeds := opt.nTrain, opt.nVal, opt.seeds
	lat, err := data.LoadLatency(*opt.dataDir, ds.Name)
	if err != nil {
		return err
	}
	X := monotonic.Encode(lat)
	pc, _ := lat.Column(*proxy)
	tc, _ := lat.Column(*target)
	p := &monotonic.Pair{X: X, Proxy: pc, Target: tc}
	cand := candidates(lat.Len(), tc, *skipMissing)
	if *nTrain+*nVal > len(cand) {
		return usagef("--train %d + --val %d = %d target cells requested, but %s has only %d for %s",
			*nTrain, *nVal, *nTrain+*nVal, ds.Name, len(cand), *target)
	}
	run, err := methods[0].Prepare(X, pc)
	if err != nil {
		return err
	}
	rows := make([][]any, 0, *seeds)
	bar := newProgress(stderr, *seeds, "adapting")
	defer bar.Clear()
	for seed := 0; seed < *seeds; seed++ {
		s, err := monotonic.SplitForSeed(uint64(seed), cand, *nTrain, *nVal)
		if err != nil {
			return usageError{err.Error()}
		}
		if i := s.FirstMissing(tc); i >= 0 {
			return usagef("target %s has no latency for %s %d (%s line %d), drawn by seed %d; add --skip-missing to draw only measured cells",
				*target, ds.IDColumn, lat.IDs[i], lat.Path, i+2, seed)
		}
		r, err := run(p, s)
		if err != nil {
			return err
		}
		row := []any{seed}
		for _, sc := range scs {
			before, after := r.SRCC(sc)
			row = append(row, before, after)
		}
		rows = append(rows, append(row, r.LambdaFrac, r.ValSRCC, *nTrain, *nVal, string(methods[0])))
		bar.Add(1)
	}
	header := []string{"seed"}
	for _, sc := range scs {
		header = append(header, "srcc_before"+sc.Suffix(), "srcc_after"+sc.Suffix())
	}
	return writeRows(stdout, *opt.format, append(header, "lambda_frac", "val_srcc", "n_train", "n_val", "method"), rows)
}

// candidates returns the rows target cells may be drawn from: all, or with skipMissing
// only those measured on the target.
func candidates(n int, target []float64, skipMissing bool) []int {
	if skipMissing {
		return monotonic.Measured(target)
	}
	cand := make([]int, n)
	for i := range cand {
		cand[i] = i
	}
	return cand
}

func runAdaptGrid(args []string, stdout, stderr io.Writer) error {
	fs := newFlags("adapt-grid", "--dataset NAME [--devices a,b,...] [--method M[,M2...]] [--train N] [--val M] [--seeds K] [--score all|heldout|both] [--summary] [--format csv|table]", stderr)
	// The per-pair rows keep their pre-held-out columns by default: scripts read them.
	opt := addAdaptFlags(fs, 10, "all", "comma-separated adaptations, each run on the same target cells (adaproxy: lambda by generalised cross-validation; adaproxy-val: OneProxy's rule): ")
	devices := fs.String("devices", "", "comma-separated devices (default: all)")
	summary := fs.Bool("summary", false, "print one row per method instead of one per pair: pairs reaching SRCC 0.9, mean and worst pair, and on how many pairs it is below target-only (when --method includes it)")
	if err := fs.parse(args); err != nil {
		return err
	}
	ds, methods, scs, err := opt.check()
	if err != nil {
		return err
	}
	names := splitList(*devices)
	if _, err := ds.DeviceIndex(names); err != nil {
		return usageError{err.Error()}
	}
	if len(names) == 1 {
		return usagef("--devices %s: adapt-grid adapts ordered pairs of devices; give at least two", names[0])
	}
	nTrain, nVal, seeds := opt.nTrain, opt.nVal, opt.seeds
	lat, err := data.LoadLatency(*opt.dataDir, ds.Name)
	if err != nil {
		return err
	}
	if *nTrain+*nVal > lat.Len() {
		return usagef("--train %d + --val %d exceeds the %d architectures of %s", *nTrain, *nVal, lat.Len(), ds.Name)
	}
	k := len(names)
	if k == 0 {
		k = len(lat.Devices)
	}
	// AdaptAllWith runs the pairs in parallel and has no progress callback; each call of a
	// runner it gets from prepare is one (pair, seed), so counting those drives the bar.
	bar := newProgress(stderr, len(methods)*k*(k-1)**seeds, "adapting pairs")
	defer bar.Clear()
	X := monotonic.Encode(lat)
	var grids []monotonic.Grid
	for _, m := range methods {
		g, err := monotonic.AdaptAllWith(lat, X, names, *nTrain, *nVal, *seeds,
			func(proxy []float64) (monotonic.Runner, error) {
				run, err := m.Prepare(X, proxy)
				if err != nil {
					return nil, err
				}
				return func(p *monotonic.Pair, s monotonic.Split) (monotonic.Result, error) {
					defer bar.Add(1)
					return run(p, s)
				}, nil
			})
		if err != nil {
			return fmt.Errorf("%s: %w", m, err)
		}
		g.Method = m
		grids = append(grids, g)
	}
	bar.Clear()
	if *opt.format == "table" {
		// The summary goes to stderr, one line per method, so stdout holds exactly the table.
		writeGridSummary(stderr, grids)
	}
	if *summary {
		return writeFrame(stdout, *opt.format, monotonic.GridsFrameScored(grids, 0.9, scs...))
	}
	if len(grids) == 1 {
		return writeFrame(stdout, *opt.format, grids[0].FrameScored(scs...))
	}
	var header []string
	var rows [][]any
	for _, g := range grids {
		h, rs := frameRows(g.FrameScored(scs...))
		header = append([]string{"method"}, h...)
		for _, r := range rs {
			rows = append(rows, append([]any{string(g.Method)}, r...))
		}
	}
	return writeRows(stdout, *opt.format, header, rows)
}

// writeGridSummary prints one line per grid: pairs reaching SRCC 0.9, mean SRCC before
// and after and the worst pair, on all cells and on held-out cells, and the pairs below
// target-only when it is among the grids.
func writeGridSummary(w io.Writer, grids []monotonic.Grid) {
	df := monotonic.GridsFrameScored(grids, 0.9, monotonic.ScoreAll, monotonic.ScoreHeldOut)
	for r, g := range grids {
		get := func(col string) float64 { return df.Col(col).Elem(r).Float() }
		line := fmt.Sprintf("%s, %d+%d target cells, %d seeds: %d of %d pairs reach SRCC >= 0.9; mean SRCC before %.4f, after %.4f, worst pair %.4f (%s); held-out cells: mean before %.4f, after %.4f, worst pair %.4f",
			g.Method, g.NTrain, g.NVal, g.Seeds, int(get("pairs_srcc_ge_0.9")), int(get("pairs")), stats.OffDiagonalMean(g.Before), get("mean_srcc"),
			get("worst_srcc"), df.Col("worst_pair").Elem(r).String(), stats.OffDiagonalMean(g.BeforeHeldOut), get("mean_srcc_heldout"), get("worst_srcc_heldout"))
		if b := get("below_target_only"); !math.IsNaN(b) && g.Method != monotonic.MethodTargetOnly {
			line += fmt.Sprintf("; below target-only on %d of %d pairs (held-out cells: %d)", int(b), int(get("pairs")), int(get("below_target_only_heldout")))
		}
		fmt.Fprintln(w, line)
	}
}
