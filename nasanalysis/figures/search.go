package figures

import (
	"fmt"
	"strconv"

	"github.com/go-gota/gota/dataframe"
	"github.com/go-gota/gota/series"

	"github.com/nasanalysis/nasanalysis/nasanalysis/arch"
	"github.com/nasanalysis/nasanalysis/nasanalysis/plots"
	"github.com/nasanalysis/nasanalysis/nasanalysis/prose"
	"github.com/nasanalysis/nasanalysis/nasanalysis/search"
)

// The figures and tables of the search studies (notebooks 07 and 08). A size argument
// is the study size a notebook ran at ("small" or "paper"), stated in the caption; ""
// leaves it out.

// searchSize is the caption's clause naming the study size.
func searchSize(size string) string {
	if size == "" {
		return ""
	}
	return "; study size " + size
}

// searchAxisLabel labels a latency source's axis with its unit.
func searchAxisLabel(name, unit string) string { return name + " (" + unit + ")" }

// searchBand is a FrontBand as a Lines series: the median line in the worst-to-best band.
func searchBand(name string, style int, b search.FrontBand) plots.Series {
	s := plots.Band(name, b.Latency, b.Median, b.Worst, b.Best)
	s.Style = style
	return s
}

// searchNSGA describes the searches behind a figure, in space.
func searchNSGA(cfg search.NSGAConfig, space arch.Space, seeds int, size string) string {
	return fmt.Sprintf("NSGA-II fronts over %d seeds (population %d, %d generations, %s%s)", seeds, cfg.Population, cfg.Generations, searchResolution(space), searchSize(size))
}

// searchResolution states the resolution a space's networks run at.
func searchResolution(space arch.Space) string {
	switch len(space.Resolutions) {
	case 0:
		return "resolution searched"
	case 1:
		return fmt.Sprintf("%d px", space.Resolutions[0])
	}
	var rs []string
	for _, r := range space.Resolutions {
		rs = append(rs, strconv.Itoa(r))
	}
	return "resolution searched among " + prose.JoinAnd(rs) + " px"
}

// SpaceFronts draws a SpaceComparison's two arms as bands of fronts: at each latency the
// median over seeds of the best accuracy reached within it, shaded from the worst to the
// best seed. profileN is the number of networks per block fix of the profile that chose
// the dropped blocks.
func SpaceFronts(c search.SpaceComparison, profileN int, size string) (*plots.Figure, error) {
	dropped := "drops no block (the same space)"
	if len(c.Dropped) > 0 {
		dropped = "without " + prose.JoinAnd(c.Dropped)
	}
	if c.Caps != "" {
		dropped += ", within " + c.Caps
	}
	return plots.Lines(plots.Axes{Title: "Fronts on " + c.Latency + ": full vs reduced space", XLabel: searchAxisLabel(c.Latency, c.Unit),
		YLabel: "predicted ImageNet top-1 (%)", LegendBottom: true,
		Caption: fmt.Sprintf("%s: the line is the median over seeds of the best accuracy reached within each latency, the band the worst to the best seed. Reduced space: %s (dominated blocks of the block profile, %d networks per fix). %s",
			searchNSGA(c.Config, c.Space, len(c.Seeds), size), dropped, profileN, c.About)},
		true, searchBand("full space", 1, c.Full.Band), searchBand("reduced space", 2, c.Reduced.Band))
}

// armPair is one pair of boxes of a hypervolume figure: two arms with their labels and
// the mean hypervolume both are divided by.
type armPair struct {
	names [2]string
	arms  [2]search.Arm
	base  float64
}

// searchBoxes draws two arms' hypervolumes per seed, each divided by its pair's base,
// as one pair of boxes per comparison; what names the figure in the error for none.
// The caption is built from the first comparison, once there is one.
func searchBoxes[C any](what, title, ylabel string, cs []C, pair func(C) armPair, caption func(first C) string) (*plots.Figure, error) {
	if len(cs) == 0 {
		return nil, fmt.Errorf("%s: no comparison", what)
	}
	var names []string
	var vals [][]float64
	for _, c := range cs {
		p := pair(c)
		for k, a := range p.arms {
			names, vals = append(names, p.names[k]), append(vals, a.HV.Relative(p.base))
		}
	}
	return plots.BoxPlots(plots.Axes{Title: title, YLabel: ylabel, KeepOrder: true, Caption: caption(cs[0])}, plots.Distributions(names, vals)...)
}

// boxCaption says what a box of hypervolumes per seed shows, then what is shown.
func boxCaption(seeds int, size, shown string) string {
	s := fmt.Sprintf("Each box summarises the hypervolumes of %d searches, one per seed: median, quartiles, whiskers to 1.5 times the interquartile range, and a point for a seed beyond them. %s", seeds, shown)
	if size != "" {
		s += " Study size " + size + "."
	}
	return s
}

// SpaceHypervolumes draws, per latency source, the full and the reduced space's
// hypervolume per seed relative to the full space's mean.
func SpaceHypervolumes(cs []search.SpaceComparison, size string) (*plots.Figure, error) {
	return searchBoxes("space hypervolumes", "Hypervolume per seed, relative to the full space's mean", "hypervolume / full-space mean (ratio)", cs,
		func(c search.SpaceComparison) armPair {
			return armPair{[2]string{c.Latency + " full", c.Latency + " reduced"}, [2]search.Arm{c.Full, c.Reduced}, c.Full.HV.Mean.Estimate}
		},
		func(c search.SpaceComparison) string {
			return boxCaption(len(c.Seeds), size, "Each search's hypervolume on its own latency source is divided by the mean over seeds of the full-space search on that source; above 1, a better front than the full space's average.")
		})
}

// ReuseFronts draws a ReuseComparison's two arms as bands of fronts on the target.
func ReuseFronts(r search.ReuseComparison, size string) (*plots.Figure, error) {
	return plots.Lines(plots.Axes{Title: "Proxy reuse: " + r.Proxy + " -> " + r.Target, XLabel: r.Target + " latency (" + r.Unit + ")",
		YLabel: "predicted ImageNet top-1 (%)", LegendBottom: true,
		Caption: fmt.Sprintf("%s: median over seeds of the best accuracy within each latency, band from the worst to the best seed. %s", searchNSGA(r.Config, r.Space, len(r.Seeds), size), r.About)},
		true, searchBand("searched on "+r.Proxy+", shown on "+r.Target, 1, r.Reused.Band), searchBand("searched on "+r.Target, 2, r.Own.Band))
}

// ReuseHypervolumes draws, per target, the reused and the own search's hypervolume per
// seed relative to the own search's mean.
func ReuseHypervolumes(rs []search.ReuseComparison, size string) (*plots.Figure, error) {
	return searchBoxes("reuse hypervolumes", "Hypervolume on the target per seed, relative to searching on it", "hypervolume / target-search mean (ratio)", rs,
		func(r search.ReuseComparison) armPair {
			return armPair{[2]string{r.Target + " reused", r.Target + " own search"}, [2]search.Arm{r.Reused, r.Own}, r.Own.HV.Mean.Estimate}
		},
		func(r search.ReuseComparison) string {
			return boxCaption(len(r.Seeds), size, fmt.Sprintf("The %s fronts re-scored on each target, and the target's own searches, are divided by the mean of the target's own search.", r.Proxy))
		})
}

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
