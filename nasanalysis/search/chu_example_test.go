package search_test

import (
	"fmt"

	"github.com/nasanalysis/nasanalysis/nasanalysis/search"
)

// TableSweep and TradeoffSentences on a two-device table: the reference R sets each
// device's budget (10 ms on both at level 1, 20 ms at level 2); at level 1 each device's
// own model (80 % and 85 %) beats the worst-case model (75 %), which fits both.
func ExampleTableSweep() {
	lat := [][]float64{{10, 5, 15, 8}, {10, 15, 5, 8}} // R, then three architectures, on devices a and b
	refs := []search.NamedArch{{Name: "reference", Arch: "R", Latency: []float64{10, 10}}}
	s, err := search.TableSweep("hand", []string{"a", "b"}, lat, []float64{70, 80, 85, 75}, "acc", nil, refs, []float64{1, 2})
	if err != nil {
		panic(err)
	}
	t, err := s.Tradeoff()
	if err != nil {
		panic(err)
	}
	fmt.Println(search.TradeoffSentences(t)[0])
	// Output:
	// Against the per-device models (each of the 2 hardware its own model under its own budget; the exhaustive optimum under each rule, exact differences), the worst-case model is less accurate at 1 × (by 7.50 points); exactly as accurate at 2 ×; on its worst hardware it runs at 0.750–0.800 × its budget over the levels.
}
