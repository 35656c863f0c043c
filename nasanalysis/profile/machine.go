package profile

import (
	"fmt"
	"math/rand/v2"

	"github.com/nasanalysis/nasanalysis/nasanalysis/latency"
	"github.com/nasanalysis/nasanalysis/nasanalysis/metric"
	"github.com/nasanalysis/nasanalysis/nasanalysis/predictor"
	"github.com/nasanalysis/nasanalysis/nasanalysis/prose"
	"github.com/nasanalysis/nasanalysis/nasanalysis/stats"
)

// MachineModel is the model behind the `predicted` metric in ProfileMachine: a GCN
// (with the networks' MACs as a feature) trained on part of the project's networks
// measured on this machine (predictor.MeasuredDataset), and how well it ranks the
// measured networks it did not see.
type MachineModel struct {
	Measured, Labelled, Test int // networks measured, learnt from (training and validation), held out
	SplitSeed                uint64
	// SRCC is the held-out Spearman correlation with a percentile-bootstrap interval of
	// Bootstrap resamples (drawn from stream (profile seed, 3)).
	SRCC          stats.Interval
	Bootstrap     int
	Kendall, RMSE float64 // held out; RMSE in ms
}

// MachineProfile is a profile priced with this machine's predicted latency, and the
// model that predicts it.
type MachineProfile struct {
	Model   MachineModel
	Profile *Result
}

// machineBootstrap is the number of resamples of the model's held-out SRCC interval.
const machineBootstrap = 1000

// MachineSpec is the training run of this machine's latency model: a GCN with the
// networks' MACs as a feature, trained on labelled of the measured networks (split
// seed 0). predictor.Fit trains it; its Key lets notebooks share one trained copy.
func MachineSpec(labelled int) predictor.FitSpec {
	cfg := predictor.DefaultConfig(predictor.KindGCN)
	cfg.MACs = true
	return predictor.FitSpec{Dataset: predictor.MeasuredDataset, Target: predictor.ScaledTarget, Config: cfg, N: labelled, Seed: 0}
}

// ProfileMachine scores fit (a predictor.Fit of MachineSpec) on the measured networks it
// did not see, and runs spec with `predicted` priced by it.
func ProfileMachine(spec Spec, fit predictor.Fitted) (MachineProfile, error) {
	if fit.P == nil || fit.Spec.Dataset != predictor.MeasuredDataset {
		return MachineProfile{}, fmt.Errorf("profile: this machine's latency model must be fitted on %s, not %q", predictor.MeasuredDataset, fit.Spec.Dataset)
	}
	task, err := predictor.LoadTask(spec.DataDir, fit.Spec.Dataset, fit.Spec.Target)
	if err != nil {
		return MachineProfile{}, err
	}
	m := MachineModel{Measured: task.Len(), Labelled: fit.Spec.N, SplitSeed: fit.Spec.Seed, Bootstrap: machineBootstrap,
		Kendall: fit.Score.Kendall, RMSE: fit.Score.RMSE}
	_, pred, truth, err := predictor.HeldOut(task, fit.P, fit.Spec.N, fit.Spec.Seed)
	if err != nil {
		return MachineProfile{}, err
	}
	m.Test = len(pred)
	if m.SRCC, err = stats.BootstrapCorrelation(pred, truth, stats.Spearman, m.Bootstrap, level, rand.New(rand.NewPCG(spec.Seed, 3))); err != nil {
		return MachineProfile{}, fmt.Errorf("profile: held-out SRCC of this machine's latency model: %w", err)
	}
	m.SRCC.Estimate = fit.Score.SRCC
	r, err := spec.run(metric.Options{DataDir: spec.DataDir, GPUSeed: spec.GPUSeed, Predicted: fit.P})
	if err != nil {
		return MachineProfile{}, err
	}
	return MachineProfile{Model: m, Profile: r}, nil
}

// DataLine states the measured networks the model rests on, as Sample.DataLine does.
func (m MachineModel) DataLine() (dataset string, n int, unit, note string) {
	return "datasets/" + latency.MeasuredFile, m.Measured, "networks",
		fmt.Sprintf("ofa-mbv3 at 160 px, timed on this machine with ONNX Runtime; %s train the GCN that prices `predicted` (split seed %d), %s test it",
			prose.Num(m.Labelled), m.SplitSeed, prose.Num(m.Test))
}

// Sentence states the model's held-out quality.
func (m MachineModel) Sentence() string {
	return fmt.Sprintf("The GCN, trained on %s of the %s measured networks, on the %s it did not see: SRCC %s, Kendall %s, RMSE %s ms (in brackets a 95 %% bootstrap interval over those networks, %s resamples).",
		prose.Num(m.Labelled), prose.Num(m.Measured), prose.Num(m.Test), prose.Est(m.SRCC.Estimate, m.SRCC.Lo, m.SRCC.Hi),
		prose.Num(m.Kendall), prose.Num(m.RMSE), prose.Num(m.Bootstrap))
}
