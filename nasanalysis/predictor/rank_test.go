package predictor

import (
	"math"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/nasanalysis/nasanalysis/nasanalysis/arch"
)

// fixed predicts the given values whatever the architectures.
func fixed(vals ...float64) PredictFunc {
	return func(archs []arch.Arch) ([]float64, error) { return vals, nil }
}

func fourCells() []arch.Arch {
	return []arch.Arch{arch.Cell{}, arch.Cell{1, 1, 1, 1, 1, 1}, arch.Cell{2, 2, 2, 2, 2, 2}, arch.Cell{3, 3, 3, 3, 3, 3}}
}

// Predictions 3, 1, 2, 1: highest first is 3 (index 0), 2 (index 2), then the two 1s
// in input order sharing rank 3; lowest first is the two 1s sharing rank 1, then 2, 3.
func TestRankOrdersAndTies(t *testing.T) {
	cases := []struct {
		order Order
		index []int
		rank  []int
	}{
		{HighestFirst, []int{0, 2, 1, 3}, []int{1, 2, 3, 3}},
		{LowestFirst, []int{1, 3, 2, 0}, []int{1, 1, 3, 4}},
	}
	for _, c := range cases {
		got, err := Rank(fixed(3, 1, 2, 1), fourCells(), c.order)
		if err != nil {
			t.Fatal(err)
		}
		for k, r := range got {
			if r.Index != c.index[k] || r.Rank != c.rank[k] || r.Arch != fourCells()[r.Index] {
				t.Errorf("order %d, place %d: got index %d rank %d (%v), want index %d rank %d", c.order, k, r.Index, r.Rank, r.Arch, c.index[k], c.rank[k])
			}
		}
	}
}

func TestRankRefuses(t *testing.T) {
	if _, err := Rank(fixed(1, math.NaN(), 2, 3), fourCells(), HighestFirst); err == nil || !strings.Contains(err.Error(), "architecture 1") {
		t.Errorf("NaN prediction: err = %v, want one naming architecture 1", err)
	}
	if _, err := Rank(fixed(1, 2), fourCells(), HighestFirst); err == nil {
		t.Error("2 predictions for 4 architectures: no error")
	}
	if _, err := Rank(fixed(1, 2, 3, 4), fourCells(), Order(7)); err == nil {
		t.Error("unknown order: no error")
	}
}

// An NB201 cell with one 1x1 convolution costs 15 x 262,144 MACs more than the empty
// cell's 7.78305 M (arch.Cell.MACs' doc): 11.71521 M; ExampleOf carries it in millions.
func TestExampleOfMACs(t *testing.T) {
	e := ExampleOf(arch.Cell{arch.OpConv1x1})
	if math.Abs(e.MACs-11.71521) > 1e-5 {
		t.Errorf("MACs = %v M, want 11.71521", e.MACs)
	}
	if len(e.X) != arch.NumEdges*int(arch.NumOps) || len(e.Graph.Nodes) == 0 {
		t.Errorf("encodings: %d flat features, %d graph nodes", len(e.X), len(e.Graph.Nodes))
	}
	if fb := ExampleOf(arch.SampleFBNet(rand.New(rand.NewPCG(1, 2)))); !math.IsNaN(fb.MACs) {
		t.Errorf("FBNet has no cost model here, MACs = %v, want NaN", fb.MACs)
	}
}

// PredictArchs gives what Predict gives on the task's own encodings of the same cells.
func TestPredictArchsMatchesTaskEncoding(t *testing.T) {
	task := syntheticTask(func(c arch.Cell) float64 { return float64(c[0]) + 2*float64(c[5]) })
	cfg := DefaultConfig(KindMLP)
	cfg.Ensemble, cfg.MaxSteps, cfg.EvalEvery, cfg.Patience = 1, 20, 10, 1
	_, p, err := Evaluate(task, cfg, 100, 0)
	if err != nil {
		t.Fatal(err)
	}
	idx := []int{0, 17, 4000, 15624}
	want, err := p.Predict(task.Examples(idx))
	if err != nil {
		t.Fatal(err)
	}
	var archs []arch.Arch
	for _, i := range idx {
		c, err := arch.ParseCell(task.Archs[i])
		if err != nil {
			t.Fatal(err)
		}
		archs = append(archs, c)
	}
	got, err := p.PredictArchs(archs)
	if err != nil {
		t.Fatal(err)
	}
	for k := range want {
		if got[k] != want[k] {
			t.Errorf("cell %s: PredictArchs %v, Predict %v", archs[k], got[k], want[k])
		}
	}
	// Another family's encoding has another width.
	if _, err := p.PredictArchs([]arch.Arch{arch.SampleFBNet(rand.New(rand.NewPCG(1, 2)))}); err == nil {
		t.Error("an FBNet architecture given to an NB201 predictor: no error")
	}
}

// A predictor of the 160-px measured dataset refuses a 224-px network and an NB201 cell
// before predicting anything.
func TestPredictArchsRefusesOutsideMeasuredDomain(t *testing.T) {
	p := &Trained{Dataset: MeasuredDataset, Target: MeasuredTarget, Log: true, Config: DefaultConfig(KindGCN)}
	a := arch.MBv3.SampleN(1, 1)[0]
	a.R = 224
	if _, err := p.PredictArchs([]arch.Arch{a}); err == nil || !strings.Contains(err.Error(), "outside the measured data") {
		t.Errorf("224-px network: err = %v", err)
	}
	if _, err := p.PredictArchs([]arch.Arch{arch.Cell{}}); err == nil || !strings.Contains(err.Error(), "OFA-MobileNetV3") {
		t.Errorf("NB201 cell: err = %v", err)
	}
}
