package predictor

import (
	"bytes"
	"encoding/gob"
	"testing"

	"github.com/nasanalysis/nasanalysis/nasanalysis/arch"
	"github.com/nasanalysis/nasanalysis/nasanalysis/datatest"
)

// A predictor kept by encoding/gob predicts what it predicted before, bit for bit, and
// keeps what it says about itself.
func TestTrainedGobRoundTrip(t *testing.T) {
	task := syntheticTask(func(c arch.Cell) float64 { return 1 + float64(c[1]) })
	cfg := DefaultConfig(KindGCN)
	cfg.MaxSteps, cfg.EvalEvery, cfg.Patience = 20, 10, 1
	sc, p, err := Evaluate(task, cfg, 60, 3)
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := gob.NewEncoder(&buf).Encode(Fitted{Score: sc, P: p}); err != nil {
		t.Fatal(err)
	}
	var back Fitted
	if err := gob.NewDecoder(&buf).Decode(&back); err != nil {
		t.Fatal(err)
	}
	idx := []int{0, 1, 2, 15624}
	want, err := p.Predict(task.Examples(idx))
	if err != nil {
		t.Fatal(err)
	}
	got, err := back.P.Predict(task.Examples(idx))
	if err != nil {
		t.Fatal(err)
	}
	for k := range want {
		if got[k] != want[k] {
			t.Errorf("example %d: %v after the round trip, %v before", idx[k], got[k], want[k])
		}
	}
	if back.Score != sc || back.P.Dataset != "synthetic" || back.P.Config != p.Config || len(back.P.History) != 1 {
		t.Errorf("round trip lost fields: score %+v (want %+v), dataset %q, config %+v, %d curves", back.Score, sc, back.P.Dataset, back.P.Config, len(back.P.History))
	}
	if err := gob.NewDecoder(bytes.NewReader([]byte("not gob"))).Decode(&back); err == nil {
		t.Error("decoding garbage: no error")
	}
}

// Specs that Evaluate trains identically share a key; a different budget does not.
func TestFitSpecKey(t *testing.T) {
	a := FitSpec{Dataset: "nb201", Target: "cifar10_acc", Config: DefaultConfig(KindGCN), N: 400, Seed: 0}
	b := a
	b.Config.Seed = 9 // Evaluate overrides it with Seed
	ca, ia := a.Key()
	cb, ib := b.Key()
	if ca != FitComputation || cb != ca || ia != ib || ia.Config.Seed != 0 {
		t.Errorf("keys differ: %s %+v and %s %+v", ca, ia, cb, ib)
	}
	c := a
	c.N = 200
	if _, ic := c.Key(); ic == ia {
		t.Error("a different budget has the same key inputs")
	}
}

// Fit is LoadTask then Evaluate: the same score as doing both by hand.
func TestFitIsEvaluateOnTheTask(t *testing.T) {
	spec := FitSpec{Dataset: "nb201", Target: "cifar10_acc", Config: DefaultConfig(KindMLP), N: 50, Seed: 2}
	spec.Config.Ensemble, spec.Config.MaxSteps, spec.Config.EvalEvery, spec.Config.Patience = 1, 20, 10, 1
	f, err := Fit("", spec)
	datatest.Check(t, err)
	task, err := LoadTask("", spec.Dataset, spec.Target)
	if err != nil {
		t.Fatal(err)
	}
	want, _, err := Evaluate(task, spec.Config, spec.N, spec.Seed)
	if err != nil {
		t.Fatal(err)
	}
	if f.Score != want || f.P.Dataset != "nb201" || f.Spec.Config.Seed != 2 {
		t.Errorf("Fit score %+v, Evaluate %+v; predictor of %q; spec %+v", f.Score, want, f.P.Dataset, f.Spec)
	}
	if _, err := Fit("", FitSpec{Dataset: "nb201", Target: "no_such_target", Config: spec.Config, N: 50}); err == nil {
		t.Error("unknown target: no error")
	}
}
