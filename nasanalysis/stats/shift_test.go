package stats

import (
	"errors"
	"math"
	"math/rand/v2"
	"testing"
)

// Hand-checkable cases: the estimate is the plain difference of means; a constant
// sample has a zero-width interval; two samples 10 apart with unit-scale noise give an
// interval around 10 that excludes 0 and, for n = 100 per side, is about ±2·√(2/100)·σ.
func TestBootstrapShift(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	iv, err := BootstrapShift([]float64{3, 5, math.NaN()}, []float64{1, 1, 1, 1}, 200, 0.95, rng)
	if err != nil {
		t.Fatal(err)
	}
	if iv.Estimate != 3 {
		t.Errorf("estimate %v, want 4 - 1 = 3", iv.Estimate)
	}
	if !(iv.Lo >= 2 && iv.Hi <= 4 && iv.Lo < iv.Hi) {
		t.Errorf("interval [%v, %v], want inside [2, 4] (means of resamples of {3, 5} minus 1)", iv.Lo, iv.Hi)
	}
	c, err := BootstrapShift([]float64{2, 2}, []float64{1}, 100, 0.95, rng)
	if err != nil || c.Lo != 1 || c.Hi != 1 {
		t.Errorf("constant samples: [%v, %v], %v", c.Lo, c.Hi, err)
	}
	x, y := make([]float64, 100), make([]float64, 100)
	for i := range x {
		x[i], y[i] = 10+rng.NormFloat64(), rng.NormFloat64()
	}
	if iv, err = BootstrapShift(x, y, 2000, 0.95, rng); err != nil {
		t.Fatal(err)
	}
	half := (iv.Hi - iv.Lo) / 2
	if !(iv.Lo > 9 && iv.Hi < 11) || half < 0.2 || half > 0.36 { // 1.96·√(2/100) = 0.277
		t.Errorf("shift %v [%v, %v]", iv.Estimate, iv.Lo, iv.Hi)
	}
	if e, err := BootstrapShift(nil, y, 100, 0.95, rng); !math.IsNaN(e.Estimate) || !errors.Is(err, ErrNoData) {
		t.Errorf("empty sample: %v, %v", e.Estimate, err)
	}
	s, err := BootstrapGroups([][]float64{{1, 1}, {4, 4}, {2}}, Spread, 100, 0.9, rng)
	if err != nil || s.Estimate != 3 || s.Lo != 3 || s.Hi != 3 {
		t.Errorf("spread of constant groups 1, 4, 2: %+v, %v", s, err)
	}
}
