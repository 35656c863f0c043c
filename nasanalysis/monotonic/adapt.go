package monotonic

import (
	"fmt"
	"math"
	"math/rand/v2"

	"gonum.org/v1/gonum/mat"
	"gonum.org/v1/gonum/stat"

	"github.com/nasanalysis/nasanalysis/nasanalysis/stats"
)

// Pair holds what adapting one proxy to one target needs: the encodings of all
// architectures and both devices' latencies on them (NaN = not measured).
type Pair struct {
	X      [][]float64
	Proxy  []float64
	Target []float64
	// W caches the proxy's operator weights (FitOperatorWeights(X, Proxy)); filled on
	// first use. Share a Pair's W across targets to fit each proxy once.
	W []float64
}

// Split is a draw of target cells: Train to fit, Val to choose λ.
type Split struct{ Train, Val []int }

// SampleSplit draws nTrain + nVal distinct cells uniformly from candidates.
func SampleSplit(rng *rand.Rand, candidates []int, nTrain, nVal int) (Split, error) {
	if nTrain < 3 || nVal < 0 {
		return Split{}, fmt.Errorf("need at least 3 training cells and no negative validation count, got %d and %d", nTrain, nVal)
	}
	if nTrain+nVal > len(candidates) {
		return Split{}, fmt.Errorf("%d training + %d validation cells requested, but only %d are available", nTrain, nVal, len(candidates))
	}
	perm := rng.Perm(len(candidates))
	pick := make([]int, nTrain+nVal)
	for k := range pick {
		pick[k] = candidates[perm[k]]
	}
	return Split{Train: pick[:nTrain], Val: pick[nTrain:]}, nil
}

// Measured lists the cells where every given column has a value.
func Measured(cols ...[]float64) []int {
	var out []int
	for i := range cols[0] {
		ok := true
		for _, c := range cols {
			if math.IsNaN(c[i]) {
				ok = false
				break
			}
		}
		if ok {
			out = append(out, i)
		}
	}
	return out
}

// FirstMissing returns the first sampled cell (training, then validation) whose target
// latency is missing, or -1.
func (s Split) FirstMissing(target []float64) int {
	for _, part := range [][]int{s.Train, s.Val} {
		for _, i := range part {
			if math.IsNaN(target[i]) {
				return i
			}
		}
	}
	return -1
}

// CheckMeasured returns an error naming the first sampled cell whose target latency is missing.
func (s Split) CheckMeasured(target []float64) error {
	if i := s.FirstMissing(target); i >= 0 {
		return fmt.Errorf("sampled cell %d has no target latency; sample only measured cells", i)
	}
	return nil
}

// Result is the outcome of one adaptation.
type Result struct {
	SRCCBefore float64   // proxy latency vs target, over all cells measured on both
	SRCCAfter  float64   // adapted prediction vs target, over all cells measured on the target
	Lambda     float64   // chosen λ (AdaProxy)
	LambdaFrac float64   // chosen λ / λmax (1 = no per-operator correction)
	ValSRCC    float64   // SRCC on the validation cells at the chosen λ
	Pred       []float64 // adapted latency of every cell
}

// DefaultLambdaFracs is the λ grid, as fractions of the problem's λmax: from "trust the
// proxy's operator ratios" (1: b = 0) to "refit every operator on the target" (0).
var DefaultLambdaFracs = []float64{1, 0.5, 0.3, 0.2, 0.1, 0.05, 0.02, 0.01, 0.005, 0.002, 0.001, 0}

func (p *Pair) weights() ([]float64, error) {
	if p.W == nil {
		w, err := FitOperatorWeights(p.X, p.Proxy)
		if err != nil {
			return nil, err
		}
		p.W = w
	}
	return p.W, nil
}

func (p *Pair) before() float64 { return stats.SpearmanRho(p.Proxy, p.Target) }

func (p *Pair) after(pred []float64) float64 { return stats.SpearmanRho(pred, p.Target) }

func rowsOf(X [][]float64, idx []int) [][]float64 {
	out := make([][]float64, len(idx))
	for k, i := range idx {
		out[k] = X[i]
	}
	return out
}

func valuesOf(v []float64, idx []int) []float64 {
	out := make([]float64, len(idx))
	for k, i := range idx {
		out[k] = v[i]
	}
	return out
}

// AdaProxy adapts the proxy with the split's target cells (Lu et al.): fit the proxy's
// operator weights w on all its cells, solve SolveAdaProxy on the training cells for
// each λ = frac·λmax, and keep the λ whose predictions rank the validation cells best
// (Spearman; ties go to the larger λ, i.e. the smaller correction). Without validation
// cells, λ = fracs[0]·λmax.
func AdaProxy(p *Pair, s Split, fracs []float64) (Result, error) {
	if err := s.CheckMeasured(p.Target); err != nil {
		return Result{}, err
	}
	w, err := p.weights()
	if err != nil {
		return Result{}, err
	}
	Xt, yt := rowsOf(p.X, s.Train), valuesOf(p.Target, s.Train)
	Xv, yv := rowsOf(p.X, s.Val), valuesOf(p.Target, s.Val)
	prob, err := NewAdaProxyProblem(Xt, yt, w)
	if err != nil {
		return Result{}, err
	}
	best := Result{ValSRCC: math.Inf(-1)}
	var bestFit AdaProxyFit
	for k, f := range fracs {
		fit, err := prob.Solve(f * prob.LambdaMax)
		if err != nil {
			return Result{}, err
		}
		if len(s.Val) == 0 {
			bestFit, best.LambdaFrac = fit, f
			break
		}
		pv := make([]float64, len(Xv))
		for i, x := range Xv {
			pv[i] = fit.Predict(x)
		}
		v := stats.SpearmanRho(pv, yv)
		if math.IsNaN(v) {
			v = -1
		}
		if k == 0 || v > best.ValSRCC {
			best.ValSRCC, best.LambdaFrac, bestFit = v, f, fit
		}
	}
	best.Lambda = bestFit.Lambda
	best.Pred = make([]float64, len(p.X))
	for i, x := range p.X {
		best.Pred[i] = bestFit.Predict(x)
	}
	best.SRCCBefore, best.SRCCAfter = p.before(), p.after(best.Pred)
	return best, nil
}

// TargetOnly is the no-proxy baseline: the same per-operator linear model fitted by
// minimum-norm least squares on the split's target cells alone (training and validation
// together, so it sees exactly as many target measurements as AdaProxy).
func TargetOnly(p *Pair, s Split) (Result, error) {
	if err := s.CheckMeasured(p.Target); err != nil {
		return Result{}, err
	}
	idx := append(append([]int(nil), s.Train...), s.Val...)
	A := mat.NewDense(len(idx), len(p.X[0]), nil)
	b := mat.NewDense(len(idx), 1, nil)
	for r, i := range idx {
		A.SetRow(r, p.X[i])
		b.Set(r, 0, p.Target[i])
	}
	w, err := minNormSolve(A, b)
	if err != nil {
		return Result{}, err
	}
	res := Result{Pred: make([]float64, len(p.X)), Lambda: math.NaN(), LambdaFrac: math.NaN(), ValSRCC: math.NaN()}
	for i, x := range p.X {
		res.Pred[i] = dot(x, w)
	}
	res.SRCCBefore, res.SRCCAfter = p.before(), p.after(res.Pred)
	return res, nil
}

// ProxyOnly reports the proxy itself, unadapted (SRCCAfter = SRCCBefore): the reference
// every adaptation must beat.
func ProxyOnly(p *Pair) Result {
	r := Result{Pred: p.Proxy, Lambda: math.NaN(), LambdaFrac: math.NaN(), ValSRCC: math.NaN()}
	r.SRCCBefore = p.before()
	r.SRCCAfter = r.SRCCBefore
	return r
}

// SeedSummary is the mean and spread of one method's results over seeds.
type SeedSummary struct {
	N                   int
	MeanBefore          float64
	MeanAfter, StdAfter float64
	MinAfter, MaxAfter  float64
}

// Summarize aggregates per-seed results.
func Summarize(rs []Result) SeedSummary {
	s := SeedSummary{N: len(rs), MinAfter: math.Inf(1), MaxAfter: math.Inf(-1)}
	before, after := make([]float64, len(rs)), make([]float64, len(rs))
	for i, r := range rs {
		before[i], after[i] = r.SRCCBefore, r.SRCCAfter
		s.MinAfter = math.Min(s.MinAfter, r.SRCCAfter)
		s.MaxAfter = math.Max(s.MaxAfter, r.SRCCAfter)
	}
	s.MeanBefore, s.MeanAfter, s.StdAfter = stat.Mean(before, nil), stat.Mean(after, nil), stat.StdDev(after, nil)
	return s
}

// AdaProxyCV is AdaProxy with λ chosen by k-fold cross-validation over all the split's
// target cells (training and validation together; mean squared error of the held-out
// fold), then refitted on all of them. With few target cells this uses every
// measurement both to fit and to choose λ, instead of spending some on a fixed
// validation set.
func AdaProxyCV(p *Pair, s Split, fracs []float64, folds int) (Result, error) {
	if err := s.CheckMeasured(p.Target); err != nil {
		return Result{}, err
	}
	w, err := p.weights()
	if err != nil {
		return Result{}, err
	}
	idx := append(append([]int(nil), s.Train...), s.Val...)
	n := len(idx)
	if folds < 2 || folds > n {
		folds = min(5, n)
	}
	X, y := rowsOf(p.X, idx), valuesOf(p.Target, idx)
	cvErr := make([]float64, len(fracs))
	for f := 0; f < folds; f++ {
		var tr, te []int
		for k := range idx {
			if k%folds == f {
				te = append(te, k)
			} else {
				tr = append(tr, k)
			}
		}
		Xt, yt := rowsOf(X, tr), valuesOf(y, tr)
		prob, err := NewAdaProxyProblem(Xt, yt, w)
		if err != nil {
			return Result{}, err
		}
		for k, fr := range fracs {
			fit, err := prob.Solve(fr * prob.LambdaMax)
			if err != nil {
				return Result{}, err
			}
			for _, i := range te {
				d := fit.Predict(X[i]) - y[i]
				cvErr[k] += d * d
			}
		}
	}
	bestK := 0
	for k := range fracs {
		if cvErr[k] < cvErr[bestK]*(1-1e-9) {
			bestK = k
		}
	}
	prob, err := NewAdaProxyProblem(X, y, w)
	if err != nil {
		return Result{}, err
	}
	fit, err := prob.Solve(fracs[bestK] * prob.LambdaMax)
	if err != nil {
		return Result{}, err
	}
	res := Result{Lambda: fit.Lambda, LambdaFrac: fracs[bestK], ValSRCC: math.NaN(), Pred: make([]float64, len(p.X))}
	for i, x := range p.X {
		res.Pred[i] = fit.Predict(x)
	}
	res.SRCCBefore, res.SRCCAfter = p.before(), p.after(res.Pred)
	return res, nil
}
