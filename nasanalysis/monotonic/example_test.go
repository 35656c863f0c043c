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
// others is (0.9 + 0.8) / 2 = 0.85 on the full sample, against (0.9 + 0.5) / 2 = 0.7 for
// a and (0.5 + 0.8) / 2 = 0.65 for c; its worst target is c. CorrelationCI would keep a
// few hundred bootstrap replicates of the matrix; here four, written by hand, at level
// 0.5. b has the highest mean on three of them (a on the last): chance 3/4. Its lead
// over a, computed replicate by replicate, is 0.15, 0.11, 0.19 and -0.05, whose 25 % and
// 75 % points (0.07 and 0.16) exclude 0.
func ExampleBestProxies() {
	mk := func(ab, ac, bc float64) [][]float64 { return [][]float64{{1, ab, ac}, {ab, 1, bc}, {ac, bc, 1}} }
	m := monotonic.Matrix{Devices: []string{"a", "b", "c"}, Level: 0.5, Resamples: 4, Value: mk(0.9, 0.5, 0.8),
		Replicates: [][][]float64{mk(0.92, 0.52, 0.82), mk(0.88, 0.56, 0.78), mk(0.86, 0.46, 0.84), mk(0.95, 0.76, 0.66)}}
	scores, err := monotonic.BestProxies(m, monotonic.ProxyOptions{})
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, s := range scores {
		fmt.Printf("%s mean %.2f (%.3f-%.3f) chance %.2f, worst %.2f (%s)\n", s.Proxy, s.Mean.Estimate, s.Mean.Lo, s.Mean.Hi, s.PBest, s.Worst.Estimate, s.WorstTarget)
	}
	fmt.Println(monotonic.BestProxySentence(scores))
	// Output:
	// b mean 0.85 (0.824-0.855) chance 0.75, worst 0.80 (c)
	// a mean 0.70 (0.705-0.754) chance 0.25, worst 0.50 (c)
	// c mean 0.65 (0.665-0.680) chance 0.00, worst 0.50 (a)
	// Best by mean SRCC: **b** (0.850 (0.824–0.855), chance of being best 75 %), ahead of the next by 0.150 (50 % interval 0.070–0.160); best by worst case: **b** (0.800 (0.750–0.825) with `c`, chance of being best 75 %), ahead of the next by 0.300 (50 % interval 0.140–0.320).
}
