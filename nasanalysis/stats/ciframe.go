package stats

import (
	"errors"
	"fmt"
	"math"
	"math/rand/v2"

	"github.com/go-gota/gota/dataframe"
	"github.com/go-gota/gota/series"
)

// NamedPair is a pair of samples, under one name, whose rank correlation is wanted.
type NamedPair struct {
	Name string
	X, Y []float64
}

// PairSamples returns the named column pairs of pairs (each named "A / B"), looking the
// columns up in cols by the names in names.
func PairSamples(names []string, cols [][]float64, pairs []PairValue) []NamedPair {
	idx := make(map[string]int, len(names))
	for i, n := range names {
		idx[n] = i
	}
	out := make([]NamedPair, len(pairs))
	for k, p := range pairs {
		out[k] = NamedPair{Name: p.A + " / " + p.B, X: cols[idx[p.A]], Y: cols[idx[p.B]]}
	}
	return out
}

// BootstrapFrame estimates the rank correlation of each pair with a percentile-bootstrap
// interval (BootstrapCorrelation with b resamples at the given level) and returns one row
// per pair, in order: the name (column key), the estimate (column named after the
// method), lo and hi. Pair k is resampled with rngFor(k): return one shared generator to
// draw all intervals from one stream, or a freshly seeded one to give each pair the same
// draws.
//
// Too few resamples, a bad level or a nil rngFor (ErrNilRand) return an empty frame and
// the error before any rngFor call. Otherwise every pair gets its row, NaN where its
// interval failed (a nil generator from rngFor fails its pair with ErrNilRand), and the
// error joins one error per failed pair, naming it; the caller decides whether a frame
// with such rows is usable.
func BootstrapFrame(key string, pairs []NamedPair, method RankCorrelation, b int, level float64, rngFor func(k int) *rand.Rand) (dataframe.DataFrame, error) {
	if err := checkResamples(b, level); err != nil {
		return dataframe.DataFrame{}, err
	}
	if rngFor == nil {
		return dataframe.DataFrame{}, fmt.Errorf("bootstrap frame of %d pairs: nil rngFor: %w", len(pairs), ErrNilRand)
	}
	names := make([]string, len(pairs))
	est, lo, hi := make([]float64, len(pairs)), make([]float64, len(pairs)), make([]float64, len(pairs))
	var errs []error
	for k, p := range pairs {
		iv, err := BootstrapCorrelation(p.X, p.Y, method, b, level, rngFor(k))
		if err != nil {
			errs = append(errs, fmt.Errorf("pair %q: %w", p.Name, err))
		}
		names[k], est[k], lo[k], hi[k] = p.Name, iv.Estimate, iv.Lo, iv.Hi
	}
	return ciFrame(key, method, names, est, lo, hi), errors.Join(errs...)
}

func ciFrame(key string, method RankCorrelation, names []string, est, lo, hi []float64) dataframe.DataFrame {
	return dataframe.New(
		series.New(names, series.String, key),
		series.New(est, series.Float, string(method)),
		series.New(lo, series.Float, "lo"),
		series.New(hi, series.Float, "hi"),
	)
}

// CountAtLeast returns how many values of x are at least t (NaN counts as below).
func CountAtLeast(x []float64, t float64) int {
	n := 0
	for _, v := range x {
		if v >= t {
			n++
		}
	}
	return n
}

// OffDiagonalMean averages the entries of a square matrix off its diagonal, leaving
// NaN entries out; it is NaN when none is left.
func OffDiagonalMean(m [][]float64) float64 {
	s, n := 0.0, 0
	for i := range m {
		for j := range m[i] {
			if i != j && !math.IsNaN(m[i][j]) {
				s += m[i][j]
				n++
			}
		}
	}
	if n == 0 {
		return math.NaN()
	}
	return s / float64(n)
}

// Overlaps reports whether two intervals share at least one point.
func (iv Interval) Overlaps(o Interval) bool { return iv.Lo <= o.Hi && o.Lo <= iv.Hi }
