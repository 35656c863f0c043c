package search

import (
	"fmt"
	"math"

	"github.com/nasanalysis/nasanalysis/nasanalysis/stats"
)

// TradeoffPoint is one deployment at one budget level: its accuracy (mean over seeds
// with a 95 % t-interval; a point for one seed or an exhaustive table) and its worst
// case over the hardware, latency over the reference architecture's (not over the
// budget, so that levels compare), mean over seeds.
type TradeoffPoint struct {
	Acc   stats.Interval
	Worst float64
}

// Tradeoff is a Sweep judged level by level, as Chu et al. compare deployments: the
// per-device models (each hardware group its own model, searched under its budget
// alone: mean accuracy over the groups, worst case each model on its own hardware), the
// average- and the worst-case multi-hardware model, and the best single-device model
// carried to every other hardware (CarriedRule: the single-group rule of highest mean
// accuracy at that level; of two equal, the one of lower worst case). Gaps are paired
// over seeds (the same seed under every rule) with 95 % t-intervals, exact for one.
type Tradeoff struct {
	Reference  string
	Levels     []float64
	Groups     []string
	Seeds      int
	Exhaustive bool
	PerDevice  []TradeoffPoint
	Average    []TradeoffPoint
	WorstCase  []TradeoffPoint
	Carried    []TradeoffPoint
	// CarriedRule names the carried model's rule at each level.
	CarriedRule []string
	// GapAverage and GapWorst are the per-device models' mean accuracy minus the
	// average- or worst-case model's; CarriedGap is the carried model's accuracy minus
	// the worst-case model's; CarriedOver is the carried model's worst case over the
	// hardware, over the budget, with its interval.
	GapAverage, GapWorst, CarriedGap, CarriedOver []stats.Interval
}

// Tradeoff judges the sweep (JudgeTradeoff).
func (s *Sweep) Tradeoff() (Tradeoff, error) {
	return JudgeTradeoff(s.References[0].Name, s.Levels, s.Grouping.Names(), s.Choices, s.Exhaustive)
}

// JudgeTradeoff judges choices[level][rule][seed] of a sweep whose rules are
// Rules(groups) (one per group, then average and worst), with budgets levels × the
// reference's latency.
func JudgeTradeoff(reference string, levels []float64, groups []string, choices [][][]Choice, exhaustive bool) (Tradeoff, error) {
	G := len(groups)
	if len(choices) != len(levels) || len(levels) == 0 {
		return Tradeoff{}, fmt.Errorf("trade-off: %d levels of choices for %d levels", len(choices), len(levels))
	}
	n := len(choices[0][0])
	t := Tradeoff{Reference: reference, Levels: levels, Groups: groups, Seeds: n, Exhaustive: exhaustive}
	for l, rules := range choices {
		if len(rules) != G+2 {
			return Tradeoff{}, fmt.Errorf("trade-off, level %v: %d rules for %d groups, want %d", levels[l], len(rules), G, G+2)
		}
		for _, cs := range rules {
			if len(cs) != n {
				return Tradeoff{}, fmt.Errorf("trade-off, level %v: rule %q has %d seeds, want %d", levels[l], cs[0].Rule, len(cs), n)
			}
		}
		lv := levels[l]
		per, perWorst := make([]float64, n), make([]float64, n)
		for s := range n {
			for g := range G {
				c := rules[g][s]
				per[s] += c.Value / float64(G)
				perWorst[s] = math.Max(perWorst[s], c.GroupRatio[g]*lv)
			}
		}
		carried := 0
		for g := 1; g < G; g++ {
			a, b := meanOf(rules[g], choiceValue), meanOf(rules[carried], choiceValue)
			if a > b || (a == b && meanOf(rules[g], choiceWorst) < meanOf(rules[carried], choiceWorst)) {
				carried = g
			}
		}
		avg, wst, car := rules[G], rules[G+1], rules[carried]
		points := []struct {
			dst *[]TradeoffPoint
			acc []float64
			wc  []float64
		}{{&t.PerDevice, per, perWorst}, {&t.Average, valuesOf(avg, choiceValue), valuesOf(avg, choiceWorst)},
			{&t.WorstCase, valuesOf(wst, choiceValue), valuesOf(wst, choiceWorst)}, {&t.Carried, valuesOf(car, choiceValue), valuesOf(car, choiceWorst)}}
		for k, p := range points {
			iv, _, err := meanWithInterval(p.acc)
			if err != nil {
				return Tradeoff{}, fmt.Errorf("trade-off, level %v: %w", lv, err)
			}
			scale := lv
			if k == 0 {
				scale = 1 // perWorst is over the reference already
			}
			*p.dst = append(*p.dst, TradeoffPoint{Acc: iv, Worst: mean(p.wc) * scale})
		}
		t.CarriedRule = append(t.CarriedRule, car[0].Rule)
		for _, gap := range []struct {
			dst  *[]stats.Interval
			x, y []float64
		}{{&t.GapAverage, per, valuesOf(avg, choiceValue)}, {&t.GapWorst, per, valuesOf(wst, choiceValue)},
			{&t.CarriedGap, valuesOf(car, choiceValue), valuesOf(wst, choiceValue)}} {
			iv, err := pairedGap(gap.x, gap.y)
			if err != nil {
				return Tradeoff{}, fmt.Errorf("trade-off, level %v: %w", lv, err)
			}
			*gap.dst = append(*gap.dst, iv)
		}
		over, _, err := meanWithInterval(valuesOf(car, choiceWorst))
		if err != nil {
			return Tradeoff{}, fmt.Errorf("trade-off, level %v: %w", lv, err)
		}
		t.CarriedOver = append(t.CarriedOver, over)
	}
	return t, nil
}

func choiceValue(c Choice) float64 { return c.Value }
func choiceWorst(c Choice) float64 { return c.Worst }

// valuesOf is f of every choice.
func valuesOf(cs []Choice, f func(Choice) float64) []float64 {
	out := make([]float64, len(cs))
	for i, c := range cs {
		out[i] = f(c)
	}
	return out
}

// mean is the mean of x.
func mean(x []float64) float64 {
	s := 0.0
	for _, v := range x {
		s += v
	}
	return s / float64(len(x))
}

// pairedGap is the mean of x - y with its 95 % paired t-interval, or the exact
// difference (a point) for one pair.
func pairedGap(x, y []float64) (stats.Interval, error) {
	if len(x) == 1 {
		d := x[0] - y[0]
		return stats.Interval{Estimate: d, Lo: d, Hi: d, Level: 0.95}, nil
	}
	return stats.PairedTInterval(x, y, 0.95)
}

// SearchCost is what one multi-hardware search costs against one search per hardware
// group, counted from a sweep's searches (Choice.Evaluated): networks scored (each
// needs the value, e.g. predicted accuracy) and latency look-ups (a network priced on
// one device: a multi-hardware search prices each network on every device, a group's
// own search on its members).
type SearchCost struct {
	Groups, Devices, Searches int // Searches: per rule, over levels and seeds
	// Multi is the mean over the average- and worst-case searches of the networks one
	// scored; PerHardware the mean over levels and seeds of the sum over groups of the
	// networks each group's own search scored.
	Multi, PerHardware               float64
	MultiLookups, PerHardwareLookups float64
}

// Cost counts the sweep's search cost; an exhaustive sweep has none and is an error.
func (s *Sweep) Cost() (SearchCost, error) {
	if s.Exhaustive {
		return SearchCost{}, fmt.Errorf("search cost: the %s sweep is exhaustive, not searched", s.Space)
	}
	return CountCost(s.Grouping.Members(), len(s.Devices), s.Choices)
}

// CountCost counts the search cost of choices[level][rule][seed] whose rules are one
// per group of groups (device indices), then average and worst, over devices devices.
func CountCost(groups [][]int, devices int, choices [][][]Choice) (SearchCost, error) {
	G := len(groups)
	c := SearchCost{Groups: G, Devices: devices}
	var multi, per, multiL, perL []float64
	for l, rules := range choices {
		if len(rules) != G+2 {
			return SearchCost{}, fmt.Errorf("search cost, level %d: %d rules for %d groups, want %d", l, len(rules), G, G+2)
		}
		for s := range rules[0] {
			sum, sumL := 0.0, 0.0
			for g, members := range groups {
				e := float64(rules[g][s].Evaluated)
				sum, sumL = sum+e, sumL+e*float64(len(members))
			}
			per, perL = append(per, sum), append(perL, sumL)
			for _, r := range []int{G, G + 1} {
				e := float64(rules[r][s].Evaluated)
				multi, multiL = append(multi, e), append(multiL, e*float64(devices))
			}
		}
	}
	if len(per) == 0 {
		return SearchCost{}, fmt.Errorf("search cost: no searches")
	}
	c.Searches = len(per)
	c.Multi, c.PerHardware, c.MultiLookups, c.PerHardwareLookups = mean(multi), mean(per), mean(multiL), mean(perL)
	return c, nil
}
