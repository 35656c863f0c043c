// Package datatest lets tests (of every package and of the command line) that need the shared public data skip cleanly where it is
// absent (a clone with no ../shared/datasets, no cache and no NASANALYSIS_DATA) and
// fail where it must be present: `make test`, and so CI, sets RequireEnv=1, so CI can
// never pass by skipping.
package datatest

import (
	"errors"
	"io/fs"
	"os"
	"testing"
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
