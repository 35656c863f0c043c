package monotonic

import (
	"math"
	"slices"
	"strings"
	"testing"

	"github.com/go-gota/gota/dataframe"
	"github.com/go-gota/gota/series"

	"github.com/nasanalysis/nasanalysis/nasanalysis/data"
	"github.com/nasanalysis/nasanalysis/nasanalysis/predictor"
	"github.com/nasanalysis/nasanalysis/nasanalysis/stats"
)

func TestMatrixSummaryByHand(t *testing.T) {
	// Upper triangle: (a,b) 0.95 in [0.9, 1.0], (a,c) 0.5 in [0.4, 0.7], (b,c) 0.9 in [0.85, 0.95].
	m := Matrix{Devices: []string{"a", "b", "c"},
		Value: [][]float64{{1, 0.95, 0.5}, {0.95, 1, 0.9}, {0.5, 0.9, 1}},
		Lo:    [][]float64{{1, 0.9, 0.4}, {0.9, 1, 0.85}, {0.4, 0.85, 1}},
		Hi:    [][]float64{{1, 1.0, 0.7}, {1.0, 1, 0.95}, {0.7, 0.95, 1}}}
	s, err := m.Summary(0.9)
	// Widths 0.1, 0.3, 0.1: median 0.1, max 0.3; two pairs reach 0.9.
	if err != nil || s.Pairs != 3 || s.AtLeast != 2 || math.Abs(s.MedianWidth-0.1) > 1e-12 || math.Abs(s.MaxWidth-0.3) > 1e-12 {
		t.Errorf("Summary = %+v, %v", s, err)
	}
}

func TestSummarizeReuseByHand(t *testing.T) {
	df := dataframe.New(
		series.New([]float64{0.95, 0.5, 0.92, 0.3}, series.Float, "srcc"),
		series.New([]float64{1, 0.5, 0.75, 0.25}, series.Float, "recovered"),
		series.New([]float64{0.99, 0.9, 0.97, 0.8}, series.Float, "hv_ratio"),
		series.New([]float64{0, 1, 0, 3}, series.Float, "loss_q50"),
	)
	s, err := SummarizeReuse(df, 0.9)
	if err != nil {
		t.Fatal(err)
	}
	// Medians of 4 values: recovered (0.5+0.75)/2, hv (0.9+0.97)/2, loss (0+1)/2.
	// Above 0.9: hv 0.99, 0.97 -> 0.98; below: 0.9, 0.8 -> 0.85. srcc and hv rank alike: 1.
	want := ReuseSummary{Pairs: 4, Recovered: 0.625, HVRatio: 0.935, Loss: []float64{0.5}, LossColumns: []string{"loss_q50"},
		Above: 2, Below: 2, HVAbove: 0.98, HVBelow: 0.85, SRCCvsHypervolume: 1}
	near := func(a, b float64) bool { return math.Abs(a-b) < 1e-12 }
	if s.Pairs != want.Pairs || !near(s.Recovered, want.Recovered) || !near(s.HVRatio, want.HVRatio) || !near(s.Loss[0], 0.5) ||
		s.Above != 2 || s.Below != 2 || !near(s.HVAbove, want.HVAbove) || !near(s.HVBelow, want.HVBelow) || !near(s.SRCCvsHypervolume, 1) {
		t.Errorf("SummarizeReuse = %+v, want %+v", s, want)
	}
	if _, err := SummarizeReuse(df.Drop("hv_ratio"), 0.9); err == nil {
		t.Error("a table without hv_ratio should be an error")
	}
}

// Three architectures, value 1, 2, 3. On device a latencies 1, 2, 3: every architecture
// is Pareto-optimal. On b latencies 3, 2, 1: architecture 2 is fastest and best, the
// front is {2}. Reusing a's set on b keeps 2 (ratio 1); reusing b's set {2} on a loses
// the cheaper ends of a's front, so b -> a is the worst pair and recovers 1 of 3.
func TestWorstReuseByHand(t *testing.T) {
	ds, err := data.Lookup("nb201")
	if err != nil {
		t.Fatal(err)
	}
	tab := &data.LatencyTable{Dataset: ds, Archs: []string{"x", "y", "z"}, Devices: []string{"a", "b"},
		Latency: [][]float64{{1, 2, 3}, {3, 2, 1}}}
	w, err := WorstReuse(tab, []float64{1, 2, 3})
	if err != nil {
		t.Fatal(err)
	}
	sorted := func(x []int) []int { y := slices.Clone(x); slices.Sort(y); return y }
	if w.Proxy != "b" || w.Target != "a" || !slices.Equal(sorted(w.ProxyFront), []int{2}) || !slices.Equal(sorted(w.ProxyFrontOnTarget), []int{2}) ||
		!slices.Equal(sorted(w.TargetFront), []int{0, 1, 2}) || math.Abs(w.Recovered-1.0/3) > 1e-12 || !(w.HVRatio < 1) {
		t.Errorf("WorstReuse = %+v", w)
	}
}

func TestGridsFrameByHand(t *testing.T) {
	nan := math.NaN()
	devs := []string{"p", "q", "r"}
	g := Grid{Method: MethodAdaProxy, Devices: devs,
		After:        [][]float64{{nan, 0.95, 0.5}, {0.92, nan, 0.8}, {0.7, 0.91, nan}},
		AfterHeldOut: [][]float64{{nan, 0.94, 0.4}, {0.9, nan, 0.8}, {0.7, 0.9, nan}}}
	base := Grid{Method: MethodTargetOnly, Devices: devs,
		After:        [][]float64{{nan, 0.9, 0.6}, {0.9, nan, 0.6}, {0.9, 0.9, nan}},
		AfterHeldOut: [][]float64{{nan, 0.9, 0.6}, {0.9, nan, 0.6}, {0.9, 0.9, nan}}}
	df := GridsFrame([]Grid{g, base}, 0.9)
	if err := df.Error(); err != nil {
		t.Fatal(err)
	}
	// adaproxy, all cells: 0.95, 0.92, 0.91 reach 0.9; mean (0.95+0.5+0.92+0.8+0.7+0.91)/6
	// = 4.78/6; worst 0.5 (p → r); below target-only at p → r and r → p: 2. Held out:
	// 0.94, 0.9, 0.9 reach 0.9; mean 4.64/6; worst 0.4 (p → r); below at p → r, r → p: 2.
	// target-only is never below itself.
	want := map[string][]any{
		"method": {"adaproxy", "target-only"}, "pairs": {6.0, 6.0},
		"pairs_srcc_ge_0.9": {3.0, 4.0}, "mean_srcc": {4.78 / 6, 4.8 / 6}, "worst_srcc": {0.5, 0.6},
		"worst_pair": {"p → r", "p → r"}, "below_target_only": {2.0, 0.0},
		"pairs_srcc_ge_0.9_heldout": {3.0, 4.0}, "mean_srcc_heldout": {4.64 / 6, 4.8 / 6}, "worst_srcc_heldout": {0.4, 0.6},
		"worst_pair_heldout": {"p → r", "p → r"}, "below_target_only_heldout": {2.0, 0.0},
	}
	if df.Ncol() != len(want) {
		t.Errorf("columns %v, want %d", df.Names(), len(want))
	}
	for c, vals := range want {
		for r, v := range vals {
			e := df.Col(c).Elem(r)
			switch v := v.(type) {
			case string:
				if e.String() != v {
					t.Errorf("%s[%d] = %q, want %q", c, r, e.String(), v)
				}
			case float64:
				if math.Abs(e.Float()-v) > 1e-12 {
					t.Errorf("%s[%d] = %v, want %v", c, r, e.Float(), v)
				}
			}
		}
	}
	// Without a target-only grid there is no baseline to be below.
	if v := GridsFrameScored([]Grid{g}, 0.9).Col("below_target_only").Elem(0).Float(); !math.IsNaN(v) {
		t.Errorf("below_target_only without a baseline = %v, want NaN", v)
	}
	// The per-pair listing names held-out columns apart.
	g.BeforeHeldOut, g.StdAfterHeldOut = base.After, base.After
	g.Before, g.StdAfter = base.After, base.After
	pf := g.FrameScored(ScoreAll, ScoreHeldOut)
	if strings.Join(pf.Names(), ",") != "proxy,target,srcc_before,srcc_after,srcc_after_sd,srcc_before_heldout,srcc_after_heldout,srcc_after_sd_heldout" ||
		pf.Nrow() != 6 || pf.Col("target").Elem(1).String() != "r" || pf.Col("srcc_after_heldout").Elem(1).Float() != 0.4 {
		t.Errorf("FrameScored =\n%v", pf)
	}
	if strings.Join(g.Frame().Names(), ",") != "proxy,target,srcc_before,srcc_after,srcc_after_sd" {
		t.Errorf("Frame columns %v", g.Frame().Names())
	}
}

func TestCurvesFrameAndBand(t *testing.T) {
	c := MethodCurve{Method: MethodTargetOnly, Points: []AdaptPoint{
		{Samples: 10, Summary: SeedSummary{MeanAfter: 0.5, StdAfter: 0.1}, HeldOut: SeedSummary{MeanAfter: 0.45, StdAfter: 0.2}},
		{Samples: 20, Summary: SeedSummary{MeanAfter: 0.7, StdAfter: 0.05}, HeldOut: SeedSummary{MeanAfter: 0.65, StdAfter: 0.04}},
	}}
	x, mean, sd := c.Band()
	if !slices.Equal(x, []float64{10, 20}) || !slices.Equal(mean, []float64{0.5, 0.7}) || !slices.Equal(sd, []float64{0.1, 0.05}) {
		t.Errorf("Band = %v %v %v", x, mean, sd)
	}
	if _, mean, sd := c.BandScored(ScoreHeldOut); !slices.Equal(mean, []float64{0.45, 0.65}) || !slices.Equal(sd, []float64{0.2, 0.04}) {
		t.Errorf("held-out Band = %v %v", mean, sd)
	}
	df := CurvesFrame([]PairCurves{{Proxy: "p", Target: "q", Before: 0.3, Curves: []MethodCurve{c}}}, []int{20, 70})
	if df.Col("pair").Elem(0).String() != "p → q" || df.Col("n20").Elem(0).Float() != 0.7 || !math.IsNaN(df.Col("n70").Elem(0).Float()) ||
		df.Col("n20_heldout").Elem(0).Float() != 0.65 || !math.IsNaN(df.Col("n70_heldout").Elem(0).Float()) {
		t.Errorf("CurvesFrame = %v", df)
	}
}

// The unadapted proxy scores its own SRCC with the target, whatever the seed: a proxy
// that reverses the target's order gives -1 before and after, on all cells and on the
// six each seed leaves out.
func TestCompareMethodsProxyByHand(t *testing.T) {
	n := 12
	p := &Pair{Proxy: make([]float64, n), Target: make([]float64, n)}
	for i := range n {
		p.Proxy[i], p.Target[i] = float64(i+1), float64(n-i)
	}
	c, err := CompareMethods(p, []Method{MethodProxy}, 4, 2, 3)
	if err != nil {
		t.Fatal(err)
	}
	if c.Kept(MethodProxy) != 0 || len(c.HeldOut[0].After) != 3 {
		t.Errorf("comparison %+v: no λ kept, three held-out seeds", c)
	}
	df := c.Frame()
	if df.Col("method").Elem(0).String() != "proxy" || df.Col("seeds").Elem(0).Float() != 3 ||
		df.Col("before").Elem(0).Float() != -1 || df.Col("mean_after").Elem(0).Float() != -1 || df.Col("sd_after").Elem(0).Float() != 0 ||
		df.Col("mean_after_heldout").Elem(0).Float() != -1 || df.Col("sd_after_heldout").Elem(0).Float() != 0 {
		t.Errorf("CompareMethods = %v", df)
	}
}

func TestFineTuneComparisonChecksSeedCounts(t *testing.T) {
	if _, err := FineTuneComparison(&data.LatencyTable{}, nil, []stats.PairValue{{A: "a", B: "b"}}, nil, predictor.DefaultMLP, 1, 4, 2); err == nil {
		t.Error("one pair with no seed count should be an error")
	}
}

// With the unadapted proxy, every point of the curve is the proxy's own SRCC: a proxy
// that reverses the target gives -1 before and at every sample count.
func TestAdaptCurvesProxyByHand(t *testing.T) {
	ds, err := data.Lookup("nb201")
	if err != nil {
		t.Fatal(err)
	}
	n := 14
	tab := &data.LatencyTable{Dataset: ds, Devices: []string{"a", "b"}, Latency: [][]float64{make([]float64, n), make([]float64, n)}}
	for i := range n {
		tab.Archs = append(tab.Archs, "x")
		tab.Latency[0][i], tab.Latency[1][i] = float64(i+1), float64(n-i)
	}
	pcs, err := AdaptCurves(tab, nil, []stats.PairValue{{A: "a", B: "b"}}, []Method{MethodProxy}, []int{7, 14}, 2)
	if err != nil {
		t.Fatal(err)
	}
	if len(pcs) != 1 || pcs[0].Before != -1 || len(pcs[0].Curves) != 1 || len(pcs[0].Curves[0].Points) != 2 {
		t.Fatalf("AdaptCurves = %+v", pcs)
	}
	for _, p := range pcs[0].Curves[0].Points {
		if p.Summary.MeanAfter != -1 {
			t.Errorf("at %d samples mean after %v, want -1", p.Samples, p.Summary.MeanAfter)
		}
	}
	if _, err := AdaptCurves(tab, nil, []stats.PairValue{{A: "a", B: "nope"}}, []Method{MethodProxy}, []int{7}, 1); err == nil {
		t.Error("an unknown device should be an error")
	}
}

// The before column is the proxy's own SRCC with the target (a reversing proxy: -1), and
// each pair gets its own seed count.
func TestFineTuneComparisonBeforeByHand(t *testing.T) {
	ds, err := data.Lookup("nb201")
	if err != nil {
		t.Fatal(err)
	}
	n := 20
	tab := &data.LatencyTable{Dataset: ds, Devices: []string{"a", "b"}, Latency: [][]float64{make([]float64, n), make([]float64, n)}}
	X := make([][]float64, n)
	for i := range n {
		tab.Archs = append(tab.Archs, "x")
		X[i] = []float64{1, float64(i % 2), float64(i % 3), float64(i % 5)}
		tab.Latency[0][i], tab.Latency[1][i] = float64(i+1), float64(2*n-i)
	}
	s, err := FineTuneComparison(tab, X, []stats.PairValue{{A: "a", B: "b"}}, []int{2}, predictor.DefaultMLP, 5, 8, 4)
	if err != nil {
		t.Fatal(err)
	}
	if len(s.After) != 1 || len(s.After[0]) != 4 || len(s.After[0][3].After) != 2 {
		t.Errorf("study %+v: one pair, four methods, two seeds", s)
	}
	df := s.Frame()
	if df.Nrow() != 1 || df.Col("pair").Elem(0).String() != "a → b" || df.Col("seeds").Elem(0).Float() != 2 || df.Col("before").Elem(0).Float() != -1 {
		t.Errorf("FineTuneComparison =\n%v", df)
	}
}
