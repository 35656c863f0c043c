package plots

import (
	"math"
	"reflect"
	"testing"
)

func TestGroupByClampsToLastGroup(t *testing.T) {
	x := []float64{1, 2, 3, 4}
	y := []float64{10, 20, 30, 40}
	s := GroupBy(x, y, []int{0, 5, 1, 2}, []string{"0", "1", "2+"})
	want := []Series{{Name: "0", X: []float64{1}, Y: []float64{10}}, {Name: "1", X: []float64{3}, Y: []float64{30}}, {Name: "2+", X: []float64{2, 4}, Y: []float64{20, 40}}}
	if !reflect.DeepEqual(s, want) {
		t.Errorf("GroupBy = %+v, want %+v", s, want)
	}
}

func TestSubsetDistributionsMeanBand(t *testing.T) {
	s := Subset("front", []float64{1, 2, 3}, []float64{4, 5, 6}, []int{2, 0})
	if !reflect.DeepEqual(s, Series{Name: "front", X: []float64{3, 1}, Y: []float64{6, 4}}) {
		t.Errorf("Subset = %+v", s)
	}
	d := Distributions([]string{"a", "b"}, [][]float64{{1}, {2, 3}})
	if len(d) != 2 || d[1].Name != "b" || len(d[1].Values) != 2 {
		t.Errorf("Distributions = %+v", d)
	}
	// A band of mean ± sd, not error bars, which merge into a fence on long curves.
	b := MeanBand("m", []float64{1, 2}, []float64{2, 3}, []float64{0.5, math.NaN()})
	if b.Name != "m" || b.Y[0] != 2 || b.YErr != nil || b.Lo[0] != 1.5 || b.Hi[0] != 2.5 || !math.IsNaN(b.Lo[1]) {
		t.Errorf("MeanBand = %+v", b)
	}
}
