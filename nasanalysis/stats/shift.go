package stats

import (
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
)

// BootstrapShift estimates mean(x) - mean(base) with a percentile-bootstrap interval:
// each of b resamples draws x and base independently with replacement (two independent
// samples, as a profiled block's networks and the baseline's are). NaN values are
// ignored. Before drawing anything it returns an error for fewer than MinResamples
// resamples (ErrTooFewResamples), a level outside (0, 1), or x or base without a value
// (ErrNoData).
func BootstrapShift(x, base []float64, b int, level float64, rng *rand.Rand) (Interval, error) {
	if err := checkResamples(b, level); err != nil {
		return nanInterval(level), err
	}
	for _, s := range []struct {
		name string
		v    []float64
	}{{"x", x}, {"base", base}} {
		if countPresent(s.v) == 0 {
			return nanInterval(level), fmt.Errorf("stats: shift: sample %s: %w (%s)", s.name, ErrNoData, allMissing(len(s.v)))
		}
	}
	if rng == nil {
		return nanInterval(level), ErrNilRand
	}
	return bootstrapGroups([][]float64{x, base}, func(means []float64) float64 { return means[0] - means[1] }, b, level, rng), nil
}

// BootstrapGroups estimates a statistic of the means of several independent samples
// (e.g. the spread max - min of block means at one position) with a percentile-bootstrap
// interval: each resample redraws every group with replacement. NaN values are
// ignored. Before drawing anything it returns an error for fewer than MinResamples
// resamples (ErrTooFewResamples), a level outside (0, 1), no groups, or a group without
// a value (ErrNoData); and one, with the interval, when stat of the full-sample means is
// NaN.
func BootstrapGroups(groups [][]float64, stat func(means []float64) float64, b int, level float64, rng *rand.Rand) (Interval, error) {
	if err := checkResamples(b, level); err != nil {
		return nanInterval(level), err
	}
	if len(groups) == 0 {
		return nanInterval(level), fmt.Errorf("stats: bootstrap of group means: %w (no groups)", ErrNoData)
	}
	for k, g := range groups {
		if countPresent(g) == 0 {
			return nanInterval(level), fmt.Errorf("stats: bootstrap of group means: group %d of %d: %w (%s)", k, len(groups), ErrNoData, allMissing(len(g)))
		}
	}
	if rng == nil {
		return nanInterval(level), ErrNilRand
	}
	iv := bootstrapGroups(groups, stat, b, level, rng)
	if math.IsNaN(iv.Estimate) {
		return iv, errors.New("stats: bootstrap of group means: the statistic of the group means is NaN")
	}
	return iv, nil
}

// bootstrapGroups is BootstrapGroups' resampling without its checks: every group must
// hold a value and b must be positive.
func bootstrapGroups(groups [][]float64, stat func(means []float64) float64, b int, level float64, rng *rand.Rand) Interval {
	present := make([][]float64, len(groups))
	means := make([]float64, len(groups))
	for k, g := range groups {
		present[k] = sortedPresent(g)
		means[k] = mean(present[k])
	}
	iv := Interval{Estimate: stat(means), Level: level}
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
