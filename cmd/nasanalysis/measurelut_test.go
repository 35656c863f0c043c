package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/nasanalysis/nasanalysis/nasanalysis/arch"
	"github.com/nasanalysis/nasanalysis/nasanalysis/datatest"
	"github.com/nasanalysis/nasanalysis/nasanalysis/latency"
	"github.com/nasanalysis/nasanalysis/nasanalysis/latency/measfile"
)

// measure-lut times every operator of a space at a resolution, writes the table when
// all are in, resumes without measuring again, shares its calm reference time with
// measure in the same directory, and rebuilds the table from its measurement file.
func TestMeasureLUT(t *testing.T) {
	_, err := latency.NewEngine(latency.EngineORT)
	datatest.CheckORT(t, err)
	dir := t.TempDir()
	fast := []string{"--space", "proxylessnas", "--res", "128", "--tables", dir, "--burst", "1", "--min-rounds", "2", "--max-rounds", "2", "--warmup", "0"}
	code, _, errOut := runCLI(append([]string{"measure-lut"}, fast...)...)
	if code != 0 || !strings.Contains(errOut, "calm time") {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	ops, _ := latency.TableOperators(arch.ProxylessNAS, 0, 128)
	rows, err := measfile.ReadLUTRows(filepath.Join(dir, "lut-proxylessnas-w1.3.csv"), false)
	if err != nil || len(rows) != len(ops) {
		t.Fatalf("%d rows, want %d: %v", len(rows), len(ops), err)
	}
	l, err := latency.LoadLocalLUT(dir, arch.ProxylessNAS, 0)
	if err != nil {
		t.Fatal(err)
	}
	a, _ := arch.Parse(arch.ProxylessNAS, uniformMBv3JSON(3, 6, 4, 128))
	if s, err := l.Sum(a); err != nil || !(s > 0) {
		t.Errorf("table sum of a network: %v, %v", s, err)
	}
	code, _, errOut = runCLI(append([]string{"measure-lut"}, fast...)...)
	if code != 0 || !strings.Contains(errOut, "measuring 0") || strings.Contains(errOut, "calm time") {
		t.Errorf("resume: exit %d, %s", code, errOut)
	}
	// measure in the same directory scales by the calm time measure-lut calibrated.
	archs := filepath.Join(dir, "a.jsonl")
	ref, _ := latency.ReferenceArch(arch.ProxylessNAS, 128)
	os.WriteFile(archs, []byte(ref.String()+"\n"), 0o644)
	code, _, errOut = runCLI("measure", "--space", "proxylessnas", "--archs", archs, "--min-rounds", "2", "--max-rounds", "2", "--warmup", "0", "--out", filepath.Join(dir, "m.csv"))
	calm, _ := measfile.ReadCalm(filepath.Join(dir, "calm-onnxruntime.csv"))
	if code != 0 || strings.Contains(errOut, "calm time") || len(calm) != 1 {
		t.Errorf("measure beside the table: exit %d, %d calm times: %s", code, len(calm), errOut)
	}
	os.Remove(filepath.Join(dir, "lut-proxylessnas-w1.3-r128.yaml"))
	code, _, errOut = runCLI("measure-lut", "--space", "proxylessnas", "--res", "128", "--tables", dir, "--from", filepath.Join(dir, "lut-proxylessnas-w1.3.csv"))
	if _, err := os.Stat(filepath.Join(dir, "lut-proxylessnas-w1.3-r128.yaml")); code != 0 || err != nil {
		t.Errorf("--from: exit %d, %v: %s", code, err, errOut)
	}
	for _, bad := range [][]string{{"--space", "ofa-mbv3", "--width", "1.1"}, {"--space", "ofa-resnet50", "--width", "1.2"}, {"--res", "12"}, {"--from", "x.csv", "--shard", "0/2"}} {
		if code, _, errOut := runCLI(append([]string{"measure-lut", "--tables", dir}, bad...)...); code != 2 {
			t.Errorf("%v: exit %d, %s", bad, code, errOut)
		}
	}
}
