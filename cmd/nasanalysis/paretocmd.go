package main

import (
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/nasanalysis/nasanalysis/nasanalysis/data"
	"github.com/nasanalysis/nasanalysis/nasanalysis/pareto"
	"github.com/nasanalysis/nasanalysis/nasanalysis/search"
)

// runPareto prints the accuracy-latency front of an NB201 dataset on one device.
func runPareto(args []string, stdout, stderr io.Writer) error {
	fs := newFlags("pareto", "--dataset nb201|nb201-full --acc cifar10_acc --device D [--format csv|table]", stderr)
	dataset := fs.String("dataset", "nb201", "dataset: nb201, nb201-full") // a new command: no deprecated --space
	accName := fs.String("acc", "cifar10_acc", "accuracy column: "+fmt.Sprint(data.AccuracyColumns))
	device := fs.String("device", "", "the device whose latency is the cost (required)")
	format := fs.formatFlag()
	dataDir := fs.dataFlag()
	if err := fs.parse(args); err != nil {
		return err
	}
	ds, err := data.Lookup(*dataset)
	if err != nil || ds.AccuracyFile == "" {
		return usagef("--dataset %q: want a dataset with accuracies (nb201, nb201-full)", *dataset)
	}
	if err := checkFormat(*format); err != nil {
		return err
	}
	if !slices.Contains(data.AccuracyColumns, *accName) {
		return usagef("--acc %q: want one of %v", *accName, data.AccuracyColumns)
	}
	if _, err := ds.DeviceIndex([]string{*device}); err != nil || *device == "" {
		return usagef("--device %q: want one of %v", *device, ds.Devices)
	}
	lat, err := data.LoadLatency(*dataDir, ds.Name)
	if err != nil {
		return err
	}
	accTab, err := data.LoadAccuracy(*dataDir)
	if err != nil {
		return err
	}
	acc, err := data.AccuracyFor(lat, accTab, *accName)
	if err != nil {
		return err
	}
	cost, _ := lat.Column(*device)
	front := pareto.Front(cost, acc)
	if n := countNaN(cost); n > 0 {
		fmt.Fprintf(stderr, "%d of %d architectures have no %s latency and are left out\n", n, len(cost), *device)
	}
	var rows [][]any
	for _, i := range front {
		rows = append(rows, []any{lat.IDs[i], lat.Archs[i], acc[i], cost[i]})
	}
	return writeRows(stdout, *format, []string{"arch_index", "arch", "acc", "latency_ms"}, rows)
}

func countNaN(x []float64) int {
	n := 0
	for _, v := range x {
		if v != v {
			n++
		}
	}
	return n
}

// runMultiHW prints every architecture's latency over a reference on each device, and
// its average and worst case (Chu et al.).
func runMultiHW(args []string, stdout, stderr io.Writer) error {
	fs := newFlags("multihw", "--dataset D --devices LIST (--ref ARCH_INDEX | --budgets LIST) [--format csv|table]", stderr)
	dataset := fs.String("dataset", "nb201", "dataset: "+strings.Join(data.DatasetNames(), ", "))
	devices := fs.String("devices", "", "comma-separated devices (required)")
	ref := fs.Int("ref", -1, "the reference architecture: the dataset's own arch_index (not a row number)")
	budgetList := fs.String("budgets", "", "instead of --ref: one latency budget (ms) per device")
	format := fs.formatFlag()
	dataDir := fs.dataFlag()
	if err := fs.parse(args); err != nil {
		return err
	}
	ds, err := data.Lookup(*dataset)
	if err != nil {
		return usageError{err.Error()}
	}
	if err := checkFormat(*format); err != nil {
		return err
	}
	names := splitList(*devices)
	if len(names) == 0 {
		return usagef("--devices is required")
	}
	if _, err := ds.DeviceIndex(names); err != nil {
		return usageError{err.Error()}
	}
	if (*ref >= 0) == (*budgetList != "") {
		return usagef("give exactly one of --ref ARCH_INDEX and --budgets LIST")
	}
	lat, err := data.LoadLatency(*dataDir, ds.Name)
	if err != nil {
		return err
	}
	cols := make([][]float64, len(names))
	for d, n := range names {
		cols[d], _ = lat.Column(n)
	}
	var refs []float64
	if *ref >= 0 {
		row := slices.Index(lat.IDs, *ref)
		if row < 0 {
			return usagef("--ref %d: no architecture with that arch_index in %s", *ref, lat.Path)
		}
		refs = search.RefOf(cols, row)
		for d, v := range refs {
			if !(v > 0) {
				return fmt.Errorf("--ref %d has no usable latency on %s (%v)", *ref, names[d], v)
			}
		}
	} else {
		for _, b := range splitList(*budgetList) {
			v, err := data.ParseNumber(b, false)
			if err != nil || !(v > 0) {
				return usagef("--budgets %q: want positive decimal numbers of milliseconds", b)
			}
			refs = append(refs, v)
		}
		if len(refs) != len(names) {
			return usagef("%d devices but %d budgets", len(names), len(refs))
		}
	}
	m, err := search.NormaliseLatency(names, cols, refs)
	if err != nil {
		return err
	}
	if m.Missing > 0 {
		fmt.Fprintln(stderr, m.Note())
	}
	header := []string{"arch_index", "avg_norm", "worst_norm"}
	for _, n := range names {
		header = append(header, n+"_norm")
	}
	rows := make([][]any, len(m.Kept))
	for k, i := range m.Kept {
		row := []any{lat.IDs[i], m.Avg[k], m.Worst[k]}
		for _, r := range m.Ratio[k] {
			row = append(row, r)
		}
		rows[k] = row
	}
	return writeRows(stdout, *format, header, rows)
}
