package arch

import (
	"math"
	"reflect"
	"testing"
)

type fixedCost Cost

func (f fixedCost) Cost() Cost { return Cost(f) }

func TestCostsOfInMillions(t *testing.T) {
	m, p := CostsOf([]fixedCost{{MACs: 2.5e6, Params: 3e5}, {MACs: 1e9, Params: 4e6}})
	if !reflect.DeepEqual(m, []float64{2.5, 1000}) || !reflect.DeepEqual(p, []float64{0.3, 4}) {
		t.Errorf("CostsOf = %v, %v", m, p)
	}
}

func TestSpacesFrameSizesByHand(t *testing.T) {
	df := SpacesFrame()
	if r, _ := df.Dims(); r != 3 {
		t.Fatalf("%d rows, want 3", r)
	}
	// A mobile stage of depth 2, 3 or 4 has 9^2 + 9^3 + 9^4 = 7,371 (kernel, expand)
	// configurations; five stages and five resolutions.
	want := math.Pow(7371, 5) * 5
	for r := 0; r < 2; r++ {
		if got := df.Col("architectures").Elem(r).Float(); math.Abs(got-want)/want > 1e-12 {
			t.Errorf("row %d: %g architectures, want %g", r, got, want)
		}
	}
	for r := 0; r < 3; r++ {
		if lo, hi := df.Col("min_macs_m").Elem(r).Float(), df.Col("max_macs_m").Elem(r).Float(); !(lo > 0 && lo < hi) {
			t.Errorf("row %d: MACs range %g-%g", r, lo, hi)
		}
	}
}

func TestResolutionHelpers(t *testing.T) {
	as := MBv3.SampleN(3, 7)
	if b := MBv3.SampleN(3, 7); !reflect.DeepEqual(as, b) {
		t.Error("SampleN is not deterministic for one seed")
	}
	r := WithResolution(as, 224)
	r[0].KS[0] = 99
	if as[0].KS[0] == 99 {
		t.Error("WithResolution shares slices with its input")
	}
	r[0].R, r[1].R, r[2].R = 160, 224, 192
	idx, err := ResolutionIndex(r)
	if err != nil || !reflect.DeepEqual(idx, []int{0, 4, 2}) {
		t.Errorf("ResolutionIndex = %v, %v; want [0 4 2]", idx, err)
	}
	r[1].R = 150
	if _, err := ResolutionIndex(r); err == nil {
		t.Error("150 px should be an error")
	}
	if n := len(SampleResNets(4, 1)); n != 4 {
		t.Errorf("SampleResNets gave %d", n)
	}
}

func TestAsMB(t *testing.T) {
	as := MBv3.SampleN(2, 3)
	got, err := AsMB([]Arch{as[0], as[1]})
	if err != nil || !reflect.DeepEqual(got, as) {
		t.Errorf("AsMB = %v, %v", got, err)
	}
	if _, err := AsMB([]Arch{Cell{}}); err == nil {
		t.Error("a NAS-Bench-201 cell should be an error")
	}
}
