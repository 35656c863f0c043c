package profile

import (
	"fmt"
	"math"
	"slices"
	"strings"
	"testing"

	"github.com/go-gota/gota/dataframe"

	"github.com/nasanalysis/nasanalysis/nasanalysis/arch"
	"github.com/nasanalysis/nasanalysis/nasanalysis/metric"
	"github.com/nasanalysis/nasanalysis/nasanalysis/stats"
)

// paperPanelNames are the metrics of PaperPanels, in order, and their units.
var paperPanelNames, paperPanelUnits = []string{"acc", "flops_bp", "flops", "note10_r224", "gpu_2080ti_1"}, []string{"%", "M", "M", "ms", "ms"}

// paperProfile is a hand-made profile at 224 px under rule whose every block, fixed at
// s0l0 (all its networks hold it) and at s0l3 (a third of them under the released
// rule), has the values v - 0.01 and v + 0.01 for v the published mean plus add(metric,
// block) for each panel's metric: each block mean is the published one plus add.
func paperProfile(rule arch.Deepen, add func(metric int, block string) float64) *Result {
	grids := [][3][3]float64{PaperAccuracy, PaperFLOPs, PaperFLOPs, PaperNote10R224, PaperRTX2080Ti}
	var groups []handGroup
	for _, layer := range []int{0, 3} {
		for i, b := range publishedBlocks(PaperNote10R224) {
			g := handGroup{fix: arch.Fix{Stage: 0, Layer: layer, Block: b.Block}, present: 1}
			if layer == 3 && rule == arch.DeepenAsReleased {
				g.present = 1.0 / 3
			}
			for k, grid := range grids {
				v := publishedBlocks(grid)[i].Mean + add(k, b.Block.String())
				g.values = append(g.values, []float64{v - 0.01, v + 0.01})
			}
			groups = append(groups, g)
		}
	}
	base := [][]float64{{77, 78}, {800, 801}, {800, 801}, {42, 43}, {8, 8.2}}
	r := handResult(arch.OFAMBv3, paperPanelNames, paperPanelUnits, base, groups...)
	r.Space.Resolutions, r.Deepen = []int{224}, rule
	return r
}

// The released profile lies acc +3.8 (k3e3 +3.85), flops_bp -4, flops +43, note10 0,
// gpu +4.1 from the figure; the included one +3.9, +9, +55, +0.5, +4.1. So the released
// rule's acc offset is 3.8 + 0.05/9 = 3.80556 points, per block 3.8 to 3.85; each block
// mean rests on 4 values v ± 0.01 (SD √(4 × 0.01² / 3) = 0.011547, SE 0.0057735), so the
// offset's standard error is √(9 SE²) / 9 = SE / 3; flops_bp's -4 M is
// -4 / (7233 / 9) = -0.498 % of the paper's mean FLOPs.
func TestComparePaperRules(t *testing.T) {
	rel := paperProfile(arch.DeepenAsReleased, func(m int, b string) float64 {
		add := []float64{3.8, -4, 43, 0, 4.1}[m]
		if m == 0 && b == "k3e3" {
			add += 0.05
		}
		return add
	})
	inc := paperProfile(arch.DeepenToInclude, func(m int, _ string) float64 { return []float64{3.9, 9, 55, 0.5, 4.1}[m] })
	p, err := ComparePaperRules(rel, inc)
	if err != nil {
		t.Fatal(err)
	}
	near := func(what string, got, want float64) {
		t.Helper()
		if math.Abs(got-want) > 1e-6 {
			t.Errorf("%s = %v, want %v", what, got, want)
		}
	}
	acc, _ := p.Offset("acc", true)
	near("acc offset", acc.Offset.Estimate, 3.8+0.05/9)
	near("acc low", acc.Low, 3.8)
	near("acc high", acc.High, 3.85)
	near("acc SE", acc.Offset.SE, math.Sqrt(4*0.01*0.01/3)/math.Sqrt(4)/3)
	near("acc shape", acc.ShapeDeviation(), 0.05-0.05/9)
	bp, _ := p.Offset("flops_bp", true)
	near("flops_bp offset", bp.Offset.Estimate, -4)
	near("flops_bp relative", bp.Relative, -400/(7233.0/9))
	incFlops, _ := p.Offset("flops", false)
	near("included flops", incFlops.Offset.Estimate, 55)
	if _, ok := p.Offset("params", true); ok {
		t.Error("params is a panel")
	}
	near("present at layer 0", p.PresentByLayer[0], 1)
	near("present at layer 3", p.PresentByLayer[3], 1.0/3)
	if !math.IsNaN(p.PresentByLayer[1]) {
		t.Errorf("layer 1 has no fix, present %v", p.PresentByLayer[1])
	}

	got := strings.Join(PaperRulesSentences(p), " ")
	for _, want := range []string{
		"FLOPs counted BlockProfile's way (`flops_bp`) -4 M (per block -4 to -4 M; -0.498 % of the paper's mean) under the released rule, +9 M under this project's",
		"The released rule comes closer to the figure for `acc`, `flops_bp`, `flops` and `note10_r224`; the two rules lie equally far from it for `gpu_2080ti_1`.",
		"`acc` lies +3.81 points from the figure, more than the figure's own range over the blocks (0.160 %), yet every block within 0.0444 points of that offset",
		"`flops` lies +43 M", "`gpu_2080ti_1` lies +4.10 ms"} {
		if !strings.Contains(got, want) {
			t.Errorf("sentences lack %q:\n%s", want, got)
		}
	}
	if strings.Contains(got, "`flops_bp` lies") || strings.Contains(got, "`note10_r224` lies") {
		t.Errorf("an offset within the figure's range called a level:\n%s", got)
	}
	if s := DefaultRuleSentence(p); !strings.Contains(s, "part of 100 % of the networks at layer 0 and 33.3 % of the networks at layer 3 here") {
		t.Errorf("default rule: %s", s)
	}
	if s := FLOPsSourceSentence(p); !strings.Contains(s, "lies +43 M (per block +43 to +43 M; +5.35 % of the paper's mean) from it: `flops_bp` is the closer count") {
		t.Errorf("FLOPs source: %s", s)
	}

	// Errors: the rules swapped, another seed, another resolution.
	if _, err := ComparePaperRules(inc, rel); err == nil {
		t.Error("rules swapped")
	}
	other := paperProfile(arch.DeepenToInclude, func(int, string) float64 { return 0 })
	other.Seed = 2
	if _, err := ComparePaperRules(rel, other); err == nil {
		t.Error("different seeds compared")
	}
	other.Seed, other.Space.Resolutions = 1, []int{160}
	if _, err := ComparePaperRules(rel, other); err == nil {
		t.Error("a 160-px profile compared with the 224-px figure")
	}
}

// Under both rules every network holds its block: the two rules build the same networks.
func TestDefaultRuleSentenceSameNetworks(t *testing.T) {
	if s := DefaultRuleSentence(PaperRules{PresentByLayer: []float64{1, 1, math.NaN(), 1}}); !strings.Contains(s, "the two rules built the same networks") {
		t.Error(s)
	}
}

// The released rule's FLOPs count no closer than 2 x MACs: the sentence says so.
func TestFLOPsSourceSentenceNoCloser(t *testing.T) {
	p := PaperRules{Released: []PaperOffset{
		{PaperPanel: PaperPanel{Metric: "flops_bp"}, Unit: "M", Offset: Difference{Estimate: 50}},
		{PaperPanel: PaperPanel{Metric: "flops"}, Unit: "M", Offset: Difference{Estimate: 43}}}}
	if s := FLOPsSourceSentence(p); !strings.Contains(s, "`flops_bp` is no closer, so the counter does not explain the offset") {
		t.Error(s)
	}
	if s := FLOPsSourceSentence(PaperRules{}); s != "" {
		t.Errorf("no FLOPs panels: %q", s)
	}
}

// The frame prints the figure's means as the figure does and ours with the decimals
// their range needs: acc 81.2x under both rules.
func TestPaperRulesFrame(t *testing.T) {
	rel := paperProfile(arch.DeepenAsReleased, func(m int, _ string) float64 { return []float64{3.8, -4, 43, 0, 4.1}[m] })
	inc := paperProfile(arch.DeepenToInclude, func(m int, _ string) float64 { return []float64{3.9, 9, 55, 0.5, 4.1}[m] })
	p, err := ComparePaperRules(rel, inc)
	if err != nil {
		t.Fatal(err)
	}
	f := p.Frame()
	if r, c := f.Dims(); r != 9 || c != 1+4*3 {
		t.Fatalf("frame %d x %d: %v", r, c, f.Names())
	}
	cell := func(col string, row int) string { return f.Col(col).Elem(row).String() }
	// Row 0 is k3e3: the figure's 77.43 %, 790 M, 41.14 ms, 8.111 ms.
	for _, c := range []struct{ col, want string }{{"acc_paper", "77.43"}, {"acc_released", "81.23"}, {"acc_included", "81.33"},
		{"flops_bp_paper", "790"}, {"flops_bp_released", "786"}, {"note10_r224_included", "41.64"}, {"gpu_2080ti_1_released", "12.2110"}} {
		if got := cell(c.col, 0); got != c.want {
			t.Errorf("%s = %s, want %s", c.col, got, c.want)
		}
	}
	if got := PaperRulesCaption(p); !strings.Contains(got, "acc in %, flops_bp in M, note10_r224 in ms, gpu_2080ti_1 in ms") {
		t.Error(got)
	}
	if f := (PaperRules{}).Frame(); f.Nrow() != 0 {
		t.Error("an empty comparison has rows")
	}
}

// spreadDecimals: two significant digits of the range, three of the values.
func TestSpreadDecimals(t *testing.T) {
	for _, c := range []struct {
		vals []float64
		want int
	}{{[]float64{81.24, 81.41}, 2}, {[]float64{837, 889}, 0}, {[]float64{12.15, 12.25}, 2}, {[]float64{8.111, 8.112}, 4},
		{[]float64{41.3, 44.6}, 1}, {[]float64{5, 5}, 2}, {[]float64{math.NaN()}, 0}, {[]float64{0.5, math.NaN(), 0.7}, 3}} {
		if got := spreadDecimals(c.vals); got != c.want {
			t.Errorf("spreadDecimals(%v) = %d, want %d", c.vals, got, c.want)
		}
	}
}

// SpreadFrame keeps the digits that tell the blocks apart: two blocks at 81.24 and
// 81.41 %, which a three-digit column shows as 81.2 and 81.4.
func TestSpreadFrame(t *testing.T) {
	r := handResult(arch.OFAMBv3, []string{"acc"}, []string{"%"}, [][]float64{{81.3, 81.3}},
		handGroup{fix: fix(0, 0, 3, 3), values: [][]float64{{81.23, 81.25}}}, handGroup{fix: fix(0, 0, 7, 6), values: [][]float64{{81.40, 81.42}}})
	tab, err := r.ResponseTable("acc")
	if err != nil {
		t.Fatal(err)
	}
	f := tab.SpreadFrame()
	var got []string
	for i := 0; i < f.Nrow(); i++ {
		got = append(got, f.Col("acc").Elem(i).String())
	}
	if got[0] != "81.24" || got[8] != "81.41" || got[1] != "n/a" {
		t.Errorf("acc column %v", got)
	}
	if math.Abs(f.Col("acc_shift").Elem(0).Float()-(81.24-81.3)) > 1e-12 {
		t.Errorf("shift %v", f.Col("acc_shift").Elem(0))
	}
	var empty dataframe.DataFrame = (ResponseTable{}).SpreadFrame()
	if empty.Nrow() != 0 {
		t.Error("an empty table has rows")
	}
}

// PredictorLevels evaluates the same networks at each resolution: a metric that is the
// resolution / 10 gives means 16, 17.6, 19.2, 20.8, 22.4 with no spread.
func TestPredictorLevels(t *testing.T) {
	m := &metric.Metric{Name: "r10", Values: func(as []arch.Arch) ([]float64, error) {
		out := make([]float64, len(as))
		for i, a := range as {
			out[i] = float64(a.(arch.MBArch).R) / 10
		}
		return out, nil
	}}
	levels, err := PredictorLevels(m, 5, 1)
	if err != nil {
		t.Fatal(err)
	}
	for i, want := range []float64{16, 17.6, 19.2, 20.8, 22.4} {
		if l := levels[i]; math.Abs(l.Mean-want) > 1e-12 || l.SE != 0 || l.N != 5 || l.Resolution != arch.MBResolutions[i] {
			t.Errorf("level %d: %+v, want mean %v", i, l, want)
		}
	}
	if _, err := PredictorLevels(m, 1, 1); err == nil {
		t.Error("one network gave levels")
	}
}

// The accuracy source: a predictor above the figure at every resolution is not its
// source; one within noise of it at 160 px might be, and the sentences say where.
func TestAccuracySourceSentences(t *testing.T) {
	p := PaperRules{Released: []PaperOffset{{PaperPanel: PaperPanel{Metric: "acc"}, Unit: "%", PaperBlocks: []float64{77.43, 77.58, 77.42},
		Offset: Difference{Estimate: 3.8}, Low: 3.7, High: 3.9, Relative: 4.9}}}
	above := []AccuracyLevel{{160, 78.16, 0.02, 500}, {176, 79.42, 0.02, 500}, {224, 81.23, 0.02, 500}}
	got := strings.Join(AccuracySourceSentences(above, p), " ")
	for _, want := range []string{"the same 500 random networks at 78.2 % at 160 px, 79.4 % at 176 px and 81.2 % at 224 px: above the figure's 77.4–77.6 % at every resolution",
		"it lies +3.80 points (per block +3.70 to +3.90 points", "are not this predictor's output", "main.py:66"} {
		if !strings.Contains(got, want) {
			t.Errorf("lacks %q:\n%s", want, got)
		}
	}
	within := []AccuracyLevel{{160, 77.6, 0.05, 500}, {224, 81.23, 0.02, 500}}
	got = strings.Join(AccuracySourceSentences(within, p), " ")
	if !strings.Contains(got, "within noise of the figure's 77.4–77.6 % at 160 px") || strings.Contains(got, "not this predictor's output") {
		t.Errorf("within noise at 160 px:\n%s", got)
	}
	if AccuracySourceSentences(nil, p) != nil || AccuracySourceSentences(above, PaperRules{}) != nil {
		t.Error("sentences without levels or without an accuracy panel")
	}
}

// placementByHand is a Note10 placement test over 5 stages x 4 layers whose spread at
// stage s, layer l is 1 + s + l/10 ms, beyond noise (p = 0.001) where l = 3 or s = 4.
func placementByHand() PlacementTest {
	pt := PlacementTest{Metric: "note10_r224", Unit: "ms"}
	for s := 0; s < 5; s++ {
		for l := 0; l < 4; l++ {
			v, p := 1+float64(s)+float64(l)/10, 0.4
			if l == 3 || s == 4 {
				p = 0.001
			}
			pt.Positions = append(pt.Positions, TestedPosition{Position: Position{Stage: s, Layer: l, Spread: stats.Interval{Estimate: v, Lo: v - 0.5, Hi: v + 0.5}},
				Test: stats.PermutationResult{P: p, Shuffles: 999}})
		}
	}
	return pt
}

// bp-note10 caps stage 0 at 3: it removes s0l3, whose spread 1.3 ms is beyond noise and
// 17th of the 20 by spread (the 16 positions of stages 1-4 are 2 ms and above, and
// s0l3 tops stage 0); the block choice matters beyond noise at 4 + 4 = 8 positions (layer
// 3 of every stage and stage 4's four, s4l3 counted once). bp-gpu caps stages 1, 3 and
// 4 at 3; bp-npu caps none.
func TestReleasedCapSentence(t *testing.T) {
	pt := placementByHand()
	note10, _ := arch.Released(arch.OFAMBv3, "bp-note10")
	got := ReleasedCapSentence(pt, note10)
	for _, want := range []string{"`bp-note10`, BlockProfile's released space for the Samsung Note10", "caps stage 0 at depth 3, removing s0l3",
		"at s0l3 the spread of the `note10_r224` block means is 1.30 (0.80–1.80) ms, beyond noise (permutation test, p = 0.00100), 17th of 20 positions by spread",
		"matters beyond noise at 8 of 20 positions; the caps remove 1 of them."} {
		if !strings.Contains(got, want) {
			t.Errorf("lacks %q:\n%s", want, got)
		}
	}
	gpu, _ := arch.Released(arch.OFAMBv3, "bp-gpu")
	got = ReleasedCapSentence(pt, gpu)
	if !strings.Contains(got, "caps stage 1 at depth 3, stage 3 at depth 3 and stage 4 at depth 3, removing s1l3, s3l3 and s4l3") || !strings.Contains(got, "the caps remove 3 of them") {
		t.Errorf("bp-gpu:\n%s", got)
	}
	npu, _ := arch.Released(arch.OFAMBv3, "bp-npu")
	if got := ReleasedCapSentence(pt, npu); !strings.HasSuffix(got, "caps no stage's depth, so it removes no position.") {
		t.Errorf("bp-npu: %s", got)
	}
	pt.Positions = pt.Positions[:3] // s0l0..s0l2: s0l3 not profiled
	if got := ReleasedCapSentence(pt, note10); !strings.Contains(got, "s0l3 was not profiled") || !strings.Contains(got, "the caps remove 0 of them") {
		t.Errorf("not profiled: %s", got)
	}
}

// RunRules draws the same networks under both rules: the baseline and every fix at
// layers 0-1 price alike, a fix at layer 3 holds its block in every network under the
// project's rule and in fewer under the released one (a third, in expectation).
func TestRunRules(t *testing.T) {
	spec := Spec{Space: arch.Space{Family: arch.OFAMBv3, Resolutions: []int{224}}, N: 6, Seed: 3, Deepen: arch.DeepenAsReleased, Metrics: []string{"flops_bp"}}
	rs, err := spec.RunRules(arch.DeepenToInclude, arch.DeepenAsReleased)
	if err != nil {
		t.Fatal(err)
	}
	inc, rel := rs[0], rs[1]
	if inc.Deepen != arch.DeepenToInclude || rel.Deepen != arch.DeepenAsReleased || len(inc.Groups) != len(rel.Groups) {
		t.Fatalf("rules %d, %d; %d and %d groups", inc.Deepen, rel.Deepen, len(inc.Groups), len(rel.Groups))
	}
	if !slices.Equal(inc.Baseline.Values[0], rel.Baseline.Values[0]) {
		t.Error("the baselines differ")
	}
	var deep, deepHeld float64
	for i, g := range inc.Groups {
		h := rel.Groups[i]
		switch {
		case g.Fix.Layer < 2 && !slices.Equal(g.Values[0], h.Values[0]):
			t.Errorf("%s: %v under the project's rule, %v under the released one", g.Fix, g.Values[0], h.Values[0])
		case g.Fix.Layer == 3 && g.Present != 1:
			t.Errorf("%s: present %v under the project's rule", g.Fix, g.Present)
		case g.Fix.Layer == 3:
			deep, deepHeld = deep+1, deepHeld+h.Present
		}
	}
	if share := deepHeld / deep; share > 0.5 {
		t.Errorf("released rule: %v of the layer-3 networks hold their block, want about 1/3", share)
	}
	// Each rule's profile is the one a Spec.Run under that rule makes: the values the
	// released rule reuses from the project's are those it would have computed.
	for i, d := range []arch.Deepen{arch.DeepenToInclude, arch.DeepenAsReleased} {
		alone := spec
		alone.Deepen = d
		want, err := alone.Run()
		if err != nil {
			t.Fatal(err)
		}
		for j, g := range want.Groups {
			if !slices.Equal(g.Values[0], rs[i].Groups[j].Values[0]) {
				t.Fatalf("rule %d, %s: %v alone, %v in RunRules", d, g.Fix, g.Values[0], rs[i].Groups[j].Values[0])
			}
		}
	}
	spec.Metrics = []string{"no_such_metric"}
	if _, err := spec.RunRules(arch.DeepenToInclude); err == nil {
		t.Error("an unknown metric ran")
	}
}

// remembered prices each distinct network once: a second call with the same two
// networks and a third asks the metric for nothing new; errors name the place in the
// caller's batch.
func TestRemembered(t *testing.T) {
	calls := 0
	m := &metric.Metric{Name: "r", Deterministic: true, Values: func(as []arch.Arch) ([]float64, error) {
		out := make([]float64, len(as))
		for i, a := range as {
			calls++
			out[i] = float64(a.(arch.MBArch).R)
			if out[i] == 0 {
				return nil, fmt.Errorf("architecture %d has no resolution", i+1)
			}
		}
		return out, nil
	}}
	a, b := arch.MBArch{KS: make([]int, 20), E: make([]int, 20), D: make([]int, 5), R: 160}, arch.MBArch{KS: make([]int, 20), E: make([]int, 20), D: make([]int, 5), R: 224}
	r := remembered(m)
	for _, batch := range [][]arch.Arch{{a, b}, {b, a}, {a, a, b}} {
		v, err := r.Values(batch)
		if err != nil || v[0] != float64(batch[0].(arch.MBArch).R) {
			t.Errorf("%v, %v", v, err)
		}
	}
	if calls != 2 {
		t.Errorf("%d networks priced, want 2", calls)
	}
	zero := a
	zero.R = 0
	if _, err := r.Values([]arch.Arch{a, zero}); err == nil || !strings.Contains(err.Error(), "architecture 2") {
		t.Errorf("error %v", err)
	}
	measured := &metric.Metric{Name: "measured", Values: m.Values}
	if remembered(measured) != measured {
		t.Error("a measured metric remembered")
	}
}

// PaperTakeaways on the hand-made comparison of TestComparePaperRules' kind: flops_bp
// (-4 M, -0.498 %) and Note10 (0) reproduced, +9 M and +0.5 ms under the project's rule;
// accuracy (+3.8 points) and the GPU (+4.1 ms) in level only; flops +43 M (+5.35 %).
func TestPaperTakeaways(t *testing.T) {
	rel := paperProfile(arch.DeepenAsReleased, func(m int, _ string) float64 { return []float64{3.8, -4, 43, 0, 4.1}[m] })
	inc := paperProfile(arch.DeepenToInclude, func(m int, _ string) float64 { return []float64{3.9, 9, 55, 0.5, 4.1}[m] })
	p, err := ComparePaperRules(rel, inc)
	if err != nil {
		t.Fatal(err)
	}
	levels := []AccuracyLevel{{160, 78.16, 0.02, 500}, {224, 81.23, 0.02, 500}}
	got := strings.Join(PaperTakeaways(p, levels), " ")
	for _, want := range []string{"reproduced within 1 % of its mean for FLOPs counted BlockProfile's way -4 M (-0.498 %) and Note10 0 ms (0 %); under this project's rule, which keeps every fixed block, the same panels lie +9 M and +0.500 ms from it",
		"Not reproduced, in level only: predicted accuracy +3.80 points, every block within 0 points of it; RTX 2080 Ti at batch 1 +4.10 ms",
		"(78.2 to 81.2 % over 160-224 px", "`flops` (2 × MACs of OFA's network) lies +43 M (+5.35 %)"} {
		if !strings.Contains(got, want) {
			t.Errorf("lacks %q:\n%s", want, got)
		}
	}
	if got := PaperTakeaways(PaperRules{}, nil); len(got) != 0 {
		t.Errorf("takeaways of nothing: %v", got)
	}
}
