package figures

import (
	"fmt"
	"strings"

	"github.com/nasanalysis/nasanalysis/nasanalysis/designspace"
	"github.com/nasanalysis/nasanalysis/nasanalysis/plots"
	"github.com/nasanalysis/nasanalysis/nasanalysis/prose"
)

// Figures of notebook 03 (package designspace).

// designResNames labels resolutions "160 px", ...
func designResNames(res []int) []string {
	out := make([]string, len(res))
	for i, r := range res {
		out[i] = fmt.Sprintf("%d px", r)
	}
	return out
}

// DesignSampleCaption says what the random samples are: the caption of their figures
// and tables.
func DesignSampleCaption(s designspace.Samples) string {
	return fmt.Sprintf("%s random architectures per space, seed %d, at their sampled resolutions; analytic counts from each network's layer plan.", prose.Num(s.N), s.Seed)
}

// DesignCostBoxes draws the MACs and the parameters of each space's random networks as
// box plots on log axes.
func DesignCostBoxes(s designspace.Samples) (macs, params *plots.Figure, err error) {
	cap := DesignSampleCaption(s)
	macs, err = plots.BoxPlots(plots.Axes{Title: "MACs of random architectures", YLabel: "MACs (millions, log scale)", LogY: true, KeepOrder: true, Caption: cap},
		plots.Distributions(s.Spaces, s.MACs)...)
	if err != nil {
		return nil, nil, err
	}
	params, err = plots.BoxPlots(plots.Axes{Title: "Parameters of random architectures", YLabel: "parameters (millions, log scale)", LogY: true, KeepOrder: true, Caption: cap},
		plots.Distributions(s.Spaces, s.Params)...)
	return macs, params, err
}

// DesignNote10ByResolution draws the Note10 latency of the same priced networks at
// each resolution.
func DesignNote10ByResolution(s designspace.Samples) (*plots.Figure, error) {
	return plots.BoxPlots(plots.Axes{Title: fmt.Sprintf("Note10 latency of the same %d MobileNetV3 networks at each resolution", s.Priced), YLabel: "Note10 latency (ms)",
		Caption: fmt.Sprintf("Sum of per-operator means from OFA's Note10 lookup tables (ofa/note10/*.yaml); the first %d of the random ofa-mbv3 networks above (seed %d), each priced at all %d resolutions.", s.Priced, s.Seed, len(s.PricedRes))},
		plots.Distributions(designResNames(s.PricedRes), s.Note10)...)
}

// designAccuracyCaption says what the random ofa-mbv3 networks of Accuracy are.
func designAccuracyCaption(a designspace.Accuracy) string {
	return fmt.Sprintf("%s random ofa-mbv3 (w%.1f) networks, seed %d; accuracy from OFA's acc_predictor.pth evaluated in GoMLX.", prose.Num(a.N), a.Width, a.Seed)
}

// DesignTop1VsNote10 draws predicted top-1 against Note10 latency, one colour per
// resolution.
func DesignTop1VsNote10(a designspace.Accuracy) (*plots.Figure, error) {
	return plots.Scatter(plots.Axes{Title: "Predicted top-1 vs Note10 latency", XLabel: "Note10 latency (ms)", YLabel: "predicted ImageNet top-1 (%)", LegendBottom: true, Caption: designAccuracyCaption(a)},
		plots.GroupBy(a.Note10, a.Top1, a.ResIndex, designResNames(a.Resolutions))...)
}

// DesignTop1VsMACs draws predicted top-1 against MACs.
func DesignTop1VsMACs(a designspace.Accuracy) (*plots.Figure, error) {
	return plots.Scatter(plots.Axes{Title: "Predicted top-1 vs MACs", XLabel: "MACs (millions)", YLabel: "predicted ImageNet top-1 (%)", LegendBottom: true, Caption: designAccuracyCaption(a)},
		plots.Series{Name: "random ofa-mbv3", X: a.MACs, Y: a.Top1})
}

// DesignResNetTop1 draws the random ResNet50 networks' predicted top-1 against MACs.
func DesignResNetTop1(a designspace.Accuracy) (*plots.Figure, error) {
	return plots.Scatter(plots.Axes{Title: "OFA-ResNet50: predicted top-1 vs MACs", XLabel: "MACs (millions)", YLabel: "predicted ImageNet top-1 (%)", LegendBottom: true,
		Caption: fmt.Sprintf("%s random ofa-resnet50 networks, seed %d; OFA's ofa_resnet50_acc_predictor.pth in GoMLX.", prose.Num(a.N), a.Seed)},
		plots.Series{Name: "random ofa-resnet50", X: a.ResNetMACs, Y: a.ResNetTop1})
}

// DesignTop1VsMeasured draws predicted top-1 against latency measured on this machine,
// one colour per resolution.
func DesignTop1VsMeasured(m designspace.Measured) (*plots.Figure, error) {
	return plots.Scatter(plots.Axes{Title: "Predicted top-1 vs latency measured on this machine", XLabel: "measured latency (ms, ONNX Runtime, 1 thread, batch 1)", YLabel: "predicted ImageNet top-1 (%)", LegendBottom: true,
		Caption: fmt.Sprintf("%s random ofa-mbv3 networks of datasets/%s at their sampled resolutions, each the median of %s timed runs (%s rows flagged disturbed).",
			prose.Num(m.N), m.File, prose.Interval(m.Repeats[0], m.Repeats[1]), prose.Num(m.Disturbed))},
		plots.GroupBy(m.Cols[0], m.Cols[len(m.Cols)-1], m.ResIndex, designResNames(m.Resolutions))...)
}

// DesignMeasuredHeatmap draws the SRCC matrix of measured latency, the Note10 table,
// MACs, parameters and predicted top-1.
func DesignMeasuredHeatmap(m designspace.Measured) (*plots.Figure, error) {
	return plots.CorrelationHeatmap("SRCC over the measured MobileNetV3 networks", plots.Correlations{Names: m.Names, Method: "SRCC", Value: m.Matrix},
		fmt.Sprintf("%s networks of datasets/%s (ONNX Runtime, 1 thread; %d–%d px). Colour scale fitted to the values shown.", prose.Num(m.N), m.File, m.Resolutions[0], m.Resolutions[len(m.Resolutions)-1])).Figure()
}

// designHELPCaption says what HELP's networks are.
func designHELPCaption(h designspace.HELP) string {
	return fmt.Sprintf("%s networks of ofa/gpu_latency.csv at %d–%d px (step 16); latency measured by HELP's authors; accuracy from OFA's predictor.", prose.Num(h.N), h.Resolutions[0], h.Resolutions[len(h.Resolutions)-1])
}

// DesignHELPTop1 draws predicted top-1 against one GPU configuration's latency.
func DesignHELPTop1(h designspace.HELP, dev string) (*plots.Figure, error) {
	d := -1
	for i, name := range h.Devices {
		if name == dev {
			d = i
		}
	}
	if d < 0 {
		return nil, fmt.Errorf("HELP's table has no configuration %q (known: %v)", dev, h.Devices)
	}
	return plots.Scatter(plots.Axes{Title: "Predicted top-1 vs recorded GPU latency, " + dev, XLabel: dev + " latency (ms)", YLabel: "predicted ImageNet top-1 (%)", LegendBottom: true,
		Caption: designHELPCaption(h)}, plots.Series{Name: dev, X: h.GPU[d], Y: h.Top1})
}

// DesignHELPHeatmap draws the SRCC matrix of the Note10 table, MACs and every GPU
// configuration over HELP's networks.
func DesignHELPHeatmap(h designspace.HELP) (*plots.Figure, error) {
	return plots.CorrelationHeatmap(fmt.Sprintf("SRCC: Note10 table, MACs and %d GPU configurations", len(h.Devices)), plots.Correlations{Names: h.Names, Method: "SRCC", Value: h.Matrix},
		fmt.Sprintf("%s of the networks of ofa/gpu_latency.csv whose resolution is one of the Note10 tables' (%d–%d px, step 16). Colour scale fitted to the values shown.", prose.Num(h.N), h.Resolutions[0], h.Resolutions[len(h.Resolutions)-1])).Figure()
}

// DesignTwoEngines draws each network's ONNX Runtime latency against its GoMLX latency.
func DesignTwoEngines(t designspace.TwoEngines) (*plots.Figure, error) {
	return plots.Scatter(plots.Axes{Title: "The same networks on two engines", XLabel: "GoMLX pure-Go backend (ms, log scale)", YLabel: "ONNX Runtime (ms, log scale)", LogX: true, LogY: true,
		Caption: fmt.Sprintf("%d ofa-mbv3 networks at 160 px, each timed by both engines on this machine (%d ONNX Runtime rows flagged disturbed).", t.N, t.Disturbed)},
		plots.Series{X: t.GoMLX, Y: t.ORT})
}

// DesignDrift draws measured latency against MACs for each per-space file.
func DesignDrift(d designspace.Drift) (*plots.Figure, error) {
	var series []plots.Series
	var files []string
	for _, s := range d.Spaces {
		series = append(series, plots.Series{Name: fmt.Sprintf("%s (%d)", s.Space, s.N), X: s.MACs, Y: s.MS})
		files = append(files, s.File)
	}
	return plots.Scatter(plots.Axes{Title: "Latency on this machine against MACs, three spaces", XLabel: "MACs (millions, log scale)", YLabel: "measured latency (ms, log scale)", LogX: true, LogY: true, LegendBottom: true,
		Caption: fmt.Sprintf("ONNX Runtime, 1 thread, batch 1; random networks of each space at their sampled resolutions (datasets/%s; network counts in the legend).", strings.Join(files, ", "))}, series...)
}

// DesignBlocks draws each block position's time over the networks that have it.
func DesignBlocks(b designspace.Blocks) (*plots.Figure, error) {
	n := len(b.Coverage)
	return plots.BoxPlots(plots.Axes{Title: fmt.Sprintf("Time per block position, %d networks at 160 px", n), YLabel: "block time (ms, median of 20 profiled runs)", KeepOrder: true,
		Caption: fmt.Sprintf("%d networks of datasets/%s; each box over the networks that have that block (stem, first and head: all of them).", n, b.File)},
		plots.Distributions(b.Names, b.MS)...)
}
