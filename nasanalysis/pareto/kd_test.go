package pareto

import (
	"math"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
)

// Ten 3-D points with ties and duplicates (all minimised):
//
//	p0 (1,5,3)  p1 (2,2,2)  p2 (1,5,3) = p0  p3 (3,3,3)  p4 (2,2,4)
//	p5 (4,1,5)  p6 (3,3,3) = p3  p7 (4,4,4)  p8 (1,6,3)  p9 (5,5,6)
//
// Rank 0: p0 and p2 (only they have x = 1 besides p8, whose y is worse), p1 (nobody
// has x, y, z all <= 2), p5 (nobody else has y = 1). Without them, rank 1: p3 and p6
// (only p4 (z 4) and p8 (y 6) remain with x <= 3), p4 (needs x <= 2: only p8, y 6),
// p8 (nobody left has x = 1). p7 is dominated by p3; p9 by p7 -> rank 2 {7}, rank 3 {9}.
var hand3 = [][]float64{
	{1, 5, 3}, {2, 2, 2}, {1, 5, 3}, {3, 3, 3}, {2, 2, 4},
	{4, 1, 5}, {3, 3, 3}, {4, 4, 4}, {1, 6, 3}, {5, 5, 6},
}

func TestNondominatedSortByHand(t *testing.T) {
	in := clone2(hand3)
	ranks, err := NondominatedSort(hand3)
	if err != nil {
		t.Fatal(err)
	}
	want := [][]int{{0, 1, 2, 5}, {3, 4, 6, 8}, {7}, {9}}
	if !equal2(ranks, want) {
		t.Errorf("NondominatedSort = %v, want %v", ranks, want)
	}
	if !equal2f(hand3, in) {
		t.Error("NondominatedSort modified its input")
	}
	front, err := FrontK(hand3)
	if err != nil || !slices.Equal(front, want[0]) {
		t.Errorf("FrontK = %v, %v; want %v", front, err, want[0])
	}
	// One objective: ranks are the distinct values in increasing order, ties together.
	ranks, err = NondominatedSort([][]float64{{3}, {1}, {3}, {2}})
	if want := [][]int{{1}, {3}, {0, 2}}; err != nil || !equal2(ranks, want) {
		t.Errorf("1-D NondominatedSort = %v, %v; want %v", ranks, err, want)
	}
	// All points identical: one rank.
	ranks, err = NondominatedSort([][]float64{{1, 1}, {1, 1}, {1, 1}})
	if want := [][]int{{0, 1, 2}}; err != nil || !equal2(ranks, want) {
		t.Errorf("identical points: %v, %v; want %v", ranks, err, want)
	}
	// No points: no ranks, no error.
	if ranks, err := NondominatedSort(nil); err != nil || len(ranks) != 0 {
		t.Errorf("no points: %v, %v", ranks, err)
	}
	if front, err := FrontK(nil); err != nil || len(front) != 0 {
		t.Errorf("FrontK(nil) = %v, %v", front, err)
	}
}

// bruteRanks is the definition: peel off the points no remaining point dominates.
func bruteRanks(points [][]float64) [][]int {
	left := make([]int, len(points))
	for i := range left {
		left[i] = i
	}
	var ranks [][]int
	for len(left) > 0 {
		var front, rest []int
		for _, i := range left {
			dom := false
			for _, j := range left {
				if j != i && dominates(points[j], points[i]) {
					dom = true
					break
				}
			}
			if dom {
				rest = append(rest, i)
			} else {
				front = append(front, i)
			}
		}
		ranks = append(ranks, front)
		left = rest
	}
	return ranks
}

// Random sets on a coarse integer grid (many ties and duplicates) and continuous ones,
// k = 1..5, against the peeling definition.
func TestNondominatedSortMatchesDefinition(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for trial := range 200 {
		k, n := 1+trial%5, 1+rng.IntN(120)
		points := make([][]float64, n)
		for i := range points {
			points[i] = make([]float64, k)
			for j := range points[i] {
				if trial%2 == 0 {
					points[i][j] = float64(rng.IntN(4))
				} else {
					points[i][j] = rng.NormFloat64()
				}
			}
		}
		ranks, err := NondominatedSort(points)
		if err != nil {
			t.Fatal(err)
		}
		if want := bruteRanks(points); !equal2(ranks, want) {
			t.Fatalf("trial %d (n %d, k %d): NondominatedSort = %v, want %v", trial, n, k, ranks, want)
		}
		front, err := FrontK(points)
		if err != nil || !slices.Equal(front, ranks[0]) {
			t.Fatalf("trial %d: FrontK = %v, %v; want %v", trial, front, err, ranks[0])
		}
	}
}

// In 2-D, FrontK of (cost, -value) is the existing Front as a set: on pareto_test.go's
// points, Front = {0, 1, 4, 3}.
func TestFrontKMatchesFront(t *testing.T) {
	got, err := FrontK(costNegValue(cost, value))
	if want := []int{0, 1, 3, 4}; err != nil || !slices.Equal(got, want) {
		t.Errorf("FrontK = %v, %v; want %v", got, err, want)
	}
	rng := rand.New(rand.NewPCG(3, 4))
	for range 50 {
		n := 1 + rng.IntN(200)
		c, v := make([]float64, n), make([]float64, n)
		for i := range c {
			c[i], v[i] = float64(rng.IntN(20)), float64(rng.IntN(20))
		}
		want := slices.Sorted(slices.Values(Front(c, v)))
		if got, err := FrontK(costNegValue(c, v)); err != nil || !slices.Equal(got, want) {
			t.Fatalf("FrontK = %v, %v; Front = %v", got, err, want)
		}
	}
}

func TestKErrors(t *testing.T) {
	nan, inf := math.NaN(), math.Inf(1)
	sets := []struct {
		points [][]float64
		want   string
	}{
		{[][]float64{{1, 2}, {3}}, "points[1] has 1 objectives, points[0] has 2"},
		{[][]float64{{}, {1}}, "points[0] has no objectives"},
		{[][]float64{{1, 2}, {3, 4}, {5, nan}}, "points[2][1] is NaN"},
		{[][]float64{{1, 2}, {inf, 4}}, "points[1][0] is +Inf"},
		{[][]float64{{1, -inf}}, "points[0][1] is -Inf"},
	}
	for _, s := range sets {
		_, err := NondominatedSort(s.points)
		if err == nil || !strings.Contains(err.Error(), s.want) {
			t.Errorf("NondominatedSort(%v) error %v, want %q", s.points, err, s.want)
		}
		if _, err := FrontK(s.points); err == nil || !strings.Contains(err.Error(), s.want) {
			t.Errorf("FrontK(%v) error %v, want %q", s.points, err, s.want)
		}
	}
	hv := []struct {
		points [][]float64
		ref    []float64
		want   string
	}{
		{nil, nil, "ref has 0 objectives"},
		{nil, []float64{1, 1, 1, 1, 1}, "ref has 5 objectives, HypervolumeK handles 1 to 4"},
		{[][]float64{{0, 0}}, []float64{1, nan}, "ref[1] is NaN"},
		{[][]float64{{0, 0}, {0, 0, 0}}, []float64{1, 1}, "points[1] has 3 objectives, ref has 2"},
		{[][]float64{{0, 0}, {nan, 0}}, []float64{1, 1}, "points[1][0] is NaN"},
	}
	for _, h := range hv {
		if _, err := HypervolumeK(h.points, h.ref); err == nil || !strings.Contains(err.Error(), h.want) {
			t.Errorf("HypervolumeK(%v, %v) error %v, want %q", h.points, h.ref, err, h.want)
		}
	}
	ind := []struct {
		a, b [][]float64
		want string
	}{
		{nil, [][]float64{{1}}, "set a is empty"},
		{[][]float64{{1}}, [][]float64{}, "set b is empty"},
		{[][]float64{{1, 2}}, [][]float64{{1, 2}, {1, 2, 3}}, "b[1] has 3 objectives, a[0] has 2"},
		{[][]float64{{1, 2}, {nan, 2}}, [][]float64{{1, 2}}, "a[1][0] is NaN"},
		{[][]float64{{1, 2}}, [][]float64{{1, nan}}, "b[0][1] is NaN"},
	}
	for _, c := range ind {
		if _, err := AdditiveEpsilon(c.a, c.b); err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("AdditiveEpsilon(%v, %v) error %v, want %q", c.a, c.b, err, c.want)
		}
		if _, err := Coverage(c.a, c.b); err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("Coverage(%v, %v) error %v, want %q", c.a, c.b, err, c.want)
		}
	}
}

func TestHypervolumeKByHand(t *testing.T) {
	cases := []struct {
		name   string
		points [][]float64
		ref    []float64
		want   float64
	}{
		// 1-D: ref 4 minus the best point 1; 5 is outside.
		{"1-D", [][]float64{{3}, {1}, {5}}, []float64{4}, 3},
		// 2-D, the points of pareto_test.go as (cost, -value) with ref (6, -0): 17 there.
		{"2-D", costNegValue(cost, value), []float64{6, 0}, 17},
		// a (1,2,3), b (2,1,2), ref (4,4,4): |a| = 3*2*1 = 6, |b| = 2*3*2 = 12,
		// |a∩b| = box of max(a,b) = (2,2,3): 2*2*1 = 4. 6 + 12 - 4 = 14.
		{"3-D two", [][]float64{{1, 2, 3}, {2, 1, 2}}, []float64{4, 4, 4}, 14},
		// plus c (3,3,1): |c| = 1*1*3 = 3, |a∩c| = (3,3,3): 1, |b∩c| = (3,3,2): 1*1*2 = 2,
		// |a∩b∩c| = (3,3,3): 1. 6 + 12 + 3 - 4 - 1 - 2 + 1 = 15.
		{"3-D three", [][]float64{{1, 2, 3}, {2, 1, 2}, {3, 3, 1}}, []float64{4, 4, 4}, 15},
		// The same plus a duplicate of a, a point dominated by b (2,1,3), a point on the
		// reference boundary (0,0,4) and one beyond it (5,0,0): still 15.
		{"3-D extras", [][]float64{{1, 2, 3}, {2, 1, 3}, {0, 0, 4}, {2, 1, 2}, {1, 2, 3}, {5, 0, 0}, {3, 3, 1}}, []float64{4, 4, 4}, 15},
		// a (1,2,3,0), b (2,1,0,3), ref (4,4,4,4): |a| = 3*2*1*4 = 24, |b| = 2*3*4*1 = 24,
		// |a∩b| = (2,2,3,3): 2*2*1*1 = 4. 24 + 24 - 4 = 44.
		{"4-D two", [][]float64{{1, 2, 3, 0}, {2, 1, 0, 3}}, []float64{4, 4, 4, 4}, 44},
		// plus c (0,3,2,2): |c| = 4*1*2*2 = 16, |a∩c| = (1,3,3,2): 3*1*1*2 = 6,
		// |b∩c| = (2,3,2,3): 2*1*2*1 = 4, |a∩b∩c| = (2,3,3,3): 2*1*1*1 = 2.
		// 24 + 24 + 16 - 4 - 6 - 4 + 2 = 52.
		{"4-D three", [][]float64{{1, 2, 3, 0}, {2, 1, 0, 3}, {0, 3, 2, 2}}, []float64{4, 4, 4, 4}, 52},
		// The same plus a dominated (1,2,3,1), a duplicate of c, one on the boundary and one
		// beyond: still 52.
		{"4-D extras", [][]float64{{1, 2, 3, 1}, {0, 3, 2, 2}, {1, 2, 3, 0}, {0, 0, 0, 4}, {2, 1, 0, 3}, {0, 3, 2, 2}, {9, 0, 0, 0}}, []float64{4, 4, 4, 4}, 52},
		// A single 4-D box with a negative corner: (1-(-1)) * (1-0) * (1-0.5) * (3-1) = 2.
		{"4-D one", [][]float64{{-1, 0, 0.5, 1}}, []float64{1, 1, 1, 3}, 2},
		// Nothing strictly inside the reference box.
		{"none inside", [][]float64{{1, 0, 0}, {0, 2, 0}}, []float64{1, 1, 1}, 0},
		{"no points", nil, []float64{1, 1}, 0},
	}
	for _, c := range cases {
		in := clone2(c.points)
		got, err := HypervolumeK(c.points, c.ref)
		if err != nil || got != c.want {
			t.Errorf("%s: HypervolumeK = %v, %v; want %v", c.name, got, err, c.want)
		}
		if !equal2f(c.points, in) {
			t.Errorf("%s: HypervolumeK modified its input", c.name)
		}
	}
}

// In 2-D, HypervolumeK of (cost, -value) with ref (refCost, -refValue) is Hypervolume.
func TestHypervolumeKMatchesHypervolume(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	for trial := range 100 {
		n := 1 + rng.IntN(300)
		c, v, all := make([]float64, n), make([]float64, n), make([]int, n)
		for i := range c {
			c[i], v[i], all[i] = rng.Float64()*10, rng.NormFloat64(), i
			if trial%2 == 0 { // ties and duplicates
				c[i], v[i] = math.Round(c[i]), math.Round(v[i]*2)
			}
		}
		refC, refV := rng.Float64()*12, rng.NormFloat64()-1
		want := Hypervolume(all, c, v, refC, refV)
		got, err := HypervolumeK(costNegValue(c, v), []float64{refC, -refV})
		if err != nil || math.Abs(got-want) > 1e-12*max(1, want) {
			t.Fatalf("trial %d: HypervolumeK = %v, %v; Hypervolume = %v", trial, got, err, want)
		}
	}
}

// inclusionExclusion is the hypervolume as the alternating sum over the non-empty
// subsets S of the points inside ref of the volume of the intersection of their boxes,
// the box of the coordinate-wise maximum of S: exact, independent of the sweeps, and
// O(2^n).
func inclusionExclusion(points [][]float64, ref []float64) float64 {
	var in [][]float64
	for _, p := range points {
		if strictlyBetter(p, ref) {
			in = append(in, p)
		}
	}
	total := 0.0
	for mask := 1; mask < 1<<len(in); mask++ {
		corner := slices.Repeat([]float64{math.Inf(-1)}, len(ref))
		sign := -1.0
		for i, p := range in {
			if mask&(1<<i) != 0 {
				sign = -sign
				for j := range corner {
					corner[j] = max(corner[j], p[j])
				}
			}
		}
		vol := 1.0
		for j := range corner {
			vol *= ref[j] - corner[j]
		}
		total += sign * vol
	}
	return total
}

// Random small sets, k = 1..4, on an integer grid (ties, duplicates; every volume an
// integer, so the sums are exact in float64) and continuous, against inclusion-exclusion.
func TestHypervolumeKInclusionExclusion(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 8))
	for trial := range 400 {
		k, n := 1+trial%4, 1+rng.IntN(11)
		grid := trial%8 < 4
		points, ref := randomPoints(rng, n, k, grid), make([]float64, k)
		for j := range ref {
			ref[j] = 4
			if !grid {
				ref[j] = 0.8 + 0.4*rng.Float64()
			}
		}
		want := inclusionExclusion(points, ref)
		got, err := HypervolumeK(points, ref)
		// Grid volumes are integers and must agree exactly; the continuous alternating
		// sum of up to 2^11 terms near 1 can lose ~1e-13 to cancellation.
		tol := 1e-10
		if grid {
			tol = 0
		}
		if err != nil || math.Abs(got-want) > tol {
			t.Fatalf("trial %d (n %d, k %d, grid %v): HypervolumeK = %v, %v; inclusion-exclusion %v\npoints %v", trial, n, k, grid, got, err, want, points)
		}
	}
}

// randomPoints draws n points of k objectives: on the grid {0,...,4} (4 is the grid
// tests' reference, so some points lie on its boundary) or uniform in [0, 1.2).
func randomPoints(rng *rand.Rand, n, k int, grid bool) [][]float64 {
	points := make([][]float64, n)
	for i := range points {
		points[i] = make([]float64, k)
		for j := range points[i] {
			if grid {
				points[i][j] = float64(rng.IntN(5))
			} else {
				points[i][j] = 1.2 * rng.Float64()
			}
		}
	}
	return points
}

// A Monte Carlo estimate of the hypervolume of 40 random points within ref = (1,...,1):
// the share of N uniform samples of the unit box [0,1]^k (volume 1, holding every
// dominated point since all coordinates are >= 0) that some point weakly dominates.
// The share is binomial, with standard error sqrt(h (1-h) / N); the test allows 5 of
// them (a 6e-7 two-sided chance for a correct hypervolume, and the seed is fixed).
func TestHypervolumeKMonteCarlo(t *testing.T) {
	const N = 100_000
	rng := rand.New(rand.NewPCG(9, 10))
	for _, k := range []int{2, 3, 4} {
		points := randomPoints(rng, 40, k, false)
		ref := slices.Repeat([]float64{1}, k)
		hv, err := HypervolumeK(points, ref)
		if err != nil {
			t.Fatal(err)
		}
		hits, u := 0, make([]float64, k)
		for range N {
			for j := range u {
				u[j] = rng.Float64()
			}
			if slices.ContainsFunc(points, func(p []float64) bool { return weaklyDominates(p, u) }) {
				hits++
			}
		}
		est := float64(hits) / N
		se := math.Sqrt(est * (1 - est) / N)
		if math.Abs(hv-est) > 5*se {
			t.Errorf("k %d: HypervolumeK = %v, Monte Carlo %v ± %v (5 standard errors)", k, hv, est, 5*se)
		}
	}
}

// Adding points that existing ones weakly dominate (shifted copies, duplicates) or that
// lie outside the reference box never changes the hypervolume, bit for bit: the sweeps
// take a dominator before the points it dominates and accumulate nothing for them.
func TestHypervolumeKDominatedPointsAddNothing(t *testing.T) {
	rng := rand.New(rand.NewPCG(11, 12))
	for trial := range 200 {
		k := 1 + trial%4
		grid := trial%8 < 4
		points := randomPoints(rng, 1+rng.IntN(60), k, grid)
		ref := slices.Repeat([]float64{1}, k)
		if grid {
			ref = slices.Repeat([]float64{4}, k)
		}
		want, err := HypervolumeK(points, ref)
		if err != nil {
			t.Fatal(err)
		}
		more := clone2(points)
		for range 1 + rng.IntN(40) {
			q := slices.Clone(points[rng.IntN(len(points))])
			switch rng.IntN(3) {
			case 0: // a duplicate
			case 1: // worse in some objectives
				for j := range q {
					if rng.IntN(2) == 0 {
						q[j] += float64(rng.IntN(3))
					}
				}
			case 2: // beyond the reference in one objective
				q[rng.IntN(k)] = ref[0] + rng.Float64()
			}
			more = slices.Insert(more, rng.IntN(len(more)+1), q)
		}
		got, err := HypervolumeK(more, ref)
		if err != nil || got != want {
			t.Fatalf("trial %d (k %d): %v with dominated points added, %v without (%v)", trial, k, got, want, err)
		}
	}
}

// A = {(1,3), (3,1)}, B = {(2,2), (4,4)}, minimised.
// I(A, B): b (2,2): max(1-2, 3-2) = 1 by (1,3), max(3-2, 1-2) = 1 by (3,1): min 1;
// b (4,4): max(-3, -1) = -1 and max(-1, -3) = -1: min -1. Max over B: 1.
// I(B, A): a (1,3): by (2,2) max(1, -1) = 1, by (4,4) max(3, 1) = 3: min 1;
// a (3,1): by (2,2) max(-1, 1) = 1: min 1. Max: 1.
// {(1,1)} against {(2,3)}: I = max(1-2, 1-3) = -1, the other way max(2-1, 3-1) = 2.
func TestAdditiveEpsilonByHand(t *testing.T) {
	a := [][]float64{{1, 3}, {3, 1}}
	b := [][]float64{{2, 2}, {4, 4}}
	for _, c := range []struct {
		a, b [][]float64
		want float64
	}{
		{a, b, 1},
		{b, a, 1},
		{[][]float64{{1, 1}}, [][]float64{{2, 3}}, -1},
		{[][]float64{{2, 3}}, [][]float64{{1, 1}}, 2},
		{a, a, 0},
		{hand3, hand3, 0},
		// 3-D: hand3's front {p0 p1 p5} against its rank-2 point p7 (4,4,4): by p1 (2,2,2)
		// max(-2,-2,-2) = -2, the smallest shift (p0: max(-3,1,-1) = 1; p5: max(0,-3,1) = 1).
		{[][]float64{{1, 5, 3}, {2, 2, 2}, {4, 1, 5}}, [][]float64{{4, 4, 4}}, -2},
	} {
		got, err := AdditiveEpsilon(c.a, c.b)
		if err != nil || got != c.want {
			t.Errorf("AdditiveEpsilon(%v, %v) = %v, %v; want %v", c.a, c.b, got, err, c.want)
		}
	}
	// A set against itself or against a set it weakly dominates: <= 0 (exactly 0 when B
	// holds a point of A itself, since then some b is covered with no shift and none less).
	rng := rand.New(rand.NewPCG(13, 14))
	for range 100 {
		k := 1 + rng.IntN(4)
		set := randomPoints(rng, 1+rng.IntN(30), k, false)
		if e, err := AdditiveEpsilon(set, set); err != nil || e != 0 {
			t.Fatalf("AdditiveEpsilon(A, A) = %v, %v; want 0", e, err)
		}
		worse := clone2(set)
		for _, p := range worse {
			for j := range p {
				p[j] += rng.Float64()
			}
		}
		if e, err := AdditiveEpsilon(set, worse); err != nil || e > 0 {
			t.Fatalf("AdditiveEpsilon(A, A + shift) = %v, %v; want <= 0", e, err)
		}
	}
}

// A = {(1,3), (3,1)}, B = {(2,2), (4,4), (1,3), (3,2)}. In B, (2,2) is weakly dominated
// by neither (3 > 2 in one objective of each), (4,4) by both, (1,3) by itself in A,
// (3,2) by (3,1): C(A, B) = 3/4. In A, (1,3) is covered by (1,3) in B, (3,1) by nothing
// in B (no second objective <= 1): C(B, A) = 1/2.
func TestCoverageByHand(t *testing.T) {
	a := [][]float64{{1, 3}, {3, 1}}
	b := [][]float64{{2, 2}, {4, 4}, {1, 3}, {3, 2}}
	for _, c := range []struct {
		a, b [][]float64
		want float64
	}{
		{a, b, 0.75},
		{b, a, 0.5},
		{a, a, 1},
		{hand3, hand3, 1},
		// hand3's front {p0 p1 p5} covers every point of hand3 (each rank > 0 point is
		// dominated through a chain ending at the front).
		{[][]float64{{1, 5, 3}, {2, 2, 2}, {4, 1, 5}}, hand3, 1},
		// hand3's rank 1 {p3 p4 p6 p8} covers p3, p4, p6, p7, p8, p9: 6 of 10.
		{[][]float64{{3, 3, 3}, {2, 2, 4}, {3, 3, 3}, {1, 6, 3}}, hand3, 0.6},
	} {
		got, err := Coverage(c.a, c.b)
		if err != nil || got != c.want {
			t.Errorf("Coverage(%v, %v) = %v, %v; want %v", c.a, c.b, got, err, c.want)
		}
	}
}

func costNegValue(c, v []float64) [][]float64 {
	p := make([][]float64, len(c))
	for i := range c {
		p[i] = []float64{c[i], -v[i]}
	}
	return p
}

func clone2(p [][]float64) [][]float64 {
	out := make([][]float64, len(p))
	for i := range p {
		out[i] = slices.Clone(p[i])
	}
	return out
}

func equal2(a, b [][]int) bool {
	return slices.EqualFunc(a, b, func(x, y []int) bool { return slices.Equal(x, y) })
}

func equal2f(a, b [][]float64) bool {
	return slices.EqualFunc(a, b, func(x, y []float64) bool { return slices.Equal(x, y) })
}

// uniformPoints draws n points uniform in [0,1)^k: most are dominated.
func uniformPoints(n, k int) [][]float64 {
	rng := rand.New(rand.NewPCG(15, 16))
	points := make([][]float64, n)
	for i := range points {
		points[i] = make([]float64, k)
		for j := range points[i] {
			points[i][j] = rng.Float64()
		}
	}
	return points
}

// spherePoints draws n points on the positive orthant of the unit sphere in k
// dimensions: no point dominates another, the worst case for every algorithm here.
func spherePoints(n, k int) [][]float64 {
	rng := rand.New(rand.NewPCG(17, 18))
	points := make([][]float64, n)
	for i := range points {
		p, norm := make([]float64, k), 0.0
		for j := range p {
			p[j] = math.Abs(rng.NormFloat64())
			norm += p[j] * p[j]
		}
		for j := range p {
			p[j] /= math.Sqrt(norm)
		}
		points[i] = p
	}
	return points
}

func BenchmarkNondominatedSort(b *testing.B) {
	for _, bc := range []struct {
		name   string
		points [][]float64
	}{
		{"uniform-10000x3", uniformPoints(10_000, 3)},
		{"sphere-10000x3", spherePoints(10_000, 3)},
		{"uniform-20000x3", uniformPoints(20_000, 3)},
	} {
		b.Run(bc.name, func(b *testing.B) {
			for b.Loop() {
				if _, err := NondominatedSort(bc.points); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func BenchmarkHypervolumeK(b *testing.B) {
	for _, bc := range []struct {
		name   string
		points [][]float64
	}{
		{"uniform-1000x4", uniformPoints(1000, 4)},
		{"sphere-1000x4", spherePoints(1000, 4)},
		{"sphere-2000x4", spherePoints(2000, 4)},
		{"sphere-10000x3", spherePoints(10_000, 3)},
	} {
		ref := slices.Repeat([]float64{1.1}, len(bc.points[0]))
		b.Run(bc.name, func(b *testing.B) {
			for b.Loop() {
				if _, err := HypervolumeK(bc.points, ref); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
