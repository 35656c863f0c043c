package figures

import (
	"fmt"

	"github.com/go-gota/gota/dataframe"
	"github.com/go-gota/gota/series"

	"github.com/nasanalysis/nasanalysis/nasanalysis/plots"
	"github.com/nasanalysis/nasanalysis/nasanalysis/prose"
	"github.com/nasanalysis/nasanalysis/nasanalysis/search"
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
		Caption: fmt.Sprintf("Each cell: the latency of the model chosen under the row's rule, on the column's device, over that device's budget (its median over %s random networks at %d px), mean over %d seeds (population %d, %d generations%s). Above 1: slower than the budget there.",
			prose.Num(rs.Sample), rs.Res(), len(rs.Seeds), rs.Config.Population, rs.Config.Generations, searchSize(size))}.Figure()
}

// BestUnderTable is a TableStudy's exhaustive best cell under each rule, with its caption.
func BestUnderTable(r *search.TableStudy) (dataframe.DataFrame, string) {
	return search.ChoicesFrame(r.Devices, r.Value, r.BestRows()),
		fmt.Sprintf("The best NB201 cell (CIFAR-10 test accuracy, %%) under each rule, exhaustively over %s; device columns are latency over the device's median.", r.Note)
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
