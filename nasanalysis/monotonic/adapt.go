package monotonic

import (
	"errors"
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

// SampleSplit draws nTrain + nVal distinct cells uniformly from candidates. A nil rng
// is an error (stats.ErrNilRand); SplitForSeed seeds one.
func SampleSplit(rng *rand.Rand, candidates []int, nTrain, nVal int) (Split, error) {
	if rng == nil {
		return Split{}, fmt.Errorf("sample split of %d cells: %w", len(candidates), stats.ErrNilRand)
	}
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

// Sampled returns every cell the method may see: the training cells, then the
// validation cells (a new slice).
func (s Split) Sampled() []int { return append(append([]int(nil), s.Train...), s.Val...) }

// FirstMissing returns the first sampled cell (training, then validation) whose target
// latency is missing, or -1.
func (s Split) FirstMissing(target []float64) int {
	for _, i := range s.Sampled() {
		if math.IsNaN(target[i]) {
			return i
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
	SRCCBefore float64 // proxy latency vs target, over all cells measured on both
	SRCCAfter  float64 // adapted prediction vs target, over all cells measured on the target
	// SRCCBeforeHeldOut and SRCCAfterHeldOut are the same correlations over held-out
	// cells only: those measured on the target that the method did not sample (neither
	// training nor validation). The two figures above include the sampled cells, on which
	// a fitted model is at its best, as OneProxy reports them.
	// All four are NaN where the correlation is undefined: a constant proxy or
	// prediction, or no held-out cell when a method sampled every measured one.
	SRCCBeforeHeldOut float64
	SRCCAfterHeldOut  float64
	Lambda            float64   // chosen λ (AdaProxy)
	LambdaFrac        float64   // chosen λ / λmax (1 = no per-operator correction)
	ValSRCC           float64   // SRCC on the validation cells at the chosen λ (AdaProxyVal)
	Pred              []float64 // adapted latency of every cell
}

// Scoring says over which target cells an adaptation's SRCC is computed.
type Scoring int

const (
	// ScoreAll uses every cell measured on the target, the sampled ones included:
	// OneProxy's figure, slightly optimistic for a model fitted on those cells.
	ScoreAll Scoring = iota
	// ScoreHeldOut uses only the measured cells the method did not sample.
	ScoreHeldOut
)

// Scorings lists the scorings, ScoreAll first.
var Scorings = []Scoring{ScoreAll, ScoreHeldOut}

// String returns "all" or "heldout".
func (sc Scoring) String() string {
	if sc == ScoreHeldOut {
		return "heldout"
	}
	return "all"
}

// Suffix is what the names of SRCC columns scored this way end with: "" for ScoreAll,
// "_heldout" for ScoreHeldOut, so tables holding both keep them apart.
func (sc Scoring) Suffix() string {
	if sc == ScoreHeldOut {
		return "_heldout"
	}
	return ""
}

// ParseScoring returns the scoring named "all" or "heldout".
func ParseScoring(name string) (Scoring, error) {
	for _, sc := range Scorings {
		if sc.String() == name {
			return sc, nil
		}
	}
	return 0, fmt.Errorf("unknown scoring %q (want all or heldout)", name)
}

// SRCC returns the result's SRCC before and after adaptation under sc.
func (r Result) SRCC(sc Scoring) (before, after float64) {
	if sc == ScoreHeldOut {
		return r.SRCCBeforeHeldOut, r.SRCCAfterHeldOut
	}
	return r.SRCCBefore, r.SRCCAfter
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

// measuredWeights checks that split s's cells are measured on the target, then returns
// the pair's operator weights (fitted on the proxy on first use): the common start of
// the λ rules that correct the proxy.
func (p *Pair) measuredWeights(s Split) ([]float64, error) {
	if err := s.CheckMeasured(p.Target); err != nil {
		return nil, err
	}
	return p.weights()
}

// score sets r's four SRCC figures for the prediction r.Pred made from split s's cells,
// NaN where undefined (see Result); it fails only on columns of different lengths.
func (p *Pair) score(s Split, r *Result) error {
	var err error
	if r.SRCCBefore, err = srccOrNaN(p.Proxy, p.Target); err != nil {
		return fmt.Errorf("SRCC of the proxy with the target: %w", err)
	}
	if r.SRCCAfter, err = srccOrNaN(r.Pred, p.Target); err != nil {
		return fmt.Errorf("SRCC of the adapted prediction with the target: %w", err)
	}
	seen := make(map[int]bool, len(s.Train)+len(s.Val))
	for _, part := range [][]int{s.Train, s.Val} {
		for _, i := range part {
			seen[i] = true
		}
	}
	// Hiding the sampled cells as missing lets SpearmanRho drop them with the unmeasured ones.
	target := make([]float64, len(p.Target))
	for i, v := range p.Target {
		if seen[i] {
			v = math.NaN()
		}
		target[i] = v
	}
	if r.SRCCBeforeHeldOut, err = srccOrNaN(p.Proxy, target); err != nil {
		return fmt.Errorf("held-out SRCC of the proxy with the target: %w", err)
	}
	if r.SRCCAfterHeldOut, err = srccOrNaN(r.Pred, target); err != nil {
		return fmt.Errorf("held-out SRCC of the adapted prediction with the target: %w", err)
	}
	return nil
}

// srccOrNaN is Spearman's rho of x and y, NaN where it is undefined (a constant
// column, fewer than two complete pairs): a result figure that does not exist, which
// summaries show as such. Other errors (unequal lengths) are returned.
func srccOrNaN(x, y []float64) (float64, error) {
	r, err := stats.SpearmanRho(x, y)
	if errors.Is(err, stats.ErrConstant) || errors.Is(err, stats.ErrTooFewPairs) {
		return math.NaN(), nil
	}
	return r, err
}

// AdaProxy adapts the proxy with all the split's target cells (training and validation
// together; the split only decides which cells are sampled): fit the proxy's operator
// weights w on all its cells, solve SolveAdaProxy on the sampled cells for each
// λ = frac·λmax, and keep the λ with the smallest generalised cross-validation score
// (ties go to the larger λ, i.e. the smaller correction; see GCV).
//
// This is the package's default λ rule. OneProxy's own rule (AdaProxyVal) ranks the
// λ by Spearman on 10 validation cells: ten cells give a coarse, noisy score whose ties
// fall to "no correction", and on hard pairs it then ends below the target-only
// baseline. GCV scores every λ on all sampled cells, in closed form, without setting
// cells aside or drawing folds. Over NB-201's 306 ordered device pairs (60 + 10 cells,
// seeds 0-9) it gave the highest mean and worst-pair SRCC of the rules tried (validation
// cells, 5-fold and leave-one-out cross-validation, GCV) and was never more than 0.01
// below target-only on a pair.
func AdaProxy(p *Pair, s Split, fracs []float64) (Result, error) {
	w, err := p.measuredWeights(s)
	if err != nil {
		return Result{}, err
	}
	idx := s.Sampled()
	prob, err := NewAdaProxyProblem(stats.Take(p.X, idx), stats.Take(p.Target, idx), w)
	if err != nil {
		return Result{}, err
	}
	var best AdaProxyFit
	bestK, bestGCV := -1, math.Inf(1)
	for k, f := range fracs {
		fit, g, err := prob.GCV(f * prob.LambdaMax)
		if err != nil {
			return Result{}, err
		}
		if bestK < 0 || g < bestGCV*(1-1e-9) {
			best, bestK, bestGCV = fit, k, g
		}
	}
	if bestK < 0 {
		return Result{}, fmt.Errorf("adaproxy: no λ to choose from")
	}
	res := Result{Lambda: best.Lambda, LambdaFrac: fracs[bestK], ValSRCC: math.NaN(), Pred: make([]float64, len(p.X))}
	for i, x := range p.X {
		res.Pred[i] = best.Predict(x)
	}
	if err := p.score(s, &res); err != nil {
		return Result{}, err
	}
	return res, nil
}

// GCV returns the fit at λ and its generalised cross-validation score
//
//	GCV(λ) = (RSS / n) / (1 − df / n)²,
//
// with RSS the fit's residual sum of squares on the problem's n samples and df its
// effective degrees of freedom. At its solution the group-lasso fit is the ridge fit
// with μ = nλ / (2||b||) (see SolveAdaProxy), linear in y, so df is the trace of that
// ridge's hat matrix: 2 for (a, c) (1 if u is constant) plus Σ s_k / (s_k + μ) over the
// eigenvalues s_k of AᵀA. GCV approximates leave-one-out error with every hat-matrix
// diagonal replaced by the mean df / n (Golub, Heath and Wahba 1979). A fit that
// interpolates (df ≥ n, e.g. λ = 0 with fewer cells than operators) scores +Inf: it
// leaves no residual to judge it by.
func (pr *AdaProxyProblem) GCV(lambda float64) (AdaProxyFit, float64, error) {
	fit, mu, err := pr.solve(lambda)
	if err != nil {
		return AdaProxyFit{}, 0, err
	}
	rss := 0.0
	for i := 0; i < pr.n; i++ {
		d := fit.C - pr.y[i] // the fit at sample i is c + Σ_j Z_ij (a + b_j)
		for j := 0; j < pr.p; j++ {
			d += pr.Z.At(i, j) * (fit.A + fit.B[j])
		}
		rss += d * d
	}
	n := float64(pr.n)
	slack := 1 - pr.dof(mu)/n
	if slack < 1e-9 {
		return fit, math.Inf(1), nil
	}
	return fit, rss / n / (slack * slack), nil
}

// AdaProxyVal is OneProxy's own procedure (Lu et al.): fit the proxy's operator
// weights w on all its cells, solve SolveAdaProxy on the training cells for each
// λ = frac·λmax, and keep the λ whose predictions rank the validation cells best
// (Spearman; ties go to the larger λ, i.e. the smaller correction). Without validation
// cells, λ = fracs[0]·λmax. Kept to reproduce the paper; AdaProxy chooses λ better.
func AdaProxyVal(p *Pair, s Split, fracs []float64) (Result, error) {
	w, err := p.measuredWeights(s)
	if err != nil {
		return Result{}, err
	}
	Xt, yt := stats.Take(p.X, s.Train), stats.Take(p.Target, s.Train)
	Xv, yv := stats.Take(p.X, s.Val), stats.Take(p.Target, s.Val)
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
			best.ValSRCC = math.NaN()
			break
		}
		pv := make([]float64, len(Xv))
		for i, x := range Xv {
			pv[i] = fit.Predict(x)
		}
		v, err := stats.SpearmanRho(pv, yv)
		if errors.Is(err, stats.ErrConstant) || errors.Is(err, stats.ErrTooFewPairs) {
			v = -1 // a fit that ranks nothing on the validation cells comes last
		} else if err != nil {
			return Result{}, fmt.Errorf("adaproxy: validation SRCC at λ fraction %g: %w", f, err)
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
	if err := p.score(s, &best); err != nil {
		return Result{}, err
	}
	return best, nil
}

// TargetOnly is the no-proxy baseline: the same per-operator linear model fitted by
// minimum-norm least squares on the split's target cells alone (training and validation
// together, so it sees exactly as many target measurements as AdaProxy).
func TargetOnly(p *Pair, s Split) (Result, error) {
	if err := s.CheckMeasured(p.Target); err != nil {
		return Result{}, err
	}
	idx := s.Sampled()
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
	if err := p.score(s, &res); err != nil {
		return Result{}, err
	}
	return res, nil
}

// ProxyOnly reports the proxy itself, unadapted (SRCCAfter = SRCCBefore): the reference
// every adaptation must beat. It samples no cells, so every measured cell is held out;
// ProxyOnlyOn scores it against a method that did sample some.
func ProxyOnly(p *Pair) (Result, error) { return ProxyOnlyOn(p, Split{}) }

// ProxyOnlyOn is ProxyOnly with split s's cells left out of the held-out figures, so
// that they compare with a method adapted on s.
func ProxyOnlyOn(p *Pair, s Split) (Result, error) {
	r := Result{Pred: p.Proxy, Lambda: math.NaN(), LambdaFrac: math.NaN(), ValSRCC: math.NaN()}
	if err := p.score(s, &r); err != nil {
		return Result{}, fmt.Errorf("proxy only: %w", err)
	}
	return r, nil
}

// SeedSummary is the mean and spread of one method's results over seeds.
type SeedSummary struct {
	N                   int
	MeanBefore          float64
	MeanAfter, StdAfter float64
	MinAfter, MaxAfter  float64
	// After is the SRCC after adaptation of each seed, in seed order: two methods run on
	// the same seeds saw the same target cells, so their After compare as a paired sample.
	After []float64
}

// Summarize aggregates per-seed results scored on all cells (ScoreAll).
func Summarize(rs []Result) SeedSummary { return SummarizeScored(rs, ScoreAll) }

// SummarizeScored aggregates per-seed results scored as sc.
func SummarizeScored(rs []Result, sc Scoring) SeedSummary {
	s := SeedSummary{N: len(rs), MinAfter: math.Inf(1), MaxAfter: math.Inf(-1)}
	before, after := make([]float64, len(rs)), make([]float64, len(rs))
	for i, r := range rs {
		before[i], after[i] = r.SRCC(sc)
		s.MinAfter = math.Min(s.MinAfter, after[i])
		s.MaxAfter = math.Max(s.MaxAfter, after[i])
	}
	s.MeanBefore, s.MeanAfter, s.StdAfter = stat.Mean(before, nil), stat.Mean(after, nil), stat.StdDev(after, nil)
	s.After = after
	return s
}

// AdaProxyCV is AdaProxy with λ chosen by k-fold cross-validation over all the split's
// target cells (training and validation together; mean squared error of the held-out
// fold, folds dealt in sample order), then refitted on all of them. Like AdaProxy's
// GCV it uses every measurement both to fit and to choose λ; it costs k + 1 fits per λ
// instead of one, and its choice depends on how the folds are dealt.
func AdaProxyCV(p *Pair, s Split, fracs []float64, folds int) (Result, error) {
	w, err := p.measuredWeights(s)
	if err != nil {
		return Result{}, err
	}
	idx := s.Sampled()
	n := len(idx)
	if folds < 2 || folds > n {
		folds = min(5, n)
	}
	X, y := stats.Take(p.X, idx), stats.Take(p.Target, idx)
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
		Xt, yt := stats.Take(X, tr), stats.Take(y, tr)
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
	if err := p.score(s, &res); err != nil {
		return Result{}, err
	}
	return res, nil
}
