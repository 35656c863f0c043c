package monotonic_test

import (
	"fmt"

	"github.com/nasanalysis/nasanalysis/nasanalysis/monotonic"
)

// A target whose latency is an affine function of the proxy's per-operator model is
// recovered exactly: a = 2, c = 3, no per-operator correction.
func ExampleSolveAdaProxy() {
	X := [][]float64{{1, 0, 1}, {0, 1, 1}, {1, 1, 1}, {1, 0, 0}}
	w := []float64{1, 2, 0.5} // the proxy's operator weights
	y := make([]float64, len(X))
	for i, x := range X {
		y[i] = 2*(x[0]*w[0]+x[1]*w[1]+x[2]*w[2]) + 3
	}
	fit, err := monotonic.SolveAdaProxy(X, y, w, 0.1)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("a=%.3f c=%.3f b=%.3f\n", fit.A, fit.C, fit.B)
	// Output: a=2.000 c=3.000 b=[0.000 0.000 0.000]
}

// Device b is the best proxy for the three devices: its mean correlation with the
// others is (0.9 + 0.8) / 2 = 0.85, against (0.9 + 0.5) / 2 = 0.7 for a and
// (0.5 + 0.8) / 2 = 0.65 for c; its worst target is c.
func ExampleBestProxies() {
	devices := []string{"a", "b", "c"}
	srcc := [][]float64{{1, 0.9, 0.5}, {0.9, 1, 0.8}, {0.5, 0.8, 1}}
	scores, err := monotonic.BestProxies(devices, srcc, devices, devices)
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, s := range scores {
		fmt.Printf("%s mean %.2f worst %.2f (%s)\n", s.Proxy, s.Mean, s.Worst, s.WorstTarget)
	}
	// Output:
	// b mean 0.85 worst 0.80 (c)
	// a mean 0.70 worst 0.50 (c)
	// c mean 0.65 worst 0.50 (a)
}
