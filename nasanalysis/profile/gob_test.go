package profile

import (
	"bytes"
	"encoding/gob"
	"slices"
	"testing"

	"github.com/nasanalysis/nasanalysis/nasanalysis/arch"
	"github.com/nasanalysis/nasanalysis/nasanalysis/metric"
)

// A profile kept through encoding/gob (as nb.Cached keeps it) answers as the original:
// the same table, responses and placement; it keeps its metrics' names and units but
// neither networks nor metric functions.
func TestResultGobRoundTrip(t *testing.T) {
	fixes := []arch.Fix{fix(0, 0, 3, 3), fix(0, 0, 7, 6), fix(2, 1, 5, 4)}
	r, err := Run(Config{Space: arch.Space{Family: arch.OFAMBv3, Resolutions: []int{192}}, Metrics: []*metric.Metric{kernelSum, macs(t)}, N: 30, Seed: 4, Fixes: fixes})
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := gob.NewEncoder(&buf).Encode(r); err != nil {
		t.Fatal(err)
	}
	var back *Result
	if err := gob.NewDecoder(&buf).Decode(&back); err != nil {
		t.Fatal(err)
	}
	_, rows := r.Table()
	_, rowsBack := back.Table()
	for i := range rows {
		if !slices.EqualFunc(rows[i], rowsBack[i], func(a, b any) bool { return a == b || (isNaN(a) && isNaN(b)) }) {
			t.Fatalf("row %d: %v, decoded %v", i, rows[i], rowsBack[i])
		}
	}
	for _, name := range r.Names {
		a, err1 := r.Placement(name)
		b, err2 := back.Placement(name)
		if err1 != nil || err2 != nil || len(a) != len(b) || a[0] != b[0] {
			t.Errorf("%s placement %v, decoded %v (%v, %v)", name, a, b, err1, err2)
		}
	}
	if back.Metrics[1].Name != "macs" || back.Metrics[1].Unit != r.Metrics[1].Unit || back.Metrics[1].Values != nil || back.Groups[0].Archs != nil {
		t.Errorf("decoded metrics %+v, networks %d", back.Metrics[1], len(back.Groups[0].Archs))
	}
	if len(r.Groups[0].Archs) != 30 {
		t.Error("encoding dropped the original's networks")
	}
}
