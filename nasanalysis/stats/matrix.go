package stats

import (
	"math"
	"sort"

	"github.com/nasanalysis/nasanalysis/nasanalysis/internal/par"
)

// CorrelationMatrix returns the symmetric matrix of method's correlation between every
// pair of columns (cols[d] is one variable, e.g. one device's latencies; NaN = missing),
// with ones on the diagonal. Pairs are spread over all cores.
//
// For Spearman, columns without missing values are ranked once and reused; a pair that
// involves missing values is re-ranked over its complete pairs (pairwise deletion).
func CorrelationMatrix(cols [][]float64, method RankCorrelation) [][]float64 {
	k := len(cols)
	out := make([][]float64, k)
	for i := range out {
		out[i] = make([]float64, k)
		out[i][i] = 1
	}
	var ranks [][]float64
	if method == Spearman {
		ranks = make([][]float64, k)
		par.For(k, func(i int) {
			if !hasNaN(cols[i]) {
				ranks[i] = Ranks(cols[i])
			}
		})
	}
	type pair struct{ i, j int }
	var pairs []pair
	for i := 0; i < k; i++ {
		for j := i + 1; j < k; j++ {
			pairs = append(pairs, pair{i, j})
		}
	}
	f := method.Func()
	par.For(len(pairs), func(p int) {
		i, j := pairs[p].i, pairs[p].j
		var r float64
		if ranks != nil && ranks[i] != nil && ranks[j] != nil {
			r = pearson(ranks[i], ranks[j])
		} else {
			r = f(cols[i], cols[j])
		}
		out[i][j], out[j][i] = r, r
	})
	return out
}

func hasNaN(x []float64) bool {
	for _, v := range x {
		if math.IsNaN(v) {
			return true
		}
	}
	return false
}

// PairValue is one off-diagonal entry of a correlation matrix.
type PairValue struct {
	A, B  string
	Value float64
}

// Pairs lists the upper-triangle entries of a symmetric matrix over names, from the
// lowest value to the highest (NaN entries last), ties in name order.
func Pairs(names []string, m [][]float64) []PairValue {
	var out []PairValue
	for i := range names {
		for j := i + 1; j < len(names); j++ {
			out = append(out, PairValue{names[i], names[j], m[i][j]})
		}
	}
	sort.SliceStable(out, func(a, b int) bool {
		va, vb := out[a].Value, out[b].Value
		if math.IsNaN(va) != math.IsNaN(vb) {
			return !math.IsNaN(va)
		}
		return va < vb
	})
	return out
}
