// Package datatest lets tests (of every package and of the command line) that need the shared public data skip cleanly where it is
// absent (a clone with no ../shared/datasets, no cache and no NASANALYSIS_DATA) and
// fail where it must be present: `make test`, and so CI, sets RequireEnv=1, so CI can
// never pass by skipping.
package datatest

import (
	"encoding/csv"
	"errors"
	"io/fs"
	"os"
	"runtime/debug"
	"testing"
	"time"
)

// RequireEnv, set to 1, turns a skip for missing data into a failure.
const RequireEnv = "NASANALYSIS_REQUIRE_DATA"

// ORTRequireEnv, set to 1, turns a skip for a missing ONNX Runtime library into a
// failure (package ort's RequireEnv).
const ORTRequireEnv = "NASANALYSIS_REQUIRE_ORT"

// CheckORT is Check for ONNX Runtime's library (ort.Init's error): a missing library
// skips unless ORTRequireEnv=1.
func CheckORT(t testing.TB, err error) {
	t.Helper()
	if err == nil {
		return
	}
	if errors.Is(err, fs.ErrNotExist) && os.Getenv(ORTRequireEnv) != "1" {
		t.Skipf("ONNX Runtime library absent (set %s=1 to fail instead): %v", ORTRequireEnv, err)
	}
	t.Fatal(err)
}

// Check ends the test when err is not nil: a missing data file (an error wrapping
// fs.ErrNotExist, as every loader's does) skips with the error, which names every path
// tried, unless RequireEnv=1; any other error fails.
func Check(t testing.TB, err error) {
	t.Helper()
	if err == nil {
		return
	}
	if errors.Is(err, fs.ErrNotExist) && os.Getenv(RequireEnv) != "1" {
		t.Skipf("shared data absent (set %s=1 to fail instead): %v", RequireEnv, err)
	}
	t.Fatal(err)
}

// Bounded runs f and fails t if f panics or has not returned within limit: how a fuzz
// target checks that a parser of outside input always returns. f runs on its own
// goroutine, so that a hang is reported as a failure of that input instead of stalling
// the fuzzer.
func Bounded(t testing.TB, limit time.Duration, what string, f func()) {
	t.Helper()
	type outcome struct {
		panicked bool
		value    any
		stack    []byte
	}
	done := make(chan outcome, 1)
	go func() {
		defer func() {
			if v := recover(); v != nil {
				done <- outcome{true, v, debug.Stack()}
			}
		}()
		f()
		done <- outcome{}
	}()
	select {
	case o := <-done:
		if o.panicked {
			t.Fatalf("%s panicked: %v\n%s", what, o.value, o.stack)
		}
	case <-time.After(limit):
		t.Fatalf("%s has not returned after %v", what, limit)
	}
}

// ReadCSV returns every record of the CSV file at path, failing the test (with the
// path) when it cannot be opened or parsed: the reference tables and data files tests
// compare against.
func ReadCSV(t testing.TB, path string) [][]string {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return rows
}
