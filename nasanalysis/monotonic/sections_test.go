package monotonic

import (
	"math"
	"strings"
	"testing"

	"github.com/nasanalysis/nasanalysis/nasanalysis/arch"
	"github.com/nasanalysis/nasanalysis/nasanalysis/data"
	"github.com/nasanalysis/nasanalysis/nasanalysis/datatest"
)

func TestIntervalAgreementSentence(t *testing.T) {
	a := IntervalAgreement{Cells: 1999, Threshold: 0.9, SureAbove: 20, SureBelow: 100,
		Summary: CISummary{Pairs: 153, AtLeast: 25, MedianWidth: 0.02, MaxWidth: 0.05}}
	s := a.Sentence()
	if !strings.HasPrefix(s, "25 of 153 device pairs reach SRCC ≥ 0.900; by their 95 % intervals 20 surely do, 100 surely do not, and 33 straddle the threshold.") ||
		!strings.Contains(s, "are narrow (median width 0.0200, widest 0.0500)") {
		t.Errorf("narrow: %q", s)
	}
	a.Summary.MaxWidth = 0.12
	if s := a.Sentence(); !strings.Contains(s, "but the widest is 0.120: some pairs are not well determined") {
		t.Errorf("wide: %q", s)
	}
}

// AgreementWithIntervals on a hand table: a (1, 2, 3, 4), b (2, 1, 4, 3), c (1, 2, 4, 3).
// rho(a, b) = 0.6, rho(a, c) = 0.8, rho(b, c) = 1 - 6*2/60 = 0.8 (ranks of c (1, 2, 4, 3)
// against b (2, 1, 4, 3): d = (-1, 1, 0, 0)). tau-b(a, b): of 6 pairs of cells 4 agree, 2
// disagree: 1/3; tau(a, c) = (5-1)/6 = 2/3; tau(b, c) = 2/3. Every tau is below its rho.
func TestAgreementWithIntervalsByHand(t *testing.T) {
	tab := &data.LatencyTable{Dataset: data.Dataset{Name: "h"}, Path: "h.csv", Archs: []string{"w", "x", "y", "z"},
		Devices: []string{"a", "b", "c"}, Latency: [][]float64{{1, 2, 3, 4}, {2, 1, 4, 3}, {1, 2, 4, 3}}}
	a, err := AgreementWithIntervals(tab, 200, 1, 0.7)
	if err != nil {
		t.Fatal(err)
	}
	if math.Abs(a.Spearman.Value[0][1]-0.6) > 1e-12 || math.Abs(a.Spearman.Value[1][2]-0.8) > 1e-12 || math.Abs(a.Kendall[0][1]-1.0/3) > 1e-12 || math.Abs(a.Kendall[0][2]-2.0/3) > 1e-12 {
		t.Errorf("rho %v, tau %v", a.Spearman.Value, a.Kendall)
	}
	if a.Cells != 4 || a.KendallBelow != 3 || a.Summary.Pairs != 3 || a.Summary.AtLeast != 2 {
		t.Errorf("agreement %+v", a)
	}
}

var handBatchDevices = []data.Device{{Name: "g_1", Hardware: "G", Batch: 1}, {Name: "c", Hardware: "C", Batch: 1}, {Name: "g_32", Hardware: "G", Batch: 32}, {Name: "g_8", Hardware: "G", Batch: 8}}

// g_1 (1, 2, 3, 4), g_32 (4, 3, 2, 1): rho -1, tau -1; g_1 vs g_8 (1, 2, 4, 3): rho 0.8,
// tau 2/3; g_8 vs g_32: ranks (1, 2, 4, 3) vs (4, 3, 2, 1): d = (-3, -1, 2, 2), rho = 1 -
// 6*18/60 = -0.8, tau -2/3.
func TestBatchPairsByHand(t *testing.T) {
	tab := &data.LatencyTable{Path: "h.csv", Archs: []string{"w", "x", "y", "z"}, Devices: []string{"g_1", "c", "g_32", "g_8"},
		Latency: [][]float64{{1, 2, 3, 4}, {5, 5, 6, 7}, {4, 3, 2, 1}, {1, 2, 4, 3}}}
	ps, err := BatchPairs(tab, handBatchDevices)
	if err != nil {
		t.Fatal(err)
	}
	if len(ps) != 3 || ps[0].A != "g_1" || ps[0].B != "g_8" || math.Abs(ps[0].Spearman-0.8) > 1e-12 || math.Abs(ps[0].Kendall-2.0/3) > 1e-12 ||
		ps[1].B != "g_32" || ps[1].Spearman != -1 || ps[2].A != "g_8" || math.Abs(ps[2].Spearman+0.8) > 1e-12 {
		t.Fatalf("pairs %+v", ps)
	}
	from1 := FromBatch(ps, 1)
	if len(from1) != 2 || BatchPairsFrame(from1).Nrow() != 2 {
		t.Errorf("from batch 1: %+v", from1)
	}
	r, err := BatchRangeOf("hand", from1)
	if err != nil || r.Low.B != "g_32" || r.High.B != "g_8" {
		t.Errorf("range %+v, %v", r, err)
	}
	s := BatchSentence([]BatchRange{r}, 0.9)
	if s != "Batch 1 against the larger batches of the same GPU: SRCC on `hand` from -1 (G, batch 1 vs 32) to 0.800; so a proxy measured at one batch size can rank architectures quite differently from the same GPU at another." {
		t.Errorf("sentence %q", s)
	}
	good := BatchRange{Dataset: "x", Low: BatchPair{Hardware: "G", BatchA: 1, BatchB: 32, Spearman: 0.95}, High: BatchPair{Spearman: 0.99}}
	if s := BatchSentence([]BatchRange{good, r}, 0.9); !strings.Contains(s, "quite differently") || WorstBatch([]BatchRange{good, r}).Dataset != "hand" {
		t.Errorf("worst of two: %q", s)
	}
	if s := BatchSentence([]BatchRange{good}, 0.9); !strings.HasSuffix(s, "so every GPU ranks architectures alike at all its batch sizes (SRCC ≥ 0.900).") {
		t.Errorf("all alike: %q", s)
	}
	if _, err := BatchPairs(tab, handBatchDevices[:2]); err == nil {
		t.Error("devices not matching the columns accepted")
	}
}

// Three bands of four sub-networks, the same rank pattern in each, latencies offset by
// 10 per band: d0 (1, 2, 3, 4), d1 = d0, d2 (2, 1, 3, 4), d3 (4, 3, 2, 1). Within a band:
// rho(d0, d1) = 1, rho(d0, d2) = rho(d1, d2) = 0.8, rho(d0, d3) = rho(d1, d3) = -1,
// rho(d2, d3) = -0.8. The six pairs sorted are -1, -1, -0.8, 0.8, 0.8, 1: the median is
// the mean of the middle two, (-0.8 + 0.8) / 2 = 0 (the upper-middle pair would say
// 0.8), the lowest -1. Over all twelve, d0 rises with resolution (rho 1); d3's ranks
// (4, 3, 2, 1, 8, 7, 6, 5, 12, 11, 10, 9) against 1..12 give sum d² = 60 and rho =
// 1 - 6*60/(12*143) = 0.79021.
func TestResolutionAgreementMedianOfAnEvenNumberOfPairs(t *testing.T) {
	pattern := [][]float64{{1, 2, 3, 4}, {1, 2, 3, 4}, {2, 1, 3, 4}, {4, 3, 2, 1}}
	res := []int{128, 136, 144, 152, 160, 168, 176, 184, 192, 200, 208, 216}
	tab := &data.LatencyTable{Dataset: data.Dataset{Name: "h", Space: "ofa-mbv3"}, Path: "h.csv", Devices: []string{"d0", "d1", "d2", "d3"}, Latency: make([][]float64, 4)}
	for i, r := range res {
		tab.Archs = append(tab.Archs, "a")
		tab.Parsed = append(tab.Parsed, arch.MBArch{R: r})
		for d := range pattern {
			tab.Latency[d] = append(tab.Latency[d], pattern[d][i%4]+10*float64(i/4))
		}
	}
	r, err := ResolutionAgreement(tab)
	if err != nil {
		t.Fatal(err)
	}
	for _, b := range r.Bands {
		if b.N != 4 || math.Abs(b.MedianPair) > 1e-12 || math.Abs(b.LowestPair+1) > 1e-12 {
			t.Errorf("band %+v: want 4 sub-networks, median 0, lowest -1", b)
		}
	}
	if r.All.N != 12 || r.All.Name != "all" {
		t.Errorf("all %+v", r.All)
	}
	if math.Abs(r.WithResolution[0]-1) > 1e-12 || math.Abs(r.WithResolution[3]-(1-360.0/1716)) > 1e-12 {
		t.Errorf("with resolution %v", r.WithResolution)
	}
	if df := r.BandsFrame(); df.Nrow() != 4 || df.Col("resolution").Elem(3).String() != "all" {
		t.Errorf("bands frame %v", df)
	}
	if _, err := ResolutionAgreement(&data.LatencyTable{Dataset: data.Dataset{Space: "nb201"}, Parsed: []arch.Arch{arch.Cell{}}}); err == nil {
		t.Error("NAS-Bench-201 cells accepted")
	}
}

func TestResolutionSentence(t *testing.T) {
	r := ResolutionResult{Bands: []ResolutionBand{{MedianPair: 0.47, LowestPair: 0.1}, {MedianPair: 0.66, LowestPair: 0.2}, {MedianPair: 0.637, LowestPair: 0.3}},
		All: ResolutionBand{MedianPair: 0.643, LowestPair: 0.15}, WithResolution: []float64{0.5, 0.7}}
	s := r.Sentence()
	if !strings.Contains(s, "median pair has SRCC 0.470–0.660, against 0.643 over all resolutions: the GPUs agree better within some bands and less well within others") ||
		!strings.Contains(s, "The least monotone pair rises in some bands and not in others: 0.100–0.300 within the bands against 0.150") ||
		!strings.HasSuffix(s, "with SRCC 0.500–0.700.") {
		t.Errorf("mixed: %q", s)
	}
	r.All = ResolutionBand{MedianPair: 0.7, LowestPair: 0.35}
	if s := r.Sentence(); !strings.Contains(s, "agree less well within a band") || !strings.Contains(s, "falls in every band") {
		t.Errorf("less well: %q", s)
	}
	r.All = ResolutionBand{MedianPair: 0.4, LowestPair: 0.05}
	if s := r.Sentence(); !strings.Contains(s, "agree better within a band than over all") || !strings.Contains(s, "rises in every band") {
		t.Errorf("better: %q", s)
	}
}

// HELP's OFA GPU table: each GPU at batch 1, 32 and 64 (ofa/README.md).
func TestBatchPairsOFA(t *testing.T) {
	lat, err := data.LoadLatency("", "ofa-mbv3-gpu")
	datatest.Check(t, err)
	devs, err := data.LoadDevices("", "ofa-mbv3-gpu")
	datatest.Check(t, err)
	ps, err := BatchPairs(lat, devs)
	if err != nil {
		t.Fatal(err)
	}
	if len(ps) != 12 || len(FromBatch(ps, 1)) != 8 {
		t.Errorf("%d pairs, %d from batch 1; want 4 GPUs x 3 pairs, 8 from batch 1", len(ps), len(FromBatch(ps, 1)))
	}
}
