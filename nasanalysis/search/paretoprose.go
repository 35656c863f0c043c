package search

import (
	"fmt"
	"strings"

	"github.com/nasanalysis/nasanalysis/nasanalysis/prose"
	"github.com/nasanalysis/nasanalysis/nasanalysis/stats"
)

// hvUnit names the unit of a hypervolume over accuracy (%) and a latency source's unit.
func hvUnit(latency, unit string) string {
	if unit == "M" { // FLOPs and the like count in millions
		return "accuracy points × million " + latency
	}
	return "accuracy points × " + unit
}

// refText is a reference point [-accuracy, latency] in words.
func refText(ref []float64, latency, unit string) string {
	u := " " + unit
	if unit == "M" {
		u = " M " + latency
	}
	return fmt.Sprintf("%s %% accuracy, %s%s", prose.Num(-ref[0]), prose.Num(ref[1]), u)
}

// estParts formats an estimate and its interval together (prose.Est) and returns them
// apart: "162", "156–169".
func estParts(iv stats.Interval) (est, interval string) {
	head, rest, _ := strings.Cut(prose.Est(iv.Estimate, iv.Lo, iv.Hi), " (")
	return head, strings.TrimSuffix(rest, ")")
}

// hvPhrase states one arm's mean hypervolume with its interval and its share of the box.
func hvPhrase(a Arm, box string) string {
	est, iv := estParts(a.HV.Mean)
	return fmt.Sprintf("%s (95 %% t-interval %s; %s %%%s)", est, iv, prose.Num(100*a.HV.Share(a.HV.Mean.Estimate)), box)
}

// pctChange formats a paired change in percent with its interval:
// "-0.65 % (95 % t-interval -2.25 to 0.94)".
func pctChange(iv stats.Interval) string {
	est, in := estParts(iv)
	return est + " % (95 % t-interval " + in + ")"
}

// pctShort is pctChange for a list, without parentheses: "-0.65 %; 95 % t-interval -2.25 to 0.94".
func pctShort(iv stats.Interval) string {
	est, in := estParts(iv)
	return est + " %; 95 % t-interval " + in
}

// spaceVerdict words the sign of the reduced space's paired hypervolume change.
func spaceVerdict(sign int) string {
	switch sign {
	case 1:
		return "the reduced space's front is better, as Mills et al. claim"
	case -1:
		return "the full space's front is better, against Mills et al.'s claim"
	}
	return "no difference is established at this search size"
}

// ReuseSentence states one target's comparison of a proxy's re-scored fronts with the
// target's own search, with the paired change chosen into words by its sign.
func ReuseSentence(r ReuseComparison) string {
	s := fmt.Sprintf("**%s → %s**: mean hypervolume on the target over %d seeds, in %s up to the reference point (%s): reused fronts %s, the target's own search %s. The reused fronts reach %s %% of the own search's mean;",
		r.Proxy, r.Target, len(r.Seeds), hvUnit(r.Target, r.Unit), refText(r.Ref, r.Target, r.Unit), hvPhrase(r.Reused, " of the reference box"), hvPhrase(r.Own, ""), prose.Num(100*r.Reached()))
	return s + fmt.Sprintf(" paired seed by seed, reuse changes the hypervolume by %s: %s.", pctChange(r.Change), reuseVerdict(r.Change.Sign()))
}

// reuseVerdict words the sign of the reused front's paired hypervolume change.
func reuseVerdict(sign int) string {
	switch sign {
	case 1:
		return "the reused front is better than the target's own search"
	case -1:
		return "searching on the target itself finds the better front"
	}
	return "no difference from searching on the target itself is established at this search size"
}

// wordedGroup is a group of items with the words that lead them in a sentence.
type wordedGroup struct {
	words string
	on    []string
}

// groupPhrases words each non-empty group as its leading words and its items joined
// with "and", in the order given; an empty group says nothing.
func groupPhrases(groups ...wordedGroup) []string {
	var parts []string
	for _, g := range groups {
		if len(g.on) > 0 {
			parts = append(parts, g.words+prose.JoinAnd(g.on))
		}
	}
	return parts
}

// ReuseTakeaway sums up Lu et al.'s claim: how much of a target's own front a proxy's
// reused front reaches, and the paired change against searching on the target.
func ReuseTakeaway(reuses []ReuseComparison) []string {
	var out []string
	if len(reuses) > 0 {
		var reach, worse, better, same []string
		for _, r := range reuses {
			reach = append(reach, fmt.Sprintf("%s %% (%s)", prose.Num(100*r.Reached()), r.Target))
			item := fmt.Sprintf("%s (%s)", r.Target, pctShort(r.Change))
			switch r.Change.Sign() {
			case -1:
				worse = append(worse, item)
			case 1:
				better = append(better, item)
			default:
				same = append(same, item)
			}
		}
		parts := groupPhrases(wordedGroup{"a loss against searching on the target on ", worse}, wordedGroup{"a gain on ", better}, wordedGroup{"no established difference on ", same})
		out = append(out, fmt.Sprintf("**Proxy reuse (Lu et al.)**: re-scored on the target, the %s fronts reach %s of the mean hypervolume of the target's own search; paired over seeds, that is %s.",
			reuses[0].Proxy, prose.JoinAnd(reach), prose.JoinAnd(parts)))
	}
	return out
}
