package search

import (
	"testing"

	"github.com/nasanalysis/nasanalysis/nasanalysis/arch"
	"github.com/nasanalysis/nasanalysis/nasanalysis/predictor"
)

// syntheticTask builds a task over all 15,625 NB201 cells with a target computed from
// each cell.
func syntheticTask(f func(arch.Cell) float64) *predictor.Task {
	var archs []arch.Arch
	var y []float64
	for k := range 15625 {
		var c arch.Cell
		v := k
		for e := range c {
			c[e] = arch.Op(v % int(arch.NumOps))
			v /= int(arch.NumOps)
		}
		archs, y = append(archs, c), append(y, f(c))
	}
	t, err := predictor.NewTask("synthetic", "y", archs, y, false)
	if err != nil {
		panic(err)
	}
	return t
}

// Guided search's first queries are random search's; with a predictor in the loop it
// finds the best of a smooth synthetic space faster than random search does.
func TestGuidedSearchBeatsRandomOnAdditiveTarget(t *testing.T) {
	if testing.Short() {
		t.Skip("trains a predictor at every round (20 s under -race); make unit runs it")
	}
	task := syntheticTask(func(c arch.Cell) float64 {
		var y float64
		for e, op := range c {
			y += float64(op) * float64(e+1) // the best cell: avg_pool on every edge
		}
		return y
	})
	cfg := GuidedConfig{Initial: 20, PerRound: 10, Budget: 60, Model: predictor.DefaultConfig(predictor.KindMLP)}
	cfg.Model.Ensemble = 1
	g, err := GuidedSearch(task, cfg, 1)
	if err != nil {
		t.Fatal(err)
	}
	r, err := RandomSearch(task, 60, 1)
	if err != nil {
		t.Fatal(err)
	}
	for k := 0; k < 20; k++ {
		if g.Queried[k] != r.Queried[k] {
			t.Fatalf("query %d differs before the predictor starts: %d vs %d", k, g.Queried[k], r.Queried[k])
		}
	}
	// Share of the space strictly better than what each search found after 60 queries.
	better := func(v float64) float64 {
		n := 0
		for _, y := range task.Y {
			if y > v {
				n++
			}
		}
		return float64(n) / float64(task.Len())
	}
	gb, rb := better(g.BestSoFar[59]), better(r.BestSoFar[59])
	t.Logf("after 60 queries: guided %v (%.2f%% of cells better), random %v (%.2f%%)", g.BestSoFar[59], 100*gb, r.BestSoFar[59], 100*rb)
	if gb > 0.002 || rb < 2*gb {
		t.Errorf("guided search left %.2f%% of the space better than its best, random %.2f%%; want guided in the top 0.2%% and random at least twice as far", 100*gb, 100*rb)
	}
}
