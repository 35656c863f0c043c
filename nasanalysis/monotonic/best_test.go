package monotonic

import (
	"errors"
	"math"
	"strings"
	"testing"

	"github.com/nasanalysis/nasanalysis/nasanalysis/data"
	"github.com/nasanalysis/nasanalysis/nasanalysis/datatest"
	"github.com/nasanalysis/nasanalysis/nasanalysis/stats"
)

// handMatrix: three devices a, b, c with pairs (a,b) 0.9, (a,c) 0.5, (b,c) 0.8 on the
// full sample and four bootstrap replicates (ab, ac, bc):
//
//	r0: 0.92 0.52 0.82    r1: 0.88 0.56 0.78    r2: 0.86 0.46 0.84    r3: r3ab r3ac r3bc
//
// at the given level.
func handMatrix(level, r3ab, r3ac, r3bc float64) Matrix {
	mk := func(ab, ac, bc float64) [][]float64 { return [][]float64{{1, ab, ac}, {ab, 1, bc}, {ac, bc, 1}} }
	return Matrix{Devices: []string{"a", "b", "c"}, Level: level, Resamples: 4, Value: mk(0.9, 0.5, 0.8),
		Replicates: [][][]float64{mk(0.92, 0.52, 0.82), mk(0.88, 0.56, 0.78), mk(0.86, 0.46, 0.84), mk(r3ab, r3ac, r3bc)}}
}

// With r3 = (0.95, 0.76, 0.66), by hand:
//
//	means      r0    r1    r2    r3     full    worst cases  r0    r1    r2    r3    full
//	a (ab,ac)  0.72  0.72  0.66  0.855  0.70    a            0.52  0.56  0.46  0.76  0.5 (c)
//	b (ab,bc)  0.87  0.83  0.85  0.805  0.85    b            0.82  0.78  0.84  0.66  0.8 (c)
//	c (ac,bc)  0.67  0.67  0.65  0.71   0.65    c            0.52  0.56  0.46  0.66  0.5 (a)
//
// b has the highest mean and the highest worst case on r0-r2, a on r3: chances 3/4,
// 1/4, 0 both ways. Percentiles of four values at level 0.5 (numpy's linear rule: the
// 25 % point at sorted position 0.75, the 75 % point at 2.25): b's means sorted 0.805
// 0.83 0.85 0.87 give 0.805 + 0.75·0.025 = 0.82375 and 0.85 + 0.25·0.02 = 0.855; a's
// 0.66 0.72 0.72 0.855 give 0.705 and 0.75375; c's 0.65 0.67 0.67 0.71 give 0.665 and
// 0.68. b's worst cases 0.66 0.78 0.82 0.84 give 0.75 and 0.825. Paired differences
// b - a of the means 0.15 0.11 0.19 -0.05, sorted -0.05 0.11 0.15 0.19: 0.07 to 0.16,
// which excludes 0 (b is best), though a wins r3; b - c 0.20 0.16 0.20 0.095: 0.14375
// to 0.2. Worst cases b - c 0.30 0.22 0.38 0: 0.165 to 0.32; b - a (the runner-up on a
// tie with c at 0.5, candidates' order) 0.30 0.22 0.38 -0.10: 0.14 to 0.32.
func TestBestProxiesByHand(t *testing.T) {
	got, err := BestProxies(handMatrix(0.5, 0.95, 0.76, 0.66), ProxyOptions{})
	if err != nil {
		t.Fatal(err)
	}
	b, a, c := got[0], got[1], got[2]
	if b.Proxy != "b" || a.Proxy != "a" || c.Proxy != "c" || b.Targets != 2 {
		t.Fatalf("order %+v", got)
	}
	near := func(x, want float64) bool { return math.Abs(x-want) < 1e-12 }
	iv := func(x stats.Interval, est, lo, hi float64) bool {
		return near(x.Estimate, est) && near(x.Lo, lo) && near(x.Hi, hi) && x.Level == 0.5
	}
	if !iv(b.Mean, 0.85, 0.82375, 0.855) || !iv(a.Mean, 0.7, 0.705, 0.75375) || !iv(c.Mean, 0.65, 0.665, 0.68) {
		t.Errorf("means: b %+v, a %+v, c %+v", b.Mean, a.Mean, c.Mean)
	}
	if b.PBest != 0.75 || a.PBest != 0.25 || c.PBest != 0 || b.PBestWorst != 0.75 || a.PBestWorst != 0.25 || c.PBestWorst != 0 {
		t.Errorf("chances by mean %v %v %v, by worst case %v %v %v; want 3/4, 1/4, 0 both", b.PBest, a.PBest, c.PBest, b.PBestWorst, a.PBestWorst, c.PBestWorst)
	}
	if !iv(a.VsBest, 0.15, 0.07, 0.16) || !iv(b.VsBest, 0.15, 0.07, 0.16) || !iv(c.VsBest, 0.2, 0.14375, 0.2) || a.VsBest.Sign() != 1 {
		t.Errorf("differences of means: b - a %+v, best %+v, b - c %+v", a.VsBest, b.VsBest, c.VsBest)
	}
	if !iv(b.Worst, 0.8, 0.75, 0.825) || b.WorstTarget != "c" || a.WorstTarget != "c" || c.WorstTarget != "a" || BestWorstCase(got).Proxy != "b" {
		t.Errorf("worst cases: b %+v, a %+v, c %+v", b.Worst, a, c)
	}
	if !iv(c.VsBestWorst, 0.3, 0.165, 0.32) || !iv(a.VsBestWorst, 0.3, 0.14, 0.32) || !iv(b.VsBestWorst, 0.3, 0.14, 0.32) {
		t.Errorf("differences of worst cases: b - a %+v, b - c %+v, best %+v", a.VsBestWorst, c.VsBestWorst, b.VsBestWorst)
	}
	s := BestProxySentence(got)
	if !strings.HasPrefix(s, "Best by mean SRCC: **b** (0.850 (0.824–0.855), chance of being best 75 %), ahead of the next by 0.150 (50 % interval 0.070–0.160)") ||
		!strings.Contains(s, "; best by worst case: **b** (0.800 (0.750–0.825) with `c`, chance of being best 75 %)") {
		t.Errorf("clear best: %q", s)
	}
	if df := ProxyScoresFrame(got); df.Nrow() != 3 || df.Ncol() != 11 || df.Col("proxy").Elem(0).String() != "b" || df.Col("p_best").Elem(0).Float() != 0.75 {
		t.Errorf("frame %v", df)
	}
}

// At level 0.9 the paired differences b - a (sorted -0.05 0.11 0.15 0.19) give 5 %
// and 95 % points at positions 0.15 and 2.85: -0.05 + 0.15·0.16 = -0.026 and 0.15 +
// 0.85·0.04 = 0.184, holding 0: a is tied with b. b - c (0.095 0.16 0.20 0.20): 0.095 +
// 0.15·0.065 = 0.10475 upwards, c is not.
func TestBestProxiesTie(t *testing.T) {
	got, err := BestProxies(handMatrix(0.9, 0.95, 0.76, 0.66), ProxyOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if got[0].Proxy != "b" || got[1].Proxy != "a" || math.Abs(got[1].VsBest.Lo+0.026) > 1e-12 || math.Abs(got[1].VsBest.Hi-0.184) > 1e-12 ||
		got[1].VsBest.Sign() != 0 || math.Abs(got[2].VsBest.Lo-0.10475) > 1e-12 {
		t.Fatalf("scores %+v", got)
	}
	if s := BestProxySentence(got); !strings.HasPrefix(s, "Tied for best by mean SRCC, the intervals of their differences holding 0: **b** (0.850") || !strings.Contains(s, " and **a** (0.700") || strings.Contains(s, "**c**") {
		t.Errorf("tie: %q", s)
	}
}

// With r3 = (0.95, 0.70, 0.70), a and b have the same mean on r3, (0.95 + 0.70) / 2,
// and split it: b 3.5/4, a 0.5/4. All three have the worst case 0.70 there and split
// it three ways: b (3 + 1/3)/4, a and c 1/12 each.
func TestBestProxiesSplitsTies(t *testing.T) {
	got, err := BestProxies(handMatrix(0.5, 0.95, 0.70, 0.70), ProxyOptions{})
	if err != nil {
		t.Fatal(err)
	}
	b, a, c := got[0], got[1], got[2]
	near := func(x, want float64) bool { return math.Abs(x-want) < 1e-12 }
	if b.Proxy != "b" || !near(b.PBest, 0.875) || !near(a.PBest, 0.125) || c.PBest != 0 ||
		!near(b.PBestWorst, (3+1.0/3)/4) || !near(a.PBestWorst, 1.0/12) || !near(c.PBestWorst, 1.0/12) {
		t.Errorf("chances by mean %v %v %v, by worst case %v %v %v", b.PBest, a.PBest, c.PBest, b.PBestWorst, a.PBestWorst, c.PBestWorst)
	}
}

// A replicate in which a scored pair is undefined is left out for every candidate: with
// (a,c) NaN on r3, the chances are over r0-r2, where b is best (1, 0, 0), and b's
// means 0.83 0.85 0.87 give 0.84 and 0.86 at level 0.5.
func TestBestProxiesDropsUndefinedReplicates(t *testing.T) {
	got, err := BestProxies(handMatrix(0.5, 0.95, math.NaN(), 0.66), ProxyOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if got[0].Proxy != "b" || got[0].PBest != 1 || got[1].PBest != 0 || got[2].PBest != 0 || math.Abs(got[0].Mean.Lo-0.84) > 1e-12 || math.Abs(got[0].Mean.Hi-0.86) > 1e-12 {
		t.Errorf("scores %+v", got)
	}
	m := handMatrix(0.5, 0.95, 0.76, 0.66)
	for _, r := range m.Replicates {
		r[0][2] = math.NaN()
	}
	if _, err := BestProxies(m, ProxyOptions{}); err == nil || !strings.Contains(err.Error(), "none of the 4 bootstrap replicates") {
		t.Errorf("no usable replicate: %v", err)
	}
	m = handMatrix(0.5, 0.95, 0.76, 0.66)
	m.Replicates[1] = m.Replicates[1][:2]
	if _, err := BestProxies(m, ProxyOptions{}); err == nil || !strings.Contains(err.Error(), "replicate 1 has 2 rows for 3 devices") {
		t.Errorf("short replicate: %v", err)
	}
	m = handMatrix(1, 0.95, 0.76, 0.66)
	if _, err := BestProxies(m, ProxyOptions{}); !errors.Is(err, stats.ErrLevel) {
		t.Errorf("level 1: %v", err)
	}
}

// With a and b one piece of hardware, each is scored on c alone: a 0.5, b 0.8; c on
// both, 0.65.
func TestBestProxiesSkipSameHardware(t *testing.T) {
	m := handMatrix(0.5, 0.95, 0.76, 0.66)
	devs := []data.Device{{Name: "a", Hardware: "X"}, {Name: "b", Hardware: "X"}, {Name: "c", Hardware: "Y"}}
	got, err := BestProxies(m, ProxyOptions{SkipSameHardware: true, Devices: devs})
	if err != nil {
		t.Fatal(err)
	}
	if got[0].Proxy != "b" || got[0].Mean.Estimate != 0.8 || got[0].Targets != 1 || got[1].Proxy != "c" || math.Abs(got[1].Mean.Estimate-0.65) > 1e-12 || got[2].Mean.Estimate != 0.5 {
		t.Errorf("scores %+v", got)
	}
	if _, err := BestProxies(m, ProxyOptions{SkipSameHardware: true, Devices: devs[:2]}); err == nil {
		t.Error("a device without hardware accepted")
	}
	if _, err := BestProxies(m, ProxyOptions{Candidates: []string{"z"}}); err == nil {
		t.Error("an unknown candidate accepted")
	}
	if got, err := BestProxies(m, ProxyOptions{Candidates: []string{"a"}, Targets: []string{"a", "c"}}); err != nil || len(got) != 1 || got[0].Mean.Estimate != 0.5 || got[0].PBest != 1 || !math.IsNaN(got[0].VsBest.Lo) {
		t.Errorf("a on c alone: %+v, %v", got, err)
	}
}

// A matrix without replicates (made by hand): estimates only, NaN intervals and chances,
// and every candidate tied.
func TestBestProxiesWithoutReplicates(t *testing.T) {
	m := handMatrix(0.95, 0.95, 0.76, 0.66)
	m.Replicates = nil
	got, err := BestProxies(m, ProxyOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if got[0].Proxy != "b" || math.Abs(got[0].Mean.Estimate-0.85) > 1e-12 || !math.IsNaN(got[0].Mean.Lo) || !math.IsNaN(got[0].PBest) || !math.IsNaN(got[0].Worst.Hi) || got[1].VsBest.Sign() != 0 {
		t.Errorf("scores %+v", got)
	}
	if s := BestProxySentence(got); !strings.HasPrefix(s, "Tied for best by mean SRCC") {
		t.Errorf("sentence %q", s)
	}
}

// On nb201 (CorrelationCI, 200 resamples): the chances sum to 1 both ways and every
// mean lies in its interval. Among eagle_cpu_855, true_vpu and eagle_gtx (means 0.807,
// 0.761 and 0.698 over the other 17 devices, the first's interval, about 0.80-0.82, wholly
// above the others', up to about 0.77) eagle_cpu_855 is clearly the best: chance near 1,
// separated from each.
func TestBestProxiesNB201(t *testing.T) {
	lat, err := data.LoadLatency("", "nb201")
	datatest.Check(t, err)
	m, err := CorrelationCI(lat, stats.Spearman, 200, 0.95, 1, nil)
	if err != nil {
		t.Fatal(err)
	}
	got, err := BestProxies(m, ProxyOptions{})
	if err != nil {
		t.Fatal(err)
	}
	sum, sumWorst := 0.0, 0.0
	for _, s := range got {
		sum, sumWorst = sum+s.PBest, sumWorst+s.PBestWorst
		if !(s.Mean.Lo <= s.Mean.Estimate && s.Mean.Estimate <= s.Mean.Hi) {
			t.Errorf("%s: mean %+v outside its interval", s.Proxy, s.Mean)
		}
	}
	if math.Abs(sum-1) > 1e-9 || math.Abs(sumWorst-1) > 1e-9 {
		t.Errorf("chances sum to %v by mean and %v by worst case, want 1", sum, sumWorst)
	}
	clear, err := BestProxies(m, ProxyOptions{Candidates: []string{"true_vpu", "eagle_cpu_855", "eagle_gtx"}})
	if err != nil {
		t.Fatal(err)
	}
	if clear[0].Proxy != "eagle_cpu_855" || clear[0].PBest < 0.99 || clear[1].VsBest.Sign() != 1 || clear[2].VsBest.Sign() != 1 {
		t.Errorf("clear best: %+v", clear)
	}
	if !strings.HasPrefix(BestProxySentence(clear), "Best by mean SRCC: **eagle_cpu_855**") {
		t.Errorf("sentence %q", BestProxySentence(clear))
	}
}

// On nb201-full every GPU appears at batch 1, 32 and 256: leaving out the same hardware
// scores each GPU configuration on 27 - 3 = 24 targets, the other configurations on 26.
func TestBestProxiesNB201FullSkipsBatches(t *testing.T) {
	if testing.Short() { // 23 s of make race's 156 s
		t.Skip("data-scale (27 devices): make unit runs it; under -race, TestCorrelationCISameOnAnyNumberOfCores covers CorrelationCI's workers on a smaller table")
	}
	lat, err := data.LoadLatency("", "nb201-full")
	datatest.Check(t, err)
	devs, err := data.LoadDevices("", "nb201-full")
	datatest.Check(t, err)
	m, err := CorrelationCI(lat, stats.Spearman, stats.MinResamples, 0.95, 1, nil)
	if err != nil {
		t.Fatal(err)
	}
	got, err := BestProxies(m, ProxyOptions{SkipSameHardware: true, Devices: devs})
	if err != nil {
		t.Fatal(err)
	}
	batch := map[string]int{}
	for _, d := range devs {
		batch[d.Name] = d.Batch
	}
	gpus := 0
	for _, s := range got {
		want := 26
		if batch[s.Proxy] != 1 || strings.HasSuffix(s.Proxy, "_1") && s.Proxy != "essential_ph_1" {
			want, gpus = 24, gpus+1
		}
		if s.Targets != want {
			t.Errorf("%s scored on %d targets, want %d", s.Proxy, s.Targets, want)
		}
		if !(s.Mean.Lo <= s.Mean.Estimate && s.Mean.Estimate <= s.Mean.Hi) {
			t.Errorf("%s: mean %+v outside its interval", s.Proxy, s.Mean)
		}
	}
	if gpus != 15 {
		t.Errorf("%d GPU configurations, want 5 GPUs x 3 batch sizes", gpus)
	}
}

// The frame rounds chances to 0.0001: 0.65548 reads 0.6555, 1e-27 reads 0.
func TestProxyScoresFrameRoundsChances(t *testing.T) {
	df := ProxyScoresFrame([]ProxyScore{{Proxy: "a", PBest: 0.65548, PBestWorst: 1e-27}})
	if p, w := df.Col("p_best").Elem(0).Float(), df.Col("p_best_worst").Elem(0).Float(); p != 0.6555 || w != 0 {
		t.Errorf("p_best %v, p_best_worst %v; want 0.6555, 0", p, w)
	}
}
