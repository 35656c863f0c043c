package search

import (
	"fmt"
	"math"
	"strings"

	"github.com/nasanalysis/nasanalysis/nasanalysis/prose"
	"github.com/nasanalysis/nasanalysis/nasanalysis/stats"
)

// GroupRatioWhy says how a hardware group's latency ratio is formed and why.
const GroupRatioWhy = "A group counts once in the average and in the worst case, with the mean of its members' latency ratios: each hardware gets one vote. For a measurement duplicated upstream the mean and the worst of the two are nearly the same number; for one GPU at two batch sizes the mean weighs both batch sizes alike, where the worst would let whichever batch size sits further over its budget decide alone."

// GroupingSentences state which devices count as one hardware and why (the same named
// hardware, or SRCC at least the threshold over what architectures), the closest pair
// left apart, and how a group's ratio is formed. what names the architectures ("cells",
// "random networks").
func GroupingSentences(g *Grouping, what string) []string {
	var out []string
	linked := map[[2]int]bool{}
	for _, l := range g.Links {
		linked[[2]int{l.A, l.B}] = true
		why := fmt.Sprintf("their latencies rank alike, SRCC %s ≥ %s over the %s %s measured on both", prose.Num(l.SRCC), prose.Num(g.Threshold), prose.Num(g.Over[l.A][l.B]), what)
		if l.SameHardware {
			why = fmt.Sprintf("both are the %s (SRCC %s over %s %s)", g.Hardware[l.A], prose.Num(l.SRCC), prose.Num(g.Over[l.A][l.B]), what)
		}
		out = append(out, fmt.Sprintf("`%s` and `%s` count as one hardware: %s.", g.Devices[l.A], g.Devices[l.B], why))
	}
	bestA, bestB, best := -1, -1, math.Inf(-1)
	for a := range g.SRCC {
		for b := a + 1; b < len(g.Devices); b++ {
			if !linked[[2]int{a, b}] && g.SRCC[a][b] > best {
				bestA, bestB, best = a, b, g.SRCC[a][b]
			}
		}
	}
	if bestA >= 0 {
		lead := "No two devices share named hardware or rank alike"
		if len(g.Links) > 0 {
			lead = "Every other pair stays apart"
		}
		out = append(out, fmt.Sprintf("%s: the closest other pair, `%s` and `%s`, ranks at SRCC %s, below %s.", lead, g.Devices[bestA], g.Devices[bestB], prose.Num(best), prose.Num(g.Threshold)))
	}
	if g.Merged() {
		out = append(out, fmt.Sprintf("So %d devices are %d hardware. %s", len(g.Devices), len(g.Groups), GroupRatioWhy))
	}
	return out
}

// ReferenceSentences state the normalisation of a sweep: the reference architecture
// every device's latency is divided by, the budget levels, and where the other named
// references lie on that scale.
func ReferenceSentences(s *Sweep) []string {
	ref := s.References[0]
	levels := make([]string, len(s.Levels))
	for l, v := range s.Levels {
		levels[l] = fmtLevel(v)
	}
	list := levels[0]
	if n := len(levels); n > 1 {
		list = strings.Join(levels[:n-1], ", ") + " or " + levels[n-1]
	}
	out := []string{fmt.Sprintf("Each device's latency is divided by the latency there of the %s (`%s`: %s), and each device's budget is %s × that latency, the %d levels of the sweep.",
		ref.Name, ref.Arch, latencyList(s.Devices, ref.Latency, s.Units), list, len(levels))}
	for _, other := range s.References[1:] {
		lo, hi := 0, 0
		for d := range s.Devices {
			r := other.Latency[d] / ref.Latency[d]
			if r < other.Latency[lo]/ref.Latency[lo] {
				lo = d
			}
			if r > other.Latency[hi]/ref.Latency[hi] {
				hi = d
			}
		}
		out = append(out, fmt.Sprintf("On that scale the %s lies at %s × (on `%s`) to %s × (on `%s`).", other.Name,
			prose.Num(other.Latency[lo]/ref.Latency[lo]), s.Devices[lo], prose.Num(other.Latency[hi]/ref.Latency[hi]), s.Devices[hi]))
	}
	return out
}

// latencyList writes each device's latency with its unit: "a 3 ms, b 40 M".
func latencyList(devices []string, v []float64, units []string) string {
	parts := make([]string, len(devices))
	for d, name := range devices {
		parts[d] = fmt.Sprintf("%s %s %s", name, prose.Num(v[d]), units[d])
	}
	return strings.Join(parts, ", ")
}

// gapAt words one level's gap by its size: "0.8 × (by 0.740 points, 95 % paired
// t-interval 0.500–0.990)", or "0.8 × (by 0.277 points)" when exact; the verdict's
// words (bySign) carry its direction.
func gapAt(level float64, g stats.Interval, exact bool) string {
	if exact {
		return fmt.Sprintf("%s × (by %s)", fmtLevel(level), points(math.Abs(g.Estimate)))
	}
	lo, hi := g.Lo, g.Hi
	if g.Estimate < 0 {
		lo, hi = -g.Hi, -g.Lo
	}
	return fmt.Sprintf("%s × (by %s, 95 %% paired t-interval %s)", fmtLevel(level), points(math.Abs(g.Estimate)), prose.Interval(lo, hi))
}

// bySign sorts the levels' gaps into the three verdicts: the first item's gaps are
// above zero, the second's contain it, the third's below.
func bySign(levels []float64, gaps []stats.Interval, exact bool) (pos, zero, neg []string) {
	for l, g := range gaps {
		s := gapAt(levels[l], g, exact)
		switch g.Sign() {
		case 1:
			pos = append(pos, s)
		case -1:
			neg = append(neg, s)
		default:
			zero = append(zero, fmtLevel(levels[l])+" ×")
		}
	}
	return pos, zero, neg
}

// verdictList words gaps sorted by bySign: "less accurate at … ; exactly as accurate
// at …; more accurate at …", leaving out empty verdicts.
func verdictList(levels []float64, gaps []stats.Interval, exact bool, less, same, more string) string {
	pos, zero, neg := bySign(levels, gaps, exact)
	var parts []string
	if len(pos) > 0 {
		parts = append(parts, less+" at "+strings.Join(pos, ", "))
	}
	if len(zero) > 0 {
		parts = append(parts, same+" at "+prose.JoinAnd(zero))
	}
	if len(neg) > 0 {
		parts = append(parts, more+" at "+strings.Join(neg, ", "))
	}
	return strings.Join(parts, "; ")
}

// TradeoffSentences state a sweep's verdicts level by level: the average- and the
// worst-case model against the per-device models, and the best single-device model
// carried to the other hardware against the worst-case model, with how far over its
// budget it runs there.
func TradeoffSentences(t Tradeoff) []string {
	same := "not distinguishable from them"
	if t.Seeds == 1 {
		same = "exactly as accurate"
	}
	basis := fmt.Sprintf("paired over %d seeds", t.Seeds)
	if t.Seeds == 1 {
		basis = "exact differences"
	}
	if t.Exhaustive {
		basis = "the exhaustive optimum under each rule, exact differences"
	}
	out := []string{}
	for _, m := range []struct {
		name string
		gaps []stats.Interval
		pts  []TradeoffPoint
	}{{"worst-case", t.GapWorst, t.WorstCase}, {"average-case", t.GapAverage, t.Average}} {
		lo, hi := math.Inf(1), math.Inf(-1)
		for l, p := range m.pts {
			lo, hi = math.Min(lo, p.Worst/t.Levels[l]), math.Max(hi, p.Worst/t.Levels[l])
		}
		out = append(out, fmt.Sprintf("Against the per-device models (each of the %d hardware its own model under its own budget; %s), the %s model is %s; on its worst hardware it runs at %s × its budget over the levels.",
			len(t.Groups), basis, m.name, verdictList(t.Levels, m.gaps, t.Seeds == 1, "less accurate", same, "more accurate"), span(lo, hi)))
	}
	var over, within []string
	for l, iv := range t.CarriedOver {
		s := fmt.Sprintf("%s × (%s)", fmtLevel(t.Levels[l]), prose.Num(iv.Estimate))
		if t.Seeds > 1 {
			s = fmt.Sprintf("%s × (%s, 95 %% t-interval %s)", fmtLevel(t.Levels[l]), prose.Num(iv.Estimate), prose.Interval(iv.Lo, iv.Hi))
		}
		if side(iv) > 0 {
			over = append(over, s)
		} else {
			within = append(within, s)
		}
	}
	rules := uniq(t.CarriedRule)
	carried := fmt.Sprintf("The best single-device model carried to the other hardware (%s) is, against the worst-case model, %s.", prose.JoinAnd(rules),
		verdictList(t.Levels, t.CarriedGap, t.Seeds == 1, "more accurate", same, "less accurate"))
	switch {
	case len(over) > 0 && len(within) > 0:
		carried += fmt.Sprintf(" On its worst hardware it runs over its budget at %s, within it (or not distinguishably over) at %s.", strings.Join(over, ", "), strings.Join(within, ", "))
	case len(over) > 0:
		carried += fmt.Sprintf(" On its worst hardware it runs over its budget at every level: %s of the budget.", strings.Join(over, ", "))
	default:
		carried += fmt.Sprintf(" On its worst hardware it stays within its budget (or not distinguishably over) at every level: %s of the budget.", strings.Join(within, ", "))
	}
	return append(out, carried)
}

// span writes a range of numbers, or one number when both ends read the same.
func span(lo, hi float64) string {
	if prose.Num(lo) == prose.Num(hi) {
		return prose.Num(lo)
	}
	return prose.Interval(lo, hi)
}

// uniq are the distinct strings of x, starred, in order of first appearance.
func uniq(x []string) []string {
	var out []string
	seen := map[string]bool{}
	for _, s := range x {
		if !seen[s] {
			seen[s] = true
			out = append(out, "*"+s+"*")
		}
	}
	return out
}

// CostSentence compares the cost of one multi-hardware search with one search per
// hardware group, in networks scored and in latency look-ups.
func CostSentence(c SearchCost) string {
	return fmt.Sprintf("Counted from the searches (%d per rule, over the levels and seeds): one multi-hardware search scored %s networks on average, one search per hardware %s in all for the %d hardware, so one multi-hardware search costs %s of them in networks scored (each needs its accuracy); in latency look-ups it prices each network on all %d devices, %s against %s (%s of them).",
		c.Searches, prose.Num(c.Multi), prose.Num(c.PerHardware), c.Groups, prose.Num(c.Multi/c.PerHardware), c.Devices,
		prose.Num(c.MultiLookups), prose.Num(c.PerHardwareLookups), prose.Num(c.MultiLookups/c.PerHardwareLookups))
}

// AccuracyNoiseSentence says what NAS-Bench-201's accuracy table limits: it holds each
// cell's mean accuracy over its training runs only, so the exact gaps of an exhaustive
// sweep (the smallest non-zero one is stated) carry no noise estimate.
func AccuracyNoiseSentence(ts ...Tradeoff) string {
	smallest := math.Inf(1)
	for _, t := range ts {
		for _, gs := range [][]stats.Interval{t.GapWorst, t.GapAverage, t.CarriedGap} {
			for _, g := range gs {
				if a := math.Abs(g.Estimate); a > 0 && a < smallest {
					smallest = a
				}
			}
		}
	}
	s := "NAS-Bench-201's accuracy table (`nb201/accuracy.csv`) holds one number per cell, its mean CIFAR-10 test accuracy over its training runs, with no per-run values or spread: the gaps above are exact differences between table entries"
	if !math.IsInf(smallest, 1) {
		s += fmt.Sprintf(" (the smallest non-zero one %s)", points(smallest))
	}
	return s + " with no noise estimate, so they say which cell the table ranks higher, not whether retraining the cells would keep that order."
}

// signCounts counts the gaps above zero, containing it and below.
func signCounts(gaps []stats.Interval) (pos, zero, neg int) {
	for _, g := range gaps {
		switch g.Sign() {
		case 1:
			pos++
		case -1:
			neg++
		default:
			zero++
		}
	}
	return pos, zero, neg
}

// largest is the largest estimate of the gaps.
func largest(gaps []stats.Interval) float64 {
	m := math.Inf(-1)
	for _, g := range gaps {
		m = math.Max(m, g.Estimate)
	}
	return m
}

// tradeoffSummary words, for a takeaway, the worst-case model against the per-device
// models and the carried model's overshoot over a sweep.
func tradeoffSummary(t Tradeoff) string {
	pos, zero, neg := signCounts(t.GapWorst)
	same := "not distinguishable"
	if t.Seeds == 1 {
		same = "exactly as accurate"
	}
	var parts []string
	if pos > 0 {
		parts = append(parts, fmt.Sprintf("less accurate than the per-device models at %d of the %d budget levels (by up to %s)", pos, len(t.Levels), points(largest(t.GapWorst))))
	}
	if zero > 0 {
		parts = append(parts, fmt.Sprintf("%s at %d", same, zero))
	}
	if neg > 0 {
		parts = append(parts, fmt.Sprintf("more accurate at %d", neg))
	}
	worstOver, over := math.Inf(-1), 0
	for _, iv := range t.CarriedOver {
		worstOver = math.Max(worstOver, iv.Estimate)
		if side(iv) > 0 {
			over++
		}
	}
	carried := fmt.Sprintf("the best single-device model carried elsewhere runs over its budget on its worst hardware at %d of the %d levels (up to %s × it)", over, len(t.Levels), prose.Num(worstOver))
	if over == 0 {
		carried = fmt.Sprintf("the best single-device model carried elsewhere is not distinguishably over its budget at any level (at most %s of it)", prose.Num(worstOver))
	}
	return fmt.Sprintf("the worst-case model is %s; %s", strings.Join(parts, ", "), carried)
}

// SweepTakeaway sums up the multi-hardware study: on each exhaustive table and in the
// search, the worst-case model against the per-device models and the carried model's
// overshoot; the search cost; and whether this machine's measurements bear out the
// predictions the search relied on (m nil: not stated).
func SweepTakeaway(tables []Tradeoff, names []string, searched Tradeoff, cost SearchCost, m *MeasuredCheck) []string {
	var out []string
	for i, t := range tables {
		out = append(out, fmt.Sprintf("**NAS-Bench-201, exhaustively, %s** (%s × the %s): %s.", names[i], fmtLevel(t.Levels[0])+"–"+fmtLevel(t.Levels[len(t.Levels)-1]), t.Reference, tradeoffSummary(t)))
	}
	out = append(out, fmt.Sprintf("**OFA-MobileNetV3, by search** (%d seeds, %s–%s × the %s): %s; one multi-hardware search scores %s of the networks that one search per hardware scores in all.",
		searched.Seeds, fmtLevel(searched.Levels[0]), fmtLevel(searched.Levels[len(searched.Levels)-1]), searched.Reference, tradeoffSummary(searched), prose.Num(cost.Multi/cost.PerHardware)))
	if m != nil {
		est, iv := estParts(m.SRCC)
		s := fmt.Sprintf("**This machine, measured**: predicted and measured latencies rank with SRCC %s (95 %% bootstrap interval %s); ", est, iv)
		var names []string
		for _, k := range m.Disagreements() {
			names = append(names, "*"+m.Rules[k]+"*")
		}
		if len(names) == 0 {
			s += "every rule's models are measured on the side of the random median that the predictions put them on."
		} else {
			s += fmt.Sprintf("the models chosen under %s are measured on the other side of the random median than predicted, so for those rules this machine's column is the estimate's view (predictor or table), which the measurements do not bear out.", prose.JoinAnd(names))
		}
		out = append(out, s)
	}
	return out
}
