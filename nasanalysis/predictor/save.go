package predictor

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"

	"github.com/gomlx/gomlx/ml/model"
	"github.com/gomlx/gomlx/ml/model/checkpoint"
)

// MetaFile is the description a saved predictor's directory starts from; the weights of
// member k are a GoMLX checkpoint in the subdirectory member-k.
const MetaFile = "predictor.json"

// savedMeta is what MetaFile holds: the predictor's fields and its number of members.
type savedMeta struct {
	Trained
	Members int
}

func memberDir(dir string, k int) string { return filepath.Join(dir, fmt.Sprintf("member-%d", k)) }

// Save writes the predictor to dir (created if needed): MetaFile, which records Dataset
// and Target so a loaded predictor can say what it predicts, and one GoMLX checkpoint
// per ensemble member.
func (p *Trained) Save(dir string) error {
	if len(p.members) == 0 {
		return errors.New("save: the predictor has no trained weights")
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	for k, store := range p.members {
		d := memberDir(dir, k)
		if err := os.RemoveAll(d); err != nil {
			return err
		}
		h, err := checkpoint.Build(store).Dir(d).Keep(1).Done()
		if err != nil {
			return fmt.Errorf("save member %d: %w", k, err)
		}
		if err := h.Save(); err != nil {
			return fmt.Errorf("save member %d: %w", k, err)
		}
	}
	b, err := json.MarshalIndent(savedMeta{Trained: *p, Members: len(p.members)}, "", "  ")
	if err != nil {
		return err
	}
	return os.WriteFile(filepath.Join(dir, MetaFile), append(b, '\n'), 0o644)
}

// Load reads a predictor written by Save.
func Load(dir string) (*Trained, error) {
	path := filepath.Join(dir, MetaFile)
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("load predictor: %w", err)
	}
	var m savedMeta
	if err := json.Unmarshal(b, &m); err != nil {
		return nil, fmt.Errorf("load predictor: %s: %w", path, err)
	}
	if err := m.Config.check(); err != nil {
		return nil, fmt.Errorf("load predictor: %s: %w", path, err)
	}
	if m.Members < 1 {
		return nil, fmt.Errorf("load predictor: %s lists %d ensemble members", path, m.Members)
	}
	p := &m.Trained
	p.members = nil
	for k := range m.Members {
		d := memberDir(dir, k)
		// GoMLX's checkpoint loader does not report a missing directory, so check here.
		if fi, err := os.Stat(d); err != nil || !fi.IsDir() {
			return nil, fmt.Errorf("load predictor: %s: missing weights directory %s", path, d)
		}
		store := model.NewStore()
		if _, err := checkpoint.Load(store).Dir(d).Immediate().Done(); err != nil {
			return nil, fmt.Errorf("load predictor member %d: %w", k, err)
		}
		p.members = append(p.members, store)
	}
	return p, nil
}
