package plots

import (
	"crypto/sha256"
	"encoding/hex"
	"math"
	"testing"
)

// TestHeatmapRenderingPinned pins the rendering of Heatmap.Figure: the sha256 sums below
// were recorded from the code before Figure was split into smaller functions (commit
// 86a8cfe), so a refactor that changes a single byte of the SVG or PNG fails here. A
// deliberate change of the figure's look must record new sums, saying why.
func TestHeatmapRenderingPinned(t *testing.T) {
	cases := []struct {
		name           string
		h              Heatmap
		svgSum, pngSum string
	}{
		{
			name: "auto range, NaN cell",
			h: Heatmap{
				Title:      "pinned",
				Values:     [][]float64{{1, 0.25, -0.1}, {math.NaN(), -0.5, 0.8}},
				RowLabels:  []string{"row-a", "row-b"},
				ColLabels:  []string{"col-a", "col-b", "col-c"},
				Caption:    "2 x 3 pinned matrix",
				XLabel:     "x",
				YLabel:     "y",
				ValueLabel: "SRCC",
			},
			svgSum: "cad2b6e15c1abdcdfd74077b4bb6b7037391ddca063262eb5b81a3b846f9b83b",
			pngSum: "bee8132b0de71c9ee7eca767bedaa80545d1a85dc40e9521b2a67c97f1ff8d82",
		},
		{
			name: "fixed range, format, out-of-range values",
			h: Heatmap{
				Title:     "fixed",
				Values:    [][]float64{{2, 0.5}, {-3, math.Inf(1)}},
				RowLabels: []string{"r0", "r1"},
				ColLabels: []string{"c0", "c1"},
				Min:       -1, Max: 1,
				Format: "%.1f",
			},
			svgSum: "49b35d4e48369530f82e301efed921481ac8f8eab47b0b2f3115304aef27c311",
			pngSum: "4299e0325ef2a7d4e8c63eb31172fa74bdc01e2151783c0316b1bd77d1a9a214",
		},
	}
	for _, c := range cases {
		f, err := c.h.Figure()
		if err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		for _, fm := range []struct{ format, want string }{{"svg", c.svgSum}, {"png", c.pngSum}} {
			b, err := f.Bytes(fm.format)
			if err != nil {
				t.Fatalf("%s %s: %v", c.name, fm.format, err)
			}
			sum := sha256.Sum256(b)
			if got := hex.EncodeToString(sum[:]); got != fm.want {
				t.Errorf("%s: %s rendering changed: sha256 %s, pinned %s", c.name, fm.format, got, fm.want)
			}
		}
	}
}
