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
	"github.com/nasanalysis/nasanalysis/nasanalysis/predictor"
	"github.com/nasanalysis/nasanalysis/nasanalysis/stats"
)

// CISummary describes the device pairs of a correlation matrix with intervals.
type CISummary struct {
	Pairs, AtLeast        int     // pairs, and pairs whose estimate reaches the threshold
	MedianWidth, MaxWidth float64 // of the intervals hi - lo
}

// Summary counts the device pairs (upper triangle) whose estimate is at least threshold
// and gives the median and largest interval width.
func (m Matrix) Summary(threshold float64) CISummary {
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
	s.MedianWidth, s.MaxWidth = stats.Quantile(widths, 0.5), stats.Quantile(widths, 1)
	return s
}

// ProxyScoresFrame lists proxy scores as rows proxy, mean_srcc, worst_srcc,
// worst_target, in the given order.
func ProxyScoresFrame(scores []ProxyScore) dataframe.DataFrame {
	var p, wt []string
	var mean, worst []float64
	for _, s := range scores {
		p, wt = append(p, s.Proxy), append(wt, s.WorstTarget)
		mean, worst = append(mean, s.Mean), append(worst, s.Worst)
	}
	return dataframe.New(series.New(p, series.String, "proxy"), series.New(mean, series.Float, "mean_srcc"),
		series.New(worst, series.Float, "worst_srcc"), series.New(wt, series.String, "worst_target"))
}

// BestWorstCase returns the score with the highest worst-case correlation (the first
// such in order on a tie): the max-min choice of proxy. scores must not be empty.
func BestWorstCase(scores []ProxyScore) ProxyScore {
	best := scores[0]
	for _, s := range scores[1:] {
		if s.Worst > best.Worst {
			best = s
		}
	}
	return best
}

// ReuseSummary condenses a ReuseTable: medians over its ordered pairs, and the median
// hypervolume ratio of the pairs at or above an SRCC threshold and of those below.
type ReuseSummary struct {
	Pairs             int
	Recovered         float64   // median share of the target's front recovered
	HVRatio           float64   // median hypervolume ratio
	Loss              []float64 // median accuracy loss per loss_qNN column, in table order
	LossColumns       []string
	Above, Below      int     // pairs with SRCC >= threshold, and the others
	HVAbove, HVBelow  float64 // median hypervolume ratio of each group
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
	med := func(c string) float64 { return stats.Quantile(df.Col(c).Float(), 0.5) }
	s := ReuseSummary{Pairs: df.Nrow(), Recovered: med("recovered"), HVRatio: med("hv_ratio")}
	for _, c := range df.Names() {
		if strings.HasPrefix(c, "loss_") {
			s.LossColumns, s.Loss = append(s.LossColumns, c), append(s.Loss, med(c))
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
	s.HVAbove, s.HVBelow = stats.Quantile(hi, 0.5), stats.Quantile(lo, 0.5)
	s.SRCCvsHypervolume = stats.SpearmanRho(srcc, hv)
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
}

// WorstReuse finds the ordered pair of t's devices with the lowest hypervolume ratio in
// ReuseTable (median budget) and returns its fronts.
func WorstReuse(t *data.LatencyTable, value []float64) (WorstReuseCase, error) {
	df, err := ReuseTable(t, value, t.Devices, []float64{0.5})
	if err != nil {
		return WorstReuseCase{}, err
	}
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
	w.ProxyFront = pareto.Front(pc, value)
	w.ProxyFrontOnTarget = pareto.FrontOf(w.ProxyFront, w.TargetLatency, value)
	w.TargetFront = pareto.Front(w.TargetLatency, value)
	return w, nil
}

// GridsFrame summarises adaptation grids, one row per grid: method, pairs whose mean
// SRCC after adaptation reaches threshold, all pairs, and the mean SRCC over pairs.
func GridsFrame(grids []Grid, threshold float64) dataframe.DataFrame {
	var m []string
	var reached, total []int
	var mean []float64
	for _, g := range grids {
		r, n := CountAtLeast(g.After, threshold)
		m, reached, total = append(m, string(g.Method)), append(reached, r), append(total, n)
		mean = append(mean, stats.OffDiagonalMean(g.After))
	}
	return dataframe.New(series.New(m, series.String, "method"), series.New(reached, series.Int, fmt.Sprintf("pairs_srcc_ge_%g", threshold)),
		series.New(total, series.Int, "pairs"), series.New(mean, series.Float, "mean_srcc"))
}

// MethodCurve is one method's adaptation quality against the number of target samples.
type MethodCurve struct {
	Method Method
	Points []AdaptPoint
}

// Band returns the curve as x = samples, mean and standard deviation of SRCC after.
func (c MethodCurve) Band() (x, mean, sd []float64) {
	for _, p := range c.Points {
		x, mean, sd = append(x, float64(p.Samples)), append(mean, p.Summary.MeanAfter), append(sd, p.Summary.StdAfter)
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
		pc := PairCurves{Proxy: hp.A, Target: hp.B, Before: stats.SpearmanRho(proxy, target)}
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

// CurvesFrame tabulates curves at the given sample counts: one row per pair and method
// (pair, before, method, then the mean SRCC after at each count, column "n<count>"; NaN
// where a curve has no point at that count).
func CurvesFrame(pcs []PairCurves, at []int) dataframe.DataFrame {
	var pair, meth []string
	var before []float64
	vals := make([][]float64, len(at))
	for _, pc := range pcs {
		for _, c := range pc.Curves {
			pair, meth, before = append(pair, pc.Proxy+" → "+pc.Target), append(meth, string(c.Method)), append(before, pc.Before)
			for k, n := range at {
				v := math.NaN()
				for _, p := range c.Points {
					if p.Samples == n {
						v = p.Summary.MeanAfter
					}
				}
				vals[k] = append(vals[k], v)
			}
		}
	}
	cols := []series.Series{series.New(pair, series.String, "pair"), series.New(before, series.Float, "before"), series.New(meth, series.String, "method")}
	for k, n := range at {
		cols = append(cols, series.New(vals[k], series.Float, fmt.Sprintf("n%d", n)))
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

// CompareMethods runs each method on p for seeds 0..nSeeds-1 (RunSeeds: the same target
// cells for every method) and returns one summary row per method (SeedSummariesFrame).
func CompareMethods(p *Pair, methods []Method, nTrain, nVal, nSeeds int) (dataframe.DataFrame, error) {
	var names []string
	var sums []SeedSummary
	for _, m := range methods {
		rs, err := RunSeeds(p, m.Run, nTrain, nVal, nSeeds)
		if err != nil {
			return dataframe.DataFrame{}, fmt.Errorf("%s: %w", m, err)
		}
		names, sums = append(names, string(m)), append(sums, Summarize(rs))
	}
	return SeedSummariesFrame("method", names, sums), nil
}

// FineTuneComparison compares, on each pair (A = proxy, B = target) with its number of
// seeds, AdaProxy, AdaProxy-CV (5 folds) and a FineTuner pre-trained on the proxy with
// cfg for pretrainSteps, all on the same nTrain + nVal target cells per seed. One row
// per pair: pair, seeds, before, then mean and sd of SRCC after for each method.
func FineTuneComparison(t *data.LatencyTable, X [][]float64, pairs []stats.PairValue, seeds []int, cfg predictor.MLPConfig, pretrainSteps, nTrain, nVal int) (dataframe.DataFrame, error) {
	if len(seeds) != len(pairs) {
		return dataframe.DataFrame{}, fmt.Errorf("%d seed counts for %d pairs", len(seeds), len(pairs))
	}
	var names []string
	var n []int
	cols := make([][]float64, 7)
	for k, hp := range pairs {
		proxy, err := t.Column(hp.A)
		if err != nil {
			return dataframe.DataFrame{}, err
		}
		target, err := t.Column(hp.B)
		if err != nil {
			return dataframe.DataFrame{}, err
		}
		p := &Pair{X: X, Proxy: proxy, Target: target}
		ft, err := NewFineTuner(X, proxy, cfg, pretrainSteps)
		if err != nil {
			return dataframe.DataFrame{}, fmt.Errorf("pre-training on %s: %w", hp.A, err)
		}
		// Seed by seed, every method on that seed's cells (RunSeeds's protocol), the
		// fine-tuner first.
		runs := []Runner{
			ft.Run,
			func(p *Pair, s Split) (Result, error) { return AdaProxy(p, s, DefaultLambdaFracs) },
			func(p *Pair, s Split) (Result, error) { return AdaProxyCV(p, s, DefaultLambdaFracs, 5) },
		}
		results := make([][]Result, len(runs))
		cand := Measured(target)
		for seed := range seeds[k] {
			s, err := SplitForSeed(uint64(seed), cand, nTrain, nVal)
			if err != nil {
				return dataframe.DataFrame{}, fmt.Errorf("%s -> %s: %w", hp.A, hp.B, err)
			}
			for r, run := range runs {
				res, err := run(p, s)
				if err != nil {
					return dataframe.DataFrame{}, fmt.Errorf("%s -> %s, seed %d: %w", hp.A, hp.B, seed, err)
				}
				results[r] = append(results[r], res)
			}
		}
		f, a, c := Summarize(results[0]), Summarize(results[1]), Summarize(results[2])
		names, n = append(names, hp.A+" → "+hp.B), append(n, seeds[k])
		for i, v := range []float64{f.MeanBefore, a.MeanAfter, a.StdAfter, c.MeanAfter, c.StdAfter, f.MeanAfter, f.StdAfter} {
			cols[i] = append(cols[i], v)
		}
	}
	out := []series.Series{series.New(names, series.String, "pair"), series.New(n, series.Int, "seeds")}
	for c, name := range []string{"before", "adaproxy", "adaproxy_sd", "adaproxy_cv", "adaproxy_cv_sd", "finetune", "finetune_sd"} {
		out = append(out, series.New(cols[c], series.Float, name))
	}
	return dataframe.New(out...), nil
}
