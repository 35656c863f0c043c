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

func near(a, b, tol float64) bool { return math.Abs(a-b) <= tol }

// By hand, reference [-78, 10]: the front {(-80, 5)} dominates the box from accuracy 78
// to 80 and latency 5 to 10, area 2 x 5 = 10; {(-80, 5), (-79, 2)} adds the strip from
// 78 to 79 and 2 to 5, 1 x 3 = 3, so 13. Mean 11.5; sample sd |13 - 10| / sqrt 2, standard
// error 1.5; the 97.5 % quantile of Student's t with 1 degree of freedom is 12.7062
// (scipy.stats.t.ppf(0.975, 1)), so the interval is 11.5 ± 19.0593. The reference box
// runs from 100 % to 78 % and 0 to 10: area 220.
func TestHypervolumesByHand(t *testing.T) {
	h, err := HypervolumesOf([][][]float64{{{-80, 5}}, {{-80, 5}, {-79, 2}}}, []float64{-78, 10})
	if err != nil {
		t.Fatal(err)
	}
	if h.PerSeed[0] != 10 || h.PerSeed[1] != 13 || h.Box != 220 {
		t.Fatalf("per seed %v, box %v; want [10 13], 220", h.PerSeed, h.Box)
	}
	if m := h.Mean; m.Estimate != 11.5 || !near(m.Lo, 11.5-19.0593, 1e-3) || !near(m.Hi, 11.5+19.0593, 1e-3) {
		t.Errorf("mean %+v; want 11.5 (-7.5593 to 30.5593)", m)
	}
	if s := h.Share(11); s != 0.05 {
		t.Errorf("share of 11 in a box of 220 = %v, want 0.05", s)
	}
	if r := h.Relative(10); r[0] != 1 || r[1] != 1.3 {
		t.Errorf("relative to 10: %v, want [1 1.3]", r)
	}
	if _, err := HypervolumesOf([][][]float64{{{-80, 5}}}, []float64{-100, 10}); err == nil {
		t.Error("a reference at 100 % accuracy encloses no box, yet no error")
	}
}

// By hand: fronts {(-80, 5), (-79, 2)} and {(-81, 6)} span latencies 2 to 6, so a grid
// of three is 2, 4, 6. The first front reaches 79 % within 2 and 4 and 80 % within 6; the
// second nothing before 6, where it reaches 81 %. Where a seed reaches nothing the band
// is NaN; at 6 the median of 80 and 81 is 80.5, worst 80, best 81.
func TestSeedBandByHand(t *testing.T) {
	b, err := SeedBand([][][]float64{{{-80, 5}, {-79, 2}}, {{-81, 6}}}, 3)
	if err != nil {
		t.Fatal(err)
	}
	if b.Latency[0] != 2 || b.Latency[1] != 4 || b.Latency[2] != 6 {
		t.Fatalf("grid %v, want [2 4 6]", b.Latency)
	}
	for i := range 2 {
		if !math.IsNaN(b.Median[i]) || !math.IsNaN(b.Worst[i]) || !math.IsNaN(b.Best[i]) {
			t.Errorf("latency %v: %v %v %v, want NaN where the second seed has no network", b.Latency[i], b.Median[i], b.Worst[i], b.Best[i])
		}
	}
	if b.Median[2] != 80.5 || b.Worst[2] != 80 || b.Best[2] != 81 {
		t.Errorf("at 6: median %v worst %v best %v; want 80.5 80 81", b.Median[2], b.Worst[2], b.Best[2])
	}
	if _, err := SeedBand(nil, 1); err == nil {
		t.Error("a one-point grid accepted")
	}
}

// By hand: paired changes of [11, 12] against [10, 10]: differences 1 and 2, mean 1.5,
// 15 % of the base mean 10; identical arms change by exactly 0.
func TestPairedChange(t *testing.T) {
	iv, err := pairedChange([]float64{11, 12}, []float64{10, 10})
	if err != nil {
		t.Fatal(err)
	}
	if !near(iv.Estimate, 15, 1e-9) || iv.Sign() != 0 {
		t.Errorf("change %+v; want estimate 15 %% with an interval containing 0 (two seeds, t = 12.7)", iv)
	}
	iv, err = pairedChange([]float64{3, 4}, []float64{3, 4})
	if err != nil || iv.Estimate != 0 || iv.Lo != 0 || iv.Hi != 0 {
		t.Errorf("identical arms: %+v, %v; want exactly 0", iv, err)
	}
}

// handArm is an arm whose hypervolumes have the given mean and interval in a box of 200.
func handArm(mean, lo, hi float64) Arm {
	return Arm{HV: Hypervolumes{PerSeed: []float64{lo, hi}, Mean: stats.Interval{Estimate: mean, Lo: lo, Hi: hi, Level: 0.95}, Box: 200}}
}

func handSpace(change stats.Interval, dropped ...string) SpaceComparison {
	return SpaceComparison{Latency: "note10_r224", Unit: "ms", Space: arch.Space{Family: arch.OFAMBv3, Resolutions: []int{224}}, Dropped: dropped, Ref: []float64{-78, 40}, Seeds: []uint64{1, 2, 3},
		Config: NSGAConfig{Population: 30, Generations: 10}, Full: handArm(50, 48, 52), Reduced: handArm(51, 49, 53), Change: change}
}

func TestSpaceSentenceEachDirection(t *testing.T) {
	better := SpaceSentence(handSpace(stats.Interval{Estimate: 2, Lo: 0.5, Hi: 3.5}, "k7e3", "k7e4"))
	for _, want := range []string{"**note10_r224** (reduced space without k7e3 and k7e4): mean hypervolume over 3 seeds, in accuracy points × ms up to the reference point (78 % accuracy, 40 ms)",
		"full space 50 (95 % t-interval 48–52; 25 % of the reference box), reduced space 51 (95 % t-interval 49–53; 25.5 %).",
		"by 2.00 % (95 % t-interval 0.50–3.50): the reduced space's front is better, as Mills et al. claim."} {
		if !strings.Contains(better, want) {
			t.Errorf("better: %q lacks %q", better, want)
		}
	}
	worse := SpaceSentence(handSpace(stats.Interval{Estimate: -2, Lo: -3.5, Hi: -0.5}, "k7e3"))
	if !strings.Contains(worse, "by -2.00 % (95 % t-interval -3.50 to -0.50)") || !strings.Contains(worse, "the full space's front is better, against Mills et al.'s claim") {
		t.Errorf("worse: %q", worse)
	}
	same := SpaceSentence(handSpace(stats.Interval{Estimate: 0.4, Lo: -1, Hi: 1.8}, "k7e3"))
	if !strings.Contains(same, "no difference is established at this search size") {
		t.Errorf("no difference: %q", same)
	}
	none := SpaceSentence(handSpace(stats.Interval{}))
	if !strings.Contains(none, "the profile drops no block") || !strings.Contains(none, "nothing to compare") || strings.Contains(none, "Mills") {
		t.Errorf("no drop: %q", none)
	}
	flops := handSpace(stats.Interval{Estimate: 1, Lo: 0.5, Hi: 1.5}, "k7e3")
	flops.Latency, flops.Unit, flops.Ref = "flops", "M", []float64{-78, 900}
	if s := SpaceSentence(flops); !strings.Contains(s, "accuracy points × million flops") || !strings.Contains(s, "78 % accuracy, 900 M flops") {
		t.Errorf("flops units: %q", s)
	}
}

func handReuse(target string, change stats.Interval) ReuseComparison {
	return ReuseComparison{Proxy: "note10_r224", Target: target, Space: arch.Space{Family: arch.OFAMBv3, Resolutions: []int{224}}, Unit: "ms", Ref: []float64{-78, 20}, Seeds: []uint64{1, 2, 3},
		Config: NSGAConfig{Population: 30, Generations: 10}, Reused: handArm(45, 44, 46), Own: handArm(50, 49, 51), Change: change}
}

func TestReuseSentenceEachDirection(t *testing.T) {
	worse := ReuseSentence(handReuse("gpu_2080ti_64", stats.Interval{Estimate: -10, Lo: -12, Hi: -8}))
	for _, want := range []string{"**note10_r224 → gpu_2080ti_64**: mean hypervolume on the target over 3 seeds", "reused fronts 45 (95 % t-interval 44–46; 22.5 % of the reference box)",
		"the target's own search 50 (95 % t-interval 49–51; 25 %)", "reach 90 % of the own search's mean; paired seed by seed, reuse changes the hypervolume by -10 % (95 % t-interval -12 to -8): searching on the target itself finds the better front."} {
		if !strings.Contains(worse, want) {
			t.Errorf("worse: %q lacks %q", worse, want)
		}
	}
	if s := ReuseSentence(handReuse("gpu_2080ti_1", stats.Interval{Estimate: 3, Lo: 1, Hi: 5})); !strings.Contains(s, "the reused front is better than the target's own search") {
		t.Errorf("better: %q", s)
	}
	if s := ReuseSentence(handReuse("gpu_2080ti_1", stats.Interval{Estimate: -1, Lo: -3, Hi: 1})); !strings.Contains(s, "no difference from searching on the target itself is established") {
		t.Errorf("no difference: %q", s)
	}
}

func TestParetoTakeaway(t *testing.T) {
	up := handSpace(stats.Interval{Estimate: 2, Lo: 1, Hi: 3}, "k7e3")
	down := handSpace(stats.Interval{Estimate: -4, Lo: -5, Hi: -3}, "k3e3")
	down.Latency = "flops"
	flat := handSpace(stats.Interval{Estimate: 0.5, Lo: -1, Hi: 2}, "k5e6")
	flat.Latency = "gpu_2080ti_64"
	none := handSpace(stats.Interval{})
	none.Latency = "cpu"
	out := ParetoTakeaway([]SpaceComparison{up, down, flat, none},
		[]ReuseComparison{handReuse("gpu_2080ti_64", stats.Interval{Estimate: -10, Lo: -12, Hi: -8}), handReuse("gpu_2080ti_1", stats.Interval{Estimate: -1, Lo: -3, Hi: 1})})
	if len(out) != 2 {
		t.Fatalf("%d sentences, want 2: %q", len(out), out)
	}
	for _, want := range []string{"paired over 3 seeds of NSGA-II (population 30, 10 generations)", "higher on note10_r224 (2 %; 95 % t-interval 1–3)", "lower on flops (-4 %; 95 % t-interval -5 to -3)",
		"not distinguishable from the full space's on gpu_2080ti_64", "the block profile drops nothing on cpu", "holds on 1 of the 4 latency sources tested"} {
		if !strings.Contains(out[0], want) {
			t.Errorf("spaces: %q lacks %q", out[0], want)
		}
	}
	for _, want := range []string{"the note10_r224 fronts reach 90 % (gpu_2080ti_64) and 90 % (gpu_2080ti_1) of the mean hypervolume of the target's own search", "a loss against searching on the target on gpu_2080ti_64",
		"no established difference on gpu_2080ti_1"} {
		if !strings.Contains(out[1], want) {
			t.Errorf("reuse: %q lacks %q", out[1], want)
		}
	}
	if out := ParetoTakeaway([]SpaceComparison{none}, nil); len(out) != 1 || !strings.Contains(out[0], "drops nothing on cpu") || !strings.Contains(out[0], "holds on 0 of the 1") {
		t.Errorf("nothing dropped anywhere: %q", out)
	}
}

// CompareSpaces on cheap deterministic objectives (maximise FLOPs, minimise parameters):
// its arms are NSGA-II's fronts, each seed's hypervolume is pareto's on them, and its
// change is the paired one; with nothing dropped the arms coincide and change by 0.
func TestCompareSpacesOnCounts(t *testing.T) {
	opts := metric.Options{}
	flops, err := metric.New("flops", arch.OFAMBv3, opts)
	if err != nil {
		t.Fatal(err)
	}
	params, err := metric.New("params", arch.OFAMBv3, opts)
	if err != nil {
		t.Fatal(err)
	}
	cfg := NSGAConfig{Population: 8, Generations: 2, CrossoverProb: 0.9, MutateProb: 0.1}
	seeds := []uint64{1, 2, 3}
	c, err := CompareSpaces(arch.Space{Family: arch.OFAMBv3, Resolutions: []int{224}, Drop: []arch.Block{{Kernel: 7, Expand: 6}}}, flops, params, cfg, seeds)
	if err != nil {
		t.Fatal(err)
	}
	if len(c.Full.HV.PerSeed) != 3 || len(c.Reduced.HV.PerSeed) != 3 || c.Dropped[0] != "k7e6" || c.Caps != "" || c.Space.String() != "ofa-mbv3:res=224:drop=k7e6" || c.Latency != "params" {
		t.Fatalf("comparison %+v", c)
	}
	var d, base float64
	for s := range seeds {
		d += c.Reduced.HV.PerSeed[s] - c.Full.HV.PerSeed[s]
		base += c.Full.HV.PerSeed[s]
	}
	if !near(c.Change.Estimate, 100*d/base, 1e-9) {
		t.Errorf("change %v, want 100 x mean difference / base mean = %v", c.Change.Estimate, 100*d/base)
	}
	same, err := CompareSpaces(arch.Space{Family: arch.OFAMBv3, Resolutions: []int{224}}, flops, params, cfg, seeds)
	if err != nil {
		t.Fatal(err)
	}
	if same.Change.Estimate != 0 || same.Change.Sign() != 0 || same.Full.HV.PerSeed[2] != same.Reduced.HV.PerSeed[2] {
		t.Errorf("nothing dropped: change %+v, hypervolumes %v and %v", same.Change, same.Full.HV.PerSeed, same.Reduced.HV.PerSeed)
	}
	capped, err := CompareSpaces(arch.Space{Family: arch.OFAMBv3, Resolutions: []int{224}, MaxDepth: []int{3, 4, 4, 4, 4}}, flops, params, cfg, seeds[:2])
	if err != nil {
		t.Fatal(err)
	}
	if capped.Caps != "max-depth=3,4,4,4,4" || len(capped.Dropped) != 0 || capped.same() || !strings.Contains(SpaceSentence(*capped), "(reduced space within max-depth=3,4,4,4,4)") {
		t.Errorf("depth caps: %q, %v; sentence %q", capped.Caps, capped.Dropped, SpaceSentence(*capped))
	}
}

// groupPhrases keeps the groups' order, joins each group's items with "and" and says
// nothing for an empty group.
func TestGroupPhrases(t *testing.T) {
	got := groupPhrases(wordedGroup{"higher on ", []string{"a", "b"}}, wordedGroup{"lower on ", nil}, wordedGroup{"same on ", []string{"c"}})
	if want := []string{"higher on a and b", "same on c"}; !slices.Equal(got, want) {
		t.Errorf("got %q, want %q", got, want)
	}
	if got := groupPhrases(wordedGroup{"x ", nil}); got != nil {
		t.Errorf("empty groups: %q", got)
	}
}
