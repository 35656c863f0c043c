package monotonic

import (
	"errors"
	"math"
	"slices"
	"strings"
	"testing"
)

// RunSeeds draws seed k's split from the target's measured cells only, in seed order,
// and names the seed of a failing run.
func TestRunSeeds(t *testing.T) {
	nan := math.NaN()
	p := &Pair{Target: []float64{1, nan, 3, 4, nan, 6, 7, 8}}
	var seen [][]int
	record := func(_ *Pair, s Split) (Result, error) {
		seen = append(seen, append(slices.Clone(s.Train), s.Val...))
		return Result{SRCCAfter: float64(len(seen))}, nil
	}
	rs, err := RunSeeds(p, record, 3, 2, 4)
	if err != nil {
		t.Fatal(err)
	}
	if len(rs) != 4 || rs[3].SRCCAfter != 4 {
		t.Fatalf("got %d results, last %v; want 4 in seed order", len(rs), rs[len(rs)-1])
	}
	for k, cells := range seen {
		if len(cells) != 5 {
			t.Errorf("seed %d drew %d cells, want 3 + 2", k, len(cells))
		}
		for _, i := range cells {
			if i == 1 || i == 4 {
				t.Errorf("seed %d drew cell %d, which has no target latency", k, i)
			}
		}
	}
	if slices.Equal(seen[0], seen[1]) {
		t.Error("seeds 0 and 1 drew the same cells")
	}
	fail := func(*Pair, Split) (Result, error) { return Result{}, errors.New("boom") }
	if _, err := RunSeeds(p, fail, 3, 2, 2); err == nil || !strings.Contains(err.Error(), "seed 0: boom") {
		t.Errorf("err = %v, want one naming seed 0", err)
	}
}
