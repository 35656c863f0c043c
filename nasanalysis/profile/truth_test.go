package profile

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"testing"

	"github.com/nasanalysis/nasanalysis/nasanalysis/arch"
	"github.com/nasanalysis/nasanalysis/nasanalysis/latency"
	"github.com/nasanalysis/nasanalysis/nasanalysis/metric"
)

// TruthFromBlocks averages by position and block and leaves stem and head out.
func TestTruthFromBlocks(t *testing.T) {
	recs := []latency.BlockRecord{
		{Arch: "a", BlockTiming: latency.BlockTiming{Block: latency.Block{Name: "stem", Stage: -1, Layer: -1}, MS: 9}},
		{Arch: "a", BlockTiming: latency.BlockTiming{Block: latency.Block{Name: "s0l0", Stage: 0, Layer: 0, Kernel: 3, Expand: 3}, MS: 1}},
		{Arch: "b", BlockTiming: latency.BlockTiming{Block: latency.Block{Name: "s0l0", Stage: 0, Layer: 0, Kernel: 3, Expand: 3}, MS: 2}},
		{Arch: "b", BlockTiming: latency.BlockTiming{Block: latency.Block{Name: "s0l1", Stage: 0, Layer: 1, Kernel: 7, Expand: 6}, MS: 4}},
	}
	tr := TruthFromBlocks(recs)
	f := fix(0, 0, 3, 3)
	if len(tr.MS) != 2 || tr.MS[f] != 1.5 || tr.N[f] != 2 || tr.Networks != 2 || tr.Rows != 4 {
		t.Errorf("truth %+v", tr)
	}
}

// truthProfile is a hand-made profile of one latency metric whose every fix has a shift
// interval of ±1.96 x 0.3 (standard error 0.3): at s0l0 (layer 0) shifts 2 x truth + 1
// for block times 1.5, 2.5, 0.5; at s0l2 (layer 2) shifts truth + 3 for times 1, 2, 3.
func truthProfile() (*Result, BlockTruth) {
	tr := BlockTruth{MS: map[arch.Fix]float64{}, N: map[arch.Fix]int{}, Networks: 7}
	r := &Result{Config: Config{Space: arch.Space{Family: arch.OFAMBv3}, N: 10, Seed: 1}, Names: []string{"lat"}, Baseline: &Group{}}
	add := func(f arch.Fix, ms, shift float64, n int) {
		tr.MS[f], tr.N[f] = ms, n
		r.Fixes = append(r.Fixes, f)
		h := z95 * 0.3
		r.Groups = append(r.Groups, &Group{Fix: &f, Stats: []Stats{{Shift: shift, ShiftLo: shift - h, ShiftHi: shift + h}}})
	}
	for i, ms := range []float64{1.5, 2.5, 0.5} {
		add(fix(0, 0, arch.MBKernels[i], 3), ms, 2*ms+1, 2+i)
	}
	for i, ms := range []float64{1, 2, 3} {
		add(fix(0, 2, arch.MBKernels[i], 3), ms, ms+3, 3)
	}
	return r, tr
}

// By hand: each position ranks its blocks as their times do (SRCC 1); s0l0 sees a spread
// of 4 against 2 measured, s0l2 2 against 2; the offsets are 4 - 1.5 = 2.5 and 5 - 2 = 3,
// each with standard error 0.3/√3, so layers 2-3 exceed layers 0-1 by 0.5 with standard
// error 0.3 √(2/3) = 0.245: the 95 % interval 0.020-0.980 excludes 0. Over the six fixes
// the shifts (4, 6, 2, 4, 5, 6) rank against the times (1.5, 2.5, 0.5, 1, 2, 3) with
// Spearman √(16.5/17.5) = 0.97101 (ranks with ties averaged).
func TestCompareTruthByHand(t *testing.T) {
	r, tr := truthProfile()
	tc, err := r.CompareTruth("lat", tr, 1000, rand.New(rand.NewPCG(1, 2)))
	if err != nil {
		t.Fatal(err)
	}
	near := func(what string, got, want float64) {
		if math.Abs(got-want) > 1e-9 {
			t.Errorf("%s = %v, want %v", what, got, want)
		}
	}
	if len(tc.Positions) != 2 || len(tc.Shift) != 6 {
		t.Fatalf("comparison %+v", tc)
	}
	p0, p2 := tc.Positions[0], tc.Positions[1]
	near("s0l0 srcc", p0.SRCC, 1)
	near("s0l0 inferred spread", p0.InferredSpread, 4)
	near("s0l0 measured spread", p0.MeasuredSpread, 2)
	near("s0l0 offset", p0.Offset, 2.5)
	near("s0l0 offset SE", p0.OffsetSE, 0.3/math.Sqrt(3))
	near("s0l2 offset", p2.Offset, 3)
	near("deep minus shallow", tc.DeepMinusShallow.Estimate, 0.5)
	near("its lower end", tc.DeepMinusShallow.Lo, 0.5-z95*0.3*math.Sqrt(2.0/3))
	near("srcc", tc.SRCC.Estimate, math.Sqrt(16.5/17.5))
	near("median width", tc.MedianShiftWidth, 2*z95*0.3)
	near("median measured spread", tc.MedianMeasuredSpread, 2)
	if tc.DeepMinusShallow.Sign() != 1 || tc.TruthMinN != 2 || tc.TruthMaxN != 4 || tc.TruthNetworks != 7 ||
		len(tc.OffsetByLayer) != 3 || tc.OffsetByLayer[0] != 2.5 || !math.IsNaN(tc.OffsetByLayer[1]) {
		t.Errorf("comparison %+v", tc)
	}
	df := tc.Frame()
	if df.Nrow() != 2 || df.Col("srcc").Elem(0).Float() != 1 || df.Col("inferred_spread_ms").Elem(0).Float() != 4 || df.Col("measured_spread_ms").Elem(0).Float() != 2 {
		t.Errorf("truth frame\n%v", df)
	}
	if _, err := r.CompareTruth("lat", BlockTruth{}, 1000, rand.New(rand.NewPCG(1, 2))); err == nil {
		t.Error("no measured block gave no error")
	}
}

// A profile written as a table reads back with the same fixes and statistics.
func TestReadTableRoundTrip(t *testing.T) {
	fixes := []arch.Fix{{Stage: 1, Layer: 3, Block: arch.Block{Kernel: 5, Expand: 6}}, {Stage: 4, Layer: 0, Block: arch.Block{Kernel: 3, Expand: 4}}}
	r, err := Run(Config{Space: arch.Space{Family: arch.OFAMBv3, Resolutions: []int{176}}, Metrics: []*metric.Metric{kernelSum}, N: 30, Seed: 1, Fixes: fixes})
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
	back, err := ReadTable(p, arch.Space{Family: arch.OFAMBv3})
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
	if _, err := ReadTable(p, arch.Space{Family: arch.OFAMBv3}); err == nil {
		t.Error("a non-profile file was accepted")
	}
}
