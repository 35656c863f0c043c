package plots

import (
	"fmt"
	"math"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/plotutil"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// Series is one named group of points.
type Series struct {
	// Name is the series' legend entry; an empty name, or a series with no point left to
	// draw, is not listed.
	Name string
	X, Y []float64 // points with a NaN coordinate are left out
	// YErr, when set, draws a vertical error bar of ±YErr[i] at each point (Lines only).
	// For more than a handful of points prefer a band (Lo, Hi): bars at every point of a
	// long curve merge into a fence.
	YErr []float64
	// Lo and Hi, when set, shade the band between them behind the line (Lines only):
	// mean ± sd, an interval, or a range over seeds; see Band and MeanBand (and pareto.Attainment for several seeds' fronts).
	// Both are as long as X; a NaN leaves a gap.
	Lo, Hi []float64
	// Style, when k > 0, draws the series in the k-th colour, dash and marker, so that
	// several series (one per seed) share one look and one legend entry, named by the
	// first of them with a name; series of one Style with different names are refused,
	// since one entry cannot name them all. 0 styles each series by its position, with
	// an entry of its own.
	Style int
}

// Axes sets titles and scales shared by the XY figures and box plots.
type Axes struct {
	Title string
	// XLabel and YLabel name each axis's quantity with its unit: "latency (ms)",
	// "CIFAR-10 accuracy (%)", "MACs (millions, log scale)". An empty label on a
	// numeric axis is drawn as "x (unit?)" or "y (unit?)", so that an omission shows in
	// the report; the categories of a box plot need no XLabel.
	XLabel, YLabel string
	LogX, LogY     bool
	// LegendBottom prefers the lower corners for the legend. The legend goes in the
	// corner of the data area where it hides the fewest points and lines; this only
	// decides between corners that hide as few.
	LegendBottom bool
	Caption      string
	Width        vg.Length // 0: ColumnWidth
	Height       vg.Length // 0: DefaultHeight
	// KeepOrder draws boxes and legend entries in the order given. By default names
	// that differ only in their numbers come in numeric order (see NaturalOrder).
	KeepOrder bool
}

func (a Axes) newPlot() *plot.Plot {
	p := newStyledPlot()
	p.Title.Text = a.Title
	p.X.Label.Text = labelOr(a.XLabel, missingX)
	p.Y.Label.Text = labelOr(a.YLabel, missingY)
	setScale(&p.X, a.LogX)
	setScale(&p.Y, a.LogY)
	p.Add(plotter.NewGrid())
	return p
}

func (a Axes) figure(p *plot.Plot) *Figure {
	w, h := a.Width, a.Height
	if w == 0 {
		w = ColumnWidth
	}
	if h == 0 {
		h = DefaultHeight
	}
	return FromPlot(p, w, h, a.Caption)
}

func points(s Series, logX, logY bool) (plotter.XYs, error) {
	if len(s.X) != len(s.Y) {
		return nil, fmt.Errorf("series %q: %d x values, %d y values", s.Name, len(s.X), len(s.Y))
	}
	xys := make(plotter.XYs, 0, len(s.X))
	for i := range s.X {
		x, y := s.X[i], s.Y[i]
		if math.IsNaN(x) || math.IsNaN(y) || math.IsInf(x, 0) || math.IsInf(y, 0) || (logX && x <= 0) || (logY && y <= 0) {
			continue
		}
		xys = append(xys, plotter.XY{X: x, Y: y})
	}
	return xys, nil
}

// styleIndex is the colour, dash and marker index of the i-th series.
func styleIndex(s Series, i int) int {
	if s.Style > 0 {
		return s.Style - 1
	}
	return i
}

// entry is one legend line before ordering.
type entry struct {
	name   string
	thumbs []plot.Thumbnailer
}

// entries collects the legend's lines: one per named series that has something drawn,
// except that the series of one Style k > 0 (one per seed) share their first entry.
type entries struct {
	list    []entry
	byStyle map[int]string // Style -> the name it is listed under
}

// add lists s with its thumbnails, unless it has no name, nothing drawn, or its Style
// is listed already.
func (es *entries) add(s Series, thumbs []plot.Thumbnailer) error {
	if s.Name == "" || len(thumbs) == 0 {
		return nil
	}
	if s.Style > 0 {
		if name, ok := es.byStyle[s.Style]; ok {
			if name != s.Name {
				return fmt.Errorf("series %q and %q share Style %d, so one look and one legend entry, but not a name", name, s.Name, s.Style)
			}
			return nil
		}
		if es.byStyle == nil {
			es.byStyle = map[int]string{}
		}
		es.byStyle[s.Style] = s.Name
	}
	es.list = append(es.list, entry{s.Name, thumbs})
	return nil
}

// addEntries lists entries in the legend in NaturalOrder, or as given with keep.
func (b *legendBox) addEntries(es []entry, keep bool) {
	order := make([]int, len(es))
	for i := range order {
		order[i] = i
	}
	if !keep {
		names := make([]string, len(es))
		for i, e := range es {
			names[i] = e.name
		}
		order = NaturalOrder(names)
	}
	for _, k := range order {
		b.add(es[k].name, es[k].thumbs...)
	}
}

// Scatter draws each series as points in its own colour and shape, with a legend of
// the series that have points.
func Scatter(a Axes, groups ...Series) (*Figure, error) {
	p, _, err := scatterPlot(a, groups)
	if err != nil {
		return nil, err
	}
	return a.figure(p), nil
}

// scatterPlot is Scatter's plot and its legend.
func scatterPlot(a Axes, groups []Series) (*plot.Plot, *legendBox, error) {
	p := a.newPlot()
	leg := newLegendBox(a.LegendBottom)
	xe, ye := newExtent(a.LogX), newExtent(a.LogY)
	var listed entries
	for i, g := range groups {
		xys, err := points(g, a.LogX, a.LogY)
		if err != nil {
			return nil, nil, err
		}
		if len(xys) == 0 {
			continue // an empty class is neither drawn nor listed
		}
		sc, err := plotter.NewScatter(xys)
		if err != nil {
			return nil, nil, fmt.Errorf("series %q: %w", g.Name, err)
		}
		k := styleIndex(g, i)
		sc.GlyphStyle.Color = plotutil.Color(k)
		sc.GlyphStyle.Shape = plotutil.Shape(k)
		sc.GlyphStyle.Radius = vg.Points(1.5)
		p.Add(sc)
		for _, q := range xys {
			xe.add(q.X)
			ye.add(q.Y)
		}
		leg.points = append(leg.points, xys)
		if err := listed.add(g, []plot.Thumbnailer{sc}); err != nil {
			return nil, nil, err
		}
	}
	xe.apply(&p.X)
	ye.apply(&p.Y)
	leg.addEntries(listed.list, a.KeepOrder)
	p.Add(leg)
	return p, leg, nil
}

// maxMarked is the most points a line is drawn with markers at: past it the markers
// merge into a thick line.
const maxMarked = 40

// Lines draws each series as a line through its points in the given order; with step
// true as a staircase (a Pareto front: the value holds until the next point). A series
// with Lo and Hi gets its band shaded behind all lines; one with YErr gets error bars.
// The legend has one entry per Series.Style k > 0 (three seeds' fronts of one space
// are one entry) and one per other named series.
func Lines(a Axes, step bool, series ...Series) (*Figure, error) {
	p, _, err := linesPlot(a, step, series)
	if err != nil {
		return nil, err
	}
	return a.figure(p), nil
}

// linesPlot is Lines' plot and its legend.
func linesPlot(a Axes, step bool, series []Series) (*plot.Plot, *legendBox, error) {
	p := a.newPlot()
	leg := newLegendBox(a.LegendBottom)
	xe, ye := newExtent(a.LogX), newExtent(a.LogY)
	var listed entries
	var bands, fronts []plot.Plotter // bands first, so that no band covers a line
	for i, s := range series {
		xys, err := points(s, a.LogX, a.LogY)
		if err != nil {
			return nil, nil, err
		}
		k := styleIndex(s, i)
		col := plotutil.Color(k)
		var thumbs []plot.Thumbnailer
		if s.Lo != nil || s.Hi != nil {
			b, err := newBand(s, a.LogX, a.LogY, step, col)
			if err != nil {
				return nil, nil, err
			}
			if bx0, bx1, by0, by1 := b.DataRange(); bx0 <= bx1 {
				bands = append(bands, b)
				thumbs = append(thumbs, b)
				xe.add(bx0, bx1)
				ye.add(by0, by1)
				leg.lines = append(leg.lines, b.outline()...)
			}
		}
		if len(xys) > 0 {
			l, err := plotter.NewLine(xys)
			if err != nil {
				return nil, nil, fmt.Errorf("series %q: %w", s.Name, err)
			}
			if step {
				l.StepStyle = plotter.PostStep
			}
			l.Color = col
			l.Dashes = plotutil.Dashes(k)
			l.Width = vg.Points(1.2)
			fronts = append(fronts, l)
			thumbs = append(thumbs, l)
			if len(xys) <= maxMarked {
				sc, err := plotter.NewScatter(xys)
				if err != nil {
					return nil, nil, fmt.Errorf("series %q: %w", s.Name, err)
				}
				sc.Color = col
				sc.Shape = plotutil.Shape(k)
				sc.Radius = vg.Points(2)
				fronts = append(fronts, sc)
				thumbs = append(thumbs, sc)
			}
			for _, q := range xys {
				xe.add(q.X)
				ye.add(q.Y)
			}
			leg.lines = append(leg.lines, xys)
		}
		if s.YErr != nil {
			bars, err := errorBars(s)
			if err != nil {
				return nil, nil, err
			}
			bars.Color = col
			fronts = append(fronts, bars)
			for j := range bars.XYs {
				ye.add(bars.XYs[j].Y-bars.YErrors[j].Low, bars.XYs[j].Y+bars.YErrors[j].High)
			}
		}
		if err := listed.add(s, thumbs); err != nil {
			return nil, nil, err
		}
	}
	p.Add(bands...)
	p.Add(fronts...)
	xe.apply(&p.X)
	ye.apply(&p.Y)
	leg.addEntries(listed.list, a.KeepOrder)
	p.Add(leg)
	return p, leg, nil
}

// Distribution is one named sample.
type Distribution struct {
	Name   string
	Values []float64 // NaN values are left out
}

// BoxPlots draws one box (quartiles, whiskers to 1.5 IQR, outliers) per distribution,
// side by side, with the names as tick labels, in NaturalOrder unless a.KeepOrder.
func BoxPlots(a Axes, dists ...Distribution) (*Figure, error) {
	if len(dists) == 0 {
		return nil, fmt.Errorf("box plots %q: no distributions", a.Title)
	}
	if a.Width == 0 {
		a.Width = ColumnWidth
	}
	p, err := boxPlot(a, dists)
	if err != nil {
		return nil, err
	}
	return a.figure(p), nil
}

// boxPlot is BoxPlots' plot; a.Width is set.
func boxPlot(a Axes, dists []Distribution) (*plot.Plot, error) {
	p := a.newPlot()
	p.X.Label.Text = a.XLabel // categories: no placeholder
	setScale(&p.X, false)     // box positions 0, 1, ...: LogX does not apply
	names := make([]string, len(dists))
	for i, d := range dists {
		names[i] = d.Name
	}
	order := NaturalOrder(names)
	if a.KeepOrder {
		for i := range order {
			order[i] = i
		}
	}
	// Boxes take half of their slot, at most 14 pt: 27 configurations still fit a column.
	slot := (a.Width - 3*vg.Centimeter) / vg.Length(max(1, len(dists)))
	w := max(vg.Points(4), min(vg.Points(14), slot/2))
	ye := newExtent(a.LogY)
	labels := make([]string, len(dists))
	for pos, i := range order {
		d := dists[i]
		var vals plotter.Values
		for _, v := range d.Values {
			if !math.IsNaN(v) && !math.IsInf(v, 0) && (!a.LogY || v > 0) {
				vals = append(vals, v)
			}
		}
		if len(vals) == 0 {
			return nil, fmt.Errorf("distribution %q has no values", d.Name)
		}
		b, err := plotter.NewBoxPlot(w, float64(pos), vals)
		if err != nil {
			return nil, err
		}
		b.FillColor = plotutil.Color(pos % 7)
		b.GlyphStyle.Radius = vg.Points(1)
		p.Add(b)
		ye.add(vals...)
		// gonum places rotated tick labels as if they were horizontal text, which
		// pushes their ends into the plot; two trailing spaces keep them clear.
		labels[pos] = d.Name + "  "
	}
	p.NominalX(labels...)
	p.Y.Padding = vg.Points(2) // NominalX sets it for horizontal labels
	p.X.Tick.Label.Rotation = math.Pi / 2
	p.X.Tick.Label.XAlign = draw.XRight
	p.X.Tick.Label.YAlign = draw.YCenter
	p.X.Min, p.X.Max = -0.6, float64(len(dists))-0.4
	ye.apply(&p.Y)
	return p, nil
}

type xyErr struct {
	plotter.XYs
	plotter.YErrors
}

func errorBars(s Series) (*plotter.YErrorBars, error) {
	if len(s.YErr) != len(s.X) {
		return nil, fmt.Errorf("series %q: %d error values for %d points", s.Name, len(s.YErr), len(s.X))
	}
	var d xyErr
	for i := range s.X {
		if math.IsNaN(s.X[i]) || math.IsNaN(s.Y[i]) || math.IsNaN(s.YErr[i]) {
			continue
		}
		d.XYs = append(d.XYs, plotter.XY{X: s.X[i], Y: s.Y[i]})
		d.YErrors = append(d.YErrors, struct{ Low, High float64 }{s.YErr[i], s.YErr[i]})
	}
	return plotter.NewYErrorBars(d)
}
