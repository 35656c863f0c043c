package latency

import (
	"math"
	"testing"
)

// Agreement by hand: deviations 4 %, 20 %, 0 % and 9 % put 3 of 4 networks within
// ±10 % and 2 within ±5 %; RMSE sqrt((0.04² + 0.2² + 0.27²) / 4) = 0.169189; the
// ranks (2,1,3,4) against (1.5,1.5,3,4) correlate at sqrt(0.9); the median deviation
// is (0.04 + 0.09) / 2.
func TestAgreeByHand(t *testing.T) {
	a, err := Agree("p", []float64{1.04, 0.8, 2.0, 3.27}, []float64{1, 1, 2, 3})
	if err != nil {
		t.Fatal(err)
	}
	near := func(x, y float64) bool { return math.Abs(x-y) < 1e-6 }
	if a.N != 4 || a.Within10 != 0.75 || a.Within5 != 0.5 || !near(a.RMSE, 0.169189) || !near(a.SRCC, math.Sqrt(0.9)) || !near(a.MedianDev, 0.065) {
		t.Errorf("%+v", a)
	}
	if _, err := Agree("p", []float64{1, math.NaN(), 2}, []float64{1, 1, 2}); err == nil {
		t.Error("NaN prediction accepted")
	}
	if _, err := Agree("p", []float64{1, 2, 3}, []float64{1, 0, 2}); err == nil {
		t.Error("zero measurement accepted")
	}
}

// The overhead is the median of measured - sum; the linear map is least squares.
func TestFitOverheadAndLinearMap(t *testing.T) {
	if c, err := FitOverhead([]float64{1, 2, 3}, []float64{1.5, 2.2, 3.9}); err != nil || math.Abs(c-0.5) > 1e-12 {
		t.Errorf("overhead %v, %v; want 0.5", c, err)
	}
	m, err := FitLinearMap([]float64{1, 2, 3}, []float64{3, 5, 7})
	if err != nil || math.Abs(m.Intercept-1) > 1e-12 || math.Abs(m.Slope-2) > 1e-12 {
		t.Errorf("map %+v, %v; want 1 + 2x", m, err)
	}
	if y := m.Apply([]float64{10}); y[0] != 21 {
		t.Errorf("apply: %v", y)
	}
}
