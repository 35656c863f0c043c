package predictor

import (
	"math"
	"math/rand/v2"
	"testing"
)

// A known answer: y = 1 + 2·x0 − 3·x1 + 0.5·x2 on random binary inputs. After training,
// the MLP should reproduce it closely on fresh inputs.
func TestMLPLearnsLinearFunction(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 7))
	gen := func(n int) ([][]float64, []float64) {
		var X [][]float64
		var y []float64
		for i := 0; i < n; i++ {
			x := []float64{float64(rng.IntN(2)), float64(rng.IntN(2)), float64(rng.IntN(2)), 1}
			X = append(X, x)
			y = append(y, 1+2*x[0]-3*x[1]+0.5*x[2])
		}
		return X, y
	}
	X, y := gen(256)
	m := NewMLP(DefaultMLP, 4)
	if err := m.Fit(X, y, 1500, 3e-3); err != nil {
		t.Fatal(err)
	}
	Xt, yt := gen(64)
	p, err := m.Predict(Xt)
	if err != nil {
		t.Fatal(err)
	}
	var mse float64
	for i := range p {
		mse += (p[i] - yt[i]) * (p[i] - yt[i]) / float64(len(p))
	}
	if math.Sqrt(mse) > 0.1 { // y has standard deviation about 1.8
		t.Errorf("RMSE %.3f on held-out inputs, want < 0.1", math.Sqrt(mse))
	}
	// Same seed, same data: same predictions.
	m2 := NewMLP(DefaultMLP, 4)
	if err := m2.Fit(X, y, 1500, 3e-3); err != nil {
		t.Fatal(err)
	}
	p2, _ := m2.Predict(Xt)
	for i := range p {
		if p[i] != p2[i] {
			t.Fatalf("prediction %d differs between identical runs: %v vs %v", i, p[i], p2[i])
		}
	}
}

func TestMLPBadInput(t *testing.T) {
	m := NewMLP(DefaultMLP, 3)
	if _, err := m.Predict([][]float64{{1, 2, 3}}); err == nil {
		t.Error("prediction before fitting accepted")
	}
	if err := m.Fit([][]float64{{1, 2}}, []float64{1}, 10, 1e-3); err == nil {
		t.Error("wrong encoding width accepted")
	}
	if err := m.Fit([][]float64{{1, 2, 3}}, []float64{math.NaN()}, 10, 1e-3); err == nil {
		t.Error("NaN target accepted")
	}
}
