package monotonic

import (
	"errors"
	"fmt"
	"math"

	"github.com/nasanalysis/nasanalysis/nasanalysis/predictor"
	"github.com/nasanalysis/nasanalysis/nasanalysis/stats"
)

// FineTuner is the GoMLX alternative to AdaProxy: an MLP pre-trained on a proxy's
// log-latencies over all its architectures, then fine-tuned on a few target cells.
type FineTuner struct {
	X             [][]float64
	Proxy         []float64
	Config        predictor.MLPConfig
	PretrainSteps int
	// FineTuneSteps are the candidate numbers of fine-tuning steps; the one whose model
	// ranks the validation cells best is kept (ties: fewer steps). 0 keeps the proxy model.
	FineTuneSteps []int
	LearningRate  float64
	base          *predictor.MLP
}

// NewFineTuner pre-trains the proxy model (log latency, cells with a proxy value).
func NewFineTuner(X [][]float64, proxy []float64, cfg predictor.MLPConfig, pretrainSteps int) (*FineTuner, error) {
	f := &FineTuner{X: X, Proxy: proxy, Config: cfg, PretrainSteps: pretrainSteps,
		FineTuneSteps: []int{0, 50, 100, 200, 400}, LearningRate: 1e-3}
	var xs [][]float64
	var ys []float64
	for i, v := range proxy {
		if !math.IsNaN(v) && v > 0 {
			xs, ys = append(xs, X[i]), append(ys, math.Log(v))
		}
	}
	f.base = predictor.NewMLP(cfg, len(X[0]))
	if err := f.base.Fit(xs, ys, pretrainSteps, 3e-3); err != nil {
		return nil, fmt.Errorf("pre-training on the proxy: %w", err)
	}
	return f, nil
}

// Run fine-tunes a copy of the pre-trained model on the split's training cells and
// reports SRCC of its predictions with the target over all measured cells and over the
// held-out ones.
func (f *FineTuner) Run(p *Pair, s Split) (Result, error) {
	if err := s.CheckMeasured(p.Target); err != nil {
		return Result{}, err
	}
	logOf := func(idx []int) ([][]float64, []float64) {
		xs, ys := make([][]float64, len(idx)), make([]float64, len(idx))
		for k, i := range idx {
			xs[k], ys[k] = f.X[i], math.Log(p.Target[i])
		}
		return xs, ys
	}
	xt, yt := logOf(s.Train)
	xv, yv := logOf(s.Val)
	m, err := f.base.Clone()
	if err != nil {
		return Result{}, err
	}
	var best *predictor.MLP
	bestVal, bestSteps, done := math.Inf(-1), 0, 0
	for _, steps := range f.FineTuneSteps {
		if steps > done {
			if err := m.Fit(xt, yt, steps-done, f.LearningRate); err != nil {
				return Result{}, err
			}
			done = steps
		}
		v := 0.0
		if len(xv) > 1 {
			pv, err := m.Predict(xv)
			if err != nil {
				return Result{}, err
			}
			if v, err = stats.SpearmanRho(pv, yv); errors.Is(err, stats.ErrConstant) {
				v = -1 // a network that ranks nothing on the validation cells comes last
			} else if err != nil {
				return Result{}, fmt.Errorf("fine-tune: validation SRCC after %d steps: %w", steps, err)
			}
		}
		if v > bestVal {
			if best, err = m.Clone(); err != nil {
				return Result{}, err
			}
			bestVal, bestSteps = v, steps
		}
		if len(xv) <= 1 {
			best, bestSteps = m, steps // no validation: use the longest schedule
		}
	}
	pred, err := best.Predict(f.X)
	if err != nil {
		return Result{}, err
	}
	res := Result{Lambda: float64(bestSteps), LambdaFrac: math.NaN(), ValSRCC: bestVal, Pred: pred}
	if err := p.score(s, &res); err != nil {
		return Result{}, fmt.Errorf("fine-tune: %w", err)
	}
	return res, nil
}
