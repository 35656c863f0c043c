package stats

import (
	"errors"
	"math"
	"math/rand/v2"
	"testing"
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
	if got, want := value(t)(SpearmanRho(x, y)), 8/math.Sqrt(95); !near(got, want, 1e-15) {
		t.Errorf("SpearmanRho = %.17g, want %.17g", got, want)
	}
	if got, want := value(t)(KendallTauB(x, y)), 7/math.Sqrt(90); !near(got, want, 1e-15) {
		t.Errorf("KendallTauB = %.17g, want %.17g", got, want)
	}
	// Ties in both variables: x = 1,1,2,2 y = 1,2,1,2. n0=6, n1=2, n2=2, n3=0,
	// concordant (1,1)-(2,2) and discordant (1,2)-(2,1): tau_b = 0.
	if got := value(t)(KendallTauB([]float64{1, 1, 2, 2}, []float64{1, 2, 1, 2})); !near(got, 0, 1e-15) {
		t.Errorf("KendallTauB with ties = %v, want 0", got)
	}
	// Perfectly reversed order.
	if got := value(t)(KendallTauB([]float64{1, 2, 3}, []float64{3, 2, 1})); got != -1 {
		t.Errorf("KendallTauB reversed = %v, want -1", got)
	}
}

func TestPairwiseDeletion(t *testing.T) {
	nan := math.NaN()
	x := []float64{1, 2, nan, 4, 3}
	y := []float64{1, nan, 3, 2, 5}
	// complete pairs: (1,1), (4,2), (3,5): ranks x 1,3,2; y 1,2,3 -> rho = 0.5
	if got := value(t)(SpearmanRho(x, y)); !near(got, 0.5, 1e-15) {
		t.Errorf("SpearmanRho = %v, want 0.5", got)
	}
	// (1,1),(4,2),(3,5): pairs C,C,D -> tau = 1/3
	if got := value(t)(KendallTauB(x, y)); !near(got, 1.0/3, 1e-15) {
		t.Errorf("KendallTauB = %v, want 1/3", got)
	}
	if got, err := SpearmanRho([]float64{1, nan}, []float64{nan, 2}); !math.IsNaN(got) || err == nil {
		t.Errorf("no complete pair: got %v, want NaN", got)
	}
	if got, err := SpearmanRho([]float64{1, 1, 1}, []float64{1, 2, 3}); !math.IsNaN(got) || err == nil {
		t.Errorf("constant column: got %v, want NaN", got)
	}
}

func TestQuantileMatchesNumpyLinear(t *testing.T) {
	// numpy.quantile([1, 2, 3, 4, 10], [0, .25, .5, .9, 1]) = [1, 2, 3, 7.6, 10]
	x := []float64{4, 10, 1, math.NaN(), 3, 2}
	got, err := Quantiles(x, 0, 0.25, 0.5, 0.9, 1)
	if err != nil {
		t.Fatal(err)
	}
	want := []float64{1, 2, 3, 7.6, 10}
	for i := range want {
		if !near(got[i], want[i], 1e-12) {
			t.Fatalf("Quantiles = %v, want %v", got, want)
		}
	}
	if q, err := Quantile(nil, 0.5); !math.IsNaN(q) || !errors.Is(err, ErrNoData) {
		t.Errorf("quantile of empty sample: %v, %v; want NaN and ErrNoData", q, err)
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
	iv, err := BootstrapCorrelation(x, y, Spearman, 500, 0.95, rand.New(rand.NewPCG(3, 4)))
	if err != nil {
		t.Fatal(err)
	}
	if !(iv.Lo < want && want < iv.Hi) {
		t.Errorf("interval [%v, %v] misses population rho %v", iv.Lo, iv.Hi, want)
	}
	if !(iv.Lo <= iv.Estimate && iv.Estimate <= iv.Hi) || iv.Hi-iv.Lo > 0.25 {
		t.Errorf("implausible interval %+v", iv)
	}
	again, _ := BootstrapCorrelation(x, y, Spearman, 500, 0.95, rand.New(rand.NewPCG(3, 4)))
	if again != iv {
		t.Errorf("same seed gave %+v then %+v", iv, again)
	}
}

func TestDescribe(t *testing.T) {
	nan := math.NaN()
	// 1..5 with one missing value: mean 3, sample std sqrt(2.5), median 3,
	// q05 = 1 + 0.05*4*(2-1) = 1.2 (numpy linear), q95 = 4.8.
	df, err := Describe([]string{"a"}, [][]float64{{5, 1, nan, 3, 2, 4}})
	if err != nil {
		t.Fatal(err)
	}
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

// value returns a function that passes on a statistic and fails the test on its error,
// so a value check reads value(t)(SpearmanRho(x, y)).
func value(t testing.TB) func(v float64, err error) float64 {
	return func(v float64, err error) float64 {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
}
