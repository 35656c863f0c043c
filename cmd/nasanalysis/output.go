package main

import (
	"encoding/csv"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/go-gota/gota/dataframe"
	"github.com/go-gota/gota/series"
)

// Every subcommand prints its results through writeRows, so all of them share one CSV
// and one table convention:
//
//   - CSV: a header line, then one record per row. A float64 is written in the shortest
//     form that reads back to the same value (strconv.FormatFloat(v, 'g', -1, 64)), and a
//     missing value (NaN) as "NaN", which strconv.ParseFloat, pandas and gota read back
//     as NaN.
//   - table: every row (never a preview), columns aligned with two spaces, numbers
//     right-aligned, floats with tableDecimals decimals (scientific notation outside
//     [0.001, 1e9)), NaN as "NaN".
const (
	formatHelp    = "output: csv (floats in full round-trip precision, NaN written as NaN) or table (every row, aligned, 4 decimals)"
	tableDecimals = 4
)

// checkFormat validates a --format value.
func checkFormat(format string) error {
	if format != "csv" && format != "table" {
		return usagef("unknown format %q (want csv or table)", format)
	}
	return nil
}

// formatCSVFloat is the one float format of every CSV this command writes.
func formatCSVFloat(v float64) string {
	if math.IsNaN(v) {
		return "NaN"
	}
	return strconv.FormatFloat(v, 'g', -1, 64)
}

// formatTableFloat shows tableDecimals decimals, or as many significant digits in
// scientific notation for magnitudes outside [0.001, 1e9) where decimals would hide
// the value or run long; NaN and infinities as strconv writes them.
func formatTableFloat(v float64) string {
	if a := math.Abs(v); v == 0 || a >= 1e-3 && a < 1e9 || math.IsNaN(v) || math.IsInf(v, 0) {
		return strconv.FormatFloat(v, 'f', tableDecimals, 64)
	}
	return strconv.FormatFloat(v, 'e', tableDecimals, 64)
}

// cellText returns a cell's text for the format and whether it is a number (right-aligned
// in a table). Cells are string, int, uint64 (a seed) or float64.
func cellText(c any, format string) (string, bool) {
	switch v := c.(type) {
	case string:
		return v, false
	case int:
		return strconv.Itoa(v), true
	case uint64:
		return strconv.FormatUint(v, 10), true
	case float64:
		if format == "table" {
			return formatTableFloat(v), true
		}
		return formatCSVFloat(v), true
	}
	panic(fmt.Sprintf("cellText: unsupported cell type %T", c))
}

// writeRows prints a header and rows as CSV or as an aligned table (see the conventions
// above). Every row has len(header) cells.
func writeRows(w io.Writer, format string, header []string, rows [][]any) error {
	text := make([][]string, len(rows))
	numeric := make([]bool, len(header))
	for i, r := range rows {
		if len(r) != len(header) {
			panic(fmt.Sprintf("writeRows: row %d has %d cells, header %d", i, len(r), len(header)))
		}
		text[i] = make([]string, len(r))
		for j, c := range r {
			var num bool
			text[i][j], num = cellText(c, format)
			numeric[j] = numeric[j] || num
		}
	}
	if format == "table" {
		return writeTable(w, header, text, numeric)
	}
	cw := csv.NewWriter(w)
	cw.Write(header)
	cw.WriteAll(text) // flushes
	return cw.Error()
}

// writeTable aligns every row of cells under the header, numeric columns to the right.
func writeTable(w io.Writer, header []string, rows [][]string, numeric []bool) error {
	width := make([]int, len(header))
	for j, h := range header {
		width[j] = utf8.RuneCountInString(h)
	}
	for _, r := range rows {
		for j, c := range r {
			width[j] = max(width[j], utf8.RuneCountInString(c))
		}
	}
	var b strings.Builder
	line := func(cells []string) {
		b.Reset()
		for j, c := range cells {
			pad := strings.Repeat(" ", width[j]-utf8.RuneCountInString(c))
			if j > 0 {
				b.WriteString("  ")
			}
			switch {
			case numeric[j]:
				b.WriteString(pad + c)
			case j < len(cells)-1:
				b.WriteString(c + pad)
			default:
				b.WriteString(c) // no trailing blanks
			}
		}
		b.WriteByte('\n')
	}
	line(header)
	if _, err := io.WriteString(w, b.String()); err != nil {
		return err
	}
	for _, r := range rows {
		line(r)
		if _, err := io.WriteString(w, b.String()); err != nil {
			return err
		}
	}
	return nil
}

// frameRows converts a gota DataFrame into writeRows' header and cells, every row of it:
// float columns stay float64 (so they get the one float format), int columns int, and
// everything else its text.
func frameRows(df dataframe.DataFrame) (header []string, rows [][]any) {
	header = df.Names()
	rows = make([][]any, df.Nrow())
	for i := range rows {
		rows[i] = make([]any, len(header))
	}
	for j, name := range header {
		col := df.Col(name)
		switch col.Type() {
		case series.Float:
			for i, v := range col.Float() {
				rows[i][j] = v
			}
		case series.Int:
			ints, err := col.Int()
			if err != nil { // a missing int: print its text
				for i, v := range col.Records() {
					rows[i][j] = v
				}
				continue
			}
			for i, v := range ints {
				rows[i][j] = v
			}
		default:
			for i, v := range col.Records() {
				rows[i][j] = v
			}
		}
	}
	return header, rows
}

// writeFrame prints a gota DataFrame through writeRows.
func writeFrame(w io.Writer, format string, df dataframe.DataFrame) error {
	if df.Err != nil {
		return df.Err
	}
	header, rows := frameRows(df)
	return writeRows(w, format, header, rows)
}
