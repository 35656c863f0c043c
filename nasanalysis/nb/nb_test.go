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
	for _, want := range []string{"a&lt;b", "0.1235", "1 of 2 rows shown", "<th"} {
		if !strings.Contains(h, want) {
			t.Errorf("table lacks %q:\n%s", want, h)
		}
	}
	if strings.Contains(TableHTML(df, 0), "NaN") {
		t.Error("NaN should print as an empty cell")
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
	if ci < 0 || hi < ci || !strings.Contains(h, "3 cells &amp; 2 devices</caption>") || !strings.Contains(h, ">2.5</td>") {
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
