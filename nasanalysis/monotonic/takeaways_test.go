package monotonic

import (
	"strings"
	"testing"

	"github.com/nasanalysis/nasanalysis/nasanalysis/stats"
)

func handFindings() StudyFindings {
	fs := handGridFacts()
	// Per-seed means: adaproxy 0.85/0.86/0.84 against the proxy's 0.7/0.71/0.69: +0.15 each
	// seed... made slightly uneven so that the paired interval has a width.
	fs[0].SeedMeans = []float64{0.7, 0.71, 0.69}
	fs[1].SeedMeans = []float64{0.85, 0.87, 0.84}
	return StudyFindings{
		Threshold: 0.9,
		Agreement: CISummary{Pairs: 153, AtLeast: 25},
		Proxies: []ProxyScore{{Proxy: "eagle_gtx", Worst: stats.Interval{Estimate: 0.4}, WorstTarget: "rice_pixel3", VsBestWorst: stats.Interval{Estimate: 0.1, Lo: 0.05, Hi: 0.15}},
			{Proxy: "true_vpu", Worst: stats.Interval{Estimate: 0.3}, WorstTarget: "eagle_tpu", VsBestWorst: stats.Interval{Estimate: 0.1, Lo: 0.05, Hi: 0.15}}},
		Batch: BatchRange{Dataset: "ofa-mbv3-gpu", Low: BatchPair{Hardware: "NVIDIA V100", BatchA: 1, BatchB: 64, Spearman: 0.7}},
		Reuse: ReuseSummary{HVRatio: 0.98, HVBelow: 0.97, Loss: []float64{0.5, 1.2}, Recovered: 0.4},
		Grids: fs,
		Curves: []CurveFacts{
			{At10: []MethodMean{{MethodTargetOnly, 0.6}, {MethodAdaProxy, 0.5}}, LeadClear: true, ValLowest: 2, SmallSizes: 3},
			{Before: 0.69, At10: []MethodMean{{MethodAdaProxy, 0.8}, {MethodTargetOnly, 0.7}}, ValLowest: 1, SmallSizes: 3, AboveTargetOnly: []int{10, 20}, LevelTargetOnly: []int{30}, BelowTargetOnly: []int{200}},
		},
		Anchor:     handComparison(),
		AnchorSeen: 0.869,
		FineTune:   handFineTune(),
		FewShot: FewShotResult{Targets: []string{"t1", "t2"}, Shots: 10, Seeds: 3, Variants: []string{"best_sampled_proxy", "adapted", "ensemble_top2", "oracle_proxy"},
			SRCC: [][][]float64{nil, {{0.9, 0.92, 0.94}, {0.96, 0.94, 0.98}}, nil, nil}},
	}
}

func TestTakeaways(t *testing.T) {
	b, err := handFindings().Takeaways()
	if err != nil {
		t.Fatal(err)
	}
	if len(b) != 6 {
		t.Fatalf("%d points, want 6: %q", len(b), b)
	}
	for k, want := range []string{
		"**\"One proxy device is enough.\"** Partly. On `nb201` 25 of 153 device pairs reach the paper's SRCC ≥ 0.900 as they are (section 1), and the best single proxy by worst case, `eagle_gtx`, falls to 0.400 on `rice_pixel3` (section 2). But even for imperfect pairs the cost is small: reusing a proxy's Pareto set keeps a median 0.980",
		"**Batch size matters.** The same GPU at batch 1 and at batch 64 ranks architectures with SRCC as low as 0.700 (NVIDIA V100 on `ofa-mbv3-gpu`, section 3)",
		"**Proxy adaptation works, but the baseline matters.** Scored on held-out cells, adaptation with λ by GCV lifts the mean pair from SRCC 0.700 to 0.850",
		"**With few target cells** (section 6), target-only has the highest mean at the fewest cells on 1 of the 2 pairs studied (1 of them clearly, by a paired interval over seeds), and OneProxy's validation rule has the lowest mean of the four methods at 3 of the 6 (pair, ≤ 30 cells) points. On the anchor pair, whose proxy is moderately good (SRCC 0.690), the best AdaProxy variant is above target-only at 2, level with target-only at 1 and below target-only at 1 of the 4 sizes.",
		"**A learned predictor is not a free win.** The GoMLX MLP",
		"**Few-shot.** With 10 target cells, choosing among several proxies and adapting the best one reaches a mean SRCC of 0.940 on HELP's 2 test devices, level with the 0.932 reported for HELP's meta-learned predictor (section 8; difference over seeds 0.0080, 95 % interval -0.0350 to 0.0510)",
	} {
		if !strings.HasPrefix(b[k], want) {
			t.Errorf("point %d:\n got  %q\n want %q...", k+1, b[k], want)
		}
	}
	if !strings.Contains(b[2], "target-only) reaches 90 pairs, more than OneProxy's own λ rule (adaproxy-val: 80 pairs") || !strings.Contains(b[2], "contains the published 0.869") {
		t.Errorf("adaptation point %q", b[2])
	}
	f := handFindings()
	f.Agreement.AtLeast = 150
	f.Reuse.HVBelow = 0.9
	f.Batch.Low.Spearman = 0.95
	f.Grids[1].SeedMeans = []float64{0.71, 0.715, 0.69}
	f.Grids[1].Mean = 0.705
	f.AnchorSeen = 0.95
	b, err = f.Takeaways()
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(b[0], "Yes, on these data.") || !strings.Contains(b[0], "(section 2). And reusing") || !strings.HasPrefix(b[1], "**Batch size.** Every GPU ranks architectures alike at all its batch sizes (lowest SRCC 0.950") ||
		!strings.HasPrefix(b[2], "**Proxy adaptation gains little.**") && !strings.HasPrefix(b[2], "**Proxy adaptation does not help here.**") || !strings.Contains(b[2], "the published anchor figure 0.950 lies above every one of our seeds") {
		t.Errorf("other branches %q", b[:3])
	}
	f.Proxies[1].VsBestWorst = stats.Interval{Estimate: 0.1, Lo: -0.05, Hi: 0.25}
	if b, _ := f.Takeaways(); !strings.Contains(b[0], "and by worst case `eagle_gtx` and `true_vpu` are tied for the best proxy, their intervals not separating them, and fall to 0.400 on `rice_pixel3` and 0.300 on `eagle_tpu` (section 2).") {
		t.Errorf("tied proxies: %q", b[0])
	}
	f.Grids = f.Grids[:2]
	if _, err := f.Takeaways(); err == nil {
		t.Error("takeaways without the target-only grid accepted")
	}
}
