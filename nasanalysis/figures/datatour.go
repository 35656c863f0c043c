package figures

import (
	"fmt"
	"strings"

	"github.com/nasanalysis/nasanalysis/nasanalysis/arch"
	"github.com/nasanalysis/nasanalysis/nasanalysis/data"
	"github.com/nasanalysis/nasanalysis/nasanalysis/monotonic"
	"github.com/nasanalysis/nasanalysis/nasanalysis/plots"
	"github.com/nasanalysis/nasanalysis/nasanalysis/prose"
)

// The data tour's figures (notebook 01): latency distributions per device, accuracy
// against latency, and each dataset's device x device rank agreement.

// TourLatencyBoxes draws each device's latency distribution over t's architectures on
// a log scale, devices in t's order; unit names the architectures ("cells").
func TourLatencyBoxes(t *data.LatencyTable, unit string) (*plots.Figure, error) {
	per := "device"
	if t.Dataset.Name != "nb201" {
		per = "configuration"
	}
	return plots.BoxPlots(plots.Axes{
		Title:  fmt.Sprintf("%s: latency of %s %s per %s", t.Dataset.Name, prose.Num(t.Len()), unit, per),
		XLabel: per + " (grouped by kind)", YLabel: "latency (ms, log scale)", LogY: true,
		Caption: fmt.Sprintf("%s: %s %s per %s%s. Boxes: quartiles; whiskers: 1.5 IQR; points: outliers.%s",
			t.Dataset.LatencyFile, prose.Num(t.Len()), unit, per, t.MeasuredNote(), data.WholeMillisecondsNote(data.WholeMilliseconds(t))),
	}, plots.Distributions(t.Devices, t.Latency)...)
}

// tourConvClasses are the scatter's point classes: cells by how many of their six edges
// carry a 3x3 convolution, the most expensive operation.
var tourConvClasses = []string{"0 conv3x3", "1 conv3x3", "2 conv3x3", "3+ conv3x3"}

// TourAccuracyScatter draws the accuracy (accuracy column, aligned with lat's rows by
// data.AccuracyFor) of lat's NB201 cells against their latency on device, points
// coloured by their number of 3x3 convolutions; devs (data.LoadDevices) names the
// device's hardware.
func TourAccuracyScatter(lat *data.LatencyTable, accuracy []float64, column string, devs []data.Device, device string) (*plots.Figure, error) {
	convs, err := arch.CountOp(lat.Archs, arch.OpConv3x3)
	if err != nil {
		return nil, err
	}
	col, err := lat.Column(device)
	if err != nil {
		return nil, err
	}
	count := make([]int, len(tourConvClasses))
	for _, c := range convs {
		count[min(c, len(count)-1)]++
	}
	var drawn, empty []string
	for g, n := range count {
		if n > 0 {
			drawn = append(drawn, fmt.Sprintf("%s: %s", tourConvClasses[g], prose.Num(n)))
		} else {
			empty = append(empty, tourConvClasses[g])
		}
	}
	classes := "cells per class: " + strings.Join(drawn, ", ")
	if len(empty) > 0 {
		classes += "; no cell has " + strings.Join(empty, " or ") + ", so the legend leaves it out"
	}
	hw := ""
	for _, d := range devs {
		if d.Name == device {
			hw = " (" + d.Hardware + ")"
		}
	}
	label := data.AccuracyLabel(column)
	measured := ""
	if n := lat.Missing()[indexOf(lat.Devices, device)]; n > 0 {
		measured = fmt.Sprintf(", %s of them measured on %s", prose.Num(lat.Len()-n), device)
	}
	return plots.Scatter(plots.Axes{
		Title: fmt.Sprintf("%s accuracy vs latency on %s%s", label, device, hw), XLabel: device + " latency (ms)", YLabel: label + " test accuracy (%)",
		Caption: fmt.Sprintf("%s: %s cells%s (%s); accuracy from %s (NATS-Bench, 200 epochs), latency from %s.",
			lat.Dataset.Name, prose.Num(lat.Len()), measured, classes, data.AccuracyFile, lat.Dataset.LatencyFile),
	}, plots.GroupBy(col, accuracy, convs, tourConvClasses)...)
}

func indexOf(names []string, name string) int {
	for i, n := range names {
		if n == name {
			return i
		}
	}
	return -1
}

// TourAgreementHeatmap draws a dataset's Spearman matrix (made from t by
// monotonic.AgreementOf); note ends the caption.
func TourAgreementHeatmap(t *data.LatencyTable, a monotonic.DatasetAgreement, note string) (*plots.Figure, error) {
	if lo, hi, ok := data.ResolutionRange(t); ok && lo != hi {
		note = strings.TrimSpace(note + fmt.Sprintf(" Input resolutions vary from %s to %s px across the sub-networks.", prose.Num(lo), prose.Num(hi)))
	}
	h := plots.CorrelationHeatmap(fmt.Sprintf("%s: Spearman rank correlation of latencies", a.Dataset),
		plots.Correlations{Names: a.Devices, Method: "SRCC", Value: a.SRCC},
		strings.TrimSpace(fmt.Sprintf("Spearman's rho between every pair of the %d device columns of %s, over its %s architectures%s; devices grouped by kind; colour scale fitted to the values shown. %s",
			len(a.Devices), t.Dataset.LatencyFile, prose.Num(a.Architectures), t.MeasuredNote(), note)))
	h.XLabel, h.YLabel = "device", "device"
	return h.Figure()
}
