package profile

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
