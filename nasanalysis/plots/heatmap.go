package plots

import (
	"fmt"
	"image/color"
	"math"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/palette"
	"gonum.org/v1/plot/palette/moreland"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// Heatmap describes an annotated matrix figure: each cell is coloured by its value and
// labelled with it; a colour bar on the right gives the scale.
type Heatmap struct {
	Title     string
	Values    [][]float64 // Values[row][col]; NaN is drawn grey and labelled "–"
	RowLabels []string    // top to bottom
	ColLabels []string    // left to right
	// Min and Max fix the colour range; both zero means the range of the finite values.
	Min, Max float64
	Format   string // cell label format; "%.2f" when empty
	Caption  string
	ColorMap palette.ColorMap // nil: moreland's smooth blue-red
	XLabel   string
	YLabel   string
	// ValueLabel names the quantity on the colour bar, e.g. "SRCC".
	ValueLabel string
}

type grid struct {
	v [][]float64
}

func (g grid) Dims() (c, r int)   { return len(g.v[0]), len(g.v) }
func (g grid) Z(c, r int) float64 { return g.v[len(g.v)-1-r][c] } // row 0 at the top
func (g grid) X(c int) float64    { return float64(c) }
func (g grid) Y(r int) float64    { return float64(r) }

// Figure lays the heatmap out at a size that fits its labels.
func (h Heatmap) Figure() (*Figure, error) {
	if err := h.check(); err != nil {
		return nil, err
	}
	nr, nc := len(h.Values), len(h.Values[0])
	lo, hi := h.colorRange()
	cm := h.ColorMap
	if cm == nil {
		cm = moreland.SmoothBlueRed()
	}
	cm.SetMin(lo)
	cm.SetMax(hi)

	p := plot.New()
	p.Title.Text = h.Title
	p.X.Label.Text, p.Y.Label.Text = h.XLabel, h.YLabel
	hm := plotter.NewHeatMap(grid{h.Values}, cm.Palette(255))
	hm.Min, hm.Max = lo, hi
	hm.NaN = color.Gray{Y: 200}
	hm.Underflow, hm.Overflow = cm.Palette(255).Colors()[0], cm.Palette(255).Colors()[254]
	p.Add(hm)
	lab, err := h.cellLabels(p, cm, lo, hi)
	if err != nil {
		return nil, err
	}
	p.Add(lab)
	h.setTicks(p)
	bar := valueBar(cm, lo, hi, h.ValueLabel)

	cell := vg.Length(math.Max(14, math.Min(40, 520/float64(max(nr, nc)))))
	w := cell*vg.Length(nc) + 5*vg.Centimeter
	ht := cell*vg.Length(nr) + 4.5*vg.Centimeter
	return NewFigure(w, ht, h.Caption, func(c draw.Canvas) { drawWithBar(c, p, bar) }), nil
}

// check rejects an empty or ragged matrix and labels that do not match its shape.
func (h Heatmap) check() error {
	nr := len(h.Values)
	if nr == 0 || len(h.Values[0]) == 0 {
		return fmt.Errorf("heatmap %q: no values", h.Title)
	}
	nc := len(h.Values[0])
	for i, row := range h.Values {
		if len(row) != nc {
			return fmt.Errorf("heatmap %q: row %d has %d values, want %d", h.Title, i, len(row), nc)
		}
	}
	if len(h.RowLabels) != nr || len(h.ColLabels) != nc {
		return fmt.Errorf("heatmap %q: %d row and %d column labels for a %dx%d matrix", h.Title, len(h.RowLabels), len(h.ColLabels), nr, nc)
	}
	return nil
}

// colorRange is [Min, Max] when either is set, else the range of the finite values,
// widened by 0.5 each way when they are all equal and [0, 1] when there are none.
func (h Heatmap) colorRange() (lo, hi float64) {
	lo, hi = h.Min, h.Max
	if lo != 0 || hi != 0 {
		return lo, hi
	}
	lo, hi = math.Inf(1), math.Inf(-1)
	for _, row := range h.Values {
		for _, v := range row {
			if !math.IsNaN(v) && !math.IsInf(v, 0) {
				lo, hi = math.Min(lo, v), math.Max(hi, v)
			}
		}
	}
	if lo > hi {
		lo, hi = 0, 1
	}
	if lo == hi {
		lo, hi = lo-0.5, hi+0.5
	}
	return lo, hi
}

// cellLabels annotates every cell with its value (NaN as "–"), dark text on light cells
// and white on dark ones. It must run before setTicks changes p's tick label style,
// which the cell labels copy for its font.
func (h Heatmap) cellLabels(p *plot.Plot, cm palette.ColorMap, lo, hi float64) (*plotter.Labels, error) {
	nr, nc := len(h.Values), len(h.Values[0])
	format := h.Format
	if format == "" {
		format = "%.2f"
	}
	cellPt := vg.Length(math.Max(4, math.Min(9, 160/float64(max(nr, nc)))))
	var xys plotter.XYs
	var labels []string
	var styles []text.Style
	for r, row := range h.Values {
		for c, v := range row {
			xys = append(xys, plotter.XY{X: float64(c), Y: float64(nr - 1 - r)})
			st := p.X.Tick.Label // a copy carrying the default font
			st.Font.Size = cellPt
			st.XAlign, st.YAlign = draw.XCenter, draw.YCenter
			st.Color = color.Black
			if math.IsNaN(v) {
				labels = append(labels, "–")
			} else {
				labels = append(labels, fmt.Sprintf(format, v))
				if col, err := cm.At(math.Max(lo, math.Min(hi, v))); err == nil && luminance(col) < 0.45 {
					st.Color = color.White
				}
			}
			styles = append(styles, st)
		}
	}
	lab, err := plotter.NewLabels(plotter.XYLabels{XYs: xys, Labels: labels})
	if err != nil {
		return nil, err
	}
	lab.TextStyle = styles
	return lab, nil
}

// setTicks names the columns (rotated, along the bottom) and rows (top to bottom) and
// fits the axes to the cells.
func (h Heatmap) setTicks(p *plot.Plot) {
	nr, nc := len(h.Values), len(h.Values[0])
	// gonum places rotated tick labels as if they were horizontal text (offset by the
	// font descent), which pushes their ends into the cells; two trailing spaces keep the
	// visible text clear of them.
	cols := make([]string, nc)
	for c, l := range h.ColLabels {
		cols[c] = l + "  "
	}
	p.NominalX(cols...)
	rows := make([]string, nr)
	for r := range rows {
		rows[r] = h.RowLabels[nr-1-r]
	}
	p.NominalY(rows...)
	p.X.Tick.Label.Rotation = math.Pi / 2
	p.X.Tick.Label.XAlign = draw.XRight
	p.X.Tick.Label.YAlign = draw.YCenter
	p.X.Padding, p.Y.Padding = 0, 0
	p.X.Min, p.X.Max = -0.5, float64(nc)-0.5
	p.Y.Min, p.Y.Max = -0.5, float64(nr)-0.5
}

// valueBar is the colour scale from lo to hi, labelled with the quantity's name.
func valueBar(cm palette.ColorMap, lo, hi float64, label string) *plot.Plot {
	bar := plot.New()
	bar.HideX()
	bar.Y.Padding = 0
	bar.Y.Label.Text = label
	bar.Add(colorBar{cm: cm, steps: 128})
	bar.X.Min, bar.X.Max = 0, 1
	bar.Y.Min, bar.Y.Max = lo, hi
	return bar
}

// barWidth is the room on the right for the colour bar, its tick labels and its label.
const barWidth = 3.4 * vg.Centimeter

// drawWithBar draws the heatmap p and, on its right, the colour bar spanning exactly
// the height of the heatmap's cells.
func drawWithBar(c draw.Canvas, p, bar *plot.Plot) {
	main := draw.Crop(c, 0, -barWidth, 0, 0)
	p.Draw(main)
	data := p.DataCanvas(main)
	side := c
	side.Min = vg.Point{X: c.Max.X - barWidth + 0.2*vg.Centimeter, Y: data.Min.Y}
	side.Max = vg.Point{X: c.Max.X - 0.3*vg.Centimeter, Y: data.Max.Y}
	bar.Draw(side)
}

func luminance(c color.Color) float64 {
	r, g, b, _ := c.RGBA()
	return (0.2126*float64(r) + 0.7152*float64(g) + 0.0722*float64(b)) / 0xffff
}

// colorBar draws a vertical colour scale as filled rectangles. gonum's ColorBar draws a
// one-pixel-wide image, which SVG viewers scale with its aspect ratio kept, leaving a
// hairline; rectangles render the same in SVG and PNG.
type colorBar struct {
	cm    palette.ColorMap
	steps int
}

func (b colorBar) Plot(c draw.Canvas, p *plot.Plot) {
	trX, trY := p.Transforms(&c)
	lo, hi := b.cm.Min(), b.cm.Max()
	for i := 0; i < b.steps; i++ {
		v0 := lo + (hi-lo)*float64(i)/float64(b.steps)
		v1 := lo + (hi-lo)*float64(i+1)/float64(b.steps)
		col, err := b.cm.At((v0 + v1) / 2)
		if err != nil {
			continue
		}
		rect := vg.Rectangle{Min: vg.Point{X: trX(0), Y: trY(v0)}, Max: vg.Point{X: trX(1), Y: trY(v1)}}
		c.SetColor(col)
		c.Fill(rect.Path())
	}
}
