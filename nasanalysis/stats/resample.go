package stats

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
)

// PairedBootstrap is a percentile-bootstrap interval for a statistic of n paired units
// (networks measured by two methods, seeds of two searches) that are resampled
// together: each of b replicates draws n unit indices with replacement from rng and
// calls stat with them, so every quantity the statistic compares sees the same
// resample. The estimate is stat of 0, 1, ..., n-1; the bounds are the (1-level)/2 and
// (1+level)/2 quantiles (Quantile's interpolation) of the replicates, NaN replicates
// (e.g. a rank correlation of a constant resample) dropped. stat must not keep or
// modify idx, a buffer reused between calls.
//
// Before drawing it returns an error for fewer than MinResamples replicates
// (ErrTooFewResamples), a level outside (0, 1), n < 2, a nil stat or rng, or a NaN
// estimate; after drawing, with the interval, when fewer than MinResamples replicates
// were defined. Indices are drawn as rng.IntN(n), unit by unit, replicate by replicate.
func PairedBootstrap(n, b int, level float64, stat func(idx []int) float64, rng *rand.Rand) (Interval, error) {
	iv := nanInterval(level)
	if err := checkResamples(b, level); err != nil {
		return iv, err
	}
	if n < 2 {
		return iv, fmt.Errorf("stats: paired bootstrap: %w: %d units, want at least 2", ErrTooFewValues, n)
	}
	if stat == nil {
		return iv, fmt.Errorf("stats: paired bootstrap: nil statistic")
	}
	if rng == nil {
		return iv, ErrNilRand
	}
	idx := make([]int, n)
	for i := range idx {
		idx[i] = i
	}
	if iv.Estimate = stat(idx); math.IsNaN(iv.Estimate) {
		return iv, fmt.Errorf("stats: paired bootstrap: the statistic is NaN on the full sample of %d units", n)
	}
	vals := make([]float64, 0, b)
	for range b {
		for i := range idx {
			idx[i] = rng.IntN(n)
		}
		if v := stat(idx); !math.IsNaN(v) {
			vals = append(vals, v)
		}
	}
	slices.Sort(vals)
	if len(vals) > 0 {
		iv.Lo = quantileSorted(vals, (1-level)/2)
		iv.Hi = quantileSorted(vals, (1+level)/2)
	}
	if len(vals) < MinResamples {
		return iv, fmt.Errorf("stats: paired bootstrap: %w: only %d of %d replicates of the %d units gave a defined statistic, the minimum is %d",
			ErrTooFewResamples, len(vals), b, n, MinResamples)
	}
	return iv, nil
}

// PermutationResult is the outcome of a permutation test.
type PermutationResult struct {
	Observed float64 // the statistic of the groups as given
	Null95   float64 // 95th percentile of the statistic over the shuffles: what noise alone reaches
	P        float64 // (1 + shuffles reaching Observed) / (1 + Shuffles)
	Shuffles int
}

// PermutationTest asks whether the groups differ by more than chance: it pools their
// values, shuffles the pool among groups of the same sizes, and compares stat of each
// shuffle (the null distribution: no difference between groups) with stat of the
// groups as given. Shuffles are cumulative rng.Shuffle calls on one pooled copy (the
// caller's slices are not touched); stat receives views of it and must not keep or
// modify them.
//
// P = (1 + #{null >= observed}) / (1 + shuffles): the observed arrangement counts as one
// of the equally likely arrangements under the null, so P is never 0 and a test that
// rejects when P <= alpha keeps its level with a finite number of shuffles (Phipson and
// Smyth, "Permutation p-values should never be zero", 2010); it is larger than the
// plain share of shuffles by at most 1/(1+shuffles). Null95 is the 0.95 Quantile of
// the null distribution.
//
// It returns an error for fewer than MinResamples shuffles (ErrTooFewResamples), fewer
// than two groups, an empty group, a NaN value (naming group and index), a nil stat or
// rng, or a NaN statistic (on the groups or on a shuffle).
func PermutationTest(groups [][]float64, stat func(groups [][]float64) float64, shuffles int, rng *rand.Rand) (PermutationResult, error) {
	nan := math.NaN()
	res := PermutationResult{Observed: nan, Null95: nan, P: nan, Shuffles: shuffles}
	if shuffles < MinResamples {
		return res, fmt.Errorf("stats: permutation test: %w: %d shuffles requested, the minimum is %d", ErrTooFewResamples, shuffles, MinResamples)
	}
	if len(groups) < 2 {
		return res, fmt.Errorf("stats: permutation test: %d groups, want at least 2", len(groups))
	}
	var pool []float64
	for g, x := range groups {
		if len(x) == 0 {
			return res, fmt.Errorf("stats: permutation test: group %d of %d: %w (empty)", g, len(groups), ErrNoData)
		}
		for i, v := range x {
			if math.IsNaN(v) {
				return res, fmt.Errorf("stats: permutation test: group %d, value %d is NaN", g, i)
			}
		}
		pool = append(pool, x...)
	}
	if stat == nil {
		return res, fmt.Errorf("stats: permutation test: nil statistic")
	}
	if rng == nil {
		return res, ErrNilRand
	}
	views := make([][]float64, len(groups))
	at := 0
	for g, x := range groups {
		views[g] = pool[at : at+len(x) : at+len(x)]
		at += len(x)
	}
	if res.Observed = stat(views); math.IsNaN(res.Observed) {
		return res, fmt.Errorf("stats: permutation test: the statistic of the groups as given is NaN")
	}
	null := make([]float64, shuffles)
	reach := 0
	for s := range null {
		rng.Shuffle(len(pool), func(a, b int) { pool[a], pool[b] = pool[b], pool[a] })
		if null[s] = stat(views); math.IsNaN(null[s]) {
			return res, fmt.Errorf("stats: permutation test: the statistic of shuffle %d is NaN", s)
		}
		if null[s] >= res.Observed {
			reach++
		}
	}
	slices.Sort(null)
	res.Null95 = quantileSorted(null, 0.95)
	res.P = float64(1+reach) / float64(1+shuffles)
	return res, nil
}

// SpreadOfMeans is the largest group mean minus the smallest: how far apart the best
// and the worst group lie (e.g. the block means at one position of a profile), the
// statistic PermutationTest takes for "does the choice of group matter". Each mean is
// a plain sum over the group in order divided by its size; an empty group, or a NaN,
// makes it NaN.
func SpreadOfMeans(groups [][]float64) float64 {
	if len(groups) == 0 {
		return math.NaN()
	}
	lo, hi := math.Inf(1), math.Inf(-1)
	for _, g := range groups {
		if len(g) == 0 {
			return math.NaN()
		}
		m := mean(g)
		if math.IsNaN(m) {
			return math.NaN()
		}
		lo, hi = math.Min(lo, m), math.Max(hi, m)
	}
	return hi - lo
}

// Take returns x at the indices idx, in idx's order (numpy's take): the units a
// resample drew, or a subset of rows. It panics on an index out of range, a programmer
// error.
func Take[T any](x []T, idx []int) []T {
	out := make([]T, len(idx))
	for k, i := range idx {
		out[k] = x[i]
	}
	return out
}
