package figures

import (
	"math"
	"testing"

	"github.com/nasanalysis/nasanalysis/nasanalysis/arch"
	"github.com/nasanalysis/nasanalysis/nasanalysis/data"
	"github.com/nasanalysis/nasanalysis/nasanalysis/monotonic"
	"github.com/nasanalysis/nasanalysis/nasanalysis/stats"
)

// monotonicTable is a hand-made nb201 table: three devices over four cells, c lacking one.
func monotonicTable() *data.LatencyTable {
	ds, _ := data.Lookup("nb201")
	cells := []string{
		"|nor_conv_3x3~0|+|none~0|skip_connect~1|+|avg_pool_3x3~0|none~1|nor_conv_1x1~2|",
		"|skip_connect~0|+|skip_connect~0|nor_conv_3x3~1|+|skip_connect~0|none~1|nor_conv_3x3~2|",
		"|nor_conv_3x3~0|+|nor_conv_3x3~0|nor_conv_3x3~1|+|nor_conv_3x3~0|nor_conv_3x3~1|nor_conv_3x3~2|",
		"|none~0|+|none~0|none~1|+|none~0|none~1|nor_conv_1x1~2|",
	}
	return &data.LatencyTable{Dataset: ds, IDs: []int{0, 1, 2, 3}, Archs: cells, Devices: []string{"a", "b", "c"},
		Latency: [][]float64{{1, 2, 3, 4}, {2, 1, 4, 3}, {1, 2, math.NaN(), 3}}}
}

func TestMonotonicFigures(t *testing.T) {
	tab := monotonicTable()
	m := monotonic.Matrix{Devices: tab.Devices, Method: stats.Spearman, Level: 0.95, Resamples: 200,
		Value: [][]float64{{1, 0.6, 0.9}, {0.6, 1, 0.4}, {0.9, 0.4, 1}},
		Lo:    [][]float64{{1, 0.5, 0.8}, {0.5, 1, 0.3}, {0.8, 0.3, 1}},
		Hi:    [][]float64{{1, 0.7, 1}, {0.7, 1, 0.5}, {1, 0.5, 1}}}
	a := monotonic.IntervalAgreement{Cells: 4, Threshold: 0.9, Spearman: m, Kendall: m.Value, KendallBelow: 2, Summary: monotonic.CISummary{Pairs: 3}}
	sp, kt, err := MonotonicAgreement(tab, a)
	designWantCaption(t, "SRCC", sp, err, "over the 4 nb201 cells (c: 3 measured, 1 missing and left out)", "95 % percentile-bootstrap intervals (200 resamples)")
	designWantCaption(t, "Kendall", kt, err, "lower on 2 of the 3 pairs here")

	w := monotonic.WorstReuseCase{Proxy: "a", Target: "c", TargetLatency: tab.Latency[2], ProxyFront: []int{0, 1}, ProxyFrontOnTarget: []int{0}, TargetFront: []int{0, 1},
		HVRatio: 0.75, Recovered: 0.5, Measured: 3}
	figs, err := MonotonicWorstReuse(tab, w, []float64{90, 91, 92, 93}, "CIFAR-10 test accuracy")
	if err != nil || len(figs) != 2 {
		t.Fatalf("worst reuse: %d figures, %v", len(figs), err)
	}
	designWantCaption(t, "worst reuse", figs[1], nil, "4 cells (3 measured on both devices)", "keeps 0.750 of the target's hypervolume and recovers 50 % of its front")

	nan := math.NaN()
	grid := func(mth monotonic.Method) monotonic.Grid {
		v := [][]float64{{nan, 0.9, 0.8}, {0.85, nan, 0.7}, {0.95, 0.6, nan}}
		return monotonic.Grid{Devices: tab.Devices, Method: mth, NTrain: 6, NVal: 1, Seeds: 2, After: v, AfterHeldOut: v}
	}
	grids := []monotonic.Grid{grid(monotonic.MethodProxy), grid(monotonic.MethodAdaProxy), grid(monotonic.MethodTargetOnly)}
	facts := monotonic.SummarizeGrids(grids, 0.9)
	hm, err := MonotonicGrids(tab, grids, facts, 0.9)
	if err != nil || len(hm) != 2 {
		t.Fatalf("grids: %d heatmaps (want 2: target-only is the baseline, not drawn), %v", len(hm), err)
	}
	designWantCaption(t, "grid", hm[1], nil, "nb201, 4 cells (c: 3 measured", "with 7 target cells sampled per seed", "2 of 6 pairs reach 0.900", "The 2 heatmaps of this section share one colour scale")

	pt := func(n int, mean float64) monotonic.AdaptPoint {
		s := monotonic.SeedSummary{N: 3, MeanAfter: mean, StdAfter: 0.01}
		return monotonic.AdaptPoint{Samples: n, Summary: s, HeldOut: s}
	}
	pcs := []monotonic.PairCurves{{Proxy: "a", Target: "b", Before: 0.6, Curves: []monotonic.MethodCurve{{Method: monotonic.MethodAdaProxy, Points: []monotonic.AdaptPoint{pt(2, 0.7), pt(3, 0.8)}}}}}
	cs, err := MonotonicCurves(tab, pcs)
	if err != nil || len(cs) != 1 {
		t.Fatalf("curves: %d, %v", len(cs), err)
	}
	designWantCaption(t, "curves", cs[0], nil, "mean SRCC over seeds 0-2")
}

func TestTourFigures(t *testing.T) {
	tab := monotonicTable()
	f, err := TourLatencyBoxes(tab, "cells")
	designWantCaption(t, "boxes", f, err, "nb201/latency.csv: 4 cells per device (c: 3 measured, 1 missing and left out)", "The latencies of a, b, c are whole milliseconds")
	devs := []data.Device{{Name: "a", Hardware: "GPU A"}}
	f, err = TourAccuracyScatter(tab, []float64{90, 91, 92, 93}, "cifar10_acc", devs, "a")
	// Convolutions per cell: 1, 2, 6 and 0 of the 3x3 kind.
	designWantCaption(t, "scatter", f, err, "nb201: 4 cells (cells per class: 0 conv3x3: 1, 1 conv3x3: 1, 2 conv3x3: 1, 3+ conv3x3: 1)", "accuracy from nb201/accuracy.csv")
	f, err = TourAccuracyScatter(tab, []float64{90, 91, 92, 93}, "cifar10_acc", devs, "c")
	designWantCaption(t, "scatter on c", f, err, "4 cells, 3 of them measured on c")
	ag := monotonic.DatasetAgreement{Dataset: "nb201", Architectures: 4, Devices: tab.Devices, SRCC: [][]float64{{1, 0.6, 0.9}, {0.6, 1, 0.4}, {0.9, 0.4, 1}}}
	f, err = TourAgreementHeatmap(tab, ag, "A note.")
	designWantCaption(t, "agreement", f, err, "every pair of the 3 device columns of nb201/latency.csv, over its 4 architectures (c: 3 measured", "A note.")
	ofa := &data.LatencyTable{Dataset: data.Dataset{Name: "ofa", LatencyFile: "ofa/x.csv"}, Archs: []string{"x", "y"}, Parsed: []arch.Arch{arch.MBArch{R: 128}, arch.MBArch{R: 224}},
		Devices: []string{"a", "b"}, Latency: [][]float64{{1, 2}, {2, 1}}}
	f, err = TourAgreementHeatmap(ofa, monotonic.DatasetAgreement{Dataset: "ofa", Architectures: 2, Devices: []string{"a", "b"}, SRCC: [][]float64{{1, -1}, {-1, 1}}}, "")
	designWantCaption(t, "ofa agreement", f, err, "Input resolutions vary from 128 to 224 px")
}
