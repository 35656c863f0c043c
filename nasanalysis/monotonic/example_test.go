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
