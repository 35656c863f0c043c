package pareto

import (
	"math"
	"math/rand/v2"
	"slices"
	"testing"
)

// Hand-made points (cost, value): A(1,1) B(2,3) C(3,2) D(4,5) E(2,3) F(5,4).
// C is dominated by B, F by D; E duplicates B.
var (
	cost  = []float64{1, 2, 3, 4, 2, 5}
	value = []float64{1, 3, 2, 5, 3, 4}
)

func TestFront(t *testing.T) {
	if got, want := Front(cost, value), []int{0, 1, 4, 3}; !slices.Equal(got, want) {
		t.Errorf("Front = %v, want %v", got, want)
	}
	withNaN := append(slices.Clone(cost), math.NaN())
	if got := Front(withNaN, append(slices.Clone(value), 100)); len(got) != 4 {
		t.Errorf("NaN point entered the front: %v", got)
	}
}

// Union of [1,6]x[0,1], [2,6]x[0,3], [4,6]x[0,5] = 5 + 8 + 4 = 17.
func TestHypervolumeByHand(t *testing.T) {
	all := []int{0, 1, 2, 3, 4, 5}
	if got := Hypervolume(all, cost, value, 6, 0); got != 17 {
		t.Errorf("Hypervolume = %v, want 17", got)
	}
	// Points beyond the reference cost add nothing: with refCost 3 only A and B count:
	// [1,3]x[0,1] + [2,3]x[1,3] = 2 + 2.
	if got := Hypervolume(all, cost, value, 3, 0); got != 4 {
		t.Errorf("Hypervolume(ref 3) = %v, want 4", got)
	}
}

// Five architectures; the proxy ranks costs differently from the target.
//
//	arch:        0    1    2    3    4
//	value:       70   75   80   85   90
//	target cost: 1    2    3    4    5    -> every arch is on the target's front
//	proxy cost:  1    3    2    5    4    -> proxy front: 0, 2, 4 (1 and 3 dominated)
func TestJudgeReuseByHand(t *testing.T) {
	val := []float64{70, 75, 80, 85, 90}
	tc := []float64{1, 2, 3, 4, 5}
	pc := []float64{1, 3, 2, 5, 4}
	r, err := JudgeReuse(pc, tc, val, []float64{0.25, 0.75})
	if err != nil {
		t.Fatal(err)
	}
	if r.ProxyFront != 3 || r.TargetFront != 5 {
		t.Fatalf("front sizes %d, %d; want 3, 5", r.ProxyFront, r.TargetFront)
	}
	if r.Recovered != 3.0/5 {
		t.Errorf("Recovered = %v, want 0.6", r.Recovered)
	}
	// Reference (5, 70). Target front HV: steps at costs 1..5 with values 70..90:
	// (5-2)*5 + (5-3)*5 + (5-4)*5 + 0 = 30. Proxy set on the target: costs 1,3,5 with
	// values 70,80,90: (5-3)*10 = 20. Ratio 2/3.
	if math.Abs(r.HVRatio-2.0/3) > 1e-12 {
		t.Errorf("HVRatio = %v, want 2/3", r.HVRatio)
	}
	// Budgets at the 25 % and 75 % quantiles of target cost: 2 and 4.
	// Budget 2: best overall 75 (arch 1); best of proxy set under 2: 70 -> loss 5.
	// Budget 4: best overall 85; proxy set: 80 -> loss 5.
	if !slices.Equal(r.Budgets, []float64{2, 4}) || !slices.Equal(r.Loss, []float64{5, 5}) {
		t.Errorf("budgets %v loss %v; want [2 4] [5 5]", r.Budgets, r.Loss)
	}
	// A proxy that agrees with the target loses nothing.
	same, err := JudgeReuse(tc, tc, val, []float64{0.5})
	if err != nil || same.Recovered != 1 || same.HVRatio != 1 || same.Loss[0] != 0 {
		t.Errorf("identical proxy: %+v, %v", same, err)
	}
	nan := math.NaN()
	if _, err := JudgeReuse([]float64{1, nan}, []float64{nan, 2}, []float64{70, 80}, []float64{0.5}); err == nil {
		t.Error("no complete point: no error")
	}
}

// The 2-D front of 10^6 random points against sorting the same points by cost: the
// front's budget is 2x the sort.
func BenchmarkFront1e6(b *testing.B) {
	cost, value := randomPoints2D(1_000_000)
	b.ResetTimer()
	for range b.N {
		Front(cost, value)
	}
}

func BenchmarkSort1e6(b *testing.B) {
	cost, _ := randomPoints2D(1_000_000)
	b.ResetTimer()
	for range b.N {
		s := slices.Clone(cost)
		slices.Sort(s)
	}
}

func randomPoints2D(n int) (cost, value []float64) {
	rng := rand.New(rand.NewPCG(1, 2))
	cost, value = make([]float64, n), make([]float64, n)
	for i := range cost {
		cost[i], value[i] = rng.Float64(), rng.Float64()
	}
	return cost, value
}
