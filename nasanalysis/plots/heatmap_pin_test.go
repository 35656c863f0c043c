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
// order, and the Y label drawn without gonum's padding for it. They were recorded a
// third time when heatmaps took a sequential colour scale by default (diverging only
// for signed shifts, centred on 0) and printed intervals: with moreland's blue-red map
// set explicitly, the first two cases still gave the sums of the second recording, so
// only the colours changed. The third case pins the diverging scale and the interval
// lines.
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
			svgSum: "568d5da2b4697fd18064564425ca507ea3c838600cc5de7858c639a768868599",
			pngSum: "46d5ac44e07a2accc465c1e41cc06441417693a233a61ed89de46b2490b7d171",
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
			svgSum: "fb73e74b4795143523e0cd3a31effefe01403315d824bcaaa765a76693c367e4",
			pngSum: "1d9fea4adcbbae4fa19b870d0eff54d981a3991851052d11848bdd4948e54daf",
		},
		{
			name: "signed shifts with 90 % intervals",
			h: Heatmap{
				Title:      "shifts",
				Values:     [][]float64{{-0.4, 0.1}, {0.3, 0}},
				Lo:         [][]float64{{-0.5, 0}, {0.2, -0.1}},
				Hi:         [][]float64{{-0.3, 0.2}, {0.4, 0.1}},
				Level:      0.9,
				Signed:     true,
				RowLabels:  []string{"k3e4", "k7e6"},
				ColLabels:  []string{"note10", "gpu"},
				ValueLabel: "latency shift (ms)",
			},
			svgSum: "4bc1c12993773230f9b5ccbc676b9bbefc9cf2cbcb3f4bf82f81af16da7894cb",
			pngSum: "72b3b0fa650b1ae8ef36f37d4ef2bccf007ff4c3bf020e29cb304ce1f5b57da6",
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
