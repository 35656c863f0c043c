package plots

import (
	"bytes"
	"math"
	"strings"
	"testing"
)

func TestHeatmapDeterministicAndAnnotated(t *testing.T) {
	h := Heatmap{
		Title:     "toy",
		Values:    [][]float64{{1, 0.25}, {math.NaN(), -0.5}},
		RowLabels: []string{"row-a", "row-b"},
		ColLabels: []string{"col-a", "col-b"},
		Caption:   "2 x 2 toy matrix",
	}
	f, err := h.Figure()
	if err != nil {
		t.Fatal(err)
	}
	a, err := f.Bytes("svg")
	if err != nil {
		t.Fatal(err)
	}
	b, _ := f.Bytes("svg")
	if !bytes.Equal(a, b) {
		t.Error("same figure rendered to different SVG bytes")
	}
	s := string(a)
	for _, want := range []string{"0.25", "-0.50", "1.00", "–", "row-a", "col-b", "toy"} {
		if !strings.Contains(s, want) {
			t.Errorf("SVG lacks %q", want)
		}
	}
	p1, err := f.Bytes("png")
	if err != nil {
		t.Fatal(err)
	}
	p2, _ := f.Bytes("png")
	if !bytes.Equal(p1, p2) || !bytes.HasPrefix(p1, []byte("\x89PNG")) {
		t.Error("PNG not deterministic or not a PNG")
	}
	if _, err := f.Bytes("gif"); err == nil {
		t.Error("unknown format accepted")
	}
}

func TestHeatmapRejectsBadShapes(t *testing.T) {
	for _, h := range []Heatmap{
		{Values: nil},
		{Values: [][]float64{{1, 2}, {3}}, RowLabels: []string{"a", "b"}, ColLabels: []string{"a", "b"}},
		{Values: [][]float64{{1, 2}}, RowLabels: []string{"a"}, ColLabels: []string{"a"}},
	} {
		if _, err := h.Figure(); err == nil {
			t.Errorf("accepted %+v", h)
		}
	}
}

func TestXYFigures(t *testing.T) {
	s := []Series{{Name: "front", X: []float64{1, 2, 3, math.NaN()}, Y: []float64{3, 2, 1, 5}}}
	if _, err := Scatter(Axes{Title: "s", LogX: true}, s...); err != nil {
		t.Fatal(err)
	}
	f, err := Lines(Axes{Title: "l", Caption: "c"}, true, s...)
	if err != nil {
		t.Fatal(err)
	}
	if f.Caption != "c" {
		t.Errorf("caption lost")
	}
	if _, err := Lines(Axes{}, false, Series{X: []float64{1}, Y: nil}); err == nil {
		t.Error("length mismatch accepted")
	}
	if _, err := BoxPlots(Axes{LogY: true}, Distribution{Name: "d", Values: []float64{1, 2, 3, 4, 5}}); err != nil {
		t.Fatal(err)
	}
	if _, err := BoxPlots(Axes{}, Distribution{Name: "empty", Values: []float64{math.NaN()}}); err == nil {
		t.Error("empty distribution accepted")
	}
	if _, err := BoxPlots(Axes{}); err == nil {
		t.Error("no distributions accepted")
	}
}

func TestLinesWithErrorBars(t *testing.T) {
	s := Series{Name: "m", X: []float64{10, 20}, Y: []float64{0.8, 0.9}, YErr: []float64{0.05, 0.02}}
	f, err := Lines(Axes{Title: "curve"}, false, s)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.Bytes("svg"); err != nil {
		t.Fatal(err)
	}
	s.YErr = []float64{0.1}
	if _, err := Lines(Axes{}, false, s); err == nil {
		t.Error("error bars of the wrong length accepted")
	}
}
