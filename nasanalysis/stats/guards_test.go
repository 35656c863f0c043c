package stats

import (
	"errors"
	"math"
	"math/rand/v2"
	"strconv"
	"strings"
	"testing"
)

// Why the minimum: with x = {0, 10} and base = {0} the shift is 5, but a single
// resample has mean 0 or 10, so an "interval" from it is [0, 0] or [10, 10] and excludes
// the estimate half the time. Twenty seeds all missing that has probability 2^-20.
func TestOneResampleCanExcludeItsEstimate(t *testing.T) {
	for seed := uint64(0); seed < 20; seed++ {
		diff := func(means []float64) float64 { return means[0] - means[1] }
		iv := bootstrapGroups([][]float64{{0, 10}, {0}}, diff, 1, 0.95, rand.New(rand.NewPCG(seed, 1)))
		if iv.Estimate != 5 {
			t.Fatalf("estimate %v, want 5", iv.Estimate)
		}
		if iv.Hi < 5 || iv.Lo > 5 {
			return
		}
	}
	t.Error("no seed gave a 1-resample interval excluding the estimate")
}

// Every bootstrap refuses b < 100, says the number and the minimum, and
// draws nothing from rng first.
func TestBootstrapRefusesTooFewResamples(t *testing.T) {
	x := []float64{1, 2, 3, 4, 5, 6}
	y := []float64{2, 1, 4, 3, 6, 5}
	calls := map[string]func(b int, rng *rand.Rand) error{
		"BootstrapShift": func(b int, rng *rand.Rand) error {
			_, err := BootstrapShift(x, y, b, 0.95, rng)
			return err
		},
		"BootstrapGroups": func(b int, rng *rand.Rand) error {
			_, err := BootstrapGroups([][]float64{x, y}, Spread, b, 0.95, rng)
			return err
		},
		"BootstrapCorrelation": func(b int, rng *rand.Rand) error {
			_, err := BootstrapCorrelation(x, y, Kendall, b, 0.95, rng)
			return err
		},
		"BootstrapFrame": func(b int, rng *rand.Rand) error {
			_, err := BootstrapFrame("pair", []NamedPair{{"x/y", x, y}}, Spearman, b, 0.95, func(int) *rand.Rand { return rng })
			return err
		},
	}
	for name, call := range calls {
		for _, b := range []int{-1, 0, 1, 99} {
			rng := rand.New(rand.NewPCG(5, 6))
			err := call(b, rng)
			if !errors.Is(err, ErrTooFewResamples) {
				t.Errorf("%s(b=%d): error %v, want ErrTooFewResamples", name, b, err)
				continue
			}
			if msg := err.Error(); !strings.Contains(msg, strconv.Itoa(b)) || !strings.Contains(msg, "100") {
				t.Errorf("%s(b=%d): %q does not say the number and the minimum", name, b, msg)
			}
			if rng.Uint64() != rand.New(rand.NewPCG(5, 6)).Uint64() {
				t.Errorf("%s(b=%d) drew from rng before refusing", name, b)
			}
		}
		if err := call(100, rand.New(rand.NewPCG(5, 6))); err != nil {
			t.Errorf("%s(b=100): %v", name, err)
		}
	}
	if _, err := BootstrapShift(x, y, 1000, 1.5, rand.New(rand.NewPCG(1, 1))); !errors.Is(err, ErrLevel) {
		t.Errorf("level 1.5: error %v, want ErrLevel", err)
	}
}

// With valid input the checks draw nothing (the intervals are those of the unchecked
// resampling from the same generator state), and the intervals are right by hand: constant samples give a zero-width interval at
// their difference, perfectly ordered pairs give rho = 1 on every resample.
func TestCheckedBootstrapsAgreeWhenValid(t *testing.T) {
	iv, err := BootstrapShift([]float64{2, 2, math.NaN()}, []float64{1}, 200, 0.95, rand.New(rand.NewPCG(1, 2)))
	if err != nil || iv.Estimate != 1 || iv.Lo != 1 || iv.Hi != 1 {
		t.Errorf("constant shift: %+v, %v; want 1 [1, 1]", iv, err)
	}
	x := []float64{1, 2, 3, 4, 5, 6, 7, 8}
	y := []float64{3, 4, 9, 10, 11, 12, 20, 21}
	iv, err = BootstrapCorrelation(x, y, Spearman, 300, 0.9, rand.New(rand.NewPCG(3, 4)))
	if err != nil || iv.Estimate != 1 || iv.Lo != 1 || iv.Hi != 1 {
		t.Errorf("monotone pairs: %+v, %v; want 1 [1, 1]", iv, err)
	}
	noisy := []float64{3, 1, 9, 2, 11, 8, 20, 4}
	a, errA := BootstrapCorrelation(x, noisy, Kendall, 500, 0.95, rand.New(rand.NewPCG(9, 9)))
	b, _ := bootstrapCorrelation(x, noisy, kendallTauB, 500, 0.95, rand.New(rand.NewPCG(9, 9)))
	if errA != nil || a != b {
		t.Errorf("checked %+v (%v) != unchecked %+v", a, errA, b)
	}
	g, errG := BootstrapGroups([][]float64{x, noisy}, Spread, 150, 0.95, rand.New(rand.NewPCG(2, 2)))
	h := bootstrapGroups([][]float64{x, noisy}, Spread, 150, 0.95, rand.New(rand.NewPCG(2, 2)))
	if errG != nil || g != h {
		t.Errorf("checked %+v (%v) != unchecked %+v", g, errG, h)
	}
}

func TestBootstrapEmptyOrUndefined(t *testing.T) {
	nan := math.NaN()
	rng := rand.New(rand.NewPCG(1, 1))
	_, err := BootstrapShift([]float64{1, 2}, []float64{nan, nan}, 1000, 0.95, rng)
	if !errors.Is(err, ErrNoData) || !strings.Contains(err.Error(), "base") {
		t.Errorf("empty base: %v", err)
	}
	_, err = BootstrapGroups([][]float64{{1}, {nan}}, Spread, 1000, 0.95, rng)
	if !errors.Is(err, ErrNoData) || !strings.Contains(err.Error(), "group 1") {
		t.Errorf("empty group 1: %v", err)
	}
	_, err = BootstrapCorrelation([]float64{1, nan, 3}, []float64{nan, 2, nan}, Spearman, 1000, 0.95, rng)
	if !errors.Is(err, ErrTooFewPairs) {
		t.Errorf("no complete pairs: %v", err)
	}
	// Two pairs: a resample is defined only when it draws both (probability 1/2), so
	// about 75 of 150 resamples are usable: fewer than the minimum.
	iv, err := BootstrapCorrelation([]float64{1, 2}, []float64{1, 2}, Spearman, 150, 0.95, rng)
	if !errors.Is(err, ErrTooFewResamples) || !strings.Contains(err.Error(), "of 150 resamples") || iv.Estimate != 1 {
		t.Errorf("two pairs: %+v, %v", iv, err)
	}
	df, err := BootstrapFrame("pair", []NamedPair{{"ok", []float64{1, 2, 3}, []float64{1, 2, 4}}, {"empty", []float64{nan, nan, nan}, []float64{1, 2, 3}}},
		Spearman, 200, 0.95, func(int) *rand.Rand { return rand.New(rand.NewPCG(1, 1)) })
	if !errors.Is(err, ErrTooFewPairs) || !strings.Contains(err.Error(), `"empty"`) || strings.Contains(err.Error(), `"ok"`) {
		t.Errorf("frame error %v, want one naming pair \"empty\" only", err)
	}
	if df.Nrow() != 2 || df.Col("spearman").Elem(0).Float() != 1 || !math.IsNaN(df.Col("spearman").Elem(1).Float()) {
		t.Errorf("frame rows:\n%v", df)
	}
}

func TestQuantileAndDescribeors(t *testing.T) {
	nan := math.NaN()
	if _, err := Quantile([]float64{nan, nan}, 0.5); !errors.Is(err, ErrNoData) {
		t.Errorf("all-NaN quantile: %v", err)
	}
	if _, err := Quantile(nil, 0.5); !errors.Is(err, ErrNoData) {
		t.Errorf("empty quantile: %v", err)
	}
	if _, err := Quantiles([]float64{1}, 0.5, 1.1); !errors.Is(err, ErrLevel) {
		t.Errorf("level 1.1: %v", err)
	}
	// numpy.quantile([1, 2, 3, 4, 10], 0.9) = 7.6
	if q, err := Quantile([]float64{4, 10, nan, 1, 3, 2}, 0.9); err != nil || !near(q, 7.6, 1e-12) {
		t.Errorf("Quantile = %v, %v; want 7.6", q, err)
	}
	df, err := Describe([]string{"a", "gone"}, [][]float64{{1, 2, 3}, {nan, nan}})
	if !errors.Is(err, ErrNoData) || !strings.Contains(err.Error(), `"gone"`) || strings.Contains(err.Error(), `"a"`) {
		t.Errorf("describe error %v, want one naming \"gone\" only", err)
	}
	if df.Nrow() != 2 || df.Col("mean").Elem(0).Float() != 2 || !math.IsNaN(df.Col("mean").Elem(1).Float()) {
		t.Errorf("describe frame:\n%v", df)
	}
	if _, err := Describe([]string{"a"}, [][]float64{{1}, {2}}); err == nil {
		t.Error("names and samples of different lengths: no error")
	}
	if _, err := Describe([]string{"a"}, [][]float64{{1, nan}}); err != nil {
		t.Errorf("one value is enough: %v", err)
	}
}

func TestCorrelationErrors(t *testing.T) {
	nan := math.NaN()
	for _, f := range []func(x, y []float64) (float64, error){SpearmanRho, KendallTauB} {
		if _, err := f([]float64{nan, nan, nan}, []float64{1, 2, 3}); !errors.Is(err, ErrTooFewPairs) || !strings.Contains(err.Error(), "x has 0 values") {
			t.Errorf("empty x: %v", err)
		}
		if _, err := f([]float64{1, nan, 3}, []float64{nan, 2, nan}); !errors.Is(err, ErrTooFewPairs) || !strings.Contains(err.Error(), "none in a common row") {
			t.Errorf("disjoint rows: %v", err)
		}
		if _, err := f([]float64{1, 2}, []float64{5, nan}); !errors.Is(err, ErrTooFewPairs) || !strings.Contains(err.Error(), "only 1") {
			t.Errorf("one pair: %v", err)
		}
		if _, err := f([]float64{1, 2, 3}, []float64{4, 4, 4}); !errors.Is(err, ErrConstant) || !strings.Contains(err.Error(), "y constant") {
			t.Errorf("constant y: %v", err)
		}
		if _, err := f([]float64{1, 2}, []float64{1}); err == nil {
			t.Error("length mismatch: no error")
		}
	}
	// Hand values of TestPairwiseDeletion: rho = 0.5, tau = 1/3.
	x, y := []float64{1, 2, nan, 4, 3}, []float64{1, nan, 3, 2, 5}
	if r, err := SpearmanRho(x, y); err != nil || !near(r, 0.5, 1e-15) {
		t.Errorf("SpearmanRho = %v, %v", r, err)
	}
	if r, err := KendallTauB(x, y); err != nil || !near(r, 1.0/3, 1e-15) {
		t.Errorf("KendallTauB = %v, %v", r, err)
	}
}
