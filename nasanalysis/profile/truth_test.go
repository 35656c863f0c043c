package profile

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"testing"

	"github.com/nasanalysis/nasanalysis/nasanalysis/arch"
	"github.com/nasanalysis/nasanalysis/nasanalysis/latency"
	"github.com/nasanalysis/nasanalysis/nasanalysis/metric"
)

// TruthFromBlocks averages by position and block and leaves stem and head out; with a
// metric equal to the blocks' times by construction, TruthFrame's per-position SRCC is 1.
func TestTruthByHand(t *testing.T) {
	recs := []latency.BlockRecord{
		{Arch: "a", BlockTiming: latency.BlockTiming{Block: latency.Block{Name: "stem", Stage: -1, Layer: -1}, MS: 9}},
		{Arch: "a", BlockTiming: latency.BlockTiming{Block: latency.Block{Name: "s0l0", Stage: 0, Layer: 0, Kernel: 3, Expand: 3}, MS: 1}},
		{Arch: "b", BlockTiming: latency.BlockTiming{Block: latency.Block{Name: "s0l0", Stage: 0, Layer: 0, Kernel: 3, Expand: 3}, MS: 2}},
		{Arch: "b", BlockTiming: latency.BlockTiming{Block: latency.Block{Name: "s0l1", Stage: 0, Layer: 1, Kernel: 7, Expand: 6}, MS: 4}},
	}
	tr := TruthFromBlocks(recs)
	f := arch.Fix{Stage: 0, Layer: 0, Block: arch.Block{Kernel: 3, Expand: 3}}
	if len(tr.MS) != 2 || tr.MS[f] != 1.5 || tr.N[f] != 2 {
		t.Errorf("truth %v %v", tr.MS, tr.N)
	}
	// A profile whose shifts are twice the truth plus one ranks the blocks identically.
	fixes := []arch.Fix{f, {Stage: 0, Layer: 0, Block: arch.Block{Kernel: 5, Expand: 3}}, {Stage: 0, Layer: 0, Block: arch.Block{Kernel: 7, Expand: 3}}}
	tr.MS[fixes[1]], tr.MS[fixes[2]] = 2.5, 0.5
	r := &Result{}
	for i, fx := range fixes {
		r.Groups = append(r.Groups, &Group{Fix: &fixes[i], Stats: []Stats{{Shift: 2*tr.MS[fx] + 1}}})
	}
	df, err := r.TruthFrame(0, tr)
	if err != nil {
		t.Fatal(err)
	}
	if df.Nrow() != 1 || df.Col("srcc").Elem(0).Float() != 1 || df.Col("inferred_spread_ms").Elem(0).Float() != 4 || df.Col("measured_spread_ms").Elem(0).Float() != 2 {
		t.Errorf("truth frame\n%v", df)
	}
}

// A profile written as a table reads back with the same fixes and statistics.
func TestReadTableRoundTrip(t *testing.T) {
	fixes := []arch.Fix{{Stage: 1, Layer: 3, Block: arch.Block{Kernel: 5, Expand: 6}}, {Stage: 4, Layer: 0, Block: arch.Block{Kernel: 3, Expand: 4}}}
	r, err := Run(Config{Space: arch.OFAMBv3, Metrics: []*metric.Metric{kernelSum}, N: 30, Seed: 1, Fixes: fixes, Res: 176})
	if err != nil {
		t.Fatal(err)
	}
	header, rows := r.Table()
	var buf bytes.Buffer
	w := csv.NewWriter(&buf)
	w.Write(header)
	for _, row := range rows {
		cells := make([]string, len(row))
		for i, c := range row {
			cells[i] = fmt.Sprint(c)
		}
		w.Write(cells)
	}
	w.Flush()
	p := filepath.Join(t.TempDir(), "p.csv")
	os.WriteFile(p, buf.Bytes(), 0o644)
	back, err := ReadTable(p, arch.OFAMBv3)
	if err != nil {
		t.Fatal(err)
	}
	if len(back.Groups) != 2 || *back.Groups[0].Fix != fixes[0] || back.Groups[1].Resolution != 176 || back.Names[0] != "ksum" {
		t.Fatalf("read back %+v", back)
	}
	for i, g := range append([]*Group{r.Baseline}, r.Groups...) {
		b := append([]*Group{back.Baseline}, back.Groups...)[i]
		if math.Abs(b.Stats[0].Mean-g.Stats[0].Mean) > 1e-9 || math.Abs(b.Stats[0].ShiftHi-g.Stats[0].ShiftHi) > 1e-9 {
			t.Errorf("group %d: %+v, wrote %+v", i, b.Stats[0], g.Stats[0])
		}
	}
	os.WriteFile(p, []byte("stage,layer\n1,2\n"), 0o644)
	if _, err := ReadTable(p, arch.OFAMBv3); err == nil {
		t.Error("a non-profile file was accepted")
	}
}
