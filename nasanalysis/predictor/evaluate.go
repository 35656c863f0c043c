package predictor

import (
	"fmt"
	"math"
	"math/rand/v2"

	"github.com/nasanalysis/nasanalysis/nasanalysis/stats"
)

// ValFraction is the share of the labelled cells held out for early stopping. The
// labelled budget N of a learning curve covers both parts, so a predictor at N has seen
// exactly N measured architectures, as a baseline fitted on all N has.
const ValFraction = 0.2

// LabelSplit is a random partition of a task's architectures: Train and Val together are the
// labelled budget; Test is everything else.
type LabelSplit struct {
	Train, Val, Test []int
}

// ValCount is how many of n labelled architectures are held out for validation.
func ValCount(n int) int { return max(2, int(math.Round(ValFraction*float64(n)))) }

// CheckBudget reports whether n labelled architectures out of size can be split: at
// least 2 to train, 2 to validate and 2 left to test.
func CheckBudget(size, n int) error {
	nVal := ValCount(n)
	if n-nVal < 2 {
		return fmt.Errorf("%d labelled architectures are too few: need at least %d (2 to train, %d to validate)", n, nVal+2, nVal)
	}
	if n > size-2 {
		return fmt.Errorf("%d labelled architectures requested, but the task has only %d (at most %d can be labelled, leaving 2 to test)", n, size, size-2)
	}
	return nil
}

// NewLabelSplit draws n labelled architectures out of size with the seed, holds out
// ValFraction of them (at least 2) for validation and leaves the rest as the test set.
// n must pass CheckBudget.
func NewLabelSplit(size, n int, seed uint64) (LabelSplit, error) {
	if err := CheckBudget(size, n); err != nil {
		return LabelSplit{}, err
	}
	nVal := ValCount(n)
	perm := rand.New(rand.NewPCG(seed, 0x5eed)).Perm(size)
	return LabelSplit{Train: perm[:n-nVal], Val: perm[n-nVal : n], Test: perm[n:]}, nil
}

// Score is how well predictions rank and fit held-out architectures.
type Score struct {
	NTrain  int // labelled budget (training + validation)
	Seed    uint64
	SRCC    float64
	Kendall float64 // tau-b
	RMSE    float64 // in the target's units
}

// Scored compares predictions with true values. It returns an error when the rank
// correlations are undefined (unequal lengths, fewer than two pairs, or constant
// predictions, which rank nothing).
func Scored(pred, truth []float64) (Score, error) {
	srcc, err := stats.SpearmanRho(pred, truth)
	if err != nil {
		return Score{}, fmt.Errorf("score of %d predictions: %w", len(pred), err)
	}
	tau, err := stats.KendallTauB(pred, truth)
	if err != nil {
		return Score{}, fmt.Errorf("score of %d predictions: %w", len(pred), err)
	}
	var se float64
	for i := range pred {
		d := pred[i] - truth[i]
		se += d * d
	}
	return Score{SRCC: srcc, Kendall: tau, RMSE: math.Sqrt(se / float64(len(pred)))}, nil
}

// Evaluate trains a predictor on a random labelled budget of n architectures of the task
// (seeded) and scores it on all the others.
func Evaluate(t *Task, cfg Config, n int, seed uint64) (Score, *Trained, error) {
	s, err := NewLabelSplit(t.Len(), n, seed)
	if err != nil {
		return Score{}, nil, fmt.Errorf("%s/%s: %w", t.Dataset, t.Target, err)
	}
	cfg.Seed = seed
	p, err := Train(cfg, t.Examples(s.Train), t.Values(s.Train), t.Examples(s.Val), t.Values(s.Val), t.Log)
	if err != nil {
		return Score{}, nil, err
	}
	p.Dataset, p.Target = t.Dataset, t.Target
	pred, err := p.Predict(t.Examples(s.Test))
	if err != nil {
		return Score{}, nil, err
	}
	sc, err := Scored(pred, t.Values(s.Test))
	if err != nil {
		return Score{}, nil, fmt.Errorf("%s/%s, seed %d: %w", t.Dataset, t.Target, seed, err)
	}
	sc.NTrain, sc.Seed = n, seed
	return sc, p, nil
}
