package profile

import (
	"math"
	"slices"
	"testing"

	"github.com/nasanalysis/nasanalysis/nasanalysis/arch"
	"github.com/nasanalysis/nasanalysis/nasanalysis/metric"
)

// kernelSum is a hand-made metric whose value is known for every network: the sum of
// the kernel sizes of the five stages' first blocks (always active) — so a fix's mean
// shift can be computed by hand.
var kernelSum = &metric.Metric{Name: "ksum", Deterministic: true, Values: func(as []arch.Arch) ([]float64, error) {
	out := make([]float64, len(as))
	for i, a := range as {
		m := a.(arch.MBArch)
		for s := range 5 {
			out[i] += float64(m.KS[4*s])
		}
	}
	return out, nil
}}

func macs(t *testing.T) *metric.Metric {
	m, err := metric.New("macs", arch.OFAMBv3, metric.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// Every sample of a fix holds its block (the sampling constraint), and results do not
// depend on anything but the seed.
func TestRunSamplesHoldTheirBlock(t *testing.T) {
	cfg := Config{Space: arch.Space{Family: arch.OFAMBv3}, Metrics: []*metric.Metric{kernelSum, macs(t)}, N: 40, Seed: 7}
	r, err := Run(cfg)
	if err != nil {
		t.Fatal(err)
	}
	if len(r.Groups) != 180 || r.Baseline.Fix != nil {
		t.Fatalf("%d groups", len(r.Groups))
	}
	for _, g := range r.Groups {
		if g.Present != 1 {
			t.Fatalf("%s present in %.2f of its networks", g.Fix, g.Present)
		}
		for _, a := range g.Archs {
			if !g.Fix.Present(a) {
				t.Fatalf("%s missing from %s", g.Fix, a)
			}
		}
	}
	again, _ := Run(cfg)
	_, rows1 := r.Table()
	_, rows2 := again.Table()
	for i := range rows1 {
		if !slices.EqualFunc(rows1[i], rows2[i], func(a, b any) bool { return a == b || (isNaN(a) && isNaN(b)) }) {
			t.Fatalf("row %d differs between two runs with one seed", i)
		}
	}
}

func isNaN(v any) bool { f, ok := v.(float64); return ok && math.IsNaN(f) }

// The shift of a fix on the kernel sum, by hand: fixing stage 0 layer 0 (always active)
// to kernel 7 replaces a uniform draw from {3, 5, 7} (mean 5) by 7, so the expected
// shift is +2; kernel 3 gives -2. The kernel sum's SD is √(5·8/3) ≈ 3.7, so with N = 2000
// the shift's standard error is about √2·3.7/√2000 ≈ 0.11: the estimate must lie within
// 0.45 (4 standard errors) and its 95 % interval must not be far off the truth either.
func TestShiftByHand(t *testing.T) {
	fixes := []arch.Fix{{Stage: 0, Layer: 0, Block: arch.Block{Kernel: 7, Expand: 6}}, {Stage: 0, Layer: 0, Block: arch.Block{Kernel: 3, Expand: 6}}}
	r, err := Run(Config{Space: arch.Space{Family: arch.OFAMBv3}, Metrics: []*metric.Metric{kernelSum}, N: 2000, Seed: 3, Fixes: fixes})
	if err != nil {
		t.Fatal(err)
	}
	for i, want := range []float64{2, -2} {
		s := r.Groups[i].Stats[0]
		if !(s.ShiftLo-0.1 < want && want < s.ShiftHi+0.1) || math.Abs(s.Shift-want) > 0.45 {
			t.Errorf("%s: shift %.2f [%.2f, %.2f], want %v inside", r.Groups[i].Fix, s.Shift, s.ShiftLo, s.ShiftHi, want)
		}
		if s.Min > s.Q01 || s.Q01 > s.Q05 || s.Q05 > s.Mean || s.Mean > s.Q95 || s.Q95 > s.Q99 || s.Q99 > s.Max {
			t.Errorf("%s: statistics out of order %+v", r.Groups[i].Fix, s)
		}
	}
	// Placement at stage 0 layer 0 over the two kernels: means differ by the kernel
	// difference exactly (7 - 3 = 4) in expectation.
	ps, err := r.Placement("ksum")
	if err != nil {
		t.Fatal(err)
	}
	if len(ps) != 1 || ps[0].High.Kernel != 7 || ps[0].Low.Kernel != 3 || !(ps[0].Spread.Lo < 4 && 4 < ps[0].Spread.Hi) {
		t.Errorf("placement %+v", ps)
	}
}

// A metric that is not deterministic is evaluated in one shuffled batch, and its values
// still land on their own networks: here the "measurement" is the kernel sum itself.
func TestShuffledMetricKeepsOrder(t *testing.T) {
	shuffled := *kernelSum
	shuffled.Name, shuffled.Deterministic = "ksum_measured", false
	fixes := []arch.Fix{{Stage: 0, Layer: 0, Block: arch.Block{Kernel: 7, Expand: 6}}, {Stage: 1, Layer: 0, Block: arch.Block{Kernel: 3, Expand: 3}}}
	r, err := Run(Config{Space: arch.Space{Family: arch.OFAMBv3}, Metrics: []*metric.Metric{kernelSum, &shuffled}, N: 50, Seed: 9, Fixes: fixes})
	if err != nil {
		t.Fatal(err)
	}
	for _, g := range append([]*Group{r.Baseline}, r.Groups...) {
		if !slices.Equal(g.Values[0], g.Values[1]) {
			t.Fatalf("group %v: shuffled values %v, want %v", g.Fix, g.Values[1], g.Values[0])
		}
	}
}
