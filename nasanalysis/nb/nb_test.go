package nb

import (
	"errors"
	"math"
	"strings"
	"testing"

	"github.com/go-gota/gota/dataframe"
	"github.com/go-gota/gota/series"

	"github.com/nasanalysis/nasanalysis/nasanalysis/plots"
)

func TestTableHTML(t *testing.T) {
	df := dataframe.New(
		series.New([]string{"a<b", "c"}, series.String, "device"),
		series.New([]float64{0.123456, math.NaN()}, series.Float, "srcc"),
	)
	h := TableHTML(df, 1)
	for _, want := range []string{"a&lt;b", ">0.123<", "1 of 2 rows shown", "<th"} {
		if !strings.Contains(h, want) {
			t.Errorf("table lacks %q:\n%s", want, h)
		}
	}
	if strings.Contains(h, "n/a") {
		t.Errorf("the n/a row is not shown, so neither should its footnote be:\n%s", h)
	}
	full := TableHTML(df, 0)
	if strings.Contains(full, "NaN") || !strings.Contains(full, ">n/a<") || !strings.Contains(full, "n/a: "+DefaultNAReason) {
		t.Errorf("NaN should print as n/a with the default footnote:\n%s", full)
	}
	if h := TableHTML(df, 0, "no device pair reaches 0.9"); !strings.Contains(h, "n/a: no device pair reaches 0.9.</p>") {
		t.Errorf("the caller's n/a reason is not the footnote:\n%s", h)
	}
}

// One table column, one format: the mix 0.971, 0.7408, -0.002031, 9.344e-05 of one
// column prints with three decimals throughout.
func TestTableColumnsHaveOneFormat(t *testing.T) {
	df := dataframe.New(
		series.New([]float64{0.971, 0.7408, -0.002031, 9.344e-05}, series.Float, "mixed"),
		series.New([]float64{9.344e-05, 1.2e-05, 3e-04, math.NaN()}, series.Float, "tiny"),
		series.New([]float64{1999, 15625, 5000, 300}, series.Float, "count"),
		series.New([]float64{12.345, 101.2, 7.25, 48}, series.Float, "ms"),
	)
	h := TableHTML(df, 0)
	for _, want := range []string{
		">0.971<", ">0.741<", ">-0.002<", ">0.000<", // mixed: 3 decimals
		">9.34e-05<", ">1.20e-05<", ">3.00e-04<", ">n/a<", // tiny: scientific throughout
		">1999<", ">15625<", // whole numbers stay whole
		">12.3<", ">101.2<", ">7.2<", ">48.0<", // median magnitude ~30: one decimal
	} {
		if !strings.Contains(h, want) {
			t.Errorf("table lacks %q:\n%s", want, h)
		}
	}
}

func TestFigureHTMLInlinesSVGWithCaption(t *testing.T) {
	f, err := plots.Lines(plots.Axes{Title: "t", Caption: "from 3 points"}, false, plots.Series{X: []float64{1, 2, 3}, Y: []float64{1, 4, 9}})
	if err != nil {
		t.Fatal(err)
	}
	h, err := FigureHTML(f)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(h, "<figure") || strings.Contains(h, "<?xml") || !strings.Contains(h, "<figcaption") || !strings.Contains(h, "from 3 points") {
		t.Errorf("unexpected figure HTML start: %.200s", h)
	}
}

func TestMatrixFrame(t *testing.T) {
	df := MatrixFrame("device", []string{"a", "b"}, [][]float64{{1, 0.5}, {0.5, 1}})
	if r, c := df.Dims(); r != 2 || c != 3 || df.Col("b").Elem(0).Float() != 0.5 {
		t.Errorf("MatrixFrame = %v", df)
	}
}

func TestCaptionedTableHTML(t *testing.T) {
	df := dataframe.New(series.New([]float64{2.5}, series.Float, "x"))
	h := CaptionedTableHTML(df, 0, "3 cells & 2 devices")
	// The caption is escaped and sits inside the table, before its header.
	ci, hi := strings.Index(h, "<caption"), strings.Index(h, "<thead>")
	if ci < 0 || hi < ci || !strings.Contains(h, "3 cells &amp; 2 devices</caption>") || !strings.Contains(h, ">2.50</td>") {
		t.Errorf("captioned table:\n%s", h)
	}
	if strings.Contains(TableHTML(df, 0), "<caption") {
		t.Error("TableHTML without a caption should have no caption element")
	}
}

func TestMust3(t *testing.T) {
	a, b, c := Must3(1, "x", 2.5, nil)
	if a != 1 || b != "x" || c != 2.5 {
		t.Errorf("Must3 = %v %v %v", a, b, c)
	}
	defer func() {
		if recover() == nil {
			t.Error("Must3 with an error should panic")
		}
	}()
	Must3(1, 2, 3, errors.New("bad"))
}
