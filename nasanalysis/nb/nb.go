package nb

import (
	"fmt"
	"html"
	"math"
	"strings"

	"github.com/go-gota/gota/dataframe"
	"github.com/go-gota/gota/series"
	"github.com/janpfeifer/gonb/gonbui"

	"github.com/nasanalysis/nasanalysis/nasanalysis/plots"
)

// FigureHTML renders a figure as an inline SVG followed by its caption.
func FigureHTML(f *plots.Figure) (string, error) {
	svg, err := f.Bytes("svg")
	if err != nil {
		return "", err
	}
	s := string(svg)
	if i := strings.Index(s, "<svg"); i > 0 { // drop the XML prolog: it is not valid inside HTML
		s = s[i:]
	}
	var b strings.Builder
	b.WriteString(`<figure style="margin:0 0 1em 0">`)
	b.WriteString(s)
	if f.Caption != "" {
		fmt.Fprintf(&b, `<figcaption style="font-size:90%%;color:#444;max-width:48em">%s</figcaption>`, html.EscapeString(f.Caption))
	}
	b.WriteString(`</figure>`)
	return b.String(), nil
}

// TableHTML renders up to maxRows rows of df (all when maxRows <= 0) as an HTML table.
// Floats print with 4 significant digits; NaN prints as an empty cell.
func TableHTML(df dataframe.DataFrame, maxRows int) string {
	return CaptionedTableHTML(df, maxRows, "")
}

// CaptionedTableHTML is TableHTML with a caption above the table, which should say what
// data the table comes from and how many samples each row summarises; an empty caption
// adds nothing.
func CaptionedTableHTML(df dataframe.DataFrame, maxRows int, caption string) string {
	if err := df.Error(); err != nil {
		return "<p><b>table error:</b> " + html.EscapeString(err.Error()) + "</p>"
	}
	nr, nc := df.Dims()
	shown := nr
	if maxRows > 0 && maxRows < nr {
		shown = maxRows
	}
	var b strings.Builder
	b.WriteString(`<table style="border-collapse:collapse;font-size:85%">`)
	if caption != "" {
		fmt.Fprintf(&b, `<caption style="caption-side:top;text-align:left;color:#444;max-width:48em;padding-bottom:4px">%s</caption>`, html.EscapeString(caption))
	}
	b.WriteString(`<thead><tr>`)
	for _, name := range df.Names() {
		fmt.Fprintf(&b, `<th style="border-bottom:1px solid #888;padding:2px 6px">%s</th>`, html.EscapeString(name))
	}
	b.WriteString("</tr></thead><tbody>")
	cols := make([]series.Series, nc)
	for c, name := range df.Names() {
		cols[c] = df.Col(name)
	}
	for r := 0; r < shown; r++ {
		b.WriteString("<tr>")
		for _, col := range cols {
			cell := ""
			if col.Type() == series.Float {
				if v := col.Elem(r).Float(); !math.IsNaN(v) {
					cell = fmt.Sprintf("%.4g", v)
				}
			} else {
				cell = col.Elem(r).String()
			}
			align := "left"
			if col.Type() == series.Float || col.Type() == series.Int {
				align = "right"
			}
			fmt.Fprintf(&b, `<td style="padding:2px 6px;text-align:%s">%s</td>`, align, html.EscapeString(cell))
		}
		b.WriteString("</tr>")
	}
	b.WriteString("</tbody></table>")
	if shown < nr {
		fmt.Fprintf(&b, "<p style=\"font-size:85%%\">%d of %d rows shown.</p>", shown, nr)
	}
	return b.String()
}

// MatrixFrame turns a square matrix with row/column names into a DataFrame whose first
// column (named corner) holds the row names.
func MatrixFrame(corner string, names []string, m [][]float64) dataframe.DataFrame {
	cols := []series.Series{series.New(names, series.String, corner)}
	for j, n := range names {
		col := make([]float64, len(m))
		for i := range m {
			col[i] = m[i][j]
		}
		cols = append(cols, series.New(col, series.Float, n))
	}
	return dataframe.New(cols...)
}

// Show displays a figure with its caption in the running notebook. Like every Show
// function here and Markdown, it waits until GoNB has received the output
// (gonbui.Sync): without that, the last output of a cell can be lost when the cell's
// program exits right after displaying it (seen once under load).
func Show(f *plots.Figure) error {
	h, err := FigureHTML(f)
	if err != nil {
		return err
	}
	gonbui.DisplayHTML(h)
	gonbui.Sync()
	return gonbui.Error()
}

// ShowTable displays up to maxRows rows of df in the running notebook.
func ShowTable(df dataframe.DataFrame, maxRows int) error {
	return ShowCaptionedTable(df, maxRows, "")
}

// ShowCaptionedTable displays up to maxRows rows of df under a caption (see
// CaptionedTableHTML) in the running notebook.
func ShowCaptionedTable(df dataframe.DataFrame, maxRows int, caption string) error {
	gonbui.DisplayHTML(CaptionedTableHTML(df, maxRows, caption))
	gonbui.Sync()
	return gonbui.Error()
}

// Markdown displays Markdown text in the running notebook.
func Markdown(format string, args ...any) {
	gonbui.DisplayMarkdown(fmt.Sprintf(format, args...))
	gonbui.Sync()
}

// Must returns v, or panics with err: for notebook cells, where a panic shows the error
// and fails the cell (and so a headless run), which is what a bad input should do there.
func Must[T any](v T, err error) T {
	if err != nil {
		panic(err)
	}
	return v
}

// Check panics on a non-nil error; see Must.
func Check(err error) {
	if err != nil {
		panic(err)
	}
}

// Must2 is Must for functions that return two values and an error.
func Must2[T, U any](t T, u U, err error) (T, U) {
	if err != nil {
		panic(err)
	}
	return t, u
}

// Must3 is Must for functions that return three values and an error.
func Must3[T, U, V any](t T, u U, v V, err error) (T, U, V) {
	if err != nil {
		panic(err)
	}
	return t, u, v
}
