package main

import (
	"io"

	"github.com/nasanalysis/nasanalysis/nasanalysis/latency"
)

// runCompareRuns prints how two measured files of the same networks agree.
func runCompareRuns(args []string, stdout, stderr io.Writer) error {
	fs := newFlags("compare-runs", "--a FILE --b FILE [--space ofa-mbv3] [--column scaled_ms|median_ms] [--format csv|table]\n(two measure runs of the same networks: n,srcc,median_abs_dev,p95_abs_dev,ratio_min,ratio_max,only_in_a,only_in_b, the deviations of a/b - 1)", stderr)
	sf := fs.spaceFlags("ofa-mbv3", measureSpaces)
	a := fs.String("a", "", "the first measured file (required)")
	b := fs.String("b", "", "the second measured file (required)")
	column := fs.String("column", "scaled_ms", "the column compared: scaled_ms or ratio_ref (paired protocol), or median_ms")
	format := fs.formatFlag()
	sp, err := fs.parseSpace(args, sf, measureSpaces, nil, nil, format)
	if err != nil {
		return err
	}
	if *a == "" || *b == "" {
		return usagef("--a and --b are required")
	}
	if *column != "scaled_ms" && *column != "median_ms" && *column != "ratio_ref" {
		return usagef("--column %q: want scaled_ms, ratio_ref or median_ms", *column)
	}
	ra, err := latency.ReadMeasured(*a, sp.Family)
	if err != nil {
		return err
	}
	rb, err := latency.ReadMeasured(*b, sp.Family)
	if err != nil {
		return err
	}
	r, err := latency.CompareRuns(ra, rb, *column)
	if err != nil {
		return err
	}
	return writeRows(stdout, *format, []string{"n", "srcc", "median_abs_dev", "p95_abs_dev", "ratio_min", "ratio_max", "only_in_a", "only_in_b"},
		[][]any{{r.N, r.SRCC, r.MedianDev, r.P95Dev, r.RatioMin, r.RatioMax, r.OnlyInA, r.OnlyInB}})
}
