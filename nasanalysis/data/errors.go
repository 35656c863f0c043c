package data

import (
	"fmt"
	"strings"
)

// InputError reports bad input in a data file: which file, line and column, and the
// offending value. Line is the 1-based line number in the file (the header is line 1);
// zero when the problem concerns the whole file or its header.
type InputError struct {
	File   string
	Line   int
	Column string
	Value  string
	Reason string
}

func (e *InputError) Error() string {
	var b strings.Builder
	b.WriteString(e.File)
	if e.Line > 0 {
		fmt.Fprintf(&b, ", line %d", e.Line)
	}
	if e.Column != "" {
		fmt.Fprintf(&b, ", column %q", e.Column)
	}
	if e.Value != "" || e.Line > 0 {
		fmt.Fprintf(&b, ", value %q", e.Value)
	}
	b.WriteString(": ")
	b.WriteString(e.Reason)
	return b.String()
}
