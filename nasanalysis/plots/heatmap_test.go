package plots

import (
	"math"
	"reflect"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"
)

// barLabels are the colour bar's tick labels: numbers with one or two decimals, where
// the tests format cells with three.
func barLabels(doc svgDoc) []float64 {
	re := regexp.MustCompile(`^-?[0-9]+\.[0-9]{1,2}$`)
	var out []float64
	for _, x := range doc.Texts {
		if re.MatchString(x.Text) {
			v, _ := strconv.ParseFloat(x.Text, 64)
			out = append(out, v)
		}
	}
	sort.Float64s(out)
	return out
}

// nearOne is an SRCC-like matrix: 1 on the diagonal, 0.86-0.99 elsewhere.
func nearOne(n int) ([][]float64, []string) {
	m := make([][]float64, n)
	names := make([]string, n)
	for i := range m {
		names[i] = "dev_" + strconv.Itoa(i)
		m[i] = make([]float64, n)
		for j := range m[i] {
			m[i][j] = 0.86 + 0.13*float64((i*7+j*3)%10)/9
			if i == j {
				m[i][j] = 1
			}
		}
	}
	return m, names
}

// By default the colour scale spans the data shown (0.86-1 here), not a range the
// data fill a sliver of; a range set on purpose is kept.
func TestHeatmapColourScaleFitsData(t *testing.T) {
	m, names := nearOne(6)
	m[0][1] = 0.86
	h := Heatmap{Values: m, RowLabels: names, ColLabels: names, ValueLabel: "SRCC", Format: "%.3f"}
	if lo, hi := h.colorRange(); math.Abs(lo-0.86) > 1e-12 || hi != 1 {
		t.Errorf("fitted colour range [%g, %g], want [0.86, 1]", lo, hi)
	}
	f, err := h.Figure()
	doc := render(t, f, err)
	ticks := barLabels(doc)
	if len(ticks) < 3 || ticks[0] < 0.86-1e-9 || ticks[len(ticks)-1] > 1+1e-9 {
		t.Errorf("colour bar labels %v, want at least 3 inside [0.86, 1]", ticks)
	}
	if !doc.has("SRCC") {
		t.Error("colour bar not labelled")
	}

	h.Min, h.Max = 0.3, 1 // one scale shared with other figures, on purpose
	if lo, hi := h.colorRange(); lo != 0.3 || hi != 1 {
		t.Errorf("explicit colour range [%g, %g], want [0.3, 1]", lo, hi)
	}
	f, err = h.Figure()
	ticks = barLabels(render(t, f, err))
	if len(ticks) < 3 || ticks[0] > 0.41 || ticks[len(ticks)-1] != 1 {
		t.Errorf("explicit scale: colour bar labels %v, want 0.4 ... 1.0", ticks)
	}
}

func TestSharedRange(t *testing.T) {
	for _, c := range []struct {
		ms     [][][]float64
		lo, hi float64
	}{
		{[][][]float64{{{0.853, 1}}, {{0.95, 0.97}}}, 0.85, 1},
		{[][][]float64{{{-0.48, 0.97}}}, -0.5, 1},
		{[][][]float64{{{-0.5, 1}, {0.25, math.NaN()}}}, -0.5, 1},
		{[][][]float64{{{0.5, 0.5}}}, 0, 1},
		{[][][]float64{{{math.NaN(), math.Inf(1)}}}, 0, 1},
		{nil, 0, 1},
		{[][][]float64{{{3, 1234}}}, 0, 1250},
		// 0.3 lies 3 IQR below the quartiles of the others: left out of the fit.
		{[][][]float64{{{0.9, 0.91, 0.92, 0.93, 0.94, 0.95, 0.96, 0.97, 0.98, 0.99, 0.3}}}, 0.9, 0.99},
	} {
		lo, hi := SharedRange(c.ms...)
		if math.Abs(lo-c.lo) > 1e-12 || math.Abs(hi-c.hi) > 1e-12 {
			t.Errorf("SharedRange(%v) = [%g, %g], want [%g, %g]", c.ms, lo, hi, c.lo, c.hi)
		}
	}
}

// Rows and columns come in natural order, each value with its labels; KeepOrder keeps
// the caller's order.
func TestHeatmapNaturalOrder(t *testing.T) {
	names := []string{"b_256", "b_1", "b_32"}
	vals := [][]float64{{0, 1, 2}, {10, 11, 12}, {20, 21, 22}}
	got := Heatmap{Values: vals, RowLabels: names, ColLabels: names}.ordered()
	wantNames := []string{"b_1", "b_32", "b_256"}
	wantVals := [][]float64{{11, 12, 10}, {21, 22, 20}, {1, 2, 0}}
	if !reflect.DeepEqual(got.RowLabels, wantNames) || !reflect.DeepEqual(got.ColLabels, wantNames) || !reflect.DeepEqual(got.Values, wantVals) {
		t.Errorf("ordered = %q %q %v", got.RowLabels, got.ColLabels, got.Values)
	}
	if names[0] != "b_256" || vals[0][0] != 0 {
		t.Error("ordering changed the caller's slices")
	}
	rowOrder := func(h Heatmap) string {
		f, err := h.Figure()
		doc := render(t, f, err)
		var rows []svgText
		for _, x := range doc.Texts {
			if !x.Rotated && strings.HasPrefix(x.Text, "b_") {
				rows = append(rows, x)
			}
		}
		sort.Slice(rows, func(i, j int) bool { return rows[i].Y < rows[j].Y }) // top first
		return strings.Join(texts(rows), " ")
	}
	h := Heatmap{Values: vals, RowLabels: names, ColLabels: names, ValueLabel: "v"}
	if got := rowOrder(h); got != "b_1 b_32 b_256" {
		t.Errorf("rows drawn %q", got)
	}
	h.KeepOrder = true
	if got := rowOrder(h); got != "b_256 b_1 b_32" {
		t.Errorf("KeepOrder rows drawn %q", got)
	}
}

// A device matrix fills the column with square cells; a small one is narrower; cell
// labels shrink to fit their cells and are left out when they could not be read.
func TestHeatmapLayout(t *testing.T) {
	col := ColumnWidth.Points()
	for _, c := range []struct {
		n          int
		full       bool
		cellLabels bool
	}{{2, false, true}, {18, true, true}, {60, true, false}} {
		m, names := nearOne(c.n)
		f, err := Heatmap{Values: m, RowLabels: names, ColLabels: names, ValueLabel: "SRCC", Format: "%.3f"}.Figure()
		doc := render(t, f, err)
		w, _ := size(t, doc)
		if c.full && math.Abs(w-col) > 0.01 || !c.full && w >= col {
			t.Errorf("%d x %d: width %.2f pt, column %.2f pt", c.n, c.n, w, col)
		}
		cells := 0
		for _, x := range doc.Texts {
			if strings.HasPrefix(x.Text, "0.") && len(x.Text) == 5 || x.Text == "1.000" {
				cells++
				if x.Size > maxCellText || x.Size < minCellText {
					t.Errorf("%d x %d: cell label at %g pt", c.n, c.n, x.Size)
				}
			}
		}
		if want := c.n * c.n; c.cellLabels && cells != want || !c.cellLabels && cells != 0 {
			t.Errorf("%d x %d: %d cell labels", c.n, c.n, cells)
		}
	}
}

func triangles(doc svgDoc) int {
	n := 0
	for _, p := range doc.Paths {
		if strings.Count(p.D, "L") == 2 && strings.HasSuffix(p.D, "Z") {
			n++
		}
	}
	return n
}

// One cell far below all others (a failed pair) is left out of the fit: it takes the
// end colour, and a triangle under the colour bar says so.
func TestHeatmapOutlierOutsideFittedScale(t *testing.T) {
	m, names := nearOne(6)
	h := Heatmap{Values: m, RowLabels: names, ColLabels: names, ValueLabel: "SRCC"}
	f, err := h.Figure()
	if n := triangles(render(t, f, err)); n != 0 {
		t.Errorf("%d end marks with every value inside the scale", n)
	}
	m[0][1] = 0.3
	if lo, hi := h.colorRange(); lo < 0.85 || hi != 1 {
		t.Errorf("colour range [%g, %g] stretched to the outlier 0.3", lo, hi)
	}
	f, err = h.Figure()
	doc := render(t, f, err)
	if n := triangles(doc); n != 1 {
		t.Errorf("%d end marks, want 1 below the bar", n)
	}
	if !doc.has("0.30") {
		t.Error("the outlier cell lost its label")
	}
	// A scale set on purpose marks the values beyond it too.
	h.Min, h.Max = 0.9, 0.95
	f, err = h.Figure()
	if n := triangles(render(t, f, err)); n != 2 {
		t.Errorf("%d end marks, want 2", n)
	}
}
