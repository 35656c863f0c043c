package monotonic

import (
	"errors"
	"math"
	"math/rand/v2"
	"runtime"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/nasanalysis/nasanalysis/nasanalysis/data"
	"github.com/nasanalysis/nasanalysis/nasanalysis/datatest"
	"github.com/nasanalysis/nasanalysis/nasanalysis/stats"
)

// CorrelationCI resamples rows once per replicate for the whole matrix; until issue 22
// it resampled each pair's complete rows on its own (stats.BootstrapCorrelation with a
// generator per pair). Both are percentile bootstraps over architectures, identical in
// distribution for a pair without missing values and nearly so with them, so on NB201
// the intervals must agree within 0.01 (the bound), for the pairs of
// rice_edgetpu (259 missing latencies) with six devices and for three pairs among those
// (complete). With 1,000 resamples each, the Monte Carlo error of a 2.5 % or 97.5 %
// bound is about 0.001 to 0.003 here.
func TestCorrelationCIMatchesPerPairBootstrap(t *testing.T) {
	if testing.Short() { // 21 s of make race's 156 s
		t.Skip("data-scale (1,000 resamples of 7 devices): make unit runs it; under -race, TestCorrelationCISameOnAnyNumberOfCores covers the same workers")
	}
	all, err := data.LoadLatency("", "nb201")
	datatest.Check(t, err)
	lat, err := all.Select([]string{"rice_edgetpu", "eagle_gtx", "true_vpu", "rice_pixel3", "eagle_jetson_16", "true_a76", "eagle_i7"})
	if err != nil {
		t.Fatal(err)
	}
	const b = 1000
	m, err := CorrelationCI(lat, stats.Spearman, b, 0.95, 7, nil)
	if err != nil {
		t.Fatal(err)
	}
	full, err := stats.CorrelationMatrix(lat.Latency, stats.Spearman)
	if err != nil {
		t.Fatal(err)
	}
	type pair struct{ i, j int }
	var pairs []pair
	for j := 1; j < len(lat.Devices); j++ { // rice_edgetpu, with missing latencies, is column 0
		pairs = append(pairs, pair{0, j})
	}
	pairs = append(pairs, pair{1, 2}, pair{3, 4}, pair{5, 6})
	worst := 0.0
	for _, p := range pairs {
		name := lat.Devices[p.i] + " / " + lat.Devices[p.j]
		if m.Value[p.i][p.j] != full[p.i][p.j] || m.Value[p.j][p.i] != full[p.i][p.j] {
			t.Errorf("%s: estimate %v, CorrelationMatrix %v", name, m.Value[p.i][p.j], full[p.i][p.j])
		}
		k := len(lat.Devices)
		old, err := stats.BootstrapCorrelation(lat.Latency[p.i], lat.Latency[p.j], stats.Spearman, b, 0.95, rand.New(rand.NewPCG(7, uint64(p.i*k+p.j))))
		if err != nil {
			t.Fatal(err)
		}
		dLo, dHi := math.Abs(m.Lo[p.i][p.j]-old.Lo), math.Abs(m.Hi[p.i][p.j]-old.Hi)
		worst = max(worst, dLo, dHi)
		if dLo > 0.01 || dHi > 0.01 || m.Lo[p.j][p.i] != m.Lo[p.i][p.j] || m.Hi[p.j][p.i] != m.Hi[p.i][p.j] {
			t.Errorf("%s: [%.4f, %.4f], per-pair bootstrap [%.4f, %.4f]", name, m.Lo[p.i][p.j], m.Hi[p.i][p.j], old.Lo, old.Hi)
		}
	}
	t.Logf("%d pairs: largest difference of a bound from the per-pair bootstrap %.4f", len(pairs), worst)
}

// Replicate r draws from (seed, r) whatever worker runs it: the matrix is the same bit
// for bit on one core and on several, and progress counts every replicate once, in
// order.
func TestCorrelationCISameOnAnyNumberOfCores(t *testing.T) {
	lat, err := data.LoadLatency("", "nb201")
	datatest.Check(t, err)
	tab, err := lat.Select([]string{"eagle_gtx", "rice_edgetpu", "true_vpu", "rice_pixel3"})
	if err != nil {
		t.Fatal(err)
	}
	run := func(procs int) (Matrix, []int) {
		defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(procs))
		var seen []int
		m, err := CorrelationCI(tab, stats.Kendall, 120, 0.9, 3, func(done, total int) {
			if total != 120 {
				t.Errorf("progress total %d, want 120", total)
			}
			seen = append(seen, done)
		})
		if err != nil {
			t.Fatal(err)
		}
		return m, seen
	}
	one, seen := run(1)
	many, seenMany := run(4)
	for _, s := range [][]int{seen, seenMany} {
		if len(s) != 120 || s[0] != 1 || s[119] != 120 || !slices.IsSorted(s) {
			t.Errorf("progress calls %v, want 1 to 120 in order", s)
		}
	}
	for i := range one.Devices {
		for j := range one.Devices {
			for _, x := range [][2][][]float64{{one.Value, many.Value}, {one.Lo, many.Lo}, {one.Hi, many.Hi}} {
				if math.Float64bits(x[0][i][j]) != math.Float64bits(x[1][i][j]) {
					t.Fatalf("[%d,%d] differs between 1 and 4 cores: %v, %v", i, j, x[0][i][j], x[1][i][j])
				}
			}
		}
	}
	for r := range one.Replicates {
		for i := range one.Devices {
			for j := range one.Devices {
				if math.Float64bits(one.Replicates[r][i][j]) != math.Float64bits(many.Replicates[r][i][j]) {
					t.Fatalf("replicate %d [%d,%d] differs between 1 and 4 cores", r, i, j)
				}
			}
		}
	}
	if one.Method != stats.Kendall || one.Level != 0.9 || one.Resamples != 120 || !(one.Lo[0][1] < one.Value[0][1] && one.Value[0][1] < one.Hi[0][1]) {
		t.Errorf("matrix %+v", one)
	}
}

// Matrix.Replicates[r] is the correlation matrix on the rows replicate r draws: n
// draws of IntN(n) from the generator seeded (seed, r), as the doc says; a pair's
// interval is the numpy-linear percentiles (sorted value at position p·(b-1),
// interpolated) of its replicates.
func TestCorrelationCIKeepsReplicates(t *testing.T) {
	lat, err := data.LoadLatency("", "nb201")
	datatest.Check(t, err)
	tab, err := lat.Select([]string{"rice_edgetpu", "eagle_gtx", "true_vpu"})
	if err != nil {
		t.Fatal(err)
	}
	const b, seed = 100, 11
	m, err := CorrelationCI(tab, stats.Spearman, b, 0.9, seed, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(m.Replicates) != b {
		t.Fatalf("%d replicates, want %d", len(m.Replicates), b)
	}
	n := tab.Len()
	for _, r := range []int{0, 57, b - 1} {
		rng := rand.New(rand.NewPCG(seed, uint64(r)))
		cols := make([][]float64, len(tab.Devices))
		for i := 0; i < n; i++ {
			row := rng.IntN(n)
			for d := range cols {
				cols[d] = append(cols[d], tab.Latency[d][row])
			}
		}
		want, err := stats.CorrelationMatrix(cols, stats.Spearman)
		if err != nil {
			t.Fatal(err)
		}
		for i := range want {
			for j := range want {
				if m.Replicates[r][i][j] != want[i][j] {
					t.Errorf("replicate %d [%d,%d] = %v, the rows it draws give %v", r, i, j, m.Replicates[r][i][j], want[i][j])
				}
			}
		}
	}
	vals := make([]float64, b)
	for r := range vals {
		vals[r] = m.Replicates[r][0][2]
	}
	slices.Sort(vals)
	at := func(p float64) float64 {
		x := p * (b - 1)
		k := int(x)
		return vals[k] + (x-float64(k))*(vals[k+1]-vals[k])
	}
	if math.Abs(m.Lo[0][2]-at(0.05)) > 1e-12 || math.Abs(m.Hi[2][0]-at(0.95)) > 1e-12 {
		t.Errorf("interval [%v, %v], percentiles of the replicates [%v, %v]", m.Lo[0][2], m.Hi[2][0], at(0.05), at(0.95))
	}
}

func TestCorrelationCIErrors(t *testing.T) {
	lat, err := data.LoadLatency("", "nb201")
	datatest.Check(t, err)
	two, err := lat.Select([]string{"eagle_gtx", "true_vpu"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := CorrelationCI(two, stats.Spearman, 99, 0.95, 1, nil); !errors.Is(err, stats.ErrTooFewResamples) || !strings.Contains(err.Error(), "99") {
		t.Errorf("99 resamples: %v", err)
	}
	if _, err := CorrelationCI(two, stats.Spearman, 100, 1, 1, nil); !errors.Is(err, stats.ErrLevel) {
		t.Errorf("level 1: %v", err)
	}
	if _, err := CorrelationCI(two, "pearson", 100, 0.95, 1, nil); err == nil || !strings.Contains(err.Error(), "pearson") {
		t.Errorf("unknown method: %v", err)
	}
	one, err := lat.Select([]string{"eagle_gtx"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := CorrelationCI(one, stats.Spearman, 100, 0.95, 1, nil); err == nil || !strings.Contains(err.Error(), "1 devices") {
		t.Errorf("one device: %v", err)
	}
	// A constant column: its pairs are undefined on the full table already.
	flat := &data.LatencyTable{Dataset: two.Dataset, Devices: []string{"a", "b"}, Archs: two.Archs[:5], Parsed: two.Parsed[:5],
		Latency: [][]float64{{1, 2, 3, 4, 5}, {2, 2, 2, 2, 2}}}
	if _, err := CorrelationCI(flat, stats.Spearman, 100, 0.95, 1, nil); !errors.Is(err, stats.ErrConstant) {
		t.Errorf("constant column: %v", err)
	}
}

func processCPU() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// The issue's case: FBNet's 27 configurations, 200 resamples, Spearman (what `srcc
// --dataset fbnet --bootstrap 200` runs). Also reports the process's CPU seconds per
// matrix, steadier than wall time on a shared machine.
func BenchmarkCorrelationCIFBNet(b *testing.B) {
	lat, err := data.LoadLatency("", "fbnet")
	datatest.Check(b, err)
	c0 := processCPU()
	for b.Loop() {
		if _, err := CorrelationCI(lat, stats.Spearman, 200, 0.95, 1, nil); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(processCPU()-c0)/float64(b.N)/1e9, "cpu-s/op")
}
