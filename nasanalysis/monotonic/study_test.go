package monotonic

import (
	"math"
	"strings"
	"testing"

	"github.com/nasanalysis/nasanalysis/nasanalysis/datatest"

	"github.com/nasanalysis/nasanalysis/nasanalysis/data"
	"github.com/nasanalysis/nasanalysis/nasanalysis/stats"
)

func TestEncodeShapes(t *testing.T) {
	for name, width := range map[string]int{"nb201": 31, "fbnet": 22*9 + 1, "ofa-mbv3-gpu": 20*7 + 1 + 1} {
		lat, err := data.LoadLatency("", name)
		datatest.Check(t, err)
		X := Encode(lat)
		for i, x := range X {
			if len(x) != width || x[width-1] != 1 {
				t.Fatalf("%s row %d: %d features (last %v), want %d ending in 1", name, i, len(x), x[len(x)-1], width)
			}
		}
	}
}

func TestSampleSplitErrors(t *testing.T) {
	cand := []int{1, 2, 3, 4, 5}
	if _, err := SplitForSeed(1, cand, 4, 2); err == nil || !strings.Contains(err.Error(), "only 5 are available") {
		t.Errorf("oversized split: %v", err)
	}
	s, err := SplitForSeed(1, cand, 3, 2)
	if err != nil {
		t.Fatal(err)
	}
	seen := map[int]bool{}
	for _, i := range append(s.Train, s.Val...) {
		if seen[i] {
			t.Errorf("cell %d drawn twice", i)
		}
		seen[i] = true
	}
	again, _ := SplitForSeed(1, cand, 3, 2)
	if again.Train[0] != s.Train[0] || again.Val[1] != s.Val[1] {
		t.Error("same seed gave a different split")
	}
	target := []float64{0, 1, math.NaN(), 3, 4, 5}
	if err := (Split{Train: []int{1, 2}}).CheckMeasured(target); err == nil || !strings.Contains(err.Error(), "cell 2") {
		t.Errorf("missing target not reported: %v", err)
	}
}

// OneProxy's public example: proxy true_vpu, target eagle_gtx; SRCC before 0.6905 and about
// 0.869 after adaptation with 60 + 10 target cells by the paper's rule (AdaProxyVal).
// The default rule (GCV) and 5-fold CV, which fit on all 70 cells, do better.
func TestOneProxyAnchor(t *testing.T) {
	lat, err := data.LoadLatency("", "nb201")
	datatest.Check(t, err)
	X := Encode(lat)
	pc, _ := lat.Column("true_vpu")
	tc, _ := lat.Column("eagle_gtx")
	p := &Pair{X: X, Proxy: pc, Target: tc}
	var val, gcv, cv []Result
	for seed := uint64(0); seed < 20; seed++ {
		s, _ := SplitForSeed(seed, Measured(tc), 60, 10)
		for _, m := range []struct {
			rs  *[]Result
			run Runner
		}{{&val, MethodAdaProxyVal.Run}, {&gcv, MethodAdaProxy.Run}, {&cv, MethodAdaProxyCV.Run}} {
			r, err := m.run(p, s)
			if err != nil {
				t.Fatal(err)
			}
			*m.rs = append(*m.rs, r)
		}
	}
	v, g, c := Summarize(val), Summarize(gcv), Summarize(cv)
	if math.Abs(v.MeanBefore-0.6905) > 5e-5 {
		t.Errorf("SRCC before = %.4f, published 0.6905", v.MeanBefore)
	}
	if v.MeanAfter < 0.84 || v.MeanAfter > 0.90 {
		t.Errorf("AdaProxyVal mean SRCC after = %.4f over 20 seeds, published about 0.869", v.MeanAfter)
	}
	if g.MeanAfter < v.MeanAfter || c.MeanAfter < v.MeanAfter {
		t.Errorf("AdaProxy (GCV, %.4f) and AdaProxy-CV (%.4f) should not be worse than the paper's rule (%.4f) here", g.MeanAfter, c.MeanAfter, v.MeanAfter)
	}
}

func TestReuseTableSelfConsistent(t *testing.T) {
	lat, err := data.LoadLatency("", "nb201")
	datatest.Check(t, err)
	acc, err := data.LoadAccuracy("")
	datatest.Check(t, err)
	c10, err := data.AccuracyFor(lat, acc, "cifar10_acc")
	if err != nil {
		t.Fatal(err)
	}
	df, err := ReuseTable(lat, c10, []string{"true_630", "true_640", "eagle_jetson_16"}, []float64{0.5})
	if err != nil {
		t.Fatal(err)
	}
	if df.Nrow() != 6 {
		t.Fatalf("%d rows, want 6 ordered pairs", df.Nrow())
	}
	// true_630 and true_640 rank cells almost identically (SRCC 0.998): reusing one's
	// front on the other keeps nearly all of the hypervolume.
	for r := 0; r < df.Nrow(); r++ {
		p, q := df.Col("proxy").Elem(r).String(), df.Col("target").Elem(r).String()
		srcc := df.Col("srcc").Elem(r).Float()
		a, _ := lat.Column(p)
		b, _ := lat.Column(q)
		if want, err := stats.SpearmanRho(a, b); err != nil || math.Abs(srcc-want) > 1e-12 {
			t.Errorf("%s->%s srcc %v, want %v (%v)", p, q, srcc, want, err)
		}
		if p == "true_630" && q == "true_640" && df.Col("hv_ratio").Elem(r).Float() < 0.99 {
			t.Errorf("true_630 -> true_640 hypervolume ratio %v", df.Col("hv_ratio").Elem(r).Float())
		}
	}
}

// The time for all 306 ordered nb201 pairs at 60 + 10 target cells, one seed each.
func BenchmarkAdaptAll306(b *testing.B) {
	lat, err := data.LoadLatency("", "nb201")
	datatest.Check(b, err)
	X := Encode(lat)
	for _, m := range []Method{MethodAdaProxy, MethodAdaProxyCV, MethodTargetOnly} {
		b.Run(string(m), func(b *testing.B) {
			for i := 0; i < b.N; i++ {
				if _, err := AdaptAll(lat, X, nil, m, 60, 10, 1); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func BenchmarkSolveAdaProxy70(b *testing.B) {
	lat, err := data.LoadLatency("", "nb201")
	datatest.Check(b, err)
	X := Encode(lat)
	pc, _ := lat.Column("true_vpu")
	tc, _ := lat.Column("eagle_gtx")
	w, _ := FitOperatorWeights(X, pc)
	s, _ := SplitForSeed(0, Measured(tc), 70, 0)
	Xs, ys := stats.Take(X, s.Train), stats.Take(tc, s.Train)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := SolveAdaProxy(Xs, ys, w, 1e-3); err != nil {
			b.Fatal(err)
		}
	}
}
