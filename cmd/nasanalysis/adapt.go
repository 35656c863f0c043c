package main

import (
	"fmt"
	"io"
	"strings"

	"github.com/nasanalysis/nasanalysis/nasanalysis/data"
	"github.com/nasanalysis/nasanalysis/nasanalysis/monotonic"
	"github.com/nasanalysis/nasanalysis/nasanalysis/predictor"
	gstat "gonum.org/v1/gonum/stat"
)

// adaptMethods maps --method names to a preparation run once per proxy (e.g. to
// pre-train a model on it), which returns the runner for that proxy's targets.
var adaptMethods = map[string]func(proxy []float64, X [][]float64) (monotonic.Runner, error){
	"finetune": func(proxy []float64, X [][]float64) (monotonic.Runner, error) {
		ft, err := monotonic.NewFineTuner(X, proxy, predictor.DefaultMLP, 2000)
		if err != nil {
			return nil, err
		}
		return ft.Run, nil
	},
}

func init() {
	for _, m := range monotonic.Methods {
		adaptMethods[string(m)] = func([]float64, [][]float64) (monotonic.Runner, error) { return m.Run, nil }
	}
}

func methodNames() string {
	var out []string
	for _, m := range monotonic.Methods {
		out = append(out, string(m))
	}
	return strings.Join(append(out, "finetune"), ", ")
}

// adaptOptions are the flags adapt and adapt-grid share.
type adaptOptions struct {
	dataset, method, format, dataDir *string
	nTrain, nVal, seeds              *int
}

func addAdaptFlags(fs *flagSet, defaultSeeds int) *adaptOptions {
	return &adaptOptions{
		dataset: fs.datasetFlag("nb201", data.DatasetNames()),
		nTrain:  fs.Int("train", 60, "target cells to fit on"),
		nVal:    fs.Int("val", 10, "target cells to choose lambda (or fine-tuning steps) on"),
		seeds:   fs.seedsFlag(defaultSeeds, "0..N-1, each drawing its own target cells"),
		method:  fs.String("method", "adaproxy", "adaptation: "+methodNames()),
		format:  fs.formatFlag(),
		dataDir: fs.dataFlag(),
	}
}

// check validates the shared flags and returns the dataset and the method's preparation.
func (o *adaptOptions) check() (data.Dataset, func([]float64, [][]float64) (monotonic.Runner, error), error) {
	ds, err := data.Lookup(*o.dataset)
	if err != nil {
		return ds, nil, usageError{err.Error()}
	}
	prepare, ok := adaptMethods[*o.method]
	if !ok {
		return ds, nil, usagef("unknown method %q (want %s)", *o.method, methodNames())
	}
	if err := checkFormat(*o.format); err != nil {
		return ds, nil, err
	}
	if *o.seeds < 1 || *o.nTrain < 3 || *o.nVal < 0 {
		return ds, nil, usagef("need --seeds >= 1, --train >= 3 and --val >= 0 (got %d, %d, %d)", *o.seeds, *o.nTrain, *o.nVal)
	}
	return ds, prepare, nil
}

func runAdapt(args []string, stdout, stderr io.Writer) error {
	fs := newFlags("adapt", "--dataset NAME --proxy P --target T [--train N] [--val M] [--seeds K] [--method M] [--format csv|table]", stderr)
	opt := addAdaptFlags(fs, 1)
	proxy := fs.String("proxy", "", "proxy device (required)")
	target := fs.String("target", "", "target device (required)")
	skipMissing := fs.Bool("skip-missing", false, "draw target cells only among those measured on the target (default: a missing target latency in the sample is an error)")
	if err := fs.parse(args); err != nil {
		return err
	}
	ds, prepare, err := opt.check()
	if err != nil {
		return err
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
	nTrain, nVal, seeds, method := opt.nTrain, opt.nVal, opt.seeds, opt.method
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
	run, err := prepare(pc, X)
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
		rows = append(rows, []any{seed, r.SRCCBefore, r.SRCCAfter, r.LambdaFrac, r.ValSRCC, *nTrain, *nVal, *method})
		bar.Add(1)
	}
	return writeRows(stdout, *opt.format, []string{"seed", "srcc_before", "srcc_after", "lambda_frac", "val_srcc", "n_train", "n_val", "method"}, rows)
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
	fs := newFlags("adapt-grid", "--dataset NAME [--devices a,b,...] [--method M] [--train N] [--val M] [--seeds K] [--format csv|table]", stderr)
	opt := addAdaptFlags(fs, 10)
	devices := fs.String("devices", "", "comma-separated devices (default: all)")
	if err := fs.parse(args); err != nil {
		return err
	}
	ds, prepare, err := opt.check()
	if err != nil {
		return err
	}
	names := splitList(*devices)
	if _, err := ds.DeviceIndex(names); err != nil {
		return usageError{err.Error()}
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
	bar := newProgress(stderr, k*(k-1)**seeds, "adapting pairs")
	defer bar.Clear()
	X := monotonic.Encode(lat)
	g, err := monotonic.AdaptAllWith(lat, X, names, *nTrain, *nVal, *seeds,
		func(proxy []float64) (monotonic.Runner, error) {
			run, err := prepare(proxy, X)
			if err != nil {
				return nil, err
			}
			return func(p *monotonic.Pair, s monotonic.Split) (monotonic.Result, error) {
				defer bar.Add(1)
				return run(p, s)
			}, nil
		})
	if err != nil {
		return err
	}
	df := g.Frame()
	if *opt.format == "table" {
		// The summary goes to stderr, so stdout holds exactly the table.
		reached, total := monotonic.CountAtLeast(g.After, 0.9)
		fmt.Fprintf(stderr, "%s, %d+%d target cells, %d seeds: %d of %d pairs reach SRCC >= 0.9; mean SRCC before %.4f, after %.4f\n",
			*opt.method, *nTrain, *nVal, *seeds, reached, total, gstat.Mean(df.Col("srcc_before").Float(), nil), gstat.Mean(df.Col("srcc_after").Float(), nil))
	}
	return writeFrame(stdout, *opt.format, df)
}
