package monotonic_test

import (
	"fmt"
	"math"

	"github.com/nasanalysis/nasanalysis/nasanalysis/data"
	"github.com/nasanalysis/nasanalysis/nasanalysis/monotonic"
	"github.com/nasanalysis/nasanalysis/nasanalysis/stats"
)

// Device a failed on the first cell. Left out (pairwise deletion), its other three
// cells (2, 3, 1 ms) rank 2, 3, 1 against b's 1, 2, 3: rho = 1 - 6 * 6 / (3 * 8) = -0.5. Ranked as a latency of -1 ms, as OneProxy's files store it, the failed run
// is a's fastest cell, as b's first cell is b's: ranks 1, 3, 4, 2 against 1, 2, 3, 4
// give rho = 1 - 6 * 6 / (4 * 15) = 0.4.
func ExampleSRCCFailedAsLatency() {
	t := &data.LatencyTable{Archs: []string{"w", "x", "y", "z"}, Devices: []string{"a", "b"},
		Latency: [][]float64{{math.NaN(), 2, 3, 1}, {1, 2, 3, 4}}}
	left, _ := stats.CorrelationMatrix(t.Latency, stats.Spearman)
	ranked, err := monotonic.SRCCFailedAsLatency(t)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("failed run left out: %.2f; ranked as %g ms: %.2f\n", left[0][1], monotonic.FailedRunLatency, ranked[0][1])
	// Output: failed run left out: -0.50; ranked as -1 ms: 0.40
}
