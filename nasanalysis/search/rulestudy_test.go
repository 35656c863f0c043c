package search

import (
	"math"
	"slices"
	"sort"
	"strings"
	"testing"

	"gonum.org/v1/gonum/stat"

	"github.com/nasanalysis/nasanalysis/nasanalysis/arch"
	"github.com/nasanalysis/nasanalysis/nasanalysis/metric"
	"github.com/nasanalysis/nasanalysis/nasanalysis/stats"
)

// rulesOf builds choices of two devices a and b: per rule, its seeds' values and worst cases.
func rulesOf(values, worsts [][]float64) [][]Choice {
	rules := Rules([]string{"a", "b"})
	out := make([][]Choice, len(rules))
	for r, rule := range rules {
		for s := range values[r] {
			out[r] = append(out[r], Choice{Rule: rule, Value: values[r][s], Worst: worsts[r][s]})
		}
	}
	return out
}

// By hand, one seed: the single-device models reach 95 and 94 with worst cases 2 and
// 1.5; the average-case model 93 (1.2), the worst-case model 92 (0.9): 3 points below the
// best single-device model.
func TestJudgeRulesExhaustive(t *testing.T) {
	v, err := JudgeRules(rulesOf([][]float64{{95}, {94}, {93}, {92}}, [][]float64{{2}, {1.5}, {1.2}, {0.9}}), 2)
	if err != nil {
		t.Fatal(err)
	}
	if len(v.BestSingle) != 1 || v.BestSingle[0] != "a only" || v.BestSingleValue != 95 || v.SingleWorstLo != 1.5 || v.SingleWorstHi != 2 || v.AvgValue != 93 || v.WorstWorst != 0.9 || v.Gap.Estimate != 3 || v.Gap.Lo != 3 {
		t.Fatalf("verdict %+v", v)
	}
	want := "The single-device models reach up to 95 % (*a only*) but their worst case over the devices is 1.50–2.00 × the references; the average-case model reaches 93 % (worst case 1.20), the worst-case model 92 % (worst case 0.900): 3 points below the best single-device model, within every device's reference."
	if got := RulesSentence(v); got != want {
		t.Errorf("sentence\n got %q\nwant %q", got, want)
	}
	v, _ = JudgeRules(rulesOf([][]float64{{95}, {94}, {93}, {96}}, [][]float64{{2}, {1.5}, {1.2}, {1.1}}), 2)
	if s := RulesSentence(v); !strings.Contains(s, "1 point above the best single-device model, yet 10.0 % over the reference on its worst device") {
		t.Errorf("above and over: %q", s)
	}
	v, _ = JudgeRules(rulesOf([][]float64{{95}, {94}, {93}, {95}}, [][]float64{{2}, {1.5}, {1.2}, {1}}), 2)
	if s := RulesSentence(v); !strings.Contains(s, "exactly as accurate as the best single-device model, within every device's reference") {
		t.Errorf("tie: %q", s)
	}
	// Two single-device rules that choose equally accurate cells are both named.
	v, _ = JudgeRules(rulesOf([][]float64{{95}, {95}, {93}, {92}}, [][]float64{{2}, {1.5}, {1.2}, {0.9}}), 2)
	if s := RulesSentence(v); !strings.Contains(s, "reach up to 95 % (*a only* and *b only*)") {
		t.Errorf("tied best: %q", s)
	}
	if _, err := JudgeRules(rulesOf([][]float64{{95}, {94}, {93}, {92}}, [][]float64{{2}, {1.5}, {1.2}, {0.9}}), 3); err == nil {
		t.Error("4 rules for 3 devices accepted")
	}
}

// By hand, paired over seeds with the best single-device rule a: three seeds whose
// differences from the worst-case model are 3, 3.2 and 2.8 (mean 3, sd 0.2, standard
// error 0.11547; t(0.975, 2) = 4.302653) give 3 ± 0.4968, above 0; the same reversed,
// below; two seeds of differences 3 and 2 (mean 2.5, standard error 0.5, t(0.975, 1) =
// 12.7062) give 2.5 ± 6.3531, which contains 0.
func TestJudgeRulesPairedOverSeeds(t *testing.T) {
	ones := [][]float64{{1, 1, 1}, {1, 1, 1}, {1, 1, 1}, {1, 1, 1}}
	v, err := JudgeRules(rulesOf([][]float64{{95, 96, 97}, {90, 90, 90}, {91, 91, 91}, {92, 92.8, 94.2}}, ones), 2)
	if err != nil {
		t.Fatal(err)
	}
	if !near(v.Gap.Estimate, 3, 1e-9) || !near(v.Gap.Lo, 3-0.4968, 1e-3) || !near(v.Gap.Hi, 3+0.4968, 1e-3) {
		t.Errorf("gap %+v; want 3 ± 0.4968", v.Gap)
	}
	s := RulesSentence(v)
	if !strings.HasPrefix(s, "Means over the 3 seeds: the single-device models") || !strings.Contains(s, "3 points below the best single-device model (95 % paired t-interval of the difference 2.50–3.50)") {
		t.Errorf("below: %q", s)
	}
	v, _ = JudgeRules(rulesOf([][]float64{{95, 96, 97}, {90, 90, 90}, {91, 91, 91}, {98, 99.2, 99.8}}, ones), 2)
	if s := RulesSentence(v); !strings.Contains(s, "3 points above the best single-device model") {
		t.Errorf("above: %q", s)
	}
	v, _ = JudgeRules(rulesOf([][]float64{{95, 96}, {90, 90}, {91, 91}, {92, 94}}, [][]float64{{1, 1}, {1, 1}, {1, 1}, {1, 1}}), 2)
	if !near(v.Gap.Lo, 2.5-6.3531, 1e-3) {
		t.Errorf("two seeds: gap %+v; want 2.5 ± 6.3531", v.Gap)
	}
	if s := RulesSentence(v); !strings.Contains(s, "not distinguishable from the best single-device model (difference 2.50 points") {
		t.Errorf("no difference: %q", s)
	}
}

// By hand: cells 0, 1, 2 and 4 are measured on both devices; device a's median over them
// is (2 + 3) / 2 = 2.5 and b's (20 + 30) / 2 = 25, so cell 0 (1, 10) has ratios 0.4, 0.4.
func TestMedianReferenced(t *testing.T) {
	m, err := MedianReferenced([]string{"a", "b"}, [][]float64{{1, 2, 3, math.NaN(), 5}, {10, 20, 30, 40, 50}})
	if err != nil {
		t.Fatal(err)
	}
	if m.Ref[0] != 2.5 || m.Ref[1] != 25 || len(m.Kept) != 4 || m.Ratio[0][0] != 0.4 || m.Ratio[0][1] != 0.4 {
		t.Errorf("refs %v, kept %v, first ratios %v", m.Ref, m.Kept, m.Ratio[0])
	}
}

// handStudy is a RuleStudy of two devices, "gpu" and "here" (budget 12 ms), three seeds,
// whose chosen models are predicted on "here" at the given ratios to the budget.
func handStudy(pred [][]float64) *RuleStudy {
	rs := &RuleStudy{Devices: []string{"gpu", "here"}, Budgets: []float64{5, 12}, Seeds: []uint64{1, 2, 3}, Sample: 1000,
		SampleLatency: [][]float64{{1, 2, 3}, {11, 12, 13}}, Space: arch.Space{Family: arch.OFAMBv3, Resolutions: []int{224}}}
	for r, rule := range Rules(rs.Devices) {
		var cs []Choice
		for _, p := range pred[r] {
			cs = append(cs, Choice{Rule: rule, Ratio: []float64{1, p}, Latency: []float64{5, 12 * p}})
		}
		rs.Choices = append(rs.Choices, cs)
	}
	return rs
}

// spearman is Pearson's r of the ranks (average ranks for ties), computed with gonum.
func spearman(x, y []float64) float64 {
	rank := func(v []float64) []float64 {
		idx := make([]int, len(v))
		for i := range idx {
			idx[i] = i
		}
		sort.SliceStable(idx, func(a, b int) bool { return v[idx[a]] < v[idx[b]] })
		r := make([]float64, len(v))
		for i := 0; i < len(idx); {
			j := i
			for j+1 < len(idx) && v[idx[j+1]] == v[idx[i]] {
				j++
			}
			for k := i; k <= j; k++ {
				r[idx[k]] = float64(i+j)/2 + 1
			}
			i = j + 1
		}
		return r
	}
	return stat.Correlation(rank(x), rank(y), nil)
}

// By hand: random networks measured at 8, 9 and 10 ms (median 9) against a predicted
// budget of 12 ms, 33.3 % above it. The "here only" models, predicted at 0.95-0.99 of the
// budget, measure 10.8-11.2 ms: 1.222 × the median (sd 0.02222, t-interval 1.222 ±
// 4.302653 x 0.01283 = ± 0.0552), above 1, yet 11/12 = 0.917 of the budget in ms. The
// "gpu only" models, predicted over the budget (1.3), measure 0.8 × the median; the
// average-case models straddle the median (0.944-1.056); the worst-case ones, predicted
// at 0.85, measure 1.5 × the median and 13.5/12 = 1.125 of the budget.
func TestCompareMeasuredByHand(t *testing.T) {
	rs := handStudy([][]float64{{1.2, 1.3, 1.4}, {0.95, 0.97, 0.99}, {1, 1, 1}, {0.8, 0.85, 0.9}})
	ms := []float64{7, 7.2, 7.4, 10.8, 11, 11.2, 8.5, 9, 9.5, 13, 13.5, 14, 8, 9, 10}
	m, err := CompareMeasured(rs, 1, ms)
	if err != nil {
		t.Fatal(err)
	}
	if m.RandomMedian != 9 || m.NRandom != 3 || m.NChosen != 12 || m.MinMS != 7 || m.MaxMS != 14 || !near(m.ScaleGap(), 1.0/3, 1e-12) {
		t.Fatalf("check %+v", m)
	}
	if !near(m.Predicted[1], 0.97, 1e-12) || !near(m.Measured[1].Estimate, 11.0/9, 1e-12) || !near(m.Measured[1].Hi-m.Measured[1].Estimate, 0.0552, 1e-4) || !near(m.MeasuredSD[1], 0.2/9, 1e-12) {
		t.Errorf("here only: predicted %v, measured %+v sd %v", m.Predicted[1], m.Measured[1], m.MeasuredSD[1])
	}
	pred := []float64{14.4, 15.6, 16.8, 11.4, 11.64, 11.88, 12, 12, 12, 9.6, 10.2, 10.8, 11, 12, 13}
	if want := spearman(pred, ms); !near(m.SRCC.Estimate, want, 1e-12) || m.SRCC.Lo > m.SRCC.Estimate || m.SRCC.Hi < m.SRCC.Estimate {
		t.Errorf("SRCC %+v, want estimate %v inside its interval", m.SRCC, want)
	}
	if got := m.Disagreements(); !slices.Equal(got, []int{0, 1, 3}) {
		t.Errorf("disagreements %v, want [0 1 3] (gpu only, here only, worst)", got)
	}
	s := strings.Join(MeasuredSentences(m), "\n")
	for _, want := range []string{"Over these 15 networks (chosen and random) the predicted and measured latencies on this machine rank in opposite orders, at SRCC", "span 7–14 ms", "(12 ms), lies 33.3 % above the median of the 3 random networks measured in this run (9 ms)",
		"*here only* is predicted at 0.970 of its budget, yet measured at 1.22 × the random median (95 % t-interval over 3 seeds 1.17–1.28): slower than a typical random network here, not faster, so the predictor underrates its latency against random networks", "In ms it still meets the budget (0.917 of it) only because the budget lies 33.3 % above this run's random median.",
		"*gpu only* is predicted at 1.30 of its budget, yet measured at 0.800 × the random median (95 % t-interval over 3 seeds 0.745–0.855)", "faster than a typical random network here, though predicted over the budget, so the predictor overrates its latency against random networks. In ms it is within the budget too (0.600 of it).",
		"*worst* is predicted at 0.850", "In ms it exceeds the budget too (1.12 of it)."} {
		if !strings.Contains(s, want) {
			t.Errorf("sentences lack %q:\n%s", want, s)
		}
	}
	if strings.Contains(s, "*average*") {
		t.Errorf("the average-case models straddle the median, yet are named:\n%s", s)
	}
	agree, err := CompareMeasured(handStudy([][]float64{{1.2, 1.3, 1.4}, {0.95, 0.97, 0.99}, {1, 1, 1}, {0.8, 0.85, 0.9}}), 1,
		[]float64{13, 13.5, 14, 7, 7.2, 7.4, 8.5, 9, 9.5, 7, 7.2, 7.4, 8, 9, 10})
	if err != nil {
		t.Fatal(err)
	}
	if d := agree.Disagreements(); len(d) != 0 || !strings.Contains(strings.Join(MeasuredSentences(agree), " "), "Every rule's models are measured on the side") {
		t.Errorf("no disagreement expected, got %v", d)
	}
	// The models for this machine alone are always stated: here predicted at 0.97 of the
	// budget and measured at 0.8 × the random median, faster, as predicted; with the same
	// measurements for the seeds spread across 1 (0.9, 1, 1.1 × 9 ms), not distinguishable.
	if s := strings.Join(MeasuredSentences(agree), " "); !strings.Contains(s, "The models chosen for *here* alone are predicted at 0.970 of their budget and measured at 0.800 × the random median (95 % t-interval over 3 seeds 0.745–0.855): faster than the median random network timed with them.") {
		t.Errorf("own rule not stated: %s", s)
	}
	straddle, err := CompareMeasured(handStudy([][]float64{{1.2, 1.3, 1.4}, {0.95, 0.97, 0.99}, {1, 1, 1}, {0.8, 0.85, 0.9}}), 1,
		[]float64{13, 13.5, 14, 8.1, 9, 9.9, 8.5, 9, 9.5, 7, 7.2, 7.4, 8, 9, 10})
	if err != nil {
		t.Fatal(err)
	}
	if s := strings.Join(MeasuredSentences(straddle), " "); !strings.Contains(s, "*here* alone are predicted at 0.970 of their budget and measured at 1.00") || !strings.Contains(s, "not distinguishable from the median random network timed with them") {
		t.Errorf("straddling own rule: %s", s)
	}
	// A budget 20 % below this run's random median (12 ms against 15): the "gpu only"
	// models, measured at 0.867 × the median, exceed the budget in ms (13/12 = 1.08).
	slow, err := CompareMeasured(handStudy([][]float64{{1.2, 1.3, 1.4}, {0.95, 0.97, 0.99}, {1, 1, 1}, {0.8, 0.85, 0.9}}), 1,
		[]float64{12.5, 13, 13.5, 14.5, 15, 15.5, 14, 15, 16, 14, 15, 16, 14, 15, 16})
	if err != nil {
		t.Fatal(err)
	}
	if s := strings.Join(MeasuredSentences(slow), " "); !strings.Contains(s, "In ms it still exceeds the budget (1.08 of it) only because the budget lies 20") || !strings.Contains(s, "% below this run's random median.") {
		t.Errorf("budget below the median: %s", s)
	}
	named := handStudy([][]float64{{1.2, 1.3, 1.4}, {0.95, 0.97, 0.99}, {1, 1, 1}, {0.8, 0.85, 0.9}})
	named.BudgetIs = "1 × the latency of the middle network"
	if nm, err := CompareMeasured(named, 1, ms); err != nil || !strings.Contains(MeasuredSentences(nm)[1], "The budget on this machine, 1 × the latency of the middle network as predicted (12 ms), lies 33.3 % above") {
		t.Errorf("named budget: %v %q", err, MeasuredSentences(nm)[1])
	}
	if _, err := CompareMeasured(rs, 1, ms[:13]); err == nil {
		t.Error("one random network accepted")
	}
}

func TestPredictorSentence(t *testing.T) {
	c := PredictorCheck{Model: "mlp", NTrain: 1600, NTotal: 2000, Seed: 0, Res: 224, NHeld: 85, SRCC: stats.Interval{Estimate: 0.62, Lo: 0.48, Hi: 0.74}}
	want := "This machine's latency predictor (MLP, trained on 1,600 of the 2,000 networks measured here, seed 0) ranks the 85 held-out 224-px networks with SRCC 0.620 (95 % bootstrap interval 0.480–0.740): a usable but noisy device (this virtual machine's speed drifted while the networks were measured)."
	if got := PredictorSentence(c); got != want {
		t.Errorf("noisy\n got %q\nwant %q", got, want)
	}
	c.SRCC = stats.Interval{Estimate: 0.95, Lo: 0.93, Hi: 0.97}
	if s := PredictorSentence(c); !strings.HasSuffix(s, "close to the measurements it stands for.") {
		t.Errorf("close: %q", s)
	}
	c.SRCC = stats.Interval{Estimate: 0.1, Lo: -0.1, Hi: 0.3}
	if s := PredictorSentence(c); !strings.Contains(s, "no better than chance") {
		t.Errorf("chance: %q", s)
	}
	c.SRCC = stats.Interval{Estimate: -0.5, Lo: -0.7, Hi: -0.3}
	if s := PredictorSentence(c); !strings.Contains(s, "in reverse order") {
		t.Errorf("reverse: %q", s)
	}
}

func TestBudgetSentencesAndTakeaway(t *testing.T) {
	rs := &RuleStudy{Devices: []string{"note10_r224"}, Units: []string{"ms"}, Abouts: []string{"Samsung Note10 lookup table"}, Budgets: []float64{21.37}, Sample: 1000, Space: arch.Space{Family: arch.OFAMBv3, Resolutions: []int{224}}}
	if got, want := BudgetSentences(rs)[0], "`note10_r224` budget 21.4 ms (its median over 1,000 random networks at 224 px). Samsung Note10 lookup table."; got != want {
		t.Errorf("budget\n got %q\nwant %q", got, want)
	}
	m, err := CompareMeasured(handStudy([][]float64{{1.2, 1.3, 1.4}, {0.95, 0.97, 0.99}, {1, 1, 1}, {0.8, 0.85, 0.9}}), 1,
		[]float64{7, 7.2, 7.4, 10.8, 11, 11.2, 8.5, 9, 9.5, 13, 13.5, 14, 8, 9, 10})
	if err != nil {
		t.Fatal(err)
	}
	searched := Tradeoff{Reference: "middle network", Levels: []float64{1}, Seeds: 3, GapWorst: []stats.Interval{{Estimate: 1.1, Lo: -0.2, Hi: 2.4}},
		CarriedOver: []stats.Interval{{Estimate: 1.2, Lo: 1.1, Hi: 1.3}}}
	out := SweepTakeaway(nil, nil, searched, SearchCost{Multi: 1, PerHardware: 4}, m)
	if len(out) != 2 {
		t.Fatalf("%d sentences: %q", len(out), out)
	}
	for i, want := range []string{"(3 seeds, 1–1 × the middle network): the worst-case model is not distinguishable at 1; the best single-device model carried elsewhere runs over its budget on its worst hardware at 1 of the 1 levels (up to 1.20 × it); one multi-hardware search scores 0.250 of the networks",
		"the models chosen under *gpu only*, *here only* and *worst* are measured on the other side"} {
		if !strings.Contains(out[i], want) {
			t.Errorf("takeaway %d: %q lacks %q", i, out[i], want)
		}
	}
	agree, err := CompareMeasured(handStudy([][]float64{{1.2, 1.3, 1.4}, {0.95, 0.97, 0.99}, {1, 1, 1}, {0.8, 0.85, 0.9}}), 1,
		[]float64{13, 13.5, 14, 7, 7.2, 7.4, 8.5, 9, 9.5, 7, 7.2, 7.4, 8, 9, 10})
	if err != nil {
		t.Fatal(err)
	}
	if out := SweepTakeaway(nil, nil, searched, SearchCost{Multi: 1, PerHardware: 4}, agree); !strings.HasSuffix(out[1], "every rule's models are measured on the side of the random median that the predictions put them on.") {
		t.Errorf("agreeing measurements: %q", out[1])
	}
}

// On cheap deterministic metrics (maximise FLOPs; parameters and MACs as two devices):
// the budgets are the medians of the sample, every chosen model's ratio is its latency
// over the budget, and MeasureChosen, with a stand-in for measurement that returns MACs,
// finds each rule's models at their MACs over the median MACs of the first random
// networks, whatever order it times them in.
func TestSearchUnderRulesAndMeasure(t *testing.T) {
	macs := ofaMetric(t, "macs")
	cfg := DefaultEvo
	cfg.Population, cfg.Generations = 8, 2
	rs, err := SearchUnderRules(arch.Space{Family: arch.OFAMBv3, Resolutions: []int{224}}, ofaMetric(t, "flops"), []*metric.Metric{ofaMetric(t, "params"), macs}, []string{"P", "M"}, 7, cfg, []uint64{1, 2})
	if err != nil {
		t.Fatal(err)
	}
	for d := range 2 {
		s := slices.Clone(rs.SampleLatency[d])
		slices.Sort(s)
		if len(s) != 1000 || rs.Budgets[d] != (s[499]+s[500])/2 {
			t.Errorf("device %d: budget %v, want the median of 1,000 = %v", d, rs.Budgets[d], (s[499]+s[500])/2)
		}
	}
	if rs.Choices[0][0].Rule != "P only" || rs.Choices[1][1].Rule != "M only" || rs.Choices[3][0].Rule != Worst {
		t.Errorf("rules %q %q %q", rs.Choices[0][0].Rule, rs.Choices[1][1].Rule, rs.Choices[3][0].Rule)
	}
	for _, cs := range rs.Choices {
		for _, c := range cs {
			if c.Ratio[1] != c.Latency[1]/rs.Budgets[1] {
				t.Errorf("%s: ratio %v, latency %v over budget %v", c.Rule, c.Ratio[1], c.Latency[1], rs.Budgets[1])
			}
		}
	}
	fake := &metric.Metric{Name: "measured", Unit: "ms", About: "MACs standing in for a measurement", Values: macs.Values}
	m, err := MeasureChosen(rs, 1, fake, 5)
	if err != nil {
		t.Fatal(err)
	}
	s := slices.Clone(rs.SampleLatency[1][:5])
	slices.Sort(s)
	if m.RandomMedian != s[2] || m.About != fake.About {
		t.Fatalf("random median %v, want %v", m.RandomMedian, s[2])
	}
	for r, cs := range rs.Choices {
		want := (cs[0].Latency[1] + cs[1].Latency[1]) / 2 / s[2]
		if !near(m.Measured[r].Estimate, want, 1e-12) {
			t.Errorf("rule %s: measured ratio %v, want %v", cs[0].Rule, m.Measured[r].Estimate, want)
		}
	}
	if m.SRCC.Estimate != 1 {
		t.Errorf("a measurement that is the prediction ranks with SRCC %v, want 1", m.SRCC.Estimate)
	}
}

// The budget networks of a space at one resolution are the family's sample
// (arch.MBSpace.SampleN with the same seed) set to that resolution; a restricted space
// draws only networks inside it.
func TestSampleNIsTheFamilySample(t *testing.T) {
	got, err := sampleN(arch.Space{Family: arch.OFAMBv3, Resolutions: []int{192}}, 50, 7)
	if err != nil {
		t.Fatal(err)
	}
	want := arch.WithResolution(arch.MBv3.SampleN(50, 7), 192)
	for i := range want {
		if got[i].String() != want[i].String() {
			t.Fatalf("network %d: %s, want %s", i, got[i], want[i])
		}
	}
	capped := arch.Space{Family: arch.OFAMBv3, Resolutions: []int{224}, Drop: []arch.Block{{Kernel: 7, Expand: 6}}, MaxDepth: []int{3, 3, 3, 3, 3}}
	in, err := sampleN(capped, 50, 7)
	if err != nil {
		t.Fatal(err)
	}
	for _, a := range in {
		if err := capped.Check(a); err != nil {
			t.Fatal(err)
		}
	}
}

// The studies that set a budget or a reference point at one resolution refuse a space
// of none or several, naming the field; a search refuses an invalid space.
func TestStudiesNeedOneResolution(t *testing.T) {
	flops, err := metric.New("flops", arch.OFAMBv3, metric.Options{})
	if err != nil {
		t.Fatal(err)
	}
	ncfg := NSGAConfig{Population: 8, Generations: 1, CrossoverProb: 0.9, MutateProb: 0.1}
	ecfg := DefaultEvo
	ecfg.Population, ecfg.Generations = 8, 1
	for _, sp := range []arch.Space{{Family: arch.OFAMBv3}, {Family: arch.OFAMBv3, Resolutions: []int{192, 224}}} {
		mut, _, _ := EqualSearches(8, 1, 8)
		_, err1 := RunSpaceTrial(TrialSpec{Name: "x", Reduced: sp}, flops, flops, mut, []uint64{1, 2}, nil)
		_, err2 := CompareReuse(sp, flops, flops, []*metric.Metric{flops}, ncfg, []uint64{1, 2})
		_, err3 := SearchUnderRules(sp, flops, []*metric.Metric{flops}, nil, 1, ecfg, []uint64{1})
		for i, err := range []error{err1, err2, err3} {
			if err == nil || !strings.Contains(err.Error(), "Space.Resolutions") {
				t.Errorf("%s, study %d: %v", sp, i, err)
			}
		}
	}
	bad := arch.Space{Family: arch.OFAMBv3, Width: 0.5}
	if _, err := Evolve(bad, kernelSum, ecfg, nil); err == nil || !strings.Contains(err.Error(), "width") {
		t.Errorf("evolution in %s: %v", bad, err)
	}
	if _, err := NSGA2(bad, func(as []arch.Arch) ([][]float64, error) { return nil, nil }, ncfg, nil); err == nil || !strings.Contains(err.Error(), "width") {
		t.Errorf("NSGA-II in %s: %v", bad, err)
	}
}

// ofaMetric is an OFA-MobileNetV3 metric built with no options (the deterministic
// counts need none), failing the test if it cannot be built.
func ofaMetric(t *testing.T, name string) *metric.Metric {
	t.Helper()
	m, err := metric.New(name, arch.OFAMBv3, metric.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return m
}
