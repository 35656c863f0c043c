package ofa

import (
	"math"
	"testing"

	"github.com/nasanalysis/nasanalysis/nasanalysis/datatest"

	"github.com/nasanalysis/nasanalysis/nasanalysis/arch"
)

func uniformMBv3(k, e, d, r int) arch.MBArch {
	a := arch.MBArch{KS: make([]int, 20), E: make([]int, 20), D: make([]int, 5), R: r}
	for i := range a.KS {
		a.KS[i], a.E[i] = k, e
	}
	for i := range a.D {
		a.D[i] = d
	}
	return a
}

// The dataset README gives two figures computed independently of this project:
// all ks=3, e=3, d=2 at r=160 -> 0.7531; all ks=7, e=6, d=4 at r=224 -> 0.8359.
func TestOFAMBv3PredictorMatchesReference(t *testing.T) {
	p, err := LoadMBv3("")
	datatest.Check(t, err)
	got, err := p.Predict([][]float64{uniformMBv3(3, 3, 2, 160).OFAFeatures(), uniformMBv3(7, 6, 4, 224).OFAFeatures()})
	if err != nil {
		t.Fatal(err)
	}
	for i, want := range []float64{0.7531, 0.8359} {
		if math.Abs(got[i]-want) > 1e-4 {
			t.Errorf("prediction %d = %.5f, reference %.4f", i, got[i], want)
		}
	}
}

// No reference figure is published for the ResNet50 predictor; check that it loads and
// ranks the largest network above the smallest at the same resolution, within the
// accuracy range OFA reports for its ResNet50 space (roughly 70-82 %).
func TestOFAResNet50PredictorPlausible(t *testing.T) {
	p, err := LoadResNet50("")
	datatest.Check(t, err)
	small := arch.ResNetArch{D: []int{0, 0, 0, 0, 0}, E: make([]float64, 18), W: make([]int, 6), R: 224}
	large := arch.ResNetArch{D: []int{2, 2, 2, 2, 2}, E: make([]float64, 18), W: []int{2, 2, 2, 2, 2, 2}, R: 224}
	for i := range small.E {
		small.E[i], large.E[i] = 0.2, 0.35
	}
	got, err := p.Predict([][]float64{small.OFAFeatures(), large.OFAFeatures()})
	if err != nil {
		t.Fatal(err)
	}
	if !(0.65 < got[0] && got[0] < got[1] && got[1] < 0.85) {
		t.Errorf("predicted small %.4f, large %.4f", got[0], got[1])
	}
}

// The forward pass, checked by hand on a 2-2-1 network without any data: for x = (1, 2)
// the hidden layer is relu(1-2+0, 0.5+1-0.25) = (0, 1.25), the output 0·0.1 + 1.25·0.2 =
// 0.25, plus the base 0.1; for x = (3, 1) it is relu(2, 1.75) -> 0.2 + 0.35 + 0.1 = 0.65.
// The Go forward pass of the loader's self-check gives the same.
func TestPredictByHand(t *testing.T) {
	p := &Predictor{InWidth: 2, base: 0.1, layers: []dense{
		{W: [][]float32{{1, -1}, {0.5, 0.5}}, B: []float32{0, -0.25}},
		{W: [][]float32{{0.1, 0.2}}},
	}}
	X := [][]float64{{1, 2}, {3, 1}}
	got, err := p.Predict(X)
	if err != nil {
		t.Fatal(err)
	}
	for i, want := range []float64{0.35, 0.65} {
		if math.Abs(got[i]-want) > 1e-6 {
			t.Errorf("prediction %d = %v, want %v", i, got[i], want)
		}
		if g := p.forwardGo(X)[i]; math.Abs(g-want) > 1e-6 {
			t.Errorf("forwardGo %d = %v, want %v", i, g, want)
		}
	}
	if _, err := p.Predict([][]float64{{1, 2, 3}}); err == nil {
		t.Error("an encoding of the wrong width was accepted")
	}
	// 4,100 rows go to the workers in 64 chunks of 64 rows and one of 4: each row as by hand.
	var big [][]float64
	for i := range 4100 {
		big = append(big, X[i%2])
	}
	got, err = p.Predict(big)
	if err != nil || len(got) != len(big) {
		t.Fatalf("a batch of %d: %d predictions, %v", len(big), len(got), err)
	}
	for i, y := range got {
		if want := []float64{0.35, 0.65}[i%2]; math.Abs(y-want) > 1e-6 {
			t.Fatalf("prediction %d of a batch of %d = %v, want %v", i, len(big), y, want)
		}
	}
}

// The loader's self-check evaluates the released predictors in plain Go; on its samples
// that must agree with Predict's float32 kernel, or the check would test another network.
func TestSelfCheckMatchesPredict(t *testing.T) {
	for _, s := range []*spec{&mbv3Spec, &resNet50Spec} {
		p, err := load("", s)
		datatest.Check(t, err)
		X, _ := s.samples()
		got, err := p.Predict(X)
		if err != nil {
			t.Fatal(err)
		}
		for i, want := range p.forwardGo(X) {
			if math.Abs(got[i]-want) > 1e-5 {
				t.Errorf("%s sample %d: Predict %.6f, forwardGo %.6f", s.what, i, got[i], want)
			}
		}
	}
}

// Predict's range check must never fire on the released predictors for architectures of
// their spaces: 1,000 sampled of each load and predict without error.
func TestReleasedPredictorsStayInRange(t *testing.T) {
	mb, err := LoadMBv3("")
	datatest.Check(t, err)
	if _, err := Top1Percent(mb, arch.MBv3.SampleN(1000, 3)); err != nil {
		t.Error(err)
	}
	rn, err := LoadResNet50("")
	datatest.Check(t, err)
	if _, err := Top1Percent(rn, arch.SampleResNets(1000, 3)); err != nil {
		t.Error(err)
	}
}

// A network's prediction does not depend on the batch it comes in: batches are padded
// to different compiled shapes (80 rows, 512 rows), and the padding rows are dropped.
func TestPredictionIndependentOfBatch(t *testing.T) {
	p, err := LoadMBv3("")
	datatest.Check(t, err)
	as := arch.MBv3.SampleN(300, 9)
	X := make([][]float64, len(as))
	for i, a := range as {
		X[i] = a.OFAFeatures()
	}
	all, err := p.Predict(X)
	if err != nil {
		t.Fatal(err)
	}
	few, err := p.Predict(X[:75])
	if err != nil {
		t.Fatal(err)
	}
	for i := range few {
		if d := math.Abs(few[i] - all[i]); d > 1e-6 {
			t.Fatalf("network %d: %v in a batch of 75, %v in a batch of 300", i, few[i], all[i])
		}
	}
}
