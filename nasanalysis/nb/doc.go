// Package nb holds the small helpers a GoNB notebook cell needs to show this project's
// results: a figure (as inline SVG with its caption), a DataFrame or matrix as an HTML
// table, and Markdown. Outside a running notebook, the Show functions print nothing and
// return an error, so library code never depends on them.
package nb
