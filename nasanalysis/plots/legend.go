package plots

import (
	"image/color"
	"math"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// legendBox is a plotter that draws the legend on a semi-opaque white box in the corner
// of the data area that hides the fewest data: gonum's legend has no background, so
// points showed through its text, and it sits in a fixed corner, often over the data.
// It is added to a plot after the data, so that it is drawn over them.
type legendBox struct {
	leg   plot.Legend
	texts []string // the entries' texts: plot.Legend keeps them unexported
	// points are drawn markers, lines are polylines; both in data coordinates. They
	// decide the corner.
	points []plotter.XYs
	lines  []plotter.XYs
	// bottomFirst prefers the lower corners when two corners hide as much.
	bottomFirst bool
}

// Legend box geometry.
var (
	legendFill   = color.NRGBA{R: 255, G: 255, B: 255, A: 217} // 85 % opaque white
	legendBorder = draw.LineStyle{Color: color.Gray{Y: 170}, Width: vg.Points(0.5)}
	legendMargin = vg.Points(4) // between the box's edge and its content
	legendInset  = vg.Points(4) // between the data area's edge and the box
	legendThumb  = vg.Points(18)
	legendGap    = vg.Points(1.5) // between entries
)

func newLegendBox(bottomFirst bool) *legendBox {
	l := plot.NewLegend()
	l.TextStyle.Font = sans(legendSize)
	l.Top, l.Left = true, true
	l.ThumbnailWidth = legendThumb
	l.Padding = legendGap
	return &legendBox{leg: l, bottomFirst: bottomFirst}
}

// add lists a class in the legend. Callers add only classes that have points.
func (b *legendBox) add(name string, thumbs ...plot.Thumbnailer) {
	b.leg.Add(name, thumbs...)
	b.texts = append(b.texts, name)
}

// size is the extent of the entries, as gonum's Legend.Draw lays them out.
func (b *legendBox) size(names []string) (w, h vg.Length) {
	sty := b.leg.TextStyle
	var eh vg.Length
	for _, n := range names {
		w = max(w, b.leg.ThumbnailWidth+sty.Rectangle(" "+n).Max.X)
		eh = max(eh, sty.Rectangle(n).Max.Y)
	}
	h = vg.Length(len(names))*eh + vg.Length(len(names)-1)*b.leg.Padding + sty.FontExtents().Descent
	return w, h
}

// corners lists the candidate boxes of size w x h (content plus margins) inside c, in
// order of preference.
func (b *legendBox) corners(c draw.Canvas, w, h vg.Length) []vg.Rectangle {
	left := c.Min.X + legendInset
	right := c.Max.X - legendInset - w
	top := c.Max.Y - legendInset - h
	bottom := c.Min.Y + legendInset
	at := func(x, y vg.Length) vg.Rectangle {
		return vg.Rectangle{Min: vg.Point{X: x, Y: y}, Max: vg.Point{X: x + w, Y: y + h}}
	}
	tops := []vg.Rectangle{at(right, top), at(left, top)}
	bottoms := []vg.Rectangle{at(right, bottom), at(left, bottom)}
	if b.bottomFirst {
		return append(bottoms, tops...)
	}
	return append(tops, bottoms...)
}

// hidden counts the drawn data inside r: each marker, and each 2-point step along each
// line, so that a line crossing the box counts by its length.
func (b *legendBox) hidden(r vg.Rectangle, trX, trY func(float64) vg.Length) int {
	in := func(p vg.Point) bool {
		return p.X >= r.Min.X && p.X <= r.Max.X && p.Y >= r.Min.Y && p.Y <= r.Max.Y
	}
	n := 0
	for _, xys := range b.points {
		for _, p := range xys {
			if in(vg.Point{X: trX(p.X), Y: trY(p.Y)}) {
				n++
			}
		}
	}
	for _, xys := range b.lines {
		for i := 1; i < len(xys); i++ {
			p0 := vg.Point{X: trX(xys[i-1].X), Y: trY(xys[i-1].Y)}
			p1 := vg.Point{X: trX(xys[i].X), Y: trY(xys[i].Y)}
			d := math.Hypot(float64(p1.X-p0.X), float64(p1.Y-p0.Y))
			steps := max(1, int(d/2))
			for s := 0; s < steps; s++ {
				t := vg.Length(float64(s) / float64(steps))
				if in(vg.Point{X: p0.X + t*(p1.X-p0.X), Y: p0.Y + t*(p1.Y-p0.Y)}) {
					n++
				}
			}
		}
	}
	return n
}

// Plot implements plot.Plotter.
func (b *legendBox) Plot(c draw.Canvas, p *plot.Plot) {
	if len(b.texts) == 0 {
		return
	}
	w, h := b.size(b.texts)
	w, h = w+2*legendMargin, h+2*legendMargin
	trX, trY := p.Transforms(&c)
	best, bestN := vg.Rectangle{}, -1
	for _, r := range b.corners(c, w, h) {
		if n := b.hidden(r, trX, trY); bestN < 0 || n < bestN {
			best, bestN = r, n
		}
	}
	c.SetColor(legendFill)
	c.Fill(best.Path())
	c.StrokeLines(legendBorder, []vg.Point{best.Min, {X: best.Max.X, Y: best.Min.Y}, best.Max, {X: best.Min.X, Y: best.Max.Y}, best.Min})
	inner := c
	inner.Rectangle = vg.Rectangle{
		Min: vg.Point{X: best.Min.X + legendMargin, Y: best.Min.Y + legendMargin},
		Max: vg.Point{X: best.Max.X - legendMargin, Y: best.Max.Y - legendMargin},
	}
	b.leg.Draw(inner)
}
