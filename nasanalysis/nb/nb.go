package nb

import (
	"errors"
	"fmt"
	"html"
	"strings"

	"github.com/go-gota/gota/dataframe"
	"github.com/go-gota/gota/series"
	"github.com/janpfeifer/gonb/gonbui"

	"github.com/nasanalysis/nasanalysis/nasanalysis/nb/ledger"
	"github.com/nasanalysis/nasanalysis/nasanalysis/plots"
)

// FigureHTML renders a figure as an inline SVG followed by its caption, in a
// <figure class="nasanalysis-figure">.
func FigureHTML(f *plots.Figure) (string, error) {
	return figureHTML(f, "")
}

// figureHTML is FigureHTML with attrs (e.g. an output marker) in the <figure> tag.
func figureHTML(f *plots.Figure, attrs string) (string, error) {
	svg, err := f.Bytes("svg")
	if err != nil {
		return "", err
	}
	s := string(svg)
	if i := strings.Index(s, "<svg"); i > 0 { // drop the XML prolog: it is not valid inside HTML
		s = s[i:]
	}
	var b strings.Builder
	fmt.Fprintf(&b, `<figure class="nasanalysis-figure"%s style="margin:0 0 1em 0">`, attrs)
	b.WriteString(s)
	if f.Caption != "" {
		fmt.Fprintf(&b, `<figcaption style="font-size:90%%;color:#444;max-width:48em">%s</figcaption>`, html.EscapeString(f.Caption))
	}
	b.WriteString(`</figure>`)
	return b.String(), nil
}

// DefaultNAReason is the footnote under a table with n/a cells when its caller gives
// no reason of its own.
const DefaultNAReason = "not defined for this row (e.g. no samples)"

// TableHTML renders up to maxRows rows of df (all when maxRows <= 0) as an HTML table.
// Floats follow the precision rule (see Num): one format per column, three
// significant digits at the column's typical magnitude. A missing value (NaN) prints
// as "n/a", and a footnote under the table says why: naReason[0] when given, else
// DefaultNAReason.
func TableHTML(df dataframe.DataFrame, maxRows int, naReason ...string) string {
	return CaptionedTableHTML(df, maxRows, "", naReason...)
}

// CaptionedTableHTML is TableHTML with a caption above the table, which should say what
// data the table comes from and how many samples each row summarises; an empty caption
// adds nothing.
func CaptionedTableHTML(df dataframe.DataFrame, maxRows int, caption string, naReason ...string) string {
	return tableHTML(df, maxRows, caption, "", naReason)
}

// tableHTML renders the table inside a <div class="nasanalysis-table"> with attrs.
func tableHTML(df dataframe.DataFrame, maxRows int, caption, attrs string, naReason []string) string {
	if err := df.Error(); err != nil {
		return fmt.Sprintf(`<div class="nasanalysis-table"%s><p><b>table error:</b> %s</p></div>`, attrs, html.EscapeString(err.Error()))
	}
	nr, nc := df.Dims()
	shown := nr
	if maxRows > 0 && maxRows < nr {
		shown = maxRows
	}
	var b strings.Builder
	fmt.Fprintf(&b, `<div class="nasanalysis-table"%s>`, attrs)
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
	formats := make([]func(float64) string, nc)
	for c, name := range df.Names() {
		cols[c] = df.Col(name)
		if cols[c].Type() == series.Float {
			// The format is chosen from the rows shown, so hidden rows cannot change it.
			formats[c] = columnFormat(cols[c].Float()[:shown])
		}
	}
	na := false
	for r := 0; r < shown; r++ {
		b.WriteString("<tr>")
		for c, col := range cols {
			var cell string
			switch e := col.Elem(r); {
			case formats[c] != nil:
				cell = formats[c](e.Float())
			case e.IsNA():
				cell = NA
			default:
				cell = e.String()
			}
			na = na || cell == NA
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
		fmt.Fprintf(&b, "<p style=\"font-size:85%%;margin:2px 0\">%d of %d rows shown.</p>", shown, nr)
	}
	if na {
		reason := DefaultNAReason
		if len(naReason) > 0 && naReason[0] != "" {
			reason = naReason[0]
		}
		fmt.Fprintf(&b, `<p class="nasanalysis-table-note" style="font-size:85%%;color:#444;margin:2px 0">%s: %s</p>`, NA, html.EscapeString(strings.TrimSuffix(reason, ".")+"."))
	}
	b.WriteString("</div>")
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

// errNotNotebook is what the Show functions return outside a running GoNB notebook.
var errNotNotebook = errors.New("nb: not running in a GoNB notebook, nothing shown")

// display shows one output in the running notebook and waits until GoNB has received
// it. render builds the output's HTML or Markdown given its marker (see package
// ledger); the output is recorded in the ledger before it is displayed, so an output
// that never reaches the notebook is still counted.
//
// Why it waits (gonbui.Sync): GoNB reads a cell program's display messages from a
// named pipe and closes that pipe as soon as the program exits, discarding whatever
// it has not read yet (gonb v0.11.4, internal/jpyexec: Executor.done closes doneChan,
// which closes pipeReader). A large display (a 285 KB SVG) fills the 64 KB pipe buffer
// and makes the program wait for GoNB, but a small one after it fits in the buffer, the
// program exits at once, and GoNB, still publishing the large one, drops it: notebook
// 02 lost the second figure of section 4 this way. Sync's acknowledgement comes back
// only after GoNB has decoded and published everything sent before it.
func display(kind, label string, markdown bool, render func(marker string) (string, error)) error {
	if !gonbui.IsNotebook {
		return errNotNotebook
	}
	e := ledger.Next(kind, label)
	out, err := render(e.Marker())
	if err != nil {
		return err
	}
	if err := ledger.Record(e); err != nil {
		return err
	}
	if markdown {
		gonbui.DisplayMarkdown(out)
	} else {
		gonbui.DisplayHTML(out)
	}
	gonbui.Sync()
	return gonbui.Error()
}

// Show displays a figure with its caption in the running notebook. Like every Show
// function here and Markdown and Data, it returns only once GoNB has received the
// output (see display), and outside a notebook it shows nothing and returns an error.
func Show(f *plots.Figure) error {
	label := f.Caption
	if label == "" {
		label = "(figure without caption)"
	}
	return display("figure", label, false, func(marker string) (string, error) { return figureHTML(f, marker) })
}

// ShowTable displays up to maxRows rows of df in the running notebook; naReason is
// as in TableHTML.
func ShowTable(df dataframe.DataFrame, maxRows int, naReason ...string) error {
	return ShowCaptionedTable(df, maxRows, "", naReason...)
}

// ShowCaptionedTable displays up to maxRows rows of df under a caption (see
// CaptionedTableHTML) in the running notebook.
func ShowCaptionedTable(df dataframe.DataFrame, maxRows int, caption string, naReason ...string) error {
	label := caption
	if label == "" {
		label = "(table without caption: " + strings.Join(df.Names(), ", ") + ")"
	}
	return display("table", label, false, func(marker string) (string, error) {
		return tableHTML(df, maxRows, caption, marker, naReason), nil
	})
}

// Markdown displays Markdown text in the running notebook; for numbers in it, see Num,
// Interval and Est. It panics (failing the cell) if the output cannot be shown.
func Markdown(format string, args ...any) {
	text := fmt.Sprintf(format, args...)
	err := display("markdown", shorten(text, 80), true, func(marker string) (string, error) {
		// The marker rides in an HTML comment, which Markdown renders as nothing.
		return text + "\n\n<!--" + marker + " -->", nil
	})
	if err != nil && err != errNotNotebook {
		panic(err)
	}
}

// Data displays a line naming a data set the notebook rests on and how many samples of
// it are used, e.g. Data("nb201", 1999, "cells", "18 devices") shows "Data: nb201, 1,999
// cells (18 devices)". `nasanalysis index` lists these lines for each notebook, so call
// it once for every data set a notebook's results come from, where it is loaded.
func Data(dataset string, n int, unit, note string) error {
	d := ledger.DataNote{Dataset: dataset, N: n, Unit: unit, Note: note}
	return display("data", dataset, false, func(marker string) (string, error) {
		text := fmt.Sprintf("<code>%s</code>, %s %s", html.EscapeString(dataset), Num(n), html.EscapeString(unit))
		if note != "" {
			text += " (" + html.EscapeString(note) + ")"
		}
		return fmt.Sprintf(`<p%s%s style="font-size:85%%;color:#555;margin:2px 0">Data: %s.</p>`, d.Attrs(), marker, text), nil
	})
}

// shorten cuts s to at most n runes on one line, for a ledger label.
func shorten(s string, n int) string {
	s = strings.Join(strings.Fields(s), " ")
	if r := []rune(s); len(r) > n {
		return string(r[:n-3]) + "..."
	}
	return s
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

// Say shows each sentence as a paragraph of Markdown: how a cell shows what a study's
// sentence builders return.
func Say(sentences ...string) {
	for _, s := range sentences {
		Markdown("%s", s)
	}
}
