package plots

import (
	"crypto/sha256"
	"encoding/hex"
	"math"
	"testing"
)

// TestHeatmapRenderingPinned pins the rendering of Heatmap.Figure, so that a refactor
// that changes a single byte of the SVG or PNG fails here. A deliberate change of the
// figure's look must record new sums, saying why. The sums were first recorded before
// Figure was split into smaller functions (commit 86a8cfe), and recorded again when all
// builders took one style after a review of the reports: sans-serif text with font
// fallbacks in the SVG, square cells fitted to a 17 cm column, cell labels sized to
// their cells, a colour range fitted and rounded to the bar's ticks, a narrower
// labelled colour bar with 1-2-5 ticks and end marks, rows and columns in natural
// order, and the Y label drawn without gonum's padding for it.
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
			svgSum: "2ca7e8ec388bdf778c9d468c0983bcd654cd7a5c83de0202b702e926524ef6c7",
			pngSum: "a6c284416db17042946027eec7b90599f06d7e8568ac36bc039d78acc30fac1f",
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
			svgSum: "7f3d390fed52f8c68146d63a91ac7792526524d7207560e7575e5e6254f084ee",
			pngSum: "67f35692968849e26131f2bd76f90fc645bddc9361538c72f0eb8dc5514a57c5",
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
