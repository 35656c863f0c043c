package predictor

import (
	"cmp"
	"fmt"
	"slices"

	"github.com/go-gota/gota/dataframe"
	"github.com/go-gota/gota/series"

	"github.com/nasanalysis/nasanalysis/nasanalysis/arch"
	"github.com/nasanalysis/nasanalysis/nasanalysis/stats"
)

// Published scores the NB201 CIFAR-10 accuracy curves are set beside.
//
// SklearnBest100 and SklearnBest400 are scikit-learn's best Kendall tau on NB201
// CIFAR-10 accuracy with 100 and 400 labelled cells (gradient boosting and random
// forest), as reported in this project's issue 5 ("Trainable GoMLX predictors"): the
// one-hot encoding of the six edges, random splits, Kendall tau on all remaining cells,
// the mean of 5 seeds. That report gives no spread, no per-seed values and not its
// splits, so no comparison with them can be paired; the other methods it lists are
// random forest 0.44 and MLP 0.17 at 100 cells, gradient boosting 0.60 and MLP 0.47 at
// 400.
//
// WhiteLo and WhiteHi bound the Kendall tau that White et al. (NeurIPS 2021, "How
// Powerful are Performance Predictors in Neural Architecture Search?") report for the
// best NB201 CIFAR-10 predictors with a few hundred to a thousand training cells, "about
// 0.6-0.8" as issue 5 summarises their figures.
const (
	SklearnBest100 = 0.47
	SklearnBest400 = 0.65
	WhiteLo        = 0.6
	WhiteHi        = 0.8
)

// SklearnAnchors are SklearnBest100 and SklearnBest400 with their budgets and methods.
var SklearnAnchors = []Anchor{
	{N: 100, Kendall: SklearnBest100, Who: "gradient boosting"},
	{N: 400, Kendall: SklearnBest400, Who: "random forest"},
}

// MethodName is a method's name in prose: "GCN", "MLP", "linear model", "FLOPs line".
func MethodName(m string) string {
	switch m {
	case KindGCN:
		return "GCN"
	case KindMLP:
		return "MLP"
	case BaselineLinear:
		return "linear model"
	case BaselineFLOPs:
		return "FLOPs line"
	}
	return m
}

// PairedDiff is method A's Kendall tau minus method B's at one budget, paired by seed
// (the same labelled split for both at each seed): the mean difference over the seeds
// with its t-interval (stats.PairedTInterval).
type PairedDiff struct {
	N     int
	A, B  string
	Seeds int
	Diff  stats.Interval
}

// kendallBySeed is a method's Kendall tau at budget n, by seed in ascending order.
func kendallBySeed(points []CurvePoint, method string, n int) (seeds []uint64, tau []float64) {
	type st struct {
		seed uint64
		tau  float64
	}
	var got []st
	for _, p := range points {
		if p.Method == method && p.NTrain == n {
			got = append(got, st{p.Seed, p.Kendall})
		}
	}
	slices.SortFunc(got, func(x, y st) int { return cmp.Compare(x.seed, y.seed) })
	for _, g := range got {
		seeds, tau = append(seeds, g.seed), append(tau, g.tau)
	}
	return seeds, tau
}

// ComparePaired returns a − b at each budget of sizes, paired by seed, with a t-interval
// at level. Both methods must have the same seeds at each budget (at least two).
func ComparePaired(points []CurvePoint, a, b string, sizes []int, level float64) ([]PairedDiff, error) {
	var out []PairedDiff
	for _, n := range sizes {
		sa, ta := kendallBySeed(points, a, n)
		sb, tb := kendallBySeed(points, b, n)
		if len(sa) < 2 || !slices.Equal(sa, sb) {
			return nil, fmt.Errorf("paired comparison of %s and %s at %d labelled: seeds %v and %v (need the same, at least two)", a, b, n, sa, sb)
		}
		iv, err := stats.PairedTInterval(ta, tb, level)
		if err != nil {
			return nil, fmt.Errorf("paired comparison of %s and %s at %d labelled: %w", a, b, n, err)
		}
		out = append(out, PairedDiff{N: n, A: a, B: b, Seeds: len(sa), Diff: iv})
	}
	return out, nil
}

// AnchorCheck sets a method's mean Kendall tau over seeds, with its t-interval, beside a
// published score at the same budget. The published score has no spread and other
// splits, so this is not a paired comparison: Sign says only where the method's
// interval lies with respect to the published number.
type AnchorCheck struct {
	Anchor
	Method string
	Seeds  int
	SD     float64        // the method's standard deviation over seeds
	Mean   stats.Interval // the method's mean with its t-interval over seeds
}

// Sign is +1 when the method's whole interval lies above the published score, -1 when
// below, and 0 when the interval contains it.
func (c AnchorCheck) Sign() int {
	switch {
	case c.Mean.Lo > c.Kendall:
		return 1
	case c.Mean.Hi < c.Kendall:
		return -1
	}
	return 0
}

// CheckAnchors sets each method's scores at each anchor's budget beside the anchor.
func CheckAnchors(points []CurvePoint, methods []string, anchors []Anchor, level float64) ([]AnchorCheck, error) {
	var out []AnchorCheck
	for _, a := range anchors {
		for _, m := range methods {
			_, tau := kendallBySeed(points, m, a.N)
			mean, err := stats.TInterval(tau, level)
			if err != nil {
				return nil, fmt.Errorf("%s at %d labelled: %w", m, a.N, err)
			}
			_, sd, err := stats.MeanSD(tau)
			if err != nil {
				return nil, fmt.Errorf("%s at %d labelled: %w", m, a.N, err)
			}
			out = append(out, AnchorCheck{Anchor: a, Method: m, Seeds: len(tau), SD: sd, Mean: mean})
		}
	}
	return out, nil
}

// AnchorCheckFrame lists anchor checks: n, method, kendall, kendall_sd, lo, hi (the
// mean's t-interval), published, published_method, and where the interval lies.
func AnchorCheckFrame(cs []AnchorCheck) dataframe.DataFrame {
	var n []int
	var meth, who, where []string
	var k, sd, lo, hi, pub []float64
	for _, c := range cs {
		n, meth, who = append(n, c.N), append(meth, c.Method), append(who, c.Who)
		k, sd, lo, hi, pub = append(k, c.Mean.Estimate), append(sd, c.SD), append(lo, c.Mean.Lo), append(hi, c.Mean.Hi), append(pub, c.Kendall)
		where = append(where, map[int]string{1: "interval above", -1: "interval below", 0: "interval contains it"}[c.Sign()])
	}
	return dataframe.New(series.New(n, series.Int, "n"), series.New(meth, series.String, "method"),
		series.New(k, series.Float, "kendall"), series.New(sd, series.Float, "kendall_sd"),
		series.New(lo, series.Float, "lo"), series.New(hi, series.Float, "hi"),
		series.New(pub, series.Float, "published"), series.New(who, series.String, "published_method"),
		series.New(where, series.String, "published_vs_interval"))
}

// PairedFrame lists paired differences: n, a, b, seeds, difference (a − b), lo, hi and
// the verdict ("a higher", "b higher", "no difference").
func PairedFrame(ds []PairedDiff) dataframe.DataFrame {
	var n, seeds []int
	var a, b, verdict []string
	var d, lo, hi []float64
	for _, p := range ds {
		n, seeds, a, b = append(n, p.N), append(seeds, p.Seeds), append(a, p.A), append(b, p.B)
		d, lo, hi = append(d, p.Diff.Estimate), append(lo, p.Diff.Lo), append(hi, p.Diff.Hi)
		verdict = append(verdict, map[int]string{1: p.A + " higher", -1: p.B + " higher", 0: "no difference"}[p.Diff.Sign()])
	}
	return dataframe.New(series.New(n, series.Int, "n"), series.New(a, series.String, "a"), series.New(b, series.String, "b"),
		series.New(seeds, series.Int, "seeds"), series.New(d, series.Float, "difference"),
		series.New(lo, series.Float, "lo"), series.New(hi, series.Float, "hi"), series.New(verdict, series.String, "verdict"))
}

// CurveStudy is section 2 of notebook 04: learning curves of every method on one task,
// with the comparisons its findings rest on.
type CurveStudy struct {
	Dataset, Target string
	DataFile        string // where the target comes from (DataFile); "" for a task built in memory
	Archs           int    // architectures of the task
	Sizes           []int
	Seeds           int
	Methods         []string
	Points          []CurvePoint
	Sums            []CurveSummary
	// RefVs holds Ref (the GCN) minus each other method at every budget; FLOPsVsLinear
	// the FLOPs line minus the linear model; VsFLOPs each learned model minus the FLOPs
	// line. All paired by seed, 95 % t-intervals.
	Ref           string
	RefVs         map[string][]PairedDiff
	FLOPsVsLinear []PairedDiff
	VsFLOPs       map[string][]PairedDiff
	// Anchors sets every method's mean at each published budget beside the number.
	Anchors []AnchorCheck
	// Spread describes the target: its standard deviation, and for NB201 cells the
	// same without the disconnected cells.
	Spread TargetSpread
}

// TargetSpread is the spread of a task's target, for reading RMSE against it.
type TargetSpread struct {
	SD float64
	// For NB201 cells: the disconnected cells (no path from input to output), their
	// mean, and the standard deviation of the others. Disconnected is 0 otherwise.
	Disconnected     int
	DisconnectedMean float64
	ConnectedSD      float64
}

// SpreadOf describes a task's target; NB201 cells are split by connectedness.
func SpreadOf(t *Task) (TargetSpread, error) {
	var s TargetSpread
	var err error
	if _, s.SD, err = stats.MeanSD(t.Y); err != nil {
		return s, fmt.Errorf("%s/%s: %w", t.Dataset, t.Target, err)
	}
	var conn, disc []float64
	for i, a := range t.Archs {
		c, err := arch.ParseCell(a)
		if err != nil {
			return s, nil // not NB201: no split
		}
		if c.Connected() {
			conn = append(conn, t.Y[i])
		} else {
			disc = append(disc, t.Y[i])
		}
	}
	if len(disc) == 0 || len(conn) < 2 {
		return s, nil
	}
	s.Disconnected = len(disc)
	if s.DisconnectedMean, _, err = stats.MeanSD(disc); err != nil {
		return s, err
	}
	_, s.ConnectedSD, err = stats.MeanSD(conn)
	return s, err
}

// CompareCurves runs the learning curves of CurveMethods on t (LearningCurve: every
// method at every budget for seeds 0..seeds-1) and the paired comparisons of CurveStudy,
// with the GCN as the reference and anchors beside it.
func CompareCurves(t *Task, sizes []int, seeds int, anchors []Anchor) (CurveStudy, error) {
	points, err := LearningCurve(t, CurveMethods, sizes, seeds, nil)
	if err != nil {
		return CurveStudy{}, err
	}
	return compareCurves(t, points, sizes, seeds, anchors)
}

func compareCurves(t *Task, points []CurvePoint, sizes []int, seeds int, anchors []Anchor) (CurveStudy, error) {
	const level = 0.95
	c := CurveStudy{Dataset: t.Dataset, Target: t.Target, Archs: t.Len(), Sizes: sizes, Seeds: seeds, Methods: CurveMethods,
		Points: points, Sums: SummarizeCurve(points), Ref: KindGCN, RefVs: map[string][]PairedDiff{}, VsFLOPs: map[string][]PairedDiff{}}
	c.DataFile, _, _ = DataFile(t.Dataset, t.Target) // a task built in memory has none
	var err error
	for _, m := range c.Methods {
		if m != c.Ref {
			if c.RefVs[m], err = ComparePaired(points, c.Ref, m, sizes, level); err != nil {
				return CurveStudy{}, err
			}
		}
		if m == KindGCN || m == KindMLP {
			if c.VsFLOPs[m], err = ComparePaired(points, m, BaselineFLOPs, sizes, level); err != nil {
				return CurveStudy{}, err
			}
		}
	}
	if c.FLOPsVsLinear, err = ComparePaired(points, BaselineFLOPs, BaselineLinear, sizes, level); err != nil {
		return CurveStudy{}, err
	}
	if c.Anchors, err = CheckAnchors(points, c.Methods, anchors, level); err != nil {
		return CurveStudy{}, err
	}
	if c.Spread, err = SpreadOf(t); err != nil {
		return CurveStudy{}, err
	}
	return c, nil
}

// AllPaired lists the study's paired comparisons: the reference against each other
// method, FLOPs against the linear model, and the MLP against FLOPs, each over every
// budget.
func (c CurveStudy) AllPaired() []PairedDiff {
	var out []PairedDiff
	for _, m := range c.Methods {
		out = append(out, c.RefVs[m]...)
	}
	out = append(out, c.FLOPsVsLinear...)
	for _, m := range c.Methods {
		if m != c.Ref {
			out = append(out, c.VsFLOPs[m]...)
		}
	}
	return out
}
