// Package nb holds the small helpers a GoNB notebook cell needs to show this project's
// results: a figure as inline SVG with its caption (FigureHTML, Show), a DataFrame or
// matrix as an HTML table (TableHTML, CaptionedTableHTML, MatrixFrame, ShowTable,
// ShowCaptionedTable), and Markdown. Outside a running notebook, the Show functions
// print nothing and return an error, so library code never depends on them. Must, Must2
// and Check turn an error into a panic, which fails the cell (and so a headless run).
package nb
