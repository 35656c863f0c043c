package figures

import (
	"cmp"
	"fmt"
	"slices"
	"strings"

	"github.com/nasanalysis/nasanalysis/nasanalysis/arch"
	"github.com/nasanalysis/nasanalysis/nasanalysis/plots"
	"github.com/nasanalysis/nasanalysis/nasanalysis/profile"
	"github.com/nasanalysis/nasanalysis/nasanalysis/prose"
)

// The figures of the block-profiling study (notebooks 05 and 06).

// profileUnit is " (unit)", or "" without one.
func profileUnit(unit string) string {
	if unit == "" {
		return ""
	}
	return " (" + unit + ")"
}

// profileAbout ends a caption with what a metric is, when it says.
func profileAbout(metric, about string) string {
	if about == "" {
		return ""
	}
	return fmt.Sprintf(" %s: %s.", metric, strings.TrimSuffix(about, "."))
}

// ProfileResponse draws a block response as an expand ratio x kernel size heatmap on a
// sequential colour scale fitted to its values.
func ProfileResponse(resp profile.Response) (*plots.Figure, error) {
	rows, cols, values := resp.Grid()
	xl, yl := "depthwise kernel size (k x k)", "expand ratio (x input)"
	ratio := "hidden channels as a multiple of the block's input channels"
	if resp.Space.Family == arch.OFAResNet50 {
		xl, yl = "kernel (none to choose)", "expand ratio (x output)"
		ratio = "bottleneck channels as a multiple of the block's output channels"
	}
	grey := ""
	if len(resp.Present()) < len(resp.Blocks) {
		grey = " Grey cells: blocks left out of the space profiled."
	}
	u := profileUnit(resp.Unit)
	return plots.Heatmap{
		Title:  fmt.Sprintf("%s: %s by block, pooled over positions", resp.Space.Family, resp.Metric),
		Values: values, RowLabels: rows, ColLabels: cols, Format: "%.4g",
		XLabel: xl, YLabel: yl, ValueLabel: "mean " + resp.Metric + u,
		Caption: fmt.Sprintf("Mean %s%s of the %s networks that fix each block at any of the %d positions: %s; the baseline's mean is %s. Standard error of each block mean at most %s.%s Expand ratio: %s. Colour scale fitted to this figure's values.%s",
			resp.Metric, u, prose.Num(resp.PerBlock()), resp.Positions, resp.Sample, withUnitText(prose.Num(resp.Baseline), resp.Unit),
			withUnitText(prose.Num(resp.MaxSE()), resp.Unit), grey, ratio, profileAbout(resp.Metric, resp.About)),
	}.Figure()
}

// withUnitText appends a unit to a formatted number.
func withUnitText(s, unit string) string {
	if unit == "" {
		return s
	}
	return s + " " + unit
}

// ProfileResponses draws ProfileResponse of each named metric of a profile.
func ProfileResponses(r *profile.Result, metrics ...string) ([]*plots.Figure, error) {
	var out []*plots.Figure
	for _, name := range metrics {
		resp, err := r.Response(name)
		if err != nil {
			return nil, err
		}
		f, err := ProfileResponse(resp)
		if err != nil {
			return nil, err
		}
		out = append(out, f)
	}
	return out, nil
}

// ProfilePlacement draws a metric's placement spread per position (stage x layer) on a
// sequential colour scale fitted to its values.
func ProfilePlacement(pt profile.PlacementTest) (*plots.Figure, error) {
	rows, cols, values := pt.Grid()
	u := profileUnit(pt.Unit)
	return plots.Heatmap{
		Title: fmt.Sprintf("%s: how much the block choice at each position moves %s", pt.Space.Family, pt.Metric), Values: values, RowLabels: rows, ColLabels: cols,
		Format: "%.3g", XLabel: "layer within the stage (0 = first)", YLabel: "stage (0 = first searchable)",
		ValueLabel: "max − min block mean" + u,
		Caption: fmt.Sprintf("Spread between the highest and lowest of the %d block means of %s%s at each position, each mean over %s networks; %s. Noise alone gives a positive spread too: the permutation test under the figure (%s shuffles per position) says where the spread is beyond it. Colour scale fitted to this figure's values.%s",
			len(pt.Blocks), pt.Metric, u, prose.Num(pt.N), pt.Sample, prose.Num(pt.Shuffles()), profileAbout(pt.Metric, pt.About)),
	}.Figure()
}

// ProfileDeepening draws, per metric, the spread at every position under the two
// deepening rules side by side, on one colour scale so that the columns compare.
func ProfileDeepening(c profile.DeepeningComparison) ([]*plots.Figure, error) {
	var out []*plots.Figure
	for _, m := range c.Metrics {
		var rows []string
		var vals [][]float64
		for i, p := range m.Positions {
			rows = append(rows, p.Name())
			vals = append(vals, []float64{m.Included[i], m.Released[i]})
		}
		f, err := plots.Heatmap{Title: "Placement spread of " + m.Metric + " under both deepening rules", Values: vals, RowLabels: rows,
			ColLabels: []string{"included", "released"}, Format: "%.3g", XLabel: "deepening rule", YLabel: "position (stage s, layer l)",
			ValueLabel: m.Metric + " spread" + profileUnit(m.Unit),
			Caption: fmt.Sprintf("Spread between the best and worst block mean at each position, %s networks per fix, %d px, seed %d; included: the stage deepened to include the block; released: BlockProfile's rule. One colour scale, fitted to both columns, so that they compare.",
				prose.Num(c.Sample.N), c.Sample.Res(), c.Sample.Seed)}.Figure()
		if err != nil {
			return nil, err
		}
		out = append(out, f)
	}
	return out, nil
}

// ProfileTruth draws every fix's inferred shift against its block's measured own time;
// source says where the shifts' latencies come from (e.g. the predictor or the measured
// profile file).
func ProfileTruth(tc profile.TruthComparison, source string) (*plots.Figure, error) {
	return plots.Scatter(plots.Axes{Title: "Profiling's inferred block cost against the block's measured time",
		XLabel: "block's own time, measured per node (ms)", YLabel: fmt.Sprintf("profiling shift of %s (ms)", tc.Metric),
		Caption: fmt.Sprintf("%d fixes at %d px: x is the block's own time, the mean over the %s–%s of the %s networks of the per-block file that hold the block there; y is the shift of %s from %s networks per fix (seed %d), %s.",
			len(tc.Shift), tc.Res(), prose.Num(tc.TruthMinN), prose.Num(tc.TruthMaxN), prose.Num(tc.TruthNetworks), tc.Metric, prose.Num(tc.N), tc.Seed, source)},
		plots.Series{Name: "one block fix", X: tc.Measured, Y: tc.Shift})
}

// ProfilePaperRules draws, for each named panel metric of a comparison with the paper's
// figure (profile.ComparePaperRules), every block's mean minus the published one against
// the published one, under BlockProfile's released deepening rule and under this
// project's, with 95 % error bars from the block means' standard errors and the line of
// no offset: which rule reproduces the figure, block by block.
func ProfilePaperRules(p profile.PaperRules, metrics ...string) ([]*plots.Figure, error) {
	var out []*plots.Figure
	for _, name := range metrics {
		rel, ok := p.Offset(name, true)
		inc, _ := p.Offset(name, false)
		if !ok {
			return nil, fmt.Errorf("figures: %s is not a panel of the paper's figure", name)
		}
		order := make([]int, len(rel.PaperBlocks))
		for i := range order {
			order[i] = i
		}
		slices.SortStableFunc(order, func(a, b int) int { return cmp.Compare(rel.PaperBlocks[a], rel.PaperBlocks[b]) })
		series := func(o profile.PaperOffset, label string) plots.Series {
			s := plots.Series{Name: label}
			for _, i := range order {
				s.X, s.Y, s.YErr = append(s.X, o.PaperBlocks[i]), append(s.Y, o.Ours[i]-o.PaperBlocks[i]), append(s.YErr, 1.96*o.SE[i])
			}
			return s
		}
		lo, hi := slices.Min(rel.PaperBlocks), slices.Max(rel.PaperBlocks)
		u := profileUnit(rel.Unit)
		f, err := plots.Lines(plots.Axes{Title: rel.Label + ": block means minus the paper's, under each deepening rule",
			XLabel: "paper's block mean" + u, YLabel: "ours minus paper's" + u,
			Caption: fmt.Sprintf("Each point a block (%s), joined in the order of the paper's means (fig/ofa_bp.png); y is our mean over the networks that fix it at any of the 20 positions (%s) minus the published one, with a 95 %% interval from its standard error (the figure gives none); released: BlockProfile's released deepening rule, the figure's protocol; included: this project's, the fixed block in every network; the line of no offset at 0.",
				name, p.Sample)},
			false, series(rel, "released rule"), series(inc, "this project's rule"), plots.Series{Name: "no offset", X: []float64{lo, hi}, Y: []float64{0, 0}})
		if err != nil {
			return nil, err
		}
		out = append(out, f)
	}
	return out, nil
}
