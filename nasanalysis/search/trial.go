package search

import (
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/nasanalysis/nasanalysis/nasanalysis/arch"
	"github.com/nasanalysis/nasanalysis/nasanalysis/metric"
	"github.com/nasanalysis/nasanalysis/nasanalysis/stats"
)

// BudgetQuantiles place the latency budgets of a space trial: these quantiles of the
// latency of the reference point's RefSample random networks, so that a budget is
// "cheaper than 10 % of random networks" up to "cheaper than 90 %".
var BudgetQuantiles = []float64{0.1, 0.25, 0.5, 0.75, 0.9}

// Arm names of a space trial besides the controls ("control-1", ...).
const (
	ArmFull    = "full"
	ArmReduced = "reduced"
)

// TrialSpec is what a space trial compares with the full space: a reduced space, the
// mutation search's stage probabilities for it (the released *_STAGE_WISE_MUTATE_PROBS_*;
// nil: uniform), its random controls (arch.RandomControls), and the networks evaluated
// to choose it (a block profile's; 0 for a released space).
type TrialSpec struct {
	Name               string // e.g. "bp-note10" or "auto"
	Reduced            arch.Space
	StageProbs         []float64
	Controls           []arch.Space
	ProfileEvaluations int
}

// SpaceArm is one arm of a space trial, searched once per seed.
type SpaceArm struct {
	Name  string
	Space arch.Space
	// HV is each seed's hypervolume as a share of the reference box.
	HV []float64
	// Best[b][s] is the highest accuracy seed s's front reaches within budget b (NaN
	// when none of its networks is that cheap).
	Best        [][]float64
	Evaluations int // networks one search scores
	Band        FrontBand
}

// SpaceTrial is Mills et al.'s claim judged with controls: the full space, a reduced
// space and random reductions of the same size, each searched with the same protocol
// and the same seeds, every front scored against one reference point and under the
// same latency budgets.
type SpaceTrial struct {
	Latency, Unit, About string
	Name                 string // the reduced space's name
	Search               FrontSearch
	Seeds                []uint64
	Ref                  []float64
	Budgets              []float64 // latency, in Unit, at BudgetQuantiles
	ProfileEvaluations   int
	Arms                 []SpaceArm // full, reduced, then the controls
}

// RunSpaceTrial searches the full space (FullSpace of the reduced one, uniform stage
// probabilities), the reduced space and each control with fs once per seed, the
// accuracy acc against the latency lat at the reduced space's one resolution.
// progress, if not nil, is called after each search with the searches done and due.
func RunSpaceTrial(spec TrialSpec, acc, lat *metric.Metric, fs FrontSearch, seeds []uint64, progress func(done, total int)) (*SpaceTrial, error) {
	if len(seeds) < 2 {
		return nil, fmt.Errorf("space trial: %d seeds, need at least 2 for paired intervals", len(seeds))
	}
	res, err := oneResolution(spec.Reduced)
	if err != nil {
		return nil, fmt.Errorf("space trial: the reference point is at one resolution: %w", err)
	}
	sample, err := referenceSample(lat, res)
	if err != nil {
		return nil, err
	}
	ref, err := ReferencePoint(lat, res)
	if err != nil {
		return nil, err
	}
	budgets, err := stats.Quantiles(sample, BudgetQuantiles...)
	if err != nil {
		return nil, fmt.Errorf("latency budgets on %s: %w", lat.Name, err)
	}
	t := &SpaceTrial{Latency: lat.Name, Unit: lat.Unit, About: lat.About, Name: spec.Name, Search: fs, Seeds: seeds,
		Ref: ref, Budgets: budgets, ProfileEvaluations: spec.ProfileEvaluations}
	type armSpec struct {
		name  string
		space arch.Space
		probs []float64
	}
	arms := []armSpec{{ArmFull, FullSpace(spec.Reduced), nil}, {ArmReduced, spec.Reduced, spec.StageProbs}}
	for i, c := range spec.Controls {
		arms = append(arms, armSpec{"control-" + strconv.Itoa(i+1), c, spec.StageProbs})
	}
	obj := AccuracyLatency(acc, lat)
	done, total := 0, len(arms)*len(seeds)
	for _, a := range arms {
		f := fs
		f.Mutation.StageProbs = a.probs
		var fronts [][][]float64
		for _, s := range seeds {
			r, err := f.Run(a.space, obj, s)
			if err != nil {
				return nil, fmt.Errorf("space trial on %s, arm %s (%s), seed %d: %w", lat.Name, a.name, a.space, s, err)
			}
			fronts = append(fronts, r.Points)
			if done++; progress != nil {
				progress(done, total)
			}
		}
		arm, err := t.score(a.name, a.space, fronts)
		if err != nil {
			return nil, fmt.Errorf("space trial on %s, arm %s: %w", lat.Name, a.name, err)
		}
		arm.Evaluations = f.Evaluations()
		t.Arms = append(t.Arms, arm)
	}
	return t, nil
}

// referenceSample is the latency of ReferencePoint's random networks.
func referenceSample(lat *metric.Metric, res int) ([]float64, error) {
	var as []arch.Arch
	for _, a := range arch.WithResolution(arch.MBv3.SampleN(RefSample, RefSeed), res) {
		as = append(as, a)
	}
	v, err := lat.Values(as)
	if err != nil {
		return nil, fmt.Errorf("reference point on %s: %w", lat.Name, err)
	}
	return v, nil
}

// score computes an arm's hypervolume shares, best accuracies under the budgets and band.
func (t *SpaceTrial) score(name string, space arch.Space, fronts [][][]float64) (SpaceArm, error) {
	hv, err := HypervolumesOf(fronts, t.Ref)
	if err != nil {
		return SpaceArm{}, err
	}
	arm := SpaceArm{Name: name, Space: space}
	for _, v := range hv.PerSeed {
		arm.HV = append(arm.HV, hv.Share(v))
	}
	for _, b := range t.Budgets {
		row := make([]float64, len(fronts))
		for s, f := range fronts {
			row[s] = BestWithin(f, b)
		}
		arm.Best = append(arm.Best, row)
	}
	arm.Band, err = SeedBand(fronts, BandPoints)
	return arm, err
}

// BestWithin is the highest accuracy among front points ([-accuracy, latency]) of
// latency at most budget; NaN when there is none.
func BestWithin(front [][]float64, budget float64) float64 {
	best := math.NaN()
	for _, p := range front {
		if p[1] <= budget && (math.IsNaN(best) || -p[0] > best) {
			best = -p[0]
		}
	}
	return best
}

// ArmSummary is one arm against the full space, paired over seeds.
type ArmSummary struct {
	Arm, Dropped, MaxDepth string
	Seeds                  int
	HV                     stats.Interval // mean share of the reference box, 95 % t-interval
	// Diff is the arm's hypervolume minus the full space's in percent of the full
	// space's mean, paired, 95 % t-interval (zero for the full arm itself).
	Diff stats.Interval
	// Rank is the arm's place by mean hypervolume among the reduced space and the
	// controls (1 = highest; 0 for the full arm).
	Rank int
	// BudgetDiffs[b] is the arm's best accuracy within budget b minus the full
	// space's, in points, paired over the seeds where both reach the budget
	// (BudgetSeeds[b]; an interval needs 2).
	BudgetDiffs []stats.Interval
	BudgetSeeds []int
}

// Summary summarises every arm against the full space.
func (t *SpaceTrial) Summary() ([]ArmSummary, error) {
	if len(t.Arms) < 2 || t.Arms[0].Name != ArmFull {
		return nil, fmt.Errorf("space trial on %s: %d arms, want the full space first and at least one more", t.Latency, len(t.Arms))
	}
	full := t.Arms[0]
	var out []ArmSummary
	for i, a := range t.Arms {
		s := ArmSummary{Arm: a.Name, Seeds: len(a.HV)}
		s.Dropped, s.MaxDepth = ReductionWords(a.Space)
		var err error
		if s.HV, err = stats.TInterval(a.HV, 0.95); err != nil {
			return nil, fmt.Errorf("arm %s: %w", a.Name, err)
		}
		if i > 0 {
			if s.Diff, err = pairedChange(a.HV, full.HV); err != nil {
				return nil, fmt.Errorf("arm %s against full: %w", a.Name, err)
			}
			s.Rank = 1
			for _, o := range t.Arms[1:] {
				if mean(o.HV) > mean(a.HV) {
					s.Rank++
				}
			}
			for b := range t.Budgets {
				iv, n := pairedBudget(a.Best[b], full.Best[b])
				s.BudgetDiffs, s.BudgetSeeds = append(s.BudgetDiffs, iv), append(s.BudgetSeeds, n)
			}
		}
		out = append(out, s)
	}
	return out, nil
}

// pairedBudget is x - y over the seeds where both are numbers, with a 95 % paired
// t-interval (an empty interval, all NaN, for fewer than 2 such seeds).
func pairedBudget(x, y []float64) (stats.Interval, int) {
	var a, b []float64
	for s := range x {
		if !math.IsNaN(x[s]) && !math.IsNaN(y[s]) {
			a, b = append(a, x[s]), append(b, y[s])
		}
	}
	nan := stats.Interval{Estimate: math.NaN(), Lo: math.NaN(), Hi: math.NaN(), Level: 0.95}
	if len(a) < 2 {
		return nan, len(a)
	}
	if slices.Equal(a, b) {
		return stats.Interval{Level: 0.95}, len(a)
	}
	iv, err := stats.PairedTInterval(a, b, 0.95)
	if err != nil {
		return nan, len(a)
	}
	return iv, len(a)
}

// ReductionWords are a space's dropped blocks ("k7e3+k7e4") and depth caps
// ("3-4-4-4-4"), the command line's words ("" for none).
func ReductionWords(s arch.Space) (dropped, maxDepth string) {
	var ds, caps []string
	for _, b := range s.Drop {
		ds = append(ds, b.String())
	}
	for _, d := range s.MaxDepth {
		caps = append(caps, strconv.Itoa(d))
	}
	return strings.Join(ds, "+"), strings.Join(caps, "-")
}

// ControlVerdict places the reduced space among its random controls: its rank by mean
// hypervolume among itself and the controls (1 = highest), how many controls it beats
// on mean, and its hypervolume minus the controls' mean hypervolume seed by seed, in
// percent of the controls' mean, paired, 95 % t-interval.
type ControlVerdict struct {
	Controls, Rank, Beaten int
	VsControls             stats.Interval
}

// AgainstControls is the reduced space's place among the controls (none: an error).
func (t *SpaceTrial) AgainstControls() (ControlVerdict, error) {
	if len(t.Arms) < 3 {
		return ControlVerdict{}, fmt.Errorf("space trial on %s: no random controls", t.Latency)
	}
	red, ctl := t.Arms[1], t.Arms[2:]
	v := ControlVerdict{Controls: len(ctl), Rank: 1}
	ctlMean := make([]float64, len(red.HV))
	for _, c := range ctl {
		if mean(c.HV) > mean(red.HV) {
			v.Rank++
		} else if mean(c.HV) < mean(red.HV) {
			v.Beaten++
		}
		for s, h := range c.HV {
			ctlMean[s] += h / float64(len(ctl))
		}
	}
	var err error
	v.VsControls, err = pairedChange(red.HV, ctlMean)
	return v, err
}
