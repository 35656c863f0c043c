package profile

import (
	"errors"
	"testing"

	"github.com/nasanalysis/nasanalysis/nasanalysis/stats"
)

// A nil generator is refused with stats.ErrNilRand, not a panic.
func TestCompareTruthRefusesNilRand(t *testing.T) {
	r, tr := truthProfile()
	if _, err := r.CompareTruth("lat", tr, 1000, nil); !errors.Is(err, stats.ErrNilRand) {
		t.Errorf("nil rng: error %v, want stats.ErrNilRand", err)
	}
}
