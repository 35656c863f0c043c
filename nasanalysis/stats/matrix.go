package stats

import (
	"errors"
	"fmt"
	"math"
	"runtime"
	"sort"
	"strconv"
	"sync"
	"sync/atomic"

	"github.com/nasanalysis/nasanalysis/nasanalysis/internal/par"
)

// CorrelationMatrix returns the symmetric matrix of method's correlation between every
// pair of columns (cols[d] is one variable, e.g. one device's latencies; NaN = missing),
// with ones on the diagonal. Entries follow pairwise deletion, exactly as SpearmanRho and
// KendallTauB on the pair would (to rounding).
//
// Unequal column lengths or an unknown method return a nil matrix and the error.
// Undefined entries (a column with no values, fewer than two complete pairs, a column
// constant over the complete pairs) come back as NaN in the matrix together with an
// error joining one *PairError per such pair, so the caller decides whether a partial
// matrix is usable.
//
// Each column is sorted once; every pair then costs O(n) for Spearman and O(n log n)
// for Kendall (see spearmanPair and kendallPair). Pairs are spread over all cores.
func CorrelationMatrix(cols [][]float64, method RankCorrelation) ([][]float64, error) {
	if method != Spearman && method != Kendall {
		return nil, fmt.Errorf("stats: unknown correlation method %q (want spearman or kendall)", method)
	}
	if err := checkColumns(cols); err != nil {
		return nil, err
	}
	m, errs := correlationMatrix(cols, method)
	return m, errors.Join(errs...)
}

func checkColumns(cols [][]float64) error {
	for d := range cols {
		if len(cols[d]) != len(cols[0]) {
			return fmt.Errorf("stats: length mismatch: column %d has %d rows, column 0 has %d", d, len(cols[d]), len(cols[0]))
		}
	}
	if len(cols) > 0 && len(cols[0]) > math.MaxInt32 {
		return fmt.Errorf("stats: %d rows, at most %d supported", len(cols[0]), math.MaxInt32)
	}
	return nil
}

// correlationMatrix computes the matrix of equal-length columns and the errors of its
// undefined entries (nil entries where defined).
func correlationMatrix(cols [][]float64, method RankCorrelation) ([][]float64, []error) {
	k := len(cols)
	out := make([][]float64, k)
	for i := range out {
		out[i] = make([]float64, k)
		out[i][i] = 1
	}
	if k < 2 {
		return out, nil
	}
	spearman := method != Kendall
	n := len(cols[0])
	prep := make([]*column, k)
	defer func() {
		for _, c := range prep {
			if c != nil {
				columnPool.Put(c)
			}
		}
	}()
	forWorkers(k, func() *sortScratch { return getSortScratch(n) }, sortScratchPool.Put, func(s *sortScratch, d int) {
		prep[d] = prepareColumn(cols[d], spearman, s)
	})

	type pair struct{ i, j int }
	pairs := make([]pair, 0, k*(k-1)/2)
	for i := 0; i < k; i++ {
		for j := i + 1; j < k; j++ {
			pairs = append(pairs, pair{i, j})
		}
	}
	errs := make([]error, len(pairs))
	forWorkers(len(pairs), func() *pairScratch { return getPairScratch(n) }, pairScratchPool.Put, func(s *pairScratch, p int) {
		i, j := pairs[p].i, pairs[p].j
		a, b := prep[i], prep[j]
		var r float64
		var m int
		var constA, constB bool
		if spearman {
			r, m, constA, constB = spearmanPair(a, b, s)
		} else {
			r, m, constA, constB = kendallPair(a, b, s)
		}
		if math.IsNaN(r) {
			errs[p] = &PairError{I: i, J: j, Err: pairProblem(m, "column "+strconv.Itoa(i), "column "+strconv.Itoa(j), a.present, b.present, constA, constB)}
		}
		out[i][j], out[j][i] = r, r
	})
	return out, errs
}

// forWorkers calls f(s, i) for every i in [0, n), on one goroutine per core that takes
// the next i from a shared counter and owns one scratch s from get (handed to put at the
// end), so buffers are needed per core rather than per item.
func forWorkers[S any](n int, get func() S, put func(any), f func(s S, i int)) {
	var next atomic.Int64
	par.For(min(runtime.GOMAXPROCS(0), n), func(int) {
		s := get()
		for i := int(next.Add(1) - 1); i < n; i = int(next.Add(1) - 1) {
			f(s, i)
		}
		put(s)
	})
}

// Buffers are pooled across calls: a Spearman matrix of NB201's size needs about 1 MB
// of them, and allocating and zeroing that afresh costs a tenth of the computation. Each
// user overwrites what it reads (see prepareColumn, centredRanks, countingSort).
var columnPool, sortScratchPool, pairScratchPool sync.Pool

// getColumn returns a column whose buffers hold n rows.
func getColumn(n int, spearman bool) *column {
	c, ok := columnPool.Get().(*column)
	if !ok || cap(c.dense) < n {
		c = &column{order: make([]int32, n), dense: make([]int32, n), sorted: make([]int32, n)}
	}
	if spearman {
		if cap(c.centred) < n {
			c.centred = make([]float64, n)
		}
		c.centred = c.centred[:n]
	}
	c.order, c.dense, c.sorted = c.order[:n], c.dense[:n], c.sorted[:n]
	return c
}

func getSortScratch(n int) *sortScratch {
	if s, ok := sortScratchPool.Get().(*sortScratch); ok && cap(s.keys) >= n {
		return s
	}
	return newSortScratch(n)
}

func getPairScratch(n int) *pairScratch {
	s, ok := pairScratchPool.Get().(*pairScratch)
	if !ok || cap(s.ra) < n {
		return newPairScratch(n)
	}
	s.ra, s.rb, s.byXY, s.count = s.ra[:n], s.rb[:n], s.byXY[:n], s.count[:n+1]
	return s
}

// column is one variable prepared once for all the pairs it takes part in.
type column struct {
	present  int
	order    []int32 // rows holding a value, ascending by value, ties in row order
	dense    []int32 // per row: index of its value among the column's distinct values; -1 if missing
	sorted   []int32 // dense in sorted order: dense[order[k]], so tie groups are runs
	distinct int
	complete bool // no value missing

	// Spearman only: per row, the average rank among the column's own values minus
	// their mean rank (0 where missing), and the sum of their squares. These are the
	// ranks over a pair's complete rows whenever the other column is complete.
	centred []float64
	ss      float64
}

// prepareColumn sorts x and fills a pooled column with its order, dense ranks and, for
// Spearman, its own centred ranks.
func prepareColumn(x []float64, spearman bool, s *sortScratch) *column {
	c := getColumn(len(x), spearman)
	var keys []uint64
	c.order, keys = sortedRows(x, c.order[:0], s)
	c.present = len(c.order)
	c.complete = c.present == len(x)
	c.sorted = c.sorted[:c.present]
	for r := range c.dense {
		c.dense[r] = -1
	}
	d := int32(-1)
	for k, r := range c.order {
		if k == 0 || keys[k] != keys[k-1] { // equal keys, equal values
			d++
		}
		c.dense[r], c.sorted[k] = d, d
	}
	c.distinct = int(d + 1)
	if spearman {
		c.ss = centredRanks(c.centred, c, nil, c.present, s.kept)
	}
	return c
}

// centredRanks writes into out, for the rows of c that other keeps (other[r] >= 0; nil
// keeps all), their average rank among the m kept rows minus the mean rank (m+1)/2;
// every other row of out is set to 0, so a dot product over all rows is one over the
// kept rows only. It returns the sum of squares; kept is scratch for up to n rows.
//
// This is the O(n) re-ranking of a column over a pair's complete rows: the sort order
// does not change when rows are dropped, only the rank positions and the tie groups'
// sizes do. One walk along the presorted rows collects the kept rows of each tie group
// and gives them the group's average rank.
//
// All values are multiples of 1/2 and their products multiples of 1/4, and every sum
// of squares or of products stays below (m³/12), so up to about 300,000 rows (2^51
// quarters) the ranks, sums of squares, and dot products of two such vectors are exact;
// beyond, they are accurate to rounding.
func centredRanks(out []float64, c *column, other []int32, m int, kept []int32) (ss float64) {
	clear(out)
	kept = kept[:0]
	pos, start := 0, 0 // kept rows before the current tie group; where it begins in kept
	sorted := c.sorted
	for k, r := range c.order {
		if k > 0 && sorted[k] != sorted[k-1] && len(kept) > start {
			ss += rankGroup(out, kept[start:], pos, m)
			pos, start = pos+len(kept)-start, len(kept)
		}
		if other == nil || other[r] >= 0 {
			kept = append(kept, r)
		}
	}
	if len(kept) > start {
		ss += rankGroup(out, kept[start:], pos, m)
	}
	return ss
}

// rankGroup gives the rows of one tie group, which follows pos kept rows, their average
// rank pos+(t+1)/2 minus the mean rank (m+1)/2, and returns their sum of squares.
func rankGroup(out []float64, rows []int32, pos, m int) float64 {
	v := float64(2*pos+len(rows)-m) / 2
	for _, r := range rows {
		out[r] = v
	}
	return float64(len(rows)) * v * v
}

// completeRows counts the rows where both columns hold a value (dense >= 0).
func completeRows(a, b []int32) int {
	b = b[:len(a)]
	m := 0
	for r, d := range a {
		if d >= 0 && b[r] >= 0 {
			m++
		}
	}
	return m
}

// pairScratch is one worker's buffers, each one row per entry.
type pairScratch struct {
	ra, rb []float64
	kept   []int32
	byY    []int32
	byXY   []int32
	count  []int32
}

func newPairScratch(n int) *pairScratch {
	return &pairScratch{
		ra: make([]float64, n), rb: make([]float64, n),
		kept: make([]int32, 0, n),
		byY:  make([]int32, 0, n), byXY: make([]int32, n),
		count: make([]int32, n+1),
	}
}

// spearmanPair returns Spearman's rho of a and b over their m complete rows (Pearson's
// correlation of the average ranks there) and whether each was constant over them. A
// column whose partner is complete keeps its own ranks; otherwise it is re-ranked over
// the pair's rows in O(n) from its presorted order.
func spearmanPair(a, b *column, s *pairScratch) (rho float64, m int, constA, constB bool) {
	ca, ssa, m := a.centred, a.ss, a.present
	cb, ssb := b.centred, b.ss
	switch {
	case a.complete:
		m = b.present
	case !b.complete:
		m = completeRows(a.dense, b.dense)
	}
	if !b.complete {
		ca, ssa = s.ra, centredRanks(s.ra, a, b.dense, m, s.kept)
	}
	if !a.complete {
		cb, ssb = s.rb, centredRanks(s.rb, b, a.dense, m, s.kept)
	}
	if m < 2 || ssa == 0 || ssb == 0 {
		return math.NaN(), m, ssa == 0, ssb == 0
	}
	// sqrt(fl(s*s)) == s, so identical rank vectors give exactly 1.
	return dot(ca, cb) / math.Sqrt(ssa*ssb), m, false, false
}

// dot is the dot product of two centred rank vectors. Every partial sum is exact (see
// centredRanks), so four interleaved sums, which keep the adder busy, give the same
// result as one.
func dot(x, y []float64) float64 {
	y = y[:len(x)]
	var s0, s1, s2, s3 float64
	i := 0
	for ; i+4 <= len(x); i += 4 {
		s0 += x[i] * y[i]
		s1 += x[i+1] * y[i+1]
		s2 += x[i+2] * y[i+2]
		s3 += x[i+3] * y[i+3]
	}
	for ; i < len(x); i++ {
		s0 += x[i] * y[i]
	}
	return (s0 + s1) + (s2 + s3)
}

// kendallPair returns Kendall's tau-b of a and b over their m complete rows by Knight's
// algorithm, as KendallTauB, and whether each was constant over them. The list sorted by
// (x, y) that Knight's algorithm starts from costs O(n) here instead of a sort: b's
// presorted rows, filtered to the pair, are in y order, and a stable counting sort by a's
// dense rank puts them in x order with y order kept inside ties. Only the swap count
// (see inversions) is O(n log n).
func kendallPair(a, b *column, s *pairScratch) (tau float64, m int, constA, constB bool) {
	byY := s.byY[:0]
	for _, r := range b.order {
		if a.dense[r] >= 0 {
			byY = append(byY, r)
		}
	}
	m = len(byY)
	n2 := tiedPairsBy(byY, b.dense)
	byXY := countingSort(s.byXY[:m], byY, a.dense, s.count[:a.distinct+1])
	n1 := tiedPairsBy(byXY, a.dense)
	n3 := tiedPairsBoth(byXY, a.dense, b.dense)
	swaps := inversions(byXY, b.dense, s.count[:b.distinct+1])
	n0 := int64(m) * int64(m-1) / 2
	if m < 2 || n0 == n1 || n0 == n2 {
		return math.NaN(), m, n0 == n1, n0 == n2
	}
	return tauB(float64(n0), float64(n1), float64(n2), float64(n3), float64(swaps)), m, false, false
}

// countingSort writes rows into out ordered stably by key[row], a value in
// [0, len(count)-1), and returns out.
func countingSort(out, rows, key, count []int32) []int32 {
	clear(count)
	for _, r := range rows {
		count[key[r]+1]++
	}
	for d := 1; d < len(count); d++ {
		count[d] += count[d-1]
	}
	for _, r := range rows {
		k := key[r]
		out[count[k]] = r
		count[k]++
	}
	return out
}

// tiedPairsBy counts the pairs of rows with equal key along rows, which must keep equal
// keys together: the sum of t(t-1)/2 over its runs of t equal keys.
func tiedPairsBy(rows, key []int32) int64 {
	var pairs int64
	for i := 0; i < len(rows); {
		j := i + 1
		for j < len(rows) && key[rows[j]] == key[rows[i]] {
			j++
		}
		t := int64(j - i)
		pairs += t * (t - 1) / 2
		i = j
	}
	return pairs
}

// tiedPairsBoth is tiedPairsBy for rows equal in both keys.
func tiedPairsBoth(rows, k1, k2 []int32) int64 {
	var pairs int64
	for i := 0; i < len(rows); {
		j := i + 1
		for j < len(rows) && k1[rows[j]] == k1[rows[i]] && k2[rows[j]] == k2[rows[i]] {
			j++
		}
		t := int64(j - i)
		pairs += t * (t - 1) / 2
		i = j
	}
	return pairs
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

// inversions returns the number of pairs i < j with y[rows[i]] > y[rows[j]] (the swaps a
// stable sort by y makes), for y holding integers in [0, len(tree)-1), by counting with
// a Fenwick tree (tree is scratch) in O(n log d). On NB201's latency columns this is
// about a quarter faster than counting a merge sort's swaps, and needs no copy of the
// values.
func inversions(rows, y, tree []int32) int64 {
	clear(tree)
	var inv int64
	for k, r := range rows {
		v := y[r] + 1
		le := int32(0) // earlier values <= y[r]
		for i := v; i > 0; i &= i - 1 {
			le += tree[i]
		}
		inv += int64(int32(k) - le)
		for i := v; int(i) < len(tree); i += i & -i {
			tree[i]++
		}
	}
	return inv
}
