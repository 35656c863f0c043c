package measfile

import (
	"math"
	"slices"
	"testing"
	"time"
)

// Every field of a Row lands under its own column, written as the test spells it out.
func TestRowRecord(t *testing.T) {
	r := Row{Arch: `{"ks":[3]}`, Resolution: 176, MedianMS: 12.25, Q1MS: 12, Q3MS: 12.5, MinMS: 11.75, MaxMS: 14, RelCI: 0.0078125,
		Repeats: 37, Settings: Settings{Warmup: 5, Engine: "onnxruntime", EngineVersion: "1.30.0", LibrarySHA256: "5e1f",
			Threads: 2, OptLevel: 1, TargetCI: 0.01, Space: "ofa-mbv3", Sample: "seed=3;n=9;res=0;width=1.2", CPU: "Test CPU", Protocol: "paired:burst=3"},
		Shard: Shard{2, 5}, RefMS: math.NaN(), Disturbed: true, Host: "node7", Cores: 8, GoVersion: "go1.26.8",
		Date: time.Date(2026, 3, 1, 13, 30, 0, 0, time.FixedZone("CET", 3600)), RatioRef: 1.5, RatioLo: 1.25, RatioHi: 1.75, ScaledMS: 9.375,
		RefArch: `{"ks":[5]}`, RefCalmMS: 6.25, MACsM: 219.53, SampleIndex: 42, MergeNote: "accepted incomplete"}
	want := map[string]string{"arch": `{"ks":[3]}`, "resolution": "176", "median_ms": "12.25", "q1_ms": "12", "q3_ms": "12.5",
		"min_ms": "11.75", "max_ms": "14", "rel_ci": "0.0078125", "repeats": "37", "warmup": "5", "engine": "onnxruntime",
		"engine_version": "1.30.0", "library_sha256": "5e1f", "threads": "2", "opt_level": "1", "target_ci": "0.01",
		"space": "ofa-mbv3", "sample": "seed=3;n=9;res=0;width=1.2", "shard": "2/5", "ref_ms": "NaN", "disturbed": "true",
		"machine": "node7", "cpu": "Test CPU", "cores": "8", "go_version": "go1.26.8", "date": "2026-03-01T12:30:00Z",
		"protocol": "paired:burst=3", "ratio_ref": "1.5", "ratio_lo": "1.25", "ratio_hi": "1.75", "scaled_ms": "9.375", "ref_arch": `{"ks":[5]}`, "ref_calm_ms": "6.25", "macs_m": "219.53",
		"sample_index": "42", "merge_note": "accepted incomplete"}
	checkRecord(t, Measured, r.Record(), want)
	b := BlockRow{Arch: "a", Resolution: 160, Block: "s1l2", Stage: 1, Layer: 2, Kernel: 7, Expand: 4, InSize: 40, MS: 0.125,
		RunMS: 3.5, SumMS: 3.25, Runs: 20, Engine: "onnxruntime", Threads: 1, OptLevel: 3}
	checkRecord(t, Blocks, b.Record(), map[string]string{"arch": "a", "resolution": "160", "block": "s1l2", "stage": "1",
		"layer": "2", "kernel": "7", "expand": "4", "in_size": "40", "ms": "0.125", "run_ms": "3.5", "sum_ms": "3.25",
		"runs": "20", "engine": "onnxruntime", "threads": "1", "opt_level": "3"})
	if !slices.Equal(Measured.Header[:Measured.Leading], []string{"arch", "resolution", "median_ms"}) ||
		!slices.Equal(Blocks.Header[Blocks.Leading-2:Blocks.Leading], []string{"run_ms", "sum_ms"}) {
		t.Errorf("leading columns %v, %v", Measured.Header[:Measured.Leading], Blocks.Header[:Blocks.Leading])
	}
	if !slices.Equal(settingsColumns, []string{"warmup", "engine", "engine_version", "library_sha256", "threads", "opt_level", "target_ci", "space", "sample", "cpu", "protocol"}) {
		t.Errorf("settings columns %v", settingsColumns)
	}
}

// checkRecord compares a record with the wanted cell of every column of f.
func checkRecord(t *testing.T, f Format, rec []string, want map[string]string) {
	t.Helper()
	if len(rec) != len(f.Header) || len(want) != len(f.Header) {
		t.Fatalf("%s: record of %d fields, header of %d, %d expected cells", f.Kind, len(rec), len(f.Header), len(want))
	}
	for i, c := range f.Header {
		if rec[i] != want[c] {
			t.Errorf("%s column %s = %q, want %q", f.Kind, c, rec[i], want[c])
		}
	}
}
