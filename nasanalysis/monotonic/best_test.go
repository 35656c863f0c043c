package monotonic

import (
	"math"
	"strings"
	"testing"

	"github.com/nasanalysis/nasanalysis/nasanalysis/data"
	"github.com/nasanalysis/nasanalysis/nasanalysis/datatest"
	"github.com/nasanalysis/nasanalysis/nasanalysis/stats"
)

// z is the 97.5 % quantile of the standard normal.
const z975 = 1.959963984540054

// handMatrix: three devices, pairs (a,b), (a,c), (b,c) with values ab, ac, bc and 95 %
// intervals of standard errors 0.01, 0.03 and 0.02 (value ± z·se).
func handMatrix(ab, ac, bc float64) Matrix {
	mk := func(ab, ac, bc float64) [][]float64 { return [][]float64{{1, ab, ac}, {ab, 1, bc}, {ac, bc, 1}} }
	se := [3]float64{0.01, 0.03, 0.02}
	return Matrix{Devices: []string{"a", "b", "c"}, Level: 0.95, Value: mk(ab, ac, bc),
		Lo: mk(ab-z975*se[0], ac-z975*se[1], bc-z975*se[2]), Hi: mk(ab+z975*se[0], ac+z975*se[1], bc+z975*se[2])}
}

// Means: a (0.9 + 0.5)/2 = 0.7 with se (0.01 + 0.03)/2 = 0.02; b 0.85, se 0.015; c 0.65,
// se 0.025. b's interval 0.85 ± z·0.015 = 0.82060-0.87940; b - a = 0.15 with se 0.035:
// 0.08140-0.21860, clear. Worst cases: a 0.5 (c) and b 0.8 (c) with their pairs'
// intervals, c 0.5 (a).
func TestBestProxiesByHand(t *testing.T) {
	got, err := BestProxies(handMatrix(0.9, 0.5, 0.8), ProxyOptions{})
	if err != nil {
		t.Fatal(err)
	}
	b, a, c := got[0], got[1], got[2]
	if b.Proxy != "b" || a.Proxy != "a" || c.Proxy != "c" || b.Targets != 2 {
		t.Fatalf("order %+v", got)
	}
	near := func(x, want float64) bool { return math.Abs(x-want) < 1e-9 }
	if !near(b.Mean.Estimate, 0.85) || !near(b.Mean.Lo, 0.85-z975*0.015) || !near(b.Mean.Hi, 0.85+z975*0.015) {
		t.Errorf("b's mean %+v", b.Mean)
	}
	if !near(a.VsBest.Estimate, 0.15) || !near(a.VsBest.Lo, 0.15-z975*0.035) || a.VsBest.Sign() != 1 || !near(b.VsBest.Estimate, 0.15) {
		t.Errorf("b - a: %+v; the best against the runner-up: %+v", a.VsBest, b.VsBest)
	}
	if !near(b.Worst.Estimate, 0.8) || b.WorstTarget != "c" || !near(b.Worst.Lo, 0.8-z975*0.02) || a.WorstTarget != "c" || c.WorstTarget != "a" || BestWorstCase(got).Proxy != "b" {
		t.Errorf("worst cases: b %+v, a %+v, c %+v", b.Worst, a, c)
	}
	if b.PBest < 0.99 || b.PBest+a.PBest+c.PBest < 0.999999 || b.PBest+a.PBest+c.PBest > 1.000001 {
		t.Errorf("chances %v, %v, %v: b about 1, summing to 1", b.PBest, a.PBest, c.PBest)
	}
	s := BestProxySentence(got)
	if !strings.HasPrefix(s, "Best by mean SRCC: **b** (0.850 (0.821–0.879), chance of being best ") || !strings.Contains(s, "ahead of the next by 0.150 (95 % interval 0.081–0.219)") ||
		!strings.Contains(s, "; best by worst case: **b** (0.800 (0.761–0.839) with `c`, chance of being best ") {
		t.Errorf("clear best: %q", s)
	}
	if df := ProxyScoresFrame(got); df.Nrow() != 3 || df.Ncol() != 11 || df.Col("proxy").Elem(0).String() != "b" {
		t.Errorf("frame %v", df)
	}
}

// With (a,c) at 0.78, a's mean is 0.84 against b's 0.85: the difference 0.01 has se
// 0.02 + 0.015 and its interval holds 0, so the two are tied; so is c (0.79, b - c =
// 0.06 ± z·0.04).
func TestBestProxiesTie(t *testing.T) {
	got, err := BestProxies(handMatrix(0.9, 0.78, 0.8), ProxyOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if got[0].Proxy != "b" || got[1].Proxy != "a" || got[1].VsBest.Sign() != 0 {
		t.Fatalf("scores %+v", got)
	}
	if s := BestProxySentence(got); !strings.HasPrefix(s, "Tied for best by mean SRCC, the intervals of their differences holding 0: **b** (") || !strings.Contains(s, ", **a** (0.840") || !strings.Contains(s, " and **c** (0.790") {
		t.Errorf("tie: %q", s)
	}
}

// With a and b one piece of hardware, each is scored on c alone: a 0.5, b 0.8; c on
// both, 0.65.
func TestBestProxiesSkipSameHardware(t *testing.T) {
	devs := []data.Device{{Name: "a", Hardware: "X"}, {Name: "b", Hardware: "X"}, {Name: "c", Hardware: "Y"}}
	got, err := BestProxies(handMatrix(0.9, 0.5, 0.8), ProxyOptions{SkipSameHardware: true, Devices: devs})
	if err != nil {
		t.Fatal(err)
	}
	if got[0].Proxy != "b" || got[0].Mean.Estimate != 0.8 || got[0].Targets != 1 || got[1].Proxy != "c" || math.Abs(got[1].Mean.Estimate-0.65) > 1e-12 || got[2].Mean.Estimate != 0.5 {
		t.Errorf("scores %+v", got)
	}
	if _, err := BestProxies(handMatrix(0.9, 0.5, 0.8), ProxyOptions{SkipSameHardware: true, Devices: devs[:2]}); err == nil {
		t.Error("a device without hardware accepted")
	}
	if _, err := BestProxies(handMatrix(0.9, 0.5, 0.8), ProxyOptions{Candidates: []string{"z"}}); err == nil {
		t.Error("an unknown candidate accepted")
	}
	if got, err := BestProxies(handMatrix(0.9, 0.5, 0.8), ProxyOptions{Candidates: []string{"a"}, Targets: []string{"a", "c"}}); err != nil || len(got) != 1 || got[0].Mean.Estimate != 0.5 {
		t.Errorf("a on c alone: %+v, %v", got, err)
	}
}

// A matrix without intervals (made by hand): estimates only, NaN intervals and chances,
// and every candidate tied.
func TestBestProxiesWithoutIntervals(t *testing.T) {
	m := handMatrix(0.9, 0.5, 0.8)
	m.Lo, m.Hi = nil, nil
	got, err := BestProxies(m, ProxyOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if got[0].Proxy != "b" || !math.IsNaN(got[0].Mean.Lo) || !math.IsNaN(got[0].PBest) || got[1].VsBest.Sign() != 0 {
		t.Errorf("scores %+v", got)
	}
	if s := BestProxySentence(got); !strings.HasPrefix(s, "Tied for best by mean SRCC") {
		t.Errorf("sentence %q", s)
	}
}

// Two independent normals: P(N(0.8, 0.03²) > N(0.78, 0.04²)) = Φ(0.02 / 0.05) =
// Φ(0.4) = 0.6554217 (normal table). Three equal scores: 1/3 each. An exact score
// beats a normal centred 1 se below it with probability Φ(1) = 0.8413447.
func TestChanceOfBest(t *testing.T) {
	p := ChanceOfBest([]float64{0.8, 0.78}, []float64{0.03, 0.04})
	if math.Abs(p[0]-0.6554217) > 1e-6 || math.Abs(p[1]-0.3445783) > 1e-6 {
		t.Errorf("two normals: %v, want 0.6554217, 0.3445783", p)
	}
	p = ChanceOfBest([]float64{0.5, 0.5, 0.5}, []float64{0.1, 0.1, 0.1})
	for _, x := range p {
		if math.Abs(x-1.0/3) > 1e-6 {
			t.Errorf("three equal: %v", p)
		}
	}
	p = ChanceOfBest([]float64{0.5, 0.4}, []float64{0, 0.1})
	if math.Abs(p[0]-0.8413447) > 1e-6 || math.Abs(p[1]-0.1586553) > 1e-4 {
		t.Errorf("exact against normal: %v, want 0.8413447, 0.1586553", p)
	}
	if p := ChanceOfBest([]float64{0.5, 0.4}, []float64{math.NaN(), 0.1}); !math.IsNaN(p[0]) || !math.IsNaN(p[1]) {
		t.Errorf("no interval: %v, want NaN", p)
	}
	if p := ChanceOfBest([]float64{0.5}, []float64{0.1}); p[0] != 1 {
		t.Errorf("one candidate: %v", p)
	}
}

// On nb201-full every GPU appears at batch 1, 32 and 256: leaving out the same hardware
// scores each GPU configuration on 27 - 3 = 24 targets, the other configurations on 26.
func TestBestProxiesNB201FullSkipsBatches(t *testing.T) {
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
