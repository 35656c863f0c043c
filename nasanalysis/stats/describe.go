package stats

import (
	"errors"
	"fmt"
	"math"

	"github.com/go-gota/gota/dataframe"
	"github.com/go-gota/gota/series"
	"gonum.org/v1/gonum/stat"
)

// Describe summarises each named sample (NaN = missing) in one row: n present,
// missing, mean, standard deviation, min, the 1/5/50/95/99 % quantiles, and max — the
// statistics the block-profiling study reports for every metric. A sample without a
// value gets a row of NaN, and the error names every such sample (each wrapping
// ErrNoData, joined) beside the full frame; names and samples of different lengths
// return an empty frame and an error.
func Describe(names []string, samples [][]float64) (dataframe.DataFrame, error) {
	if len(names) != len(samples) {
		return dataframe.DataFrame{}, fmt.Errorf("stats: describe: %d names for %d samples", len(names), len(samples))
	}
	var errs []error
	for k, x := range samples {
		if countPresent(x) == 0 {
			errs = append(errs, fmt.Errorf("stats: describe: sample %q: %w (%s)", names[k], ErrNoData, allMissing(len(x))))
		}
	}
	return describe(names, samples), errors.Join(errs...)
}

func describe(names []string, samples [][]float64) dataframe.DataFrame {
	cols := []string{"n", "missing", "mean", "std", "min", "q01", "q05", "median", "q95", "q99", "max"}
	vals := make([][]float64, len(cols))
	for i := range vals {
		vals[i] = make([]float64, len(samples))
	}
	for k, x := range samples {
		present := sortedPresent(x)
		mean, std := math.NaN(), math.NaN()
		if len(present) > 0 {
			mean = stat.Mean(present, nil)
		}
		if len(present) > 1 {
			std = stat.StdDev(present, nil)
		}
		row := []float64{float64(len(present)), float64(len(x) - len(present)), mean, std}
		for _, p := range []float64{0, 0.01, 0.05, 0.5, 0.95, 0.99, 1} {
			row = append(row, quantileSorted(present, p))
		}
		for i := range cols {
			vals[i][k] = row[i]
		}
	}
	out := []series.Series{series.New(names, series.String, "name")}
	for i, c := range cols {
		if c == "n" || c == "missing" {
			ints := make([]int, len(samples))
			for k := range ints {
				ints[k] = int(vals[i][k])
			}
			out = append(out, series.New(ints, series.Int, c))
			continue
		}
		out = append(out, series.New(vals[i], series.Float, c))
	}
	return dataframe.New(out...)
}
