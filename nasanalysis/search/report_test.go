package search

import (
	"math"
	"slices"
	"testing"
)

func TestCurveCompareFrameCountReached(t *testing.T) {
	g := []Trace{{BestSoFar: []float64{1, 3, 5}}, {BestSoFar: []float64{1, 5, 5}}}
	r := []Trace{{BestSoFar: []float64{1, 1, 2}}, {BestSoFar: []float64{3, 3, 4}}}
	x, mean, _ := Curve(g)
	if !slices.Equal(x, []float64{1, 2, 3}) || !slices.Equal(mean, []float64{1, 4, 5}) {
		t.Errorf("Curve = %v %v", x, mean)
	}
	df := CompareFrame(g, r, []int{2, 3})
	// After 2 queries: guided mean 4, random mean 2; after 3: 5 and 3. Difference 2 both.
	// Sample SD of guided after 2 queries (3, 5): sqrt(2).
	if df.Col("guided").Elem(0).Float() != 4 || df.Col("random").Elem(1).Float() != 3 || df.Col("difference").Elem(1).Float() != 2 ||
		math.Abs(df.Col("guided_sd").Elem(0).Float()-math.Sqrt2) > 1e-12 {
		t.Errorf("CompareFrame =\n%v", df)
	}
	if n := CountReached(g, 5); n != 2 {
		t.Errorf("CountReached = %d, want 2", n)
	}
	if n := CountReached(r, 4); n != 1 {
		t.Errorf("CountReached = %d, want 1", n)
	}
}
