package stats

import (
	"errors"
	"math"
	"slices"
	"strings"
	"testing"
)

// wantErr fails unless err is non-nil and its message holds every one of parts (the
// input it names).
func wantErr(t *testing.T, what string, err error, parts ...string) {
	t.Helper()
	if err == nil {
		t.Errorf("%s: no error", what)
		return
	}
	for _, p := range parts {
		if !strings.Contains(err.Error(), p) {
			t.Errorf("%s: error %q does not say %q", what, err, p)
		}
	}
}

// checkInterval compares an interval with SciPy's to a relative tolerance.
func checkInterval(t *testing.T, what string, got Interval, est, lo, hi, level, tol float64) {
	t.Helper()
	rel := func(a, b float64) bool { return near(a, b, tol*math.Max(1, math.Abs(b))) }
	if !rel(got.Estimate, est) || !rel(got.Lo, lo) || !rel(got.Hi, hi) || got.Level != level {
		t.Errorf("%s = %+v, SciPy %v [%v, %v] at %v", what, got, est, lo, hi, level)
	}
}

// gonum's Student-t quantile (an inverse of the regularised incomplete beta function)
// agrees with SciPy's to about 1e-10 relative, not to the last digit: the t-intervals
// are checked to 1e-9 relative, everything else to 1e-12.
func TestTIntervalMatchesSciPy(t *testing.T) {
	r := readReferenceJSON(t)
	for _, c := range r.TInterval {
		iv, err := TInterval(c.X, c.Level)
		if err != nil {
			t.Fatal(err)
		}
		checkInterval(t, "TInterval", iv, c.Estimate, c.Lo, c.Hi, c.Level, 1e-9)
	}
	for _, c := range r.MeanSD {
		m, sd, err := MeanSD(c.X)
		if err != nil || !near(m, c.Mean, 1e-12) || !near(sd, c.SD, 1e-12) {
			t.Errorf("MeanSD(%v) = %v, %v, %v; NumPy %v, %v", c.X, m, sd, err, c.Mean, c.SD)
		}
	}
	for _, c := range r.PairedTInterval {
		iv, err := PairedTInterval(c.X, c.Y, c.Level)
		if err != nil {
			t.Fatal(err)
		}
		checkInterval(t, "PairedTInterval", iv, c.Estimate, c.Lo, c.Hi, c.Level, 1e-9)
	}
	for _, c := range r.PairedDiffPercent {
		iv, err := PairedDiffPercent(c.X, c.Base, c.Level)
		if err != nil {
			t.Fatal(err)
		}
		checkInterval(t, "PairedDiffPercent", iv, c.Estimate, c.Lo, c.Hi, c.Level, 1e-9)
	}
	for _, c := range r.NormalInterval {
		checkInterval(t, "NormalInterval", NormalInterval(c.Estimate, c.SE, c.Level), c.Estimate, c.Lo, c.Hi, c.Level, 1e-12)
	}
}

func TestTIntervalErrors(t *testing.T) {
	nan := math.NaN()
	_, err := TInterval([]float64{1}, 0.95)
	wantErr(t, "one value", err, "1 values")
	if !errors.Is(err, ErrTooFewValues) {
		t.Errorf("one value: %v is not ErrTooFewValues", err)
	}
	_, err = TInterval([]float64{1, 2, nan}, 0.95)
	wantErr(t, "NaN", err, "x[2]", "NaN")
	_, err = TInterval([]float64{1, 2}, 1)
	wantErr(t, "level 1", err, "level 1")
	if !errors.Is(err, ErrLevel) {
		t.Errorf("level 1: %v is not ErrLevel", err)
	}
	_, _, err = MeanSD(nil)
	wantErr(t, "MeanSD(nil)", err, "0 values")
	_, _, err = MeanSD([]float64{1, math.Inf(1)})
	wantErr(t, "MeanSD with +Inf", err, "x[1]", "+Inf")
	_, err = PairedTInterval([]float64{1, 2, 3}, []float64{1, 2}, 0.95)
	wantErr(t, "paired lengths", err, "x has 3", "y has 2")
	_, err = PairedTInterval([]float64{1, 2, 3}, []float64{1, nan, 2}, 0.95)
	wantErr(t, "paired NaN", err, "y[1]")
	_, err = PairedDiffPercent([]float64{1, 2}, []float64{-1, 1}, 0.95)
	wantErr(t, "zero base mean", err, "mean of base is 0")
	_, err = PairedDiffPercent([]float64{1, 2}, []float64{1, nan}, 0.95)
	wantErr(t, "NaN base", err, "base[1]")
	_, err = PairedDiffPercent([]float64{1}, []float64{2, 3}, 0.95)
	wantErr(t, "percent lengths", err, "x has 1", "base has 2")
	// Zero spread: the interval is the point itself (hand value).
	if iv, err := PairedTInterval([]float64{3, 4, 5}, []float64{1, 2, 3}, 0.95); err != nil || iv.Estimate != 2 || iv.Lo != 2 || iv.Hi != 2 {
		t.Errorf("constant difference 2: %+v, %v", iv, err)
	}
	for _, c := range []struct{ se, level float64 }{{-1, 0.95}, {nan, 0.95}, {1, 0}, {1, 1.5}} {
		if iv := NormalInterval(3, c.se, c.level); !math.IsNaN(iv.Lo) || !math.IsNaN(iv.Hi) || iv.Estimate != 3 {
			t.Errorf("NormalInterval(3, %v, %v) = %+v, want NaN bounds", c.se, c.level, iv)
		}
	}
}

func TestSignAndWidth(t *testing.T) {
	nan := math.NaN()
	for _, c := range []struct {
		iv   Interval
		want int
	}{
		{Interval{Lo: 0.1, Hi: 0.4}, 1},
		{Interval{Lo: -0.4, Hi: -0.1}, -1},
		{Interval{Lo: -0.1, Hi: 0.4}, 0},
		{Interval{Lo: 0, Hi: 0.4}, 0}, // touching 0 is no difference
		{Interval{Lo: -0.3, Hi: 0}, 0},
		{Interval{Lo: nan, Hi: nan}, 0},
	} {
		if got := c.iv.Sign(); got != c.want {
			t.Errorf("%+v.Sign() = %d, want %d", c.iv, got, c.want)
		}
	}
	if w := (Interval{Lo: -0.25, Hi: 0.5}).Width(); w != 0.75 {
		t.Errorf("Width = %v, want 0.75", w)
	}
}

func TestCochranQMatchesSciPy(t *testing.T) {
	r := readReferenceJSON(t)
	for _, c := range r.CochranQ {
		q, df, p, err := CochranQ(c.Estimates, c.SEs)
		if err != nil || !near(q, c.Q, 1e-12) || df != c.DF || !near(p, c.P, 1e-12) {
			t.Errorf("CochranQ(%v, %v) = %v, %d, %v, %v; SciPy %v, %d, %v", c.Estimates, c.SEs, q, df, p, err, c.Q, c.DF, c.P)
		}
	}
	_, _, _, err := CochranQ([]float64{1}, []float64{1})
	wantErr(t, "one estimate", err, "1 estimates")
	_, _, _, err = CochranQ([]float64{1, 2}, []float64{1})
	wantErr(t, "lengths", err, "2 estimates", "1 standard errors")
	_, _, _, err = CochranQ([]float64{1, 2, 3}, []float64{1, 0, 1})
	wantErr(t, "zero se", err, "ses[1] = 0")
	_, _, _, err = CochranQ([]float64{1, math.NaN()}, []float64{1, 1})
	wantErr(t, "NaN estimate", err, "estimates[1]")
}

func TestMeanDifferenceAndRankOrder(t *testing.T) {
	r := readReferenceJSON(t)
	m := r.MeanDifference
	d, se, err := MeanDifference(m.A, m.SeA, m.B, m.SeB)
	if err != nil || !near(d, m.D, 1e-12) || !near(se, m.SE, 1e-12) {
		t.Errorf("MeanDifference = %v ± %v (%v), NumPy %v ± %v", d, se, err, m.D, m.SE)
	}
	_, _, err = MeanDifference([]float64{1}, []float64{-0.1}, []float64{0}, []float64{0.1})
	wantErr(t, "negative se", err, "seA[0]")
	_, _, err = MeanDifference([]float64{1, 2}, []float64{1}, []float64{0}, []float64{0.1})
	wantErr(t, "lengths", err, "a 2", "seA 1")
	_, _, err = MeanDifference(nil, nil, nil, nil)
	if !errors.Is(err, ErrNoData) {
		t.Errorf("no pairs: %v", err)
	}
	order, err := RankOrder(r.RankOrder.X)
	if err != nil || !slices.Equal(order, r.RankOrder.Order) {
		t.Errorf("RankOrder(%v) = %v, %v; NumPy %v", r.RankOrder.X, order, err, r.RankOrder.Order)
	}
	_, err = RankOrder([]float64{1, math.NaN()})
	wantErr(t, "NaN rank order", err, "x[1]")
}
