package figures

import (
	"fmt"
	"math"

	"github.com/nasanalysis/nasanalysis/nasanalysis/plots"
	"github.com/nasanalysis/nasanalysis/nasanalysis/prose"
	"github.com/nasanalysis/nasanalysis/nasanalysis/search"
)

// trialSearches says what a space trial's figure rests on.
func trialSearches(t *search.SpaceTrial, size string) string {
	return fmt.Sprintf("%s fronts, %d evaluations each, over %d seeds (the same seeds in every arm, %s%s)", t.Search, t.Search.Evaluations(), len(t.Seeds), searchResolution(t.Arms[0].Space), searchSize(size))
}

// TrialFronts draws a space trial's full and reduced arms as bands of fronts: at each
// latency the median over seeds of the best accuracy reached within it, shaded from the
// worst to the best seed.
func TrialFronts(t *search.SpaceTrial, size string) (*plots.Figure, error) {
	if len(t.Arms) < 2 {
		return nil, fmt.Errorf("trial fronts on %s: %d arms, want full and reduced", t.Latency, len(t.Arms))
	}
	return plots.Lines(plots.Axes{Title: fmt.Sprintf("Fronts on %s: full vs %s (%s)", t.Latency, t.Name, t.Search.Algorithm), XLabel: searchAxisLabel(t.Latency, t.Unit),
		YLabel: "predicted ImageNet top-1 (%)", LegendBottom: true,
		Caption: fmt.Sprintf("%s: the line is the median over seeds of the best accuracy reached within each latency, the band the worst to the best seed. Reduced space %s. %s",
			trialSearches(t, size), search.TrialSpaceText(t), t.About)},
		true, searchBand("full space", 1, t.Arms[0].Band), searchBand(t.Name, 2, t.Arms[1].Band))
}

// TrialBudgets draws, for each latency budget, the reduced space's best accuracy within
// it minus the full space's, paired over seeds, with its 95 % t-interval as a band; a
// budget where too few seeds reach it in both arms is left out.
func TrialBudgets(t *search.SpaceTrial, size string) (*plots.Figure, error) {
	sum, err := t.Summary()
	if err != nil {
		return nil, err
	}
	red := sum[1]
	y, lo, hi := make([]float64, len(t.Budgets)), make([]float64, len(t.Budgets)), make([]float64, len(t.Budgets))
	for b, iv := range red.BudgetDiffs {
		y[b], lo[b], hi[b] = iv.Estimate, iv.Lo, iv.Hi
	}
	zero := plots.Series{Name: "no difference", X: []float64{t.Budgets[0], t.Budgets[len(t.Budgets)-1]}, Y: []float64{0, 0}, Style: 3}
	diff := plots.Series{Name: t.Name + " minus full", X: t.Budgets, Y: y, Lo: lo, Hi: hi, Style: 2}
	return plots.Lines(plots.Axes{Title: fmt.Sprintf("Best accuracy within a budget on %s: %s minus full (%s)", t.Latency, t.Name, t.Search.Algorithm),
		XLabel: "latency budget, " + searchAxisLabel(t.Latency, t.Unit), YLabel: "accuracy difference (points)",
		Caption: fmt.Sprintf("%s. Budgets at the %s percentiles of %s random networks' latency; the line is the mean paired difference over seeds, the band its 95 %% t-interval.",
			trialSearches(t, size), percentiles(), prose.Num(search.RefSample))},
		false, zero, diff)
}

// percentiles lists search.BudgetQuantiles as "10th, 25th, ...".
func percentiles() string {
	s := ""
	for i, q := range search.BudgetQuantiles {
		if i > 0 {
			s += ", "
		}
		s += fmt.Sprintf("%.0fth", 100*q)
	}
	return s
}

// TrialHypervolumes draws, per trial, the full space's, the reduced space's and the
// random controls' hypervolumes per seed (the controls pooled), each divided by the full
// space's mean.
func TrialHypervolumes(trials []*search.SpaceTrial, size string) (*plots.Figure, error) {
	if len(trials) == 0 {
		return nil, fmt.Errorf("trial hypervolumes: no trial")
	}
	var names []string
	var vals [][]float64
	for _, t := range trials {
		base := 0.0
		for _, v := range t.Arms[0].HV {
			base += v / float64(len(t.Arms[0].HV))
		}
		rel := func(hv []float64) []float64 {
			out := make([]float64, len(hv))
			for i, v := range hv {
				out[i] = v / base
			}
			return out
		}
		label := t.Latency + " " + t.Name + " " + t.Search.Algorithm
		names, vals = append(names, label+": full", label+": reduced"), append(vals, rel(t.Arms[0].HV), rel(t.Arms[1].HV))
		if len(t.Arms) > 2 {
			var pooled []float64
			for _, c := range t.Arms[2:] {
				pooled = append(pooled, rel(c.HV)...)
			}
			names, vals = append(names, fmt.Sprintf("%s: %d controls", label, len(t.Arms)-2)), append(vals, pooled)
		}
	}
	for _, v := range vals {
		for _, x := range v {
			if math.IsNaN(x) {
				return nil, fmt.Errorf("trial hypervolumes: a NaN hypervolume")
			}
		}
	}
	return plots.BoxPlots(plots.Axes{Title: "Hypervolume per seed, relative to the full space's mean", YLabel: "hypervolume / full-space mean (ratio)", KeepOrder: true,
		Caption: boxCaption(len(trials[0].Seeds), size, "Per trial (latency source, reduced space, search protocol): the full space, the reduced space, and the random reductions of the same size pooled (controls x seeds), each search's hypervolume divided by the full space's mean over seeds.")},
		plots.Distributions(names, vals)...)
}
