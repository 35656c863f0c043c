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
	"github.com/nasanalysis/nasanalysis/nasanalysis/stats"
)

func runSRCC(args []string, stdout, stderr io.Writer) error {
	fs := newFlags("srcc", "--space NAME [--devices a,b,...] [--method spearman|kendall] [--format csv|table]", stderr)
	space := fs.String("space", "nb201", "dataset: "+strings.Join(data.DatasetNames(), ", "))
	devices := fs.String("devices", "", "comma-separated devices, in output order (default: all, in file order)")
	method := fs.String("method", "spearman", "rank correlation: spearman or kendall")
	format := fs.String("format", "csv", "output: csv (full precision) or table (3 decimals, aligned)")
	bootstrap := fs.Int("bootstrap", 0, "if > 0: print one row per device pair with a 95% percentile-bootstrap interval from this many resamples (columns device_a,device_b,<method>,lo,hi)")
	seed := fs.Uint64("seed", 1, "with --bootstrap: random seed")
	dataDir := fs.String("data", "", "datasets directory (default: $"+data.EnvDataDir+", then ../shared/datasets, then the fetch cache)")
	if err := parse(fs, args); err != nil {
		return err
	}
	ds, err := data.Lookup(*space)
	if err != nil {
		return usageError{err.Error()}
	}
	m, err := stats.ParseRankCorrelation(*method)
	if err != nil {
		return usageError{err.Error()}
	}
	if *format != "csv" && *format != "table" {
		return usagef("unknown format %q (want csv or table)", *format)
	}
	names := splitList(*devices)
	if _, err := ds.DeviceIndex(names); err != nil {
		return usageError{err.Error()}
	}
	lat, err := data.LoadLatency(*dataDir, ds.Name)
	if err != nil {
		return err
	}
	tab, err := lat.Select(names)
	if err != nil {
		return usageError{err.Error()}
	}
	if len(tab.Devices) < 2 {
		return usagef("need at least two devices, got %d", len(tab.Devices))
	}
	if *bootstrap < 0 {
		return usagef("--bootstrap must be >= 0, got %d", *bootstrap)
	}
	if *bootstrap > 0 {
		df := monotonic.CorrelationCI(tab, m, *bootstrap, 0.95, *seed).Frame()
		if *format == "table" {
			fmt.Fprintln(stdout, df.String())
			return nil
		}
		return df.WriteCSV(stdout)
	}
	corr := stats.CorrelationMatrix(tab.Latency, m)
	if *format == "table" {
		return writeMatrixTable(stdout, tab.Devices, corr)
	}
	return writeMatrixCSV(stdout, tab.Devices, corr)
}

// writeMatrixCSV prints header "device,<d1>,...", then one row per device, each value
// in the shortest form that reads back to the same float64.
func writeMatrixCSV(w io.Writer, names []string, m [][]float64) error {
	cw := csv.NewWriter(w)
	if err := cw.Write(append([]string{"device"}, names...)); err != nil {
		return err
	}
	for i, n := range names {
		row := []string{n}
		for _, v := range m[i] {
			row = append(row, strconv.FormatFloat(v, 'g', -1, 64))
		}
		if err := cw.Write(row); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

func writeMatrixTable(w io.Writer, names []string, m [][]float64) error {
	tw := tabwriter.NewWriter(w, 0, 0, 1, ' ', tabwriter.AlignRight)
	fmt.Fprint(tw, "\t")
	for _, n := range names {
		fmt.Fprintf(tw, "%s\t", n)
	}
	fmt.Fprintln(tw)
	for i, n := range names {
		fmt.Fprintf(tw, "%s\t", n)
		for _, v := range m[i] {
			fmt.Fprintf(tw, "%.3f\t", v)
		}
		fmt.Fprintln(tw)
	}
	return tw.Flush()
}
