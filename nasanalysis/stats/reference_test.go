package stats

import (
	"encoding/json"
	"math"
	"math/rand/v2"
	"os"
	"testing"
)

// reference holds testdata/reference.json, written by testdata/reference.py with SciPy
// and NumPy (see the script for how each value is computed).
type reference struct {
	TInterval []struct {
		X                       []float64
		Estimate, Lo, Hi, Level float64
	} `json:"t_interval"`
	MeanSD []struct {
		X        []float64
		Mean, SD float64
	} `json:"mean_sd"`
	PairedTInterval []struct {
		X, Y                    []float64
		Estimate, Lo, Hi, Level float64
	} `json:"paired_t_interval"`
	PairedDiffPercent []struct {
		X, Base                 []float64
		Estimate, Lo, Hi, Level float64
	} `json:"paired_diff_percent"`
	NormalInterval []struct {
		Estimate, SE, Level, Lo, Hi float64
	} `json:"normal_interval"`
	CochranQ []struct {
		Estimates, SEs []float64
		Q, P           float64
		DF             int
	} `json:"cochran_q"`
	MeanDifference struct {
		A, SeA, B, SeB []float64
		D, SE          float64
	} `json:"mean_difference"`
	RankOrder struct {
		X     []float64
		Order []int
	} `json:"rank_order"`
	Permutation struct {
		Groups              [][]float64
		Observed, P, Null95 float64
		Shuffles            int
	} `json:"permutation"`
	PairedBootstrap struct {
		X, Y      []float64
		Resamples int
		Stats     []struct {
			Stat     string
			Estimate float64
			Defined  int
			Levels   []struct{ Level, Lo, Hi float64 }
		}
	} `json:"paired_bootstrap"`
}

func readReferenceJSON(t *testing.T) reference {
	t.Helper()
	b, err := os.ReadFile("testdata/reference.json")
	if err != nil {
		t.Fatal(err)
	}
	var r reference
	if err := json.Unmarshal(b, &r); err != nil {
		t.Fatalf("testdata/reference.json: %v", err)
	}
	return r
}

// scripted is a rand.Source that returns given values in turn, so a test decides every
// draw a resampling function makes.
type scripted struct {
	vals []uint64
	next int
}

func (s *scripted) Uint64() uint64 {
	v := s.vals[s.next]
	s.next++
	return v
}

// drawFor returns a source value for which rand.Rand.IntN(n) (and the Fisher-Yates step
// of Shuffle, which draws the same way) gives j. The middle of j's slice of the 64-bit
// range does for Lemire's multiply-shift, j itself for the mask used when n is a power
// of two; the test fails if math/rand/v2 maps draws differently.
func drawFor(t *testing.T, n, j int) uint64 {
	t.Helper()
	q := math.MaxUint64 / uint64(n)
	for _, u := range []uint64{uint64(j)*q + q/2, uint64(j)} {
		if rand.New(&scripted{vals: []uint64{u}}).IntN(n) == j {
			return u
		}
	}
	t.Fatalf("no scripted draw gives IntN(%d) = %d: math/rand/v2 maps draws differently now", n, j)
	return 0
}
