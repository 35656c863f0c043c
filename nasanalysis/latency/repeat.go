package latency

import (
	"fmt"
	"math"

	"github.com/nasanalysis/nasanalysis/nasanalysis/stats"
)

// Repeatability is how well two measurements of the same networks agree: the networks
// both files hold, the Spearman correlation of their latencies, and the distribution of
// |a/b - 1| over the networks (its median and 95th percentile), on one column (median_ms,
// or scaled_ms of the paired protocol).
type Repeatability struct {
	Column             string
	N                  int
	SRCC               float64
	MedianDev, P95Dev  float64 // of |a/b - 1|
	RatioMin, RatioMax float64 // of a/b
	OnlyInA, OnlyInB   int
}

// CompareRuns compares two measured files of the same networks on the named column,
// pairing rows by architecture; a network in one file only is counted, not compared.
// A non-positive or missing latency is an error naming the file and line.
func CompareRuns(a, b *Recorded, column string) (Repeatability, error) {
	va, err := a.Floats(column)
	if err != nil {
		return Repeatability{}, err
	}
	vb, err := b.Floats(column)
	if err != nil {
		return Repeatability{}, err
	}
	at := map[string]int{}
	for i, x := range a.Archs {
		at[x.String()] = i
	}
	r := Repeatability{Column: column, RatioMin: math.Inf(1), RatioMax: math.Inf(-1)}
	var xa, xb, dev []float64
	matched := 0
	for j, x := range b.Archs {
		i, ok := at[x.String()]
		if !ok {
			r.OnlyInB++
			continue
		}
		matched++
		for _, c := range []struct {
			path string
			line int
			v    float64
		}{{a.Path, i + 2, va[i]}, {b.Path, j + 2, vb[j]}} {
			if !(c.v > 0) {
				return Repeatability{}, fmt.Errorf("%s line %d, column %s: %v is not a positive latency", c.path, c.line, column, c.v)
			}
		}
		q := va[i] / vb[j]
		xa, xb, dev = append(xa, va[i]), append(xb, vb[j]), append(dev, math.Abs(q-1))
		r.RatioMin, r.RatioMax = math.Min(r.RatioMin, q), math.Max(r.RatioMax, q)
	}
	r.OnlyInA = len(a.Archs) - matched
	r.N = len(xa)
	if r.N < 3 {
		return Repeatability{}, fmt.Errorf("%s and %s share %d networks, want at least 3 to compare", a.Path, b.Path, r.N)
	}
	if r.SRCC, err = stats.SpearmanRho(xa, xb); err != nil {
		return Repeatability{}, err
	}
	q, err := stats.Quantiles(dev, 0.5, 0.95)
	if err != nil {
		return Repeatability{}, err
	}
	r.MedianDev, r.P95Dev = q[0], q[1]
	return r, nil
}
