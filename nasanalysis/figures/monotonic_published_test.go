package figures

import (
	"math"
	"testing"

	"github.com/nasanalysis/nasanalysis/nasanalysis/monotonic"
	"github.com/nasanalysis/nasanalysis/nasanalysis/plots"
)

// A hand-made comparison of three devices, x with 40 failed runs of 100 cells: the
// heatmap holds ours minus published (x/y 0.85 - 0.67 = 0.18, x/z 0.6 - 0.62 = -0.02,
// y/z 0.905 - 0.90 = 0.005), blank diagonal, on the diverging scale, in the
// publication's order.
func TestMonotonicPublished(t *testing.T) {
	mk := func(xy, xz, yz float64) [][]float64 { return [][]float64{{1, xy, xz}, {xy, 1, yz}, {xz, yz, 1}} }
	c := monotonic.PublishedComparison{Dataset: "nb201", Source: "nb201/published_srcc_oneproxy.csv", Cells: 100,
		Devices: []string{"z", "x", "y"}, Ours: mk(0.85, 0.6, 0.905), Published: mk(0.67, 0.62, 0.90),
		Pairs:     []monotonic.PairDifference{{A: "x", B: "y", Diff: 0.18}, {A: "x", B: "z", Diff: -0.02}, {A: "y", B: "z", Diff: 0.005}},
		PerDevice: []monotonic.DeviceDifference{{Device: "z", MeanAbs: 0.0125}, {Device: "x", MeanAbs: 0.1}, {Device: "y", MeanAbs: 0.0925}},
		Failed:    []monotonic.FailedColumn{{Device: "x", Failed: 40}}}
	h, err := monotonicPublishedHeatmap(c)
	if err != nil {
		t.Fatal(err)
	}
	want := mk(0.18, -0.02, 0.005)
	for i := range want {
		for j := range want[i] {
			if got := h.Values[i][j]; i == j && !math.IsNaN(got) || i != j && math.Abs(got-want[i][j]) > 1e-12 {
				t.Errorf("cell %d,%d = %v, want %v", i, j, got, want[i][j])
			}
		}
	}
	if _, scale := h.Colors(); scale != plots.Diverging || !h.KeepOrder || h.RowLabels[0] != "z" {
		t.Errorf("scale %v, keep order %v, rows %v", scale, h.KeepOrder, h.RowLabels)
	}
	f, err := MonotonicPublished(c)
	designWantCaption(t, "published", f, err, "over the 100 nb201 cells (pairwise deletion: x's 40 failed runs left out)",
		"transcribed in nb201/published_srcc_oneproxy.csv), for the 3 devices it shows", "Largest difference 0.180 (x / y)",
		"from 0.0125 (z) to 0.100 (x)", "Diverging colour scale centred on 0")
	if _, err := MonotonicPublished(monotonic.PublishedComparison{}); err == nil {
		t.Error("an empty comparison drew")
	}
}
