package figures

import (
	"fmt"

	"github.com/nasanalysis/nasanalysis/nasanalysis/designspace"
	"github.com/nasanalysis/nasanalysis/nasanalysis/plots"
)

// DeviceRepeatability draws, for each condition, how far run 1's ratio to the reference
// is from run 2's, network by network.
func DeviceRepeatability(rs []designspace.Repeat) (*plots.Figure, error) {
	var series []plots.Series
	var files string
	for _, r := range rs {
		series = append(series, plots.Series{Name: fmt.Sprintf("%s, calm time %s (%d networks)", r.Condition, r.Calm, len(r.Ratio1)), X: r.Ratio1, Y: r.DevPct})
		files += fmt.Sprintf(" datasets/%s and %s;", r.Files[0], r.Files[1])
	}
	return plots.Scatter(plots.Axes{Title: "The same networks measured twice", XLabel: "run 1: latency / reference network's", YLabel: "run 1 / run 2 − 1 (%)",
		Caption: "ONNX Runtime, paired protocol (bursts of 3 runs alternating with the space's middle network); 200 ofa-mbv3 networks at 160–224 px, the second run in another order; quiet: nothing else running, busy: a busy loop on the other core." + files}, series...)
}

// DeviceTable draws each predictor's error on the held-out networks against their
// measured latency.
func DeviceTable(t designspace.TableCheck) (*plots.Figure, error) {
	dev := func(pred []float64) []float64 {
		out := make([]float64, len(pred))
		for i := range pred {
			out[i] = 100 * (pred[i]/t.Meas[i] - 1)
		}
		return out
	}
	series := []plots.Series{{Name: designspace.PredLocalLUT, X: t.Meas, Y: dev(t.LUT)}, {Name: designspace.PredSum, X: t.Meas, Y: dev(t.Sum)}}
	return plots.Scatter(plots.Axes{Title: fmt.Sprintf("This machine's table against measurement, %s", t.Space), XLabel: "measured latency (ms, scaled to the calm reference)", YLabel: "predicted / measured − 1 (%)", LegendBottom: true,
		Caption: fmt.Sprintf("%d held-out networks (datasets/%s) measured end to end under the paired protocol; local_lut = %.3f x table sum %+.3f ms, fitted on %d other networks (datasets/%s); tables at %d–%d px.", t.NTest, t.Test, t.Scale, t.Overhead, t.NCalib, t.Calib, t.Resolutions[0], t.Resolutions[len(t.Resolutions)-1])},
		series...)
}
