package predictor

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"time"

	"github.com/nasanalysis/nasanalysis/nasanalysis/arch"
	"github.com/nasanalysis/nasanalysis/nasanalysis/latency"
	"github.com/nasanalysis/nasanalysis/nasanalysis/prose"
	"github.com/nasanalysis/nasanalysis/nasanalysis/stats"
)

// MeasuredComparison is a latency predictor of the measured dataset against the FLOPs
// line on the networks it did not see: both scores, bootstrap intervals of both SRCCs,
// and of their difference over the same resamples.
type MeasuredComparison struct {
	Spec           FitSpec
	Test           int   // held-out networks
	GCN, FLOPs     Score // the predictor's and the FLOPs baseline's held-out scores (same split)
	GCNCI, FLOPsCI stats.Interval
	// Diff is the predictor's SRCC minus the MACs' over the same resamples of the
	// held-out networks (paired percentile bootstrap).
	Diff      stats.Interval
	Resamples int
	Seed      uint64 // the intervals' generators are seeded (Seed, 0); the difference's (Seed, 2)
}

// CompareMeasured scores the fitted predictor f of task t against the FLOPs line on its
// held-out networks, with b bootstrap resamples.
func CompareMeasured(t *Task, f Fitted, b int, seed uint64) (MeasuredComparison, error) {
	s := f.Spec
	c := MeasuredComparison{Spec: s, GCN: f.Score, Resamples: b, Seed: seed}
	var err error
	if c.FLOPs, err = EvaluateBaseline(t, BaselineFLOPs, s.N, s.Seed); err != nil {
		return c, err
	}
	if c.GCNCI, c.FLOPsCI, err = HeldOutCIs(t, f.P, s.N, s.Seed, b, seed); err != nil {
		return c, err
	}
	test, pred, truth, err := HeldOut(t, f.P, s.N, s.Seed)
	if err != nil {
		return c, err
	}
	c.Test = len(test)
	macs := make([]float64, len(test))
	for k, i := range test {
		macs[k] = t.MACs[i]
	}
	rho := func(x []float64, idx []int) float64 {
		r, err := stats.SpearmanRho(stats.Take(x, idx), stats.Take(truth, idx))
		if err != nil {
			return math.NaN()
		}
		return r
	}
	c.Diff, err = stats.PairedBootstrap(len(test), b, 0.95, func(idx []int) float64 { return rho(pred, idx) - rho(macs, idx) }, rand.New(rand.NewPCG(seed, 2)))
	if err != nil {
		return c, fmt.Errorf("%s: predictor minus MACs SRCC: %w", t.Dataset, err)
	}
	return c, nil
}

// MeasuredFinding states both held-out scores and which ranks the networks better,
// from the paired interval.
func MeasuredFinding(c MeasuredComparison) string {
	verdict := map[int]string{
		1:  "the " + MethodName(c.Spec.Config.Kind) + " ranks them better",
		-1: "the FLOPs line ranks them better",
		0:  "the difference's interval includes zero, so on these networks neither ranks better",
	}[c.Diff.Sign()]
	m := MethodName(c.Spec.Config.Kind)
	return fmt.Sprintf("On the %d held-out measured networks (seed %d): %s SRCC %s, Kendall %s, RMSE %s ms; FLOPs line SRCC %s, Kendall %s, RMSE %s ms. %s minus FLOPs SRCC over the same resamples: %s; %s (95 %% percentile bootstrap, %s resamples, seed %d).",
		c.Test, c.Spec.Seed, m, est(c.GCNCI), prose.Num(c.GCN.Kendall), prose.Num(c.GCN.RMSE), est(c.FLOPsCI), prose.Num(c.FLOPs.Kendall), prose.Num(c.FLOPs.RMSE),
		m, est(c.Diff), verdict, prose.Num(c.Resamples), c.Seed)
}

// SourceUse is a measured-latency predictor used as a latency source: saved and
// reloaded, applied to new random networks, and what that costs against measuring.
type SourceUse struct {
	MaxDiff      float64 // largest difference (ms) between the reloaded copy's predictions and the original's
	New          int     // new random networks priced
	NewSeed      uint64
	Resolution   int
	Predicted    [3]float64 // their predicted latency (ms): min, median, max
	SRCCWithMACs float64
	// PredictSeconds is how long the predictor took to price the New networks in this
	// run (wall time: not reproducible, unlike every other number here).
	PredictSeconds float64
	// What measuring the measured dataset took: the span of its rows' timestamps (one-
	// second resolution), per network, and the protocol's warm-up and timed runs.
	File            string
	Measured        int
	SpanSeconds     float64
	Warmup, Repeats [2]float64
}

// UseAsSource saves f's predictor to dir (a folder of this run, not a shared one),
// reloads it, prices n new random ofa-mbv3 networks (seed) at the measured resolution
// with the reloaded copy, times the original pricing them, and reads what measuring the
// measured file took.
func UseAsSource(f Fitted, dir string, n int, seed uint64) (SourceUse, error) {
	d, ok := measuredDomains[f.P.Dataset]
	if !ok {
		return SourceUse{}, fmt.Errorf("use as a source: the predictor was trained on %q, not on a measured dataset", f.P.Dataset)
	}
	u := SourceUse{New: n, NewSeed: seed, Resolution: d.minRes, File: d.file}
	archs := arch.WithResolution(arch.MBv3.SampleN(n, seed), d.minRes)
	lat, maxDiff, err := SaveReload(f.P, dir, archs)
	if err != nil {
		return u, err
	}
	u.MaxDiff = maxDiff
	q, err := stats.Quantiles(lat, 0, 0.5, 1)
	if err != nil {
		return u, err
	}
	u.Predicted = [3]float64{q[0], q[1], q[2]}
	macs, _ := arch.CostsOf(archs)
	if u.SRCCWithMACs, err = stats.SpearmanRho(lat, macs); err != nil {
		return u, err
	}
	src, err := NewPredictedLatency(f.P)
	if err != nil {
		return u, err
	}
	start := time.Now()
	if _, err := src.Latencies(archs); err != nil {
		return u, err
	}
	u.PredictSeconds = time.Since(start).Seconds()
	rec, err := latency.ReadProject(d.file, arch.OFAMBv3)
	if err != nil {
		return u, err
	}
	return u, u.readCost(rec)
}

// readCost fills the measuring cost from a measured file's date, warmup and repeats.
func (u *SourceUse) readCost(rec *latency.Recorded) error {
	dates, err := rec.Column("date")
	if err != nil {
		return err
	}
	var stamps []time.Time
	for i, s := range dates {
		t, err := time.Parse(time.RFC3339, s)
		if err != nil {
			return fmt.Errorf("%s line %d, column date: %w", rec.Path, i+2, err)
		}
		stamps = append(stamps, t)
	}
	if len(stamps) < 2 {
		return fmt.Errorf("%s: %d rows, need two timestamps for a span", rec.Path, len(stamps))
	}
	slices.SortFunc(stamps, func(a, b time.Time) int { return a.Compare(b) })
	u.Measured, u.SpanSeconds = rec.Len(), stamps[len(stamps)-1].Sub(stamps[0]).Seconds()
	for _, c := range []struct {
		name string
		out  *[2]float64
	}{{"warmup", &u.Warmup}, {"repeats", &u.Repeats}} {
		v, err := rec.Floats(c.name)
		if err != nil {
			return err
		}
		*c.out = [2]float64{slices.Min(v), slices.Max(v)}
	}
	return nil
}

// rangeOf writes a range, or one number when both ends are equal: "10–200", "5".
func rangeOf(r [2]float64) string {
	if r[0] == r[1] {
		return prose.Num(r[0])
	}
	return prose.Interval(r[0], r[1])
}

// SourceFinding states how the saved predictor behaves as a latency source, and what
// measuring cost against predicting.
func SourceFinding(u SourceUse) string {
	return fmt.Sprintf("Saved to this run's folder and reloaded: largest difference from the predictions before saving %s ms. %s new random networks at %d px (seed %d): predicted latency %s ms (median %s), SRCC with MACs %s.\n\n"+
		"Cost: measuring the %d networks of datasets/%s took %s s by their timestamps, %s s per network (building its graph, %s warm-up and %s timed runs each); in this run the predictor gave the latency of %s networks in %s s, %s µs per network.",
		prose.Num(u.MaxDiff), prose.Num(u.New), u.Resolution, u.NewSeed, prose.Interval(u.Predicted[0], u.Predicted[2]), prose.Num(u.Predicted[1]), prose.Num(u.SRCCWithMACs),
		u.Measured, u.File, prose.Num(u.SpanSeconds), prose.Num(u.SpanSeconds/float64(u.Measured-1)), rangeOf(u.Warmup), rangeOf(u.Repeats),
		prose.Num(u.New), prose.Num(u.PredictSeconds), prose.Num(1e6*u.PredictSeconds/float64(u.New)))
}
