package plots

import (
	"fmt"
	"image/color"
	"math"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// Band is a series drawn by Lines as a line through mid with the interval [lo, hi]
// shaded around it: mean ± sd, a confidence interval, or a range over seeds. A shaded
// band stays readable where error bars at every point (150 of them) merge into a fence.
func Band(name string, x, mid, lo, hi []float64) Series {
	return Series{Name: name, X: x, Y: mid, Lo: lo, Hi: hi}
}

// bandAlpha is a band's opacity (56/255): light enough that two overlapping bands and
// the lines over them stay readable.
const bandAlpha = 56

// shade is a series' colour at bandAlpha, for its band.
func shade(c color.Color) color.Color {
	r, g, b, _ := c.RGBA()
	return color.NRGBA{R: uint8(r >> 8), G: uint8(g >> 8), B: uint8(b >> 8), A: bandAlpha}
}

// bandPlot shades the area between two curves over the same x.
type bandPlot struct {
	x, lo, hi []float64 // finite, x ascending as given
	step      bool      // staircase, as plotter.PostStep
	color     color.Color
}

// newBand keeps the points where x, lo and hi are all defined (and positive on a log
// axis); a gap in them splits the band.
func newBand(s Series, logX, logY bool, step bool, c color.Color) (*bandPlot, error) {
	if len(s.Lo) != len(s.X) || len(s.Hi) != len(s.X) {
		return nil, fmt.Errorf("series %q: band of %d low and %d high values for %d points", s.Name, len(s.Lo), len(s.Hi), len(s.X))
	}
	b := &bandPlot{step: step, color: shade(c)}
	for i := range s.X {
		x, lo, hi := s.X[i], s.Lo[i], s.Hi[i]
		if !finite(x) || !finite(lo) || !finite(hi) || (logX && x <= 0) || (logY && (lo <= 0 || hi <= 0)) {
			b.x, b.lo, b.hi = append(b.x, math.NaN()), append(b.lo, math.NaN()), append(b.hi, math.NaN())
			continue
		}
		b.x, b.lo, b.hi = append(b.x, x), append(b.lo, lo), append(b.hi, hi)
	}
	return b, nil
}

func finite(v float64) bool { return !math.IsNaN(v) && !math.IsInf(v, 0) }

// Plot implements plot.Plotter.
func (b *bandPlot) Plot(c draw.Canvas, p *plot.Plot) {
	trX, trY := p.Transforms(&c)
	start := 0
	for i := 0; i <= len(b.x); i++ {
		if i < len(b.x) && !math.IsNaN(b.x[i]) {
			continue
		}
		if i-start >= 1 {
			b.fill(c, trX, trY, start, i)
		}
		start = i + 1
	}
}

// fill shades the run [from, to) of defined points.
func (b *bandPlot) fill(c draw.Canvas, trX, trY func(float64) vg.Length, from, to int) {
	var upper, lower []vg.Point
	for i := from; i < to; i++ {
		x := trX(b.x[i])
		if b.step && i > from {
			upper = append(upper, vg.Point{X: x, Y: trY(b.hi[i-1])})
			lower = append(lower, vg.Point{X: x, Y: trY(b.lo[i-1])})
		}
		upper = append(upper, vg.Point{X: x, Y: trY(b.hi[i])})
		lower = append(lower, vg.Point{X: x, Y: trY(b.lo[i])})
	}
	if to-from == 1 { // a single point: a thin bar, so that it still shows
		w := vg.Points(1)
		upper = []vg.Point{{X: upper[0].X - w, Y: upper[0].Y}, {X: upper[0].X + w, Y: upper[0].Y}}
		lower = []vg.Point{{X: lower[0].X - w, Y: lower[0].Y}, {X: lower[0].X + w, Y: lower[0].Y}}
	}
	poly := append([]vg.Point(nil), upper...)
	for i := len(lower) - 1; i >= 0; i-- {
		poly = append(poly, lower[i])
	}
	c.FillPolygon(b.color, c.ClipPolygonXY(poly))
}

// DataRange implements plot.DataRanger.
func (b *bandPlot) DataRange() (xmin, xmax, ymin, ymax float64) {
	xmin, ymin = math.Inf(1), math.Inf(1)
	xmax, ymax = math.Inf(-1), math.Inf(-1)
	for i, x := range b.x {
		if math.IsNaN(x) {
			continue
		}
		xmin, xmax = math.Min(xmin, x), math.Max(xmax, x)
		ymin, ymax = math.Min(ymin, math.Min(b.lo[i], b.hi[i])), math.Max(ymax, math.Max(b.lo[i], b.hi[i]))
	}
	return xmin, xmax, ymin, ymax
}

// Thumbnail implements plot.Thumbnailer: a shaded block behind the line's thumbnail.
func (b *bandPlot) Thumbnail(c *draw.Canvas) {
	h := c.Max.Y - c.Min.Y
	r := vg.Rectangle{Min: vg.Point{X: c.Min.X, Y: c.Min.Y + h*0.15}, Max: vg.Point{X: c.Max.X, Y: c.Max.Y - h*0.15}}
	c.SetColor(b.color)
	c.Fill(r.Path())
}

// outline is the band's edges as polylines, for placing the legend.
func (b *bandPlot) outline() []plotter.XYs {
	var lo, hi plotter.XYs
	for i, x := range b.x {
		if math.IsNaN(x) {
			continue
		}
		lo = append(lo, plotter.XY{X: x, Y: b.lo[i]})
		hi = append(hi, plotter.XY{X: x, Y: b.hi[i]})
	}
	return []plotter.XYs{lo, hi}
}
