package plots

import (
	"math/rand/v2"
	"strconv"
	"strings"
	"testing"
)

// legendRect finds the legend's background: the one semi-opaque white path.
func legendRect(t *testing.T, doc svgDoc) (x0, y0, x1, y1 float64) {
	t.Helper()
	var found []svgPath
	for _, p := range doc.Paths {
		if strings.Contains(p.Style, "fill:#FFFFFF;fill-opacity:0.85098") {
			found = append(found, p)
		}
	}
	if len(found) != 1 {
		t.Fatalf("%d legend backgrounds, want 1", len(found))
	}
	x0, y0, x1, y1, ok := pathBounds(found[0].D)
	if !ok {
		t.Fatalf("legend background path %q", found[0].D)
	}
	return x0, y0, x1, y1
}

func size(t *testing.T, doc svgDoc) (w, h float64) {
	t.Helper()
	w, err1 := strconv.ParseFloat(strings.TrimSuffix(doc.Width, "pt"), 64)
	h, err2 := strconv.ParseFloat(strings.TrimSuffix(doc.Height, "pt"), 64)
	if err1 != nil || err2 != nil {
		t.Fatalf("size %q x %q", doc.Width, doc.Height)
	}
	return w, h
}

// A class with no points (the "0 conv3x3" cells of a device) is not listed; the others
// are, on a background box.
func TestLegendListsOnlyClassesWithPoints(t *testing.T) {
	x := []float64{1, 2, 3, 4}
	y := []float64{5, 6, 7, 8}
	groups := GroupBy(x, y, []int{1, 1, 2, 3}, []string{"0 conv3x3", "1 conv3x3", "2 conv3x3", "3+ conv3x3"})
	f, err := Scatter(Axes{XLabel: "latency (ms)", YLabel: "accuracy (%)"}, groups...)
	doc := render(t, f, err)
	if doc.has("0 conv3x3") {
		t.Error("empty class listed in the legend")
	}
	for _, g := range []string{"1 conv3x3", "2 conv3x3", "3+ conv3x3"} {
		if !doc.has(g) {
			t.Errorf("legend lacks %q", g)
		}
	}
	legendRect(t, doc)
	// A series whose points all fall off a log axis is empty too.
	f, err = Lines(Axes{LogY: true}, false, Series{Name: "kept", X: []float64{1, 2}, Y: []float64{1, 2}}, Series{Name: "negative", X: []float64{1, 2}, Y: []float64{-1, -2}})
	if doc = render(t, f, err); doc.has("negative") || !doc.has("kept") {
		t.Error("series with no drawable point listed, or drawable one not")
	}
}

// The legend goes in the corner where it hides the fewest points.
func TestLegendPlacedWhereDataAreFew(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 8))
	cloud := func(x0, y0 float64, n int) Series {
		s := Series{Name: "points"}
		for i := 0; i < n; i++ {
			s.X = append(s.X, x0+0.5*r.Float64())
			s.Y = append(s.Y, y0+0.5*r.Float64())
		}
		return s
	}
	for _, c := range []struct {
		name        string
		quads       [][2]float64 // lower-left corners of filled quadrants
		anchors     [][2]float64 // single points that stretch the range to the unit square
		bottom      bool
		left, lower bool // where the legend must go
	}{
		{"empty lower left", [][2]float64{{0.5, 0.5}, {0.5, 0}, {0, 0.5}}, nil, false, true, true},
		{"empty upper left", [][2]float64{{0.5, 0.5}, {0.5, 0}, {0, 0}}, nil, false, true, false},
		{"empty upper right", [][2]float64{{0, 0.5}, {0.5, 0}, {0, 0}}, nil, true, false, false},
		// Upper corners both empty: the default prefers the right one.
		{"tie, default corner", [][2]float64{{0, 0}}, [][2]float64{{1, 0}}, false, false, false},
		// Lower corners both empty: LegendBottom prefers them, the right one first.
		{"tie, bottom preferred", [][2]float64{{0, 0.5}}, [][2]float64{{1, 1}}, true, false, true},
	} {
		var s Series
		for _, q := range c.quads {
			cl := cloud(q[0], q[1], 150)
			s.X, s.Y = append(s.X, cl.X...), append(s.Y, cl.Y...)
		}
		for _, a := range c.anchors {
			s.X, s.Y = append(s.X, a[0]), append(s.Y, a[1])
		}
		s.Name = "one architecture"
		f, err := Scatter(Axes{XLabel: "x (ms)", YLabel: "y (%)", LegendBottom: c.bottom}, s)
		doc := render(t, f, err)
		w, h := size(t, doc)
		x0, y0, x1, y1 := legendRect(t, doc)
		cx, cy := (x0+x1)/2, (y0+y1)/2
		if left := cx < w/2; left != c.left {
			t.Errorf("%s: legend centre x %.0f of %.0f, want left %v", c.name, cx, w, c.left)
		}
		if lower := cy < h/2; lower != c.lower {
			t.Errorf("%s: legend centre y %.0f of %.0f, want lower %v", c.name, cy, h, c.lower)
		}
	}
}

// seedFronts are three seeds' fronts of each of two spaces, each space's seeds sharing
// a Style, as notebook 07 drew them.
func seedFronts(names ...string) []Series {
	var out []Series
	for seed := 0; seed < 3; seed++ {
		for k, name := range names {
			x := []float64{1, 2, 3}
			y := []float64{float64(10*k + seed), float64(10*k + seed + 1), float64(10*k + seed + 3)}
			out = append(out, Series{Name: name, X: x, Y: y, Style: k + 1})
		}
	}
	return out
}

// countText is how many text elements of the SVG read exactly s.
func countText(doc svgDoc, s string) int {
	n := 0
	for _, x := range doc.Texts {
		if x.Text == s {
			n++
		}
	}
	return n
}

// Series that share a Style share one legend entry: two spaces of three seeds each
// are two entries, not six; in the plotter's legend and in the drawing.
func TestLegendOneEntryPerStyle(t *testing.T) {
	series := seedFronts("full space", "reduced space")
	_, leg, err := linesPlot(Axes{}, true, series)
	if err != nil {
		t.Fatal(err)
	}
	if want := []string{"full space", "reduced space"}; strings.Join(leg.texts, "|") != strings.Join(want, "|") {
		t.Errorf("Lines legend %q, want %q", leg.texts, want)
	}
	_, leg, err = scatterPlot(Axes{}, series)
	if err != nil {
		t.Fatal(err)
	}
	if len(leg.texts) != 2 {
		t.Errorf("Scatter legend %q, want one entry per Style", leg.texts)
	}
	f, err := Lines(Axes{XLabel: "latency (ms)", YLabel: "accuracy (%)"}, true, series...)
	doc := render(t, f, err)
	for _, name := range []string{"full space", "reduced space"} {
		if n := countText(doc, name); n != 1 {
			t.Errorf("%q drawn %d times in the legend, want once", name, n)
		}
	}

	// Style 0 keeps an entry per named series; an unnamed seed of a Style does not take
	// its entry from the named one.
	plain := []Series{{Name: "a", X: []float64{1}, Y: []float64{1}}, {Name: "b", X: []float64{2}, Y: []float64{2}},
		{X: []float64{1}, Y: []float64{3}, Style: 3}, {Name: "c", X: []float64{2}, Y: []float64{4}, Style: 3}}
	if _, leg, err = linesPlot(Axes{}, false, plain); err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(leg.texts, "|"); got != "a|b|c" {
		t.Errorf("legend %q, want a|b|c", got)
	}

	// One entry cannot name two series of one look.
	series[2].Name = "seed 1"
	if _, err := Lines(Axes{}, true, series...); err == nil || !strings.Contains(err.Error(), "seed 1") {
		t.Errorf("two names for Style 1 accepted: %v", err)
	}
}
