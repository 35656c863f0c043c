// Package nb holds the small helpers a GoNB notebook cell needs to show this project's
// results: a figure as inline SVG with its caption (FigureHTML, Show), a DataFrame or
// matrix as an HTML table (TableHTML, CaptionedTableHTML, MatrixFrame, ShowTable,
// ShowCaptionedTable), Markdown prose with computed numbers (Markdown with Num, Interval
// and Est), and the data a notebook rests on (Data, which `nasanalysis index` lists).
//
// Every number follows one precision rule (see Num): three significant digits, one
// format per table column, NaN as "n/a" with a footnote saying why.
//
// Every output is marked and recorded (package ledger) and waited for until GoNB has
// received it, so an output lost on its way to the notebook fails `make test` instead
// of silently missing from a report. Outside a running notebook, the Show functions and
// Data print nothing and return an error, so library code never depends on them. Must,
// Must2, Must3 and Check turn an error into a panic, which fails the cell (and so a
// headless run). Size and BySize set how big a study runs.
package nb
