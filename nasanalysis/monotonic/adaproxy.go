package monotonic

import (
	"errors"
	"fmt"
	"math"

	"gonum.org/v1/gonum/mat"
	"gonum.org/v1/gonum/stat"
)

// FitOperatorWeights returns the minimum-norm least-squares w of X w ≈ y (X: rows are
// architecture encodings, e.g. NB201's 30 one-hot numbers and a constant 1). The
// one-hot groups make X rank-deficient, so among all best fits the shortest w is
// taken (the pseudo-inverse solution). Rows with y = NaN are left out.
func FitOperatorWeights(X [][]float64, y []float64) ([]float64, error) {
	var rows []int
	for i := range y {
		if !math.IsNaN(y[i]) {
			rows = append(rows, i)
		}
	}
	if len(rows) == 0 {
		return nil, errors.New("fit operator weights: no measured latencies")
	}
	p := len(X[rows[0]])
	A := mat.NewDense(len(rows), p, nil)
	b := mat.NewDense(len(rows), 1, nil)
	for r, i := range rows {
		if len(X[i]) != p {
			return nil, fmt.Errorf("fit operator weights: row %d has %d features, want %d", i, len(X[i]), p)
		}
		A.SetRow(r, X[i])
		b.Set(r, 0, y[i])
	}
	return minNormSolve(A, b)
}

// minNormSolve solves min ||A x - b|| with the smallest ||x|| by the SVD, treating
// singular values below 1e-10 of the largest as zero.
func minNormSolve(A, b *mat.Dense) ([]float64, error) {
	var svd mat.SVD
	if !svd.Factorize(A, mat.SVDThin) {
		return nil, errors.New("least squares: SVD did not converge")
	}
	s := svd.Values(nil)
	rank := 0
	for _, v := range s {
		if v > 1e-10*s[0] {
			rank++
		}
	}
	var x mat.Dense
	svd.SolveTo(&x, b, rank)
	_, c := A.Dims()
	out := make([]float64, c)
	for j := range out {
		out[j] = x.At(j, 0)
	}
	return out, nil
}

// AdaProxyFit is a fitted proxy adaptation: the target latency of encoding x is
// predicted as sum_j x_j w_j (A + B_j) + C, with w the proxy's operator weights.
type AdaProxyFit struct {
	W      []float64
	A, C   float64
	B      []float64
	Lambda float64
	// LambdaMax is the smallest lambda for which B = 0 (from the optimality condition).
	LambdaMax float64
}

// Predict returns the adapted latency of one encoding.
func (f AdaProxyFit) Predict(x []float64) float64 {
	s := f.C
	for j, v := range x {
		s += v * f.W[j] * (f.A + f.B[j])
	}
	return s
}

// Objective returns ||X (w ∘ (a + b)) + c − y||² / n + λ ||b||₂ for this fit on (X, y).
func (f AdaProxyFit) Objective(X [][]float64, y []float64) float64 {
	sse := 0.0
	for i, x := range X {
		r := f.Predict(x) - y[i]
		sse += r * r
	}
	return sse/float64(len(y)) + f.Lambda*norm(f.B)
}

func norm(v []float64) float64 {
	s := 0.0
	for _, x := range v {
		s += x * x
	}
	return math.Sqrt(s)
}

// SolveAdaProxy solves OneProxy's adaptation problem exactly:
//
//	min over scalars a, c and vector b of  ||X (w ∘ (a + b)) + c − y||² / n + λ ||b||₂.
//
// With u = X w and Z = X diag(w), the model is a·u + c + Z b. For fixed b the best
// (a, c) is the least-squares fit of y − Z b on (u, 1); eliminating it leaves
// ||A b − y'||² / n + λ ||b|| with A = P Z, y' = P y and P the projection off span(u, 1).
// That problem is convex with a single group penalty; its optimality condition is
// (AᵀA + μ I) b = Aᵀy' with μ = nλ / (2||b||), so b = 0 exactly when
// λ ≥ λmax = 2 ||Aᵀy'|| / n, and otherwise μ is the unique root of the increasing
// function μ ||b(μ)|| = nλ/2, found by bisection on the eigen-decomposition of AᵀA.
func SolveAdaProxy(X [][]float64, y, w []float64, lambda float64) (AdaProxyFit, error) {
	prob, err := NewAdaProxyProblem(X, y, w)
	if err != nil {
		return AdaProxyFit{}, err
	}
	return prob.Solve(lambda)
}

// AdaProxyProblem is SolveAdaProxy's problem with its λ-independent work done (the
// projection and the eigen-decomposition), so a λ path costs little more than one λ.
type AdaProxyProblem struct {
	n, p      int
	w, u, y   []float64
	Z         *mat.Dense
	s         []float64 // eigenvalues of AᵀA (tiny ones set to 0)
	V         *mat.Dense
	z         []float64 // Vᵀ Aᵀ y'
	LambdaMax float64
	nAffine   int // dimension of span(u, 1): the (a, c) part of the fit
}

// NewAdaProxyProblem prepares SolveAdaProxy for the given target samples.
func NewAdaProxyProblem(X [][]float64, y, w []float64) (*AdaProxyProblem, error) {
	n := len(X)
	if n < 3 || len(y) != n {
		return nil, fmt.Errorf("adaproxy: need at least 3 target samples with encodings, got %d and %d", n, len(y))
	}
	p := len(w)
	pr := &AdaProxyProblem{n: n, p: p, w: w, u: make([]float64, n), y: y, Z: mat.NewDense(n, p, nil)}
	for i, x := range X {
		if len(x) != p {
			return nil, fmt.Errorf("adaproxy: encoding %d has %d features, weights %d", i, len(x), p)
		}
		if math.IsNaN(y[i]) {
			return nil, fmt.Errorf("adaproxy: target sample %d is missing (NaN)", i)
		}
		for j, v := range x {
			pr.u[i] += v * w[j]
			pr.Z.Set(i, j, v*w[j])
		}
	}
	basis := orthoBasis(pr.u)
	pr.nAffine = len(basis)
	project := func(v []float64) []float64 {
		out := append([]float64(nil), v...)
		for _, e := range basis {
			d := dot(e, out)
			for i := range out {
				out[i] -= d * e[i]
			}
		}
		return out
	}
	A := mat.NewDense(n, p, nil)
	for j := 0; j < p; j++ {
		A.SetCol(j, project(mat.Col(nil, j, pr.Z)))
	}
	var g mat.VecDense
	g.MulVec(A.T(), mat.NewVecDense(n, project(y)))
	pr.LambdaMax = 2 * mat.Norm(&g, 2) / float64(n)
	var G mat.SymDense
	G.SymOuterK(1, A.T())
	var eig mat.EigenSym
	if !eig.Factorize(&G, true) {
		return nil, errors.New("adaproxy: eigen-decomposition failed")
	}
	pr.s = eig.Values(nil)
	pr.V = new(mat.Dense)
	eig.VectorsTo(pr.V)
	var z mat.VecDense
	z.MulVec(pr.V.T(), &g)
	pr.z = make([]float64, p)
	smax := pr.s[len(pr.s)-1]
	for k := range pr.s {
		if pr.s[k] <= 1e-10*smax { // directions X cannot see: Aᵀy' has (numerically) no part there
			pr.s[k] = 0
			continue
		}
		pr.z[k] = z.AtVec(k)
	}
	return pr, nil
}

// Solve returns the exact minimiser for one λ >= 0.
func (pr *AdaProxyProblem) Solve(lambda float64) (AdaProxyFit, error) {
	fit, _, err := pr.solve(lambda)
	return fit, err
}

// solve is Solve that also returns the ridge parameter μ of the optimality condition
// (+Inf when b = 0), which fixes the fit's effective degrees of freedom.
func (pr *AdaProxyProblem) solve(lambda float64) (AdaProxyFit, float64, error) {
	if lambda < 0 || math.IsNaN(lambda) {
		return AdaProxyFit{}, 0, fmt.Errorf("adaproxy: lambda %v must be >= 0", lambda)
	}
	n, p := pr.n, pr.p
	fit := AdaProxyFit{W: append([]float64(nil), pr.w...), B: make([]float64, p), Lambda: lambda, LambdaMax: pr.LambdaMax}
	muOut := math.Inf(1)
	if lambda < pr.LambdaMax {
		bnorm := func(mu float64) float64 {
			t := 0.0
			for k := range pr.s {
				if pr.s[k]+mu > 0 {
					q := pr.z[k] / (pr.s[k] + mu)
					t += q * q
				}
			}
			return math.Sqrt(t)
		}
		mu := 0.0
		if lambda > 0 {
			target := float64(n) * lambda / 2
			lo, hi := 0.0, pr.s[len(pr.s)-1]+1
			for hi*bnorm(hi) < target {
				hi *= 2
			}
			for it := 0; it < 200 && hi-lo > 1e-15*hi; it++ {
				mid := (lo + hi) / 2
				if mid*bnorm(mid) < target {
					lo = mid
				} else {
					hi = mid
				}
			}
			mu = (lo + hi) / 2
		}
		muOut = mu
		coef := make([]float64, p)
		for k := range pr.s {
			if pr.s[k]+mu > 0 {
				coef[k] = pr.z[k] / (pr.s[k] + mu)
			}
		}
		var b mat.VecDense
		b.MulVec(pr.V, mat.NewVecDense(p, coef))
		for j := range fit.B {
			fit.B[j] = b.AtVec(j)
		}
	}
	// (a, c): least squares of y − Z b on (u, 1).
	r := make([]float64, n)
	for i := range r {
		r[i] = pr.y[i]
		for j := 0; j < p; j++ {
			r[i] -= pr.Z.At(i, j) * fit.B[j]
		}
	}
	mu, mr := stat.Mean(pr.u, nil), stat.Mean(r, nil)
	var suu, sur float64
	for i := range pr.u {
		suu += (pr.u[i] - mu) * (pr.u[i] - mu)
		sur += (pr.u[i] - mu) * (r[i] - mr)
	}
	if suu > 1e-300 {
		fit.A = sur / suu
	}
	fit.C = mr - fit.A*mu
	return fit, muOut, nil
}

// dof returns the effective degrees of freedom of the fit with ridge parameter mu
// (solve's second result): the fit is linear in y for fixed μ, with hat-matrix trace
// dim span(u, 1) + Σ_k s_k / (s_k + μ) over the eigenvalues s_k of AᵀA.
func (pr *AdaProxyProblem) dof(mu float64) float64 {
	d := float64(pr.nAffine)
	if math.IsInf(mu, 1) {
		return d
	}
	for _, s := range pr.s {
		if s > 0 {
			d += s / (s + mu)
		}
	}
	return d
}

// orthoBasis returns an orthonormal basis of span(1, u).
func orthoBasis(u []float64) [][]float64 {
	n := float64(len(u))
	e1 := make([]float64, len(u))
	for i := range e1 {
		e1[i] = 1 / math.Sqrt(n)
	}
	m := stat.Mean(u, nil)
	e2 := make([]float64, len(u))
	for i := range u {
		e2[i] = u[i] - m
	}
	if nn := norm(e2); nn > 1e-12*(math.Abs(m)+1)*math.Sqrt(n) {
		for i := range e2 {
			e2[i] /= nn
		}
		return [][]float64{e1, e2}
	}
	return [][]float64{e1}
}

func dot(a, b []float64) float64 {
	s := 0.0
	for i := range a {
		s += a[i] * b[i]
	}
	return s
}
