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
// (0.5 + 0.8) / 2 = 0.65 for c; its worst target is c. Every pair's 95 % interval is
// ± 0.02 (standard error 0.02 / 1.96); a difference of two candidates gets the sum of
// their standard errors, ± 0.04, so b's lead of 0.15 is clear.
func ExampleBestProxies() {
	m := monotonic.Matrix{Devices: []string{"a", "b", "c"}, Level: 0.95,
		Value: [][]float64{{1, 0.9, 0.5}, {0.9, 1, 0.8}, {0.5, 0.8, 1}},
		Lo:    [][]float64{{1, 0.88, 0.48}, {0.88, 1, 0.78}, {0.48, 0.78, 1}},
		Hi:    [][]float64{{1, 0.92, 0.52}, {0.92, 1, 0.82}, {0.52, 0.82, 1}}}
	scores, err := monotonic.BestProxies(m, monotonic.ProxyOptions{})
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, s := range scores {
		fmt.Printf("%s mean %.2f (%.3f-%.3f) worst %.2f (%s)\n", s.Proxy, s.Mean.Estimate, s.Mean.Lo, s.Mean.Hi, s.Worst.Estimate, s.WorstTarget)
	}
	fmt.Println(monotonic.BestProxySentence(scores))
	// Output:
	// b mean 0.85 (0.830-0.870) worst 0.80 (c)
	// a mean 0.70 (0.680-0.720) worst 0.50 (c)
	// c mean 0.65 (0.630-0.670) worst 0.50 (a)
	// Best by mean SRCC: **b** (0.850 (0.830–0.870), chance of being best 100 %), ahead of the next by 0.150 (95 % interval 0.110–0.190); best by worst case: **b** (0.800 (0.780–0.820) with `c`, chance of being best 100 %), ahead of the next by 0.300 (95 % interval 0.260–0.340).
}
