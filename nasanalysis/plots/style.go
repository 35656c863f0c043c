package plots

import (
	"bytes"
	"math"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// The one look of every builder. The reports show figures as inline SVG in an HTML page
// whose text column is about 17 cm wide at 96 dpi (642 px): a figure of that width is
// shown at its natural size, with its text at the sizes below, and all figures line up.
const (
	// ColumnWidth is the default width of every figure.
	ColumnWidth = 17 * vg.Centimeter
	// DefaultHeight is the default height of the XY figures and box plots.
	DefaultHeight = 11 * vg.Centimeter

	titleSize  = 11
	labelSize  = 10
	tickSize   = 9
	legendSize = 9
)

// Font is the typeface of all text: gonum's Liberation Sans, metrically the same as
// Arial and Helvetica, so that a browser without it (the SVG names the font, it does
// not embed it) substitutes one of those without moving the text.
var Font = font.Font{Typeface: "Liberation", Variant: "Sans"}

func sans(size vg.Length) font.Font { return font.From(Font, size) }

// svgFontFallback is how the SVG names the typeface: with fallbacks, because a report
// opened where Liberation Sans is not installed would otherwise fall back to the
// browser's default, usually a serif face.
var (
	svgFontName     = []byte("font-family:Liberation Sans;")
	svgFontFallback = []byte("font-family:'Liberation Sans',Arial,Helvetica,sans-serif;")
)

func withFontFallback(svg []byte) []byte {
	return bytes.ReplaceAll(svg, svgFontName, svgFontFallback)
}

// newStyledPlot is plot.New with the package's typeface and text sizes, and a title
// close to the plot (the reviewer found gaps under titles).
func newStyledPlot() *plot.Plot {
	p := plot.New()
	p.Title.TextStyle.Font = sans(titleSize)
	p.Title.Padding = vg.Points(6)
	for _, a := range []*plot.Axis{&p.X, &p.Y} {
		a.Label.TextStyle.Font = sans(labelSize)
		a.Tick.Label.Font = sans(tickSize)
		a.Label.Padding = vg.Points(3)
		a.Padding = vg.Points(2)
		a.Tick.Marker = LinearTicker{}
	}
	p.Legend.TextStyle.Font = sans(legendSize)
	return p
}

// Placeholders for an axis whose caller gave no label. Every numeric axis needs its
// quantity and unit ("latency (ms)"); an empty label draws one of these, so that the
// omission is visible in the report rather than silently unlabelled.
const (
	missingX     = "x (unit?)"
	missingY     = "y (unit?)"
	missingValue = "value (unit?)"
)

func labelOr(label, placeholder string) string {
	if label == "" {
		return placeholder
	}
	return label
}

// setScale gives an axis the package's ticker, logarithmic or linear.
func setScale(a *plot.Axis, log bool) {
	if log {
		a.Scale = plot.LogScale{}
		a.Tick.Marker = LogTicker{}
		return
	}
	a.Scale = plot.LinearScale{}
	a.Tick.Marker = LinearTicker{}
}

// padFraction widens a data range on both sides, so that no marker, whisker or line end
// sits on the axis, where it would be half hidden.
const padFraction = 0.04

// extent accumulates the range of the values an axis shows.
type extent struct {
	lo, hi float64
	log    bool
}

func newExtent(log bool) extent { return extent{lo: math.Inf(1), hi: math.Inf(-1), log: log} }

func (e *extent) add(vs ...float64) {
	for _, v := range vs {
		if math.IsNaN(v) || math.IsInf(v, 0) || (e.log && v <= 0) {
			continue
		}
		e.lo, e.hi = math.Min(e.lo, v), math.Max(e.hi, v)
	}
}

// apply sets the axis range to the extent widened by padFraction on each side (in
// decades on a log axis); a single value gets a range around it, no value leaves the
// axis as it is.
func (e extent) apply(a *plot.Axis) {
	if e.lo > e.hi {
		if e.log {
			a.Min, a.Max = 1, 10
		}
		return
	}
	lo, hi := e.lo, e.hi
	if e.log {
		lo, hi = math.Log10(lo), math.Log10(hi)
	}
	d := hi - lo
	switch {
	case d > 0:
		d *= padFraction
	case e.log:
		d = 0.1
	case lo != 0:
		d = math.Abs(lo) * 0.05
	default:
		d = 0.5
	}
	lo, hi = lo-d, hi+d
	if e.log {
		lo, hi = math.Pow(10, lo), math.Pow(10, hi)
	}
	a.Min, a.Max = lo, hi
}

// drawPlot draws p on c as p.Draw does, except for the Y label, which it draws itself.
// gonum pads a plot so that the Y label's glyph box fits, and places that box at the
// arithmetic middle of the Y range: on a log axis that is near the top, and the padding
// left a wide gap under the title; on a short plot (a colour bar, a two-row heatmap) it
// squeezed the plot. The label goes where gonum draws it, centred on the data.
func drawPlot(p *plot.Plot, c draw.Canvas) {
	q, inner := withoutYLabel(p, c)
	if q == p {
		p.Draw(c)
		return
	}
	if p.BackgroundColor != nil {
		c.SetColor(p.BackgroundColor)
		c.Fill(c.Rectangle.Path())
		q.BackgroundColor = nil // filled once, under the label too
	}
	q.Draw(inner)
	sty := p.Y.Label.TextStyle
	sty.Rotation += math.Pi / 2
	x := c.Min.X + sty.Height(p.Y.Label.Text) - sty.FontExtents().Descent
	dc := q.DataCanvas(inner)
	c.FillText(sty, vg.Point{X: x, Y: dc.Center().Y}, p.Y.Label.Text)
}

// dataCanvas is the part of c where drawPlot draws p's data.
func dataCanvas(p *plot.Plot, c draw.Canvas) draw.Canvas {
	q, inner := withoutYLabel(p, c)
	return q.DataCanvas(inner)
}

// withoutYLabel is a shallow copy of p without its Y label and the part of c right of
// the room the label takes; p and c when p has no Y label.
func withoutYLabel(p *plot.Plot, c draw.Canvas) (*plot.Plot, draw.Canvas) {
	if p.Y.Label.Text == "" {
		return p, c
	}
	sty := p.Y.Label.TextStyle
	room := sty.Height(p.Y.Label.Text) + sty.FontExtents().Descent + p.Y.Label.Padding
	q := *p
	q.Y.Label.Text = ""
	return &q, draw.Crop(c, room, 0, 0, 0)
}
