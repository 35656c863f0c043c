package measfile

import (
	"bytes"
	"encoding/csv"
	"hash/fnv"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/nasanalysis/nasanalysis/nasanalysis/arch"
)

// settings1 is a run's settings in the tests.
var settings1 = Settings{Warmup: 5, Engine: "onnxruntime", EngineVersion: "1.30.0", LibrarySHA256: "5e1f", Threads: 1,
	OptLevel: 3, TargetCI: 0.01, Space: "ofa-mbv3", Sample: "seed=1;n=7;res=160;width=0", CPU: "Test CPU @ 2.0GHz"}

// netArch is the architecture a test network's name stands for where rows are validated
// (merge): a valid OFA-MobileNetV3 network at 160 px, a different one per name.
func netArch(name string) string {
	h := fnv.New64a()
	h.Write([]byte(name))
	a := arch.MBv3.Sample(rand.New(rand.NewPCG(h.Sum64(), 1)), 0)
	a.R = 160
	return a.String()
}

// row is a network's row of settings1 in shard s, timed ms.
func row(arch string, s Shard, ms float64) Row {
	return Row{Arch: arch, Resolution: 160, MedianMS: ms, Q1MS: ms - 0.1, Q3MS: ms + 0.1, MinMS: ms - 0.2, MaxMS: ms + 0.5,
		RelCI: 0.004, Repeats: 10, Settings: settings1, Shard: s, RefMS: math.NaN(), Host: "node1", Cores: 2,
		GoVersion: "go1.26.8", Date: time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC), MACsM: 120.5}
}

// block is one block row of a network profiled with settings1.
func block(arch, name string, ms, sum float64) BlockRow {
	return BlockRow{Arch: arch, Resolution: 160, Block: name, Stage: -1, Layer: -1, Kernel: 3, Expand: 1, InSize: 160,
		MS: ms, RunMS: sum + 0.1, SumMS: sum, Runs: 20, Engine: "onnxruntime", Threads: 1, OptLevel: 3}
}

// csvLines is the CSV text of records, each ending in a newline.
func csvLines(records ...[]string) string {
	var b bytes.Buffer
	w := csv.NewWriter(&b)
	w.WriteAll(records)
	return b.String()
}

// measuredText is a Measured file of rows.
func measuredText(rows ...Row) string {
	recs := [][]string{Measured.Header}
	for _, r := range rows {
		recs = append(recs, r.Record())
	}
	return csvLines(recs...)
}

// blocksText is a Blocks file of rows.
func blocksText(rows ...BlockRow) string {
	recs := [][]string{Blocks.Header}
	for _, r := range rows {
		recs = append(recs, r.Record())
	}
	return csvLines(recs...)
}

// writeFile writes text to name in dir and returns its path.
func writeFile(t *testing.T, dir, name, text string) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// wantErr fails unless err is an error containing want ("" wants no error).
func wantErr(t *testing.T, what string, err error, want string) {
	t.Helper()
	switch {
	case want == "" && err != nil:
		t.Errorf("%s: %v", what, err)
	case want != "" && (err == nil || !strings.Contains(err.Error(), want)):
		t.Errorf("%s: error %v, want one containing %q", what, err, want)
	}
}
