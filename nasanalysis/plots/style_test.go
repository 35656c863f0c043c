package plots

import (
	"bytes"
	"math"
	"math/rand/v2"
	"strconv"
	"strings"
	"testing"

	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// builders renders one figure of each builder with labels, from fixed data.
func builders(t *testing.T) map[string]*Figure {
	t.Helper()
	r := rand.New(rand.NewPCG(1, 2))
	var x, y []float64
	for i := 0; i < 300; i++ {
		x = append(x, 200+800*r.Float64())
		y = append(y, 25+775*r.Float64())
	}
	a := Axes{Title: "t", XLabel: "MACs (millions)", YLabel: "latency (ms)"}
	out := map[string]*Figure{}
	add := func(name string, f *Figure, err error) {
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		out[name] = f
	}
	f, err := Scatter(a, Series{Name: "a", X: x, Y: y})
	add("scatter", f, err)
	f, err = Lines(a, false, MeanBand("m", x[:10], y[:10], y[10:20]))
	add("lines", f, err)
	f, err = BoxPlots(Axes{Title: "t", YLabel: "MACs (millions)", LogY: true}, Distribution{Name: "a", Values: x}, Distribution{Name: "b", Values: y})
	add("box", f, err)
	f, err = Heatmap{Title: "t", Values: [][]float64{{1, 0.5}, {0.5, 1}}, RowLabels: []string{"a", "b"}, ColLabels: []string{"a", "b"}, ValueLabel: "SRCC"}.Figure()
	add("heatmap", f, err)
	return out
}

// All builders share one typeface, sans-serif, named with fallbacks in the SVG.
func TestOneSansSerifFont(t *testing.T) {
	for name, f := range builders(t) {
		b, err := f.Bytes("svg")
		if err != nil {
			t.Fatal(err)
		}
		if bytes.Contains(b, []byte("Serif")) {
			t.Errorf("%s: SVG names a serif font", name)
		}
		doc := parseSVG(t, b)
		if len(doc.Texts) == 0 {
			t.Fatalf("%s: no text", name)
		}
		for _, x := range doc.Texts {
			if !strings.Contains(x.Style, "font-family:'Liberation Sans',Arial,Helvetica,sans-serif;") {
				t.Errorf("%s: text %q in %q", name, x.Text, x.Style)
			}
		}
	}
}

// Figures are as wide as the report's column unless the caller says otherwise; a small
// heatmap may be narrower, never wider.
func TestFigureWidthIsColumn(t *testing.T) {
	col := ColumnWidth.Points()
	for name, f := range builders(t) {
		w, err := strconv.ParseFloat(strings.TrimSuffix(render(t, f, nil).Width, "pt"), 64)
		if err != nil {
			t.Fatal(err)
		}
		if name == "heatmap" {
			if w > col+0.01 || w < 0.3*col {
				t.Errorf("heatmap width %.1f pt, column %.1f pt", w, col)
			}
			continue
		}
		if math.Abs(w-col) > 0.01 {
			t.Errorf("%s width %.2f pt, want %.2f (17 cm)", name, w, col)
		}
	}
	// 15.9 cm at 96 dpi is 601 px; the column is 16-18 cm.
	if cm := ColumnWidth / vg.Centimeter; cm < 16 || cm > 18 {
		t.Errorf("ColumnWidth %.1f cm", float64(cm))
	}
	f, err := Scatter(Axes{Width: 10 * vg.Centimeter}, Series{X: []float64{1}, Y: []float64{1}})
	if w := render(t, f, err).Width; w != "283.46pt" {
		t.Errorf("explicit width: %s", w)
	}
}

// Every numeric axis shows a label: the caller's, or a placeholder asking for one.
func TestMissingAxisLabelsShow(t *testing.T) {
	s := Series{Name: "s", X: []float64{1, 2, 3}, Y: []float64{1, 4, 9}}
	f, err := Scatter(Axes{}, s)
	doc := render(t, f, err)
	if !doc.has(missingX) || !doc.has(missingY) {
		t.Error("unlabelled axes drawn without a placeholder")
	}
	f, err = Lines(Axes{XLabel: "budget (cells)", YLabel: "SRCC"}, false, s)
	doc = render(t, f, err)
	if doc.has(missingX) || doc.has(missingY) || !doc.has("budget (cells)") || !doc.has("SRCC") {
		t.Error("given labels not drawn as given")
	}
	f, err = BoxPlots(Axes{YLabel: "latency (ms)"}, Distribution{Name: "d", Values: []float64{1, 2, 3}})
	if doc = render(t, f, err); doc.has(missingX) {
		t.Error("box plot categories asked for a unit")
	}
	h, err := Heatmap{Values: [][]float64{{1}}, RowLabels: []string{"r"}, ColLabels: []string{"c"}}.Figure()
	if doc = render(t, h, err); !doc.has(missingValue) {
		t.Error("colour bar without label or placeholder")
	}
}

// The data range is padded, so that points at the extremes are drawn whole.
func TestRangesPadded(t *testing.T) {
	s := Series{X: []float64{10, 20, 30}, Y: []float64{100, 1000, 10000}}
	p, _, err := scatterPlot(Axes{LogY: true}, []Series{s})
	if err != nil {
		t.Fatal(err)
	}
	if got, want := p.X.Min, 10-padFraction*20; math.Abs(got-want) > 1e-9 {
		t.Errorf("x min %g, want %g", got, want)
	}
	if got, want := p.X.Max, 30+padFraction*20; math.Abs(got-want) > 1e-9 {
		t.Errorf("x max %g, want %g", got, want)
	}
	// On a log axis the padding is in decades: 2 decades x 4 % each side.
	if got, want := math.Log10(p.Y.Min), 2-2*padFraction; math.Abs(got-want) > 1e-9 {
		t.Errorf("log y min 10^%g, want 10^%g", got, want)
	}
	b, err := boxPlot(Axes{Width: ColumnWidth}, []Distribution{{Name: "d", Values: []float64{0, 10}}})
	if err != nil {
		t.Fatal(err)
	}
	if b.Y.Min >= 0 || b.Y.Max <= 10 {
		t.Errorf("box plot range [%g, %g] not padded around [0, 10]", b.Y.Min, b.Y.Max)
	}
}

// A log axis across 200-1000 (MACs) used to carry the single label "1000"; a box plot's
// axis across 25-800, one label. Both now have at least three, in the SVG itself.
func TestLogAxesLabelledInSVG(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 6))
	var macs, params []float64
	for i := 0; i < 200; i++ {
		macs = append(macs, 200+800*r.Float64())
		params = append(params, 25+775*r.Float64())
	}
	f, err := BoxPlots(Axes{YLabel: "MACs (millions, log scale)", LogY: true}, Distribution{Name: "m", Values: macs})
	_, ys := render(t, f, err).tickLabels()
	if got := strings.Join(texts(ys), " "); got != "200 300 500 1000" {
		t.Errorf("MACs axis labels %q, want 200 300 500 1000", got)
	}
	f, err = Scatter(Axes{XLabel: "parameters (millions, log scale)", YLabel: "MACs (millions, log scale)", LogX: true, LogY: true}, Series{X: params, Y: macs})
	xs, ys := render(t, f, err).tickLabels()
	if len(xs) < 3 || len(ys) < 3 {
		t.Errorf("log-log scatter: x labels %q, y labels %q", texts(xs), texts(ys))
	}
	for _, l := range append(xs, ys...) {
		if strings.Contains(l.Text, "000000") || strings.Contains(l.Text, "999") {
			t.Errorf("tick label %q has float noise", l.Text)
		}
	}
}

// The plot starts right under its title: gonum padded a log-scale plot for its Y
// label's glyph box, placed near the top, which left a gap of some 25 pt.
func TestNoGapUnderTitle(t *testing.T) {
	for _, logY := range []bool{false, true} {
		a := Axes{Title: "MACs of random architectures", YLabel: "MACs (millions, log scale)", LogY: logY, Width: ColumnWidth}
		p, err := boxPlot(a, []Distribution{{Name: "a", Values: []float64{30, 200, 300, 1000}}})
		if err != nil {
			t.Fatal(err)
		}
		c := draw.Canvas{Rectangle: vg.Rectangle{Max: vg.Point{X: ColumnWidth, Y: DefaultHeight}}}
		title := p.Title.TextStyle.Rectangle(p.Title.Text).Size().Y + p.Title.Padding
		gap := c.Max.Y - title - dataCanvas(p, c).Max.Y
		if gap > vg.Points(8) {
			t.Errorf("log %v: %.1f pt between the title and the plot", logY, gap.Points())
		}
	}
}

// The same inputs give the same bytes, in every format, from separately built figures.
func TestBuildersDeterministic(t *testing.T) {
	a, b := builders(t), builders(t)
	for name := range a {
		for _, format := range []string{"svg", "png"} {
			x, err := a[name].Bytes(format)
			if err != nil {
				t.Fatal(err)
			}
			y, _ := b[name].Bytes(format)
			if !bytes.Equal(x, y) {
				t.Errorf("%s: %s differs between renderings", name, format)
			}
		}
	}
}
