package plots_test

import (
	"bytes"
	"fmt"
	"image"
	_ "image/png"

	"github.com/nasanalysis/nasanalysis/nasanalysis/plots"
)

func ExampleHeatmap() {
	h := plots.Heatmap{
		Title:     "SRCC of latencies",
		Values:    [][]float64{{1, 0.69}, {0.69, 1}},
		RowLabels: []string{"true_vpu", "eagle_gtx"},
		ColLabels: []string{"true_vpu", "eagle_gtx"},
		Caption:   "NAS-Bench-201, 1,999 cells",
	}
	fig, err := h.Figure()
	if err != nil {
		fmt.Println(err)
		return
	}
	svg, _ := fig.Bytes("svg")
	fmt.Println(len(svg) > 0, fig.Caption)
	// Output: true NAS-Bench-201, 1,999 cells
}

// Points grouped by their number of 3x3 convolutions, the last group collecting "2 or
// more": counts 0, 1, 2, 3 and 1 send the points to groups 0, 1, 2, 2 and 1.
func ExampleGroupBy() {
	latency := []float64{1.0, 1.5, 2.0, 2.5, 1.4}
	accuracy := []float64{70, 80, 88, 91, 82}
	convs := []int{0, 1, 2, 3, 1}
	for _, s := range plots.GroupBy(latency, accuracy, convs, []string{"0", "1", "2+"}) {
		fmt.Println(s.Name, s.X, s.Y)
	}
	fig, err := plots.Scatter(plots.Axes{Title: "accuracy vs latency", Caption: "5 cells"}, plots.GroupBy(latency, accuracy, convs, []string{"0", "1", "2+"})...)
	fmt.Println(fig.Caption, err)
	// Output:
	// 0 [1] [70]
	// 1 [1.5 1.4] [80 82]
	// 2+ [2 2.5] [88 91]
	// 5 cells <nil>
}

// A log axis over 200-1000 gets labels at 200, 300, 500 and 1000, not the single "1000"
// of gonum's LogTicks; a range too narrow for any 1-9 multiple is labelled like a linear
// axis.
func ExampleLogTicker() {
	for _, r := range [][2]float64{{200, 1000}, {0.6, 90}, {850, 990}} {
		var labels []string
		for _, t := range (plots.LogTicker{}).Ticks(r[0], r[1]) {
			if t.Label != "" {
				labels = append(labels, t.Label)
			}
		}
		fmt.Println(r, labels)
	}
	// Output:
	// [200 1000] [200 300 500 1000]
	// [0.6 90] [1 2 5 10 20 50]
	// [850 990] [850 900 950]
}

// Labels carry the decimals of the step and no float noise.
func ExampleLinearTicker() {
	var labels []string
	for _, t := range (plots.LinearTicker{}).Ticks(0.1, 0.1+0.2+0.1) {
		if t.Label != "" {
			labels = append(labels, t.Label)
		}
	}
	fmt.Println(labels)
	// Output: [0.1 0.2 0.3 0.4]
}

func ExampleNaturalSort() {
	configs := []string{"1080ti_256", "1080ti_1", "1080ti_32"}
	plots.NaturalSort(configs)
	fmt.Println(configs)
	// Output: [1080ti_1 1080ti_32 1080ti_256]
}

// Devices grouped by kind keep their grouping; only names that differ in their numbers
// trade places.
func ExampleNaturalOrder() {
	devices := []string{"eagle_gtx", "1080ti_256", "1080ti_32", "true_vpu", "1080ti_1"}
	for _, i := range plots.NaturalOrder(devices) {
		fmt.Print(devices[i], " ")
	}
	fmt.Println()
	// Output: eagle_gtx 1080ti_1 1080ti_32 true_vpu 1080ti_256
}

// A learning curve with its 95 % interval shaded, instead of an error bar at each
// budget.
func ExampleBand() {
	n := []float64{25, 50, 100, 200, 400, 800}
	tau := []float64{0.30, 0.40, 0.50, 0.55, 0.60, 0.62}
	lo := []float64{0.25, 0.36, 0.47, 0.53, 0.58, 0.61}
	hi := []float64{0.35, 0.44, 0.53, 0.57, 0.62, 0.63}
	fig, err := plots.Lines(plots.Axes{Title: "GCN learning curve", XLabel: "labelled architectures N (log scale)",
		YLabel: "Kendall tau on the other architectures", LogX: true, Caption: "5 seeds; mean and 95 % t-interval"},
		false, plots.Band("GCN", n, tau, lo, hi))
	fmt.Println(fig.Caption, err)
	// Output: 5 seeds; mean and 95 % t-interval <nil>
}

// MeanBand shades mean ± sd: the 150-point search curves of notebook 04 read as two
// bands, where ±sd error bars at every point made a fence.
func ExampleMeanBand() {
	var x, mean, sd []float64
	for q := 1; q <= 150; q++ {
		x = append(x, float64(q))
		mean = append(mean, 90+3*float64(q)/150)
		sd = append(sd, 0.5)
	}
	s := plots.MeanBand("guided (MLP)", x, mean, sd)
	fmt.Println(s.Lo[0], s.Y[0], s.Hi[0])
	_, err := plots.Lines(plots.Axes{XLabel: "cells queried", YLabel: "best test accuracy so far (%)"}, false, s)
	fmt.Println(err)
	// Output:
	// 89.52 90.02 90.52
	// <nil>
}

// Heatmaps meant to be compared get one colour scale, still fitted to their data.
func ExampleSharedRange() {
	before := [][]float64{{1, 0.88}, {0.91, 1}}
	after := [][]float64{{1, 0.95}, {0.97, 1}}
	lo, hi := plots.SharedRange(before, after)
	fmt.Println(lo, hi)
	for _, m := range [][][]float64{before, after} {
		_, err := plots.Heatmap{Values: m, RowLabels: []string{"a", "b"}, ColLabels: []string{"a", "b"},
			Min: lo, Max: hi, ValueLabel: "SRCC"}.Figure()
		fmt.Println(err)
	}
	// Output:
	// 0.88 1
	// <nil>
	// <nil>
}

// A device x device SRCC matrix with its 95 % bootstrap intervals, as a study's
// correlation matrix holds them (monotonic.CorrelationCI): each cell prints the
// estimate over its interval, the diagonal its 1 alone, and the caption says so. The
// colour scale is sequential, fitted to the values and rounded out to the colour bar's
// minor ticks (0.69 to 0.68, see SharedRange).
func ExampleCorrelationHeatmap() {
	c := plots.Correlations{
		Names:  []string{"eagle_gtx", "true_vpu", "1080ti_1"},
		Method: "SRCC",
		Value:  [][]float64{{1, 0.69, 0.95}, {0.69, 1, 0.71}, {0.95, 0.71, 1}},
		Lo:     [][]float64{{1, 0.67, 0.94}, {0.67, 1, 0.69}, {0.94, 0.69, 1}},
		Hi:     [][]float64{{1, 0.71, 0.96}, {0.71, 1, 0.73}, {0.96, 0.73, 1}},
		Level:  0.95,
	}
	h := plots.CorrelationHeatmap("nb201: SRCC of latencies", c, "Spearman's rho over 15,625 cells.")
	fig, err := h.Figure()
	if err != nil {
		fmt.Println(err)
		return
	}
	cm, scale := h.Colors()
	fmt.Println(scale, cm.Min(), cm.Max())
	fmt.Println(fig.Caption)
	// Output:
	// Sequential 0.68 1
	// Spearman's rho over 15,625 cells. Each cell gives the estimate over its 95 % interval.
}

// Latency shifts are signed: with Signed set, values of both signs get a diverging
// scale centred on 0, as far below as above (here -0.4 to 0.4 for shifts from -0.1 to
// 0.4 ms), so that grey means no shift. Values of one sign keep a sequential scale.
func ExampleColorScale() {
	shift := plots.Heatmap{
		Values:     [][]float64{{-0.1, 0.05}, {0.4, 0.2}},
		RowLabels:  []string{"k3e4", "k5e6"},
		ColLabels:  []string{"note10", "gpu"},
		ValueLabel: "latency shift (ms)",
		Signed:     true,
	}
	cm, scale := shift.Colors()
	fmt.Println(scale, cm.Min(), cm.Max())
	shift.Values = [][]float64{{0.1, 0.05}, {0.4, 0.2}}
	_, scale = shift.Colors()
	fmt.Println(scale)
	// Output:
	// Diverging -0.4 0.4
	// Sequential
}

// A figure keeps its size in centimetres; the resolution sets the PNG's pixels: a
// 17 x 11 cm figure is 1004 x 650 pixels at the default 150 dpi and 2008 x 1299 at
// 300 dpi. Save(path, dpi) writes the same PNG, or an SVG for a .svg path.
func ExampleFigure_PNG() {
	fig, err := plots.Scatter(plots.Axes{XLabel: "latency (ms)", YLabel: "accuracy (%)"},
		plots.Series{Name: "cells", X: []float64{1, 2}, Y: []float64{70, 80}})
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, dpi := range []int{0, 300} {
		b, err := fig.PNG(dpi)
		if err != nil {
			fmt.Println(err)
			return
		}
		cfg, _, err := image.DecodeConfig(bytes.NewReader(b))
		fmt.Println(dpi, cfg.Width, cfg.Height, err)
	}
	// Output:
	// 0 1004 650 <nil>
	// 300 2008 1299 <nil>
}
