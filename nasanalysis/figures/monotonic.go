package figures

import (
	"fmt"
	"math"

	"github.com/nasanalysis/nasanalysis/nasanalysis/data"
	"github.com/nasanalysis/nasanalysis/nasanalysis/monotonic"
	"github.com/nasanalysis/nasanalysis/nasanalysis/plots"
	"github.com/nasanalysis/nasanalysis/nasanalysis/prose"
)

// The monotonicity study's figures (notebook 02).

// MonotonicAgreement draws section 1: the Spearman matrix of t's devices with its
// bootstrap intervals (printed under each value when they fit), and Kendall's tau-b.
func MonotonicAgreement(t *data.LatencyTable, a monotonic.IntervalAgreement) (srcc, kendall *plots.Figure, err error) {
	m := a.Spearman
	h := plots.CorrelationHeatmap(fmt.Sprintf("%s: SRCC of latencies (%s cells)", t.Dataset.Name, prose.Num(a.Cells)),
		plots.Correlations{Names: m.Devices, Method: "SRCC", Value: m.Value, Lo: m.Lo, Hi: m.Hi, Level: m.Level},
		fmt.Sprintf("Spearman's rho per device pair over the %s %s cells%s, with %s %% percentile-bootstrap intervals (%s resamples); colour scale fitted to the values shown.",
			prose.Num(a.Cells), t.Dataset.Name, t.MeasuredNote(), prose.Num(100*m.Level), prose.Num(m.Resamples)))
	h.XLabel, h.YLabel = "device", "device"
	if srcc, err = h.Figure(); err != nil {
		return nil, nil, err
	}
	k := plots.CorrelationHeatmap(fmt.Sprintf("%s: Kendall tau-b of latencies", t.Dataset.Name),
		plots.Correlations{Names: m.Devices, Method: "tau-b", Value: a.Kendall},
		fmt.Sprintf("Kendall's tau-b per device pair over the same %s cells; colour scale fitted to the values shown. Tau counts concordant pairs of cells, so it runs lower than rho for the same agreement: lower on %s of the %s pairs here.",
			prose.Num(a.Cells), prose.Num(a.KendallBelow), prose.Num(a.Summary.Pairs)))
	k.XLabel, k.YLabel = "device", "device"
	kendall, err = k.Figure()
	return srcc, kendall, err
}

// MonotonicWorstReuse draws section 4's worst pair on the target's latency axis: every
// cell, then the target's own front and the part of the proxy's front that stays
// Pareto-optimal on it. value is the accuracy of t's rows, label names it.
func MonotonicWorstReuse(t *data.LatencyTable, w monotonic.WorstReuseCase, value []float64, label string) ([]*plots.Figure, error) {
	all := plots.Series{Name: fmt.Sprintf("all %s cells", prose.Num(t.Len())), X: w.TargetLatency, Y: value}
	ft := plots.Subset(fmt.Sprintf("%s's own front (%d cells)", w.Target, len(w.TargetFront)), w.TargetLatency, value, w.TargetFront)
	pf := plots.Subset(fmt.Sprintf("%s's front, judged on %s (%d of its %d cells)", w.Proxy, w.Target, len(w.ProxyFrontOnTarget), len(w.ProxyFront)), w.TargetLatency, value, w.ProxyFrontOnTarget)
	title := fmt.Sprintf("Worst Pareto reuse: proxy %s -> target %s", w.Proxy, w.Target)
	measured := ""
	if n := w.Measured; n != t.Len() {
		measured = fmt.Sprintf(" (%s measured on both devices)", prose.Num(n))
	}
	about := fmt.Sprintf("%s, %s cells%s; %s; latency measured on %s. Reusing %s's Pareto set keeps %s of the target's hypervolume and recovers %s %% of its front.",
		t.Dataset.Name, prose.Num(t.Len()), measured, label, w.Target, w.Proxy, prose.Num(w.HVRatio), prose.Num(100*w.Recovered))
	yLabel := label + " (%)"
	scatter, err := plots.Scatter(plots.Axes{Title: title + ": all cells", XLabel: w.Target + " latency (ms)", YLabel: yLabel, Caption: "Every cell on the target's latency axis. " + about}, all)
	if err != nil {
		return nil, err
	}
	fronts, err := plots.Lines(plots.Axes{Title: title + ": the two fronts", XLabel: w.Target + " latency (ms)", YLabel: yLabel,
		Caption: "The target's own accuracy–latency front and the part of the proxy's front that stays Pareto-optimal on the target, as steps. " + about}, true, ft, pf)
	if err != nil {
		return nil, err
	}
	return []*plots.Figure{scatter, fronts}, nil
}

// MonotonicGrids draws section 5: one heatmap per grid but target-only (rows proxy,
// columns target), held-out SRCC after adaptation, all on one colour scale so that they
// compare; facts (monotonic.SummarizeGrids) give the counts in the captions.
func MonotonicGrids(t *data.LatencyTable, grids []monotonic.Grid, facts []monotonic.GridFacts, threshold float64) ([]*plots.Figure, error) {
	var shown []monotonic.Grid
	var ms [][][]float64
	for _, g := range grids {
		if g.Method != monotonic.MethodTargetOnly {
			shown, ms = append(shown, g), append(ms, g.AfterHeldOut)
		}
	}
	lo, hi := plots.SharedRange(ms...)
	var out []*plots.Figure
	for _, g := range shown {
		f := monotonic.FactsOf(facts, g.Method)
		what := fmt.Sprintf("SRCC of the adapted prediction with the target over the held-out cells (measured cells the seed did not sample), mean over seeds 0-%d with %d target cells sampled per seed (%s)",
			g.Seeds-1, g.NTrain+g.NVal, g.Method.Describe(g.NTrain, g.NVal))
		title := fmt.Sprintf("SRCC after %s, held-out cells (mean of %d seeds)", g.Method, g.Seeds)
		if g.Method == monotonic.MethodProxy {
			what = fmt.Sprintf("SRCC of the unadapted proxy with the target over the same held-out cells as the other methods, mean over seeds 0-%d", g.Seeds-1)
			title = fmt.Sprintf("SRCC of the unadapted proxy, held-out cells (mean of %d seeds)", g.Seeds)
		}
		h := plots.CorrelationHeatmap(title, plots.Correlations{Names: g.Devices, Method: "SRCC (held-out cells)", Value: g.AfterHeldOut},
			fmt.Sprintf("%s, %s cells%s; rows = proxy, columns = target; %s. %s of %s pairs reach %s (scored on all cells, OneProxy's figure: %s). The %d heatmaps of this section share one colour scale, fitted to all of them (%s to %s), so that they compare.",
				t.Dataset.Name, prose.Num(t.Len()), t.MeasuredNote(), what, prose.Num(f.Reached), prose.Num(f.Pairs), prose.Num(threshold), prose.Num(f.ReachedAll), len(shown), prose.Num(lo), prose.Num(hi)))
		h.Min, h.Max, h.XLabel, h.YLabel = lo, hi, "target", "proxy"
		fig, err := h.Figure()
		if err != nil {
			return nil, err
		}
		out = append(out, fig)
	}
	return out, nil
}

// MonotonicCurves draws section 6: per pair, each method's mean held-out SRCC against
// the number of target cells, with a ± 1 sd band over seeds, and the unadapted proxy.
func MonotonicCurves(t *data.LatencyTable, pcs []monotonic.PairCurves) ([]*plots.Figure, error) {
	var out []*plots.Figure
	for _, pc := range pcs {
		var lines []plots.Series
		var xs []float64
		seeds := 0
		for _, c := range pc.Curves {
			x, mean, sd := c.BandScored(monotonic.ScoreHeldOut)
			lines, xs = append(lines, plots.MeanBand(string(c.Method), x, mean, sd)), x
			if len(c.Points) > 0 {
				seeds = c.Points[0].HeldOut.N
			}
		}
		if len(xs) == 0 {
			return nil, fmt.Errorf("%s -> %s: no curve", pc.Proxy, pc.Target)
		}
		ends := []float64{xs[0], xs[len(xs)-1]}
		lines = append(lines, plots.Series{Name: fmt.Sprintf("proxy unadapted (%s)", prose.Num(pc.Before)), X: ends, Y: []float64{pc.Before, pc.Before}})
		fig, err := plots.Lines(plots.Axes{
			Title: fmt.Sprintf("proxy %s -> target %s", pc.Proxy, pc.Target), XLabel: "target cells measured (log scale)", YLabel: "SRCC with the target (held-out cells)",
			LogX: true, LegendBottom: true,
			Caption: fmt.Sprintf("%s, %s cells%s. Lines: mean SRCC over seeds 0-%d on the measured cells each seed did not sample; bands: ± 1 sd over those seeds; the same target cells for every method at each seed and size. The flat line is the unadapted proxy's SRCC over all cells.",
				t.Dataset.Name, prose.Num(t.Len()), t.MeasuredNote(), seeds-1),
		}, false, lines...)
		if err != nil {
			return nil, err
		}
		out = append(out, fig)
	}
	return out, nil
}

// MonotonicPublished draws the comparison of a dataset's SRCC matrix with a published
// one (monotonic.ComparePublished): ours minus published for every device pair, in the
// publication's order, on a diverging colour scale centred on 0 (red: higher here).
func MonotonicPublished(c monotonic.PublishedComparison) (*plots.Figure, error) {
	h, err := monotonicPublishedHeatmap(c)
	if err != nil {
		return nil, err
	}
	return h.Figure()
}

// monotonicPublishedHeatmap is MonotonicPublished's heatmap, before layout.
func monotonicPublishedHeatmap(c monotonic.PublishedComparison) (plots.Heatmap, error) {
	if len(c.Pairs) == 0 || len(c.PerDevice) == 0 {
		return plots.Heatmap{}, fmt.Errorf("comparison with %s: no device pairs to draw", c.Source)
	}
	n := len(c.Devices)
	diff := make([][]float64, n)
	for i := range diff {
		diff[i] = make([]float64, n)
		for j := range diff[i] {
			diff[i][j] = c.Ours[i][j] - c.Published[i][j]
		}
		diff[i][i] = math.NaN() // 1 - 1: no information
	}
	deletion := "no missing latencies"
	var failed []string
	for _, fc := range c.Failed {
		failed = append(failed, fmt.Sprintf("%s's %s failed runs", fc.Device, prose.Num(fc.Failed)))
	}
	if len(failed) > 0 {
		deletion = "pairwise deletion: " + prose.JoinAnd(failed) + " left out"
	}
	lo, hi := c.PerDevice[0], c.PerDevice[0]
	for _, d := range c.PerDevice {
		if d.MeanAbs < lo.MeanAbs {
			lo = d
		}
		if d.MeanAbs > hi.MeanAbs {
			hi = d
		}
	}
	top := c.Pairs[0]
	h := plots.Heatmap{
		Title:  fmt.Sprintf("%s: our SRCC minus OneProxy's published values", c.Dataset),
		Values: diff, RowLabels: c.Devices, ColLabels: c.Devices, KeepOrder: true,
		Scale: plots.Diverging, Signed: true, Format: "%.3f",
		XLabel: "device", YLabel: "device", ValueLabel: "SRCC here − published",
		Caption: fmt.Sprintf("Spearman's rho over the %s %s cells (%s) minus the value OneProxy's heatmap prints (two decimals, transcribed in %s), for the %d devices it shows, in its order; %s pairs, diagonal left blank. Diverging colour scale centred on 0: red, higher here; blue, lower. Largest difference %s (%s / %s); mean absolute difference per device from %s (%s) to %s (%s).",
			prose.Num(c.Cells), c.Dataset, deletion, c.Source, n, prose.Num(len(c.Pairs)), prose.Num(top.Diff), top.A, top.B,
			prose.Num(lo.MeanAbs), lo.Device, prose.Num(hi.MeanAbs), hi.Device),
	}
	return h, nil
}
