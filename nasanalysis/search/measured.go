package search

import (
	"fmt"
	"math/rand/v2"
	"slices"

	"github.com/nasanalysis/nasanalysis/nasanalysis/arch"
	"github.com/nasanalysis/nasanalysis/nasanalysis/metric"
	"github.com/nasanalysis/nasanalysis/nasanalysis/predictor"
	"github.com/nasanalysis/nasanalysis/nasanalysis/stats"
)

// PredictorCheck is how well a latency predictor of this machine ranks held-out
// measured networks at the resolution a search runs at.
type PredictorCheck struct {
	Model          string // the predictor's kind
	NTrain, NTotal int    // networks it was trained on, of the task's
	Seed           uint64 // its training seed
	Res            int    // resolution of the held-out networks checked
	NHeld          int    // held-out networks at that resolution
	SRCC           stats.Interval
}

// Seeds of the multi-hardware study's bootstrap intervals and measuring order.
const (
	predictorCheckSeed = 1 // PCG(1, 1): bootstrap of the predictor's held-out SRCC
	measureOrderSeed   = 8 // PCG(8, 8): the order the chosen and random networks are timed in
	measuredSRCCSeed   = 2 // PCG(2, 2): bootstrap of predicted against measured SRCC
	bootstrapResamples = 1000
)

// CheckPredictor scores p, trained on nTrain networks of task with seed (predictor.Evaluate),
// on the held-out networks at resolution res: Spearman's rho of predicted and measured
// latency with a 95 % percentile-bootstrap interval (1,000 resamples).
func CheckPredictor(task *predictor.Task, p *predictor.Trained, nTrain int, seed uint64, res int) (PredictorCheck, error) {
	test, pred, truth, err := predictor.HeldOut(task, p, nTrain, seed)
	if err != nil {
		return PredictorCheck{}, err
	}
	var pr, tr []float64
	for k, i := range test {
		a, err := arch.ParseMB(arch.MBv3, task.Archs[i])
		if err != nil {
			return PredictorCheck{}, fmt.Errorf("%s row %d: %w", task.Dataset, i, err)
		}
		if a.R == res {
			pr, tr = append(pr, pred[k]), append(tr, truth[k])
		}
	}
	ci, err := stats.BootstrapCorrelation(pr, tr, stats.Spearman, bootstrapResamples, 0.95, rand.New(rand.NewPCG(predictorCheckSeed, predictorCheckSeed)))
	if err != nil {
		return PredictorCheck{}, fmt.Errorf("%s: held-out %d-px networks: %w", task.Dataset, res, err)
	}
	return PredictorCheck{Model: p.Config.Kind, NTrain: nTrain, NTotal: task.Len(), Seed: seed, Res: res, NHeld: len(pr), SRCC: ci}, nil
}

// MeasuredCheck sets the models a RuleStudy chose beside real measurements on this
// machine: every chosen model (all rules and seeds) and NRandom of the study's random
// networks, timed in one run in a seeded random order. This machine's speed drifts, so
// a chosen model is compared with the median of random networks timed under the same
// conditions (RandomMedian), not with the predicted budget (Budget, the predicted median
// of the study's random networks).
type MeasuredCheck struct {
	Device string // the report name of the predicted device
	Rules  []string
	// Predicted is, per rule, the chosen models' mean predicted latency over the budget.
	Predicted []float64
	// Measured is, per rule, the chosen models' measured latency over RandomMedian: the
	// mean over seeds with its 95 % t-interval (a point for one seed); MeasuredSD their
	// standard deviation (NaN for one seed).
	Measured   []stats.Interval
	MeasuredSD []float64
	// MeasuredMS is, per rule, the chosen models' mean measured latency in ms.
	MeasuredMS           []float64
	Budget, RandomMedian float64 // ms
	// BudgetIs says what the budget is, as RuleStudy.BudgetIs ("": the predicted median
	// of the study's random networks).
	BudgetIs         string
	Res              int // resolution of the random networks, px
	NRandom, NChosen int
	Seeds            int
	// SRCC ranks predicted against measured latency over every timed network, with a
	// 95 % percentile-bootstrap interval.
	SRCC         stats.Interval
	MinMS, MaxMS float64
	About        string // how the measurements were made
}

// MeasureChosen times, with measured, the models rs chose and the first nRandom of its
// random networks, and compares them with the predictions on device d of rs (a
// predictor of this machine).
func MeasureChosen(rs *RuleStudy, d int, measured *metric.Metric, nRandom int) (*MeasuredCheck, error) {
	if d < 0 || d >= len(rs.Devices) || nRandom < 2 || nRandom > rs.Sample {
		return nil, fmt.Errorf("measured check: device %d of %d, %d random networks of %d", d, len(rs.Devices), nRandom, rs.Sample)
	}
	var timed []arch.Arch
	for _, cs := range rs.Choices {
		for _, c := range cs {
			a, err := arch.Parse(rs.Space.Family, c.Arch)
			if err != nil {
				return nil, fmt.Errorf("measured check, rule %s: %w", c.Rule, err)
			}
			timed = append(timed, a)
		}
	}
	random, err := sampleN(rs.Space, rs.Sample, rs.SampleSeed)
	if err != nil {
		return nil, fmt.Errorf("measured check: %w", err)
	}
	timed = append(timed, random[:nRandom]...)
	order := rand.New(rand.NewPCG(measureOrderSeed, measureOrderSeed)).Perm(len(timed))
	shuffled := make([]arch.Arch, len(timed))
	for k, i := range order {
		shuffled[k] = timed[i]
	}
	got, err := measured.Values(shuffled)
	if err != nil {
		return nil, err
	}
	ms := make([]float64, len(timed))
	for k, i := range order {
		ms[i] = got[k]
	}
	m, err := CompareMeasured(rs, d, ms)
	if err != nil {
		return nil, err
	}
	m.About = measured.About
	return m, nil
}

// CompareMeasured is MeasureChosen's comparison of measured latencies ms (ms): first
// every chosen model of rs, rule by rule and seed by seed, then the first random
// networks of rs in their order.
func CompareMeasured(rs *RuleStudy, d int, ms []float64) (*MeasuredCheck, error) {
	m := &MeasuredCheck{Device: rs.Devices[d], Budget: rs.Budgets[d], BudgetIs: rs.BudgetIs, Res: rs.Res(), Seeds: len(rs.Seeds)}
	var pred []float64
	for _, cs := range rs.Choices {
		m.NChosen += len(cs)
		for _, c := range cs {
			pred = append(pred, c.Latency[d])
		}
	}
	m.NRandom = len(ms) - m.NChosen
	if m.NRandom < 2 || m.NRandom > len(rs.SampleLatency[d]) {
		return nil, fmt.Errorf("measured check: %d latencies for %d chosen models; want 2 to %d random networks after them", len(ms), m.NChosen, len(rs.SampleLatency[d]))
	}
	pred = append(pred, rs.SampleLatency[d][:m.NRandom]...)
	var err error
	if m.RandomMedian, err = stats.Quantile(ms[m.NChosen:], 0.5); err != nil {
		return nil, fmt.Errorf("measured check: median of the random networks: %w", err)
	}
	k := 0
	for _, cs := range rs.Choices {
		ratio, predicted := make([]float64, len(cs)), 0.0
		for s, c := range cs {
			ratio[s], predicted = ms[k]/m.RandomMedian, predicted+c.Ratio[d]/float64(len(cs))
			k++
		}
		iv, sd, err := meanWithInterval(ratio)
		if err != nil {
			return nil, fmt.Errorf("measured check, rule %s: %w", cs[0].Rule, err)
		}
		m.Rules, m.Predicted = append(m.Rules, cs[0].Rule), append(m.Predicted, predicted)
		m.Measured, m.MeasuredSD = append(m.Measured, iv), append(m.MeasuredSD, sd)
		m.MeasuredMS = append(m.MeasuredMS, iv.Estimate*m.RandomMedian)
	}
	if m.SRCC, err = stats.BootstrapCorrelation(pred, ms, stats.Spearman, bootstrapResamples, 0.95, rand.New(rand.NewPCG(measuredSRCCSeed, measuredSRCCSeed))); err != nil {
		return nil, fmt.Errorf("measured check: predicted against measured latency: %w", err)
	}
	m.MinMS, m.MaxMS = slices.Min(ms), slices.Max(ms)
	return m, nil
}

// meanWithInterval is the mean of x with its 95 % t-interval and the standard deviation;
// one value is its own point interval, with standard deviation NaN.
func meanWithInterval(x []float64) (stats.Interval, float64, error) {
	if len(x) == 1 {
		return stats.Interval{Estimate: x[0], Lo: x[0], Hi: x[0], Level: 0.95}, nan, nil
	}
	_, sd, err := stats.MeanSD(x)
	if err != nil {
		return stats.Interval{}, 0, err
	}
	iv, err := stats.TInterval(x, 0.95)
	return iv, sd, err
}
