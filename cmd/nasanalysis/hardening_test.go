package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// measure's output must be a regular file it can resume from: /dev/full used to hang
// (its reader never ends). Refused before anything is measured, as a usage error.
func TestMeasureRefusesDeviceOutput(t *testing.T) {
	for _, flag := range []string{"--out", "--per-block"} {
		args := []string{"measure", "--engine", "gomlx", "--n", "1", "--out", filepath.Join(t.TempDir(), "m.csv"), flag, "/dev/full"}
		code, _, errOut := runCLI(args...)
		if code != 2 || !strings.Contains(errOut, flag+" /dev/full is not a regular file (character device)") {
			t.Errorf("%s /dev/full: exit %d, %q", flag, code, errOut)
		}
	}
	code, _, errOut := runCLI("measure", "--out", "-", "--redo-disturbed")
	if code != 2 || !strings.Contains(errOut, "cannot be resumed") {
		t.Errorf("--out - --redo-disturbed: exit %d, %q", code, errOut)
	}
	code, _, errOut = runCLI("measure", "--out", filepath.Join(t.TempDir(), "m.csv"), "--n", "1000000000000")
	if code != 2 || !strings.Contains(errOut, "--n 1000000000000") {
		t.Errorf("--n 10^12: exit %d, %q", code, errOut)
	}
}

// --out - streams the rows to standard output, header first.
func TestMeasureToStdout(t *testing.T) {
	code, out, errOut := runCLI("measure", "--engine", "gomlx", "--space", "ofa-mbv3", "--n", "2", "--seed", "3", "--res", "128",
		"--repeats", "1", "--warmup", "0", "--ref-every", "0", "--out", "-")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	h, rows := readMatrixCSV(t, out)
	if len(rows) != 2 || h[0] != "arch" || rows[1][1] != "128" {
		t.Errorf("stdout:\n%s", out)
	}
}

// A torn last row left by an interrupted measure is dropped and measured again.
func TestMeasureResumesPastTornRow(t *testing.T) {
	out := filepath.Join(t.TempDir(), "m.csv")
	args := []string{"measure", "--engine", "gomlx", "--space", "ofa-mbv3", "--n", "2", "--seed", "3", "--res", "128", "--repeats", "1", "--warmup", "0", "--ref-every", "0", "--out", out}
	if code, _, errOut := runCLI(args...); code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	raw, _ := os.ReadFile(out)
	os.WriteFile(out, raw[:len(raw)-40], 0o644) // cut into the second row
	code, _, errOut := runCLI(args...)
	if code != 0 || !strings.Contains(errOut, "torn last row") || !strings.Contains(errOut, "1 of 2 architectures already in") {
		t.Fatalf("resume: exit %d, %q", code, errOut)
	}
	if got := archSet(t, out); len(got) != 2 {
		t.Errorf("after resuming: %d networks", len(got))
	}
	// A file of another design space is not resumed as this one.
	other := append([]string{}, args...)
	other[4] = "proxylessnas"
	if code, _, errOut := runCLI(other...); code != 1 || !strings.Contains(errOut, `space is "ofa-mbv3", this run's is "proxylessnas"`) {
		t.Errorf("resuming another space: exit %d, %q", code, errOut)
	}
}

// sample writes as it draws, checks every write, and reports a full disk.
func TestSampleWriteError(t *testing.T) {
	full, err := os.OpenFile("/dev/full", os.O_WRONLY, 0)
	if err != nil {
		t.Skip("no /dev/full here")
	}
	defer full.Close()
	var e bytes.Buffer
	if code := run([]string{"sample", "--n", "3"}, full, &e); code != 1 || !strings.Contains(e.String(), "no space left on device") {
		t.Errorf("sample to /dev/full: exit %d, %q", code, e.String())
	}
}

// A line longer than the reader's limit is an error naming the input and the line.
func TestLongInputLine(t *testing.T) {
	withStdin(t, "\n"+strings.Repeat("x", maxLineBytes+10)+"\n")
	code, _, errOut := runCLI("eval", "--space", "ofa-mbv3", "--metrics", "flops")
	if code == 0 || !strings.Contains(errOut, "stdin line 2: longer than") {
		t.Errorf("exit %d, %q", code, errOut)
	}
}

// A bootstrap of one resample printed an interval that excluded its own estimate.
func TestSRCCBootstrapNeedsEnoughResamples(t *testing.T) {
	needData(t)
	for _, b := range []string{"1", "99", "-1"} {
		if code, _, errOut := runCLI("srcc", "--dataset", "nb201", "--devices", "eagle_gtx,eagle_i7", "--bootstrap", b); code != 2 || !strings.Contains(errOut, "at least 100 resamples") && !strings.Contains(errOut, "want a whole number from 0 to") {
			t.Errorf("--bootstrap %s: exit %d, %q", b, code, errOut)
		}
	}
}
