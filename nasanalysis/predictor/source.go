package predictor

import (
	"fmt"

	"github.com/nasanalysis/nasanalysis/nasanalysis/arch"
	"github.com/nasanalysis/nasanalysis/nasanalysis/latency"
)

// PredictedLatency turns a latency predictor trained on a measured dataset
// (MeasuredDataset or MeasuredAllResDataset) into a latency.Source: "predicted measured latency on this machine",
// for any OFA-MobileNetV3 sub-network at the width and resolution that were measured,
// without the two seconds a real measurement takes.
type PredictedLatency struct{ P *Trained }

var _ latency.Source = (*PredictedLatency)(nil)

// NewPredictedLatency checks that p predicts latency (a log target) and returns the source.
func NewPredictedLatency(p *Trained) (*PredictedLatency, error) {
	if !p.Log {
		return nil, fmt.Errorf("predicted latency: the predictor was not trained on latencies")
	}
	if !IsMeasured(p.Dataset) {
		return nil, fmt.Errorf("predicted latency: the predictor was trained on %q, not on a measured dataset (%s, %s)", p.Dataset, MeasuredDataset, MeasuredAllResDataset)
	}
	return &PredictedLatency{P: p}, nil
}

// Name identifies the source.
func (s *PredictedLatency) Name() string { return "predicted-measured" }

// Latency predicts one architecture's latency (ms).
func (s *PredictedLatency) Latency(a arch.MBArch) (float64, error) {
	v, err := s.Latencies([]arch.MBArch{a})
	if err != nil {
		return 0, err
	}
	return v[0], nil
}

// Latencies predicts many architectures in one batch (ms). Architectures of another
// space, width or resolution than the measured ones are refused: the predictor has
// never seen them, and an extrapolated latency would look like a measurement.
func (s *PredictedLatency) Latencies(archs []arch.MBArch) ([]float64, error) {
	t := &Task{Dataset: s.P.Dataset}
	for i, a := range archs {
		if err := a.Validate(); err != nil {
			return nil, err
		}
		if err := t.addMeasured(i, a, 1); err != nil {
			return nil, fmt.Errorf("predicted latency: %w", err)
		}
	}
	idx := make([]int, t.Len())
	for i := range idx {
		idx[i] = i
	}
	return s.P.Predict(t.Examples(idx))
}
