package main

import (
	"encoding/csv"
	"fmt"
	"io"
	"strconv"
	"strings"
	"text/tabwriter"

	"github.com/nasanalysis/nasanalysis/nasanalysis/data"
	"github.com/nasanalysis/nasanalysis/nasanalysis/monotonic"
)

// adaptMethods maps --method names to runners; finetune is added by finetune.go.
var adaptMethods = map[string]func(p *monotonic.Pair, s monotonic.Split, seed uint64) (monotonic.Result, error){}

func init() {
	for _, m := range monotonic.Methods {
		adaptMethods[string(m)] = func(p *monotonic.Pair, s monotonic.Split, _ uint64) (monotonic.Result, error) { return m.Run(p, s) }
	}
}

func methodNames() string {
	var out []string
	for _, m := range monotonic.Methods {
		out = append(out, string(m))
	}
	if _, ok := adaptMethods["finetune"]; ok {
		out = append(out, "finetune")
	}
	return strings.Join(out, ", ")
}

func runAdapt(args []string, stdout, stderr io.Writer) error {
	fs := newFlags("adapt", "--space NAME --proxy P --target T [--train N] [--val M] [--seeds K] [--method M] [--format csv|table]", stderr)
	space := fs.String("space", "nb201", "dataset: "+strings.Join(data.DatasetNames(), ", "))
	proxy := fs.String("proxy", "", "proxy device (required)")
	target := fs.String("target", "", "target device (required)")
	nTrain := fs.Int("train", 60, "target cells to fit on")
	nVal := fs.Int("val", 10, "target cells to choose lambda on")
	seeds := fs.Int("seeds", 1, "number of seeds (0..K-1); each draws its own target cells")
	method := fs.String("method", "adaproxy", "adaptation: "+methodNames())
	format := fs.String("format", "csv", "output: csv or table")
	skipMissing := fs.Bool("skip-missing", false, "draw target cells only among those measured on the target (default: a missing target latency in the sample is an error)")
	dataDir := fs.String("data", "", "datasets directory (default: $"+data.EnvDataDir+", then ../shared/datasets, then the fetch cache)")
	if err := parse(fs, args); err != nil {
		return err
	}
	ds, err := data.Lookup(*space)
	if err != nil {
		return usageError{err.Error()}
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
	run, ok := adaptMethods[*method]
	if !ok {
		return usagef("unknown method %q (want %s)", *method, methodNames())
	}
	if *format != "csv" && *format != "table" {
		return usagef("unknown format %q (want csv or table)", *format)
	}
	if *seeds < 1 || *nTrain < 3 || *nVal < 0 {
		return usagef("need --seeds >= 1, --train >= 3 and --val >= 0 (got %d, %d, %d)", *seeds, *nTrain, *nVal)
	}
	lat, err := data.LoadLatency(*dataDir, ds.Name)
	if err != nil {
		return err
	}
	X, err := monotonic.Encode(lat)
	if err != nil {
		return err
	}
	pc, _ := lat.Column(*proxy)
	tc, _ := lat.Column(*target)
	p := &monotonic.Pair{X: X, Proxy: pc, Target: tc}
	cand := make([]int, lat.Len())
	for i := range cand {
		cand[i] = i
	}
	if *skipMissing {
		cand = monotonic.Measured(tc)
	}
	if *nTrain+*nVal > len(cand) {
		return usagef("--train %d + --val %d = %d target cells requested, but %s has only %d for %s",
			*nTrain, *nVal, *nTrain+*nVal, ds.Name, len(cand), *target)
	}
	header := []string{"seed", "srcc_before", "srcc_after", "lambda_frac", "val_srcc", "n_train", "n_val", "method"}
	var rows [][]string
	for seed := 0; seed < *seeds; seed++ {
		s, err := monotonic.SplitForSeed(uint64(seed), cand, *nTrain, *nVal)
		if err != nil {
			return usageError{err.Error()}
		}
		if i := s.FirstMissing(tc); i >= 0 {
			return usagef("target %s has no latency for %s %d (%s line %d), drawn by seed %d; add --skip-missing to draw only measured cells",
				*target, ds.IDColumn, lat.IDs[i], lat.Path, i+2, seed)
		}
		r, err := run(p, s, uint64(seed))
		if err != nil {
			return err
		}
		f := func(v float64) string { return strconv.FormatFloat(v, 'g', -1, 64) }
		rows = append(rows, []string{strconv.Itoa(seed), f(r.SRCCBefore), f(r.SRCCAfter), f(r.LambdaFrac), f(r.ValSRCC),
			strconv.Itoa(*nTrain), strconv.Itoa(*nVal), *method})
	}
	if *format == "table" {
		tw := tabwriter.NewWriter(stdout, 0, 0, 2, ' ', 0)
		fmt.Fprintln(tw, strings.Join(header, "\t"))
		for _, r := range rows {
			for k := 1; k <= 4; k++ {
				if v, err := strconv.ParseFloat(r[k], 64); err == nil {
					r[k] = fmt.Sprintf("%.4f", v)
				}
			}
			fmt.Fprintln(tw, strings.Join(r, "\t"))
		}
		return tw.Flush()
	}
	w := csv.NewWriter(stdout)
	w.Write(header)
	w.WriteAll(rows)
	return w.Error()
}
