package predictor

import (
	"bytes"
	"encoding/gob"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
)

// FitSpec names one training run as Evaluate does it: a dataset's target, a model
// configuration, a labelled budget N and a seed (which also seeds the weights, as
// Evaluate sets Config.Seed to it).
type FitSpec struct {
	Dataset, Target string
	Config          Config
	N               int
	Seed            uint64
}

// FitComputation is the computation name under which a fit is kept (FitSpec.Key).
const FitComputation = "predictor-fit"

// Key returns the computation name and the inputs that identify the fit, for a cache
// keyed by both (a notebook's nb.Key(spec.Key())): two notebooks asking for the same
// predictor on the same data, budget and seed share one trained copy. The returned
// spec has Config.Seed set to Seed, so specs that differ only there, which Evaluate
// trains identically, share a key.
func (s FitSpec) Key() (computation string, inputs FitSpec) {
	s.Config.Seed = s.Seed
	return FitComputation, s
}

// Fitted is a trained predictor with its score on every architecture it did not see, in
// a form encoding/gob keeps (Trained encodes itself; see GobEncode).
type Fitted struct {
	Spec  FitSpec
	Score Score
	P     *Trained
}

// Fit loads the task of spec (dataDir as in LoadTask) and trains and scores it with
// Evaluate.
func Fit(dataDir string, spec FitSpec) (Fitted, error) {
	t, err := LoadTask(dataDir, spec.Dataset, spec.Target)
	if err != nil {
		return Fitted{}, err
	}
	sc, p, err := Evaluate(t, spec.Config, spec.N, spec.Seed)
	if err != nil {
		return Fitted{}, fmt.Errorf("fit %s/%s (%s, %d labelled, seed %d): %w", spec.Dataset, spec.Target, spec.Config.Kind, spec.N, spec.Seed, err)
	}
	_, spec = spec.Key()
	return Fitted{Spec: spec, Score: sc, P: p}, nil
}

// GobEncode encodes the predictor as the files Save writes (its description and each
// member's GoMLX checkpoint), so a trained predictor can be kept by encoding/gob.
func (p *Trained) GobEncode() ([]byte, error) {
	dir, err := os.MkdirTemp("", "nasanalysis-predictor-gob-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(dir)
	if err := p.Save(dir); err != nil {
		return nil, fmt.Errorf("gob encode predictor: %w", err)
	}
	files := map[string][]byte{}
	err = filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, err := filepath.Rel(dir, path)
		if err != nil {
			return err
		}
		files[filepath.ToSlash(rel)], err = os.ReadFile(path)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("gob encode predictor: %w", err)
	}
	var buf bytes.Buffer
	if err := gob.NewEncoder(&buf).Encode(files); err != nil {
		return nil, fmt.Errorf("gob encode predictor: %w", err)
	}
	return buf.Bytes(), nil
}

// GobDecode restores a predictor written by GobEncode.
func (p *Trained) GobDecode(b []byte) error {
	var files map[string][]byte
	if err := gob.NewDecoder(bytes.NewReader(b)).Decode(&files); err != nil {
		return fmt.Errorf("gob decode predictor: %w", err)
	}
	dir, err := os.MkdirTemp("", "nasanalysis-predictor-gob-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	for rel, content := range files {
		path := filepath.Join(dir, filepath.FromSlash(rel))
		if !filepath.IsLocal(rel) {
			return fmt.Errorf("gob decode predictor: file %q lies outside the predictor's folder", rel)
		}
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(path, content, 0o644); err != nil {
			return err
		}
	}
	loaded, err := Load(dir)
	if err != nil {
		return fmt.Errorf("gob decode predictor: %w", err)
	}
	*p = *loaded
	p.dir = "" // kept in memory, as if trained in this process
	return nil
}
