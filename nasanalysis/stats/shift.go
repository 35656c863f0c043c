package stats

import (
	"math"
	"math/rand/v2"
	"slices"
)

// BootstrapShift estimates mean(x) - mean(base) with a percentile-bootstrap interval:
// each of b resamples draws x and base independently with replacement (two independent
// samples, as a profiled block's networks and the baseline's are). NaN values are
// ignored; with fewer than one value on either side the estimate is NaN.
func BootstrapShift(x, base []float64, b int, level float64, rng *rand.Rand) Interval {
	return BootstrapGroups([][]float64{x, base}, func(means []float64) float64 { return means[0] - means[1] }, b, level, rng)
}

// BootstrapGroups estimates a statistic of the means of several independent samples
// (e.g. the spread max - min of block means at one position) with a percentile-bootstrap
// interval: each resample redraws every group with replacement. NaN values are
// ignored; an empty group makes the estimate NaN.
func BootstrapGroups(groups [][]float64, stat func(means []float64) float64, b int, level float64, rng *rand.Rand) Interval {
	present := make([][]float64, len(groups))
	means := make([]float64, len(groups))
	for k, g := range groups {
		present[k] = sortedPresent(g)
		if len(present[k]) == 0 {
			return Interval{Estimate: math.NaN(), Lo: math.NaN(), Hi: math.NaN(), Level: level}
		}
		means[k] = mean(present[k])
	}
	iv := Interval{Estimate: stat(means), Level: level, Lo: math.NaN(), Hi: math.NaN()}
	if b < 1 {
		return iv
	}
	vals := make([]float64, b)
	for r := range vals {
		for k, g := range present {
			s := 0.0
			for range g {
				s += g[rng.IntN(len(g))]
			}
			means[k] = s / float64(len(g))
		}
		vals[r] = stat(means)
	}
	slices.Sort(vals)
	iv.Lo = quantileSorted(vals, (1-level)/2)
	iv.Hi = quantileSorted(vals, (1+level)/2)
	return iv
}

func mean(x []float64) float64 {
	s := 0.0
	for _, v := range x {
		s += v
	}
	return s / float64(len(x))
}

// Spread is max - min of values: how far apart the best and worst choice lie.
func Spread(values []float64) float64 { return slices.Max(values) - slices.Min(values) }
