package pareto

import (
	"cmp"
	"fmt"
	"math"
	"slices"
	"sort"
)

// The k-objective tools below MINIMISE every objective, so that one dominance relation
// serves latency, energy and error alike: a value to maximise, such as accuracy, is
// passed negated. A point is a []float64 of k objectives and a set of n points is a
// [][]float64 (n rows of k). Every point of a set must have the same k >= 1 and only
// finite coordinates: a NaN compares false both ways and would silently make a point
// incomparable to every other, and an infinity turns volumes and shifts into Inf or NaN.
// The inputs are never modified.

// dominates reports whether p dominates q: p <= q in every objective and p < q in at
// least one. Identical points do not dominate each other.
func dominates(p, q []float64) bool {
	strict := false
	for i, v := range p {
		if v > q[i] {
			return false
		}
		if v < q[i] {
			strict = true
		}
	}
	return strict
}

// strictlyBetter reports whether p < q in every objective.
func strictlyBetter(p, q []float64) bool {
	for i, v := range p {
		if v >= q[i] {
			return false
		}
	}
	return true
}

// weaklyDominates reports whether p <= q in every objective.
func weaklyDominates(p, q []float64) bool {
	for i, v := range p {
		if v > q[i] {
			return false
		}
	}
	return true
}

// checkSet returns the number of objectives of the set called name, or an error naming
// the first point (and objective) that breaks the rules above. A k > 0 is required of
// every point, kFrom saying where it comes from; k == 0 takes it from the first point.
func checkSet(name string, points [][]float64, k int, kFrom string) (int, error) {
	for i, p := range points {
		if k == 0 {
			if len(p) == 0 {
				return 0, fmt.Errorf("pareto: %s[%d] has no objectives", name, i)
			}
			k, kFrom = len(p), fmt.Sprintf("%s[%d]", name, i)
		}
		if len(p) != k {
			return 0, fmt.Errorf("pareto: %s[%d] has %d objectives, %s has %d", name, i, len(p), kFrom, k)
		}
		for j, v := range p {
			if math.IsNaN(v) || math.IsInf(v, 0) {
				return 0, fmt.Errorf("pareto: %s[%d][%d] is %v, want a finite number", name, i, j, v)
			}
		}
	}
	return k, nil
}

// lexOrder returns the indices of points in lexicographic order of their coordinates
// (ties by index). A dominator is lexicographically smaller than every point it
// dominates, so in this order each point comes after all of its dominators.
func lexOrder(points [][]float64) []int {
	order := make([]int, len(points))
	for i := range order {
		order[i] = i
	}
	slices.SortFunc(order, func(a, b int) int {
		if c := slices.Compare(points[a], points[b]); c != 0 {
			return c
		}
		return cmp.Compare(a, b)
	})
	return order
}

// dominatedBy reports whether a point of front dominates p. It scans the front from
// its last member, which in lexicographic order is the nearest to p and the likeliest
// dominator.
func dominatedBy(points [][]float64, front []int, p []float64) bool {
	for j := len(front) - 1; j >= 0; j-- {
		if dominates(points[front[j]], p) {
			return true
		}
	}
	return false
}

// NondominatedSort sorts points (n x k, every objective minimised) into non-dominated
// ranks: ranks[0] is the Pareto front, ranks[1] the front of what remains without it,
// and so on; a point's rank is the length of the longest chain of points, each
// dominating the next, that leads to it (0 when nothing dominates it). Every index is in exactly one rank, in increasing order
// within it. Identical points do not dominate each other and share a rank. No points
// give no ranks. A ragged row, a point without objectives or a NaN or infinite
// coordinate is an error naming the point and objective.
//
// The algorithm is the efficient non-dominated sort with binary search (Zhang et al.,
// IEEE TEVC 2015): points are taken in lexicographic order, so that all dominators of
// a point are already ranked when it comes, and each is put in the first rank holding
// none of its dominators. The ranks holding a dominator are always a prefix (a
// dominator in rank r has one of its own in rank r-1, which dominates the point too),
// so that rank is found by binary search over the ranks. Time is O(k n log n) for the
// sort plus O(k n^2) comparisons at worst (all points on one front), usually far fewer;
// memory is O(n), unlike Deb's fast non-dominated sort, which stores every dominance
// relation, O(n^2).
func NondominatedSort(points [][]float64) (ranks [][]int, err error) {
	if _, err := checkSet("points", points, 0, ""); err != nil {
		return nil, err
	}
	for _, i := range lexOrder(points) {
		p := points[i]
		r := sort.Search(len(ranks), func(r int) bool { return !dominatedBy(points, ranks[r], p) })
		if r == len(ranks) {
			ranks = append(ranks, nil)
		}
		ranks[r] = append(ranks[r], i)
	}
	for _, f := range ranks {
		slices.Sort(f)
	}
	return ranks, nil
}

// FrontK returns the indices, in increasing order, of the points (n x k, every
// objective minimised) that no other point dominates: NondominatedSort's rank 0,
// computed alone. Identical non-dominated points are all kept. It is an error when
// NondominatedSort's is. Time is O(k n log n + k n f) for a front of f points.
func FrontK(points [][]float64) ([]int, error) {
	if _, err := checkSet("points", points, 0, ""); err != nil {
		return nil, err
	}
	// In lexicographic order a point is dominated iff a front point taken before it
	// dominates it: a dominated point's chain of dominators ends at a front point,
	// which dominates it and comes before it.
	var front []int
	for _, i := range lexOrder(points) {
		if !dominatedBy(points, front, points[i]) {
			front = append(front, i)
		}
	}
	slices.Sort(front)
	return front, nil
}

// HypervolumeK returns the exact hypervolume that points (n x k, every objective
// minimised) dominate within the reference point ref: the k-dimensional volume of the
// union over points p of the boxes [p_1, ref_1] x ... x [p_k, ref_k]. A point that is
// not strictly better than ref in every objective bounds no volume and is ignored;
// dominated and duplicate points add nothing. k = len(ref) must be 1 to 4 and every
// point must have k objectives; NaN or infinite coordinates in points or ref are
// errors. For two objectives, Hypervolume(subset, cost, value, refCost, refValue)
// equals HypervolumeK of the points (cost, -value) with ref (refCost, -refValue).
//
// The volume is swept exactly, one objective at a time (no Monte Carlo): for k = 2
// the points are sorted and the staircase's rectangles summed, O(n log n); for k = 3
// the points are swept in increasing third objective while the area of the 2-D
// staircase of the points seen so far is kept up to date, O(n log n) search plus
// O(n^2) worst-case slice moves (memmove, fast); for k = 4 the points are swept in
// increasing fourth objective and the 3-D volume of the non-dominated points seen so
// far is recomputed whenever it changes, O(n^2 log n) at worst (every point on the
// front) and much less when most points are dominated. Volumes are only accumulated
// when a point changes the cross-section, so adding a dominated point leaves the
// result bit for bit the same.
func HypervolumeK(points [][]float64, ref []float64) (float64, error) {
	k := len(ref)
	if k < 1 || k > 4 {
		return 0, fmt.Errorf("pareto: ref has %d objectives, HypervolumeK handles 1 to 4", k)
	}
	for j, v := range ref {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return 0, fmt.Errorf("pareto: ref[%d] is %v, want a finite number", j, v)
		}
	}
	if _, err := checkSet("points", points, k, "ref"); err != nil {
		return 0, err
	}
	var in [][]float64 // the points strictly inside the reference box
	for _, p := range points {
		if strictlyBetter(p, ref) {
			in = append(in, p)
		}
	}
	if len(in) == 0 {
		return 0, nil
	}
	switch k {
	case 1:
		best := ref[0]
		for _, p := range in {
			best = min(best, p[0])
		}
		return ref[0] - best, nil
	case 2:
		return hv2(in, ref), nil
	case 3:
		return hv3(in, ref), nil
	default:
		return hv4(in, ref), nil
	}
}

// sortBy sorts points lexicographically by the objectives cols, in that order.
func sortBy(points [][]float64, cols ...int) {
	slices.SortFunc(points, func(p, q []float64) int {
		for _, c := range cols {
			if d := cmp.Compare(p[c], q[c]); d != 0 {
				return d
			}
		}
		return 0
	})
}

// hv2 is the area dominated by pts (all strictly inside ref, reordered in place): in
// increasing first objective, each point that lowers the best second objective so far
// adds the rectangle between the old and the new best, out to ref[0]. A dominated point
// comes after its dominator (ties are broken by the second objective) and adds nothing.
func hv2(pts [][]float64, ref []float64) float64 {
	sortBy(pts, 0, 1)
	area, best := 0.0, ref[1]
	for _, p := range pts {
		if p[1] < best {
			area += (ref[0] - p[0]) * (best - p[1])
			best = p[1]
		}
	}
	return area
}

// staircase is the union of the rectangles [x, rx] x [y, ry] of a set of 2-D points,
// kept as its corners (the non-dominated points) in increasing x, hence decreasing y,
// together with its area.
type staircase struct {
	corners []corner
	rx, ry  float64
	area    float64
}

type corner struct{ x, y float64 }

// add adds the rectangle of (x, y) and reports whether the union grew: false when a
// corner weakly dominates (x, y). The corners (x, y) dominates are removed. The area
// gained is the integral over u in [x, rx] of how far y lies below the union's old
// lower edge at u, a step function that steps down at each corner.
func (s *staircase) add(x, y float64) bool {
	c := s.corners
	j := sort.Search(len(c), func(i int) bool { return c[i].x > x })
	edge, start := s.ry, j // the old lower edge just right of x; first corner to remove
	if j > 0 {
		if c[j-1].y <= y {
			return false
		}
		edge = c[j-1].y
		if c[j-1].x == x {
			start = j - 1 // same x, higher y: dominated by (x, y)
		}
	}
	gain, u, m := 0.0, x, j
	for ; m < len(c) && c[m].y >= y; m++ { // corners right of x and not below y: dominated
		gain += (c[m].x - u) * (edge - y)
		u, edge = c[m].x, c[m].y
	}
	end := s.rx // from the first corner below y on, the old union already covers y
	if m < len(c) {
		end = c[m].x
	}
	gain += (end - u) * (edge - y)
	s.corners = slices.Replace(c, start, m, corner{x, y})
	s.area += gain
	return true
}

// hv3 is the volume dominated by pts (all strictly inside ref, reordered in place),
// swept in increasing third objective: between two points that change it, the
// cross-section is the staircase of the points seen so far.
func hv3(pts [][]float64, ref []float64) float64 {
	sortBy(pts, 2, 0, 1) // a dominator comes first, so a dominated point never changes the staircase
	s := staircase{rx: ref[0], ry: ref[1]}
	vol, z := 0.0, 0.0
	for _, p := range pts {
		area := s.area
		if s.add(p[0], p[1]) {
			vol += area * (p[2] - z)
			z = p[2]
		}
	}
	return vol + s.area*(ref[2]-z)
}

// hv4 is the volume dominated by pts (all strictly inside ref, reordered in place),
// swept in increasing fourth objective: between two points that change it, the
// cross-section is the 3-D volume of the points seen so far, recomputed by hv3 from
// their non-dominated projections.
func hv4(pts [][]float64, ref []float64) float64 {
	sortBy(pts, 3, 0, 1, 2)
	var set [][]float64 // mutually non-dominated 3-D projections of the points so far
	vol, vol3, w := 0.0, 0.0, 0.0
	for _, p := range pts {
		q := p[:3]
		if slices.ContainsFunc(set, func(s []float64) bool { return weaklyDominates(s, q) }) {
			continue // the cross-section does not change
		}
		set = slices.DeleteFunc(set, func(s []float64) bool { return weaklyDominates(q, s) })
		set = append(set, q)
		vol += vol3 * (p[3] - w)
		vol3, w = hv3(set, ref[:3]), p[3]
	}
	return vol + vol3*(ref[3]-w)
}

// checkPair checks two sets for the indicators: both non-empty, with the same number
// of objectives, all finite.
func checkPair(a, b [][]float64) (int, error) {
	if len(a) == 0 {
		return 0, fmt.Errorf("pareto: set a is empty")
	}
	if len(b) == 0 {
		return 0, fmt.Errorf("pareto: set b is empty")
	}
	k, err := checkSet("a", a, 0, "")
	if err != nil {
		return 0, err
	}
	return checkSet("b", b, k, "a[0]")
}

// AdditiveEpsilon returns the additive epsilon indicator I_eps+(A, B) of Zitzler et
// al. (IEEE TEVC 2003) with every objective minimised: the smallest eps such that
// every point b of B is weakly dominated by some point a of A shifted by eps, that is
// a_i - eps <= b_i in every objective i; in formula max over b of min over a of max
// over i of a_i - b_i. It is in the objectives' units: how much worse A may be
// everywhere and still cover B. It is <= 0 when A weakly dominates all of B (0 for
// A = B) and > 0 when some point of B is better than all of A somewhere; it is not
// symmetric, so read both I(A, B) and I(B, A). Empty sets, different numbers of
// objectives and NaN or infinite coordinates are errors. Time is O(k |A| |B|).
func AdditiveEpsilon(a, b [][]float64) (float64, error) {
	if _, err := checkPair(a, b); err != nil {
		return 0, err
	}
	eps := math.Inf(-1)
	for _, q := range b {
		best := math.Inf(1) // smallest shift by which a point of A covers q
		for _, p := range a {
			shift := math.Inf(-1)
			for i, v := range p {
				shift = max(shift, v-q[i])
			}
			best = min(best, shift)
			if best <= eps {
				break // q cannot raise the maximum
			}
		}
		eps = max(eps, best)
	}
	return eps, nil
}

// Coverage returns Zitzler's set coverage C(A, B) with every objective minimised: the
// fraction of the points of B that at least one point of A weakly dominates (is no
// worse than in every objective). C(A, A) = 1. C(A, B) and C(B, A) need not add up to
// 1 (identical points count for both sides and non-dominated ones for neither), so
// both are read. Empty sets, different numbers of objectives and NaN or infinite
// coordinates are errors. Time is O(k |A| |B|).
func Coverage(a, b [][]float64) (float64, error) {
	if _, err := checkPair(a, b); err != nil {
		return 0, err
	}
	covered := 0
	for _, q := range b {
		if slices.ContainsFunc(a, func(p []float64) bool { return weaklyDominates(p, q) }) {
			covered++
		}
	}
	return float64(covered) / float64(len(b)), nil
}
