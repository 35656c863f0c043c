package data

import (
	"encoding/csv"
	"errors"
	"fmt"
	"math"
	"os"
	"regexp"
	"slices"
	"strconv"
	"strings"
)

// CSVFile is a CSV file read whole: a header and rows that all have as many fields.
type CSVFile struct {
	path   string
	header []string
	rows   [][]string
	col    map[string]int
}

// ReadCSVFile reads a whole CSV file; a file without data rows or with ragged rows is
// an error naming the file (and the line).
func ReadCSVFile(path string) (*CSVFile, error) { return ReadCSVFileRows(path, 1) }

// utf8BOM is the byte-order mark some editors (Excel among them) put before a UTF-8
// CSV's header: left in, it would become part of the first column's name.
const utf8BOM = "\ufeff"

// ReadCSVFileRows reads a whole CSV file that must have a header and at least minRows
// data rows (0: a header alone is a valid, empty table). Every project reader of CSV
// tables goes through it, so all share one set of checks and one error style: the file
// and line of a malformed or ragged row, a duplicated column, a missing header. A UTF-8
// byte-order mark before the header is dropped.
func ReadCSVFileRows(path string, minRows int) (*CSVFile, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	r := csv.NewReader(f)
	r.ReuseRecord = false
	records, err := r.ReadAll()
	if err != nil {
		var pe *csv.ParseError
		if errors.As(err, &pe) {
			return nil, &InputError{File: path, Line: pe.Line, Reason: pe.Err.Error()}
		}
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	if len(records) == 0 {
		return nil, &InputError{File: path, Reason: "empty file, want a header line"}
	}
	records[0][0] = strings.TrimPrefix(records[0][0], utf8BOM)
	t := &CSVFile{path: path, header: records[0], rows: records[1:], col: map[string]int{}}
	for i, h := range t.header {
		if _, dup := t.col[h]; dup {
			return nil, &InputError{File: path, Line: 1, Column: h, Value: h, Reason: "column named twice in the header"}
		}
		t.col[h] = i
	}
	if len(t.rows) < minRows {
		reason := fmt.Sprintf("%d data rows, want at least %d", len(t.rows), minRows)
		if len(t.rows) == 0 {
			reason = "no data rows"
		}
		return nil, &InputError{File: path, Reason: reason}
	}
	return t, nil
}

// Path is the file the table was read from.
func (t *CSVFile) Path() string { return t.path }

// Header is the header line's column names (shared, not copied).
func (t *CSVFile) Header() []string { return t.header }

// Row is data row i as written (shared, not copied).
func (t *CSVFile) Row(i int) []string { return t.rows[i] }

// RequirePrefix checks that the header starts with the given columns, in that order;
// what names the kind of file expected, for the error.
func (t *CSVFile) RequirePrefix(want []string, what string) error {
	if len(t.header) < len(want) || !slices.Equal(t.header[:len(want)], want) {
		return &InputError{File: t.path, Line: 1, Reason: fmt.Sprintf("not %s: header %q, want one starting %s", what, strings.Join(t.header, ","), strings.Join(want, ","))}
	}
	return nil
}

// Has reports whether the header has a column.
func (t *CSVFile) Has(name string) bool { _, ok := t.col[name]; return ok }

// RequireColumns checks that the header holds exactly the wanted columns (in any order).
func (t *CSVFile) RequireColumns(want []string) error {
	wanted := make(map[string]bool, len(want))
	for _, w := range want {
		wanted[w] = true
		if _, ok := t.col[w]; !ok {
			return &InputError{File: t.path, Line: 1, Column: w, Reason: "missing column; header is " + strings.Join(t.header, ",")}
		}
	}
	for _, h := range t.header {
		if !wanted[h] {
			return &InputError{File: t.path, Line: 1, Column: h, Value: h, Reason: "unexpected column (want " + strings.Join(want, ",") + ")"}
		}
	}
	return nil
}

// Line returns the file line of data row i (the header is line 1).
func (t *CSVFile) Line(i int) int { return i + 2 }

// Float parses row i, column name. An empty cell is missing (NaN, missing=true) when
// allowEmpty; otherwise an error. Non-numeric and non-finite text is always an error.
func (t *CSVFile) Float(i int, name string, allowEmpty bool) (v float64, err error) {
	s := strings.TrimSpace(t.rows[i][t.col[name]])
	if s == "" {
		if allowEmpty {
			return math.NaN(), nil
		}
		return 0, &InputError{File: t.path, Line: t.Line(i), Column: name, Value: s, Reason: "empty cell"}
	}
	if low := strings.ToLower(s); strings.Contains(low, "nan") || strings.Contains(low, "inf") {
		return 0, &InputError{File: t.path, Line: t.Line(i), Column: name, Value: s, Reason: "not a finite number (leave the cell empty for a missing value)"}
	}
	v, err = ParseNumber(s, false)
	if err != nil {
		return 0, &InputError{File: t.path, Line: t.Line(i), Column: name, Value: s, Reason: "not a number: " + err.Error()}
	}
	return v, nil
}

// Int parses row i, column name as a non-negative integer.
func (t *CSVFile) Int(i int, name string) (int, error) {
	s := strings.TrimSpace(t.rows[i][t.col[name]])
	v, err := strconv.Atoi(s)
	if err != nil || v < 0 {
		return 0, &InputError{File: t.path, Line: t.Line(i), Column: name, Value: s, Reason: "not a non-negative integer"}
	}
	return v, nil
}

// Len is the number of data rows.
func (t *CSVFile) Len() int { return len(t.rows) }

// Str returns row i, column name as written.
func (t *CSVFile) Str(i int, name string) string { return t.rows[i][t.col[name]] }

// decimalNumber is the number syntax the project's files and flags accept: decimal,
// with an optional sign and exponent. Go's ParseFloat also takes 1_000, 0x1p3, Inf and
// NaN, which no measurement file holds and which mostly mean a corrupt cell.
var decimalNumber = regexp.MustCompile(`^-?([0-9]+\.?[0-9]*|\.[0-9]+)([eE][-+]?[0-9]+)?$`)

// The magnitudes a number in a file may have: anything outside is a corrupt cell (a
// latency of 1e-320 ms or 1e308 ms), not a measurement.
const (
	MinMagnitude = 1e-12
	MaxMagnitude = 1e15
)

// IsDecimal says whether s is written in decimalNumber's syntax.
func IsDecimal(s string) bool { return decimalNumber.MatchString(s) }

// ParseNumber reads a decimal number whose magnitude is 0 or within [MinMagnitude,
// MaxMagnitude]; "NaN" is read as NaN when allowNaN (the files' written missing value).
func ParseNumber(s string, allowNaN bool) (float64, error) {
	if allowNaN && s == "NaN" {
		return math.NaN(), nil
	}
	if !decimalNumber.MatchString(s) {
		return 0, fmt.Errorf("%q is not a decimal number", s)
	}
	v, err := strconv.ParseFloat(s, 64)
	if a := math.Abs(v); err != nil || a != 0 && (a < MinMagnitude || a > MaxMagnitude) {
		return 0, fmt.Errorf("%q is outside the plausible magnitudes (0, or %g to %g)", s, MinMagnitude, MaxMagnitude)
	}
	return v, nil
}
