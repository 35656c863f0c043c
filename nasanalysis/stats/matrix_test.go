package stats

import (
	"errors"
	"math"
	"math/rand/v2"
	"sort"
	"strconv"
	"testing"
)

// The brute-force references below follow the definitions literally and share no code
// with the package: pairwise deletion, then ranks by counting (O(n²)) and Pearson's
// textbook formula for Spearman, and tau-b by enumerating every pair of rows (O(n²)).

// bruteComplete returns the rows where neither x nor y is NaN.
func bruteComplete(x, y []float64) (cx, cy []float64) {
	for i := range x {
		if !math.IsNaN(x[i]) && !math.IsNaN(y[i]) {
			cx, cy = append(cx, x[i]), append(cy, y[i])
		}
	}
	return cx, cy
}

// bruteRanks: rank of v = 1 + (values below v) + (other values equal to v)/2, the
// average of the positions its tie group occupies.
func bruteRanks(x []float64) []float64 {
	r := make([]float64, len(x))
	for i, v := range x {
		below, equal := 0, 0
		for _, w := range x {
			if w < v {
				below++
			} else if w == v {
				equal++
			}
		}
		r[i] = 1 + float64(below) + float64(equal-1)/2
	}
	return r
}

func brutePearson(x, y []float64) float64 {
	n := float64(len(x))
	var mx, my float64
	for i := range x {
		mx += x[i]
		my += y[i]
	}
	mx, my = mx/n, my/n
	var sxy, sxx, syy float64
	for i := range x {
		sxy += (x[i] - mx) * (y[i] - my)
		sxx += (x[i] - mx) * (x[i] - mx)
		syy += (y[i] - my) * (y[i] - my)
	}
	if len(x) < 2 || sxx == 0 || syy == 0 {
		return math.NaN()
	}
	return sxy / math.Sqrt(sxx*syy)
}

func bruteSpearman(x, y []float64) float64 {
	cx, cy := bruteComplete(x, y)
	if len(cx) < 2 {
		return math.NaN()
	}
	return brutePearson(bruteRanks(cx), bruteRanks(cy))
}

// bruteKendall: tau_b = (C - D) / sqrt((C + D + Tx)(C + D + Ty)) with C, D the
// concordant and discordant pairs and Tx, Ty those tied in x only and in y only.
func bruteKendall(x, y []float64) float64 {
	cx, cy := bruteComplete(x, y)
	var c, d, tx, ty float64
	for i := range cx {
		for j := i + 1; j < len(cx); j++ {
			dx, dy := cx[i]-cx[j], cy[i]-cy[j]
			switch {
			case cx[i] == cx[j] && cy[i] == cy[j]:
			case cx[i] == cx[j]:
				tx++
			case cy[i] == cy[j]:
				ty++
			case (dx > 0) == (dy > 0):
				c++
			default:
				d++
			}
		}
	}
	den := math.Sqrt((c + d + tx) * (c + d + ty))
	if den == 0 {
		return math.NaN()
	}
	return (c - d) / den
}

// randomColumns draws k columns of n rows built to hit the hard cases: heavy ties
// (including -0 against +0), ±Inf, negative values, up to 70 % missing, and now and
// then a column that is entirely missing, constant, or has a single value.
func randomColumns(rng *rand.Rand, k, n int) [][]float64 {
	cols := make([][]float64, k)
	for d := range cols {
		x := make([]float64, n)
		kind := rng.IntN(8)
		for i := range x {
			switch kind {
			case 0, 1: // continuous
				x[i] = rng.NormFloat64()
			case 2, 3: // few distinct values, zeros of both signs
				x[i] = float64(rng.IntN(4))
				if x[i] == 0 && rng.IntN(2) == 0 {
					x[i] = math.Copysign(0, -1)
				}
			case 4: // latency-like, rounded, with infinities
				x[i] = math.Round(rng.ExpFloat64()*20) / 4
				if rng.IntN(40) == 0 {
					x[i] = math.Inf(1 - 2*rng.IntN(2))
				}
			case 5: // constant
				x[i] = 7
			case 6: // entirely missing
				x[i] = math.NaN()
			default: // negative, many ties
				x[i] = -float64(rng.IntN(n/3 + 1))
			}
		}
		if rng.IntN(3) > 0 {
			frac := rng.Float64() * 0.7
			for i := range x {
				if rng.Float64() < frac {
					x[i] = math.NaN()
				}
			}
		}
		if kind == 7 && n > 0 && rng.IntN(4) == 0 { // a single value
			for i := range x {
				x[i] = math.NaN()
			}
			x[rng.IntN(n)] = 1
		}
		cols[d] = x
	}
	return cols
}

// checkAgainstBrute compares every entry of the method's matrix with the brute force,
// and checks that CorrelationMatrix reports exactly the NaN entries.
func checkAgainstBrute(t *testing.T, label string, cols [][]float64, method RankCorrelation) {
	t.Helper()
	brute := bruteSpearman
	if method == Kendall {
		brute = bruteKendall
	}
	got, err := CorrelationMatrix(cols, method)
	if got == nil {
		t.Fatalf("%s: nil matrix, err %v", label, err)
	}
	nanPairs := 0
	for i := range cols {
		if got[i][i] != 1 {
			t.Errorf("%s %s: diagonal [%d] = %v", label, method, i, got[i][i])
		}
		for j := i + 1; j < len(cols); j++ {
			want := brute(cols[i], cols[j])
			if math.IsNaN(want) {
				nanPairs++
			}
			if !near(got[i][j], want, 1e-12) || !near(got[j][i], want, 1e-12) {
				t.Errorf("%s %s [%d,%d] = %.17g / %.17g, brute force %.17g", label, method, i, j, got[i][j], got[j][i], want)
			}
		}
	}
	var pe *PairError
	if nanPairs == 0 && err != nil || nanPairs > 0 && !errors.As(err, &pe) {
		t.Errorf("%s %s: %d undefined pairs, error %v", label, method, nanPairs, err)
	}
	if joined, ok := err.(interface{ Unwrap() []error }); ok && len(joined.Unwrap()) != nanPairs {
		t.Errorf("%s %s: %d errors for %d undefined pairs", label, method, len(joined.Unwrap()), nanPairs)
	}
}

func TestCorrelationMatrixMatchesBruteForce(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 11))
	sizes := []int{0, 1, 2, 3, 4, 7, 20, 60, 150, 300}
	for trial := 0; trial < 120; trial++ {
		n := sizes[trial%len(sizes)]
		cols := randomColumns(rng, 2+rng.IntN(7), n)
		for _, m := range []RankCorrelation{Spearman, Kendall} {
			checkAgainstBrute(t, "trial "+strconv.Itoa(trial), cols, m)
		}
	}
}

func hasMissing(x []float64) bool {
	for _, v := range x {
		if math.IsNaN(v) {
			return true
		}
	}
	return false
}

func TestSortedRowsHand(t *testing.T) {
	inf := math.Inf(1)
	x := []float64{3, -1, math.NaN(), 0, math.Copysign(0, -1), inf, -inf, 2.5, -1}
	// -Inf(6) < -1(1) = -1(8) < 0(3) = -0(4) < 2.5(7) < 3(0) < +Inf(5); ties in row order.
	want := []int32{6, 1, 8, 3, 4, 7, 0, 5}
	got, _ := sortedRows(x, nil, newSortScratch(len(x)))
	if len(got) != len(want) {
		t.Fatalf("sortedRows = %v, want %v", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Fatalf("sortedRows = %v, want %v", got, want)
		}
	}
}

// Against a stable comparison sort, on values spread over many magnitudes and signs so
// that every byte of the keys varies, and on values that differ only in their lowest
// bits (1 and -1 moved by up to 29 ulps), which sortedRows orders in a second step: by
// insertion in runs of up to 16, by radix passes in longer ones.
func TestSortedRowsMatchesStableSort(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 5))
	for _, c := range []struct {
		n     int
		close bool
	}{{0, false}, {1, false}, {2, false}, {17, false}, {1000, false}, {5000, false}, {12, true}, {40, true}, {3000, true}} {
		n := c.n
		x := make([]float64, n)
		for i := range x {
			switch {
			case rng.IntN(4) == 0:
				x[i] = math.NaN()
			case c.close:
				x[i] = math.Float64frombits(math.Float64bits(float64(1-2*rng.IntN(2))) + uint64(rng.IntN(30)))
			case rng.IntN(3) == 0:
				x[i] = float64(rng.IntN(5)) // ties
			default:
				x[i] = rng.NormFloat64() * math.Pow(10, float64(rng.IntN(40)-20))
			}
		}
		var want []int32
		for i, v := range x {
			if !math.IsNaN(v) {
				want = append(want, int32(i))
			}
		}
		sort.SliceStable(want, func(a, b int) bool { return x[want[a]] < x[want[b]] })
		got, _ := sortedRows(x, nil, newSortScratch(len(x)))
		if len(got) != len(want) {
			t.Fatalf("n=%d: %d rows, want %d", n, len(got), len(want))
		}
		for i := range want {
			if got[i] != want[i] {
				t.Fatalf("n=%d: position %d holds row %d, want %d", n, i, got[i], want[i])
			}
		}
	}
}

func TestCorrelationMatrixInputs(t *testing.T) {
	if _, err := CorrelationMatrix([][]float64{{1, 2}, {1}}, Spearman); err == nil {
		t.Error("unequal lengths: no error")
	}
	if _, err := CorrelationMatrix([][]float64{{1, 2}, {1, 2}}, "pearson"); err == nil {
		t.Error("unknown method: no error")
	}
	nan := math.NaN()
	// Column 2 is empty: its two pairs are undefined, the (0,1) pair is 1 (hand value).
	m, err := CorrelationMatrix([][]float64{{1, 2, 3}, {2, 4, 9}, {nan, nan, nan}}, Kendall)
	if m[0][1] != 1 || !math.IsNaN(m[0][2]) || !math.IsNaN(m[2][1]) {
		t.Errorf("matrix %v", m)
	}
	var pe *PairError
	if !errors.Is(err, ErrTooFewPairs) || !errors.As(err, &pe) || pe.I != 0 || pe.J != 2 {
		t.Errorf("error %v, want ErrTooFewPairs for columns 0 and 2 first", err)
	}
	if _, err := CorrelationMatrix([][]float64{{1, 2, 3}, {5, 5, 5}}, Spearman); !errors.Is(err, ErrConstant) {
		t.Errorf("constant column: error %v, want ErrConstant", err)
	}
	if m, err := CorrelationMatrix(nil, Spearman); err != nil || len(m) != 0 {
		t.Errorf("no columns: %v, %v", m, err)
	}
}
