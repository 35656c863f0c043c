package search

import (
	"fmt"
	"math"

	"github.com/go-gota/gota/dataframe"
	"github.com/go-gota/gota/series"
	"gonum.org/v1/gonum/stat"

	"github.com/nasanalysis/nasanalysis/nasanalysis/arch"
	"github.com/nasanalysis/nasanalysis/nasanalysis/metric"
)

// Choice is the architecture a rule selects: the best value among those the rule
// admits. Rule is "<device> only" (that device within its reference), "average" or
// "worst" (Chu et al.'s multi-hardware constraints over all devices).
type Choice struct {
	Rule       string
	Index      int // in the table (BestUnder) or -1 (a search's result)
	Arch       string
	Value      float64
	Ratio      []float64 // latency / reference on every device
	GroupRatio []float64 // mean Ratio of each hardware group's devices
	Latency    []float64 // latency on every device, in its unit (SearchRules only)
	Avg, Worst float64   // over the hardware groups
	Admitted   int       // architectures the rule admits (BestUnder only)
	// Evaluated is the number of networks the search scored (a search's result only):
	// its cost, counted by Evolve.
	Evaluated int
}

// Rules lists the rules of a multi-hardware comparison: one per device (or hardware
// group), then average and worst.
func Rules(devices []string) []string {
	var out []string
	for _, d := range devices {
		out = append(out, d+" only")
	}
	return append(out, Average, Worst)
}

// admits reports whether a rule admits an architecture of group ratios gr (one per
// hardware group named in groups) and average and worst case avg and worst.
func admits(rule string, groups []string, gr []float64, avg, worst float64) bool {
	switch rule {
	case Average:
		return avg <= 1
	case Worst:
		return worst <= 1
	}
	for g, name := range groups {
		if rule == name+" only" {
			return gr[g] <= 1
		}
	}
	return false
}

// BestUnder chooses exhaustively, for every rule, the architecture of highest value
// (value is indexed like the table m was built from) that the rule admits: the true
// optimum a search's result can be measured against.
func BestUnder(m *MultiHW, value []float64) ([]Choice, error) {
	var out []Choice
	for _, rule := range Rules(m.GroupNames) {
		c := Choice{Rule: rule, Index: -1, Value: math.Inf(-1)}
		for k, i := range m.Kept {
			if math.IsNaN(value[i]) || !admits(rule, m.GroupNames, m.GroupRatio[k], m.Avg[k], m.Worst[k]) {
				continue
			}
			c.Admitted++
			if value[i] > c.Value {
				c.Index, c.Value, c.Ratio, c.GroupRatio, c.Avg, c.Worst = i, value[i], m.Ratio[k], m.GroupRatio[k], m.Avg[k], m.Worst[k]
			}
		}
		if c.Index < 0 {
			return nil, fmt.Errorf("multi-hardware: no architecture satisfies %q", rule)
		}
		out = append(out, c)
	}
	return out, nil
}

// SearchRules runs Evolve on space once per rule and seed — one device's budget, then all
// devices' on average and in the worst case — and reports each result's value and
// latency ratios on every device.
func SearchRules(space arch.Space, value *metric.Metric, lats []*metric.Metric, budgets []float64, cfg EvoConfig, seeds []uint64) ([][]Choice, error) {
	return SearchGroupedRules(space, value, lats, budgets, nil, cfg, seeds)
}

// evolvePerSeed runs Evolve on space under one rule's evaluator once per seed (cfg with
// its Seed replaced) and turns each search's result into a Choice with choose; an error
// of the search names the rule and the seed.
func evolvePerSeed(space arch.Space, ev Evaluator, cfg EvoConfig, seeds []uint64, rule string, choose func(res *EvoResult) (Choice, error)) ([]Choice, error) {
	var perSeed []Choice
	for _, s := range seeds {
		c := cfg
		c.Seed = s
		res, err := Evolve(space, ev, c, nil)
		if err != nil {
			return nil, fmt.Errorf("%s, seed %d: %w", rule, s, err)
		}
		ch, err := choose(res)
		if err != nil {
			return nil, err
		}
		perSeed = append(perSeed, ch)
	}
	return perSeed, nil
}

// ChoicesFrame tabulates choices, one row per rule: the value, the ratio on every
// device, the average and worst case; with several seeds per rule, their mean and
// standard deviation (columns <x> and <x>_sd).
func ChoicesFrame(devices []string, valueName string, choices [][]Choice) dataframe.DataFrame {
	cols := []series.Series{}
	rules := make([]string, len(choices))
	for i, cs := range choices {
		rules[i] = cs[0].Rule
	}
	cols = append(cols, series.New(rules, series.String, "rule"))
	add := func(name string, get func(c Choice) float64) {
		mean, sd := make([]float64, len(choices)), make([]float64, len(choices))
		for i, cs := range choices {
			v := make([]float64, len(cs))
			for k, c := range cs {
				v[k] = get(c)
			}
			mean[i], sd[i] = stat.Mean(v, nil), math.NaN()
			if len(v) > 1 {
				sd[i] = stat.StdDev(v, nil)
			}
		}
		cols = append(cols, series.New(mean, series.Float, name))
		if len(choices[0]) > 1 {
			cols = append(cols, series.New(sd, series.Float, name+"_sd"))
		}
	}
	add(valueName, func(c Choice) float64 { return c.Value })
	for d, dev := range devices {
		add(dev, func(c Choice) float64 { return c.Ratio[d] })
	}
	add("average", func(c Choice) float64 { return c.Avg })
	add("worst", func(c Choice) float64 { return c.Worst })
	return dataframe.New(cols...)
}

// TableRules searches a measured table (e.g. NB201's cells) under every rule of m, once
// per seed: the evolutionary search samples space, and an architecture not
// in the table — not measured on every device — is infeasible, as is one the rule does
// not admit. keys[i] is the table's architecture string of row i and value[i] its value.
// Each result carries its table row (Index), so its regret against BestUnder is known.
func TableRules(space arch.Space, m *MultiHW, keys []string, value []float64, cfg EvoConfig, seeds []uint64) ([][]Choice, error) {
	row := map[string]int{} // key -> position in m.Kept
	for k, i := range m.Kept {
		row[keys[i]] = k
	}
	var out [][]Choice
	for _, rule := range Rules(m.GroupNames) {
		ev := func(as []arch.Arch) ([]float64, []bool, error) {
			f, ok := make([]float64, len(as)), make([]bool, len(as))
			for j, a := range as {
				k, measured := row[a.String()]
				f[j] = math.NaN()
				if measured {
					f[j] = value[m.Kept[k]]
					ok[j] = admits(rule, m.GroupNames, m.GroupRatio[k], m.Avg[k], m.Worst[k])
				}
			}
			return f, ok, nil
		}
		perSeed, err := evolvePerSeed(space, ev, cfg, seeds, rule, func(res *EvoResult) (Choice, error) {
			k := row[res.Best.String()]
			return Choice{Rule: rule, Index: m.Kept[k], Arch: res.Best.String(), Value: res.Fitness,
				Ratio: m.Ratio[k], GroupRatio: m.GroupRatio[k], Avg: m.Avg[k], Worst: m.Worst[k], Evaluated: res.Evaluated}, nil
		})
		if err != nil {
			return nil, err
		}
		out = append(out, perSeed)
	}
	return out, nil
}

// RegretFrame sets each rule's exhaustive optimum (BestUnder) beside what search found
// over seeds: the optimum's value, the found values' mean and standard deviation, the
// mean regret (optimum - found) and how many seeds found the optimum's value.
func RegretFrame(best []Choice, found [][]Choice) dataframe.DataFrame {
	n := len(best)
	rules := make([]string, n)
	opt, mean, sd, regret := make([]float64, n), make([]float64, n), make([]float64, n), make([]float64, n)
	hits := make([]int, n)
	for r, b := range best {
		v := make([]float64, len(found[r]))
		for k, c := range found[r] {
			v[k] = c.Value
			if c.Value >= b.Value {
				hits[r]++
			}
		}
		rules[r], opt[r] = b.Rule, b.Value
		mean[r], sd[r] = stat.MeanStdDev(v, nil)
		regret[r] = b.Value - mean[r]
	}
	return dataframe.New(series.New(rules, series.String, "rule"), series.New(opt, series.Float, "optimum"),
		series.New(mean, series.Float, "found_mean"), series.New(sd, series.Float, "found_sd"),
		series.New(regret, series.Float, "regret"), series.New(hits, series.Int, "seeds_at_optimum"))
}
