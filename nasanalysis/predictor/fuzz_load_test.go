package predictor

import (
	"math"
	"os"
	"path/filepath"
	"testing"
)

// FuzzLoad: a saved predictor's description (predictor.json) as a user or a broken
// disk may leave it. Reading it must return (never panic), and a description it accepts
// has finite numbers, a positive spread and calibration slope, a range of training
// targets (positive for a latency) and as many members as its configuration: what
// Predict's scale and range checks rest on. (Loading the checkpoints beside it, and
// predicting, is TestLoadRefusesTamperedModels's: each load takes longer than a short
// fuzz run allows.)
func FuzzLoad(f *testing.F) {
	dir, _ := savedForTamper(f)
	good, err := os.ReadFile(filepath.Join(dir, MetaFile))
	if err != nil {
		f.Fatal(err)
	}
	f.Add(good)
	f.Add([]byte(`{"Config":{"Kind":"mlp","Hidden":64,"Layers":5,"Ensemble":1},"Members":1}`))
	f.Add([]byte(`{}`))
	f.Fuzz(func(t *testing.T, meta []byte) {
		m, err := parseMeta(meta)
		if err != nil {
			return
		}
		p := m.Trained
		for _, v := range []float64{p.YMean, p.YSD, p.CalA, p.CalB, p.YMin, p.YMax, p.LogMACsMean, p.LogMACsSD} {
			if math.IsNaN(v) || math.IsInf(v, 0) {
				t.Fatalf("accepted a non-finite number: %q", meta)
			}
		}
		lo, hi := p.plausible()
		if !(p.YSD > 0 && p.CalB > 0 && lo <= hi) || p.Log && !(p.YMin > 0) || m.Members != p.Config.Ensemble {
			t.Fatalf("accepted %q: YSD %v, CalB %v, range %v..%v, %d members of %d", meta, p.YSD, p.CalB, lo, hi, m.Members, p.Config.Ensemble)
		}
	})
}
