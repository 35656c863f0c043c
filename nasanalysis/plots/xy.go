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
	Name string
	X, Y []float64 // points with a NaN coordinate are left out
	// YErr, when set, draws a vertical error bar of ±YErr[i] at each point (Lines only).
	YErr []float64
	// Style, when k > 0, draws the series in the k-th colour, dash and marker (Lines
	// only), so that several series — one per seed — share one look and one legend entry;
	// 0 styles each series by its position.
	Style int
}

// Axes sets titles and scales shared by the XY figures.
type Axes struct {
	Title, XLabel, YLabel string
	LogX, LogY            bool
	LegendBottom          bool // legend in the lower right corner instead of the upper right
	Caption               string
	Width, Height         vg.Length // 0: 16 x 11 cm
}

func (a Axes) newPlot() *plot.Plot {
	p := plot.New()
	p.Title.Text = a.Title
	p.X.Label.Text, p.Y.Label.Text = a.XLabel, a.YLabel
	if a.LogX {
		p.X.Scale, p.X.Tick.Marker = plot.LogScale{}, plot.LogTicks{Prec: -1}
	}
	if a.LogY {
		p.Y.Scale, p.Y.Tick.Marker = plot.LogScale{}, plot.LogTicks{Prec: -1}
	}
	p.Add(plotter.NewGrid())
	p.Legend.Top = !a.LegendBottom
	return p
}

func (a Axes) figure(p *plot.Plot) *Figure {
	w, h := a.Width, a.Height
	if w == 0 {
		w = 16 * vg.Centimeter
	}
	if h == 0 {
		h = 11 * vg.Centimeter
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
		if math.IsNaN(x) || math.IsNaN(y) || (logX && x <= 0) || (logY && y <= 0) {
			continue
		}
		xys = append(xys, plotter.XY{X: x, Y: y})
	}
	return xys, nil
}

// Scatter draws each series as points in its own colour and shape, with a legend.
func Scatter(a Axes, groups ...Series) (*Figure, error) {
	p := a.newPlot()
	for i, g := range groups {
		xys, err := points(g, a.LogX, a.LogY)
		if err != nil {
			return nil, err
		}
		sc, err := plotter.NewScatter(xys)
		if err != nil {
			return nil, fmt.Errorf("series %q: %w", g.Name, err)
		}
		sc.GlyphStyle.Color = plotutil.Color(i)
		sc.GlyphStyle.Shape = plotutil.Shape(i)
		sc.GlyphStyle.Radius = vg.Points(1.5)
		p.Add(sc)
		if g.Name != "" {
			p.Legend.Add(g.Name, sc)
		}
	}
	return a.figure(p), nil
}

// Lines draws each series as a line through its points in the given order; with step
// true as a staircase (a Pareto front: the value holds until the next point).
func Lines(a Axes, step bool, series ...Series) (*Figure, error) {
	p := a.newPlot()
	for i, s := range series {
		xys, err := points(s, a.LogX, a.LogY)
		if err != nil {
			return nil, err
		}
		l, sc, err := plotter.NewLinePoints(xys)
		if err != nil {
			return nil, fmt.Errorf("series %q: %w", s.Name, err)
		}
		if step {
			l.StepStyle = plotter.PostStep
		}
		if s.Style > 0 {
			i = s.Style - 1
		}
		l.Color = plotutil.Color(i)
		l.Dashes = plotutil.Dashes(i)
		if s.YErr != nil {
			bars, err := errorBars(s)
			if err != nil {
				return nil, err
			}
			bars.Color = plotutil.Color(i)
			p.Add(bars)
		}
		sc.Color = plotutil.Color(i)
		sc.Shape = plotutil.Shape(i)
		sc.Radius = vg.Points(2)
		p.Add(l, sc)
		if s.Name != "" {
			p.Legend.Add(s.Name, l, sc)
		}
	}
	return a.figure(p), nil
}

// Distribution is one named sample.
type Distribution struct {
	Name   string
	Values []float64 // NaN values are left out
}

// BoxPlots draws one box (quartiles, whiskers to 1.5 IQR, outliers) per distribution,
// side by side, with the names as tick labels.
func BoxPlots(a Axes, dists ...Distribution) (*Figure, error) {
	p := a.newPlot()
	p.Legend.Top = false
	w := vg.Points(14)
	names := make([]string, len(dists))
	for i, d := range dists {
		var vals plotter.Values
		for _, v := range d.Values {
			if !math.IsNaN(v) && (!a.LogY || v > 0) {
				vals = append(vals, v)
			}
		}
		if len(vals) == 0 {
			return nil, fmt.Errorf("distribution %q has no values", d.Name)
		}
		b, err := plotter.NewBoxPlot(w, float64(i), vals)
		if err != nil {
			return nil, err
		}
		b.FillColor = plotutil.Color(i % 7)
		b.GlyphStyle.Radius = vg.Points(1)
		p.Add(b)
		names[i] = d.Name
	}
	for i := range names {
		names[i] += "  " // keep rotated labels clear of the axis (see Heatmap)
	}
	p.NominalX(names...)
	p.X.Tick.Label.Rotation = math.Pi / 2
	p.X.Tick.Label.XAlign = draw.XRight
	p.X.Tick.Label.YAlign = draw.YCenter
	if a.Width == 0 {
		a.Width = vg.Length(math.Max(16, 1.0*float64(len(dists))+4)) * vg.Centimeter
	}
	return a.figure(p), nil
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
