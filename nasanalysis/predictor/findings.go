package predictor

import (
	"fmt"
	"slices"
	"strings"

	"github.com/nasanalysis/nasanalysis/nasanalysis/prose"
	"github.com/nasanalysis/nasanalysis/nasanalysis/stats"
)

// est writes an estimate with its interval: "0.0412 (0.0100–0.0724)".
func est(iv stats.Interval) string { return prose.Est(iv.Estimate, iv.Lo, iv.Hi) }

// meanSDText writes a mean over seeds with its standard deviation: "0.696 ± 0.0137".
func meanSDText(m, sd float64) string { return prose.Num(m) + " ± " + prose.Num(sd) }

// budgetsText lists budgets: "25, 50 and 100 cells".
func budgetsText(ns []int, unit string) string {
	s := make([]string, len(ns))
	for i, n := range ns {
		s[i] = prose.Num(n)
	}
	return prose.JoinAnd(s) + " " + unit
}

// summaryAt is SummaryAt for summaries a study made itself.
func (c CurveStudy) summaryAt(method string, n int) CurveSummary {
	s, err := SummaryAt(c.Sums, method, n)
	if err != nil {
		panic(err)
	}
	return s
}

// anchorText states where the reference's interval lies against the published
// scores, and where its mean lies against White et al.'s range.
func (c CurveStudy) anchorText() string {
	var vs []string
	for _, a := range c.Anchors {
		if a.Method != c.Ref {
			continue
		}
		where := map[int]string{1: "lies above", -1: "lies below", 0: "contains"}[a.Sign()]
		vs = append(vs, fmt.Sprintf("at %d cells the %s's 95 %% t-interval over %d seeds, %s around its mean %s, %s %s's %s",
			a.N, MethodName(c.Ref), a.Seeds, prose.Interval(a.Mean.Lo, a.Mean.Hi), prose.Num(a.Mean.Estimate), where, a.Who, prose.Num(a.Kendall)))
	}
	s := ""
	if len(vs) > 0 {
		s = fmt.Sprintf("Against scikit-learn's best as reported on the same data and protocol (issue 5: the mean of 5 seeds on its own splits, with no spread, so the comparison cannot be paired), %s. ", strings.Join(vs, "; "))
	}
	var white []string
	for _, n := range c.Sizes {
		if n < 400 {
			continue
		}
		k := c.summaryAt(c.Ref, n).Kendall
		pos := "inside it"
		if k < WhiteLo {
			pos = "below it"
		} else if k > WhiteHi {
			pos = "above it"
		}
		white = append(white, fmt.Sprintf("%s at %d cells (%s)", pos, n, prose.Num(k)))
	}
	if len(white) > 0 {
		s += fmt.Sprintf("White et al. (NeurIPS 2021) report %s for the best predictors with a few hundred to a thousand cells; the %s's mean is %s.",
			prose.Interval(WhiteLo, WhiteHi), MethodName(c.Ref), prose.JoinAnd(white))
	}
	return strings.TrimSpace(s)
}

// bySign groups paired differences' budgets by the sign of their interval.
func bySign(ds []PairedDiff) (higher, same, lower []int) {
	for _, d := range ds {
		switch d.Diff.Sign() {
		case 1:
			higher = append(higher, d.N)
		case -1:
			lower = append(lower, d.N)
		default:
			same = append(same, d.N)
		}
	}
	return higher, same, lower
}

// refVsText states, paired over seeds, where the reference ranks better or worse than
// another learned method, and the budget at which that method's mean first matches the
// reference's.
func (c CurveStudy) refVsText(other string) string {
	ds := c.RefVs[other]
	if len(ds) == 0 {
		return ""
	}
	higher, same, lower := bySign(ds)
	ref, oth := MethodName(c.Ref), MethodName(other)
	var s string
	if len(higher) == len(ds) {
		s = fmt.Sprintf("The %s, which sees how the cell is wired, ranks better than the %s at every budget (paired over %d seeds, 95 %% t-intervals of the difference in Kendall tau above zero).", ref, oth, ds[0].Seeds)
	} else {
		// The first phrase names the other method: "better than the MLP at 25 cells,
		// no differently at 50 cells", "no differently from the MLP at ...".
		var parts []string
		for _, g := range []struct {
			budgets     []int
			word, named string
		}{{higher, "better", "better than the " + oth}, {same, "no differently", "no differently from the " + oth}, {lower, "worse", "worse than the " + oth}} {
			if len(g.budgets) == 0 {
				continue
			}
			w := g.word
			if len(parts) == 0 {
				w = g.named
			}
			parts = append(parts, w+" at "+budgetsText(g.budgets, "cells"))
		}
		s = fmt.Sprintf("Paired over %d seeds (the same split for both), the %s ranks %s (95 %% t-intervals of the difference in Kendall tau).", ds[0].Seeds, ref, prose.JoinAnd(parts))
	}
	var matched []string
	for _, n := range c.Sizes {
		for _, m := range c.Sizes {
			if m > n && c.summaryAt(other, m).Kendall >= c.summaryAt(c.Ref, n).Kendall {
				matched = append(matched, fmt.Sprintf("at %d cells with %d (×%s)", n, m, prose.Num(float64(m)/float64(n))))
				break
			}
		}
	}
	if len(matched) > 0 {
		s += fmt.Sprintf(" The %s's mean tau first matches the %s's %s.", oth, ref, prose.JoinAnd(matched))
	}
	return s
}

// flopsText states what FLOPs alone reach, against the linear model and the learned
// models, paired over seeds.
func (c CurveStudy) flopsText() string {
	if len(c.FLOPsVsLinear) == 0 {
		return ""
	}
	var k []float64
	for _, n := range c.Sizes {
		k = append(k, c.summaryAt(BaselineFLOPs, n).Kendall)
	}
	wins, _, _ := bySign(c.FLOPsVsLinear)
	overtake := func(method string) string {
		ds := c.VsFLOPs[method]
		for i, d := range ds {
			if d.Diff.Sign() > 0 {
				stays := true
				for _, e := range ds[i:] {
					stays = stays && e.Diff.Sign() > 0
				}
				if stays {
					return fmt.Sprintf("the %s from %d cells on", MethodName(method), d.N)
				}
				return fmt.Sprintf("the %s first at %d cells, though not at every larger budget", MethodName(method), d.N)
			}
		}
		return fmt.Sprintf("the %s at no budget up to %d cells", MethodName(method), c.Sizes[len(c.Sizes)-1])
	}
	why := ""
	if slices.Min(k) > 0 {
		why = " (bigger cells train better)"
	}
	return fmt.Sprintf("FLOPs alone%s, which needs no training, reaches Kendall tau %s and ranks better than the per-operation linear model at %d of %d budgets; the learned models rank better than it (paired over seeds): %s, %s.",
		why, prose.Interval(slices.Min(k), slices.Max(k)), len(wins), len(c.Sizes), overtake(KindGCN), overtake(KindMLP))
}

// rmseText reads RMSE against the spread of the target.
func (c CurveStudy) rmseText() string {
	var rmse []float64
	for _, s := range c.Sums {
		rmse = append(rmse, s.RMSE)
	}
	sp := c.Spread
	spread := fmt.Sprintf("a standard deviation of %s points in the accuracies themselves", prose.Num(sp.SD))
	if sp.Disconnected > 0 {
		spread += fmt.Sprintf(", %s without the %s disconnected cells (no path from input to output), whose accuracy averages %s %%",
			prose.Num(sp.ConnectedSD), prose.Num(sp.Disconnected), prose.Num(sp.DisconnectedMean))
		if sp.ConnectedSD < sp.SD/2 {
			spread += ", so most of the spread is theirs"
		}
	}
	if slices.Min(rmse) > sp.SD/2 {
		return fmt.Sprintf("RMSE stays high for every method and budget, %s points, against %s: the ranking loss trades the scale of predictions for their order, which is what search uses.",
			prose.Interval(slices.Min(rmse), slices.Max(rmse)), spread)
	}
	return fmt.Sprintf("RMSE ranges over %s points, against %s.", prose.Interval(slices.Min(rmse), slices.Max(rmse)), spread)
}

// CurveFindings reads a CurveStudy: the reference against the published scores, against
// the MLP (paired), FLOPs against the linear and learned models (paired), and RMSE
// against the target's spread.
func CurveFindings(c CurveStudy) string {
	var parts []string
	for _, s := range []string{c.anchorText(), c.refVsText(KindMLP), c.flopsText(), c.rmseText()} {
		if s != "" {
			parts = append(parts, s)
		}
	}
	return strings.Join(parts, " ")
}
