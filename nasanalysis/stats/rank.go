package stats

import (
	"errors"
	"fmt"
	"math"
	"sort"

	"gonum.org/v1/gonum/stat"
)

// Ranks returns the 1-based ranks of x, tied values sharing the average of their ranks
// (the "average" method of scipy.stats.rankdata). x must not hold NaN.
func Ranks(x []float64) []float64 {
	n := len(x)
	idx := make([]int, n)
	for i := range idx {
		idx[i] = i
	}
	sort.Slice(idx, func(a, b int) bool { return x[idx[a]] < x[idx[b]] })
	r := make([]float64, n)
	for i := 0; i < n; {
		j := i + 1
		for j < n && x[idx[j]] == x[idx[i]] {
			j++
		}
		avg := float64(i+j+1) / 2 // mean of ranks i+1..j
		for k := i; k < j; k++ {
			r[idx[k]] = avg
		}
		i = j
	}
	return r
}

// RankCorrelation names a rank correlation.
type RankCorrelation string

// The rank correlations this package computes.
const (
	Spearman RankCorrelation = "spearman"
	Kendall  RankCorrelation = "kendall"
)

// ParseRankCorrelation returns the method with the given name.
func ParseRankCorrelation(name string) (RankCorrelation, error) {
	switch m := RankCorrelation(name); m {
	case Spearman, Kendall:
		return m, nil
	}
	return "", fmt.Errorf("unknown correlation method %q (want spearman or kendall)", name)
}

// Func returns the correlation function of m (SpearmanRho or KendallTauB).
func (m RankCorrelation) Func() func(x, y []float64) (float64, error) {
	if m == Kendall {
		return KendallTauB
	}
	return SpearmanRho
}

// unchecked returns m's correlation without the error, NaN where undefined: the form
// the bootstraps call once per resample, where only a count of the defined resamples is
// wanted, not the reason each undefined one fails.
func (m RankCorrelation) unchecked() func(x, y []float64) float64 {
	if m == Kendall {
		return kendallTauB
	}
	return spearmanRho
}

// complete returns the pairs of x and y where both are present; x and y themselves
// (no copy) when nothing is missing.
func complete(x, y []float64) (cx, cy []float64) {
	if len(x) != len(y) {
		panic(fmt.Sprintf("stats: length mismatch %d != %d", len(x), len(y)))
	}
	missing := false
	for i := range x {
		if math.IsNaN(x[i]) || math.IsNaN(y[i]) {
			missing = true
			break
		}
	}
	if !missing {
		return x, y
	}
	for i := range x {
		if !math.IsNaN(x[i]) && !math.IsNaN(y[i]) {
			cx = append(cx, x[i])
			cy = append(cy, y[i])
		}
	}
	return cx, cy
}

// SpearmanRho returns Spearman's rank correlation of x and y: Pearson's correlation of
// their average ranks, over the pairs where both are present. Where rho is undefined it
// returns NaN and an error naming why: unequal lengths, fewer than two complete pairs
// (ErrTooFewPairs, e.g. a column entirely missing), or a variable constant over them
// (ErrConstant).
func SpearmanRho(x, y []float64) (float64, error) {
	return withProblem(Spearman, x, y)
}

// spearmanRho is SpearmanRho without the error (NaN where undefined); x and y must have
// equal lengths.
func spearmanRho(x, y []float64) float64 {
	cx, cy := complete(x, y)
	if len(cx) < 2 {
		return math.NaN()
	}
	return pearson(Ranks(cx), Ranks(cy))
}

func pearson(x, y []float64) float64 {
	r := stat.Correlation(x, y, nil)
	if math.IsInf(r, 0) {
		return math.NaN()
	}
	return r
}

// KendallTauB returns Kendall's tau-b of x and y over the pairs where both are present,
// and NaN with an error naming why where tau-b is undefined (as SpearmanRho).
func KendallTauB(x, y []float64) (float64, error) {
	return withProblem(Kendall, x, y)
}

// kendallTauB is KendallTauB without the error, in O(n log n) by Knight's algorithm:
// tau_b = (n0 - n1 - n2 + n3 - 2 S) / sqrt((n0 - n1)(n0 - n2)), with n0 = n(n-1)/2 pairs,
// n1 and n2 the pairs tied in x and in y, n3 those tied in both, and S the number of
// swaps a merge sort by y makes on the list sorted by (x, y).
func kendallTauB(x, y []float64) float64 {
	cx, cy := complete(x, y)
	n := len(cx)
	if n < 2 {
		return math.NaN()
	}
	idx := make([]int, n)
	for i := range idx {
		idx[i] = i
	}
	sort.Slice(idx, func(a, b int) bool {
		i, j := idx[a], idx[b]
		if cx[i] != cx[j] {
			return cx[i] < cx[j]
		}
		return cy[i] < cy[j]
	})
	xs := make([]float64, n)
	ys := make([]float64, n)
	for k, i := range idx {
		xs[k], ys[k] = cx[i], cy[i]
	}
	n1 := tiedPairs(xs)
	var n3 float64 // pairs tied in both: ys is sorted within each group of equal x
	for i := 0; i < n; {
		j := i + 1
		for j < n && xs[j] == xs[i] {
			j++
		}
		n3 += tiedPairs(ys[i:j])
		i = j
	}
	swaps := float64(mergeCount(ys, make([]float64, n)))
	n2 := tiedPairs(ys) // ys is now sorted
	n0 := float64(n) * float64(n-1) / 2
	return tauB(n0, n1, n2, n3, swaps)
}

// tauB is Knight's tau-b from the pair counts (see KendallTauB); NaN when x or y is
// constant.
func tauB(n0, n1, n2, n3, swaps float64) float64 {
	den := math.Sqrt((n0 - n1) * (n0 - n2))
	if den == 0 {
		return math.NaN()
	}
	return (n0 - n1 - n2 + n3 - 2*swaps) / den
}

// withProblem runs method's correlation and, only when it is NaN, works out why.
func withProblem(method RankCorrelation, x, y []float64) (float64, error) {
	if len(x) != len(y) {
		return math.NaN(), fmt.Errorf("stats: %s: length mismatch %d != %d", method, len(x), len(y))
	}
	r := method.unchecked()(x, y)
	if !math.IsNaN(r) {
		return r, nil
	}
	cx, cy := complete(x, y)
	p := pairProblem(len(cx), "x", "y", countPresent(x), countPresent(y), isConstant(cx), isConstant(cy))
	if p == nil {
		p = errors.New("undefined")
	}
	return r, fmt.Errorf("stats: %s: %w", method, p)
}

func countPresent(x []float64) int {
	n := 0
	for _, v := range x {
		if !math.IsNaN(v) {
			n++
		}
	}
	return n
}

// isConstant reports whether x (no NaN) holds a single distinct value.
func isConstant(x []float64) bool {
	for _, v := range x {
		if v != x[0] {
			return false
		}
	}
	return true
}

// tiedPairs counts the pairs of equal values in an ascending slice: the sum of
// t(t-1)/2 over its runs of t equal values.
func tiedPairs(s []float64) float64 {
	var pairs float64
	for i := 0; i < len(s); {
		j := i + 1
		for j < len(s) && s[j] == s[i] {
			j++
		}
		t := float64(j - i)
		pairs += t * (t - 1) / 2
		i = j
	}
	return pairs
}

// mergeCount sorts a in place (stable, ascending) and returns the number of inversions:
// pairs i < j with a[i] > a[j].
func mergeCount(a, buf []float64) int64 {
	n := len(a)
	if n < 2 {
		return 0
	}
	m := n / 2
	inv := mergeCount(a[:m], buf[:m]) + mergeCount(a[m:], buf[m:])
	i, j, k := 0, m, 0
	for i < m && j < n {
		if a[j] < a[i] {
			buf[k] = a[j]
			inv += int64(m - i)
			j++
		} else {
			buf[k] = a[i]
			i++
		}
		k++
	}
	k += copy(buf[k:], a[i:m])
	copy(buf[k:], a[j:n])
	copy(a, buf[:n])
	return inv
}
