package profile

import (
	"cmp"
	"fmt"
	"math"
	"slices"

	"gonum.org/v1/gonum/stat"

	"github.com/nasanalysis/nasanalysis/nasanalysis/arch"
	"github.com/nasanalysis/nasanalysis/nasanalysis/stats"
)

// level is the confidence level of every interval and test of this package: a
// difference is "beyond noise" when its 95 % interval excludes zero, a permutation test
// passes when p < 1 - level.
const level = 0.95

// BlockMean is one block's mean of a metric over the networks that fix it, with its
// standard error and its shift from the baseline's mean.
type BlockMean struct {
	arch.Block
	Mean, SE float64 // NaN for a block that was not profiled
	N        int
	Shift    float64 // Mean minus the baseline's mean
}

// Response is a metric's block response, pooled over positions: each block's mean over
// every network that fixes it at any position.
type Response struct {
	Sample
	Metric, Unit, About string
	Baseline            float64     // the baseline's mean
	Blocks              []BlockMean // the space's blocks, in arch.Blocks order
}

// metricIndex is the position of a named metric in the profile.
func (r *Result) metricIndex(name string) (int, error) {
	k := slices.Index(r.Names, name)
	if k < 0 {
		return 0, fmt.Errorf("profile: no metric %q (the profile has %v)", name, r.Names)
	}
	return k, nil
}

// unit is a profiled metric's unit ("" for a profile read back from a table).
func (r *Result) unit(k int) (unit, about string) {
	if k < len(r.Metrics) && r.Metrics[k] != nil {
		return r.Metrics[k].Unit, r.Metrics[k].About
	}
	return "", ""
}

// Response returns the named metric's block response.
func (r *Result) Response(metric string) (Response, error) {
	k, err := r.metricIndex(metric)
	if err != nil {
		return Response{}, err
	}
	unit, about := r.unit(k)
	resp := Response{Sample: r.Sample(), Metric: metric, Unit: unit, About: about, Baseline: stat.Mean(r.Baseline.Values[k], nil)}
	blocks, groups := r.blockGroups(-1, 0)
	for i, b := range blocks {
		v := pooled(groups[i], k)
		bm := BlockMean{Block: b, N: len(v), Mean: math.NaN(), SE: math.NaN(), Shift: math.NaN()}
		if len(v) > 1 {
			m, sd := stat.MeanStdDev(v, nil)
			bm.Mean, bm.SE, bm.Shift = m, sd/math.Sqrt(float64(len(v))), m-resp.Baseline
		}
		resp.Blocks = append(resp.Blocks, bm)
	}
	return resp, nil
}

// Present lists the blocks that were profiled.
func (resp Response) Present() []BlockMean { return present(resp.Blocks) }

func present(bs []BlockMean) []BlockMean {
	var out []BlockMean
	for _, b := range bs {
		if !math.IsNaN(b.Mean) {
			out = append(out, b)
		}
	}
	return out
}

// PerBlock is the number of networks a block's mean rests on (the largest, should the
// blocks differ).
func (resp Response) PerBlock() int {
	n := 0
	for _, b := range resp.Blocks {
		n = max(n, b.N)
	}
	return n
}

// MaxSE is the largest standard error of a profiled block's mean.
func (resp Response) MaxSE() float64 {
	se := 0.0
	for _, b := range resp.Present() {
		se = max(se, b.SE)
	}
	return se
}

// choices lists the expand ratios and the kernel sizes of blocks, each in increasing
// order.
func choices(blocks []BlockMean) (es []float64, ks []int) {
	for _, b := range blocks {
		if !slices.Contains(es, b.Expand) {
			es = append(es, b.Expand)
		}
		if !slices.Contains(ks, b.Kernel) {
			ks = append(ks, b.Kernel)
		}
	}
	slices.Sort(es)
	slices.Sort(ks)
	return es, ks
}

// Grid lays the response out for a heatmap: rows are expand ratios, columns kernel
// sizes ("any kernel" for OFA-ResNet50, which has none to choose); NaN where a block was
// not profiled.
func (resp Response) Grid() (rows, cols []string, values [][]float64) {
	es, ks := choices(resp.Blocks)
	for _, e := range es {
		rows = append(rows, fmt.Sprintf("e%g", e))
		values = append(values, slices.Repeat([]float64{math.NaN()}, len(ks)))
	}
	for _, k := range ks {
		if k == 0 {
			cols = append(cols, "any kernel")
		} else {
			cols = append(cols, fmt.Sprintf("k%d", k))
		}
	}
	for _, b := range resp.Blocks {
		values[slices.Index(es, b.Expand)][slices.Index(ks, b.Kernel)] = b.Mean
	}
	return rows, cols, values
}

// Difference is a difference between block means with its standard error: what a metric
// charges for the largest expand ratio over the smallest, or the largest kernel over the
// smallest.
type Difference struct {
	Label    string // e.g. "e6 − e3"
	Estimate float64
	SE       float64 // NaN for a published figure, which gives no standard errors
}

// Interval is the difference's 95 % normal interval; its Sign says whether the
// difference is beyond noise and in which direction.
func (d Difference) Interval() stats.Interval { return stats.NormalInterval(d.Estimate, d.SE, level) }

// Effect is what a metric does with the block choice, over the profiled blocks: the mean
// difference between the largest and the smallest expand ratio (over the kernel sizes
// that have both) and between the largest and smallest kernel (over the expand ratios;
// NaN without a kernel choice), each with its standard error; the blocks with the lowest
// and highest mean; the block means' range relative to their mean (%); and Cochran's Q
// test that all block means are equal (NaN without standard errors).
type Effect struct {
	Metric, Unit   string
	Expand, Kernel Difference
	Low, High      BlockMean
	Mean           float64 // the unweighted mean of the block means
	RelSpan        float64 // 100 (High - Low) / Mean
	Q              float64
	DF             int
	P              float64
}

// EffectOf computes a metric's Effect from its block means (NaN means are left out).
func EffectOf(metric, unit string, blocks []BlockMean) (Effect, error) {
	have := present(blocks)
	if len(have) < 2 {
		return Effect{}, fmt.Errorf("profile: effect of %s: %d profiled blocks, need at least 2", metric, len(have))
	}
	es, ks := choices(have)
	eLo, eHi, kLo, kHi := es[0], es[len(es)-1], ks[0], ks[len(ks)-1]
	find := func(k int, e float64) (BlockMean, bool) {
		i := slices.IndexFunc(have, func(b BlockMean) bool { return b.Kernel == k && b.Expand == e })
		if i < 0 {
			return BlockMean{}, false
		}
		return have[i], true
	}
	var ep, kp [][2]BlockMean
	for _, k := range ks {
		a, okA := find(k, eHi)
		b, okB := find(k, eLo)
		if okA && okB {
			ep = append(ep, [2]BlockMean{a, b})
		}
	}
	if kHi != kLo {
		for _, e := range es {
			a, okA := find(kHi, e)
			b, okB := find(kLo, e)
			if okA && okB {
				kp = append(kp, [2]BlockMean{a, b})
			}
		}
	}
	ef := Effect{Metric: metric, Unit: unit}
	var err error
	if ef.Expand, err = meanDifference(fmt.Sprintf("e%g − e%g", eHi, eLo), ep); err != nil {
		return Effect{}, err
	}
	if ef.Kernel, err = meanDifference(fmt.Sprintf("k%d − k%d", kHi, kLo), kp); err != nil {
		return Effect{}, err
	}
	ef.Low, ef.High = have[0], have[0]
	means, ses := make([]float64, len(have)), make([]float64, len(have))
	for i, b := range have {
		means[i], ses[i] = b.Mean, b.SE
		if b.Mean < ef.Low.Mean {
			ef.Low = b
		}
		if b.Mean > ef.High.Mean {
			ef.High = b
		}
	}
	ef.Mean = stat.Mean(means, nil)
	ef.RelSpan = 100 * (ef.High.Mean - ef.Low.Mean) / ef.Mean
	ef.Q, ef.DF, ef.P = math.NaN(), len(have)-1, math.NaN()
	if !slices.ContainsFunc(ses, math.IsNaN) {
		if ef.Q, ef.DF, ef.P, err = stats.CochranQ(means, ses); err != nil {
			return Effect{}, fmt.Errorf("profile: effect of %s: %w", metric, err)
		}
	}
	return ef, nil
}

// meanDifference is the mean over pairs (a, b) of a - b with its standard error
// (stats.MeanDifference: the pairs' means are independent); NaN for no pairs, and a NaN
// standard error when a mean has none (a published figure).
func meanDifference(label string, pairs [][2]BlockMean) (Difference, error) {
	d := Difference{Label: label, Estimate: math.NaN(), SE: math.NaN()}
	if len(pairs) == 0 {
		return d, nil
	}
	var a, seA, b, seB []float64
	withSE := true
	for _, p := range pairs {
		a, b = append(a, p[0].Mean), append(b, p[1].Mean)
		seA, seB = append(seA, p[0].SE), append(seB, p[1].SE)
		withSE = withSE && !math.IsNaN(p[0].SE) && !math.IsNaN(p[1].SE)
	}
	if !withSE {
		seA, seB = make([]float64, len(a)), make([]float64, len(b))
	}
	var err error
	if d.Estimate, d.SE, err = stats.MeanDifference(a, seA, b, seB); err != nil {
		return d, fmt.Errorf("profile: %s: %w", label, err)
	}
	if !withSE {
		d.SE = math.NaN()
	}
	return d, nil
}

// Effects returns the Effect of each named metric's block response.
func (r *Result) Effects(metrics ...string) ([]Effect, error) {
	var out []Effect
	for _, name := range metrics {
		resp, err := r.Response(name)
		if err != nil {
			return nil, err
		}
		ef, err := EffectOf(name, resp.Unit, resp.Blocks)
		if err != nil {
			return nil, err
		}
		out = append(out, ef)
	}
	return out, nil
}

// Ranking is how alike several metrics rank the blocks: each metric's Spearman
// correlation with a reference metric over the block means, and whether it puts the
// blocks in exactly the reference's order.
type Ranking struct {
	Reference string
	Blocks    int
	Others    []RankedLike
}

// RankedLike is one metric's ranking of the blocks against the reference's.
type RankedLike struct {
	Metric    string
	SRCC      float64
	SameOrder bool
}

// Ranking compares the block ranking of each of others with reference's, over the
// blocks both profiled.
func (r *Result) Ranking(reference string, others ...string) (Ranking, error) {
	ref, err := r.Response(reference)
	if err != nil {
		return Ranking{}, err
	}
	out := Ranking{Reference: reference, Blocks: len(ref.Present())}
	for _, name := range others {
		resp, err := r.Response(name)
		if err != nil {
			return Ranking{}, err
		}
		var x, y []float64
		for i, b := range resp.Blocks {
			if !math.IsNaN(b.Mean) && !math.IsNaN(ref.Blocks[i].Mean) {
				x, y = append(x, b.Mean), append(y, ref.Blocks[i].Mean)
			}
		}
		rho, err := stats.SpearmanRho(x, y)
		if err != nil {
			return Ranking{}, fmt.Errorf("profile: ranking of %s against %s: %w", name, reference, err)
		}
		ox, err := stats.RankOrder(x)
		if err != nil {
			return Ranking{}, err
		}
		oy, err := stats.RankOrder(y)
		if err != nil {
			return Ranking{}, err
		}
		out.Others = append(out.Others, RankedLike{Metric: name, SRCC: rho, SameOrder: slices.Equal(ox, oy)})
	}
	return out, nil
}

// Lowest is the metric whose ranking is least like the reference's.
func (rk Ranking) Lowest() RankedLike {
	return slices.MinFunc(rk.Others, func(a, b RankedLike) int { return cmp.Compare(a.SRCC, b.SRCC) })
}
