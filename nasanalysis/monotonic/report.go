package monotonic

import (
	"fmt"
	"math"
	"slices"
	"strings"

	"github.com/go-gota/gota/dataframe"
	"github.com/go-gota/gota/series"

	"github.com/nasanalysis/nasanalysis/nasanalysis/data"
	"github.com/nasanalysis/nasanalysis/nasanalysis/pareto"
	"github.com/nasanalysis/nasanalysis/nasanalysis/stats"
)

// CISummary describes the device pairs of a correlation matrix with intervals.
type CISummary struct {
	Pairs, AtLeast        int     // pairs, and pairs whose estimate reaches the threshold
	MedianWidth, MaxWidth float64 // of the intervals hi - lo
}

// Summary counts the device pairs (upper triangle) whose estimate is at least threshold
// and gives the median and largest interval width; it fails for a matrix without a
// pair (fewer than two devices) or without a finite interval.
func (m Matrix) Summary(threshold float64) (CISummary, error) {
	var widths []float64
	s := CISummary{}
	for i := range m.Devices {
		for j := i + 1; j < len(m.Devices); j++ {
			s.Pairs++
			if m.Value[i][j] >= threshold {
				s.AtLeast++
			}
			widths = append(widths, m.Hi[i][j]-m.Lo[i][j])
		}
	}
	q, err := stats.Quantiles(widths, 0.5, 1)
	if err != nil {
		return s, fmt.Errorf("interval widths of %d device pairs: %w", s.Pairs, err)
	}
	s.MedianWidth, s.MaxWidth = q[0], q[1]
	return s, nil
}

// ReuseSummary condenses a ReuseTable: medians over its ordered pairs, and the median
// hypervolume ratio of the pairs at or above an SRCC threshold and of those below.
type ReuseSummary struct {
	Pairs       int
	Recovered   float64   // median share of the target's front recovered
	HVRatio     float64   // median hypervolume ratio
	Loss        []float64 // median accuracy loss per loss_qNN column, in table order
	LossColumns []string
	// Unmet counts, per loss_qNN column, the pairs where no architecture of the proxy's
	// front meets the budget on the target (NaN loss, left out of the median).
	Unmet             []int
	Above, Below      int     // pairs with SRCC >= threshold, and the others
	HVAbove, HVBelow  float64 // median hypervolume ratio of each group (NaN when empty)
	SRCCvsHypervolume float64 // Spearman correlation of srcc with hv_ratio over the pairs
}

// SummarizeReuse summarises a table made by ReuseTable, splitting pairs at threshold.
func SummarizeReuse(df dataframe.DataFrame, threshold float64) (ReuseSummary, error) {
	if err := df.Error(); err != nil {
		return ReuseSummary{}, err
	}
	for _, c := range []string{"srcc", "hv_ratio", "recovered"} {
		if !slices.Contains(df.Names(), c) {
			return ReuseSummary{}, fmt.Errorf("reuse table lacks column %q (have %v)", c, df.Names())
		}
	}
	med := func(c string) (float64, error) {
		v, err := stats.Quantile(df.Col(c).Float(), 0.5)
		if err != nil {
			return v, fmt.Errorf("reuse table, median of column %q: %w", c, err)
		}
		return v, nil
	}
	s := ReuseSummary{Pairs: df.Nrow()}
	var err error
	if s.Recovered, err = med("recovered"); err != nil {
		return ReuseSummary{}, err
	}
	if s.HVRatio, err = med("hv_ratio"); err != nil {
		return ReuseSummary{}, err
	}
	for _, c := range df.Names() {
		if strings.HasPrefix(c, "loss_") {
			v, err := med(c)
			if err != nil {
				return ReuseSummary{}, err
			}
			unmet := 0
			for _, x := range df.Col(c).Float() {
				if math.IsNaN(x) {
					unmet++
				}
			}
			s.LossColumns, s.Loss, s.Unmet = append(s.LossColumns, c), append(s.Loss, v), append(s.Unmet, unmet)
		}
	}
	srcc, hv := df.Col("srcc").Float(), df.Col("hv_ratio").Float()
	var hi, lo []float64
	for r := range srcc {
		if srcc[r] >= threshold {
			hi = append(hi, hv[r])
		} else {
			lo = append(lo, hv[r])
		}
	}
	s.Above, s.Below = len(hi), len(lo)
	// An empty side (every pair above the threshold, or none) has no median: NaN.
	s.HVAbove, s.HVBelow = math.NaN(), math.NaN()
	if len(hi) > 0 {
		if s.HVAbove, err = stats.Quantile(hi, 0.5); err != nil {
			return ReuseSummary{}, fmt.Errorf("reuse table, pairs with SRCC >= %g: %w", threshold, err)
		}
	}
	if len(lo) > 0 {
		if s.HVBelow, err = stats.Quantile(lo, 0.5); err != nil {
			return ReuseSummary{}, fmt.Errorf("reuse table, pairs with SRCC < %g: %w", threshold, err)
		}
	}
	if s.SRCCvsHypervolume, err = stats.SpearmanRho(srcc, hv); err != nil {
		return ReuseSummary{}, fmt.Errorf("reuse table, SRCC of srcc with hv_ratio: %w", err)
	}
	return s, nil
}

// WorstReuseCase is the ordered device pair whose proxy Pareto set keeps the least
// hypervolume on the target, with the fronts to draw it on the target's latency axis.
type WorstReuseCase struct {
	Proxy, Target      string
	TargetLatency      []float64 // the target's column of the table
	ProxyFront         []int     // the proxy's Pareto set (cost = proxy latency)
	ProxyFrontOnTarget []int     // the part of ProxyFront that stays Pareto-optimal on the target
	TargetFront        []int     // the target's own Pareto set
	HVRatio, Recovered float64
	Measured           int // architectures measured on both devices, the ones judged
}

// WorstReuse finds the ordered pair of t's devices with the lowest hypervolume ratio in
// ReuseTable (median budget) and returns its fronts.
func WorstReuse(t *data.LatencyTable, value []float64) (WorstReuseCase, error) {
	df, err := ReuseTable(t, value, t.Devices, []float64{0.5})
	if err != nil {
		return WorstReuseCase{}, err
	}
	return WorstReuseIn(t, value, df)
}

// WorstReuseIn is WorstReuse on a table ReuseTable already made from t and value (any
// budgets), so that a caller showing the table does not judge every pair twice.
func WorstReuseIn(t *data.LatencyTable, value []float64, df dataframe.DataFrame) (WorstReuseCase, error) {
	df = df.Arrange(dataframe.Sort("hv_ratio"))
	if err := df.Error(); err != nil {
		return WorstReuseCase{}, err
	}
	w := WorstReuseCase{Proxy: df.Col("proxy").Elem(0).String(), Target: df.Col("target").Elem(0).String(),
		HVRatio: df.Col("hv_ratio").Elem(0).Float(), Recovered: df.Col("recovered").Elem(0).Float()}
	pc, err := t.Column(w.Proxy)
	if err != nil {
		return WorstReuseCase{}, err
	}
	if w.TargetLatency, err = t.Column(w.Target); err != nil {
		return WorstReuseCase{}, err
	}
	w.Measured = len(Measured(pc, w.TargetLatency))
	w.ProxyFront = pareto.Front(pc, value)
	w.ProxyFrontOnTarget = pareto.FrontOf(w.ProxyFront, w.TargetLatency, value)
	w.TargetFront = pareto.Front(w.TargetLatency, value)
	return w, nil
}

// GridsFrame summarises adaptation grids scored on all cells and on held-out cells:
// GridsFrameScored(grids, threshold, ScoreAll, ScoreHeldOut).
func GridsFrame(grids []Grid, threshold float64) dataframe.DataFrame {
	return GridsFrameScored(grids, threshold, ScoreAll, ScoreHeldOut)
}

// GridsFrameScored summarises adaptation grids, one row per grid: method, pairs, then
// for each scoring in scs (column names ending in its Suffix) the pairs whose mean SRCC
// after adaptation reaches threshold (pairs_srcc_ge_<threshold>), the mean over pairs
// (mean_srcc), the worst pair and its SRCC (worst_pair, worst_srcc), and
// below_target_only: on how many pairs the method's mean SRCC is below that of the
// target-only grid among grids (the baseline any use of the proxy must beat; NaN when
// grids hold none for the same devices).
func GridsFrameScored(grids []Grid, threshold float64, scs ...Scoring) dataframe.DataFrame {
	if len(scs) == 0 {
		scs = []Scoring{ScoreAll}
	}
	var m []string
	var total []int
	for _, g := range grids {
		_, n := CountAtLeast(g.After, threshold)
		m, total = append(m, string(g.Method)), append(total, n)
	}
	cols := []series.Series{series.New(m, series.String, "method"), series.New(total, series.Int, "pairs")}
	for _, sc := range scs {
		var base *Grid
		for k := range grids {
			if grids[k].Method == MethodTargetOnly {
				base = &grids[k]
			}
		}
		var reached []int
		var mean, worst, below []float64
		var worstPair []string
		for _, g := range grids {
			_, after, _ := g.Scored(sc)
			r, _ := CountAtLeast(after, threshold)
			reached, mean = append(reached, r), append(mean, stats.OffDiagonalMean(after))
			w, wp, b := math.NaN(), "", math.NaN()
			var baseAfter [][]float64
			if base != nil && slices.Equal(g.Devices, base.Devices) {
				_, baseAfter, _ = base.Scored(sc)
				b = 0
			}
			for i := range after {
				for j := range after[i] {
					if i == j || math.IsNaN(after[i][j]) {
						continue
					}
					if math.IsNaN(w) || after[i][j] < w {
						w, wp = after[i][j], g.pairName(i, j)
					}
					if baseAfter != nil && after[i][j] < baseAfter[i][j] {
						b++
					}
				}
			}
			worst, worstPair, below = append(worst, w), append(worstPair, wp), append(below, b)
		}
		suf := sc.Suffix()
		cols = append(cols, series.New(reached, series.Int, fmt.Sprintf("pairs_srcc_ge_%g", threshold)+suf),
			series.New(mean, series.Float, "mean_srcc"+suf), series.New(worst, series.Float, "worst_srcc"+suf),
			series.New(worstPair, series.String, "worst_pair"+suf), series.New(below, series.Int, "below_target_only"+suf)) // NaN: a missing int
	}
	return dataframe.New(cols...)
}

// pairName is "proxy → target" for entry (i, j) of the grid's matrices.
func (g Grid) pairName(i, j int) string {
	if i < len(g.Devices) && j < len(g.Devices) {
		return g.Devices[i] + " → " + g.Devices[j]
	}
	return fmt.Sprintf("%d → %d", i, j)
}

// MethodCurve is one method's adaptation quality against the number of target samples.
type MethodCurve struct {
	Method Method
	Points []AdaptPoint
}

// Band returns the curve as x = samples, mean and standard deviation of SRCC after,
// scored on all cells: BandScored(ScoreAll).
func (c MethodCurve) Band() (x, mean, sd []float64) { return c.BandScored(ScoreAll) }

// BandScored returns the curve as x = samples, mean and standard deviation of SRCC
// after, scored as sc. Held-out scoring matters more as samples grow: at 200 of 1,999
// cells a tenth of the all-cells figure is cells the model was fitted on.
func (c MethodCurve) BandScored(sc Scoring) (x, mean, sd []float64) {
	for _, p := range c.Points {
		sum := p.Scored(sc)
		x, mean, sd = append(x, float64(p.Samples)), append(mean, sum.MeanAfter), append(sd, sum.StdAfter)
	}
	return x, mean, sd
}

// PairCurves are the adaptation curves of several methods on one device pair.
type PairCurves struct {
	Proxy, Target string
	Before        float64 // SRCC of the unadapted proxy with the target
	Curves        []MethodCurve
}

// AdaptCurves runs AdaptCurve for every pair (A = proxy, B = target; Value is ignored)
// and method over seeds 0..nSeeds-1, X being the table's encoding (Encode).
func AdaptCurves(t *data.LatencyTable, X [][]float64, pairs []stats.PairValue, methods []Method, sizes []int, nSeeds int) ([]PairCurves, error) {
	var out []PairCurves
	for _, hp := range pairs {
		proxy, err := t.Column(hp.A)
		if err != nil {
			return nil, err
		}
		target, err := t.Column(hp.B)
		if err != nil {
			return nil, err
		}
		p := &Pair{X: X, Proxy: proxy, Target: target}
		before, err := stats.SpearmanRho(proxy, target)
		if err != nil {
			return nil, fmt.Errorf("%s -> %s: %w", hp.A, hp.B, err)
		}
		pc := PairCurves{Proxy: hp.A, Target: hp.B, Before: before}
		for _, m := range methods {
			pts, err := AdaptCurve(p, m, sizes, nSeeds)
			if err != nil {
				return nil, fmt.Errorf("%s -> %s, %s: %w", hp.A, hp.B, m, err)
			}
			pc.Curves = append(pc.Curves, MethodCurve{Method: m, Points: pts})
		}
		out = append(out, pc)
	}
	return out, nil
}

// CurvesFrame tabulates curves at the given sample counts, scored on all cells and on
// held-out cells: CurvesFrameScored(pcs, at, ScoreAll, ScoreHeldOut).
func CurvesFrame(pcs []PairCurves, at []int) dataframe.DataFrame {
	return CurvesFrameScored(pcs, at, ScoreAll, ScoreHeldOut)
}

// CurvesFrameScored tabulates curves at the given sample counts: one row per pair and
// method (pair, before = the proxy's SRCC over all cells, method, then for each scoring
// in scs the mean SRCC after at each count, column "n<count>" plus the scoring's Suffix;
// NaN where a curve has no point at that count).
func CurvesFrameScored(pcs []PairCurves, at []int, scs ...Scoring) dataframe.DataFrame {
	if len(scs) == 0 {
		scs = []Scoring{ScoreAll}
	}
	var pair, meth []string
	var before []float64
	vals := make([][]float64, len(scs)*len(at))
	for _, pc := range pcs {
		for _, c := range pc.Curves {
			pair, meth, before = append(pair, pc.Proxy+" → "+pc.Target), append(meth, string(c.Method)), append(before, pc.Before)
			for s, sc := range scs {
				for k, n := range at {
					v := math.NaN()
					for _, p := range c.Points {
						if p.Samples == n {
							v = p.Scored(sc).MeanAfter
						}
					}
					vals[s*len(at)+k] = append(vals[s*len(at)+k], v)
				}
			}
		}
	}
	cols := []series.Series{series.New(pair, series.String, "pair"), series.New(before, series.Float, "before"), series.New(meth, series.String, "method")}
	for s, sc := range scs {
		for k, n := range at {
			cols = append(cols, series.New(vals[s*len(at)+k], series.Float, fmt.Sprintf("n%d", n)+sc.Suffix()))
		}
	}
	return dataframe.New(cols...)
}

// SeedSummariesFrame lists seed summaries under names: name (column key), seeds, before,
// mean_after, sd_after, min_after, max_after.
func SeedSummariesFrame(key string, names []string, sums []SeedSummary) dataframe.DataFrame {
	cols := make([][]float64, 5)
	var n []int
	for _, s := range sums {
		n = append(n, s.N)
		for k, v := range []float64{s.MeanBefore, s.MeanAfter, s.StdAfter, s.MinAfter, s.MaxAfter} {
			cols[k] = append(cols[k], v)
		}
	}
	out := []series.Series{series.New(names, series.String, key), series.New(n, series.Int, "seeds")}
	for k, c := range []string{"before", "mean_after", "sd_after", "min_after", "max_after"} {
		out = append(out, series.New(cols[k], series.Float, c))
	}
	return dataframe.New(out...)
}
