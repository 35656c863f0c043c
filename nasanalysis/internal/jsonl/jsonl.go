// Package jsonl keeps records as JSON lines: one value per line, appended by the
// programs that make them (a notebook's cell programs, the make steps) and read back
// whole. The nb/ledger's output ledger and package timing's events are such files.
package jsonl

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"sync"
)

var mu sync.Mutex // one record at a time from this process: lines never interleave

// Append writes v as one JSON line at the end of the file at path, creating it.
func Append(path string, v any) error {
	line, err := json.Marshal(v)
	if err != nil {
		return err
	}
	mu.Lock()
	defer mu.Unlock()
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_APPEND|os.O_CREATE, 0o644)
	if err != nil {
		return err
	}
	if _, err := f.Write(append(line, '\n')); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// Read decodes every non-blank line of the file at path into a T. A line that does not
// decode, or that valid refuses, is an error naming path, the line number and its text,
// called a what ("ledger entry", "timing event").
func Read[T any](path, what string, valid func(T) bool) ([]T, error) {
	raw, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var out []T
	sc := bufio.NewScanner(bytes.NewReader(raw))
	sc.Buffer(make([]byte, 1<<16), 1<<24)
	for n := 1; sc.Scan(); n++ {
		if len(bytes.TrimSpace(sc.Bytes())) == 0 {
			continue
		}
		var v T
		if err := json.Unmarshal(sc.Bytes(), &v); err != nil || !valid(v) {
			return nil, fmt.Errorf("%s:%d: not a %s: %q", path, n, what, sc.Text())
		}
		out = append(out, v)
	}
	return out, sc.Err()
}
