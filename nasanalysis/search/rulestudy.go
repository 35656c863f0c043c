package search

import (
	"fmt"
	"math"
	"math/rand/v2"

	"github.com/nasanalysis/nasanalysis/nasanalysis/arch"
	"github.com/nasanalysis/nasanalysis/nasanalysis/metric"
	"github.com/nasanalysis/nasanalysis/nasanalysis/prose"
	"github.com/nasanalysis/nasanalysis/nasanalysis/stats"
)

// NB201Value is the NAS-Bench-201 accuracy column the multi-hardware study maximises.
const NB201Value = "cifar10_acc"

// TableStudy is Chu et al.'s multi-hardware question on a measured table (NB201):
// every cell measured on all Devices, the devices grouped into hardware (Groups: one
// rule per group), each device's latency over its reference (Level × a named reference
// cell's latency, or the median over those cells), the exhaustive best cell under every
// rule (Best, one per rule of Rules(Groups)), and what the evolutionary search finds
// under the same rules (Found[rule][seed]) — so the search's regret against the true
// optimum is known.
type TableStudy struct {
	Devices []string
	Groups  []string // the hardware groups' names
	Value   string   // the accuracy column maximised
	Kept    int      // cells measured on every device
	Missing int      // cells left out for a missing latency
	Note    string   // MultiHW.Note
	Ref     []float64
	// RefIs says what Ref is: "the device's median" or "0.6 × the all-conv3x3 cell's
	// latency".
	RefIs  string
	Best   []Choice
	Found  [][]Choice
	Config EvoConfig
	Seeds  []uint64
}

// NB201Study loads OneProxy's NB201 latency table and NAS-Bench-201's accuracies from
// dataDir ("" for the default data folder), groups the devices into hardware as
// NB201Sweep does, and runs the study with each device's reference level × the latency
// of the named reference cell ref (one of NB201References), or, for ref nil, the
// device's median over the cells measured on every device.
func NB201Study(dataDir string, devices []string, ref *NamedArch, level float64, cfg EvoConfig, seeds []uint64) (*TableStudy, error) {
	lat, acc, cols, err := nb201Columns(dataDir, devices)
	if err != nil {
		return nil, err
	}
	g, err := nb201Grouping(dataDir, devices, cols)
	if err != nil {
		return nil, err
	}
	var m *MultiHW
	refIs := "the device's median"
	if ref == nil {
		m, err = MedianReferenced(devices, cols)
		if err == nil {
			m, err = NormaliseGrouped(devices, cols, m.Ref, g)
		}
	} else {
		var refs []NamedArch
		if refs, err = tableReferences(lat.Archs, cols, devices, []NamedArch{*ref}); err == nil {
			budget := make([]float64, len(devices))
			for d, v := range refs[0].Latency {
				budget[d] = level * v
			}
			refIs = fmt.Sprintf("%s × the %s's latency", fmtLevel(level), ref.Name)
			m, err = NormaliseGrouped(devices, cols, budget, g)
		}
	}
	if err != nil {
		return nil, err
	}
	best, err := BestUnder(m, acc)
	if err != nil {
		return nil, err
	}
	found, err := TableRules(arch.Space{Family: arch.NB201}, m, lat.Archs, acc, cfg, seeds)
	if err != nil {
		return nil, err
	}
	return &TableStudy{Devices: devices, Groups: m.GroupNames, Value: NB201Value, Kept: len(m.Kept), Missing: m.Missing, Note: m.Note(),
		Ref: m.Ref, RefIs: refIs, Best: best, Found: found, Config: cfg, Seeds: seeds}, nil
}

// MedianReferenced is the multi-hardware view of lat with each device's reference its
// median latency over the architectures measured on every device, so that a ratio of
// 1 is a typical architecture's latency there.
func MedianReferenced(devices []string, lat [][]float64) (*MultiHW, error) {
	ones := make([]float64, len(devices))
	for d := range ones {
		ones[d] = 1
	}
	probe, err := NormaliseLatency(devices, lat, ones)
	if err != nil {
		return nil, err
	}
	ref := make([]float64, len(devices))
	for d := range devices {
		v := make([]float64, len(probe.Kept))
		for k, i := range probe.Kept {
			v[k] = lat[d][i]
		}
		if ref[d], err = stats.Quantile(v, 0.5); err != nil {
			return nil, fmt.Errorf("median latency on %s: %w", devices[d], err)
		}
	}
	return NormaliseLatency(devices, lat, ref)
}

// BestRows are the exhaustive choices as rules of one "seed" each, the shape
// ChoicesFrame and JudgeRules take.
func (r *TableStudy) BestRows() [][]Choice {
	out := make([][]Choice, len(r.Best))
	for i, c := range r.Best {
		out[i] = []Choice{c}
	}
	return out
}

// Verdict judges the exhaustive choices (JudgeRules).
func (r *TableStudy) Verdict() (RulesVerdict, error) {
	return JudgeRules(r.BestRows(), len(r.Best)-2)
}

// RulesVerdict compares, over the rules of a multi-hardware comparison, the models
// chosen for one device alone with the average- and worst-case models: the quantities
// of Chu et al.'s claim that one model under a multi-hardware constraint is nearly as
// good as each device's own. Values and worst cases are means over seeds.
type RulesVerdict struct {
	Devices, Seeds int
	// BestSingle are the single-device rules whose models reach the highest value (more
	// than one when they tie, as rules that choose the same cell do).
	BestSingle      []string
	BestSingleValue float64
	// SingleWorstLo and SingleWorstHi bound the single-device models' worst cases.
	SingleWorstLo, SingleWorstHi float64
	AvgValue, AvgWorst           float64
	WorstValue, WorstWorst       float64
	// Gap is the best single-device model's value minus the worst-case model's: paired
	// over seeds with a 95 % t-interval when there are several, exact (a point) for one.
	Gap stats.Interval
}

// JudgeRules computes the verdict of choices, one entry per rule of Rules (the devices'
// single-device rules, then average, then worst), each with one choice per seed (the
// same seeds in every rule).
func JudgeRules(choices [][]Choice, devices int) (RulesVerdict, error) {
	if devices < 1 || len(choices) != devices+2 {
		return RulesVerdict{}, fmt.Errorf("multi-hardware verdict: %d rules for %d devices, want %d", len(choices), devices, devices+2)
	}
	n := len(choices[0])
	for _, cs := range choices {
		if len(cs) != n || n == 0 {
			return RulesVerdict{}, fmt.Errorf("multi-hardware verdict: rule %q has %d seeds, rule %q %d", cs[0].Rule, len(cs), choices[0][0].Rule, n)
		}
	}
	value := func(c Choice) float64 { return c.Value }
	worst := func(c Choice) float64 { return c.Worst }
	v := RulesVerdict{Devices: devices, Seeds: n, BestSingleValue: math.Inf(-1), SingleWorstLo: math.Inf(1), SingleWorstHi: math.Inf(-1)}
	bestRule := 0
	for r, cs := range choices[:devices] {
		switch m := meanOf(cs, value); {
		case m > v.BestSingleValue:
			v.BestSingle, v.BestSingleValue, bestRule = []string{cs[0].Rule}, m, r
		case m == v.BestSingleValue:
			v.BestSingle = append(v.BestSingle, cs[0].Rule)
		}
		v.SingleWorstLo, v.SingleWorstHi = math.Min(v.SingleWorstLo, meanOf(cs, worst)), math.Max(v.SingleWorstHi, meanOf(cs, worst))
	}
	avg, wst := choices[devices], choices[devices+1]
	v.AvgValue, v.AvgWorst = meanOf(avg, value), meanOf(avg, worst)
	v.WorstValue, v.WorstWorst = meanOf(wst, value), meanOf(wst, worst)
	if n == 1 {
		g := v.BestSingleValue - v.WorstValue
		v.Gap = stats.Interval{Estimate: g, Lo: g, Hi: g, Level: 0.95}
		return v, nil
	}
	x, y := make([]float64, n), make([]float64, n)
	for s := range n {
		x[s], y[s] = choices[bestRule][s].Value, wst[s].Value
	}
	var err error
	if v.Gap, err = stats.PairedTInterval(x, y, 0.95); err != nil {
		return RulesVerdict{}, fmt.Errorf("multi-hardware verdict: best single-device against worst-case model over %d seeds: %w", n, err)
	}
	return v, nil
}

// meanOf is the mean of f over the choices.
func meanOf(cs []Choice, f func(Choice) float64) float64 {
	s := 0.0
	for _, c := range cs {
		s += f(c)
	}
	return s / float64(len(cs))
}

// RuleStudy is Chu et al.'s multi-hardware search on a design space at one resolution
// (Space): a budget per device (its median latency over Sample random networks of the
// space, drawn with SampleSeed), and OFA's evolutionary search under every rule of
// Rules(Metrics), once per seed (Choices[rule][seed]).
type RuleStudy struct {
	Space   arch.Space
	Devices []string // as the reports name them
	Metrics []string // the latency sources' metric names
	Units   []string
	Abouts  []string
	Budgets []float64
	// SampleLatency[d] are the random networks' latencies on device d, whose median is
	// Budgets[d].
	SampleLatency [][]float64
	Sample        int
	SampleSeed    uint64
	Value         string // the metric maximised
	Config        EvoConfig
	Seeds         []uint64
	Choices       [][]Choice
	// BudgetIs says what the budgets are ("": each device's median over the Sample
	// random networks, as SearchUnderRules sets them).
	BudgetIs string
}

// RuleSample is the number of random networks whose median latency on a device is its
// budget in SearchUnderRules.
const RuleSample = 1000

// SearchUnderRules draws RuleSample random networks of space with sampleSeed (a budget
// needs one resolution: the space must have exactly one), takes each device's median
// latency over them as its budget, and searches value under every rule with
// SearchRules on the same space. names are the devices as the reports call them (nil:
// the metrics' names).
func SearchUnderRules(space arch.Space, value *metric.Metric, lats []*metric.Metric, names []string, sampleSeed uint64, cfg EvoConfig, seeds []uint64) (*RuleStudy, error) {
	if _, err := oneResolution(space); err != nil {
		return nil, fmt.Errorf("multi-hardware search: the budgets are at one resolution: %w", err)
	}
	if names == nil {
		names = make([]string, len(lats))
		for d, m := range lats {
			names[d] = m.Name
		}
	}
	if len(names) != len(lats) {
		return nil, fmt.Errorf("multi-hardware search: %d names for %d latency sources", len(names), len(lats))
	}
	as, err := sampleN(space, RuleSample, sampleSeed)
	if err != nil {
		return nil, fmt.Errorf("multi-hardware search: %w", err)
	}
	rs := &RuleStudy{Space: space, Devices: names, Sample: RuleSample, SampleSeed: sampleSeed, Value: value.Name, Config: cfg, Seeds: seeds}
	for _, m := range lats {
		v, err := m.Values(as)
		if err != nil {
			return nil, fmt.Errorf("budget on %s: %w", m.Name, err)
		}
		b, err := stats.Quantile(v, 0.5)
		if err != nil {
			return nil, fmt.Errorf("budget on %s: %w", m.Name, err)
		}
		rs.Metrics, rs.Units, rs.Abouts = append(rs.Metrics, m.Name), append(rs.Units, m.Unit), append(rs.Abouts, m.About)
		rs.Budgets, rs.SampleLatency = append(rs.Budgets, b), append(rs.SampleLatency, v)
	}
	if rs.Choices, err = SearchRules(space, value, lats, rs.Budgets, cfg, seeds); err != nil {
		return nil, err
	}
	for _, cs := range rs.Choices {
		for i := range cs {
			cs[i].Rule = renameRule(cs[i].Rule, rs.Metrics, names)
		}
	}
	return rs, nil
}

// Res is the resolution of the study's networks, px (0 when its space has no single
// one, which SearchUnderRules refuses).
func (rs *RuleStudy) Res() int {
	if len(rs.Space.Resolutions) != 1 {
		return 0
	}
	return rs.Space.Resolutions[0]
}

// oneResolution is the one resolution of a space; a space of none or several is an
// error naming it.
func oneResolution(space arch.Space) (int, error) {
	if len(space.Resolutions) != 1 {
		return 0, fmt.Errorf("space %s has %d resolutions, want exactly one (Space.Resolutions)", space, len(space.Resolutions))
	}
	return space.Resolutions[0], nil
}

// sampleN draws n random networks of space from one generator seeded with (seed, 0):
// for a mobile family at one resolution, the networks of MBSpace.SampleN at that
// resolution (Space.Sample draws as the family does).
func sampleN(space arch.Space, n int, seed uint64) ([]arch.Arch, error) {
	rng := rand.New(rand.NewPCG(seed, 0))
	out := make([]arch.Arch, n)
	for i := range out {
		a, err := space.Sample(rng)
		if err != nil {
			return nil, err
		}
		out[i] = a
	}
	return out, nil
}

// renameRule names a single-device rule by the device's report name.
func renameRule(rule string, metrics, names []string) string {
	for d, m := range metrics {
		if rule == m+" only" {
			return names[d] + " only"
		}
	}
	return rule
}

// Verdict judges the searched choices (JudgeRules).
func (rs *RuleStudy) Verdict() (RulesVerdict, error) {
	return JudgeRules(rs.Choices, len(rs.Choices)-2)
}

// Budget says what the budgets are: BudgetIs, or the median of the random networks.
func (rs *RuleStudy) Budget() string {
	if rs.BudgetIs != "" {
		return rs.BudgetIs
	}
	return fmt.Sprintf("its median over %s random networks at %d px", prose.Num(rs.Sample), rs.Res())
}
