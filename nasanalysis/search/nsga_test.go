package search

import (
	"math"
	"testing"

	"github.com/nasanalysis/nasanalysis/nasanalysis/arch"
	"github.com/nasanalysis/nasanalysis/nasanalysis/pareto"
)

// By hand: three points on a line in 2-D, (0,2), (1,1), (2,0): the ends get +Inf, the
// middle (2-0)/2 + (2-0)/2 = 2.
func TestCrowdingDistanceByHand(t *testing.T) {
	d := CrowdingDistance([][]float64{{0, 2}, {1, 1}, {2, 0}}, []int{0, 1, 2})
	if !math.IsInf(d[0], 1) || !math.IsInf(d[2], 1) || d[1] != 2 {
		t.Errorf("crowding %v", d)
	}
}

// A problem whose front is known: over the first blocks of the five stages, maximise the
// kernel sum k (15..35) and minimise a cost k + e (e the expand sum, 15..30). For a given
// k the cost is least with every expand ratio 3 (e = 15), so the true front is the line
// (-k, k + 15) for k = 15..35. NSGA-II must return only points of that line, including
// both ends.
func TestNSGA2FindsKnownFront(t *testing.T) {
	obj := func(as []arch.Arch) ([][]float64, error) {
		out := make([][]float64, len(as))
		for i, a := range as {
			m := a.(arch.MBArch)
			k, e := 0.0, 0.0
			for s := range 5 {
				k, e = k+float64(m.KS[4*s]), e+float64(m.E[4*s])
			}
			out[i] = []float64{-k, k + e}
		}
		return out, nil
	}
	cfg := DefaultNSGA
	cfg.Population, cfg.Generations, cfg.Seed = 40, 40, 5
	res, err := NSGA2(arch.Space{Family: arch.OFAMBv3}, obj, cfg, nil)
	if err != nil {
		t.Fatal(err)
	}
	front, _ := pareto.FrontK(res.Points)
	if len(front) != len(res.Points) {
		t.Errorf("%d of %d returned points are non-dominated", len(front), len(res.Points))
	}
	best, cheapest := false, false
	for _, p := range res.Points {
		if p[1] != -p[0]+15 {
			t.Errorf("point %v is off the true front (cost = kernel sum + 15)", p)
		}
		best = best || p[0] == -35
		cheapest = cheapest || p[0] == -15
	}
	if !best || !cheapest {
		t.Errorf("front %v misses an end (kernel sums 35 and 15)", res.Points)
	}
}
