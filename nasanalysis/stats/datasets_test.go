package stats_test

// The tests and benchmarks on the real datasets live in the external test package:
// data imports stats, so a test inside package stats cannot import data.

import (
	"math"
	"strconv"
	"testing"
	"time"

	"github.com/nasanalysis/nasanalysis/nasanalysis/data"
	"github.com/nasanalysis/nasanalysis/nasanalysis/datatest"
	"github.com/nasanalysis/nasanalysis/nasanalysis/stats"
)

// readReference reads a device x device matrix written by testdata/make_reference.py.
func readReference(t *testing.T, path string) (devices []string, m [][]float64) {
	t.Helper()
	rows := datatest.ReadCSV(t, path)
	devices = rows[0][1:]
	for _, row := range rows[1:] {
		vals := make([]float64, len(row)-1)
		for j, s := range row[1:] {
			var err error
			if vals[j], err = strconv.ParseFloat(s, 64); err != nil {
				t.Fatal(err)
			}
		}
		m = append(m, vals)
	}
	return devices, m
}

// The matrices agree with SciPy's spearmanr and kendalltau (testdata/make_reference.py)
// on real data, including rice_edgetpu's 259 missing values.
func TestCorrelationMatrixMatchesSciPy(t *testing.T) {
	for _, c := range []struct {
		dataset string
		method  stats.RankCorrelation
		ref     string
	}{
		{"nb201", stats.Spearman, "testdata/nb201_spearman_scipy.csv"},
		{"nb201", stats.Kendall, "testdata/nb201_kendall_scipy.csv"},
		{"ofa-mbv3-gpu", stats.Spearman, "testdata/ofa-mbv3-gpu_spearman_scipy.csv"},
	} {
		lat, err := data.LoadLatency("", c.dataset)
		datatest.Check(t, err)
		devices, want := readReference(t, c.ref)
		tab, err := lat.Select(devices)
		if err != nil {
			t.Fatal(err)
		}
		got, err := stats.CorrelationMatrix(tab.Latency, c.method)
		if err != nil {
			t.Fatal(err)
		}
		for i := range want {
			for j := range want[i] {
				if !stats.Near(got[i][j], want[i][j], 1e-12) {
					t.Errorf("%s %s [%s,%s] = %.15g, SciPy %.15g", c.dataset, c.method, devices[i], devices[j], got[i][j], want[i][j])
				}
			}
		}
	}
}

// The published OneProxy example: SRCC(true_vpu, eagle_gtx) over the 1,999 cells is 0.6905.
func TestOneProxyPublishedSRCC(t *testing.T) {
	lat, err := data.LoadLatency("", "nb201")
	datatest.Check(t, err)
	a, _ := lat.Column("true_vpu")
	b, _ := lat.Column("eagle_gtx")
	if got := stats.Value(t)(stats.SpearmanRho(a, b)); !stats.Near(got, 0.6905, 5e-5) {
		t.Errorf("SRCC(true_vpu, eagle_gtx) = %.5f, published 0.6905", got)
	}
}

// The NB201 18-device x 1,999-cell latency matrix, for the benchmarks; complete keeps
// only the 1,740 cells measured on every device (what scipy.stats.spearmanr takes in
// testdata/bench_scipy.py).
func nb201Columns(b testing.TB, complete bool) [][]float64 {
	lat, err := data.LoadLatency("", "nb201")
	datatest.Check(b, err)
	if !complete {
		return lat.Latency
	}
	cols := make([][]float64, len(lat.Latency))
rows:
	for i := range lat.Latency[0] {
		for _, c := range lat.Latency {
			if math.IsNaN(c[i]) {
				continue rows
			}
		}
		for d, c := range lat.Latency {
			cols[d] = append(cols[d], c[i])
		}
	}
	return cols
}

// benchMatrix also reports cpu-ms/op, the process's CPU time per matrix (all cores'),
// for comparison with bench_scipy.py's CPU column when other load makes wall times noisy.
func benchMatrix(b *testing.B, method stats.RankCorrelation, complete bool) {
	cols := nb201Columns(b, complete)
	b.ReportAllocs()
	c0, ok := stats.ProcessCPU()
	for b.Loop() {
		stats.CorrelationMatrix(cols, method)
	}
	reportCPU(b, c0, ok)
}

func reportCPU(b *testing.B, c0 time.Duration, ok bool) {
	if c1, _ := stats.ProcessCPU(); ok {
		b.ReportMetric(float64(c1-c0)/float64(b.N)/1e6, "cpu-ms/op")
	}
}

// Pairwise deletion on all 1,999 cells (rice_edgetpu misses 259), as pandas'
// DataFrame.corr(method=...) computes it.
func BenchmarkCorrelationMatrixSpearmanNB201(b *testing.B) { benchMatrix(b, stats.Spearman, false) }

func BenchmarkCorrelationMatrixKendallNB201(b *testing.B) { benchMatrix(b, stats.Kendall, false) }

// The 1,740 complete cells only, the input of scipy.stats.spearmanr(matrix).
func BenchmarkCorrelationMatrixSpearmanNB201Complete(b *testing.B) {
	benchMatrix(b, stats.Spearman, true)
}

// For scale: the 153 pairs one at a time through SpearmanRho and KendallTauB on one
// core, each pair sorting its own columns again.
func BenchmarkPerPairSpearmanNB201(b *testing.B) { benchPerPair(b, stats.SpearmanRho) }

func BenchmarkPerPairKendallNB201(b *testing.B) { benchPerPair(b, stats.KendallTauB) }

func benchPerPair(b *testing.B, f func(x, y []float64) (float64, error)) {
	cols := nb201Columns(b, false)
	c0, ok := stats.ProcessCPU()
	for b.Loop() {
		for i := range cols {
			for j := i + 1; j < len(cols); j++ {
				f(cols[i], cols[j])
			}
		}
	}
	reportCPU(b, c0, ok)
}

// On the real NB201 matrix: every pair with rice_edgetpu (259 missing values, the pairs
// re-ranked over their complete rows) plus all pairs among five complete devices, by
// brute force. TestCorrelationMatrixMatchesSciPy covers all 153 pairs against SciPy.
func TestCorrelationMatrixNB201MatchesBruteForce(t *testing.T) {
	if testing.Short() {
		t.Skip("O(n²) reference on 1,999 rows")
	}
	lat, err := data.LoadLatency("", "nb201")
	datatest.Check(t, err)
	spearman, err := stats.CorrelationMatrix(lat.Latency, stats.Spearman)
	if err != nil {
		t.Fatal(err)
	}
	kendall, err := stats.CorrelationMatrix(lat.Latency, stats.Kendall)
	if err != nil {
		t.Fatal(err)
	}
	idx := map[string]int{}
	for i, d := range lat.Devices {
		idx[d] = i
	}
	tpu, ok := idx["rice_edgetpu"]
	if !ok || !stats.HasMissing(lat.Latency[tpu]) {
		t.Fatal("rice_edgetpu with missing values not found")
	}
	type pair struct{ i, j int }
	var pairs []pair
	for j := range lat.Devices {
		if j != tpu {
			pairs = append(pairs, pair{tpu, j})
		}
	}
	few := []string{"eagle_gtx", "true_vpu", "rice_pixel3", "eagle_jetson_16", "true_a76"}
	for a := range few {
		for b := a + 1; b < len(few); b++ {
			pairs = append(pairs, pair{idx[few[a]], idx[few[b]]})
		}
	}
	for _, p := range pairs {
		x, y := lat.Latency[p.i], lat.Latency[p.j]
		name := lat.Devices[p.i] + "/" + lat.Devices[p.j]
		if want := stats.BruteSpearman(x, y); !stats.Near(spearman[p.i][p.j], want, 1e-12) {
			t.Errorf("spearman %s = %.17g, brute force %.17g", name, spearman[p.i][p.j], want)
		}
		if want := stats.BruteKendall(x, y); !stats.Near(kendall[p.i][p.j], want, 1e-12) {
			t.Errorf("kendall %s = %.17g, brute force %.17g", name, kendall[p.i][p.j], want)
		}
	}
}
