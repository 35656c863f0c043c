package data

import (
	"encoding/csv"
	"errors"
	"fmt"
	"math"
	"os"
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
// an error naming the file.
func ReadCSVFile(path string) (*CSVFile, error) {
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
	t := &CSVFile{path: path, header: records[0], rows: records[1:], col: map[string]int{}}
	for i, h := range t.header {
		if _, dup := t.col[h]; dup {
			return nil, &InputError{File: path, Line: 1, Column: h, Value: h, Reason: "column named twice in the header"}
		}
		t.col[h] = i
	}
	if len(t.rows) == 0 {
		return nil, &InputError{File: path, Reason: "no data rows"}
	}
	return t, nil
}

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
	v, err = strconv.ParseFloat(s, 64)
	if err != nil {
		return 0, &InputError{File: t.path, Line: t.Line(i), Column: name, Value: s, Reason: "not a number"}
	}
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return 0, &InputError{File: t.path, Line: t.Line(i), Column: name, Value: s, Reason: "not a finite number (leave the cell empty for a missing value)"}
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
