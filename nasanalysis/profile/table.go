package profile

import (
	"github.com/go-gota/gota/dataframe"
	"github.com/go-gota/gota/series"

	"github.com/nasanalysis/nasanalysis/nasanalysis/arch"
)

// StatColumns are the per-metric columns of Table, in order, after the metric's name and
// an underscore.
var StatColumns = []string{"mean", "std", "min", "q01", "q05", "q95", "q99", "max", "shift", "shift_lo", "shift_hi"}

// Table is the profile as one row per group, the baseline first: stage, layer, kernel,
// expand and resolution ("" where they do not apply: the baseline's block columns,
// OFA-ResNet50's kernel, a sampled resolution), then StatColumns for each metric. Cells
// are strings, ints or float64s. (Group.Present, the fraction of a group's networks that
// hold its block, is not a column: it is 1 unless the released deepening rule is used.)
func (r *Result) Table() (header []string, rows [][]any) {
	header = []string{"stage", "layer", "kernel", "expand", "resolution"}
	for _, m := range r.Names {
		for _, c := range StatColumns {
			header = append(header, m+"_"+c)
		}
	}
	for _, g := range append([]*Group{r.Baseline}, r.Groups...) {
		row := []any{"", "", "", "", ""}
		if g.Fix != nil {
			row[0], row[1], row[3] = g.Fix.Stage, g.Fix.Layer, g.Fix.Expand
			if g.Fix.Kernel != 0 {
				row[2] = g.Fix.Kernel
			}
		}
		if g.Resolution != 0 {
			row[4] = g.Resolution
		}
		for _, s := range g.Stats {
			row = append(row, s.Mean, s.Std, s.Min, s.Q01, s.Q05, s.Q95, s.Q99, s.Max, s.Shift, s.ShiftLo, s.ShiftHi)
		}
		rows = append(rows, row)
	}
	return header, rows
}

// ResponseTable is the block response of several metrics of one profile, for a table.
type ResponseTable struct {
	Sample
	Metrics []Response
}

// ResponseTable returns the block responses of the named metrics.
func (r *Result) ResponseTable(metrics ...string) (ResponseTable, error) {
	t := ResponseTable{Sample: r.Sample()}
	for _, name := range metrics {
		resp, err := r.Response(name)
		if err != nil {
			return ResponseTable{}, err
		}
		t.Metrics = append(t.Metrics, resp)
	}
	return t, nil
}

// Frame lists each block's mean of every metric and its shift from the baseline's mean
// (<metric>_shift): one row per block, two columns per metric. The shift carries the
// digits that tell blocks apart where the means agree to three significant digits.
func (t ResponseTable) Frame() dataframe.DataFrame {
	if len(t.Metrics) == 0 {
		return dataframe.New(series.New([]string{}, series.String, "block"))
	}
	cols := []series.Series{series.New(tokens(blockList(t.Metrics[0].Blocks)), series.String, "block")}
	for _, m := range t.Metrics {
		var mean, shift []float64
		for _, b := range m.Blocks {
			mean, shift = append(mean, b.Mean), append(shift, b.Shift)
		}
		cols = append(cols, series.New(mean, series.Float, m.Metric), series.New(shift, series.Float, m.Metric+"_shift"))
	}
	return dataframe.New(cols...)
}

// blockList is the blocks of block means.
func blockList(bs []BlockMean) []arch.Block {
	out := make([]arch.Block, len(bs))
	for i, b := range bs {
		out[i] = b.Block
	}
	return out
}
