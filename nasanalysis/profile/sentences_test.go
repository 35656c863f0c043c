package profile

import (
	"math"
	"strings"
	"testing"

	"github.com/nasanalysis/nasanalysis/nasanalysis/arch"
	"github.com/nasanalysis/nasanalysis/nasanalysis/stats"
)

// contains fails the test unless s holds every one of parts.
func contains(t *testing.T, what, s string, parts ...string) {
	t.Helper()
	for _, p := range parts {
		if !strings.Contains(s, p) {
			t.Errorf("%s: %q lacks %q", what, s, p)
		}
	}
}

// lacks fails the test if s holds any of parts.
func lacks(t *testing.T, what, s string, parts ...string) {
	t.Helper()
	for _, p := range parts {
		if strings.Contains(s, p) {
			t.Errorf("%s: %q holds %q", what, s, p)
		}
	}
}

func bm(k int, e float64, mean, se float64) BlockMean {
	return BlockMean{Block: arch.Block{Kernel: k, Expand: e}, Mean: mean, SE: se, N: 100}
}

// A difference rises, falls or stays flat by its 95 % normal interval: 0.2 ± 0.05 is
// beyond noise (0.2 > 1.96 x 0.05 = 0.098), 0.05 ± 0.05 is not, -0.2 ± 0.05 falls.
func TestEffectPhraseDirections(t *testing.T) {
	for _, c := range []struct {
		expand, kernel Difference
		want           []string
	}{
		{Difference{"e6 − e3", 0.2, 0.05}, Difference{"k7 − k3", -0.2, 0.05}, []string{"`m` rises with the expand ratio (e6 − e3: 0.200 ± 0.0500 ms)", "falls with the kernel size (k7 − k3: -0.200 ± 0.0500 ms)"}},
		{Difference{"e6 − e3", 0.05, 0.05}, Difference{"k7 − k3", math.NaN(), math.NaN()}, []string{"`m` does not change beyond noise with the expand ratio"}},
	} {
		got := EffectPhrase(Effect{Metric: "m", Unit: "ms", Expand: c.expand, Kernel: c.kernel})
		contains(t, "effect", got, c.want...)
		if math.IsNaN(c.kernel.Estimate) {
			lacks(t, "effect without kernel", got, "kernel")
		}
	}
	// A percentage's differences are in points.
	contains(t, "acc", EffectPhrase(Effect{Metric: "acc", Unit: "%", Expand: Difference{"e6 − e3", 0.3, 0.01}, Kernel: Difference{"k7 − k3", 0.1, 0.01}}), "0.300 ± 0.0100 points")
}

func TestSpanAndReadingSentences(t *testing.T) {
	e := Effect{Metric: "flops", Unit: "M", Low: bm(3, 3, 790, 1), High: bm(7, 6, 824, 1), RelSpan: 4.2}
	contains(t, "span", SpanPhrase(e), "790–824 M (lowest k3e3, highest k7e6)")
	contains(t, "spans", SpansSentence([]Effect{e, e}), "`flops`: 790–824 M", "; `flops`:")
	contains(t, "reading", ReadingSentence([]Effect{e, {Metric: "acc", RelSpan: 0.2}}), "4.20 % for `flops` and 0.200 % for `acc`")
}

// Likeness words follow the correlation (0.9 and 0.5 thresholds) and the order.
func TestRankingSentence(t *testing.T) {
	one := Ranking{Reference: "note10_r160", Blocks: 9, Others: []RankedLike{{Metric: "predicted", SRCC: 0.95, SameOrder: false}}}
	contains(t, "one much like", RankingSentence(one), "`predicted` ranks the 9 blocks much like `note10_r160` (Spearman correlation over the blocks 0.950), though not in exactly the same order")
	one.Others[0].SRCC, one.Others[0].SameOrder = 0.6, true
	contains(t, "one partly like", RankingSentence(one), "partly like", "all in the same order")
	one.Others[0].SRCC = 0.2
	contains(t, "one unlike", RankingSentence(one), "unlike")
	same := Ranking{Reference: "r224", Blocks: 9, Others: []RankedLike{{"r160", 1, true}, {"r192", 1, true}}}
	contains(t, "same", RankingSentence(same), "The block ranking is the same for every metric: all 9 blocks in the same order as under `r224`")
	diff := Ranking{Reference: "r224", Blocks: 9, Others: []RankedLike{{"r160", 0.93, false}, {"r192", 0.98, true}}}
	contains(t, "differ", RankingSentence(diff), "much like the one under `r224` (Spearman correlation at least 0.930, lowest for `r160`)", "not the same under every metric")
}

// paperResult builds a PaperComparison by hand around the Note10 panel, our means equal
// to the paper's plus offset with standard errors se.
func paperComparison(offset, se float64) PaperComparison {
	ours := publishedBlocks(PaperNote10R224)
	for i := range ours {
		ours[i].Mean += offset
		ours[i].SE = se
	}
	eff := func(bs []BlockMean) Effect { e, _ := EffectOf("note10_r224", "ms", bs); return e }
	paper := eff(publishedBlocks(PaperNote10R224))
	ourEff := eff(ours)
	pm := PaperMetric{Label: "Note10", Ours: ourEff, Paper: paper}
	k7 := []BlockMean{ours[6], ours[7], ours[8]}
	c := PaperComparison{Sample: Sample{Space: arch.Space{Family: arch.OFAMBv3, Resolutions: []int{224}}}, Accuracy: pm, FLOPs: pm, Note10: pm, GPU1: pm, GPU64: ourEff,
		Note10K7: k7, PaperNote10K7: []BlockMean{publishedBlocks(PaperNote10R224)[6], publishedBlocks(PaperNote10R224)[7], publishedBlocks(PaperNote10R224)[8]}}
	for i := 1; i < 3; i++ {
		c.Note10K7Steps = append(c.Note10K7Steps, Difference{Estimate: k7[i].Mean - k7[i-1].Mean, SE: math.Hypot(k7[i].SE, k7[i-1].SE)})
	}
	c.Note10ExpandOverKernel = Difference{Label: "x", Estimate: ourEff.Expand.Estimate - ourEff.Kernel.Estimate, SE: math.Hypot(ourEff.Expand.SE, ourEff.Kernel.SE)}
	return c
}

// The published Note10 panel by hand: the expand ratio's difference (e6 - e3 over the
// three kernels) is ((42.12-41.14) + (42.66-41.41) + (43.41-41.81)) / 3 = 1.2767 ms, the
// kernel's (k7 - k3 over the three expand ratios) ((41.81-41.14) + (42.31-41.46) +
// (43.41-42.12)) / 3 = 0.9367 ms; kernel 7 rises 41.81 < 42.31 < 43.41.
func TestPaperSentence(t *testing.T) {
	// Our means a constant 1 ms above the paper's, each to ±0.01 ms: 42.14-44.41 overlaps
	// the paper's 41.14-43.41, the kernel-7 order holds beyond noise (steps of 0.5 and
	// 1.1 ms, ±0.014), and so does the expand ratio's extra charge (0.34 ± 0.012 ms).
	c := paperComparison(1, 0.01)
	got := PaperSentence(c)
	contains(t, "paper", got, "overlapping the paper's range (41.1–43.4 ms)", "the paper's order e6k7 > e4k7 > e3k7 holds, each step beyond noise",
		"more for the expand ratio than for the kernel size, as the paper's figure does", "e6 − e3 1.28 ms against k7 − k3 0.937 ms", "ms above it")
	// Far above: above the whole range.
	contains(t, "above", PaperSentence(paperComparison(5, 0.01)), "above the paper's whole range", "Predicted accuracy rises with the expand ratio (e6 − e3: 1.28 ± 0.00816 ms; the paper's figure: 1.28 points)")
	contains(t, "below", PaperSentence(paperComparison(-5, 0.01)), "below the paper's whole range")
	contains(t, "within", PaperSentence(paperComparison(0, 0.01)), "within the paper's range")
	// Standard errors of 1 ms: no step and no charge difference is beyond noise.
	noisy := PaperSentence(paperComparison(0, 1))
	contains(t, "noisy", noisy, "holds, though not every step beyond noise", "about as much for the expand ratio as for the kernel size (no difference beyond noise)")
	// Kernel dearer than the expand ratio, beyond noise: unlike the paper.
	c = paperComparison(0, 0.01)
	c.Note10ExpandOverKernel = Difference{Label: "x", Estimate: -0.5, SE: 0.01}
	contains(t, "kernel dearer", PaperSentence(c), "more for the kernel size than for the expand ratio, unlike the paper's figure")
	// The order reversed at one step.
	c.Note10K7Steps[0].Estimate = -0.3
	contains(t, "order", PaperSentence(c), "the paper's order e6k7 > e4k7 > e3k7 does not hold")
	// Flat: Cochran's p at or above 0.05 keeps "flat within noise"; below it does not.
	c.GPU1.Ours.P = 0.2
	contains(t, "flat", PaperSentence(c), "flat within noise, as in the paper (Cochran's Q test that all 9 block means are equal: p = 0.200)")
	c.GPU1.Ours.P = 1e-6
	contains(t, "not flat", PaperSentence(c), "not flat within noise (Cochran's Q test that all 9 block means are equal: p < 0.0001)")
}

func tested(stage, layer int, spread, lo, hi, p float64) TestedPosition {
	return TestedPosition{Position: Position{Stage: stage, Layer: layer, Spread: stats.Interval{Estimate: spread, Lo: lo, Hi: hi, Level: 0.95},
		Low: arch.Block{Kernel: 3, Expand: 3}, High: arch.Block{Kernel: 7, Expand: 6}}, Test: stats.PermutationResult{Observed: spread, P: p, Shuffles: 999}}
}

// p = 0.05 exactly is not below 0.05: only strictly smaller p-values count.
func TestPlacementSentences(t *testing.T) {
	pt := PlacementTest{Sample: Sample{Space: arch.Space{Family: arch.OFAMBv3}, N: 50, Blocks: make([]string, 9)}, Metric: "note10_r224", Unit: "ms", Bootstrap: 1000,
		Positions: []TestedPosition{tested(0, 0, 2.5, 2.0, 3.0, 0.001), tested(0, 1, 0.5, 0.6, 1.1, 0.05), tested(1, 0, 1.0, 0.5, 1.5, 0.0499)}}
	got := PlacementSentence(pt)
	contains(t, "placement", got, "**note10_r224**: most sensitive s0l0 (spread 2.50 (2.00–3.00) ms", "k3e3 lowest, k7e6 highest", "least s0l1 (0.50 (0.60–1.10) ms)",
		"beyond noise (permutation test, p < 0.05) at 2 of 3 positions", "noise alone would pass about 0.150")
	contains(t, "bias", BootstrapBiasSentence([]PlacementTest{pt, pt}), "At 2 of these 6 position-metric pairs")
	pt.Positions = pt.Positions[:1]
	if s := BootstrapBiasSentence([]PlacementTest{pt}); s != "" {
		t.Errorf("no interval above its estimate, yet %q", s)
	}
	contains(t, "caption", PlacementTableCaption(pt), "note10_r224 spread (ms)", "9 block means, each over 50 networks", "999 shuffles", "(999 + 1)")
}

func TestDeepeningSentence(t *testing.T) {
	ps := []Position{{Stage: 0, Layer: 0}, {Stage: 0, Layer: 1}, {Stage: 0, Layer: 2}, {Stage: 0, Layer: 3}}
	c := DeepeningComparison{PresentByLayer: []float64{1, 1, 0.667, 0.333}, Metrics: []RuleSpreads{
		{Metric: "acc", Unit: "%", Positions: ps, Included: []float64{1, 2, 4, 4}, Released: []float64{1, 2, 2, 2},
			IncludedBeyond: []bool{true, true, true, true}, ReleasedBeyond: []bool{true, true, false, true}},
		{Metric: "flops", Unit: "M", Positions: ps, Included: []float64{1, 2, 4, 4}, Released: []float64{2, 2, 5, 5},
			IncludedBeyond: []bool{false, false, false, false}, ReleasedBeyond: []bool{false, false, false, false}},
	}}
	got := DeepeningSentence(c)
	contains(t, "deepening", got, "100 % of the networks at layer 0, 100 % of the networks at layer 1, 66.7 % of the networks at layer 2 and 33.3 % of the networks at layer 3",
		"for `acc` the released rule lowers it by 50 %, from 4 to 2 % (spread beyond noise at 1 of 2 positions, against 2 with the block included)",
		"for `flops` the released rule raises it by 25 %, from 4 to 5 M", "At layers 0–1, mean spread: for `flops` the released rule raises it by 33.3 %, from 1.50 to 2 M.")
	lacks(t, "deepening", got, "for `acc` the released rule leaves")
	c.Metrics = c.Metrics[:1]
	contains(t, "identical", DeepeningSentence(c), "every metric's spreads are identical")
	c.Metrics[0].Released = c.Metrics[0].Included
	contains(t, "same", DeepeningSentence(c), "leaves it at 4 %")
}

func score(k int, e, acc, cost float64, dominatedBy ...arch.Block) BlockScore {
	return BlockScore{Block: arch.Block{Kernel: k, Expand: e}, AccShift: acc, CostShift: cost, DominatedBy: dominatedBy}
}

func TestReductionSentences(t *testing.T) {
	k7e3, k3e3 := arch.Block{Kernel: 7, Expand: 3}, arch.Block{Kernel: 3, Expand: 3}
	red := Reduction{Sample: Sample{Space: arch.Space{Family: arch.OFAMBv3}, N: 50, Positions: 20, Seed: 2021}, Accuracy: "acc", Device: "note10_r224", AccUnit: "%", DeviceUnit: "ms", PerBlock: 1000,
		Scores: []BlockScore{score(7, 3, 0, 1, k3e3), score(7, 4, 0, 1, k3e3), score(3, 3, 0, 0)}, PaperDevice: "Note10", PaperDrop: []string{"k7e3", "k3e4"}}
	contains(t, "reduction", ReductionSentence(red), "**note10_r224** drops 2 of 3 blocks: `--space ofa-mbv3 --drop k7e3,k7e4`.",
		"Against the paper's Note10 reduction (k7e3, k3e4): dropped by both k7e3; only here k7e4; only in the paper k3e4.",
		"The released bp-note10 space also caps the stage depths at 3,4,4,4,4, which a profile of blocks cannot find")
	keep := red
	keep.Scores, keep.PaperDevice = []BlockScore{score(3, 3, 0, 0)}, ""
	if got := ReductionSentence(keep); got != "**note10_r224** keeps every block." {
		t.Errorf("keeps: %q", got)
	}
	contains(t, "noise rule", NoiseRuleSentence(red), "pooled over the 1,000 networks that fix it at any of the 20 positions (50 per fix, seed 2021)", "within 1.96 combined standard errors")
	flops := red
	flops.Device, flops.DeviceUnit = "flops", "M"
	contains(t, "caption", FriendlinessCaption(flops), "flops: each block's acc shift (points) and flops shift (% of the baseline mean)", "pp_per_pct")
	other := red
	other.Device, other.Scores = "gpu_2080ti_1", []BlockScore{score(3, 3, 0, 0, k7e3)}
	third := other
	third.Device = "flops"
	contains(t, "shared", SharedReductionSentence([]Reduction{red, other, third}), "The same reduced space for `gpu_2080ti_1` and `flops`; `note10_r224` reduces it its own way.")
	contains(t, "shared none", SharedReductionSentence([]Reduction{red, other}), "No two of the 2 sources reduce the space alike.")
}

func TestAgreementPhrase(t *testing.T) {
	for _, c := range []struct {
		lo, hi float64
		want   string
	}{{0.85, 0.95, "a close agreement"}, {0.6, 0.9, "a clear but loose agreement"}, {0.1, 0.5, "a weak agreement, though beyond noise"},
		{-0.1, 0.4, "no agreement distinguishable from noise"}, {-0.6, -0.2, "a disagreement beyond noise"}} {
		if got := AgreementPhrase(stats.Interval{Estimate: (c.lo + c.hi) / 2, Lo: c.lo, Hi: c.hi, Level: 0.95}); !strings.Contains(got, c.want) {
			t.Errorf("[%v, %v]: %q, want %q", c.lo, c.hi, got, c.want)
		}
	}
}

// The deep-minus-shallow offset is claimed only when its interval excludes 0.
func TestTruthSentences(t *testing.T) {
	tc := TruthComparison{Sample: Sample{N: 10, Seed: 2021}, Metric: "measured", Shift: []float64{1, 2}, Measured: []float64{1, 2}, Bootstrap: 1000,
		SRCC: stats.Interval{Estimate: 0.7, Lo: 0.55, Hi: 0.8},
		Positions: []TruthPosition{
			{Layer: 0, SRCC: 0.5, InferredSpread: 2, MeasuredSpread: 1},
			{Layer: 1, SRCC: 0.9, InferredSpread: 1, MeasuredSpread: 2},
			{Layer: 2, SRCC: 0.7, InferredSpread: 3, MeasuredSpread: 1}},
		OffsetByLayer: []float64{-0.5, 0.25, 1}, MedianShiftWidth: 2.2, MedianMeasuredSpread: 0.8}
	for _, c := range []struct {
		d    stats.Interval
		want string
	}{
		{stats.Interval{Estimate: 1.2, Lo: 0.2, Hi: 2.2}, "higher at layers 2–3 than at layers 0–1 (difference 1.20 ms, 95 % interval 0.20–2.20), as expected"},
		{stats.Interval{Estimate: 0.015, Lo: -1.1, Hi: 1.13}, "no different at layers 2–3 from layers 0–1 within noise (difference 0.0150 ms, 95 % interval -1.10 to 1.13, which contains 0), although"},
		{stats.Interval{Estimate: -1.2, Lo: -2.2, Hi: -0.2}, "lower at layers 2–3 than at layers 0–1"},
	} {
		tc.DeepMinusShallow = c.d
		got := TruthSentence(tc)
		contains(t, "truth", got, c.want, "median of 0.700 (from 0.500 to 0.900 over the 3 positions)", "at 2 of them (median ratio 2)", "-0.500 ms at layer 0, 0.250 ms at layer 1 and 1 ms at layer 2")
		if c.d.Sign() != 1 {
			lacks(t, "truth", got, "as expected")
		}
	}
	contains(t, "correlation", CorrelationSentence(tc), "Over all 2 fixes", "`measured`", "0.700 (0.550–0.800)", "1,000 resamples", "a clear but loose agreement")
	contains(t, "coarse", ResolutionSentence(tc), "With 10 networks per fix", "median width of 2.20 ms, wider than the median spread of 0.800 ms", "coarse check")
	tc.MedianShiftWidth = 0.1
	contains(t, "fine", ResolutionSentence(tc), "narrower than", "can tell a position's blocks apart")
	contains(t, "table caption", TruthTableCaption(tc), "`measured`, 10 networks per fix, seed 2021")
}

func TestSampleSentences(t *testing.T) {
	s := Sample{Space: arch.Space{Family: arch.ProxylessNAS, Width: 1, Resolutions: []int{224}, Drop: pnDrop}, N: 50, Groups: 141, Fixes: 140, Positions: 20, Blocks: []string{"k3e3", "k3e6"}, Seed: 2021}
	if got, want := s.Setting(), "224 px, width 1.0, without k3e4, k5e4 and k7e4"; got != want {
		t.Errorf("setting %q, want %q", got, want)
	}
	if got, want := s.String(), "50 random proxylessnas networks per fix (140 fixes and a baseline: 7,050 networks), 224 px, width 1.0, without k3e4, k5e4 and k7e4, seed 2021"; got != want {
		t.Errorf("string %q, want %q", got, want)
	}
	if got, want := s.FixesSentence(), "2 blocks (k3e3, k3e6) x 20 positions = 140 fixes."; got != want {
		t.Errorf("fixes %q, want %q", got, want)
	}
	dataset, n, unit, note := s.DataLine("small", "priced by FLOPs")
	if n != 7050 || dataset != "random proxylessnas networks" || unit != "networks" || !strings.HasSuffix(note, "seed 2021, study size small; priced by FLOPs") {
		t.Errorf("data line %s, %d %s, %q", dataset, n, unit, note)
	}
	contains(t, "released", Sample{Space: arch.Space{Family: arch.OFAMBv3, MaxDepth: []int{3, 4, 4, 4, 4}}, Released: true}.Setting(), "resolution sampled, stage depths at most 3,4,4,4,4, stages deepened by BlockProfile's released rule")
	contains(t, "present caption", PresentCaption(Sample{N: 50, Blocks: make([]string, 9), Seed: 1}), "50 x 9 networks", "seed 1")
}
