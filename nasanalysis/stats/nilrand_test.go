package stats

import (
	"errors"
	"math"
	"math/rand/v2"
	"testing"
)

// Every resampling function refuses a nil *rand.Rand with ErrNilRand instead of
// panicking, with otherwise valid input (so the nil generator is the only fault).
func TestResamplingRefusesNilRand(t *testing.T) {
	x, y := []float64{1, 2, 3, 4, 5}, []float64{2, 1, 4, 3, 5}
	mean := func(idx []int) float64 { return float64(len(idx)) }
	diff := func(g [][]float64) float64 { return g[0][0] - g[1][0] }
	calls := map[string]func() error{
		"PairedBootstrap": func() error {
			_, err := PairedBootstrap(len(x), 100, 0.95, mean, nil)
			return err
		},
		"PermutationTest": func() error {
			_, err := PermutationTest([][]float64{x, y}, diff, 100, nil)
			return err
		},
		"BootstrapCorrelation": func() error {
			_, err := BootstrapCorrelation(x, y, Spearman, 100, 0.95, nil)
			return err
		},
		"BootstrapShift": func() error {
			_, err := BootstrapShift(x, y, 100, 0.95, nil)
			return err
		},
		"BootstrapGroups": func() error {
			_, err := BootstrapGroups([][]float64{x, y}, Spread, 100, 0.95, nil)
			return err
		},
		"BootstrapFrame with a nil rngFor": func() error {
			_, err := BootstrapFrame("pair", []NamedPair{{"x/y", x, y}}, Spearman, 100, 0.95, nil)
			return err
		},
	}
	for name, call := range calls {
		if err := call(); !errors.Is(err, ErrNilRand) {
			t.Errorf("%s: error %v, want ErrNilRand", name, err)
		}
	}
}

// A pair whose generator is nil gets a NaN row and its own error; the other pairs keep
// their intervals.
func TestBootstrapFrameNilGeneratorFailsItsPair(t *testing.T) {
	x, y := []float64{1, 2, 3, 4, 5}, []float64{2, 1, 4, 3, 5}
	pairs := []NamedPair{{"first", x, y}, {"second", x, x}}
	df, err := BootstrapFrame("pair", pairs, Spearman, 100, 0.95, func(k int) *rand.Rand {
		if k == 0 {
			return nil
		}
		return rand.New(rand.NewPCG(1, uint64(k)))
	})
	if !errors.Is(err, ErrNilRand) {
		t.Fatalf("error %v, want ErrNilRand", err)
	}
	wantErr(t, "nil generator of pair 0", err, `"first"`)
	est := df.Col("spearman").Float()
	if !math.IsNaN(est[0]) {
		t.Errorf("pair with a nil generator: estimate %v, want NaN", est[0])
	}
	// x against itself ranks identically: rho = 1 on the sample and on every resample.
	lo, hi := df.Col("lo").Float(), df.Col("hi").Float()
	if est[1] != 1 || lo[1] != 1 || hi[1] != 1 {
		t.Errorf("pair x/x: %v [%v, %v], want 1 [1, 1]", est[1], lo[1], hi[1])
	}
}
