package designspace

import (
	"math"
	"testing"

	"github.com/nasanalysis/nasanalysis/nasanalysis/datatest"
	"github.com/nasanalysis/nasanalysis/nasanalysis/stats"
)

func TestSRCCTable(t *testing.T) {
	tab := SRCCTable{Key: "with", Names: []string{"a", "b"}, CIs: []stats.Interval{iv(0.5, 0.4, 0.6), iv(0.7, 0.65, 0.75)}}
	df := tab.Frame()
	if got := df.Names(); len(got) != 4 || got[0] != "with" || got[1] != "spearman" || got[2] != "lo" || got[3] != "hi" {
		t.Errorf("columns %v", got)
	}
	if df.Col("hi").Float()[1] != 0.75 {
		t.Errorf("hi of b = %v", df.Col("hi").Float()[1])
	}
	if b, ok := tab.By("b"); !ok || b.Estimate != 0.7 {
		t.Errorf("By(b) = %v, %v", b, ok)
	}
	if _, ok := tab.By("c"); ok {
		t.Error("By(c) found a row")
	}
}

// Group 0 ranks y with x (SRCC 1), group 1 against it (SRCC -1): their mean is 0. Over
// all six rows, y's ranks 1 2 3 6 5 4 differ from x's by 0 0 0 2 0 -2, so Spearman's
// rho is 1 - 6 x 8 / (6 x 35) = 0.771429; minus the mean within, 0.771429.
func TestAllMinusWithin(t *testing.T) {
	x := []float64{1, 2, 3, 4, 5, 6}
	y := []float64{1, 2, 3, 6, 5, 4}
	group := []int{0, 0, 0, 1, 1, 1}
	got := allMinusWithin(x, y, group, 2, []int{0, 1, 2, 3, 4, 5})
	if want := 1 - 48.0/210; math.Abs(got-want) > 1e-12 {
		t.Errorf("got %v, want %v", got, want)
	}
}

// The split's estimate is the difference of the groups' mean SRCC on all networks.
// Latency 1..8; device a follows it (SRCC 1), b reverses it (-1), c follows it but for
// one swap of neighbours (1 - 6 x 2 / (8 x 63) = 0.976190). a and c rank most like it;
// the difference is (1 + 0.976190) / 2 - (-1) = 1.988095.
func TestGPUSplitDifference(t *testing.T) {
	lat := []float64{1, 2, 3, 4, 5, 6, 7, 8}
	a := []float64{1, 2, 3, 4, 5, 6, 7, 8}
	b := []float64{8, 7, 6, 5, 4, 3, 2, 1}
	c := []float64{2, 1, 3, 4, 5, 6, 7, 8}
	tab := SRCCTable{Names: []string{"a", "b", "c"}, CIs: []stats.Interval{iv(1, 1, 1), iv(-1, -1, -1), iv(0.976190, 0.9, 1)}}
	sp, err := newGPUSplit([]string{"a", "b", "c"}, tab, lat, [][]float64{a, b, c}, 200, 1)
	if err != nil {
		t.Fatal(err)
	}
	if len(sp.Most) != 2 || sp.Most[0] != "a" || sp.Most[1] != "c" || len(sp.Least) != 1 || sp.Least[0] != "b" {
		t.Errorf("most %v, least %v", sp.Most, sp.Least)
	}
	if want := (1+(1-12.0/504))/2 + 1; math.Abs(sp.Diff.Estimate-want) > 1e-12 {
		t.Errorf("difference %v, want %v", sp.Diff.Estimate, want)
	}
	if !(sp.Diff.Lo <= sp.Diff.Estimate && sp.Diff.Estimate <= sp.Diff.Hi) || sp.Diff.Sign() != 1 {
		t.Errorf("interval %+v", sp.Diff)
	}
	if _, err := newGPUSplit([]string{"a"}, tab, lat, [][]float64{a}, 200, 1); err == nil {
		t.Error("one configuration: no error")
	}
}

func TestEnginesFrame(t *testing.T) {
	a := Engine{Engine: "onnxruntime", SRCC: SRCCTable{Names: []string{"MACs", "x_1"}, CIs: []stats.Interval{iv(0.67, 0.45, 0.85), iv(0.3, 0.05, 0.5)}}}
	b := Engine{Engine: "gomlx", SRCC: SRCCTable{Names: []string{"MACs", "x_1"}, CIs: []stats.Interval{iv(0.81, 0.69, 0.88), iv(0.32, 0.05, 0.55)}}}
	df, err := EnginesFrame(a, b)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"source", "onnxruntime", "onnxruntime lo", "onnxruntime hi", "gomlx", "gomlx lo", "gomlx hi"}
	got := df.Names()
	for k := range want {
		if k >= len(got) || got[k] != want[k] {
			t.Fatalf("columns %v, want %v", got, want)
		}
	}
	if df.Col("gomlx lo").Float()[0] != 0.69 {
		t.Errorf("gomlx lo of MACs = %v", df.Col("gomlx lo").Float()[0])
	}
	b.SRCC.Names = []string{"MACs", "y_1"}
	if _, err := EnginesFrame(a, b); err == nil {
		t.Error("different sources: no error")
	}
}

// The params table has its own column format: the mean of 4.5, 7.25 and 8 is 6.58333.
func TestCostTables(t *testing.T) {
	s := Samples{Spaces: []string{"ofa-mbv3 (w1.2)"}, MACs: [][]float64{{150, 300, 450}}, Params: [][]float64{{4.5, 7.25, 8}}}
	macs, params, err := s.CostTables()
	if err != nil {
		t.Fatal(err)
	}
	if macs.Col("name").Records()[0] != "ofa-mbv3 MACs (M)" || params.Col("name").Records()[0] != "ofa-mbv3 params (M)" {
		t.Errorf("names %v, %v", macs.Col("name").Records(), params.Col("name").Records())
	}
	if m := params.Col("mean").Float()[0]; math.Abs(m-19.75/3) > 1e-12 {
		t.Errorf("mean params %v, want 6.58333", m)
	}
}

// The mobile spaces: 3 kernels x 3 expand ratios per layer and 2, 3 or 4 layers per
// stage give 9² + 9³ + 9⁴ = 7,371 configurations per stage; five stages at five
// resolutions give 7371⁵ x 5 = 1.087e20 networks.
func TestSamplesSizes(t *testing.T) {
	c := DefaultConfig()
	c.N, c.Priced = 20, 4
	s, err := c.Samples()
	datatest.Check(t, err)
	if s.PerStage != 7371 || s.Stages != 5 || s.Resolutions != 5 {
		t.Errorf("per stage %v, stages %d, resolutions %d", s.PerStage, s.Stages, s.Resolutions)
	}
	if want := math.Pow(7371, 5) * 5; math.Abs(s.MBv3Size-want)/want > 1e-12 {
		t.Errorf("ofa-mbv3 size %v, want %v", s.MBv3Size, want)
	}
	if len(s.MACs) != 3 || len(s.MACs[0]) != 20 || len(s.Note10) != 5 || len(s.Note10[0]) != 4 {
		t.Errorf("shapes: %d spaces, %d networks, %d resolutions of %d", len(s.MACs), len(s.MACs[0]), len(s.Note10), len(s.Note10[0]))
	}
	// A larger input costs more on the phone: each network's Note10 latency rises with
	// its resolution.
	for i := range s.Note10[0] {
		for r := 1; r < len(s.Note10); r++ {
			if !(s.Note10[r][i] > s.Note10[r-1][i]) {
				t.Errorf("network %d: %v ms at %d px, %v ms at %d px", i, s.Note10[r-1][i], s.PricedRes[r-1], s.Note10[r][i], s.PricedRes[r])
			}
		}
	}
	c.Priced = 21
	if _, err := c.Samples(); err == nil {
		t.Error("more networks priced than sampled: no error")
	}
}

// The paired differences' estimates are the differences of the SRCC table's estimates,
// computed by another path (stats.BootstrapFrame's full-sample correlations).
func TestTwoEnginesPairedEstimates(t *testing.T) {
	c := DefaultConfig()
	c.Resamples = 100
	two, err := c.TwoEngines()
	datatest.Check(t, err)
	for _, k := range []struct {
		diff     stats.Interval
		gml, ort string
	}{{two.MACsDiff, PairGoMLXMACs, PairORTMACs}, {two.Note10Diff, PairGoMLXN10, PairORTNote10}} {
		want := two.SRCC.must(k.gml).Estimate - two.SRCC.must(k.ort).Estimate
		if math.Abs(k.diff.Estimate-want) > 1e-12 {
			t.Errorf("%s − %s: paired estimate %v, table %v", k.gml, k.ort, k.diff.Estimate, want)
		}
	}
	if two.N != 300 || two.SlowdownQuantiles[0] > two.SlowdownQuantiles[1] || two.SlowdownQuantiles[1] > two.SlowdownQuantiles[2] {
		t.Errorf("%d networks (datasets/README: 300); slowdown quantiles %v", two.N, two.SlowdownQuantiles)
	}
}
