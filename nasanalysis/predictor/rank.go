package predictor

import (
	"cmp"
	"fmt"
	"math"
	"slices"

	"github.com/nasanalysis/nasanalysis/nasanalysis/arch"
)

// Predictor predicts one value per architecture, in the target's units. *Trained is
// one; PredictFunc makes one of any function (an analytic cost, a lookup table).
type Predictor interface {
	PredictArchs(archs []arch.Arch) ([]float64, error)
}

// PredictFunc adapts a function to Predictor.
type PredictFunc func(archs []arch.Arch) ([]float64, error)

// PredictArchs calls f.
func (f PredictFunc) PredictArchs(archs []arch.Arch) ([]float64, error) { return f(archs) }

var _ Predictor = (*Trained)(nil)

// ExampleOf encodes one architecture as a predictor's input: its flat one-hot
// encoding, its operations graph and, where its family has a cost model, its MACs in
// millions (NaN otherwise), as a Task encodes the architectures of a dataset.
func ExampleOf(a arch.Arch) Example {
	e := Example{X: a.Flat(), Graph: a.Graph(), MACs: math.NaN()}
	if c, ok := a.(arch.Costed); ok {
		e.MACs = c.MACs() / 1e6
	}
	return e
}

// PredictArchs predicts each architecture directly, in one batch, without going
// through its text form and EncodeArch. Each architecture must be valid; a predictor
// trained on this machine's measured latencies refuses architectures outside the
// measured domain (another space, width or resolution), as PredictedLatency does, and
// any predictor refuses architectures whose encoding has another shape than the one it
// was trained on (another family).
func (p *Trained) PredictArchs(archs []arch.Arch) ([]float64, error) {
	ex := make([]Example, len(archs))
	for i, a := range archs {
		if err := a.Validate(); err != nil {
			return nil, fmt.Errorf("predict architecture %d (%s): %w", i, a, err)
		}
		if IsMeasured(p.Dataset) {
			mb, ok := a.(arch.MBArch)
			if !ok {
				return nil, fmt.Errorf("predict architecture %d (%s): the predictor was trained on %s, OFA-MobileNetV3 networks only", i, a, p.Dataset)
			}
			if err := inMeasuredDomain(p.Dataset, mb); err != nil {
				return nil, fmt.Errorf("predict architecture %d: %w", i, err)
			}
		}
		ex[i] = ExampleOf(a)
	}
	out, err := p.Predict(ex)
	if err != nil {
		return nil, fmt.Errorf("predict %d architectures with the %s predictor of %s/%s: %w", len(archs), p.Config.Kind, p.Dataset, p.Target, err)
	}
	return out, nil
}

// Order says which end of a ranking comes first.
type Order int

const (
	// HighestFirst ranks the highest prediction first (accuracy).
	HighestFirst Order = iota
	// LowestFirst ranks the lowest prediction first (latency, cost).
	LowestFirst
)

// Ranked is one architecture of a ranking.
type Ranked struct {
	Index int       // its position in the architectures given to Rank
	Arch  arch.Arch // the architecture
	Value float64   // its prediction, in the target's units
	Rank  int       // 1 for the first in the order; ties share the better rank
}

// Rank predicts every architecture with p and returns them in order, best first
// (HighestFirst for accuracy, LowestFirst for latency). Architectures with equal
// predictions keep their input order and share the better rank ("1, 2, 2, 4"). A NaN
// or infinite prediction is an error naming the architecture, since it has no place in
// an order.
func Rank(p Predictor, archs []arch.Arch, order Order) ([]Ranked, error) {
	if order != HighestFirst && order != LowestFirst {
		return nil, fmt.Errorf("rank: unknown order %d (want HighestFirst or LowestFirst)", order)
	}
	vals, err := p.PredictArchs(archs)
	if err != nil {
		return nil, err
	}
	if len(vals) != len(archs) {
		return nil, fmt.Errorf("rank: %d predictions for %d architectures", len(vals), len(archs))
	}
	out := make([]Ranked, len(archs))
	for i, a := range archs {
		if math.IsNaN(vals[i]) || math.IsInf(vals[i], 0) {
			return nil, fmt.Errorf("rank: architecture %d (%s) is predicted %v", i, a, vals[i])
		}
		out[i] = Ranked{Index: i, Arch: a, Value: vals[i]}
	}
	slices.SortStableFunc(out, func(x, y Ranked) int {
		if order == LowestFirst {
			return cmp.Compare(x.Value, y.Value)
		}
		return cmp.Compare(y.Value, x.Value)
	})
	for k := range out {
		out[k].Rank = k + 1
		if k > 0 && out[k].Value == out[k-1].Value {
			out[k].Rank = out[k-1].Rank
		}
	}
	return out, nil
}
