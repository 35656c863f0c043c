package monotonic

import (
	"math"
	"math/rand/v2"
	"testing"

	"gonum.org/v1/gonum/stat"
)

// proxGrad minimises the AdaProxy objective by accelerated proximal gradient (FISTA) on
// (a, c, b), with block soft-thresholding as the proximal step of λ||b||: an algorithm
// independent of SolveAdaProxy's elimination and root finding.
func proxGrad(X [][]float64, y, w []float64, lambda float64, iters int) AdaProxyFit {
	n, p := len(X), len(w)
	// columns of M = [u, 1, Z]
	cols := make([][]float64, p+2)
	for k := range cols {
		cols[k] = make([]float64, n)
	}
	for i, x := range X {
		for j, v := range x {
			cols[0][i] += v * w[j]
			cols[2+j][i] = v * w[j]
		}
		cols[1][i] = 1
	}
	// Lipschitz constant of the gradient: 2/n * ||M||² ≤ 2/n * Frobenius².
	L := 0.0
	for _, c := range cols {
		L += dot(c, c)
	}
	L *= 2 / float64(n)
	theta := make([]float64, p+2)
	prev := make([]float64, p+2)
	yk := make([]float64, p+2)
	tk := 1.0
	for it := 0; it < iters; it++ {
		r := make([]float64, n)
		for i := range r {
			r[i] = -y[i]
		}
		for k, c := range cols {
			for i := range r {
				r[i] += yk[k] * c[i]
			}
		}
		next := make([]float64, p+2)
		for k, c := range cols {
			next[k] = yk[k] - (2/float64(n))*dot(c, r)/L
		}
		b := next[2:]
		if nb := norm(b); nb > 0 {
			s := math.Max(0, 1-lambda/L/nb)
			for j := range b {
				b[j] *= s
			}
		}
		tn := (1 + math.Sqrt(1+4*tk*tk)) / 2
		for k := range yk {
			yk[k] = next[k] + (tk-1)/tn*(next[k]-theta[k])
		}
		copy(prev, theta)
		copy(theta, next)
		tk = tn
	}
	return AdaProxyFit{W: w, A: theta[0], C: theta[1], B: theta[2:], Lambda: lambda}
}

func randomProblem(seed uint64, n, p int) (X [][]float64, y, w []float64) {
	rng := rand.New(rand.NewPCG(seed, 99))
	w = make([]float64, p)
	for j := range w {
		w[j] = 0.5 + rng.Float64()
	}
	for i := 0; i < n; i++ {
		x := make([]float64, p)
		for j := range x {
			if rng.Float64() < 0.4 {
				x[j] = 1
			}
		}
		X = append(X, x)
		t := 0.7
		for j := range x {
			t += x[j] * w[j] * (1.5 + 0.8*rng.NormFloat64())
		}
		y = append(y, t+0.05*rng.NormFloat64())
	}
	return
}

func TestSolveAdaProxyMatchesProximalGradient(t *testing.T) {
	X, y, w := randomProblem(1, 40, 6)
	probe, _ := SolveAdaProxy(X, y, w, 0)
	for _, frac := range []float64{0.05, 0.3, 0.8} {
		lambda := frac * probe.LambdaMax
		exact, err := SolveAdaProxy(X, y, w, lambda)
		if err != nil {
			t.Fatal(err)
		}
		ref := proxGrad(X, y, w, lambda, 200000)
		fe, fr := exact.Objective(X, y), ref.Objective(X, y)
		if fe > fr+1e-10 {
			t.Errorf("λ=%.3g: exact objective %.12g above proximal gradient's %.12g", lambda, fe, fr)
		}
		for j := range exact.B {
			if math.Abs(exact.B[j]-ref.B[j]) > 1e-5 {
				t.Errorf("λ=%.3g: b[%d] = %.8f, proximal gradient %.8f", lambda, j, exact.B[j], ref.B[j])
			}
		}
		if math.Abs(exact.A-ref.A) > 1e-5 || math.Abs(exact.C-ref.C) > 1e-5 {
			t.Errorf("λ=%.3g: (a, c) = (%v, %v), proximal gradient (%v, %v)", lambda, exact.A, exact.C, ref.A, ref.C)
		}
	}
}

// Hand-checkable: when y is an exact affine function of the proxy's prediction u = Xw,
// y = 2u + 3, the fit is a = 2, c = 3, b = 0 for every λ (the residual is already zero).
func TestSolveAdaProxyAffineTarget(t *testing.T) {
	X := [][]float64{{1, 0, 1}, {0, 1, 1}, {1, 1, 1}, {1, 0, 0}, {0, 0, 1}}
	w := []float64{1, 2, 0.5}
	var y []float64
	for _, x := range X {
		y = append(y, 2*(x[0]*1+x[1]*2+x[2]*0.5)+3)
	}
	for _, lambda := range []float64{0, 0.1, 10} {
		f, err := SolveAdaProxy(X, y, w, lambda)
		if err != nil {
			t.Fatal(err)
		}
		if math.Abs(f.A-2) > 1e-9 || math.Abs(f.C-3) > 1e-9 || norm(f.B) > 1e-9 {
			t.Errorf("λ=%v: a=%v c=%v |b|=%v; want 2, 3, 0", lambda, f.A, f.C, norm(f.B))
		}
	}
}

// Above λmax the penalty wins: b = 0 and (a, c) is the simple regression of y on u.
// Just below it b becomes non-zero. λmax itself comes from the optimality condition, so
// check it against the gradient of the smooth part at b = 0 computed directly.
func TestLambdaMaxThreshold(t *testing.T) {
	X, y, w := randomProblem(2, 30, 5)
	f, _ := SolveAdaProxy(X, y, w, 0)
	above, _ := SolveAdaProxy(X, y, w, 1.0001*f.LambdaMax)
	below, _ := SolveAdaProxy(X, y, w, 0.99*f.LambdaMax)
	if norm(above.B) != 0 || norm(below.B) == 0 {
		t.Errorf("|b| above λmax = %v (want 0), below = %v (want > 0)", norm(above.B), norm(below.B))
	}
	// Simple regression of y on u, by hand formulas.
	u := make([]float64, len(X))
	for i, x := range X {
		u[i] = dot(x, w)
	}
	mu, my := stat.Mean(u, nil), stat.Mean(y, nil)
	var suu, suy float64
	for i := range u {
		suu += (u[i] - mu) * (u[i] - mu)
		suy += (u[i] - mu) * (y[i] - my)
	}
	a := suy / suu
	if math.Abs(above.A-a) > 1e-9 || math.Abs(above.C-(my-a*mu)) > 1e-9 {
		t.Errorf("b=0 fit (a, c) = (%v, %v), simple regression (%v, %v)", above.A, above.C, a, my-a*mu)
	}
	// Gradient wrt b at (a, c, 0): (2/n) Σ_i r_i x_ij w_j; its norm is λmax.
	g := make([]float64, len(w))
	for i, x := range X {
		r := above.A*u[i] + above.C - y[i]
		for j := range w {
			g[j] += 2 / float64(len(X)) * r * x[j] * w[j]
		}
	}
	if math.Abs(norm(g)-f.LambdaMax) > 1e-9*f.LambdaMax {
		t.Errorf("λmax = %v, gradient norm at b = 0 is %v", f.LambdaMax, norm(g))
	}
}

func TestFitOperatorWeightsMinNorm(t *testing.T) {
	// Two one-hot groups of two plus a constant: rank 3 of 5 columns. y = 1 + 2·[g1=b] + 5·[g2=b].
	X := [][]float64{{1, 0, 1, 0, 1}, {0, 1, 1, 0, 1}, {1, 0, 0, 1, 1}, {0, 1, 0, 1, 1}}
	y := []float64{1, 3, 6, 8}
	w, err := FitOperatorWeights(X, y)
	if err != nil {
		t.Fatal(err)
	}
	for i, x := range X {
		if math.Abs(dot(x, w)-y[i]) > 1e-9 {
			t.Errorf("fit at row %d = %v, want %v", i, dot(x, w), y[i])
		}
	}
	// Minimum norm: w is orthogonal to the null space of X, spanned by
	// (1,1,0,0,-1) and (0,0,1,1,-1).
	if d1, d2 := w[0]+w[1]-w[4], w[2]+w[3]-w[4]; math.Abs(d1) > 1e-9 || math.Abs(d2) > 1e-9 {
		t.Errorf("w = %v is not the minimum-norm solution", w)
	}
}
