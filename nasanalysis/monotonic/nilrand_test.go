package monotonic

import (
	"errors"
	"testing"

	"github.com/nasanalysis/nasanalysis/nasanalysis/stats"
)

// A nil generator is refused with stats.ErrNilRand, not a panic.
func TestSampleSplitRefusesNilRand(t *testing.T) {
	if _, err := SampleSplit(nil, []int{1, 2, 3, 4, 5}, 3, 1); !errors.Is(err, stats.ErrNilRand) {
		t.Errorf("nil rng: error %v, want stats.ErrNilRand", err)
	}
}
