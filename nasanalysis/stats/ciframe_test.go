package stats

import (
	"math"
	"math/rand/v2"
	"testing"
)

func TestBootstrapFrameEstimatesAndOrder(t *testing.T) {
	// x and y agree perfectly (rho 1, so every resample is 1 too); x and z are reversed
	// (rho -1). Hand values, not earlier output.
	x := []float64{1, 2, 3, 4, 5}
	y := []float64{10, 20, 30, 40, 50}
	z := []float64{5, 4, 3, 2, 1}
	calls := 0
	df, err := BootstrapFrame("with", []NamedPair{{"y", x, y}, {"z", x, z}}, Spearman, 100, 0.9, func(k int) *rand.Rand {
		if k != calls {
			t.Errorf("rngFor(%d) called out of order (want %d)", k, calls)
		}
		calls++
		return rand.New(rand.NewPCG(1, 2))
	})
	if err != nil {
		t.Fatal(err)
	}
	if names := df.Names(); len(names) != 4 || names[0] != "with" || names[1] != "spearman" || names[2] != "lo" || names[3] != "hi" {
		t.Fatalf("columns %v", df.Names())
	}
	want := []struct {
		name string
		est  float64
	}{{"y", 1}, {"z", -1}}
	for r, w := range want {
		if got := df.Col("with").Elem(r).String(); got != w.name {
			t.Errorf("row %d name %q, want %q", r, got, w.name)
		}
		if e := df.Col("spearman").Elem(r).Float(); e != w.est {
			t.Errorf("row %d estimate %v, want %v", r, e, w.est)
		}
	}
	if calls != 2 {
		t.Errorf("rngFor called %d times, want 2", calls)
	}
}

func TestPairSamples(t *testing.T) {
	cols := [][]float64{{1}, {2}, {3}}
	ps := PairSamples([]string{"a", "b", "c"}, cols, []PairValue{{A: "c", B: "a"}})
	if len(ps) != 1 || ps[0].Name != "c / a" || ps[0].X[0] != 3 || ps[0].Y[0] != 1 {
		t.Errorf("PairSamples = %+v", ps)
	}
}

func TestCountAtLeastAndOffDiagonalMean(t *testing.T) {
	if n := CountAtLeast([]float64{0.5, 0.9, 0.95, math.NaN(), 0.89}, 0.9); n != 2 {
		t.Errorf("CountAtLeast = %d, want 2", n)
	}
	// Off-diagonal entries 2, 4, NaN, 6 -> (2+4+6)/3 = 4.
	m := [][]float64{{100, 2, 4}, {math.NaN(), 100, 6}, {math.NaN(), math.NaN(), math.NaN()}}
	m[2] = []float64{math.NaN(), math.NaN(), 7}
	if v := OffDiagonalMean(m); v != 4 {
		t.Errorf("OffDiagonalMean = %v, want 4", v)
	}
	if v := OffDiagonalMean([][]float64{{1}}); !math.IsNaN(v) {
		t.Errorf("OffDiagonalMean of a 1x1 matrix = %v, want NaN", v)
	}
}

func TestIntervalOverlaps(t *testing.T) {
	a, b, c := Interval{Lo: 0.1, Hi: 0.5}, Interval{Lo: 0.5, Hi: 0.9}, Interval{Lo: 0.6, Hi: 0.7}
	if !a.Overlaps(b) || !b.Overlaps(a) || a.Overlaps(c) || c.Overlaps(a) || !b.Overlaps(c) {
		t.Error("Overlaps disagrees with the hand answer: a-b touch at 0.5, a-c are apart, c inside b")
	}
}
