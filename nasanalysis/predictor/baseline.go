package predictor

import (
	"fmt"
	"math"

	"gonum.org/v1/gonum/mat"
)

// Baseline names, next to KindMLP and KindGCN in learning curves.
const (
	BaselineLinear = "linear" // ridge regression on the one-hot encoding: an additive cost per operation and position
	BaselineFLOPs  = "flops"  // a straight line in the network's MACs
)

// Linear is a ridge regression of the (log) target on features, with an unpenalised
// intercept.
type Linear struct {
	Log       bool
	Intercept float64
	Coef      []float64
}

// FitLinear solves (XcᵀXc + λI) β = Xcᵀ yc on centred features and targets (log targets
// when log), so the intercept is not shrunk.
func FitLinear(X [][]float64, y []float64, log bool, lambda float64) (*Linear, error) {
	if len(X) == 0 || len(X) != len(y) {
		return nil, fmt.Errorf("linear fit: %d encodings, %d targets", len(X), len(y))
	}
	n, p := len(X), len(X[0])
	z := make([]float64, n)
	for i, v := range y {
		if math.IsNaN(v) || math.IsInf(v, 0) || (log && v <= 0) {
			return nil, fmt.Errorf("linear fit: target %d is %v", i, v)
		}
		z[i] = v
		if log {
			z[i] = math.Log(v)
		}
	}
	mx := make([]float64, p)
	for _, x := range X {
		if len(x) != p {
			return nil, fmt.Errorf("linear fit: encodings of %d and %d features", p, len(x))
		}
		for j, v := range x {
			mx[j] += v / float64(n)
		}
	}
	var mz float64
	for _, v := range z {
		mz += v / float64(n)
	}
	A := mat.NewDense(n, p, nil)
	b := mat.NewVecDense(n, nil)
	for i, x := range X {
		for j, v := range x {
			A.Set(i, j, v-mx[j])
		}
		b.SetVec(i, z[i]-mz)
	}
	var AtA mat.SymDense
	AtA.SymOuterK(1, A.T())
	for j := 0; j < p; j++ {
		AtA.SetSym(j, j, AtA.At(j, j)+lambda)
	}
	var Atb, beta mat.VecDense
	Atb.MulVec(A.T(), b)
	var chol mat.Cholesky
	if !chol.Factorize(&AtA) {
		return nil, fmt.Errorf("linear fit: normal equations not positive definite (lambda %v)", lambda)
	}
	if err := chol.SolveVecTo(&beta, &Atb); err != nil {
		return nil, err
	}
	l := &Linear{Log: log, Coef: make([]float64, p), Intercept: mz}
	for j := range l.Coef {
		l.Coef[j] = beta.AtVec(j)
		l.Intercept -= l.Coef[j] * mx[j]
	}
	return l, nil
}

// Predict returns the fitted values in the target's units.
func (l *Linear) Predict(X [][]float64) []float64 {
	out := make([]float64, len(X))
	for i, x := range X {
		v := l.Intercept
		for j, c := range l.Coef {
			v += c * x[j]
		}
		if l.Log {
			v = math.Exp(v)
		}
		out[i] = v
	}
	return out
}

// EvaluateBaseline scores a baseline on the same split Evaluate draws for (n, seed): it
// is fitted on all n labelled architectures (training and validation) and scored on the
// rest.
func EvaluateBaseline(t *Task, name string, n int, seed uint64) (Score, error) {
	s, err := NewLabelSplit(t.Len(), n, seed)
	if err != nil {
		return Score{}, fmt.Errorf("%s/%s: %w", t.Dataset, t.Target, err)
	}
	labelled := append(append([]int(nil), s.Train...), s.Val...)
	var fit, test [][]float64
	switch name {
	case BaselineLinear:
		fit, test = rows(t.X, labelled), rows(t.X, s.Test)
	case BaselineFLOPs:
		if t.MACs == nil {
			return Score{}, fmt.Errorf("%s has no cost model here, so no FLOPs baseline", t.Dataset)
		}
		col := make([][]float64, t.Len())
		for i, m := range t.MACs {
			col[i] = []float64{m}
		}
		fit, test = rows(col, labelled), rows(col, s.Test)
	default:
		return Score{}, fmt.Errorf("unknown baseline %q (want %s or %s)", name, BaselineLinear, BaselineFLOPs)
	}
	l, err := FitLinear(fit, t.Values(labelled), t.Log, 1e-3*float64(len(labelled)))
	if err != nil {
		return Score{}, err
	}
	sc, err := Scored(l.Predict(test), t.Values(s.Test))
	if err != nil {
		return Score{}, fmt.Errorf("%s/%s baseline %s, seed %d: %w", t.Dataset, t.Target, name, seed, err)
	}
	sc.NTrain, sc.Seed = n, seed
	return sc, nil
}

func rows(X [][]float64, idx []int) [][]float64 {
	out := make([][]float64, len(idx))
	for k, i := range idx {
		out[k] = X[i]
	}
	return out
}
