package stats

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"sort"
)

// Quantile returns the p-quantile of x (NaN values ignored) by linear interpolation
// between order statistics: position p*(n-1) in the sorted sample, as numpy.quantile
// and R's type 7 do. It returns an error for a sample with no value present
// (ErrNoData) and for p outside [0, 1] (ErrLevel).
func Quantile(x []float64, p float64) (float64, error) {
	q, err := Quantiles(x, p)
	if err != nil {
		return math.NaN(), err
	}
	return q[0], nil
}

// Quantiles returns several quantiles of x with one sort, with Quantile's errors.
func Quantiles(x []float64, ps ...float64) ([]float64, error) {
	for _, p := range ps {
		if !(p >= 0 && p <= 1) {
			return nil, fmt.Errorf("stats: %w: quantile level %v outside [0, 1]", ErrLevel, p)
		}
	}
	s := sortedPresent(x)
	if len(s) == 0 {
		return nil, fmt.Errorf("stats: quantile: %w (%s)", ErrNoData, allMissing(len(x)))
	}
	out := make([]float64, len(ps))
	for i, p := range ps {
		out[i] = quantileSorted(s, p)
	}
	return out, nil
}

func sortedPresent(x []float64) []float64 {
	s := make([]float64, 0, len(x))
	for _, v := range x {
		if !math.IsNaN(v) {
			s = append(s, v)
		}
	}
	sort.Float64s(s)
	return s
}

func quantileSorted(s []float64, p float64) float64 {
	if p < 0 || p > 1 || math.IsNaN(p) {
		panic(fmt.Sprintf("stats: quantile level %v outside [0, 1]", p))
	}
	if len(s) == 0 {
		return math.NaN()
	}
	h := p * float64(len(s)-1)
	lo := int(math.Floor(h))
	if lo >= len(s)-1 {
		return s[len(s)-1]
	}
	return s[lo] + (h-float64(lo))*(s[lo+1]-s[lo])
}

// Interval is an estimate with a confidence interval.
type Interval struct {
	Estimate float64 // the statistic on the full sample
	Lo, Hi   float64 // lower and upper bounds
	Level    float64 // e.g. 0.95
}

// BootstrapCorrelation estimates a confidence interval for a rank correlation by the
// percentile bootstrap: resample the n complete pairs with replacement b times, compute
// the correlation on each resample, and take the (1-level)/2 and (1+level)/2 quantiles
// of the defined ones. Missing pairs are dropped first. The same rng state gives the
// same interval.
//
// It returns an error, before drawing anything, for fewer than MinResamples resamples
// (ErrTooFewResamples), a level outside (0, 1), an unknown method, or a correlation that
// is undefined on the full sample (ErrTooFewPairs, ErrConstant; see SpearmanRho); and
// after drawing, with the interval, when fewer than MinResamples resamples gave a
// defined correlation (resamples of a few pairs are often constant).
func BootstrapCorrelation(x, y []float64, method RankCorrelation, b int, level float64, rng *rand.Rand) (Interval, error) {
	iv := nanInterval(level)
	if err := checkResamples(b, level); err != nil {
		return iv, err
	}
	if method != Spearman && method != Kendall {
		return iv, fmt.Errorf("stats: unknown correlation method %q (want spearman or kendall)", method)
	}
	if _, err := withProblem(method, x, y); err != nil {
		return iv, err
	}
	if rng == nil {
		return iv, ErrNilRand
	}
	cx, cy := complete(x, y)
	iv, defined := bootstrapCorrelation(cx, cy, method.unchecked(), b, level, rng)
	if defined < MinResamples {
		return iv, fmt.Errorf("stats: %w: only %d of %d resamples of the %d pairs gave a defined correlation, the minimum is %d",
			ErrTooFewResamples, defined, b, len(cx), MinResamples)
	}
	return iv, nil
}

func nanInterval(level float64) Interval {
	return Interval{Estimate: math.NaN(), Lo: math.NaN(), Hi: math.NaN(), Level: level}
}

// bootstrapCorrelation is BootstrapCorrelation's resampling on complete pairs, without
// checks; it also returns how many resamples gave a defined correlation (the ones the
// bounds come from).
func bootstrapCorrelation(cx, cy []float64, f func(x, y []float64) float64, b int, level float64, rng *rand.Rand) (Interval, int) {
	n := len(cx)
	iv := Interval{Estimate: f(cx, cy), Level: level, Lo: math.NaN(), Hi: math.NaN()}
	if n < 2 || b < 1 {
		return iv, 0
	}
	stat := make([]float64, 0, b)
	bx, by := make([]float64, n), make([]float64, n)
	for r := 0; r < b; r++ {
		for i := range bx {
			k := rng.IntN(n)
			bx[i], by[i] = cx[k], cy[k]
		}
		if v := f(bx, by); !math.IsNaN(v) {
			stat = append(stat, v)
		}
	}
	slices.Sort(stat)
	iv.Lo = quantileSorted(stat, (1-level)/2)
	iv.Hi = quantileSorted(stat, (1+level)/2)
	return iv, len(stat)
}
