package predictor

import (
	"errors"
	"fmt"
	"math"
	mathrand "math/rand"

	"github.com/gomlx/gomlx/core/graph"
	"github.com/gomlx/gomlx/ml/dataset"
	"github.com/gomlx/gomlx/ml/model"
	"github.com/gomlx/gomlx/ml/train"
	"github.com/gomlx/gomlx/ml/train/loss"
	"github.com/gomlx/gomlx/ml/train/optimizer"
	"github.com/nasanalysis/nasanalysis/nasanalysis/internal/backend"
)

// MLPConfig sets the shape and training of an MLP regressor.
type MLPConfig struct {
	Hidden       int     // units per hidden layer
	Layers       int     // hidden layers
	BatchSize    int     // examples per step (capped at the training set size)
	LearningRate float64 // Adam
	Seed         uint64  // initial weights and batch order
}

// DefaultMLP is a 2 x 64 ReLU network trained with Adam at 1e-3, batches of 64.
var DefaultMLP = MLPConfig{Hidden: 64, Layers: 2, BatchSize: 64, LearningRate: 1e-3, Seed: 1}

// MLP regresses a scalar (e.g. log latency) on a fixed-width encoding. Targets are
// standardised with the mean and standard deviation of the data of the last Fit, so
// fine-tuning on a device with another latency scale starts from a sensible output.
type MLP struct {
	cfg        MLPConfig
	store      *model.Store
	width      int
	yMean, ySD float64
	fitted     bool
}

// NewMLP returns an untrained regressor for encodings of the given width.
func NewMLP(cfg MLPConfig, width int) *MLP {
	store := model.NewStore()
	store.SetParam(model.ParamInitialSeed, int64(cfg.Seed)) // GoMLX takes an int64 seed: the same 64 bits
	return &MLP{cfg: cfg, store: store, width: width, ySD: 1}
}

func (m *MLP) forward(scope *model.Scope, x *graph.Node) *graph.Node {
	return mlpStack(scope, x, m.cfg.Layers, m.cfg.Hidden)
}

// Fit trains for the given number of steps on (X, y), continuing from the current
// weights (so a second Fit on other data fine-tunes). y is standardised with its own
// mean and standard deviation.
func (m *MLP) Fit(X [][]float64, y []float64, steps int, learningRate float64) error {
	if len(X) == 0 || len(X) != len(y) {
		return fmt.Errorf("fit: %d encodings, %d targets", len(X), len(y))
	}
	xs, err := backend.Float32Rows(X, m.width)
	if err != nil {
		return err
	}
	for _, v := range y {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return errors.New("fit: target values must be finite")
		}
	}
	m.yMean, m.ySD = meanSD(y)
	ys := make([][]float32, len(y))
	for i, v := range y {
		ys[i] = []float32{float32((v - m.yMean) / m.ySD)}
	}
	ds, err := dataset.InMemoryFromData(backend.Predictors(), "latency", []any{xs}, []any{ys})
	if err != nil {
		return err
	}
	ds.BatchSize(min(m.cfg.BatchSize, len(y)), true).Shuffle().Infinite(true).
		WithRand(mathrand.New(mathrand.NewSource(int64(m.cfg.Seed))))
	trainer := train.NewTrainer(backend.Predictors(), m.store,
		func(scope *model.Scope, x *graph.Node) *graph.Node { return m.forward(scope, x) },
		loss.MeanSquaredError, optimizer.Adam().LearningRate(learningRate).Done(), nil, nil)
	if _, err := train.NewLoop(trainer).RunSteps(ds, steps); err != nil {
		return err
	}
	m.fitted = true
	return nil
}

// Predict returns the prediction for every encoding, in the units of the last Fit's targets.
func (m *MLP) Predict(X [][]float64) ([]float64, error) {
	if !m.fitted {
		return nil, errors.New("predict: the model has not been fitted")
	}
	xs, err := backend.Float32Rows(X, m.width)
	if err != nil {
		return nil, err
	}
	exec, err := model.NewExec(backend.Predictors(), m.store, func(scope *model.Scope, x *graph.Node) *graph.Node { return m.forward(scope, x) })
	if err != nil {
		return nil, err
	}
	out, err := exec.Call1(xs)
	if err != nil {
		return nil, err
	}
	pred := backend.Float64s(out)
	for i := range pred {
		pred[i] = pred[i]*m.ySD + m.yMean
	}
	return pred, nil
}

// Clone returns an independent copy (weights included), e.g. to fine-tune one
// pre-trained model on several targets.
func (m *MLP) Clone() (*MLP, error) {
	st, err := m.store.Clone()
	if err != nil {
		return nil, err
	}
	c := *m
	c.store = st
	return &c, nil
}
