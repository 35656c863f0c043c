package plots

import (
	"fmt"
	"image/color"
	"math"
	"sort"
	"strconv"
	"strings"

	"github.com/nasanalysis/nasanalysis/nasanalysis/stats"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/palette"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// Heatmap describes an annotated matrix figure: each cell is coloured by its value and
// labelled with it (and its interval, when given and it fits); a labelled colour bar on
// the right gives the scale.
type Heatmap struct {
	Title     string
	Values    [][]float64 // Values[row][col]; NaN is drawn grey and labelled "–"
	RowLabels []string    // top to bottom
	ColLabels []string    // left to right
	// Lo and Hi, when set, are an interval around each value at confidence Level (0.95
	// for 95 %), in matrices shaped as Values. A cell prints its interval under its
	// value ("0.88–0.92", or "[-0.50, -0.30]" in a figure with a negative bound) when
	// both fit at a legible size, and the figure's caption says which it shows: "Each
	// cell gives the estimate over its 95 % interval", or how wide the intervals that
	// did not fit are. A cell whose interval is a point (the 1 of a correlation
	// matrix's diagonal) or not finite prints its value alone.
	Lo, Hi [][]float64
	Level  float64
	// Min and Max, when either is set, fix the colour range: set them on purpose, to
	// give several figures one scale (SharedRange fits one to all their values). Both
	// zero fits the scale to the finite values shown (see SharedRange), so that the
	// colours spread over the data: a fixed 0.3-1 scale on values almost all above 0.85
	// paints every cell the same colour. A Diverging scale widens either range to be
	// centred on 0. Cells outside the range take the end colours, and a triangle at
	// that end of the colour bar says so.
	Min, Max float64
	Format   string // cell label format; "%.2f" when empty
	Caption  string
	// Scale chooses how values map to colours: Sequential for quantities that go one
	// way (latency, FLOPs, accuracy, correlations), Diverging, centred on 0, for signed
	// shifts. AutoScale, the zero value, is Diverging only when Signed is set and the
	// values have both signs.
	Scale ColorScale
	// Signed says the values are signed shifts from 0 (a change, a difference from a
	// baseline), so that AutoScale may show their sign with a diverging scale.
	Signed bool
	// ColorMap, when set, replaces the scale's colours; its range is still the
	// scale's (see Colors).
	ColorMap palette.ColorMap
	XLabel   string
	YLabel   string
	// ValueLabel names the quantity on the colour bar with its unit, e.g. "SRCC" or
	// "latency shift (ms)"; empty draws "value (unit?)".
	ValueLabel string
	// Width of the figure; 0 fits the matrix into ColumnWidth, or less when its cells
	// reach their largest size first.
	Width vg.Length
	// KeepOrder keeps rows and columns in the order given. By default labels that differ
	// only in their numbers come in numeric order (see NaturalOrder), their values with
	// them.
	KeepOrder bool
}

type grid struct {
	v [][]float64
}

func (g grid) Dims() (c, r int)   { return len(g.v[0]), len(g.v) }
func (g grid) Z(c, r int) float64 { return g.v[len(g.v)-1-r][c] } // row 0 at the top
func (g grid) X(c int) float64    { return float64(c) }
func (g grid) Y(r int) float64    { return float64(r) }

// Cell sizes in points: a cell never grows past maxCell (a 2 x 2 matrix would fill the
// column with four slabs) and its label is never set below minCellText (it would not
// be legible; the colour and the bar still give the value).
const (
	maxCell     = 40
	maxCellText = 9
	minCellText = 5
)

// maxCellsHeight bounds the height of the cells, so that a long matrix (20 positions
// by 2 rules) stays on one screen rather than taking the column's width per cell.
const maxCellsHeight = 15 * vg.Centimeter

// Figure lays the heatmap out at a size that fits its labels, with square cells.
func (h Heatmap) Figure() (*Figure, error) {
	if err := h.check(); err != nil {
		return nil, err
	}
	if !h.KeepOrder {
		h = h.ordered()
	}
	nr, nc := len(h.Values), len(h.Values[0])
	cm, _ := h.Colors()
	lo, hi := cm.Min(), cm.Max()

	p := newStyledPlot()
	p.Title.Text = h.Title
	p.X.Label.Text, p.Y.Label.Text = h.XLabel, h.YLabel
	hm := plotter.NewHeatMap(grid{h.Values}, cm.Palette(255))
	hm.Min, hm.Max = lo, hi
	hm.NaN = color.Gray{Y: 200}
	hm.Underflow, hm.Overflow = cm.Palette(255).Colors()[0], cm.Palette(255).Colors()[254]
	p.Add(hm)
	h.setTicks(p)
	bar := valueBar(cm, lo, hi, labelOr(h.ValueLabel, missingValue))
	barW := barWidth(bar)

	w := h.Width
	if w == 0 {
		w = ColumnWidth
	}
	cell, left, right, top, bottom := h.layout(p, w-barW)
	if h.Width == 0 {
		// As narrow as the cells allow, but no narrower than the title (centred over
		// the cells' part of the figure), which would be cut at both ends.
		title := p.Title.TextStyle.Width(p.Title.Text) + vg.Points(8)
		w = max(left+vg.Length(nc)*cell+right, min(title, w-barW)) + barW
	}
	// The colour bar spans the cells and is labelled along its length: a matrix of one
	// or two rows gets taller cells rather than a clipped label.
	cells := max(vg.Length(nr)*cell, bar.Y.Label.TextStyle.Width(bar.Y.Label.Text)+vg.Points(8))
	ht := top + cells + bottom
	lab, note, err := h.cellLabels(cm, lo, hi, cell)
	if err != nil {
		return nil, err
	}
	if lab != nil {
		p.Add(lab)
	}
	ends := barEnds{width: barW}
	if below, above := h.outside(lo, hi); below || above {
		if below {
			ends.below = hm.Underflow
		}
		if above {
			ends.above = hm.Overflow
		}
	}
	caption := h.Caption
	if note != "" {
		caption = strings.TrimSpace(caption + " " + note)
	}
	return NewFigure(w, ht, caption, func(c draw.Canvas) { drawWithBar(c, p, bar, ends) }), nil
}

// layout is the cell size when the plot p is drawn in width w, and the margins the
// plot needs around the cells. Tick labels shrink with the cells of a large matrix.
func (h Heatmap) layout(p *plot.Plot, w vg.Length) (cell, left, right, top, bottom vg.Length) {
	nr, nc := len(h.Values), len(h.Values[0])
	for pass := 0; pass < 2; pass++ {
		const tall = 2000 // any height that leaves room for the cells
		dc := dataCanvas(p, draw.Canvas{Rectangle: vg.Rectangle{Max: vg.Point{X: w, Y: tall}}})
		left, right = dc.Min.X, w-dc.Max.X
		bottom, top = dc.Min.Y, tall-dc.Max.Y
		cell = min(vg.Points(maxCell), (dc.Max.X-dc.Min.X)/vg.Length(nc), maxCellsHeight/vg.Length(nr))
		size := min(vg.Points(tickSize), 0.8*cell)
		if size == p.X.Tick.Label.Font.Size {
			break
		}
		p.X.Tick.Label.Font.Size, p.Y.Tick.Label.Font.Size = size, size
	}
	return cell, left, right, top, bottom
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
	if (h.Min != 0 || h.Max != 0) && !(h.Min < h.Max) {
		return fmt.Errorf("heatmap %q: colour range Min %g to Max %g is empty", h.Title, h.Min, h.Max)
	}
	if h.Scale < AutoScale || h.Scale > Diverging {
		return fmt.Errorf("heatmap %q: unknown colour scale %d", h.Title, int(h.Scale))
	}
	if h.Lo == nil && h.Hi == nil {
		return nil
	}
	for _, b := range []struct {
		name string
		m    [][]float64
	}{{"Lo", h.Lo}, {"Hi", h.Hi}} {
		if len(b.m) != nr {
			return fmt.Errorf("heatmap %q: interval bound %s has %d rows, want %d as Values", h.Title, b.name, len(b.m), nr)
		}
		for i, row := range b.m {
			if len(row) != nc {
				return fmt.Errorf("heatmap %q: interval bound %s row %d has %d values, want %d", h.Title, b.name, i, len(row), nc)
			}
		}
	}
	if !(h.Level > 0 && h.Level < 1) {
		return fmt.Errorf("heatmap %q: interval level %g, want the confidence in (0, 1), e.g. 0.95", h.Title, h.Level)
	}
	return nil
}

// ordered is h with rows and columns in NaturalOrder, on copies of its slices.
func (h Heatmap) ordered() Heatmap {
	ro, co := NaturalOrder(h.RowLabels), NaturalOrder(h.ColLabels)
	rows, cols := make([]string, len(ro)), make([]string, len(co))
	for r, i := range ro {
		rows[r] = h.RowLabels[i]
	}
	for c, j := range co {
		cols[c] = h.ColLabels[j]
	}
	permute := func(m [][]float64) [][]float64 {
		if m == nil {
			return nil
		}
		out := make([][]float64, len(ro))
		for r, i := range ro {
			out[r] = make([]float64, len(co))
			for c, j := range co {
				out[r][c] = m[i][j]
			}
		}
		return out
	}
	h.RowLabels, h.ColLabels = rows, cols
	h.Values, h.Lo, h.Hi = permute(h.Values), permute(h.Lo), permute(h.Hi)
	return h
}

// colorRange is [Min, Max] when either is set, else the range SharedRange fits to the
// values.
func (h Heatmap) colorRange() (lo, hi float64) {
	if h.Min != 0 || h.Max != 0 {
		return h.Min, h.Max
	}
	return SharedRange(h.Values)
}

// SharedRange is the colour range that fits the finite values of the matrices: from
// their minimum to their maximum, rounded out to the colour bar's minor ticks (0.853-1
// gives 0.85-1, -0.48-0.97 gives -0.5-1). Among ten values or more, a few far from all
// others (beyond three interquartile ranges from the quartiles; one, or at most 2 %, on
// either side) are left out of the fit, so that one failed pair at 0.3 among SRCCs above
// 0.9 does not paint the rest one red; Heatmap draws such values in the end colour and
// marks that end of its bar. Equal values get 0.5 either side, no values [0, 1].
// Heatmap fits its own values this way; pass SharedRange of several matrices as their
// Min and Max to compare the figures on one scale that still spreads over their data.
func SharedRange(ms ...[][]float64) (lo, hi float64) {
	var vs []float64
	for _, m := range ms {
		for _, row := range m {
			for _, v := range row {
				if finite(v) {
					vs = append(vs, v)
				}
			}
		}
	}
	if len(vs) == 0 {
		return 0, 1
	}
	sort.Float64s(vs)
	lo, hi = vs[0], vs[len(vs)-1]
	// Quantiles fails only on no values or a level outside [0, 1]: neither here.
	if q, err := stats.Quantiles(vs, 0.25, 0.75); err == nil && len(vs) >= 10 {
		// Tukey's far-out fences, on either side only when they leave out a few values
		// (one, or at most 2 %): more is the data's shape, a long tail, not outliers.
		q1, q3 := q[0], q[1]
		few := max(1, len(vs)/50)
		if k := sort.SearchFloat64s(vs, q1-3*(q3-q1)); k <= few {
			lo = vs[k]
		}
		if k := sort.Search(len(vs), func(i int) bool { return vs[i] > q3+3*(q3-q1) }); len(vs)-k <= few {
			hi = vs[k-1]
		}
	}
	if lo == hi {
		return lo - 0.5, hi + 0.5
	}
	mm, me, _ := minorStep(niceStep(lo, hi, 4))
	s := scaled(mm, me)
	k0 := math.Floor(lo/s + 1e-9)
	k1 := math.Ceil(hi/s - 1e-9)
	return scaled(int64(k0)*mm, me), scaled(int64(k1)*mm, me)
}

// outside reports whether any finite value lies below lo or above hi: those cells get
// the end colours, and the colour bar a mark at that end.
func (h Heatmap) outside(lo, hi float64) (below, above bool) {
	for _, row := range h.Values {
		for _, v := range row {
			if finite(v) {
				below, above = below || v < lo, above || v > hi
			}
		}
	}
	return below, above
}

// intervalSize is the size of a cell's interval line relative to its value's: smaller,
// so that the estimate reads first.
const intervalSize = 0.8

// cellLabels annotates every cell with its value (NaN as "–"), dark text on light cells
// and white on dark ones, at the largest size up to 9 pt at which the widest label fits
// its cell; nil when that is below minCellText. With intervals (Lo, Hi) each value
// stands over its interval when both fit at legible sizes; note is the sentence for the
// caption that says whether they do.
func (h Heatmap) cellLabels(cm palette.ColorMap, lo, hi float64, cell vg.Length) (lab *plotter.Labels, note string, err error) {
	nr := len(h.Values)
	format := h.Format
	if format == "" {
		format = "%.2f"
	}
	base := text.Style{Font: sans(1), XAlign: draw.XCenter, YAlign: draw.YCenter, Handler: plot.DefaultTextHandler}
	type cellText struct {
		r, c     int
		ink      color.Color
		value    string
		interval string // "" when the cell has none to show
	}
	// An interval reads "0.88–0.92"; when a bound is negative, "[-0.50, -0.30]", since
	// "-0.50–-0.30" would run the dash into the minus signs.
	interval := func(l, u float64) string {
		return fmt.Sprintf(format, l) + "–" + fmt.Sprintf(format, u)
	}
	if h.anyNegativeBound() {
		interval = func(l, u float64) string {
			return "[" + fmt.Sprintf(format, l) + ", " + fmt.Sprintf(format, u) + "]"
		}
	}
	var cells []cellText
	var widest, widestInterval vg.Length
	for r, row := range h.Values {
		for c, v := range row {
			t := cellText{r: r, c: c, ink: color.Black, value: "–"}
			if !math.IsNaN(v) {
				t.value = fmt.Sprintf(format, v)
				if col, err := cm.At(math.Max(lo, math.Min(hi, v))); err == nil && luminance(col) < 0.45 {
					t.ink = color.White
				}
			}
			if h.Lo != nil {
				if l, u := h.Lo[r][c], h.Hi[r][c]; finite(l) && finite(u) && l != u {
					t.interval = interval(l, u)
					widestInterval = max(widestInterval, base.Width(t.interval))
				}
			}
			widest = max(widest, base.Width(t.value))
			cells = append(cells, t)
		}
	}
	fit := func(size, width vg.Length) vg.Length {
		if width > 0 {
			size = min(size, 0.85*cell/width)
		}
		return size
	}
	size := fit(min(vg.Points(maxCellText), 0.6*cell), widest)
	// Both lines: the value and, intervalSize as large, its interval, one above the
	// other within the same 85 % of the cell that one line may take.
	lineHeight := base.Height("0")
	both := fit(fit(vg.Points(maxCellText), widest), intervalSize*widestInterval)
	both = min(both, 0.85*cell/((1+intervalSize)*lineHeight))
	showIntervals := widestInterval > 0 && intervalSize*both >= minCellText
	if showIntervals {
		size = both
	}
	if h.Lo != nil {
		note = h.intervalNote(showIntervals, format)
	}
	if size < minCellText {
		return nil, note, nil
	}
	var xys plotter.XYs
	var labels []string
	var styles []text.Style
	add := func(x, y float64, l string, st text.Style) {
		xys = append(xys, plotter.XY{X: x, Y: y})
		labels = append(labels, l)
		styles = append(styles, st)
	}
	// The two lines meet where their block is centred in the cell, in the cell's data
	// units (a cell is 1 wide and high).
	split := float64((intervalSize - 1) * lineHeight * size / 2 / cell)
	for _, t := range cells {
		x, y := float64(t.c), float64(nr-1-t.r)
		st := base
		st.Font = sans(size)
		st.Color = t.ink
		if !showIntervals || t.interval == "" {
			add(x, y, t.value, st)
			continue
		}
		st.YAlign = draw.YBottom
		add(x, y+split, t.value, st)
		st.YAlign = draw.YTop
		st.Font = sans(intervalSize * size)
		add(x, y+split, t.interval, st)
	}
	lab, err = plotter.NewLabels(plotter.XYLabels{XYs: xys, Labels: labels})
	if err != nil {
		return nil, "", err
	}
	lab.TextStyle = styles
	return lab, note, nil
}

// anyNegativeBound reports whether an interval bound is below 0.
func (h Heatmap) anyNegativeBound() bool {
	for _, m := range [][][]float64{h.Lo, h.Hi} {
		for _, row := range m {
			for _, v := range row {
				if v < 0 {
					return true
				}
			}
		}
	}
	return false
}

// intervalNote is the caption's sentence on the intervals: shown in the cells, or how
// wide the widest is when they are not.
func (h Heatmap) intervalNote(shown bool, format string) string {
	level := strconv.FormatFloat(100*h.Level, 'g', 3, 64) + " %"
	if shown {
		return "Each cell gives the estimate over its " + level + " interval."
	}
	widest := math.Inf(-1)
	for r, row := range h.Lo {
		for c, l := range row {
			if u := h.Hi[r][c]; finite(l) && finite(u) {
				widest = max(widest, u-l)
			}
		}
	}
	if widest <= 0 {
		return ""
	}
	return fmt.Sprintf("Cells give the estimates: their %s intervals, up to "+format+" wide, do not fit in them.", level, widest)
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

// valueBar is the colour scale from lo to hi, labelled with the quantity's name and
// ticked like every linear axis.
func valueBar(cm palette.ColorMap, lo, hi float64, label string) *plot.Plot {
	bar := newStyledPlot()
	bar.HideX()
	bar.Y.Padding = 0
	bar.Y.Label.Text = label
	bar.Add(colorBar{cm: cm, steps: 128})
	bar.X.Min, bar.X.Max = 0, 1
	bar.Y.Min, bar.Y.Max = lo, hi
	return bar
}

// Colour bar geometry: a strip of barStrip beside its axis, barGap from the cells.
const (
	barStrip  = 12
	barGap    = 10
	barMargin = 4
)

// barWidth is the room on the right for the colour bar: the gap, its axis (label and
// tick labels) and the strip.
func barWidth(bar *plot.Plot) vg.Length {
	const w = 300
	dc := dataCanvas(bar, draw.Canvas{Rectangle: vg.Rectangle{Max: vg.Point{X: w, Y: 300}}})
	return vg.Points(barGap) + dc.Min.X + vg.Points(barStrip) + vg.Points(barMargin)
}

// barEnds is the colour bar's width and the colours of its end marks: a triangle below
// (above) the bar, in the colour of the cells below (above) the scale, when there are
// any; nil for none.
type barEnds struct {
	width        vg.Length
	below, above color.Color
}

// drawWithBar draws the heatmap p and, on its right, the colour bar spanning exactly
// the height of the heatmap's cells.
func drawWithBar(c draw.Canvas, p, bar *plot.Plot, ends barEnds) {
	main := draw.Crop(c, 0, -ends.width, 0, 0)
	drawPlot(p, main)
	data := dataCanvas(p, main)
	side := c
	side.Min = vg.Point{X: main.Max.X + vg.Points(barGap), Y: data.Min.Y}
	side.Max = vg.Point{X: c.Max.X - vg.Points(barMargin), Y: data.Max.Y}
	drawPlot(bar, side)
	strip := dataCanvas(bar, side)
	x0, x1 := strip.Min.X, strip.Max.X
	tip := (x1 - x0) * 0.9
	gap := vg.Points(1.5)
	if ends.below != nil {
		y := strip.Min.Y - gap
		c.FillPolygon(ends.below, []vg.Point{{X: x0, Y: y}, {X: x1, Y: y}, {X: (x0 + x1) / 2, Y: y - tip}})
	}
	if ends.above != nil {
		y := strip.Max.Y + gap
		c.FillPolygon(ends.above, []vg.Point{{X: x0, Y: y}, {X: x1, Y: y}, {X: (x0 + x1) / 2, Y: y + tip}})
	}
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
		top := trY(v1)
		if i < b.steps-1 {
			top += vg.Points(0.5) // overlap the next step: no anti-aliased seam between them
		}
		rect := vg.Rectangle{Min: vg.Point{X: trX(0), Y: trY(v0)}, Max: vg.Point{X: trX(1), Y: top}}
		c.SetColor(col)
		c.Fill(rect.Path())
	}
}
