package plots

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"testing"
)

// withInterval is a correlation-like matrix over n names and an interval from 0.05
// below each value to 0.03 above it, a point on the diagonal.
func withInterval(n int) (c Correlations) {
	m, names := nearOne(n)
	c = Correlations{Names: names, Method: "SRCC", Value: m, Level: 0.95}
	c.Lo, c.Hi = make([][]float64, n), make([][]float64, n)
	for i := range m {
		c.Lo[i], c.Hi[i] = make([]float64, n), make([]float64, n)
		for j, v := range m[i] {
			c.Lo[i][j], c.Hi[i][j] = v-0.05, v+0.03
			if i == j {
				c.Lo[i][j], c.Hi[i][j] = 1, 1
			}
		}
	}
	return c
}

// A small matrix prints each interval under its value, smaller, in the same cell; a
// point interval (the diagonal) prints the value alone; the caption says so.
func TestHeatmapIntervalsUnderValues(t *testing.T) {
	c := withInterval(4)
	// Names in reverse natural order, so that the figure reorders rows and columns,
	// and the intervals must move with their values.
	for i, j := 0, len(c.Names)-1; i < j; i, j = i+1, j-1 {
		c.Names[i], c.Names[j] = c.Names[j], c.Names[i]
	}
	h := CorrelationHeatmap("SRCC", c, "Four devices.")
	f, err := h.Figure()
	doc := render(t, f, err)
	if want := "Four devices. Each cell gives the estimate over its 95 % interval."; f.Caption != want {
		t.Errorf("caption %q, want %q", f.Caption, want)
	}
	var values, intervals []svgText
	for _, x := range doc.Texts {
		switch {
		case strings.Contains(x.Text, "–"):
			intervals = append(intervals, x)
		case strings.HasPrefix(x.Text, "0.") && len(x.Text) == 4:
			values = append(values, x)
		}
	}
	// The colour bar's tick labels read like values too: they stand right of the cells,
	// more than half a cell beyond the last interval's start (texts are placed by their
	// left ends).
	right := math.Inf(-1)
	for _, iv := range intervals {
		right = max(right, iv.X)
	}
	inCells := values[:0]
	for _, v := range values {
		if v.X <= right+maxCell/2 {
			inCells = append(inCells, v)
		}
	}
	values = inCells
	if len(values) != 12 || len(intervals) != 12 {
		t.Fatalf("%d off-diagonal values and %d intervals drawn, want 12 each", len(values), len(intervals))
	}
	for _, v := range values {
		x, _ := strconv.ParseFloat(v.Text, 64)
		want := fmt.Sprintf("%.2f–%.2f", x-0.05, x+0.03)
		// The text just below, in the same cell: less than a line lower and half a cell
		// aside (the two lines are centred, and the interval is the wider).
		var under *svgText
		for k := range intervals {
			iv := intervals[k]
			if iv.Y > v.Y && iv.Y-v.Y < 12 && math.Abs(iv.X-v.X) < maxCell/2 && (under == nil || math.Abs(iv.X-v.X) < math.Abs(under.X-v.X)) {
				under = &intervals[k]
			}
		}
		switch {
		case under == nil:
			t.Errorf("value %s at (%.1f, %.1f) has no interval under it", v.Text, v.X, v.Y)
		case under.Text != want:
			t.Errorf("value %s stands over %q, want %q", v.Text, under.Text, want)
		case math.Abs(under.Size-intervalSize*v.Size) > 0.01:
			t.Errorf("interval at %g pt under a %g pt value, want %g", under.Size, v.Size, intervalSize*v.Size)
		}
	}
	if doc.has("1.00–1.00") || !doc.has("1.00") {
		t.Error("the diagonal's point interval printed, or its value not")
	}
}

// Where intervals cannot be printed legibly (27 configurations, as FBNet has), the
// cells give the estimates and the caption how wide the intervals are: 0.05 + 0.03.
func TestHeatmapIntervalsTooLongForCells(t *testing.T) {
	f, err := CorrelationHeatmap("SRCC", withInterval(27), "").Figure()
	doc := render(t, f, err)
	for _, x := range doc.Texts {
		if strings.Contains(x.Text, "–") {
			t.Fatalf("interval %q printed in a 27 x 27 matrix", x.Text)
		}
	}
	if want := "Cells give the estimates: their 95 % intervals, up to 0.08 wide, do not fit in them."; f.Caption != want {
		t.Errorf("caption %q, want %q", f.Caption, want)
	}
}

func TestHeatmapIntervalsChecked(t *testing.T) {
	good := withInterval(2)
	ragged := withInterval(2)
	ragged.Hi[1] = ragged.Hi[1][:1]
	noHi := withInterval(2)
	noHi.Hi = nil
	percent := withInterval(2)
	percent.Level = 95
	for name, c := range map[string]Correlations{"ragged Hi": ragged, "Lo without Hi": noHi, "level in percent": percent} {
		if _, err := CorrelationHeatmap(name, c, "").Figure(); err == nil {
			t.Errorf("%s accepted", name)
		}
	}
	if _, err := CorrelationHeatmap("good", good, "").Figure(); err != nil {
		t.Error(err)
	}
}

// A correlation heatmap names both axes by the same names, its bar by the method, and
// keeps a sequential scale even for correlations of both signs: they are not shifts.
func TestCorrelationHeatmap(t *testing.T) {
	c := Correlations{Names: []string{"flops", "gpu"}, Method: "Kendall tau-b", Value: [][]float64{{1, -0.3}, {-0.3, 1}}}
	h := CorrelationHeatmap("tau", c, "two metrics")
	if _, s := h.Colors(); s != Sequential {
		t.Errorf("scale %v, want Sequential", s)
	}
	f, err := h.Figure()
	doc := render(t, f, err)
	for _, want := range []string{"Kendall tau-b", "flops", "gpu", "-0.30", "tau"} {
		if !doc.has(want) {
			t.Errorf("figure lacks %q", want)
		}
	}
	if f.Caption != "two metrics" {
		t.Errorf("caption %q: a matrix without intervals gets no sentence on them", f.Caption)
	}
}

// Intervals with a negative bound are bracketed, so that no dash runs into a minus
// sign; the figure's other intervals take the same form.
func TestHeatmapSignedIntervalsBracketed(t *testing.T) {
	h := Heatmap{Values: [][]float64{{-0.4, 0.1}}, Lo: [][]float64{{-0.5, 0}}, Hi: [][]float64{{-0.3, 0.2}}, Level: 0.9,
		Signed: true, RowLabels: []string{"k3e4"}, ColLabels: []string{"note10", "gpu"}, ValueLabel: "latency shift (ms)"}
	f, err := h.Figure()
	doc := render(t, f, err)
	for _, want := range []string{"[-0.50, -0.30]", "[0.00, 0.20]"} {
		if !doc.has(want) {
			t.Errorf("figure lacks %q", want)
		}
	}
	if !strings.HasSuffix(f.Caption, "its 90 % interval.") {
		t.Errorf("caption %q", f.Caption)
	}
}
