package search

import (
	"math"
	"slices"
	"strings"
	"testing"

	"github.com/nasanalysis/nasanalysis/nasanalysis/arch"
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

func TestReuseTakeaway(t *testing.T) {
	out := ReuseTakeaway([]ReuseComparison{handReuse("gpu_2080ti_64", stats.Interval{Estimate: -10, Lo: -12, Hi: -8}), handReuse("gpu_2080ti_1", stats.Interval{Estimate: -1, Lo: -3, Hi: 1})})
	if len(out) != 1 {
		t.Fatalf("%d sentences, want 1: %q", len(out), out)
	}
	for _, want := range []string{"the note10_r224 fronts reach 90 % (gpu_2080ti_64) and 90 % (gpu_2080ti_1) of the mean hypervolume of the target's own search", "a loss against searching on the target on gpu_2080ti_64",
		"no established difference on gpu_2080ti_1"} {
		if !strings.Contains(out[0], want) {
			t.Errorf("reuse: %q lacks %q", out[0], want)
		}
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
