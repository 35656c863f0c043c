package main

import (
	"fmt"
	"io"

	"github.com/nasanalysis/nasanalysis/nasanalysis/data"
	"github.com/nasanalysis/nasanalysis/nasanalysis/monotonic"
	"github.com/nasanalysis/nasanalysis/nasanalysis/stats"
)

func runSRCC(args []string, stdout, stderr io.Writer) error {
	fs := newFlags("srcc", "--dataset NAME [--devices a,b,...] [--method spearman|kendall] [--bootstrap N [--seed K]] [--format csv|table]", stderr)
	dataset := fs.datasetFlag("nb201", data.DatasetNames())
	devices := fs.String("devices", "", "comma-separated devices, in output order (default: all, in file order)")
	method := fs.String("method", "spearman", "rank correlation: spearman or kendall")
	format := fs.formatFlag()
	bootstrap := fs.intIn("bootstrap", 0, 0, 100000, "if > 0: print one row per device pair with a 95% percentile-bootstrap interval from this many resamples (columns device_a,device_b,<method>,lo,hi)")
	seed := fs.seedFlag(1, "with --bootstrap, the resampling")
	dataDir := fs.dataFlag()
	if err := fs.parse(args); err != nil {
		return err
	}
	ds, err := data.Lookup(*dataset)
	if err != nil {
		return usageError{err.Error()}
	}
	m, err := stats.ParseRankCorrelation(*method)
	if err != nil {
		return usageError{err.Error()}
	}
	if err := checkFormat(*format); err != nil {
		return err
	}
	names := splitList(*devices)
	if _, err := ds.DeviceIndex(names); err != nil {
		return usageError{err.Error()}
	}
	if *bootstrap < 0 || *bootstrap > 0 && *bootstrap < stats.MinResamples {
		return usagef("--bootstrap %d: want 0 (no intervals) or at least %d resamples (with fewer, an interval can exclude its own estimate)", *bootstrap, stats.MinResamples)
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
	if *bootstrap > 0 {
		bar := newProgress(stderr, *bootstrap, "bootstrap resamples")
		defer bar.Clear()
		ci, err := monotonic.CorrelationCI(tab, m, *bootstrap, 0.95, *seed, func(done, _ int) { bar.Set(done) })
		if err != nil {
			return fmt.Errorf("%s: %w", lat.Path, err)
		}
		return writeFrame(stdout, *format, ci.Frame())
	}
	corr, err := stats.CorrelationMatrix(tab.Latency, m)
	if err != nil {
		return fmt.Errorf("%s: %w", lat.Path, err)
	}
	return writeMatrix(stdout, *format, tab.Devices, corr)
}

// writeMatrix prints header "device,<d1>,...", then one row per device.
func writeMatrix(w io.Writer, format string, names []string, m [][]float64) error {
	rows := make([][]any, len(names))
	for i, n := range names {
		rows[i] = append(rows[i], n)
		for _, v := range m[i] {
			rows[i] = append(rows[i], v)
		}
	}
	return writeRows(w, format, append([]string{"device"}, names...), rows)
}
