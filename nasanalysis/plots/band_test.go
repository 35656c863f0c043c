package plots

import (
	"math"
	"strings"
	"testing"
)

// bandFill is how the SVG writes a band's shading.
const bandFill = "fill-opacity:0.21961"

func countPaths(doc svgDoc, styleHas string) int {
	n := 0
	for _, p := range doc.Paths {
		if strings.Contains(p.Style, styleHas) {
			n++
		}
	}
	return n
}

// 150 means with their sd drawn as a band: one shaded area per series, not 150 bars.
func TestMeanBandIsShadedNotAFence(t *testing.T) {
	var x, m1, m2, sd []float64
	for i := 1; i <= 150; i++ {
		x = append(x, float64(i))
		m1 = append(m1, 90+math.Log(float64(i)))
		m2 = append(m2, 89+math.Log(float64(i)))
		sd = append(sd, 0.5)
	}
	a := Axes{XLabel: "cells queried", YLabel: "best accuracy (%)"}
	f, err := Lines(a, false, MeanBand("guided", x, m1, sd), MeanBand("random", x, m2, sd))
	band := render(t, f, err)
	// One polygon per band, and a shaded swatch in each legend entry.
	if n := countPaths(band, bandFill); n != 4 {
		t.Errorf("%d shaded paths, want 2 bands + 2 legend swatches", n)
	}
	bars := Series{Name: "guided", X: x, Y: m1, YErr: sd}
	f, err = Lines(a, false, bars)
	fence := render(t, f, err)
	if len(band.Paths) >= len(fence.Paths)/2 {
		t.Errorf("band figure has %d paths, error-bar figure %d: the band should replace the bars", len(band.Paths), len(fence.Paths))
	}
	// The y range covers the band, not only the means.
	p, _, err := linesPlot(a, false, []Series{MeanBand("guided", x, m1, sd)})
	if err != nil {
		t.Fatal(err)
	}
	if p.Y.Min > m1[0]-0.5 || p.Y.Max < m1[149]+0.5 {
		t.Errorf("y range [%g, %g] cuts the band [%g, %g]", p.Y.Min, p.Y.Max, m1[0]-0.5, m1[149]+0.5)
	}
}

func TestBandLengthsChecked(t *testing.T) {
	s := Band("b", []float64{1, 2, 3}, []float64{1, 2, 3}, []float64{0, 1}, []float64{2, 3, 4})
	if _, err := Lines(Axes{}, false, s); err == nil {
		t.Error("band of the wrong length accepted")
	}
	s = Band("b", []float64{1, 2, 3}, []float64{1, 2, 3}, []float64{0, math.NaN(), 2}, []float64{2, 3, 4})
	if _, err := Lines(Axes{}, true, s); err != nil {
		t.Errorf("band with a gap: %v", err)
	}
}

// Three seeds' fronts as staircases: at each x, the median and the range of the seeds
// that reach it.
