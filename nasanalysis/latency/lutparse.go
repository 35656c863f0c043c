package latency

import (
	"bytes"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/nasanalysis/nasanalysis/nasanalysis/data"
)

// The range of a plausible operator mean (ms): above zero (a free operator is not
// measured) and at most MaxOperatorMS, so that no sum of a network's operators can
// overflow or be dominated by a corrupt entry.
const MaxOperatorMS = 1e6

// parseLUT reads a lookup table in the form OFA's and ProxylessNAS's tables and this
// project's own are written in: one YAML mapping of operator keys, each a block mapping
// of fields (count, mean, std or var, ratio_ref, ...), comments and blank lines between.
// It reads that form line by line in linear time (yaml.v3's duplicate-key check is
// quadratic in the keys of a mapping: a 3 MB table took 39 s), refusing what a YAML
// reader would refuse or take otherwise within it — a key or field given twice, a
// second document — and anything outside the form, naming the line. Keys may be plain,
// double-quoted or single-quoted; every mean must be a decimal number in
// (0, MaxOperatorMS].
func parseLUT(path string, raw []byte) (*LUT, error) {
	l := &LUT{Path: path, Mean: map[string]float64{}}
	lineOf := map[string]int{}
	var key string      // the operator being read ("" before the first)
	var fields []string // its fields so far
	var mean float64    // its mean, when "mean" is among fields
	docStarted, ended := false, false
	errAt := func(n int, format string, a ...any) error {
		return fmt.Errorf("%s line %d: %s", path, n, fmt.Sprintf(format, a...))
	}
	finish := func() error {
		if key == "" {
			return nil
		}
		if !slices.Contains(fields, "mean") {
			return fmt.Errorf("%s line %d: operator %q has no valid mean latency", path, lineOf[key], key)
		}
		l.Mean[key] = mean
		return nil
	}
	n := 0
	for len(raw) > 0 {
		n++
		var line []byte
		line, raw, _ = bytes.Cut(raw, []byte{'\n'})
		text := strings.TrimRight(string(bytes.TrimSuffix(line, []byte{'\r'})), " \t")
		trimmed := strings.TrimLeft(text, " ")
		switch {
		case trimmed == "" || trimmed[0] == '#':
			continue
		case text == "---" || strings.HasPrefix(text, "--- "):
			if docStarted || len(l.Mean) > 0 || key != "" {
				return nil, fmt.Errorf("%s: more than one YAML document (a table is one mapping of operators)", path)
			}
			docStarted = true
			continue
		case text == "...":
			ended = true
			continue
		}
		if ended {
			return nil, fmt.Errorf("%s: more than one YAML document (a table is one mapping of operators)", path)
		}
		if strings.HasPrefix(text, "\t") || strings.HasPrefix(trimmed, "\t") {
			return nil, errAt(n, "a tab in the indentation (YAML indents with spaces)")
		}
		if trimmed == text { // an operator key at the top level
			if err := finish(); err != nil {
				return nil, err
			}
			k, rest, err := splitKey(text)
			if err == nil && (!utf8.ValidString(k) || strings.IndexFunc(k, func(r rune) bool { return !unicode.IsPrint(r) }) >= 0) {
				err = fmt.Errorf("operator key %q: only printable UTF-8 text", k)
			}
			if err != nil {
				return nil, errAt(n, "%v", err)
			}
			if rest != "" {
				return nil, errAt(n, "operator %q: want its fields on the lines below, indented (not %q)", k, rest)
			}
			if prev, dup := lineOf[k]; dup {
				return nil, errAt(n, "operator %q given twice (first on line %d)", k, prev)
			}
			key, fields, mean = k, nil, 0
			lineOf[k] = n
			continue
		}
		if key == "" {
			return nil, errAt(n, "an indented line before any operator")
		}
		name, value, err := splitKey(trimmed)
		if err != nil {
			return nil, errAt(n, "operator %q: %v", key, err)
		}
		if slices.Contains(fields, name) {
			return nil, errAt(n, "operator %q: field %q given twice", key, name)
		}
		fields = append(fields, name)
		if i := strings.Index(value, " #"); i >= 0 {
			value = strings.TrimSpace(value[:i])
		}
		if name != "mean" {
			continue
		}
		if !data.IsDecimal(value) { // no hexadecimal, underscores, leading plus, Inf or NaN
			return nil, errAt(n, "operator %q has no valid mean latency: %q is not a decimal number", key, value)
		}
		v, err := strconv.ParseFloat(value, 64)
		if err != nil || !(v > 0 && v <= MaxOperatorMS) {
			return nil, errAt(n, "operator %q has no valid mean latency: %s ms is outside (0, %g]", key, value, MaxOperatorMS)
		}
		mean = v
	}
	if err := finish(); err != nil {
		return nil, err
	}
	if len(l.Mean) == 0 {
		return nil, fmt.Errorf("%s: no operators", path)
	}
	return l, nil
}

// splitKey splits "key: rest" or "key:" at the colon that ends the key: the first ": "
// (or the final ":") of a plain key, or the colon after a quoted one. A plain key cannot
// start with a YAML indicator; a flow mapping ({...}) is outside the form.
func splitKey(s string) (key, rest string, err error) {
	switch s[0] {
	case '"', '\'':
		end := quotedEnd(s)
		if end < 0 {
			return "", "", fmt.Errorf("unterminated quoted key %s", s)
		}
		if key, err = unquote(s[:end+1]); err != nil {
			return "", "", err
		}
		after := s[end+1:]
		if after != ":" && !strings.HasPrefix(after, ": ") {
			return "", "", fmt.Errorf("want a colon after the key %s", s[:end+1])
		}
		return key, strings.TrimSpace(after[1:]), nil
	case '{', '[', '?', '-', '&', '*', '!', '|', '>', '%', '@', '`', ',':
		return "", "", fmt.Errorf("%q is outside the lookup-table form (one block mapping of operators, each a block mapping of fields)", s)
	}
	if i := strings.Index(s, ": "); i >= 0 {
		key, rest = s[:i], strings.TrimSpace(s[i+2:])
	} else if strings.HasSuffix(s, ":") {
		key = s[:len(s)-1]
	} else {
		return "", "", fmt.Errorf("%q: want key: value", s)
	}
	if key == "" || strings.Contains(key, " #") || strings.HasSuffix(key, " ") {
		return "", "", fmt.Errorf("%q: not a plain key", s)
	}
	if strings.HasPrefix(rest, "{") || strings.HasPrefix(rest, "[") || strings.HasPrefix(rest, "&") || strings.HasPrefix(rest, "*") || strings.HasPrefix(rest, "!") {
		return "", "", fmt.Errorf("%q is outside the lookup-table form (one block mapping of operators, each a block mapping of fields)", s)
	}
	return key, rest, nil
}

// quotedEnd is the index of the quote that closes the quoted scalar s starts with, or -1.
func quotedEnd(s string) int {
	q := s[0]
	for i := 1; i < len(s); i++ {
		switch {
		case q == '"' && s[i] == '\\':
			i++
		case s[i] == q && q == '\'' && i+1 < len(s) && s[i+1] == '\'':
			i++
		case s[i] == q:
			return i
		}
	}
	return -1
}

// unquote reads a double-quoted key (Go's escapes, which are YAML's common ones) or a
// single-quoted one (” for a quote).
func unquote(s string) (string, error) {
	if s[0] == '\'' {
		return strings.ReplaceAll(s[1:len(s)-1], "''", "'"), nil
	}
	k, err := strconv.Unquote(s)
	if err != nil {
		return "", fmt.Errorf("quoted key %s: an escape outside the lookup-table form", s)
	}
	return k, nil
}
