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
// ignored; with fewer than one value on either side the estimate is NaN. Any b is
// taken; BootstrapShiftErr refuses fewer than MinResamples and empty samples.
func BootstrapShift(x, base []float64, b int, level float64, rng *rand.Rand) Interval {
	return BootstrapGroups([][]float64{x, base}, func(means []float64) float64 { return means[0] - means[1] }, b, level, rng)
}

// BootstrapGroups estimates a statistic of the means of several independent samples
// (e.g. the spread max - min of block means at one position) with a percentile-bootstrap
// interval: each resample redraws every group with replacement. NaN values are
// ignored; an empty group makes the estimate NaN. Any b is taken (b < 1 gives NaN
// bounds); BootstrapGroupsErr refuses fewer than MinResamples and empty groups.
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

// BootstrapShiftErr is BootstrapShift with checks: before drawing anything it returns
// an error for fewer than MinResamples resamples (ErrTooFewResamples), a level outside
// (0, 1), or x or base without a value (ErrNoData). Otherwise the interval is
// BootstrapShift's, drawn from rng the same way.
func BootstrapShiftErr(x, base []float64, b int, level float64, rng *rand.Rand) (Interval, error) {
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
	return BootstrapShift(x, base, b, level, rng), nil
}

// BootstrapGroupsErr is BootstrapGroups with checks: before drawing anything it returns
// an error for fewer than MinResamples resamples (ErrTooFewResamples), a level outside
// (0, 1), no groups, or a group without a value (ErrNoData); and one when stat of the
// full-sample means is NaN. Otherwise the interval is BootstrapGroups', drawn from rng
// the same way.
func BootstrapGroupsErr(groups [][]float64, stat func(means []float64) float64, b int, level float64, rng *rand.Rand) (Interval, error) {
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
	iv := BootstrapGroups(groups, stat, b, level, rng)
	if math.IsNaN(iv.Estimate) {
		return iv, errors.New("stats: bootstrap of group means: the statistic of the group means is NaN")
	}
	return iv, nil
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
