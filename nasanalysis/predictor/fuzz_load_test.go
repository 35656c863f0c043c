package predictor

import (
	"math"
	"os"
	"path/filepath"
	"testing"
)

// FuzzLoad: a saved predictor's description (predictor.json) as a user or a broken
// disk may leave it, beside a real checkpoint. Load must return (never panic); a model
// it accepts predicts finite numbers inside the range its description states, or says
// why not naming its directory.
func FuzzLoad(f *testing.F) {
	dir, ex := savedForTamper(f)
	good, err := os.ReadFile(filepath.Join(dir, MetaFile))
	if err != nil {
		f.Fatal(err)
	}
	f.Add(good)
	f.Add([]byte(`{"Config":{"Kind":"mlp","Hidden":64,"Layers":5,"Ensemble":1},"Members":1}`))
	f.Add([]byte(`{}`))
	f.Fuzz(func(t *testing.T, meta []byte) {
		d := t.TempDir()
		if err := os.CopyFS(d, os.DirFS(dir)); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(d, MetaFile), meta, 0o644); err != nil {
			t.Fatal(err)
		}
		p, err := Load(d)
		if err != nil {
			return
		}
		out, err := p.Predict(ex)
		if err != nil {
			return
		}
		lo, hi := p.plausible()
		for i, v := range out {
			if math.IsNaN(v) || math.IsInf(v, 0) || v < lo || v > hi {
				t.Fatalf("accepted %q and predicted %v for example %d (range %v..%v)", meta, v, i, lo, hi)
			}
		}
	})
}
