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
// and R's type 7 do. It is NaN for an empty sample. p must lie in [0, 1].
func Quantile(x []float64, p float64) float64 {
	s := sortedPresent(x)
	return quantileSorted(s, p)
}

// Quantiles returns several quantiles of x with one sort.
func Quantiles(x []float64, ps ...float64) []float64 {
	s := sortedPresent(x)
	out := make([]float64, len(ps))
	for i, p := range ps {
		out[i] = quantileSorted(s, p)
	}
	return out
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
	Lo, Hi   float64 // percentile-bootstrap bounds
	Level    float64 // e.g. 0.95
}

// BootstrapCorrelation estimates a confidence interval for a correlation by the
// percentile bootstrap: resample the n pairs with replacement b times, compute the
// correlation on each resample, and take the (1-level)/2 and (1+level)/2 quantiles.
// Missing pairs are dropped first. The same rng state gives the same interval.
func BootstrapCorrelation(x, y []float64, method RankCorrelation, b int, level float64, rng *rand.Rand) Interval {
	cx, cy := complete(x, y)
	f := method.Func()
	n := len(cx)
	iv := Interval{Estimate: f(cx, cy), Level: level, Lo: math.NaN(), Hi: math.NaN()}
	if n < 2 || b < 1 {
		return iv
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
	return iv
}
