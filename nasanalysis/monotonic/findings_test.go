package monotonic

import (
	"math"
	"strings"
	"testing"

	"github.com/nasanalysis/nasanalysis/nasanalysis/stats"
)

func TestDirection(t *testing.T) {
	for _, c := range []struct {
		lo, hi float64
		want   string
	}{{0.1, 0.2, "above"}, {-0.2, -0.1, "below"}, {-0.1, 0.1, "level with"}, {math.NaN(), math.NaN(), "level with"}} {
		if got := Direction(stats.Interval{Lo: c.lo, Hi: c.hi}); got != c.want {
			t.Errorf("Direction(%g, %g) = %s, want %s", c.lo, c.hi, got, c.want)
		}
	}
}

func TestReuseSentences(t *testing.T) {
	s := ReuseSummary{Pairs: 306, Recovered: 0.5, HVRatio: 0.98, Loss: []float64{0.5, 0.2}, LossColumns: []string{"loss_q10", "loss_q90"},
		Above: 40, Below: 266, HVAbove: 0.99, HVBelow: 0.97, SRCCvsHypervolume: 0.6, Unmet: []int{0, 0}}
	got := ReuseSentences(s, []float64{0.1, 0.9}, 0.9)
	want := "Over the 306 ordered pairs (medians): the proxy's front recovers 50 % of the target's front and keeps 0.980 of its hypervolume; accuracy lost at the 10/90 % budgets: 0.500 / 0.200 points. Pairs with SRCC ≥ 0.900 (40) keep a median 0.990 of the hypervolume, the others (266) 0.970. Spearman correlation between a pair's SRCC and its hypervolume ratio: 0.600."
	if len(got) != 1 || got[0] != want {
		t.Errorf("got  %q\nwant %q", got, want)
	}
	s.Unmet = []int{3, 1}
	if got := ReuseSentences(s, []float64{0.1, 0.9}, 0.9); len(got) != 2 || !strings.HasPrefix(got[1], "On 3 pairs at the 10 % budget and 1 pairs at the 90 % budget, no architecture") {
		t.Errorf("unmet: %q", got)
	}
}

// Three devices, six ordered pairs. Per-seed mean held-out SRCC over pairs: adaproxy
// (0.8, 0.81, 0.82), target-only (0.7, 0.7, 0.7): differences 0.1, 0.11, 0.12, mean 0.11,
// sd 0.01, t(0.975, 2) = 4.302653: 0.11 ± 0.024842 = (0.08516, 0.13484), above.
func TestSummarizeGridsByHand(t *testing.T) {
	nan := math.NaN()
	devs := []string{"a", "b", "c"}
	grid := func(m Method, v [][]float64, seeds []float64) Grid {
		return Grid{Devices: devs, Method: m, NTrain: 60, NVal: 10, Seeds: 3, After: v, AfterHeldOut: v, SeedMeanAfterHeldOut: seeds}
	}
	ada := grid(MethodAdaProxy, [][]float64{{nan, 0.95, 0.6}, {0.9, nan, 0.8}, {0.7, 0.85, nan}}, []float64{0.8, 0.81, 0.82})
	to := grid(MethodTargetOnly, [][]float64{{nan, 0.8, 0.7}, {0.7, nan, 0.7}, {0.7, 0.7, nan}}, []float64{0.7, 0.7, 0.7})
	fs := SummarizeGrids([]Grid{ada, to}, 0.9)
	a := FactsOf(fs, MethodAdaProxy)
	if a.Reached != 2 || a.Pairs != 6 || math.Abs(a.Mean-0.8) > 1e-12 || a.Worst != 0.6 || a.WorstPair != "a → c" || a.Below != 1 || math.Abs(a.MaxDeficit-0.1) > 1e-12 {
		t.Errorf("facts %+v", a)
	}
	if iv := a.VsTargetOnly; math.Abs(iv.Estimate-0.11) > 1e-12 || math.Abs(iv.Lo-0.085158) > 1e-5 || math.Abs(iv.Hi-0.134842) > 1e-5 || Direction(iv) != "above" {
		t.Errorf("vs target-only %+v", iv)
	}
	if b := a.BelowText(); b != "below target-only on 1 of 6 pairs, by at most 0.100" {
		t.Errorf("below text %q", b)
	}
	if b := FactsOf(fs, MethodTargetOnly).BelowText(); b != "never below target-only" {
		t.Errorf("target-only below text %q", b)
	}
}

func handGridFacts() []GridFacts {
	f := func(m Method, reached, all int, mean float64, below int, vs stats.Interval) GridFacts {
		return GridFacts{Method: m, NTrain: 60, NVal: 10, Seeds: 10, Pairs: 306, Reached: reached, ReachedAll: all, Mean: mean, MeanAll: mean + 0.01,
			Worst: 0.2, WorstPair: "x → y", Below: below, MaxDeficit: 0.05, VsTargetOnly: vs, SeedMeans: []float64{mean, mean + 0.01, mean - 0.01}}
	}
	above := stats.Interval{Estimate: 0.02, Lo: 0.01, Hi: 0.03}
	level := stats.Interval{Estimate: 0.001, Lo: -0.01, Hi: 0.012}
	return []GridFacts{
		f(MethodProxy, 40, 40, 0.7, 300, stats.Interval{}),
		f(MethodAdaProxy, 100, 110, 0.85, 10, above),
		f(MethodAdaProxyVal, 80, 90, 0.8, 100, level),
		f(MethodAdaProxyCV, 100, 105, 0.84, 20, above),
		f(MethodTargetOnly, 90, 95, 0.83, 0, stats.Interval{}),
	}
}

func TestGridSentences(t *testing.T) {
	s := GridSentences(handGridFacts(), 0.9)
	if !strings.HasPrefix(s[0], "On held-out cells the unadapted proxies have a mean SRCC of 0.700 over the 306 pairs, and 40 reach 0.900. After adaptation:") ||
		!strings.Contains(s[0], "- **adaproxy-val** (OneProxy's rule: fitted on 60 target cells, λ chosen on the other 10): 80 of 306 pairs reach 0.900 (90 scored on all cells), mean 0.800, worst 0.200 (x → y); below target-only on 100 of 306 pairs, by at most 0.0500.") ||
		!strings.Contains(s[0], "- **target-only** (the per-operator model fitted on the 70 target cells alone): 90 of 306 pairs reach 0.900 (95 scored on all cells), mean 0.830, worst 0.200 (x → y).") {
		t.Errorf("first %q", s[0])
	}
	if !strings.HasPrefix(s[1], "Of the three ways to choose λ, **adaproxy** (mean 0.850) and **adaproxy-cv** (mean 0.840) tie on most pairs reaching the threshold (100); adaproxy has the highest mean.") ||
		!strings.Contains(s[1], "adaproxy-val, reaches 80 and does not beat the target-only baseline (90 pairs;") ||
		!strings.Contains(s[1], "and above it in mean SRCC: 0.850 against 0.830, a paired difference over the 10 seeds of 0.0200 (95 % interval 0.0100–0.0300).") {
		t.Errorf("second %q", s[1])
	}
	fs := handGridFacts()
	fs[3].Reached = 99
	fs[2].Reached = 95
	fs[1].VsTargetOnly = stats.Interval{Estimate: -0.02, Lo: -0.03, Hi: -0.01}
	s = GridSentences(fs, 0.9)
	if !strings.HasPrefix(s[1], "Of the three ways to choose λ, **adaproxy** (mean 0.850) reaches the threshold on most pairs (100).") ||
		!strings.Contains(s[1], "reaches 95 and beats the target-only baseline") || !strings.Contains(s[1], "and below it in mean SRCC") {
		t.Errorf("other direction %q", s[1])
	}
	fs[1].VsTargetOnly = stats.Interval{Estimate: 0.001, Lo: -0.01, Hi: 0.012}
	if s := GridSentences(fs, 0.9); !strings.Contains(s[1], "and level with it in mean SRCC") {
		t.Errorf("level %q", s[1])
	}
}

// summary makes a seed summary of per-seed values.
func summary(after ...float64) SeedSummary {
	s := SeedSummary{N: len(after), After: after, MinAfter: math.Inf(1), MaxAfter: math.Inf(-1)}
	for _, a := range after {
		s.MeanAfter += a / float64(len(after))
		s.MinAfter, s.MaxAfter = math.Min(s.MinAfter, a), math.Max(s.MaxAfter, a)
	}
	return s
}

// Two methods and target-only at 10, 20 and 70 cells, three seeds each. At 10:
// target-only (0.6, 0.61, 0.62) leads adaproxy (0.5, 0.52, 0.51): differences 0.1, 0.09,
// 0.11, mean 0.1, sd 0.01, a clear lead. The best AdaProxy variant against target-only:
// at 10 below; at 20 adaproxy (0.7, 0.72, 0.68) vs (0.69, 0.7, 0.71): differences 0.01,
// 0.02, -0.03, level; at 70 (0.9, 0.91, 0.92) vs (0.8, 0.8, 0.8), above. adaproxy-val
// has the lowest mean at 10 and 20 cells.
func TestCurveFactsByHand(t *testing.T) {
	pt := func(n int, s SeedSummary) AdaptPoint { return AdaptPoint{Samples: n, HeldOut: s, Summary: s} }
	pc := PairCurves{Proxy: "p", Target: "q", Before: 0.55, Curves: []MethodCurve{
		{Method: MethodAdaProxy, Points: []AdaptPoint{pt(10, summary(0.5, 0.52, 0.51)), pt(20, summary(0.7, 0.72, 0.68)), pt(70, summary(0.9, 0.91, 0.92))}},
		{Method: MethodAdaProxyVal, Points: []AdaptPoint{pt(10, summary(0.4, 0.4, 0.4)), pt(20, summary(0.5, 0.5, 0.5)), pt(70, summary(0.85, 0.85, 0.85))}},
		{Method: MethodTargetOnly, Points: []AdaptPoint{pt(10, summary(0.6, 0.61, 0.62)), pt(20, summary(0.69, 0.7, 0.71)), pt(70, summary(0.8, 0.8, 0.8))}},
	}}
	f, err := CurveFactsOf(pc, 10, 70)
	if err != nil {
		t.Fatal(err)
	}
	if f.At10[0].Method != MethodTargetOnly || f.At10[1].Method != MethodAdaProxy || !f.LeadClear || math.Abs(f.Spread70-0.11) > 1e-12 {
		t.Errorf("facts %+v", f)
	}
	if len(f.AboveTargetOnly) != 1 || f.AboveTargetOnly[0] != 70 || len(f.LevelTargetOnly) != 1 || f.LevelTargetOnly[0] != 20 || len(f.BelowTargetOnly) != 1 || f.BelowTargetOnly[0] != 10 {
		t.Errorf("against target-only: above %v, level %v, below %v", f.AboveTargetOnly, f.LevelTargetOnly, f.BelowTargetOnly)
	}
	if f.ValLowest != 2 || f.SmallSizes != 2 {
		t.Errorf("adaproxy-val lowest at %d of %d small sizes, want 2 of 2", f.ValLowest, f.SmallSizes)
	}
	want := "`p → q` (unadapted 0.550): with 10 cells target-only 0.610, adaproxy 0.510, adaproxy-val 0.400 (target-only first, ahead of the next by a paired 95 % interval); the best AdaProxy variant is above target-only at 70 cells, level with it at 20 cells and below it at 10 cells; with 70 cells the methods lie within 0.110 of each other."
	if got := f.Sentence(10, 70); got != want {
		t.Errorf("got  %q\nwant %q", got, want)
	}
	f.LeadClear = false
	if got := f.Sentence(10, 70); !strings.Contains(got, "its lead over the next is within the seeds' noise") {
		t.Errorf("unclear lead %q", got)
	}
	if _, err := CurveFactsOf(pc, 15, 70); err == nil {
		t.Error("a size without points accepted")
	}
}

func handComparison() MethodComparison {
	return MethodComparison{Methods: []Method{MethodAdaProxy, MethodAdaProxyVal, MethodAdaProxyCV, MethodTargetOnly}, NTrain: 60, NVal: 10,
		All:         []SeedSummary{summary(0.88, 0.89, 0.9), summary(0.7, 0.8, 0.87), summary(0.86, 0.87, 0.88), summary(0.85, 0.85, 0.85)},
		HeldOut:     []SeedSummary{summary(0.87, 0.88, 0.89), summary(0.69, 0.79, 0.86), summary(0.85, 0.86, 0.87), summary(0.84, 0.84, 0.84)},
		LambdaFracs: [][]float64{{0.1, 0.2, 0.1}, {1, 0.5, 1}, {0.1, 0.1, 0.2}, {math.NaN(), math.NaN(), math.NaN()}}}
}

func TestMethodComparison(t *testing.T) {
	c := handComparison()
	for i := range c.All {
		c.All[i].MeanBefore = 0.6905
	}
	if c.Kept(MethodAdaProxyVal) != 2 || c.Kept(MethodAdaProxy) != 0 {
		t.Errorf("kept %d, %d; want 2, 0", c.Kept(MethodAdaProxyVal), c.Kept(MethodAdaProxy))
	}
	df := c.Frame()
	if df.Nrow() != 4 || df.Col("method").Elem(1).String() != "adaproxy-val" || math.Abs(df.Col("mean_after_heldout").Elem(0).Float()-0.88) > 1e-12 {
		t.Errorf("frame %v", df)
	}
	for _, p := range []struct {
		v    float64
		want string
	}{{0.869, "lies within our seeds' range"}, {0.95, "lies above every one of our seeds"}, {0.6, "lies below every one of our seeds"}} {
		if got := PublishedPosition(p.v, c.All[1]); got != p.want {
			t.Errorf("PublishedPosition(%g) = %q", p.v, got)
		}
	}
	// Held-out: adaproxy (0.87, 0.88, 0.89) minus adaproxy-val (0.69, 0.79, 0.86) = (0.18, 0.09, 0.03): mean 0.1, sd 0.0755,
	// t-interval 0.1 ± 4.3027*0.0755/sqrt(3) = (-0.0875, 0.2875): level.
	s, err := AnchorSentence(c, 0.6905, 0.869)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(s, "Published (OneProxy's example, one draw of cells): SRCC 0.6905 before, 0.869 after. Here: 0.6905 before. OneProxy's procedure (adaproxy-val) gives a mean 0.790 over 3 seeds (range 0.700–0.870; 0.780 on held-out cells), so the published 0.869 lies within our seeds' range. On 2 of the 3 seeds") ||
		!strings.Contains(s, "level with adaproxy-val's by a paired difference of") {
		t.Errorf("anchor %q", s)
	}
	c.Methods = c.Methods[:2]
	if _, err := AnchorSentence(c, 0.6905, 0.869); err == nil {
		t.Error("a comparison without adaproxy-cv accepted")
	}
}

func handFineTune() FineTuneStudy {
	row := func(ada, val, cv, ft SeedSummary) []SeedSummary { return []SeedSummary{ada, val, cv, ft} }
	return FineTuneStudy{Pairs: []string{"v → g", "a → b"}, Seeds: []int{3, 3}, Before: []float64{0.69, 0.3},
		Methods: []Method{MethodAdaProxy, MethodAdaProxyVal, MethodAdaProxyCV, MethodFineTune}, Seconds: 12.3, Layers: 2, Hidden: 64, PretrainSteps: 2000, NTrain: 60, NVal: 10,
		After: [][]SeedSummary{
			// The MLP (0.9, 0.91, 0.92) against (0.8, 0.81, 0.82): +0.1 each, above; against (0.89, 0.92, 0.9): +0.01, -0.01, +0.02, level.
			row(summary(0.8, 0.81, 0.82), summary(0.8, 0.81, 0.82), summary(0.89, 0.92, 0.9), summary(0.9, 0.91, 0.92)),
			row(summary(0.7, 0.71, 0.72), summary(0.7, 0.71, 0.72), summary(0.7, 0.71, 0.72), summary(0.5, 0.51, 0.52)),
		}}
}

func TestFineTuneStudyWords(t *testing.T) {
	s := handFineTune()
	if got := s.Position(0); got != "above 2 and level with 1 of the three AdaProxy variants" {
		t.Errorf("Position(0) = %q", got)
	}
	if got := s.Position(1); got != "below all three AdaProxy variants" || s.BelowAll() != 1 {
		t.Errorf("Position(1) = %q, BelowAll %d", got, s.BelowAll())
	}
	want := "The fine-tuned MLP reaches 0.910 on the anchor pair (`v → g`), above 2 and level with 1 of the three AdaProxy variants by paired 95 % intervals over seeds (adaproxy 0.810, adaproxy-val 0.810, adaproxy-cv 0.903). On the 1 least monotone pairs it reaches 0.510–0.510 and is below all three AdaProxy variants on 1 of them. The comparison took 12.3 s for 6 pair-seeds (2 proxies pre-trained, the AdaProxy runs included), so the full grid of every pair is left to the command line: `cmd`."
	if got := s.Sentence("cmd"); got != want {
		t.Errorf("got  %q\nwant %q", got, want)
	}
	if df := s.Frame(); df.Nrow() != 2 || math.Abs(df.Col("finetune").Elem(0).Float()-0.91) > 1e-12 || df.Ncol() != 11 {
		t.Errorf("frame %v", df)
	}
	s.After[1][3] = summary(0.9, 0.91, 0.92)
	if got := s.Position(1); got != "above all three AdaProxy variants" {
		t.Errorf("above all: %q", got)
	}
}

// Two targets, three seeds. adapted: t1 (0.9, 0.92, 0.94), t2 (0.96, 0.94, 0.98): per-seed
// means 0.93, 0.93, 0.96, mean 0.94, sd 0.017321, t-interval 0.94 ± 4.302653*0.01 =
// (0.89697, 0.98303); minus HELP's 0.932: (-0.03503, 0.05103), level.
func TestFewShotResultByHand(t *testing.T) {
	r := FewShotResult{Targets: []string{"t1", "t2"}, Candidates: 5, Shots: 10, Seeds: 3, TopK: 2,
		Variants: []string{"best_sampled_proxy", "adapted", "ensemble_top2", "oracle_proxy"},
		SRCC: [][][]float64{
			{{0.8, 0.8, 0.8}, {0.9, 0.9, 0.9}},
			{{0.9, 0.92, 0.94}, {0.96, 0.94, 0.98}},
			{{0.85, 0.85, 0.85}, {0.95, 0.95, 0.95}},
			{{0.97, 0.97, 0.97}, {0.99, 0.99, 0.99}},
		}}
	sm := r.SeedMeans("adapted")
	if math.Abs(sm[0]-0.93) > 1e-12 || math.Abs(sm[2]-0.96) > 1e-12 || math.Abs(r.Mean("adapted")-0.94) > 1e-12 {
		t.Errorf("seed means %v", sm)
	}
	iv, err := r.VersusPublished("adapted", HELPSRCC)
	if err != nil || math.Abs(iv.Estimate-0.008) > 1e-12 || math.Abs(iv.Lo+0.035026) > 1e-5 || math.Abs(iv.Hi-0.051026) > 1e-5 {
		t.Errorf("versus HELP %+v, %v", iv, err)
	}
	s, err := r.Sentence()
	if err != nil || !strings.HasPrefix(s, "Mean over the 2 devices: best sampled proxy 0.850, adapted 0.940, top-2 ensemble 0.900 (oracle proxy 0.980). HELP reports 0.932 for its meta-learned predictor (FLOPs alone: 0.787); adapting the best-ranked proxy is level with it") {
		t.Errorf("sentence %q, %v", s, err)
	}
	df := r.Frame()
	if df.Nrow() != 3 || math.Abs(df.Col("adapted").Elem(2).Float()-0.94) > 1e-12 || !math.IsNaN(df.Col("adapted_sd").Elem(2).Float()) || math.Abs(df.Col("adapted_sd").Elem(0).Float()-0.02) > 1e-12 {
		t.Errorf("frame %v", df)
	}
	r.SRCC[1] = [][]float64{{0.95, 0.96, 0.97}, {0.97, 0.96, 0.98}}
	if s, _ := r.Sentence(); !strings.Contains(s, "adapting the best-ranked proxy exceeds it") {
		t.Errorf("exceeds %q", s)
	}
	r.SRCC[1] = [][]float64{{0.85, 0.86, 0.87}, {0.87, 0.86, 0.88}}
	if s, _ := r.Sentence(); !strings.Contains(s, "falls short of it") {
		t.Errorf("short %q", s)
	}
}

func TestCurvesParagraph(t *testing.T) {
	f := CurveFacts{Pair: "p → q", Before: 0.5, At10: []MethodMean{{MethodAdaProxy, 0.6}}, Spread70: 0.1, AboveTargetOnly: []int{10}, ValLowest: 1, SmallSizes: 3}
	got := CurvesParagraph([]CurveFacts{f, f}, 10, 70)
	if !strings.HasPrefix(got, "Held-out SRCC, mean over seeds (with 10 cells, best first):\n\n- `p → q` (unadapted 0.500)") ||
		!strings.HasSuffix(got, "OneProxy's validation rule (adaproxy-val) has the lowest mean of the methods at 2 of the 6 (pair, ≤ 30 cells) points.") {
		t.Errorf("paragraph %q", got)
	}
}
