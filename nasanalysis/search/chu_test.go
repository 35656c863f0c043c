package search

import (
	"math"
	"slices"
	"strings"
	"testing"

	"github.com/nasanalysis/nasanalysis/nasanalysis/arch"
	"github.com/nasanalysis/nasanalysis/nasanalysis/metric"
	"github.com/nasanalysis/nasanalysis/nasanalysis/stats"
)

// By hand: a and b are both hardware X, so one group although they rank in opposite
// orders (SRCC -1); c ranks exactly as a (SRCC 1 ≥ 0.99 over 5 networks), so it joins
// them; d against a over the 4 networks measured on both: ranks (2, 1, 4, 3) against
// (1, 2, 3, 4), squared rank differences summing to 4, rho = 1 - 6·4/(4·15) = 0.6, so
// d stays apart. Groups {a, b, c} and {d}.
func TestGroupDevicesByHand(t *testing.T) {
	lat := [][]float64{{1, 2, 3, 4, 5}, {5, 4, 3, 2, 1}, {1, 2, 3, 4, 6}, {2, 1, 4, 3, math.NaN()}}
	g, err := GroupDevices([]string{"a", "b", "c", "d"}, []string{"X", "X", "", ""}, lat, 0.99)
	if err != nil {
		t.Fatal(err)
	}
	if len(g.Groups) != 2 || !slices.Equal(g.Groups[0], []int{0, 1, 2}) || !slices.Equal(g.Groups[1], []int{3}) {
		t.Fatalf("groups %v, want [[0 1 2] [3]]", g.Groups)
	}
	if !slices.Equal(g.Names(), []string{"a + b + c", "d"}) || !g.Merged() {
		t.Errorf("names %v", g.Names())
	}
	if !near(g.SRCC[0][3], 0.6, 1e-12) || g.Over[0][3] != 4 || g.SRCC[0][1] != -1 || g.SRCC[0][2] != 1 || g.Over[0][2] != 5 {
		t.Errorf("SRCC a-d %v over %d, a-b %v, a-c %v", g.SRCC[0][3], g.Over[0][3], g.SRCC[0][1], g.SRCC[0][2])
	}
	if len(g.Links) != 2 || !g.Links[0].SameHardware || g.Links[1].B != 2 || g.Links[1].SameHardware {
		t.Errorf("links %+v: want a-b by hardware, a-c by SRCC", g.Links)
	}
	s := strings.Join(GroupingSentences(g, "networks"), " ")
	for _, want := range []string{"`a` and `b` count as one hardware: both are the X (SRCC -1 over 5 networks).",
		"`a` and `c` count as one hardware: their latencies rank alike, SRCC 1 ≥ 0.990 over the 5 networks measured on both.",
		"Every other pair stays apart: the closest other pair, `a` and `d`, ranks at SRCC 0.600, below 0.990.", "So 4 devices are 2 hardware."} {
		if !strings.Contains(s, want) {
			t.Errorf("grouping sentences lack %q:\n%s", want, s)
		}
	}
	if _, err := GroupDevices([]string{"a", "b"}, []string{"", ""}, [][]float64{{1, 2}, {math.NaN(), 3}}, 0.99); err == nil || !strings.Contains(err.Error(), "a and b") {
		t.Errorf("one shared network: %v", err)
	}
}

// By hand: devices a and b are one hardware, c another; references 10, 20, 5.
// Architecture 0 at (5, 30, 5) has ratios 0.5, 1.5, 1: group ratios 1 and 1, average
// 1, worst 1. Architecture 1 at (10, 10, 10): 1, 0.5, 2; groups 0.75 and 2; average
// 1.375, worst 2. With values 80 and 90: "a + b only" admits both and picks 1 (90),
// "c only", average and worst admit only 0 (80).
func TestNormaliseGroupedByHand(t *testing.T) {
	g := &Grouping{Devices: []string{"a", "b", "c"}, Groups: [][]int{{0, 1}, {2}}}
	m, err := NormaliseGrouped(g.Devices, [][]float64{{5, 10}, {30, 10}, {5, 10}}, []float64{10, 20, 5}, g)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(m.GroupRatio[0], []float64{1, 1}) || !slices.Equal(m.GroupRatio[1], []float64{0.75, 2}) || m.Avg[1] != 1.375 || m.Worst[1] != 2 || m.Avg[0] != 1 {
		t.Fatalf("group ratios %v, avg %v, worst %v", m.GroupRatio, m.Avg, m.Worst)
	}
	cs, err := BestUnder(m, []float64{80, 90})
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]int{"a + b only": 1, "c only": 0, Average: 0, Worst: 0}
	for _, c := range cs {
		if c.Index != want[c.Rule] {
			t.Errorf("%s chose %d, want %d", c.Rule, c.Index, want[c.Rule])
		}
	}
	if _, err := NormaliseGrouped([]string{"a", "c"}, [][]float64{{1}, {1}}, []float64{1, 1}, g); err == nil {
		t.Error("a grouping of other devices accepted")
	}
}

// handSweep is a two-device table: the reference R (10, 10) of value 70; 1 at (5, 15)
// value 80; 2 at (15, 5) value 85; 3 at (8, 8) value 75; levels 1 and 2.
func handSweep(t *testing.T) *Sweep {
	t.Helper()
	lat := [][]float64{{10, 5, 15, 8}, {10, 15, 5, 8}}
	refs := []NamedArch{{Name: "reference", Arch: "R", Latency: []float64{10, 10}}, {Name: "other", Arch: "O", Latency: []float64{5, 20}}}
	s, err := TableSweep("hand", []string{"a", "b"}, lat, []float64{70, 80, 85, 75}, "acc", nil, refs, []float64{1, 2})
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// By hand on handSweep. Level 1: "a only" admits R, 1 and 3 and picks 1 (80); "b only"
// picks 2 (85); every architecture's average is at most 1, so average picks 2 (85);
// worst admits R and 3 (0.8) and picks 3 (75). Level 2 (budgets 20): every rule admits
// everything and picks 2 (85). Per-device models at level 1: mean accuracy (80 + 85) / 2
// = 82.5, each at 0.5 × the reference on its own device; gaps 82.5 - 75 = 7.5 (worst)
// and 82.5 - 85 = -2.5 (average); the carried model is "b only"'s 2 (85 > 80): 10
// points above the worst-case model, 1.5 × its budget on a; the average-case model (2)
// runs at 1.5 × its budget on a, the worst-case model (3) at 0.8. Level 2: the per-device
// models are both 2, at 15/10 = 1.5 × the reference on a; every gap 0; the carried model
// (a tie of 85 and of worst case 0.75: the first, "a only") is within its budget; 2 is
// every rule's model, at 15/20 = 0.75 of its budget on a.
func TestTableSweepAndTradeoffByHand(t *testing.T) {
	s := handSweep(t)
	idx := func(l int) []int {
		var out []int
		for _, cs := range s.Choices[l] {
			out = append(out, cs[0].Index)
		}
		return out
	}
	if !slices.Equal(idx(0), []int{1, 2, 2, 3}) || !slices.Equal(idx(1), []int{2, 2, 2, 2}) {
		t.Fatalf("choices %v and %v, want [1 2 2 3] and [2 2 2 2]", idx(0), idx(1))
	}
	tr, err := s.Tradeoff()
	if err != nil {
		t.Fatal(err)
	}
	if tr.PerDevice[0].Acc.Estimate != 82.5 || tr.PerDevice[0].Worst != 0.5 || tr.GapWorst[0].Estimate != 7.5 || tr.GapAverage[0].Estimate != -2.5 {
		t.Errorf("level 1: per-device %+v, gaps %v %v", tr.PerDevice[0], tr.GapWorst[0], tr.GapAverage[0])
	}
	if tr.CarriedRule[0] != "b only" || tr.CarriedGap[0].Estimate != 10 || tr.CarriedOver[0].Estimate != 1.5 || tr.Carried[0].Worst != 1.5 || tr.WorstCase[0].Worst != 0.8 {
		t.Errorf("level 1 carried %s gap %v over %v, worst-case point %+v", tr.CarriedRule[0], tr.CarriedGap[0], tr.CarriedOver[0], tr.WorstCase[0])
	}
	if tr.PerDevice[1].Worst != 1.5 || tr.GapWorst[1].Estimate != 0 || tr.CarriedRule[1] != "a only" || tr.CarriedOver[1].Estimate != 0.75 {
		t.Errorf("level 2: per-device %+v, gap %v, carried %s over %v", tr.PerDevice[1], tr.GapWorst[1], tr.CarriedRule[1], tr.CarriedOver[1])
	}
	got := TradeoffSentences(tr)
	for i, want := range []string{
		"Against the per-device models (each of the 2 hardware its own model under its own budget; the exhaustive optimum under each rule, exact differences), the worst-case model is less accurate at 1 × (by 7.50 points); exactly as accurate at 2 ×; on its worst hardware it runs at 0.750–0.800 × its budget over the levels.",
		"the average-case model is exactly as accurate at 2 ×; more accurate at 1 × (by 2.50 points); on its worst hardware it runs at 0.75–1.50 × its budget over the levels.",
		"The best single-device model carried to the other hardware (*b only* and *a only*) is, against the worst-case model, more accurate at 1 × (by 10 points); exactly as accurate at 2 ×. On its worst hardware it runs over its budget at 1 × (1.50), within it (or not distinguishably over) at 2 × (0.750)."} {
		if !strings.Contains(got[i], want) {
			t.Errorf("sentence %d\n got %q\nwant %q", i, got[i], want)
		}
	}
	if s := AccuracyNoiseSentence(tr); !strings.Contains(s, "(the smallest non-zero one 2.50 points) with no noise estimate") {
		t.Errorf("noise: %q", s)
	}
	if s := AccuracyNoiseSentence(Tradeoff{}); strings.Contains(s, "smallest") {
		t.Errorf("noise without gaps: %q", s)
	}
	ref := ReferenceSentences(s)
	if want := "Each device's latency is divided by the latency there of the reference (`R`: a 10 ms, b 10 ms), and each device's budget is 1 or 2 × that latency, the 2 levels of the sweep."; ref[0] != want {
		t.Errorf("reference\n got %q\nwant %q", ref[0], want)
	}
	if want := "On that scale the other lies at 0.500 × (on `a`) to 2 × (on `b`)."; ref[1] != want {
		t.Errorf("other reference\n got %q\nwant %q", ref[1], want)
	}
	if _, err := s.Cost(); err == nil {
		t.Error("an exhaustive sweep has a search cost")
	}
}

// seedChoices builds one level of choices for groups a and b over 3 seeds: per rule its
// values, worst cases and group ratios.
func seedChoices(values [4][3]float64, worst [3]float64) [][]Choice {
	rules := Rules([]string{"a", "b"})
	ratios := [][]float64{{0.9, 1.2}, {1.3, 0.95}, {1, 1}, {0.9, 0.9}}
	worsts := [4][3]float64{{1.2, 1.3, 1.4}, {1.3, 1.3, 1.3}, {1, 1, 1}, worst}
	out := make([][]Choice, 4)
	for r := range rules {
		for s := range 3 {
			out[r] = append(out[r], Choice{Rule: rules[r], Value: values[r][s], Worst: worsts[r][s], GroupRatio: ratios[r]})
		}
	}
	return out
}

// By hand over 3 seeds: "a only" reaches 95, 96, 97 and "b only" 91, 92, 93, so the
// per-device models average 93, 94, 95. Worst-case models at level 1: 90, 90.8, 92.2,
// differences 3, 3.2, 2.8 (mean 3, sd 0.2, t(0.975, 2) = 4.302653, ± 0.4968): less
// accurate. Level 2: 96, 97.2, 97.8, differences -3, -3.2, -2.8: more accurate. Level 3:
// 92, 95, 94, differences 1, -1, 1 (mean 1/3, sd 1.1547, ± 2.868): no difference. The
// carried model is "a only" (mean 96 > 92), its worst cases 1.2, 1.3, 1.4 (1.3 ± 0.2484,
// over 1); the per-device models' worst case is max(0.9, 0.95) × the level.
func TestJudgeTradeoffPairedByHand(t *testing.T) {
	single := [4][3]float64{{95, 96, 97}, {91, 92, 93}, {96, 94, 95}}
	level := func(w [3]float64) [][]Choice { v := single; v[3] = w; return seedChoices(v, [3]float64{0.9, 0.9, 0.9}) }
	choices := [][][]Choice{level([3]float64{90, 90.8, 92.2}), level([3]float64{96, 97.2, 97.8}), level([3]float64{92, 95, 94})}
	tr, err := JudgeTradeoff("reference", []float64{1, 2, 3}, []string{"a", "b"}, choices, false)
	if err != nil {
		t.Fatal(err)
	}
	if !near(tr.GapWorst[0].Estimate, 3, 1e-9) || !near(tr.GapWorst[0].Hi, 3.4968, 1e-3) || tr.GapWorst[1].Sign() != -1 || tr.GapWorst[2].Sign() != 0 || !near(tr.GapWorst[2].Hi, 1.0/3+2.868, 1e-3) {
		t.Errorf("worst-case gaps %+v", tr.GapWorst)
	}
	if tr.CarriedRule[0] != "a only" || !near(tr.CarriedOver[0].Lo, 1.3-0.2484, 1e-3) || !near(tr.PerDevice[1].Worst, 1.9, 1e-12) {
		t.Errorf("carried %s over %+v, per-device worst at level 2 %v", tr.CarriedRule[0], tr.CarriedOver[0], tr.PerDevice[1].Worst)
	}
	s := TradeoffSentences(tr)[0]
	want := "the worst-case model is less accurate at 1 × (by 3 points, 95 % paired t-interval 2.50–3.50); not distinguishable from them at 3 ×; more accurate at 2 × (by 3 points, 95 % paired t-interval 2.50–3.50); on its worst hardware it runs at 0.900 × its budget over the levels."
	if !strings.Contains(s, "paired over 3 seeds") || !strings.Contains(s, want) {
		t.Errorf("paired sentence\n got %q\nwant …%q", s, want)
	}
	if c := TradeoffSentences(tr)[2]; !strings.Contains(c, "On its worst hardware it runs over its budget at every level: 1 × (1.30, 95 % t-interval 1.05–1.55)") {
		t.Errorf("carried: %q", c)
	}
	if _, err := JudgeTradeoff("r", []float64{1}, []string{"a", "b", "c"}, choices[:1], false); err == nil {
		t.Error("4 rules for 3 groups accepted")
	}
}

// By hand: groups {0, 1} and {2} of 3 devices, one level, two seeds. The groups' own
// searches scored 100 + 80 and 120 + 60 networks: 180 in all per seed, and 100·2 + 80 =
// 280 and 120·2 + 60 = 300 latency look-ups (mean 290). The average- and worst-case
// searches scored 200, 300, 220 and 260: mean 245, priced on 3 devices: 735 look-ups.
func TestCountCostByHand(t *testing.T) {
	ev := [][]int{{100, 120}, {80, 60}, {200, 220}, {300, 260}}
	rules := make([][]Choice, 4)
	for r := range ev {
		for _, e := range ev[r] {
			rules[r] = append(rules[r], Choice{Evaluated: e})
		}
	}
	c, err := CountCost([][]int{{0, 1}, {2}}, 3, [][][]Choice{rules})
	if err != nil {
		t.Fatal(err)
	}
	if sw := (&Sweep{Choices: [][][]Choice{rules}}); sw.Scored() != 100+120+80+60+200+220+300+260 {
		t.Errorf("scored %d, want 1,340", sw.Scored())
	}
	if c.PerHardware != 180 || c.PerHardwareLookups != 290 || c.Multi != 245 || c.MultiLookups != 735 || c.Searches != 2 {
		t.Fatalf("cost %+v", c)
	}
	want := "Counted from the searches (2 per rule, over the levels and seeds): one multi-hardware search scored 245 networks on average, one search per hardware 180 in all for the 2 hardware, so one multi-hardware search costs 1.36 of them in networks scored (each needs its accuracy); in latency look-ups it prices each network on all 3 devices, 735 against 290 (2.53 of them)."
	if got := CostSentence(c); got != want {
		t.Errorf("cost\n got %q\nwant %q", got, want)
	}
	if _, err := CountCost([][]int{{0}}, 1, [][][]Choice{rules}); err == nil {
		t.Error("4 rules for 1 group accepted")
	}
}

// The takeaway words each sweep by its verdict counts: on handSweep the worst-case model
// is less accurate at 1 of 2 levels (by up to 7.50 points) and exactly as accurate at the
// other; the search of TestJudgeTradeoffPairedByHand is less accurate at 1 of 3, not
// distinguishable at 1, more accurate at 1.
func TestSweepTakeaway(t *testing.T) {
	tab, err := handSweep(t).Tradeoff()
	if err != nil {
		t.Fatal(err)
	}
	single := [4][3]float64{{95, 96, 97}, {91, 92, 93}, {96, 94, 95}}
	level := func(w [3]float64) [][]Choice { v := single; v[3] = w; return seedChoices(v, [3]float64{0.9, 0.9, 0.9}) }
	searched, err := JudgeTradeoff("middle network", []float64{1, 2, 3}, []string{"a", "b"},
		[][][]Choice{level([3]float64{90, 90.8, 92.2}), level([3]float64{96, 97.2, 97.8}), level([3]float64{92, 95, 94})}, false)
	if err != nil {
		t.Fatal(err)
	}
	within := searched
	within.CarriedOver = []stats.Interval{{Estimate: 0.9, Lo: 0.8, Hi: 1}, {Estimate: 1.05, Lo: 0.95, Hi: 1.15}, {Estimate: 0.7, Lo: 0.6, Hi: 0.8}}
	if s := tradeoffSummary(within); !strings.HasSuffix(s, "the best single-device model carried elsewhere is not distinguishably over its budget at any level (at most 1.05 of it)") {
		t.Errorf("carried within its budget: %q", s)
	}
	out := SweepTakeaway([]Tradeoff{tab}, []string{"two devices"}, searched, SearchCost{Multi: 245, PerHardware: 980}, nil)
	if len(out) != 2 {
		t.Fatalf("%d sentences", len(out))
	}
	for k, want := range []string{"**NAS-Bench-201, exhaustively, two devices** (1–2 × the reference): the worst-case model is less accurate than the per-device models at 1 of the 2 budget levels (by up to 7.50 points), exactly as accurate at 1; the best single-device model carried elsewhere runs over its budget on its worst hardware at 1 of the 2 levels (up to 1.50 × it).",
		"(3 seeds, 1–3 × the middle network): the worst-case model is less accurate than the per-device models at 1 of the 3 budget levels (by up to 3 points), not distinguishable at 1, more accurate at 1; the best single-device model carried elsewhere runs over its budget on its worst hardware at 3 of the 3 levels (up to 1.30 × it);", "one multi-hardware search scores 0.250 of the networks"} {
		i := min(k, 1)
		if !strings.Contains(out[i], want) {
			t.Errorf("takeaway %d\n got %q\nwant …%q", i, out[i], want)
		}
	}
}

// On cheap deterministic metrics (maximise FLOPs; parameters and MACs as devices one
// hardware, FLOPs again as another): every chosen model meets its rule on the group
// ratios, a group's ratio is the mean of its members' latency over budget, and every
// search counts the networks it scored (at least the population's first generation).
func TestSearchGroupedRules(t *testing.T) {
	lats := []*metric.Metric{ofaMetric(t, "params"), ofaMetric(t, "macs"), ofaMetric(t, "flops")}
	g := &Grouping{Devices: []string{"P", "M", "F"}, Groups: [][]int{{0, 1}, {2}}}
	cfg := DefaultEvo
	cfg.Population, cfg.Generations = 8, 2
	budgets := []float64{6, 350, 700}
	cs, err := SearchGroupedRules(arch.Space{Family: arch.OFAMBv3, Resolutions: []int{224}}, ofaMetric(t, "flops"), lats, budgets, g, cfg, []uint64{1, 2})
	if err != nil {
		t.Fatal(err)
	}
	if len(cs) != 4 || cs[0][0].Rule != "P + M only" || cs[1][0].Rule != "F only" {
		t.Fatalf("rules %d, first %q %q", len(cs), cs[0][0].Rule, cs[1][0].Rule)
	}
	for _, rule := range cs {
		for _, c := range rule {
			gr := []float64{(c.Latency[0]/6 + c.Latency[1]/350) / 2, c.Latency[2] / 700}
			if !near(c.GroupRatio[0], gr[0], 1e-12) || !near(c.GroupRatio[1], gr[1], 1e-12) || !near(c.Worst, math.Max(gr[0], gr[1]), 1e-12) {
				t.Errorf("%s: group ratios %v, want %v", c.Rule, c.GroupRatio, gr)
			}
			if !admits(c.Rule, g.Names(), c.GroupRatio, c.Avg, c.Worst) || c.Evaluated < cfg.Population {
				t.Errorf("%s: %+v not admitted, or %d networks scored", c.Rule, c.GroupRatio, c.Evaluated)
			}
		}
	}
}

// The named references are the uniform networks they say: the smallest network has the
// fewest MACs of the space's uniform networks, the largest the most.
func TestOFAReferences(t *testing.T) {
	refs := OFAReferences(224)
	if refs[0].Arch != `{"ks":[5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5],"e":[4,4,4,4,4,4,4,4,4,4,4,4,4,4,4,4,4,4,4,4],"d":[3,3,3,3,3],"r":224}` {
		t.Errorf("middle %s", refs[0].Arch)
	}
	macs := func(k, e, d int) float64 { return UniformMB(k, e, d, 224).MACs() }
	lo, hi := macs(3, 3, 2), macs(7, 6, 4)
	for _, k := range arch.MBKernels {
		for _, e := range arch.MBExpands {
			for _, d := range arch.MBDepths {
				if m := macs(k, e, d); m < lo || m > hi {
					t.Errorf("k%d e%d d%d: %v MACs outside [%v, %v]", k, e, d, m, lo, hi)
				}
			}
		}
	}
	if err := UniformMB(7, 6, 4, 224).Validate(); err != nil {
		t.Error(err)
	}
}

// A point interval has sign by its value: the exact gaps of an exhaustive sweep.
func TestPairedGapExact(t *testing.T) {
	g, err := pairedGap([]float64{3}, []float64{5})
	if err != nil || g != (stats.Interval{Estimate: -2, Lo: -2, Hi: -2, Level: 0.95}) {
		t.Errorf("%+v %v", g, err)
	}
}

// SearchSweep on cheap deterministic metrics (maximise FLOPs; parameters, MACs and FLOPs
// as devices of no named hardware): each reference's latency is its metric value, a
// level's budgets are the level × the first reference's, MACs and FLOPs (FLOPs = 2 ×
// MACs, SRCC 1) are one group and parameters another, the level-1 RuleStudy carries
// those budgets and says what they are, and the cost counts every search.
func TestSearchSweepCheap(t *testing.T) {
	lats := []*metric.Metric{ofaMetric(t, "params"), ofaMetric(t, "macs"), ofaMetric(t, "flops")}
	cfg := DefaultEvo
	cfg.Population, cfg.Generations = 8, 1
	s, err := SearchSweep(arch.Space{Family: arch.OFAMBv3, Resolutions: []int{224}}, ofaMetric(t, "flops"), lats, []string{"P", "M", "F"}, []string{"", "", ""},
		OFAReferences(224), []float64{1, 1.5}, 7, cfg, []uint64{1, 2})
	if err != nil {
		t.Fatal(err)
	}
	mid := UniformMB(5, 4, 3, 224)
	for d, m := range lats {
		v, _ := m.Values([]arch.Arch{mid})
		if s.References[0].Latency[d] != v[0] || s.Budgets(1)[d] != 1.5*v[0] {
			t.Errorf("%s: reference %v, budget at 1.5 %v; want %v and %v", m.Name, s.References[0].Latency[d], s.Budgets(1)[d], v[0], 1.5*v[0])
		}
	}
	if names := s.Grouping.Names(); !slices.Equal(names, []string{"P", "M + F"}) || len(s.Choices) != 2 || len(s.Choices[0]) != 4 || s.Choices[0][1][0].Rule != "M + F only" {
		t.Fatalf("groups %v, choices %d x %d", names, len(s.Choices), len(s.Choices[0]))
	}
	rs := s.RuleStudy(0)
	if !slices.Equal(rs.Budgets, s.References[0].Latency) || rs.BudgetIs != "1 × the latency of the middle network" || len(rs.Choices) != 4 {
		t.Errorf("rule study budgets %v, %q", rs.Budgets, rs.BudgetIs)
	}
	c, err := s.Cost()
	if err != nil || c.Searches != 4 || c.Groups != 2 || c.Devices != 3 || s.Scored() < 2*2*4*cfg.Population {
		t.Errorf("cost %+v (%v), %d scored", c, err, s.Scored())
	}
	if _, err := s.Tradeoff(); err != nil {
		t.Error(err)
	}
}
