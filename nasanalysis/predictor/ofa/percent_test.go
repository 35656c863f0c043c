package ofa

import (
	"math"
	"testing"

	"github.com/nasanalysis/nasanalysis/nasanalysis/arch"
	"github.com/nasanalysis/nasanalysis/nasanalysis/datatest"
)

// The dataset README's reference figures (see TestOFAMBv3PredictorMatchesReference), in
// percent.
func TestTop1PercentMatchesReference(t *testing.T) {
	p, err := LoadMBv3("")
	datatest.Check(t, err)
	got, err := Top1Percent(p, []arch.MBArch{uniformMBv3(3, 3, 2, 160), uniformMBv3(7, 6, 4, 224)})
	if err != nil {
		t.Fatal(err)
	}
	for i, want := range []float64{75.31, 83.59} {
		if math.Abs(got[i]-want) > 1e-2 {
			t.Errorf("prediction %d = %.3f %%, reference %.2f %%", i, got[i], want)
		}
	}
}
