package measfile

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func lutRow(key string, res int, ratio float64) LUTRow {
	return LUTRow{Key: key, Resolution: res, Space: "ofa-mbv3", Width: 1.2, Block: "s0l0", Rounds: 12, RatioRef: ratio,
		RatioLo: ratio * 0.99, RatioHi: ratio * 1.01, ScaledMS: ratio * 4, RefArch: "ref", RefCalmMS: 4, OpMedianMS: ratio * 5,
		RefMedian: 5, Engine: "onnxruntime", EngineVersion: "1.30.0", Threads: 1, OptLevel: 3, Protocol: "paired:burst=3",
		Shard: Whole, Machine: "node1", CPU: "Test CPU", Date: time.Date(2026, 12, 6, 3, 0, 0, 0, time.UTC)}
}

// A lookup-table measurement file reads back what was appended; an operator measured
// twice at one resolution, or a ratio that is not positive, is refused by line.
func TestReadLUTRows(t *testing.T) {
	path := filepath.Join(t.TempDir(), "lut.csv")
	if err := LUTRows.Append(path, lutRow("a", 160, 0.05).Record(), lutRow("a", 176, 0.06).Record()); err != nil {
		t.Fatal(err)
	}
	got, err := ReadLUTRows(path, false)
	if err != nil || len(got) != 2 || got[1].Resolution != 176 || got[1].ScaledMS != 0.06*4 || got[0].Rounds != 12 {
		t.Fatalf("read back %+v, %v", got, err)
	}
	if err := LUTRows.Append(path, lutRow("a", 160, 0.07).Record()); err != nil {
		t.Fatal(err)
	}
	if _, err := ReadLUTRows(path, false); err == nil || !strings.Contains(err.Error(), "line 4: operator a at 160 px measured twice (first on line 2)") {
		t.Errorf("duplicate: %v", err)
	}
	bad := filepath.Join(t.TempDir(), "bad.csv")
	if err := LUTRows.Append(bad, lutRow("b", 160, -1).Record()); err != nil {
		t.Fatal(err)
	}
	if _, err := ReadLUTRows(bad, false); err == nil || !strings.Contains(err.Error(), "line 2, column ratio_ref: -1 is not a positive number") {
		t.Errorf("negative ratio: %v", err)
	}
	if got, err := ReadLUTRows(filepath.Join(t.TempDir(), "none.csv"), true); err != nil || len(got) != 0 {
		t.Errorf("missing file with missingOK: %v, %v", got, err)
	}
}

// Calm times are read by reference and engine setting; a reference calibrated twice
// or a time that is not positive is refused by line, and a file of another kind by
// its header.
func TestReadCalm(t *testing.T) {
	path := filepath.Join(t.TempDir(), "calm.csv")
	r := CalmRow{RefArch: "ref160", Space: "ofa-mbv3", Engine: "onnxruntime", Threads: 1, OptLevel: 3, CalmMS: 3.9, Rounds: 60, Quantile: 0.1,
		EngineVersion: "1.30.0", Machine: "node1", CPU: "Test CPU", Date: time.Now()}
	other := r
	other.RefArch, other.CalmMS = "ref176", 4.6
	if err := Calm.Append(path, r.Record(), other.Record()); err != nil {
		t.Fatal(err)
	}
	m, err := ReadCalm(path)
	if err != nil || m[CalmKey("ofa-mbv3", "ref160", "onnxruntime", 1, 3)] != 3.9 || m[CalmKey("ofa-mbv3", "ref176", "onnxruntime", 1, 3)] != 4.6 || len(m) != 2 {
		t.Fatalf("read %v, %v", m, err)
	}
	if err := Calm.Append(path, r.Record()); err != nil {
		t.Fatal(err)
	}
	if _, err := ReadCalm(path); err == nil || !strings.Contains(err.Error(), "line 4: reference ref160 of ofa-mbv3 calibrated twice") {
		t.Errorf("twice: %v", err)
	}
	zero := filepath.Join(t.TempDir(), "zero.csv")
	r.CalmMS = 0
	if err := Calm.Append(zero, r.Record()); err != nil {
		t.Fatal(err)
	}
	if _, err := ReadCalm(zero); err == nil || !strings.Contains(err.Error(), "line 2, column calm_ms: 0 is not a positive time") {
		t.Errorf("zero: %v", err)
	}
	notes := filepath.Join(t.TempDir(), "notes.csv")
	os.WriteFile(notes, []byte("my,notes\n1,2\n"), 0o644)
	if _, err := ReadCalm(notes); err == nil || !strings.Contains(err.Error(), "not a calm reference-time file") {
		t.Errorf("another file: %v", err)
	}
}

// The same reference text in two spaces is two networks (ProxylessNAS's middle network
// is written as OFA-MobileNetV3's, without a width): two calm times, not one reused.
func TestCalmKeyHasSpace(t *testing.T) {
	path := filepath.Join(t.TempDir(), "calm.csv")
	mb := CalmRow{RefArch: "ref160", Space: "ofa-mbv3", Engine: "onnxruntime", Threads: 1, OptLevel: 3, CalmMS: 3.9, Rounds: 60, Quantile: 0.1, Date: time.Now()}
	pn := mb
	pn.Space, pn.CalmMS = "proxylessnas", 5.5
	if err := Calm.Append(path, mb.Record(), pn.Record()); err != nil {
		t.Fatal(err)
	}
	m, err := ReadCalm(path)
	if err != nil || m[CalmKey("ofa-mbv3", "ref160", "onnxruntime", 1, 3)] != 3.9 || m[CalmKey("proxylessnas", "ref160", "onnxruntime", 1, 3)] != 5.5 {
		t.Errorf("read %v, %v", m, err)
	}
}

// A table's rows rescaled to another calm time keep their ratios; scaled_ms becomes
// ratio x the new time (hand-computed: 0.5 x 6 = 3).
func TestRescaleLUTRows(t *testing.T) {
	path := filepath.Join(t.TempDir(), "lut.csv")
	r := lutRow("a", 160, 0.5)
	r.Space = "proxylessnas"
	if err := LUTRows.Append(path, r.Record()); err != nil {
		t.Fatal(err)
	}
	calm := map[string]float64{CalmKey("proxylessnas", r.RefArch, "onnxruntime", 1, 3): 6}
	if err := RescaleLUTRows(path, calm); err != nil {
		t.Fatal(err)
	}
	got, err := ReadLUTRows(path, false)
	if err != nil || len(got) != 1 || got[0].ScaledMS != 3 || got[0].RefCalmMS != 6 || got[0].RatioRef != 0.5 {
		t.Errorf("rescaled: %+v, %v", got, err)
	}
	if err := RescaleLUTRows(path, map[string]float64{}); err == nil || !strings.Contains(err.Error(), "line 2: the calm-time file has no time for reference") {
		t.Errorf("missing calm time: %v", err)
	}
}
