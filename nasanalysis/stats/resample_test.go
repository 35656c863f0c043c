package stats

import (
	"errors"
	"math"
	"math/rand/v2"
	"slices"
	"testing"
)

// PairedBootstrap on scripted draws that run through every one of the 5^5 resamples of
// 5 units once (in the order of Python's itertools.product): its replicates are then
// the exact bootstrap distribution, whose percentiles testdata/reference.py computed
// with SciPy and NumPy. The Spearman statistic is undefined (NaN) on the 5 constant
// resamples, which must be dropped.
func TestPairedBootstrapExactEnumeration(t *testing.T) {
	pb := readReferenceJSON(t).PairedBootstrap
	n := len(pb.X)
	var draws []uint64
	idx := make([]int, n)
	for r := 0; r < pb.Resamples; r++ {
		for i, v := n-1, r; i >= 0; i, v = i-1, v/n { // last index varies fastest
			idx[i] = v % n
		}
		for _, j := range idx {
			draws = append(draws, drawFor(t, n, j))
		}
	}
	statOf := map[string]func(idx []int) float64{
		"spearman": func(idx []int) float64 {
			r, _ := SpearmanRho(Take(pb.X, idx), Take(pb.Y, idx)) // NaN on a constant resample, by design
			return r
		},
		"mean_difference": func(idx []int) float64 {
			s := 0.0
			for _, i := range idx {
				s += pb.X[i] - pb.Y[i]
			}
			return s / float64(len(idx))
		},
	}
	for _, st := range pb.Stats {
		for _, lv := range st.Levels {
			calls := 0
			stat := func(idx []int) float64 { calls++; return statOf[st.Stat](idx) }
			iv, err := PairedBootstrap(n, pb.Resamples, lv.Level, stat, rand.New(&scripted{vals: draws}))
			if err != nil {
				t.Fatal(err)
			}
			if calls != pb.Resamples+1 {
				t.Errorf("%s: stat called %d times, want %d resamples + the estimate", st.Stat, calls, pb.Resamples)
			}
			checkInterval(t, "PairedBootstrap "+st.Stat, iv, st.Estimate, lv.Lo, lv.Hi, lv.Level, 1e-12)
		}
	}
}

func TestPairedBootstrapErrors(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 1))
	mean := func(idx []int) float64 { return float64(idx[0]) }
	_, err := PairedBootstrap(10, 99, 0.95, mean, rng)
	if !errors.Is(err, ErrTooFewResamples) {
		t.Errorf("99 replicates: %v", err)
	}
	_, err = PairedBootstrap(1, 1000, 0.95, mean, rng)
	wantErr(t, "one unit", err, "1 units")
	_, err = PairedBootstrap(10, 1000, 0.95, nil, rng)
	wantErr(t, "nil stat", err, "nil statistic")
	_, err = PairedBootstrap(10, 1000, 0.95, mean, nil)
	wantErr(t, "nil rng", err, "nil *rand.Rand")
	_, err = PairedBootstrap(10, 1000, 0.95, func([]int) float64 { return math.NaN() }, rng)
	wantErr(t, "NaN estimate", err, "NaN on the full sample of 10 units")
	// Defined only when unit 0 is drawn first: 1 in 10 replicates, about 100 of 1000.
	first := func(idx []int) float64 {
		if idx[0] == 0 {
			return 1
		}
		return math.NaN()
	}
	_, err = PairedBootstrap(10, 500, 0.95, first, rng)
	if !errors.Is(err, ErrTooFewResamples) {
		t.Errorf("mostly undefined replicates: %v", err)
	}
	wantErr(t, "mostly undefined replicates", err, "of 500 replicates of the 10 units")
}

// permutations lists every ordering of 0..n-1.
func permutations(n int) [][]int {
	if n == 0 {
		return [][]int{{}}
	}
	var out [][]int
	for _, p := range permutations(n - 1) {
		for at := 0; at <= len(p); at++ {
			q := slices.Insert(slices.Clone(p), at, n-1)
			out = append(out, q)
		}
	}
	return out
}

// PermutationTest on scripted draws that make its cumulative shuffles visit every one
// of the 5! arrangements of the pooled values once: the null distribution is then the
// exact one, which testdata/reference.py enumerated with NumPy. The draws for each
// arrangement are worked out backwards through the Fisher-Yates steps of
// rand.Rand.Shuffle, and replayed on a plain index slice first to make sure the
// shuffles do visit those arrangements.
func TestPermutationTestExactEnumeration(t *testing.T) {
	ref := readReferenceJSON(t).Permutation
	n := 0
	for _, g := range ref.Groups {
		n += len(g)
	}
	targets := permutations(n)
	if len(targets) != ref.Shuffles {
		t.Fatalf("%d arrangements, reference has %d", len(targets), ref.Shuffles)
	}
	var draws []uint64
	cur := make([]int, n) // cur[p] = original position of the value now at p
	for i := range cur {
		cur[i] = i
	}
	for _, target := range targets {
		for i := n - 1; i > 0; i-- {
			j := slices.Index(cur[:i+1], target[i])
			draws = append(draws, drawFor(t, i+1, j))
			cur[i], cur[j] = cur[j], cur[i]
		}
	}
	replay := rand.New(&scripted{vals: draws})
	arr := make([]int, n)
	for i := range arr {
		arr[i] = i
	}
	for s, target := range targets {
		replay.Shuffle(n, func(a, b int) { arr[a], arr[b] = arr[b], arr[a] })
		if !slices.Equal(arr, target) {
			t.Fatalf("shuffle %d gives %v, want %v: rand.Rand.Shuffle no longer steps as scripted", s, arr, target)
		}
	}
	orig := make([][]float64, len(ref.Groups))
	for g := range ref.Groups {
		orig[g] = slices.Clone(ref.Groups[g])
	}
	res, err := PermutationTest(ref.Groups, SpreadOfMeans, ref.Shuffles, rand.New(&scripted{vals: draws}))
	if err != nil {
		t.Fatal(err)
	}
	want := PermutationResult{Observed: ref.Observed, Null95: ref.Null95, P: ref.P, Shuffles: ref.Shuffles}
	if res != want {
		t.Errorf("PermutationTest = %+v, exact enumeration %+v", res, want)
	}
	for g := range orig {
		if !slices.Equal(orig[g], ref.Groups[g]) {
			t.Errorf("group %d changed to %v", g, ref.Groups[g])
		}
	}
}

// Two groups far apart: no shuffle reaches the observed spread, so P is 1/(1+shuffles)
// (never 0); equal values: every shuffle reaches it, so P is 1.
func TestPermutationTestExtremes(t *testing.T) {
	rng := rand.New(rand.NewPCG(4, 4))
	res, err := PermutationTest([][]float64{{0, 0, 1, 1}, {10, 10, 11, 11}}, SpreadOfMeans, 200, rng)
	// Means 0.5 and 10.5. Only the splits that keep the groups apart (2 of the 70 ways to
	// split 8 values 4 + 4) reach 10, so about 6 of 200 shuffles: P well below 0.05.
	if err != nil || res.Observed != 10 || res.P > 0.05 || res.P < 1.0/201 {
		t.Errorf("far apart: %+v, %v", res, err)
	}
	res, err = PermutationTest([][]float64{{2, 2}, {2}, {2, 2, 2}}, SpreadOfMeans, 100, rng)
	if err != nil || res.Observed != 0 || res.P != 1 || res.Null95 != 0 {
		t.Errorf("all equal: %+v, %v", res, err)
	}
}

func TestPermutationTestErrors(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 1))
	g := [][]float64{{1, 2}, {3}}
	_, err := PermutationTest(g, SpreadOfMeans, 50, rng)
	if !errors.Is(err, ErrTooFewResamples) {
		t.Errorf("50 shuffles: %v", err)
	}
	wantErr(t, "50 shuffles", err, "50 shuffles")
	_, err = PermutationTest([][]float64{{1, 2}}, SpreadOfMeans, 100, rng)
	wantErr(t, "one group", err, "1 groups")
	_, err = PermutationTest([][]float64{{1, 2}, {}}, SpreadOfMeans, 100, rng)
	wantErr(t, "empty group", err, "group 1 of 2")
	_, err = PermutationTest([][]float64{{1, 2}, {3, math.NaN()}}, SpreadOfMeans, 100, rng)
	wantErr(t, "NaN value", err, "group 1, value 1")
	_, err = PermutationTest(g, nil, 100, rng)
	wantErr(t, "nil stat", err, "nil statistic")
	_, err = PermutationTest(g, SpreadOfMeans, 100, nil)
	wantErr(t, "nil rng", err, "nil *rand.Rand")
}

func TestSpreadOfMeans(t *testing.T) {
	// Means 2, 5 and 3.5: spread 3 (hand value).
	if s := SpreadOfMeans([][]float64{{1, 3}, {5}, {3, 4}}); s != 3 {
		t.Errorf("SpreadOfMeans = %v, want 3", s)
	}
	for _, g := range [][][]float64{nil, {{1}, {}}, {{1}, {math.NaN()}}} {
		if s := SpreadOfMeans(g); !math.IsNaN(s) {
			t.Errorf("SpreadOfMeans(%v) = %v, want NaN", g, s)
		}
	}
}
