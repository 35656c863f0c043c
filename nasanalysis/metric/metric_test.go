package metric

import (
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"github.com/nasanalysis/nasanalysis/nasanalysis/arch"
	"github.com/nasanalysis/nasanalysis/nasanalysis/data"
	"github.com/nasanalysis/nasanalysis/nasanalysis/datatest"
	"github.com/nasanalysis/nasanalysis/nasanalysis/stats"
)

func uniform(k, e, d, r int) arch.MBArch {
	return arch.MBArch{KS: slices.Repeat([]int{k}, 20), E: slices.Repeat([]int{e}, 20), D: slices.Repeat([]int{d}, 5), R: r}
}

// flops counts two operations per multiply-accumulate of the layer plan.
func TestFlopsAreTwiceMACs(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 1))
	as := []arch.Arch{arch.MBv3.Sample(rng, 0), arch.SampleResNet(rng)}
	macs, _ := New("macs", arch.OFAMBv3, Options{})
	flops, _ := New("flops", arch.OFAMBv3, Options{})
	m, err1 := macs.Values(as)
	f, err2 := flops.Values(as)
	if err1 != nil || err2 != nil {
		t.Fatal(err1, err2)
	}
	for i := range as {
		if f[i] != 2*m[i] || !(m[i] > 50) {
			t.Errorf("architecture %d: macs %v, flops %v", i, m[i], f[i])
		}
	}
}

// flops_bp is twice OFA's FLOPsTable count, in millions: for the smallest and the
// largest network at 224 px an independent Python re-implementation of the table
// counts 180,712,513 and 799,269,834 (arch's TestFLOPsTableCount); where the table has
// no entry (236 px, width 1.0) it refuses, naming the architecture, and ProxylessNAS
// has no flops_bp.
func TestFlopsBP(t *testing.T) {
	m, err := New("flops_bp", arch.OFAMBv3, Options{})
	if err != nil {
		t.Fatal(err)
	}
	got, err := m.Values([]arch.Arch{uniform(3, 3, 2, 224), uniform(7, 6, 4, 224)})
	if err != nil || math.Abs(got[0]-361.425026) > 1e-9 || math.Abs(got[1]-1598.539668) > 1e-9 || m.Unit != "M" {
		t.Errorf("flops_bp = %v, %v (%s)", got, err, m.Unit)
	}
	narrow := uniform(3, 3, 2, 224)
	narrow.W = 1.0
	var re *ResolutionError
	if _, err := m.Values([]arch.Arch{uniform(3, 3, 2, 224), uniform(3, 3, 2, 236)}); !errors.As(err, &re) || re.Arch != 2 {
		t.Errorf("236 px: %v", err)
	}
	if _, err := m.Values([]arch.Arch{narrow}); err == nil || !strings.Contains(err.Error(), "flops_bp") {
		t.Errorf("width 1.0: %v", err)
	}
	if Available("flops_bp", arch.ProxylessNAS) {
		t.Error("proxylessnas has flops_bp")
	}
}

func TestNames(t *testing.T) {
	for _, c := range []struct {
		name, space string
		ok          bool
	}{{"acc", arch.OFAMBv3, true}, {"acc", arch.ProxylessNAS, false}, {"pn_mobile", arch.ProxylessNAS, true}, {"note10_r176", arch.OFAMBv3, true},
		{"note10_r180", arch.OFAMBv3, false}, {"gpu_titan_rtx_1", arch.OFAMBv3, true}, {"gpu_", arch.OFAMBv3, false}, {"gpu_<column>", arch.OFAMBv3, false},
		{"measured", arch.OFAResNet50, true}, {"note10", arch.OFAResNet50, false}} {
		if got := Available(c.name, c.space); got != c.ok {
			t.Errorf("Available(%s, %s) = %v", c.name, c.space, got)
		}
	}
	if _, err := New("acc", arch.ProxylessNAS, Options{}); err == nil || !strings.Contains(err.Error(), "available: macs, flops, params, pn_mobile, measured") {
		t.Errorf("acc on proxylessnas: %v", err)
	}
}

// The dataset README's two reference accuracies (computed independently of this
// project): all k3 e3 d2 at 160 px 75.31 %, all k7 e6 d4 at 224 px 83.59 %; and the
// Note10 metrics: note10 at a network's own resolution equals note10_r<that resolution>.
func TestAccAndNote10(t *testing.T) {
	acc, err := New("acc", arch.OFAMBv3, Options{})
	datatest.Check(t, err)
	got, err := acc.Values([]arch.Arch{uniform(3, 3, 2, 160), uniform(7, 6, 4, 224)})
	if err != nil {
		t.Fatal(err)
	}
	for i, want := range []float64{75.31, 83.59} {
		if math.Abs(got[i]-want) > 0.01 {
			t.Errorf("acc %d = %.3f, want %.2f", i, got[i], want)
		}
	}
	n10, err := New("note10", arch.OFAMBv3, Options{})
	datatest.Check(t, err)
	at176, err := New("note10_r176", arch.OFAMBv3, Options{})
	datatest.Check(t, err)
	a := []arch.Arch{uniform(5, 4, 3, 176), uniform(5, 4, 3, 224)}
	x, err1 := n10.Values(a)
	y, err2 := at176.Values(a)
	if err1 != nil || err2 != nil || x[0] != y[0] || y[1] != y[0] || !(x[1] > x[0]) {
		t.Errorf("note10 %v, note10_r176 %v (%v, %v)", x, y, err1, err2)
	}
}

// The GPU predictor ranks the GPU table's networks: over all 5,000 (4,000 of them unseen)
// its SRCC with the measured column must exceed 0.85, and its stated held-out SRCC 0.8
// (HELP-style predictors reach about 0.9 at batch 1 with a thousand samples). Subsets are
// not used: the table's rows were measured in runs that rank differently (blocks of 500
// rows range from 0.75 to 0.97 here).
func TestGPUMetricRanks(t *testing.T) {
	if testing.Short() {
		t.Skip("trains a predictor")
	}
	m, err := New("gpu_titan_rtx_1", arch.OFAMBv3, Options{GPUTrain: 1000, GPUSeed: 3})
	datatest.Check(t, err)
	var stated float64
	if i := strings.Index(m.About, "held-out SRCC "); i < 0 {
		t.Fatalf("About %q states no held-out SRCC", m.About)
	} else if _, err := fmt.Sscanf(m.About[i:], "held-out SRCC %f", &stated); err != nil || !(stated > 0.8) {
		t.Errorf("stated held-out SRCC %v (%v) in %q", stated, err, m.About)
	}
	tab, err := data.LoadLatency("", GPUDataset)
	if err != nil {
		t.Fatal(err)
	}
	col, _ := tab.Column("titan_rtx_1")
	pred, err := m.Values(tab.Parsed)
	if err != nil {
		t.Fatal(err)
	}
	if rho, err := stats.SpearmanRho(pred, col); err != nil || !(rho > 0.85) {
		t.Errorf("SRCC on the table's 5,000 networks %.3f (%v)", rho, err)
	}
}
