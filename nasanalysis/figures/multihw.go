package figures

import (
	"fmt"
	"strconv"

	"github.com/go-gota/gota/dataframe"
	"github.com/go-gota/gota/series"

	"github.com/nasanalysis/nasanalysis/nasanalysis/plots"
	"github.com/nasanalysis/nasanalysis/nasanalysis/prose"
	"github.com/nasanalysis/nasanalysis/nasanalysis/search"
	"github.com/nasanalysis/nasanalysis/nasanalysis/stats"
)

// The figures and tables of the multi-hardware study (notebook 08, Chu et al. 2020).

// RuleRatios draws the latency over the budget of the model each rule of a RuleStudy
// chose, on every device (mean over seeds), as an annotated heatmap: a row is a rule,
// a column a device, and a cell above 1 a model slower than the device's budget.
func RuleRatios(rs *search.RuleStudy, size string) (*plots.Figure, error) {
	var rows []string
	var vals [][]float64
	for _, cs := range rs.Choices {
		row := make([]float64, len(rs.Devices))
		for d := range row {
			for _, c := range cs {
				row[d] += c.Ratio[d] / float64(len(cs))
			}
		}
		rows, vals = append(rows, cs[0].Rule), append(vals, row)
	}
	return plots.Heatmap{Title: "Chosen models' latency over each device's budget", Values: vals, RowLabels: rows, ColLabels: rs.Devices,
		Scale: plots.Sequential, ValueLabel: "latency / budget (ratio)", XLabel: "device", YLabel: "rule the model was chosen under", KeepOrder: true,
		Caption: fmt.Sprintf("Each cell: the latency of the model chosen under the row's rule, on the column's device, over that device's budget (%s), mean over %d seeds (population %d, %d generations%s). Above 1: slower than the budget there.",
			rs.Budget(), len(rs.Seeds), rs.Config.Population, rs.Config.Generations, searchSize(size))}.Figure()
}

// BestUnderTable is a TableStudy's exhaustive best cell under each rule, with its caption.
func BestUnderTable(r *search.TableStudy) (dataframe.DataFrame, string) {
	refIs := r.RefIs
	if refIs == "" {
		refIs = "the device's median"
	}
	return search.ChoicesFrame(r.Devices, r.Value, r.BestRows()),
		fmt.Sprintf("The best NB201 cell (CIFAR-10 test accuracy, %%) under each rule, exhaustively over %s; device columns are latency over the device's reference, %s; average and worst case over the %d hardware (%s).",
			r.Note, refIs, len(r.Groups), prose.JoinAnd(r.Groups))
}

// RegretTable is a TableStudy's search results against the exhaustive optimum, with its
// caption.
func RegretTable(r *search.TableStudy, size string) (dataframe.DataFrame, string) {
	return search.RegretFrame(r.Best, r.Found),
		fmt.Sprintf("Evolutionary search (population %d, %d generations, %d seeds%s) under each rule against the exhaustive optimum above: CIFAR-10 accuracy (%%) found, regret = optimum - found (mean over seeds).",
			r.Config.Population, r.Config.Generations, len(r.Seeds), searchSize(size))
}

// RuleChoicesTable is a RuleStudy's chosen models per rule, with its caption.
func RuleChoicesTable(rs *search.RuleStudy, size string) (dataframe.DataFrame, string) {
	return search.ChoicesFrame(rs.Devices, rs.Value, rs.Choices),
		fmt.Sprintf("The model OFA's evolutionary search finds under each rule: predicted accuracy (%%), latency over the budget on every device, average and worst case; mean and standard deviation over %d seeds (population %d, %d generations%s).",
			len(rs.Seeds), rs.Config.Population, rs.Config.Generations, searchSize(size))
}

// MeasuredTable is a MeasuredCheck per rule — predicted latency over the budget, measured
// latency over the random median with its spread over seeds — with its caption.
func MeasuredTable(m *search.MeasuredCheck) (dataframe.DataFrame, string) {
	mean := make([]float64, len(m.Rules))
	for k, iv := range m.Measured {
		mean[k] = iv.Estimate
	}
	df := dataframe.New(series.New(m.Rules, series.String, "rule"), series.New(m.Predicted, series.Float, "predicted_over_budget"),
		series.New(mean, series.Float, "measured_over_random_median"), series.New(m.MeasuredSD, series.Float, "measured_sd"))
	return df, fmt.Sprintf("The %d chosen models (%d rules × %d seeds) on this machine: predicted latency over the budget (as in the table above), and measured latency over the median of %d random %d-px networks measured in the same run (%s ms); mean and standard deviation over seeds. %s.",
		m.NChosen, len(m.Rules), m.Seeds, m.NRandom, m.Res, prose.Num(m.RandomMedian), m.About)
}

// multihwSeries are a Tradeoff's four deployments, in the figure's and the table's
// order, with the points of each level.
func multihwSeries(t search.Tradeoff) ([]string, [][]search.TradeoffPoint) {
	return []string{"per-device models", "average-case model", "worst-case model", "best single-device model, carried"},
		[][]search.TradeoffPoint{t.PerDevice, t.Average, t.WorstCase, t.Carried}
}

// TradeoffFigure draws a Tradeoff's accuracy–latency trade-off: for each deployment a
// line through its budget levels, at its worst case over the hardware (latency over the
// reference architecture's) and its accuracy (mean over seeds, with 95 % t-interval bars
// when there are several seeds). valueLabel names the accuracy with its unit.
func TradeoffFigure(t search.Tradeoff, title, valueLabel, size string) (*plots.Figure, error) {
	names, points := multihwSeries(t)
	var series []plots.Series
	for k, ps := range points {
		s := plots.Series{Name: names[k]}
		for _, p := range ps {
			s.X, s.Y = append(s.X, p.Worst), append(s.Y, p.Acc.Estimate)
			if t.Seeds > 1 {
				s.YErr = append(s.YErr, p.Acc.Hi-p.Acc.Estimate)
			}
		}
		series = append(series, s)
	}
	how := "the exhaustive optimum under each rule, one point per level"
	if !t.Exhaustive {
		how = fmt.Sprintf("OFA's evolutionary search, mean over %d seeds with 95 %% t-interval bars%s", t.Seeds, searchSize(size))
	}
	levels := make([]string, len(t.Levels))
	for l, v := range t.Levels {
		levels[l] = strconv.FormatFloat(v, 'f', -1, 64)
	}
	return plots.Lines(plots.Axes{Title: title, XLabel: "worst case over the hardware (latency / the " + t.Reference + "'s)", YLabel: valueLabel, LegendBottom: true, KeepOrder: true,
		Caption: fmt.Sprintf("Each point is one budget level (%s × the %s's latency on every device; left to right), %s. Per-device models: each of the %d hardware its own model under its own budget (mean accuracy; worst case each model on its own hardware). Multi-hardware models: one model under the average- or worst-case rule. Carried: the most accurate single-device model deployed on every hardware. A line hidden under another has the same points there: the two chose equally fast and accurate architectures.",
			prose.JoinAnd(levels), t.Reference, how, len(t.Groups))}, false, series...)
}

// TradeoffTable is a Tradeoff's numbers per budget level — each deployment's accuracy
// and worst case over the hardware (over the reference), the gaps of the multi-hardware
// models behind the per-device models and of the carried model ahead of the worst-case
// model, and how far the carried model runs over its budget — with its caption.
func TradeoffTable(t search.Tradeoff) (dataframe.DataFrame, string) {
	names, points := multihwSeries(t)
	short := []string{"per_device", "average", "worst", "carried"}
	cols := []series.Series{series.New(t.Levels, series.Float, "level")}
	for k := range names {
		acc, worst := make([]float64, len(t.Levels)), make([]float64, len(t.Levels))
		for l, p := range points[k] {
			acc[l], worst[l] = p.Acc.Estimate, p.Worst
		}
		cols = append(cols, series.New(acc, series.Float, short[k]+"_acc"), series.New(worst, series.Float, short[k]+"_worst"))
	}
	for _, g := range []struct {
		name string
		ivs  []stats.Interval
	}{{"gap_worst", t.GapWorst}, {"gap_average", t.GapAverage}, {"carried_gain", t.CarriedGap}, {"carried_over_budget", t.CarriedOver}} {
		est, lo, hi := make([]float64, len(t.Levels)), make([]float64, len(t.Levels)), make([]float64, len(t.Levels))
		for l, iv := range g.ivs {
			est[l], lo[l], hi[l] = iv.Estimate, iv.Lo, iv.Hi
		}
		cols = append(cols, series.New(est, series.Float, g.name))
		if t.Seeds > 1 {
			cols = append(cols, series.New(lo, series.Float, g.name+"_lo"), series.New(hi, series.Float, g.name+"_hi"))
		}
	}
	basis := "exact differences of the exhaustive optima"
	if t.Seeds > 1 {
		basis = fmt.Sprintf("means over %d seeds; _lo and _hi bound 95 %% t-intervals, paired over seeds for the gaps", t.Seeds)
	}
	return dataframe.New(cols...), fmt.Sprintf("Per budget level (× the %s's latency): accuracy (_acc) and worst case over the hardware as latency over the reference's (_worst) of each deployment; gap_worst and gap_average: the per-device models' mean accuracy minus the worst- or average-case model's; carried_gain: the carried single-device model's accuracy minus the worst-case model's; carried_over_budget: its worst case over its budget (%s).",
		t.Reference, basis)
}
