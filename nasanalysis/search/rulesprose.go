package search

import (
	"fmt"
	"math"
	"slices"
	"strings"

	"github.com/nasanalysis/nasanalysis/nasanalysis/prose"
	"github.com/nasanalysis/nasanalysis/nasanalysis/stats"
)

var nan = math.NaN()

// points formats a number of accuracy points: "1 point", "0.400 points".
func points(x float64) string {
	if s := prose.Num(x); s != "1" {
		return s + " points"
	}
	return "1 point"
}

// gapPhrase words the best single-device model's lead over the worst-case model by the
// sign of its interval: exact for one seed, paired over seeds for several.
func gapPhrase(g stats.Interval, seeds int) string {
	if seeds == 1 {
		switch g.Sign() {
		case 1:
			return points(g.Estimate) + " below the best single-device model"
		case -1:
			return points(-g.Estimate) + " above the best single-device model"
		}
		return "exactly as accurate as the best single-device model"
	}
	iv := "95 % paired t-interval of the difference " + prose.Interval(g.Lo, g.Hi)
	switch g.Sign() {
	case 1:
		return fmt.Sprintf("%s below the best single-device model (%s)", points(g.Estimate), iv)
	case -1:
		return fmt.Sprintf("%s above the best single-device model (%s)", points(-g.Estimate), iv)
	}
	return fmt.Sprintf("not distinguishable from the best single-device model (difference %s, %s)", points(g.Estimate), iv)
}

// withinPhrase says whether the worst-case model stays within every device's reference.
func withinPhrase(worst float64) string {
	if worst <= 1 {
		return "within every device's reference"
	}
	return fmt.Sprintf("yet %s %% over the reference on its worst device", prose.Num(100*(worst-1)))
}

// RulesSentence states a multi-hardware verdict: how accurate the single-device models
// are and how slow elsewhere, the average- and worst-case models' accuracy and worst
// case, and the worst-case model's distance from the best single-device model.
func RulesSentence(v RulesVerdict) string {
	prefix := ""
	if v.Seeds > 1 {
		prefix = fmt.Sprintf("Means over the %d seeds: ", v.Seeds)
	}
	best := make([]string, len(v.BestSingle))
	for i, r := range v.BestSingle {
		best[i] = "*" + r + "*"
	}
	return capitalise(fmt.Sprintf("%sthe single-device models reach up to %s %% (%s) but their worst case over the devices is %s × the references; the average-case model reaches %s %% (worst case %s), the worst-case model %s %% (worst case %s): %s, %s.",
		prefix, prose.Num(v.BestSingleValue), prose.JoinAnd(best), prose.Interval(v.SingleWorstLo, v.SingleWorstHi), prose.Num(v.AvgValue), prose.Num(v.AvgWorst),
		prose.Num(v.WorstValue), prose.Num(v.WorstWorst), gapPhrase(v.Gap, v.Seeds), withinPhrase(v.WorstWorst)))
}

// capitalise upper-cases a sentence's first letter.
func capitalise(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

// BudgetSentences state each device's budget of a RuleStudy (RuleStudy.Budget says
// what it is) and where its latencies come from.
func BudgetSentences(rs *RuleStudy) []string {
	var out []string
	for d, name := range rs.Devices {
		out = append(out, fmt.Sprintf("`%s` budget %s %s (%s). %s.",
			name, prose.Num(rs.Budgets[d]), rs.Units[d], rs.Budget(), rs.Abouts[d]))
	}
	return out
}

// CloseSRCC is the rank correlation from which a latency predictor is called close to
// the measurements it stands for; below it, and above chance, it is usable but noisy.
const CloseSRCC = 0.9

// PredictorSentence states how well this machine's latency predictor ranks held-out
// measured networks, and what that makes of it as a device.
func PredictorSentence(c PredictorCheck) string {
	judgement := "close to the measurements it stands for"
	switch {
	case c.SRCC.Hi < 0:
		judgement = "in reverse order, so what the search finds for this machine is misled"
	case c.SRCC.Lo <= 0:
		judgement = "no better than chance, so what the search finds for this machine rests on noise"
	case c.SRCC.Estimate < CloseSRCC:
		judgement = "a usable but noisy device (this virtual machine's speed drifted while the networks were measured)"
	}
	est, iv := estParts(c.SRCC)
	return fmt.Sprintf("This machine's latency predictor (%s, trained on %s of the %s networks measured here, seed %d) ranks the %s held-out %d-px networks with SRCC %s (95 %% bootstrap interval %s): %s.",
		strings.ToUpper(c.Model), prose.Num(c.NTrain), prose.Num(c.NTotal), c.Seed, prose.Num(c.NHeld), c.Res, est, iv, judgement)
}

// side is where an interval lies against 1: +1 above, -1 below, 0 containing it.
func side(iv stats.Interval) int {
	return stats.Interval{Estimate: iv.Estimate - 1, Lo: iv.Lo - 1, Hi: iv.Hi - 1, Level: iv.Level}.Sign()
}

// Disagreements are the rules whose chosen models are measured on the other side of the
// random median than their predicted ratio to the budget puts them: predicted within
// the budget (at most 1) but measured above the random median (the interval over seeds
// above 1), or predicted over it but measured below.
func (m *MeasuredCheck) Disagreements() []int {
	var out []int
	for k := range m.Rules {
		s := side(m.Measured[k])
		if (m.Predicted[k] <= 1 && s > 0) || (m.Predicted[k] > 1 && s < 0) {
			out = append(out, k)
		}
	}
	return out
}

// budgetIs says what the budget is, as predicted for this machine.
func (m *MeasuredCheck) budgetIs() string {
	if m.BudgetIs == "" {
		return "the predicted median of the study's random networks"
	}
	return m.BudgetIs + " as predicted"
}

// ScaleGap is how far the budget lies from this run's measured random median, as a
// fraction of the median: +0.33 when the predicted median is 33 % above the measured one.
func (m *MeasuredCheck) ScaleGap() float64 { return m.Budget/m.RandomMedian - 1 }

// aboveBelow words a signed fraction as "33 % above" or "12 % below".
func aboveBelow(x float64) string {
	if x < 0 {
		return prose.Num(-100*x) + " % below"
	}
	return prose.Num(100*x) + " % above"
}

// measuredPhrase is a rule's measured ratio with its interval over seeds.
func (m *MeasuredCheck) measuredPhrase(k int) string {
	iv := m.Measured[k]
	if m.Seeds == 1 {
		return prose.Num(iv.Estimate) + " × the random median (one seed)"
	}
	est, in := estParts(iv)
	return fmt.Sprintf("%s × the random median (95 %% t-interval over %d seeds %s)", est, m.Seeds, in)
}

// disagreement states one rule's measured-against-predicted disagreement. Both ratios are
// scale-free (a model over the median of networks scored the same way), so a predictor
// whose milliseconds run uniformly fast or slow cannot cause it: the predictor ranks the
// chosen models wrongly against random networks, as a search that keeps what its
// predictor finds fast keeps the predictor's underestimates. Whether the model still
// meets the budget in ms is said apart, with the budget's offset from this run's median.
func (m *MeasuredCheck) disagreement(k int) string {
	inMS := m.MeasuredMS[k] / m.Budget
	s := fmt.Sprintf("The model chosen under the rule *%s* is predicted at %s of its budget, yet measured at %s: ", m.Rules[k], prose.Num(m.Predicted[k]), m.measuredPhrase(k))
	offset := fmt.Sprintf("the budget lies %s this run's random median", aboveBelow(m.ScaleGap()))
	if m.Predicted[k] <= 1 {
		s += "slower than a typical random network here, not faster, so the predictor underrates its latency against random networks (a search keeps what its predictor finds fast, and with it the predictor's underestimates). "
		if inMS <= 1 {
			return s + fmt.Sprintf("In ms it still meets the budget (%s of it) only because %s.", prose.Num(inMS), offset)
		}
		return s + fmt.Sprintf("In ms it exceeds the budget too (%s of it).", prose.Num(inMS))
	}
	s += "faster than a typical random network here, though predicted over the budget, so the predictor overrates its latency against random networks. "
	if inMS > 1 {
		return s + fmt.Sprintf("In ms it still exceeds the budget (%s of it) only because %s.", prose.Num(inMS), offset)
	}
	return s + fmt.Sprintf("In ms it is within the budget too (%s of it).", prose.Num(inMS))
}

// MeasuredSentences state how the chosen models' measurements on this machine compare
// with their predictions: the rank agreement of predicted and measured latency, the
// budget's place against the measured random median, and every rule whose models land
// on the other side of that median than predicted (or that none does).
func MeasuredSentences(m *MeasuredCheck) []string {
	agree := "agree with"
	switch m.SRCC.Sign() {
	case 0:
		agree = "agree no better than chance, at"
	case -1:
		agree = "rank in opposite orders, at"
	}
	est, iv := estParts(m.SRCC)
	out := []string{fmt.Sprintf("Over these %s networks (chosen and random) the predicted and measured latencies on this machine %s SRCC %s (95 %% bootstrap interval %s); the measured latencies span %s ms.",
		prose.Num(m.NChosen+m.NRandom), agree, est, iv, prose.Interval(m.MinMS, m.MaxMS)),
		fmt.Sprintf("The budget on this machine, %s (%s ms), lies %s the median of the %d random networks measured in this run (%s ms).",
			m.budgetIs(), prose.Num(m.Budget), aboveBelow(m.ScaleGap()), m.NRandom, prose.Num(m.RandomMedian))}
	dis := m.Disagreements()
	own := slices.Index(m.Rules, m.Device+" only")
	if own >= 0 && !slices.Contains(dis, own) {
		out = append(out, m.ownRule(own))
	}
	for _, k := range dis {
		out = append(out, m.disagreement(k))
	}
	if len(dis) == 0 {
		out = append(out, "Every rule's models are measured on the side of the random median (above or below 1) that their predicted ratio to the budget puts them on, or not distinguishably off it.")
	}
	return out
}

// ownRule states where the models chosen for this machine alone are measured, when that
// agrees with their prediction (or cannot be told from it): the rule the measurement
// tests most directly is always stated.
func (m *MeasuredCheck) ownRule(k int) string {
	where := "not distinguishable from the median random network timed with them"
	switch side(m.Measured[k]) {
	case 1:
		where = "slower than the median random network timed with them"
	case -1:
		where = "faster than the median random network timed with them"
	}
	return fmt.Sprintf("The models chosen for *%s* alone are predicted at %s of their budget and measured at %s: %s.", m.Device, prose.Num(m.Predicted[k]), m.measuredPhrase(k), where)
}
