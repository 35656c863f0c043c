package pareto

import (
	"math"
	"math/rand/v2"
	"strings"
	"testing"
)

func TestAttainmentByHand(t *testing.T) {
	// Run 0: (1,-5) (2,-7) (4,-8), plus the dominated (3,-6). Run 1: (2,-6) (3,-9).
	runs := [][][]float64{
		{{4, -8}, {1, -5}, {3, -6}, {2, -7}},
		{{3, -9}, {2, -6}},
	}
	att, err := Attainment(runs, []float64{0.5, 1, 2, 3, 10})
	if err != nil {
		t.Fatal(err)
	}
	inf := math.Inf(1)
	want := [][]float64{{inf, -5, -7, -7, -8}, {inf, inf, -6, -9, -9}}
	for r := range want {
		for j := range want[r] {
			if att[r][j] != want[r][j] {
				t.Errorf("run %d budget %d: %v, want %v", r, j, att[r][j], want[r][j])
			}
		}
	}
	med, lo, hi := AttainmentBand(att)
	for j := 0; j < 2; j++ { // some run attains nothing there
		if !math.IsNaN(med[j]) || !math.IsNaN(lo[j]) || !math.IsNaN(hi[j]) {
			t.Errorf("budget %d: %v %v %v, want NaN", j, med[j], lo[j], hi[j])
		}
	}
	for j, w := range [][3]float64{{-6.5, -7, -6}, {-8, -9, -7}, {-8.5, -9, -8}} {
		if med[j+2] != w[0] || lo[j+2] != w[1] || hi[j+2] != w[2] {
			t.Errorf("budget %d: median %v range %v..%v, want %v", j+2, med[j+2], lo[j+2], hi[j+2], w)
		}
	}
}

// Against the definition on random sets with ties: the attained value is the best
// second coordinate among the points within budget, found by a plain scan.
func TestAttainmentMatchesScan(t *testing.T) {
	rng := rand.New(rand.NewPCG(4, 4))
	for trial := 0; trial < 200; trial++ {
		var runs [][][]float64
		for r := 0; r < 1+rng.IntN(5); r++ {
			var pts [][]float64
			for i := 0; i < 1+rng.IntN(20); i++ {
				pts = append(pts, []float64{float64(rng.IntN(10)), float64(rng.IntN(10))})
			}
			runs = append(runs, pts)
		}
		budgets := []float64{-1, 0, 2.5, 5, 9, 20}
		att, err := Attainment(runs, budgets)
		if err != nil {
			t.Fatal(err)
		}
		for r, pts := range runs {
			for j, b := range budgets {
				want := math.Inf(1)
				for _, p := range pts {
					if p[0] <= b && p[1] < want {
						want = p[1]
					}
				}
				if att[r][j] != want {
					t.Fatalf("trial %d run %d budget %v: %v, want %v", trial, r, b, att[r][j], want)
				}
			}
		}
	}
}

func TestAttainmentErrors(t *testing.T) {
	for _, c := range []struct {
		name string
		runs [][][]float64
		want string
	}{
		{"no runs", nil, "no runs"},
		{"empty run", [][][]float64{{{1, 1}}, {}}, "run 1 has no points"},
		{"NaN", [][][]float64{{{1, math.NaN()}}}, "run 0[0][1] is NaN"},
		{"3-D", [][][]float64{{{1, 2, 3}}}, "3 objectives"},
	} {
		if _, err := Attainment(c.runs, []float64{1}); err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: %v, want an error containing %q", c.name, err, c.want)
		}
	}
}
