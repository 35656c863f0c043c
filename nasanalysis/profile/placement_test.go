package profile

import (
	"math"
	"testing"

	"github.com/nasanalysis/nasanalysis/nasanalysis/arch"
)

// placementResult has two positions of three blocks each, 20 networks a block: at s0l0
// the blocks' values are 0, 10 and 20 apart (a spread of 20 no shuffle reaches), at s1l0
// every block holds the same 20 values (a spread of 0, which every shuffle reaches).
func placementResult() *Result {
	var groups []handGroup
	for i, k := range arch.MBKernels {
		far, same := make([]float64, 20), make([]float64, 20)
		for j := range far {
			far[j] = float64(10*i) + float64(j%5)
			same[j] = float64(j)
		}
		groups = append(groups, handGroup{fix: fix(0, 0, k, 3), values: [][]float64{far}}, handGroup{fix: fix(1, 0, k, 3), values: [][]float64{same}})
	}
	base := make([]float64, 20)
	return handResult(arch.OFAMBv3, []string{"m"}, []string{"ms"}, [][]float64{base}, groups...)
}

func TestTestPlacementByHand(t *testing.T) {
	r := placementResult()
	pt, err := r.TestPlacement("m", 999)
	if err != nil {
		t.Fatal(err)
	}
	if len(pt.Positions) != 2 || pt.Shuffles() != 999 || pt.Unit != "ms" {
		t.Fatalf("placement test %+v", pt)
	}
	far, same := pt.Positions[0], pt.Positions[1]
	if far.Name() != "s0l0" || far.Spread.Estimate != 20 || far.Low.Kernel != 3 || far.High.Kernel != 7 || !far.BeyondNoise() || far.Test.P != 1.0/1000 {
		t.Errorf("s0l0 %+v", far)
	}
	if same.Name() != "s1l0" || same.Spread.Estimate != 0 || same.BeyondNoise() || same.Test.P != 1 {
		t.Errorf("s1l0 %+v", same)
	}
	if pt.BeyondNoise() != 1 {
		t.Errorf("%d positions beyond noise, want 1", pt.BeyondNoise())
	}
	most, least := pt.Extremes()
	if most.Name() != "s0l0" || least.Name() != "s1l0" {
		t.Errorf("extremes %s %s", most.Name(), least.Name())
	}
	rows, cols, vals := pt.Grid()
	if len(rows) != 2 || len(cols) != 1 || vals[0][0] != 20 || vals[1][0] != 0 {
		t.Errorf("grid %v %v %v", rows, cols, vals)
	}
	df := pt.Frame()
	if df.Nrow() != 2 || df.Col("position").Records()[0] != "s0l0" || df.Col("m_spread").Elem(0).Float() != 20 ||
		df.Col("shuffles_reaching").Elem(0).Val() != 0 || df.Col("shuffles_reaching").Elem(1).Val() != 999 || df.Col("perm_p").Elem(1).Float() != 1 {
		t.Errorf("frame\n%v", df)
	}
	if _, err := r.TestPlacement("nope", 999); err == nil {
		t.Error("an unknown metric gave no error")
	}
}

// The released rule's profile: the same positions, its spreads tested anew; the
// fraction of networks holding their block averaged per layer (here s0l0's three groups
// hold it in all networks, s1l0's in 0.4, 0.6 and 0.4: layer 0's mean is 4.4 / 6).
func TestCompareDeepening(t *testing.T) {
	incl := placementResult()
	included, err := incl.TestPlacements(999, "m")
	if err != nil {
		t.Fatal(err)
	}
	rel := placementResult()
	rel.Deepen = arch.DeepenAsReleased
	rel.Groups[1].Present, rel.Groups[3].Present, rel.Groups[5].Present = 0.4, 0.6, 0.4
	c, err := CompareDeepening(included, rel, 999)
	if err != nil {
		t.Fatal(err)
	}
	want := (3 + 0.4 + 0.6 + 0.4) / 6
	if len(c.PresentByLayer) != 1 || math.Abs(c.PresentByLayer[0]-want) > 1e-12 || len(c.Metrics) != 1 {
		t.Fatalf("comparison %+v", c)
	}
	m := c.Metrics[0]
	if m.Included[0] != 20 || m.Released[0] != 20 || !m.IncludedBeyond[0] || m.ReleasedBeyond[1] {
		t.Errorf("spreads %+v", m)
	}
	if _, err := CompareDeepening(included, incl, 999); err == nil {
		t.Error("a profile with the included rule passed as the released one")
	}
	if _, err := CompareDeepening(included, rel, 999, "no-such-metric"); err == nil {
		t.Error("a metric with no included test was compared")
	}
	if _, err := CompareDeepening(nil, rel, 999); err == nil {
		t.Error("no included test gave no error")
	}
}
