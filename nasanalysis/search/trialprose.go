package search

import (
	"fmt"
	"math"
	"strings"

	"github.com/nasanalysis/nasanalysis/nasanalysis/prose"
	"github.com/nasanalysis/nasanalysis/nasanalysis/stats"
)

// TrialSpaceText describes a trial's reduced space: its name, dropped blocks and caps,
// e.g. "bp-note10: without k7e3 and k7e4, stage depths at most 3-4-4-4-4".
func TrialSpaceText(t *SpaceTrial) string {
	dropped, caps := ReductionWords(t.Arms[1].Space)
	var parts []string
	if dropped != "" {
		parts = append(parts, "without "+prose.JoinAnd(strings.Split(dropped, "+")))
	}
	if caps != "" {
		parts = append(parts, "stage depths at most "+caps)
	}
	return t.Name + ": " + strings.Join(parts, ", ")
}

// controlVerdict words the sign of the reduced space's paired difference from its
// random controls' mean. Beating the controls says the dropped blocks are better chosen
// than at random; whether that makes the front better than the full space's is the
// other verdict.
func controlVerdict(sign int) string {
	switch sign {
	case 1:
		return "it beats a random reduction of its size: what it leaves out is better chosen than at random"
	case -1:
		return "it does worse than a random reduction of its size"
	}
	return "it is not distinguishable from a random reduction of its size"
}

// pointsShort is a paired difference in accuracy points with its interval:
// "+0.12 (-0.05 to 0.29)".
func pointsShort(iv stats.Interval) string {
	est, in := estParts(iv)
	if iv.Estimate > 0 {
		est = "+" + est
	}
	return est + " (" + in + ")"
}

// TrialSentences states a space trial's verdicts: the paired hypervolume change against
// the full space, the reduced space's place among its random controls, the best
// accuracy within each latency budget, and what choosing the space cost. Every
// comparison word follows the sign of a paired 95 % interval.
func TrialSentences(t *SpaceTrial) ([]string, error) {
	sum, err := t.Summary()
	if err != nil {
		return nil, err
	}
	red := sum[1]
	out := []string{fmt.Sprintf("**%s, %s**, %s over %d seeds: against the full space the reduced space changes the front's hypervolume by %s; %s.",
		t.Latency, TrialSpaceText(t), t.Search, len(t.Seeds), pctChange(red.Diff), spaceVerdict(red.Diff.Sign()))}
	if len(t.Arms) > 2 {
		cv, err := t.AgainstControls()
		if err != nil {
			return nil, err
		}
		out = append(out, fmt.Sprintf("Against %d random reductions of the same size, searched the same way, it ranks %s of %d by mean hypervolume and differs from their mean by %s: %s.",
			cv.Controls, prose.Ordinal(cv.Rank), cv.Controls+1, pctChange(cv.VsControls), controlVerdict(cv.VsControls.Sign())))
	}
	out = append(out, budgetSentence(t, red))
	if t.ProfileEvaluations > 0 {
		e := t.Arms[1].Evaluations
		out = append(out, fmt.Sprintf("Choosing the reduced space cost %s profiling evaluations, %s times one search's %s: counted, the reduced arm spends %s evaluations against the full arm's %s.",
			prose.Num(t.ProfileEvaluations), prose.Num(float64(t.ProfileEvaluations)/float64(e)), prose.Num(e), prose.Num(t.ProfileEvaluations+e), prose.Num(t.Arms[0].Evaluations)))
	}
	return out, nil
}

// budgetSentence states the best accuracy within each budget, reduced minus full.
func budgetSentence(t *SpaceTrial, red ArmSummary) string {
	var items []string
	var higher, lower, same, unknown int
	for b, iv := range red.BudgetDiffs {
		at := fmt.Sprintf("%s %s (%s percentile)", prose.Num(t.Budgets[b]), t.Unit, prose.Ordinal(int(math.Round(100*BudgetQuantiles[b]))))
		if math.IsNaN(iv.Estimate) {
			unknown++
			items = append(items, at+": too few seeds reach it in both arms")
			continue
		}
		switch iv.Sign() {
		case 1:
			higher++
		case -1:
			lower++
		default:
			same++
		}
		items = append(items, at+": "+pointsShort(iv))
	}
	s := fmt.Sprintf("Best accuracy within a latency budget, reduced minus full space in points, paired over seeds (95 %% t-interval), at budgets placed at percentiles of %s random networks' latency: %s. ",
		prose.Num(RefSample), strings.Join(items, "; "))
	switch {
	case higher > 0 && lower > 0:
		return s + fmt.Sprintf("The reduced space is ahead under %s and behind under %s: one hypervolume hides where it helps and where it hurts.", budgets(higher), budgets(lower))
	case higher > 0:
		return s + fmt.Sprintf("The reduced space is ahead under %d of the %d budgets and behind under none.", higher, len(red.BudgetDiffs))
	case lower > 0:
		return s + fmt.Sprintf("The reduced space is behind under %d of the %d budgets and ahead under none.", lower, len(red.BudgetDiffs))
	}
	return s + "No budget shows a difference beyond noise."
}

// TrialTakeaway sums up the space trials: in which the reduced space's front is better
// than the full space's, worse, or not distinguishable, paired over seeds; and where
// controls were searched, in which it also beats random reductions of its size. The
// claim holds only where both hold.
func TrialTakeaway(trials []*SpaceTrial) ([]string, error) {
	if len(trials) == 0 {
		return nil, fmt.Errorf("trial takeaway: no trial")
	}
	var better, worse, same, beatsControls, beatsOnly, controlled []string
	for _, t := range trials {
		sum, err := t.Summary()
		if err != nil {
			return nil, err
		}
		item := fmt.Sprintf("%s with %s, %s (%s)", t.Latency, t.Name, t.Search.Algorithm, pctShort(sum[1].Diff))
		switch sum[1].Diff.Sign() {
		case 1:
			better = append(better, item)
		case -1:
			worse = append(worse, item)
		default:
			same = append(same, item)
		}
		if len(t.Arms) > 2 {
			cv, err := t.AgainstControls()
			if err != nil {
				return nil, err
			}
			name := fmt.Sprintf("%s with %s, %s", t.Latency, t.Name, t.Search.Algorithm)
			controlled = append(controlled, name)
			switch {
			case cv.VsControls.Sign() > 0 && sum[1].Diff.Sign() > 0:
				beatsControls = append(beatsControls, name)
			case cv.VsControls.Sign() > 0:
				beatsOnly = append(beatsOnly, name)
			}
		}
	}
	parts := groupPhrases(wordedGroup{"better than the full space's in ", better}, wordedGroup{"worse in ", worse})
	switch {
	case len(same) == len(trials):
		parts = append(parts, "not distinguishable from the full space's in any")
	case len(same) > 0:
		parts = append(parts, fmt.Sprintf("not distinguishable from it in the other %d", len(same)))
	}
	out := []string{fmt.Sprintf("**Hardware-reduced spaces (Mills et al.)**: of %d trials (latency source, reduced space, search protocol), paired over seeds, the reduced space's front is %s.", len(trials), prose.JoinAnd(parts))}
	if len(controlled) > 0 {
		s := fmt.Sprintf("The claim in full — a front better than the full space's and better than random reductions of the same size — holds in %d of the %d trials with controls", len(beatsControls), len(controlled))
		if len(beatsControls) > 0 {
			s += " (" + prose.JoinAnd(beatsControls) + ")"
		}
		if len(beatsOnly) > 0 {
			s += fmt.Sprintf("; in %d more (%s) the reduced space beats the random reductions without beating the full space: it leaves out better-chosen blocks than chance, but a smaller space costs the front what the choice gains", len(beatsOnly), prose.JoinAnd(beatsOnly))
		}
		out = append(out, s+".")
	}
	return out, nil
}

// budgets is "1 budget", "2 budgets".
func budgets(n int) string {
	if n == 1 {
		return "1 budget"
	}
	return fmt.Sprintf("%d budgets", n)
}
