package profile

import (
	"cmp"
	"fmt"
	"slices"
	"strings"

	"github.com/go-gota/gota/dataframe"
	"github.com/go-gota/gota/series"

	"github.com/nasanalysis/nasanalysis/nasanalysis/plots"
)

// where names a position, or all of them.
func where(stage, layer int) string {
	if stage < 0 {
		return "mean over all positions"
	}
	return fmt.Sprintf("at stage %d layer %d", stage, layer)
}

// sampleNote says what a profile's numbers rest on.
func (r *Result) sampleNote() string {
	res := "resolution sampled"
	if r.Res != 0 {
		res = fmt.Sprintf("%d px", r.Res)
	}
	return fmt.Sprintf("%d random %s networks per group (%d block fixes and a baseline, %s, seed %d)", r.N, r.Space, len(r.Fixes), res, r.Seed)
}

// ResponseHeatmap draws the block response of a metric (expand ratio x kernel size),
// pooled over positions (stage < 0) or at one position.
func (r *Result) ResponseHeatmap(name string, stage, layer int) (*plots.Figure, error) {
	k, err := r.Metric(name)
	if err != nil {
		return nil, err
	}
	m := r.Metrics[k]
	rows, cols, values := ResponseGrid(r.Response(k, stage, layer))
	unit := ""
	if m.Unit != "" {
		unit = " (" + m.Unit + ")"
	}
	return plots.Heatmap{
		Title: fmt.Sprintf("%s: %s by block, %s", r.Space, name, where(stage, layer)), Values: values, RowLabels: rows, ColLabels: cols,
		Format: "%.4g", ValueLabel: name + unit,
		Caption: fmt.Sprintf("Mean %s%s of the networks that fix each block; %s; baseline mean %.4g. %s.",
			name, unit, r.sampleNote(), r.Baseline.Stats[k].Mean, m.About),
	}.Figure()
}

// PlacementHeatmap draws, per position (stage x layer), the spread between the best
// and worst block's mean of a metric.
func (r *Result) PlacementHeatmap(name string) (*plots.Figure, error) {
	k, err := r.Metric(name)
	if err != nil {
		return nil, err
	}
	m := r.Metrics[k]
	ps, err := r.Placement(k)
	if err != nil {
		return nil, err
	}
	rows, cols, values := PlacementGrid(ps)
	return plots.Heatmap{
		Title: fmt.Sprintf("%s: how much the block choice at each position moves %s", r.Space, name), Values: values, RowLabels: rows, ColLabels: cols,
		Format: "%.3g", ValueLabel: fmt.Sprintf("max - min block mean (%s)", m.Unit),
		Caption: fmt.Sprintf("Spread between the highest and lowest block mean of %s at each position; %s. 95 %% intervals in the placement table. %s.", name, r.sampleNote(), m.About),
	}.Figure()
}

// PlacementFrame lists every position's spread with its 95 % bootstrap interval and the
// blocks at both ends, most sensitive position first.
func (r *Result) PlacementFrame(name string) (dataframe.DataFrame, error) {
	k, err := r.Metric(name)
	if err != nil {
		return dataframe.DataFrame{}, err
	}
	ps, err := r.Placement(k)
	if err != nil {
		return dataframe.DataFrame{}, err
	}
	sortBySpread(ps)
	var pos, low, high []string
	var spread, lo, hi []float64
	for _, p := range ps {
		pos = append(pos, fmt.Sprintf("s%dl%d", p.Stage, p.Layer))
		spread, lo, hi = append(spread, p.Spread.Estimate), append(lo, p.Spread.Lo), append(hi, p.Spread.Hi)
		low, high = append(low, p.Low.String()), append(high, p.High.String())
	}
	return dataframe.New(series.New(pos, series.String, "position"), series.New(spread, series.Float, name+"_spread"),
		series.New(lo, series.Float, "lo"), series.New(hi, series.Float, "hi"),
		series.New(low, series.String, "lowest"), series.New(high, series.String, "highest")), nil
}

func sortBySpread(ps []Position) {
	slices.SortStableFunc(ps, func(a, b Position) int { return cmp.Compare(b.Spread.Estimate, a.Spread.Estimate) })
}

// FriendlinessFrame lists a scoring, one row per block.
func FriendlinessFrame(scores []BlockScore) dataframe.DataFrame {
	var blocks, dom []string
	var acc, accSE, lat, latSE, fr []float64
	for _, s := range scores {
		blocks = append(blocks, s.Block.String())
		acc, accSE, lat, latSE = append(acc, s.AccShift), append(accSE, s.AccSE), append(lat, s.LatShift), append(latSE, s.LatSE)
		fr = append(fr, s.Friendliness)
		var by []string
		for _, b := range s.DominatedBy {
			by = append(by, b.String())
		}
		dom = append(dom, strings.Join(by, " "))
	}
	return dataframe.New(series.New(blocks, series.String, "block"), series.New(acc, series.Float, "acc_shift_pp"),
		series.New(accSE, series.Float, "acc_se"), series.New(lat, series.Float, "latency_shift_pct"), series.New(latSE, series.Float, "latency_se"),
		series.New(fr, series.Float, "pp_per_pct"), series.New(dom, series.String, "dominated_by"))
}

// ResponseFrame lists each block's mean of every named metric, pooled over positions:
// one row per block, one column per metric.
func (r *Result) ResponseFrame(names ...string) (dataframe.DataFrame, error) {
	blocks, _ := r.blockGroups(-1, 0)
	tokens := make([]string, len(blocks))
	for i, b := range blocks {
		tokens[i] = b.String()
	}
	cols := []series.Series{series.New(tokens, series.String, "block")}
	for _, name := range names {
		k, err := r.Metric(name)
		if err != nil {
			return dataframe.DataFrame{}, err
		}
		var v []float64
		for _, b := range r.Response(k, -1, 0) {
			v = append(v, b.Mean)
		}
		cols = append(cols, series.New(v, series.Float, name))
	}
	return dataframe.New(cols...), nil
}
