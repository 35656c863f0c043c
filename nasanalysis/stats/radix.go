package stats

import "math"

// sortedRows appends to rows the rows of x that hold a value (not NaN), ascending by
// value, ties in row order, and returns them with their sort keys (see sortKey; s.keys,
// valid until s is used again).
//
// It is a radix sort on order-preserving integer keys rather than a comparison sort:
// sorting the columns is the one step of a Spearman matrix that is not O(n), and on
// NB201's 1,999-row latency columns this is several times faster than sort.Slice on
// indices or even slices.Sort on the bare values.
func sortedRows(x []float64, rows []int32, s *sortScratch) ([]int32, []uint64) {
	keys := s.keys[:0]
	for r, v := range x {
		if !math.IsNaN(v) {
			keys = append(keys, sortKey(v))
			rows = append(rows, int32(r))
		}
	}
	radixSort(keys, rows, s.kbuf[:len(keys)], s.rbuf[:len(keys)])
	return rows, keys
}

// sortScratch holds sortedRows' buffers, one entry per row of the column.
type sortScratch struct {
	keys, kbuf []uint64
	rbuf       []int32
	kept       []int32 // for centredRanks
}

func newSortScratch(n int) *sortScratch {
	return &sortScratch{keys: make([]uint64, n), kbuf: make([]uint64, n), rbuf: make([]int32, n), kept: make([]int32, 0, n)}
}

// sortKey maps a non-NaN float64 to a uint64 in the same order, -0 and +0 to the same
// key (they compare equal, so they must tie): flip every bit of a negative number, only
// the sign bit of the others.
func sortKey(v float64) uint64 {
	if v == 0 {
		v = 0 // -0 -> +0
	}
	u := math.Float64bits(v)
	if u>>63 == 1 {
		return ^u
	}
	return u | 1<<63
}

// radixSort sorts keys ascending, stably, moving rows along with them. It sorts by the
// high 32 bits (sign, exponent and the top 20 bits of the mantissa) first, which already
// separates values that differ in their sixth significant digit, and then sorts each run
// of equal high halves by the low halves; such runs are mostly exact ties, which need no
// work. That halves the passes on measured data (up to 8 bytes vary in a latency column).
// kbuf and rbuf are scratch as long as keys.
func radixSort(keys []uint64, rows []int32, kbuf []uint64, rbuf []int32) {
	n := len(keys)
	if n < 2 {
		return
	}
	radixPasses(keys, rows, kbuf, rbuf, 32)
	for i := 0; i < n; {
		j := i + 1
		for j < n && keys[j]>>32 == keys[i]>>32 {
			j++
		}
		if j-i > 1 {
			sortRun(keys[i:j], rows[i:j], kbuf[i:j], rbuf[i:j])
		}
		i = j
	}
}

// sortRun sorts a run of keys that share their high 32 bits (stably, rows along).
func sortRun(keys []uint64, rows []int32, kbuf []uint64, rbuf []int32) {
	if isSortedUint64(keys) {
		return // exact ties, or already in order
	}
	if len(keys) > 16 {
		radixPasses(keys, rows, kbuf, rbuf, 0)
		return
	}
	for i := 1; i < len(keys); i++ { // insertion sort
		k, r := keys[i], rows[i]
		j := i
		for ; j > 0 && keys[j-1] > k; j-- {
			keys[j], rows[j] = keys[j-1], rows[j-1]
		}
		keys[j], rows[j] = k, r
	}
}

func isSortedUint64(keys []uint64) bool {
	for i := 1; i < len(keys); i++ {
		if keys[i] < keys[i-1] {
			return false
		}
	}
	return true
}

// radixPasses sorts keys stably by their four bytes starting at bit shift (least
// significant first), moving rows along, using kbuf and rbuf (as long as keys) as
// scratch. The four histograms are counted in one read of the keys, and a byte that is
// the same in every key costs no pass.
func radixPasses(keys []uint64, rows []int32, kbuf []uint64, rbuf []int32, shift int) {
	n := len(keys)
	var count [4][256]int32
	for _, k := range keys {
		k >>= shift
		count[0][byte(k)]++
		count[1][byte(k>>8)]++
		count[2][byte(k>>16)]++
		count[3][byte(k>>24)]++
	}
	dstK, dstR := keys, rows
	for b := range count {
		c := &count[b]
		s := shift + 8*b
		if c[byte(keys[0]>>s)] == int32(n) {
			continue
		}
		var sum int32
		for d, v := range c {
			c[d] = sum
			sum += v
		}
		for i, k := range keys {
			d := byte(k >> s)
			kbuf[c[d]], rbuf[c[d]] = k, rows[i]
			c[d]++
		}
		keys, kbuf = kbuf, keys
		rows, rbuf = rbuf, rows
	}
	if &keys[0] != &dstK[0] {
		copy(dstK, keys)
		copy(dstR, rows)
	}
}
