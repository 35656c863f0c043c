package designspace

import (
	"math"
	"strings"
	"testing"

	"github.com/nasanalysis/nasanalysis/nasanalysis/latency"
	"github.com/nasanalysis/nasanalysis/nasanalysis/stats"
)

func iv(e, lo, hi float64) stats.Interval {
	return stats.Interval{Estimate: e, Lo: lo, Hi: hi, Level: Level}
}

// Hand-made intervals of a difference: above zero, below zero, containing it.
var (
	above = iv(0.2, 0.1, 0.3)
	below = iv(-0.2, -0.3, -0.1)
	none  = iv(0.01, -0.05, 0.07)
)

func wantIn(t *testing.T, what, got string, want ...string) {
	t.Helper()
	for _, w := range want {
		if !strings.Contains(got, w) {
			t.Errorf("%s: %q lacks %q", what, got, w)
		}
	}
}

func wantNotIn(t *testing.T, what, got string, bad ...string) {
	t.Helper()
	for _, b := range bad {
		if strings.Contains(got, b) {
			t.Errorf("%s: %q has %q", what, got, b)
		}
	}
}

// (81 + 729 + 6561)^5 x 5 = 7371^5 x 5 = 1.0870e20 mobile networks.
func TestSpacesFinding(t *testing.T) {
	s := Samples{N: 3, Seed: 7, MBv3Size: math.Pow(7371, 5) * 5, ProxylessSize: math.Pow(7371, 5) * 5, ResNetSize: 1.97e13,
		PerStage: 7371, Stages: 5, Resolutions: 5, MBv3Width: 1.2, ProxylessWidth: 1.3,
		MACs: [][]float64{{140, 300, 574}, {192, 704, 400}, {590, 5720, 1000}}}
	wantIn(t, "equal sizes", SpacesFinding(s), "Both mobile spaces hold 1.09 × 10²⁰ networks each", "7,371 block configurations per stage, 5 stages, 5 resolutions",
		"OFA-ResNet50 1.97 × 10¹³", "3 random networks (seed 7)", "140–574 M MACs in OFA-MobileNetV3 (w1.2)", "192–704 M in ProxylessNAS (w1.3)", "0.59–5.72 G in ResNet50")
	s.ProxylessSize = 2e19
	wantIn(t, "different sizes", SpacesFinding(s), "OFA-MobileNetV3 holds 1.09 × 10²⁰ networks and ProxylessNAS 2 × 10¹⁹")
}

// Means and medians by hand: (4.5 + 7.25 + 8) / 3 = 6.58333, median 7.25.
func TestParamsFindingKeepsDecimals(t *testing.T) {
	s := Samples{Spaces: []string{"ofa-mbv3 (w1.2)"}, Params: [][]float64{{4.5, 7.25, 8}}}
	got, err := ParamsFinding(s)
	if err != nil {
		t.Fatal(err)
	}
	wantIn(t, "params", got, "ofa-mbv3 mean 6.58 M, median 7.25 M")
}

func TestAccuracyFinding(t *testing.T) {
	a := Accuracy{N: 1000, Rho: iv(0.898, 0.884, 0.910), Spread: []float64{1.4, 1.78, 1.5, 1.6}}
	// Median of 1.4, 1.5, 1.6, 1.78 is (1.5 + 1.6) / 2 = 1.55.
	wantIn(t, "rises", AccuracyFinding(a), "predicted top-1 rises with Note10 latency, SRCC 0.898 (0.884–0.910)", "spans 1.40–1.78 points", "median over the ten groups 1.55")
	a.Rho = below
	wantIn(t, "falls", AccuracyFinding(a), "top-1 falls with")
	a.Rho = none
	wantIn(t, "flat", AccuracyFinding(a), "top-1 shows no clear trend with")
}

func measuredFixture(dn, dm, params stats.Interval) Measured {
	return Measured{N: 2000, Resolutions: []int{160, 224},
		SRCC: SRCCTable{Key: "with", Names: []string{NameNote10Own, NameMACs, NameParams},
			CIs: []stats.Interval{iv(0.824, 0.811, 0.837), iv(0.833, 0.821, 0.845), params}},
		Within:         map[string][]stats.Interval{"Note10": {iv(0.561, 0.494, 0.624), iv(0.613, 0.544, 0.669)}, "MACs": {iv(0.573, 0.506, 0.631), iv(0.657, 0.598, 0.711)}},
		AllMinusWithin: map[string]stats.Interval{"Note10": dn, "MACs": dm}}
}

func TestMeasuredFinding(t *testing.T) {
	low := iv(0.349, 0.308, 0.388)
	got := MeasuredFinding(measuredFixture(above, above, low))
	wantIn(t, "resolution carries it", got, "Over the 2,000 networks at 160–224 px", "Note10 table at SRCC 0.824 (0.811–0.837)", "MACs at 0.833 (0.821–0.845)",
		"but within one resolution only at 0.561–0.657 (95 % intervals within 0.494–0.711)", "is 0.200 (0.100–0.300) for the Note10 table",
		"larger inputs cost more everywhere", "Parameters rank it poorly: SRCC 0.349 (0.308–0.388).")
	got = MeasuredFinding(measuredFixture(below, below, iv(0.6, 0.55, 0.65)))
	wantIn(t, "within closer", got, "within one resolution even more closely", "does not make the agreement", "rank it moderately")
	wantNotIn(t, "within closer", got, "larger inputs")
	got = MeasuredFinding(measuredFixture(above, none, iv(0.9, 0.85, 0.95)))
	wantIn(t, "mixed", got, "does not explain the agreement for both", "rank it well")
}

func TestDescribeGPUs(t *testing.T) {
	all := []string{"a_1", "a_32", "b_1", "b_32", "c_64"}
	if got := describeGPUs([]string{"b_32", "a_32", "b_1", "c_64"}, all); got != "all 2 GPUs at batch 32, b_1 and c_64" {
		t.Errorf("got %q", got)
	}
	// A batch with one configuration is named, not "all 1 GPUs".
	if got := describeGPUs([]string{"c_64"}, all); got != "c_64" {
		t.Errorf("got %q", got)
	}
}

// Estimates a 0.9, b 0.85, c 0.3, d 0.2: the largest gap, 0.55, lies between b and c.
func TestSplitGPUs(t *testing.T) {
	tab := SRCCTable{Key: "k", Names: []string{"c", "a", "d", "b"}, CIs: []stats.Interval{iv(0.3, 0, 1), iv(0.9, 0, 1), iv(0.2, 0, 1), iv(0.85, 0, 1)}}
	most, least, gap := splitGPUs([]string{"a", "b", "c", "d"}, tab)
	if strings.Join(most, ",") != "a,b" || strings.Join(least, ",") != "c,d" || math.Abs(gap-0.55) > 1e-12 {
		t.Errorf("most %v, least %v, gap %v; want [a b], [c d], 0.55", most, least, gap)
	}
}

func helpFixture(diff stats.Interval, least []string) HELP {
	devs := []string{"g_1", "g_64", "h_1", "h_64"}
	most := []string{"g_64", "h_64"}
	if len(least) == 1 {
		most = []string{"g_64", "h_64", "h_1"}
	}
	return HELP{N: 1013, Resolutions: []int{160, 176, 224}, Devices: devs,
		SRCC: SRCCTable{Names: []string{NameMACs}, CIs: []stats.Interval{iv(0.989, 0.987, 0.990)}},
		Split: GPUSplit{All: devs, Most: most, Least: least, MostCIs: []stats.Interval{iv(0.99, 0.98, 0.995), iv(0.98, 0.97, 0.99)},
			LeastCIs: []stats.Interval{iv(0.27, 0.21, 0.32), iv(0.31, 0.25, 0.37)}, Gap: 0.547, Diff: diff}}
}

func TestHELPFinding(t *testing.T) {
	got := HELPFinding(helpFixture(above, []string{"g_1", "h_1"}))
	wantIn(t, "separated", got, "On the 1,013 networks of HELP's table at 160–224 px", "like MACs at SRCC 0.989 (0.987–0.990)", "Of the 4 GPU configurations it ranks most like all 2 GPUs at batch 64",
		"least like all 2 GPUs at batch 1, at 0.270–0.310", "the largest gap between the sorted estimates, 0.547, separates the two groups",
		"keeps the first group's mean SRCC above the second's: difference 0.200 (0.100–0.300)", "Every GPU at batch 1 is in the second group")
	wantIn(t, "below", HELPFinding(helpFixture(below, []string{"g_1", "h_1"})), "puts the first group's mean SRCC below the second's")
	got = HELPFinding(helpFixture(none, []string{"g_1"}))
	wantIn(t, "no difference", got, "does not separate the groups' mean SRCC: difference 0.0100 (-0.0500 to 0.0700)")
	wantNotIn(t, "batch 1 split", got, "Every GPU at batch 1")
}

func TestEngineFinding(t *testing.T) {
	h := helpFixture(above, []string{"g_1", "h_1"})
	e := Engine{Label: "ONNX Runtime", N: 60, SRCC: SRCCTable{Names: []string{NameNote10At160, NameMACs}, CIs: []stats.Interval{iv(0.674, 0.449, 0.845), iv(0.674, 0.454, 0.853)}}, Split: h.Split}
	wantIn(t, "engine", EngineFinding(e), "**ONNX Runtime** on these 60 networks: SRCC 0.674 (0.449–0.845) with the Note10 table and 0.674 (0.454–0.853) with MACs. Of the GPU configurations it ranks most like all 2 GPUs at batch 64")
}

func twoFixture(agree, macs, n10 stats.Interval) TwoEngines {
	return TwoEngines{N: 300, SlowdownQuantiles: [3]float64{206, 350, 583},
		SRCC: SRCCTable{Names: []string{PairEngines, PairORTNote10, PairGoMLXN10, PairORTMACs, PairGoMLXMACs},
			CIs: []stats.Interval{agree, iv(0.651, 0.576, 0.720), iv(0.801, 0.744, 0.848), iv(0.683, 0.613, 0.741), iv(0.795, 0.741, 0.842)}},
		MACsDiff: macs, Note10Diff: n10}
}

func TestTwoEnginesFinding(t *testing.T) {
	got := TwoEnginesFinding(twoFixture(iv(0.448, 0.353, 0.540), above, below))
	wantIn(t, "apart", got, "runs 206–583 times slower than ONNX Runtime (median 350)", "alike at SRCC 0.448 (0.353–0.540), below the 0.9 that Lu et al. require",
		"GoMLX follows MACs more closely than ONNX Runtime: SRCC 0.795 (0.741–0.842) against 0.683 (0.613–0.741), paired difference 0.200 (0.100–0.300).",
		"GoMLX follows the Note10 table less closely than ONNX Runtime")
	got = TwoEnginesFinding(twoFixture(iv(0.95, 0.92, 0.97), none, none))
	wantNotIn(t, "alike", got, "Lu et al.")
	wantIn(t, "alike", got, "at SRCC 0.950 (0.920–0.970).", "follows MACs about as closely as ONNX Runtime")
}

func TestDriftFinding(t *testing.T) {
	d := Drift{Spaces: []DriftSpace{{Space: "ofa-mbv3", Raw: 0.833, Corrected: 0.781, Change: iv(-0.0521, -0.0673, -0.0372)}, {Space: "proxylessnas", Raw: 0.868, Corrected: 0.816, Change: none}}}
	got := DriftFinding(d)
	wantIn(t, "none raised", got, "ofa-mbv3 0.833 → 0.781, change -0.0521 (-0.0673 to -0.0372); proxylessnas", "It raises the correlation in no space")
	d.Spaces[1].Change = above
	wantIn(t, "one raised", DriftFinding(d), "It raises the correlation in proxylessnas:")
}

// Five networks covering 0.9, 0.95, 0.97, 1.0 and 1.02 of their run: quantiles by
// linear interpolation, 5 % at 0.9 + 0.2 x 0.05 = 0.91, 95 % at 1.0 + 0.8 x 0.02 = 1.016.
func TestBlocks(t *testing.T) {
	var recs []latency.BlockRecord
	for i, c := range []float64{1.0, 0.9, 1.02, 0.97, 0.95} {
		for _, name := range []string{"stem", "head"} {
			r := latency.BlockRecord{Arch: string(rune('a' + i)), Resolution: 160, RunMS: 10, SumMS: 10 * c}
			r.Name, r.Stage, r.Layer, r.MS = name, -1, -1, 5*c
			recs = append(recs, r)
		}
	}
	b, err := blocksOf("hand-made", recs)
	if err != nil {
		t.Fatal(err)
	}
	want := [5]float64{0.9, 0.91, 0.97, 1.016, 1.02}
	for k := range want {
		if math.Abs(b.CoverageQ[k]-want[k]) > 1e-12 {
			t.Errorf("quantile %v = %v, want %v", CoverageQuantiles[k], b.CoverageQ[k], want[k])
		}
	}
	if b.Above1 != 1 || len(b.Names) != 2 || len(b.MS[0]) != 5 {
		t.Errorf("above 1: %d (want 1); blocks %v with %d times", b.Above1, b.Names, len(b.MS[0]))
	}
	wantIn(t, "blocks", BlocksFinding(b), "97 % of the profiled end-to-end time at the median network (91–102 % for the middle 90 % of the 5 networks, 90–102 % for all of them; in 1 the sum")
}

func TestTakeaways(t *testing.T) {
	h := helpFixture(above, []string{"g_1", "h_1"})
	f := Findings{
		Samples:  Samples{N: 3, MBv3Size: 1e20, ProxylessSize: 1e20, ResNetSize: 1e13, MACs: [][]float64{{1, 2}, {1, 2}, {1000, 2000}}},
		Accuracy: Accuracy{N: 3, Rho: above, Spread: []float64{1, 2}},
		Measured: measuredFixture(above, above, iv(0.3, 0.2, 0.4)), HELP: h,
		ORT:    Engine{Label: "ONNX Runtime", N: 60, SRCC: SRCCTable{Names: []string{NameNote10At160, NameMACs}, CIs: []stats.Interval{above, above}}, Split: h.Split},
		Two:    twoFixture(above, above, above),
		Drift:  Drift{Spaces: []DriftSpace{{Space: "x", Change: below}}},
		Blocks: Blocks{Coverage: []float64{1}, CoverageQ: [5]float64{1, 1, 1, 1, 1}},
	}
	f.GoMLX = f.ORT
	got := Takeaways(f)
	heads := []string{"**Sizes.**", "**Compute orders the table latencies.**", "**This machine, with ONNX Runtime.**", "**HELP's 60 networks, timed here.**", "**Two engines.**", "**Accuracy is not free.**", "**Where a network's time goes.**"}
	if len(got) != len(heads) {
		t.Fatalf("%d bullets, want %d", len(got), len(heads))
	}
	for k, h := range heads {
		if !strings.HasPrefix(got[k], h) {
			t.Errorf("bullet %d starts %.40q, want %q", k, got[k], h)
		}
	}
	rep := latency.Repeatability{Column: "ratio_ref", N: 200, SRCC: 0.996, MedianDev: 0.008}
	f.Repeats = []Repeat{{RepeatSet: RepeatSet{Condition: "quiet", Calm: "shared"}, ByColumn: []latency.Repeatability{rep, rep, rep}}}
	ag := latency.Agreement{N: 300, Within10: 1, SRCC: 0.99}
	f.Tables = []TableCheck{{Space: "ofa-mbv3", Resolutions: []int{160}, Rows: []latency.Agreement{ag, ag, ag, ag, ag}}}
	if got := Takeaways(f); len(got) != len(heads)+1 || !strings.HasPrefix(got[len(heads)], "**This machine as a device.** Goal: two runs") {
		t.Errorf("with section 8: %d bullets, last %.60q", len(got), got[len(got)-1])
	}
}
