package stats

import (
	"encoding/csv"
	"math"
	"math/rand/v2"
	"os"
	"strconv"
	"testing"
	"time"

	"github.com/nasanalysis/nasanalysis/nasanalysis/datatest"

	"github.com/nasanalysis/nasanalysis/nasanalysis/data"
)

func near(a, b, tol float64) bool { return math.Abs(a-b) <= tol || (math.IsNaN(a) && math.IsNaN(b)) }

func TestRanksAverageTies(t *testing.T) {
	got := Ranks([]float64{10, 20, 20, 30, 5})
	want := []float64{2, 3.5, 3.5, 5, 1}
	for i := range want {
		if got[i] != want[i] {
			t.Fatalf("Ranks = %v, want %v", got, want)
		}
	}
}

// Hand calculations: x = 1..5, y = 5,6,7,8,7. Ranks of y: 1,2,3.5,5,3.5, so
// rho = 8/sqrt(10*9.5). Of the 10 pairs, 8 are concordant, 1 discordant and 1 tied in y,
// so tau_b = (8-1)/sqrt(10*9).
func TestHandCalculatedCorrelations(t *testing.T) {
	x := []float64{1, 2, 3, 4, 5}
	y := []float64{5, 6, 7, 8, 7}
	if got, want := SpearmanRho(x, y), 8/math.Sqrt(95); !near(got, want, 1e-15) {
		t.Errorf("SpearmanRho = %.17g, want %.17g", got, want)
	}
	if got, want := KendallTauB(x, y), 7/math.Sqrt(90); !near(got, want, 1e-15) {
		t.Errorf("KendallTauB = %.17g, want %.17g", got, want)
	}
	// Ties in both variables: x = 1,1,2,2 y = 1,2,1,2. n0=6, n1=2, n2=2, n3=0,
	// concordant (1,1)-(2,2) and discordant (1,2)-(2,1): tau_b = 0.
	if got := KendallTauB([]float64{1, 1, 2, 2}, []float64{1, 2, 1, 2}); !near(got, 0, 1e-15) {
		t.Errorf("KendallTauB with ties = %v, want 0", got)
	}
	// Perfectly reversed order.
	if got := KendallTauB([]float64{1, 2, 3}, []float64{3, 2, 1}); got != -1 {
		t.Errorf("KendallTauB reversed = %v, want -1", got)
	}
}

func TestPairwiseDeletion(t *testing.T) {
	nan := math.NaN()
	x := []float64{1, 2, nan, 4, 3}
	y := []float64{1, nan, 3, 2, 5}
	// complete pairs: (1,1), (4,2), (3,5): ranks x 1,3,2; y 1,2,3 -> rho = 0.5
	if got := SpearmanRho(x, y); !near(got, 0.5, 1e-15) {
		t.Errorf("SpearmanRho = %v, want 0.5", got)
	}
	// (1,1),(4,2),(3,5): pairs C,C,D -> tau = 1/3
	if got := KendallTauB(x, y); !near(got, 1.0/3, 1e-15) {
		t.Errorf("KendallTauB = %v, want 1/3", got)
	}
	if got := SpearmanRho([]float64{1, nan}, []float64{nan, 2}); !math.IsNaN(got) {
		t.Errorf("no complete pair: got %v, want NaN", got)
	}
	if got := SpearmanRho([]float64{1, 1, 1}, []float64{1, 2, 3}); !math.IsNaN(got) {
		t.Errorf("constant column: got %v, want NaN", got)
	}
}

func TestQuantileMatchesNumpyLinear(t *testing.T) {
	// numpy.quantile([1, 2, 3, 4, 10], [0, .25, .5, .9, 1]) = [1, 2, 3, 7.6, 10]
	x := []float64{4, 10, 1, math.NaN(), 3, 2}
	got := Quantiles(x, 0, 0.25, 0.5, 0.9, 1)
	want := []float64{1, 2, 3, 7.6, 10}
	for i := range want {
		if !near(got[i], want[i], 1e-12) {
			t.Fatalf("Quantiles = %v, want %v", got, want)
		}
	}
	if !math.IsNaN(Quantile(nil, 0.5)) {
		t.Error("quantile of empty sample should be NaN")
	}
}

// For a bivariate normal with correlation r, Spearman's population value is
// (6/pi) asin(r/2) (Pearson 1907). A 95% bootstrap interval from 400 draws should cover it.
func TestBootstrapCoversPopulationValue(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	const r = 0.5
	n := 400
	x, y := make([]float64, n), make([]float64, n)
	for i := range x {
		a, b := rng.NormFloat64(), rng.NormFloat64()
		x[i], y[i] = a, r*a+math.Sqrt(1-r*r)*b
	}
	want := 6 / math.Pi * math.Asin(r/2)
	iv := BootstrapCorrelation(x, y, Spearman, 500, 0.95, rand.New(rand.NewPCG(3, 4)))
	if !(iv.Lo < want && want < iv.Hi) {
		t.Errorf("interval [%v, %v] misses population rho %v", iv.Lo, iv.Hi, want)
	}
	if !(iv.Lo <= iv.Estimate && iv.Estimate <= iv.Hi) || iv.Hi-iv.Lo > 0.25 {
		t.Errorf("implausible interval %+v", iv)
	}
	again := BootstrapCorrelation(x, y, Spearman, 500, 0.95, rand.New(rand.NewPCG(3, 4)))
	if again != iv {
		t.Errorf("same seed gave %+v then %+v", iv, again)
	}
}

// readReference reads a device x device matrix written by testdata/make_reference.py.
func readReference(t *testing.T, path string) (devices []string, m [][]float64) {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	devices = rows[0][1:]
	for _, row := range rows[1:] {
		vals := make([]float64, len(row)-1)
		for j, s := range row[1:] {
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
		method  RankCorrelation
		ref     string
	}{
		{"nb201", Spearman, "testdata/nb201_spearman_scipy.csv"},
		{"nb201", Kendall, "testdata/nb201_kendall_scipy.csv"},
		{"ofa-mbv3-gpu", Spearman, "testdata/ofa-mbv3-gpu_spearman_scipy.csv"},
	} {
		lat, err := data.LoadLatency("", c.dataset)
		datatest.Check(t, err)
		devices, want := readReference(t, c.ref)
		tab, err := lat.Select(devices)
		if err != nil {
			t.Fatal(err)
		}
		got := CorrelationMatrix(tab.Latency, c.method)
		for i := range want {
			for j := range want[i] {
				if !near(got[i][j], want[i][j], 1e-12) {
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
	if got := SpearmanRho(a, b); !near(got, 0.6905, 5e-5) {
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
func benchMatrix(b *testing.B, method RankCorrelation, complete bool) {
	cols := nb201Columns(b, complete)
	b.ReportAllocs()
	c0, ok := processCPU()
	for b.Loop() {
		CorrelationMatrix(cols, method)
	}
	reportCPU(b, c0, ok)
}

func reportCPU(b *testing.B, c0 time.Duration, ok bool) {
	if c1, _ := processCPU(); ok {
		b.ReportMetric(float64(c1-c0)/float64(b.N)/1e6, "cpu-ms/op")
	}
}

// Pairwise deletion on all 1,999 cells (rice_edgetpu misses 259), as pandas'
// DataFrame.corr(method=...) computes it.
func BenchmarkCorrelationMatrixSpearmanNB201(b *testing.B) { benchMatrix(b, Spearman, false) }
func BenchmarkCorrelationMatrixKendallNB201(b *testing.B)  { benchMatrix(b, Kendall, false) }

// The 1,740 complete cells only, the input of scipy.stats.spearmanr(matrix).
func BenchmarkCorrelationMatrixSpearmanNB201Complete(b *testing.B) { benchMatrix(b, Spearman, true) }

// For scale: the 153 pairs one at a time through SpearmanRho and KendallTauB on one
// core, each pair sorting its own columns again.
func BenchmarkPerPairSpearmanNB201(b *testing.B) { benchPerPair(b, SpearmanRho) }
func BenchmarkPerPairKendallNB201(b *testing.B)  { benchPerPair(b, KendallTauB) }

func benchPerPair(b *testing.B, f func(x, y []float64) float64) {
	cols := nb201Columns(b, false)
	c0, ok := processCPU()
	for b.Loop() {
		for i := range cols {
			for j := i + 1; j < len(cols); j++ {
				f(cols[i], cols[j])
			}
		}
	}
	reportCPU(b, c0, ok)
}

func TestDescribe(t *testing.T) {
	nan := math.NaN()
	// 1..5 with one missing value: mean 3, sample std sqrt(2.5), median 3,
	// q05 = 1 + 0.05*4*(2-1) = 1.2 (numpy linear), q95 = 4.8.
	df := Describe([]string{"a"}, [][]float64{{5, 1, nan, 3, 2, 4}})
	check := func(col string, want float64) {
		if got := df.Col(col).Elem(0).Float(); !near(got, want, 1e-12) {
			t.Errorf("%s = %v, want %v", col, got, want)
		}
	}
	check("n", 5)
	check("missing", 1)
	check("mean", 3)
	check("std", math.Sqrt(2.5))
	check("min", 1)
	check("q05", 1.2)
	check("median", 3)
	check("q95", 4.8)
	check("max", 5)
}

func TestPairsSorted(t *testing.T) {
	m := [][]float64{{1, 0.9, 0.2}, {0.9, 1, math.NaN()}, {0.2, math.NaN(), 1}}
	p := Pairs([]string{"a", "b", "c"}, m)
	if len(p) != 3 || p[0] != (PairValue{"a", "c", 0.2}) || p[1] != (PairValue{"a", "b", 0.9}) || p[2].A != "b" {
		t.Errorf("Pairs = %v", p)
	}
}
