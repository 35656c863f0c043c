package predictor

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/gomlx/gomlx/core/tensors"
	"github.com/gomlx/gomlx/ml/model"
	"github.com/gomlx/gomlx/ml/model/checkpoint"
	"github.com/google/renameio/v2"
	"github.com/nasanalysis/nasanalysis/nasanalysis/data"
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
		if err := checkOwnMemberDir(d); err != nil {
			return err
		}
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
	// Written whole or not at all: an interrupted save leaves the previous description.
	return renameio.WriteFile(filepath.Join(dir, MetaFile), append(b, '\n'), 0o644)
}

// checkOwnMemberDir refuses to replace a member directory that holds anything but a
// GoMLX checkpoint (its files are named checkpoint.json, checkpoint-*.json/.bin): a
// user's files put there are not deleted by a save.
func checkOwnMemberDir(d string) error {
	entries, err := os.ReadDir(d)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return err
	}
	for _, e := range entries {
		if e.IsDir() || !strings.HasPrefix(e.Name(), "checkpoint") {
			return fmt.Errorf("save: %s holds %s, which is not a checkpoint's; move it away or save to another directory", d, e.Name())
		}
	}
	return nil
}

// Load reads a predictor written by Save.
func Load(dir string) (*Trained, error) {
	path := filepath.Join(dir, MetaFile)
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("load predictor: %w", err)
	}
	m, err := parseMeta(b)
	if err != nil {
		return nil, fmt.Errorf("load predictor: %s: %w", path, err)
	}
	p := &m.Trained
	want := p.expectedWeights()
	for k := range m.Members {
		d := memberDir(dir, k)
		// GoMLX's checkpoint loader does not report a missing directory, so check here.
		if fi, err := os.Stat(d); err != nil || !fi.IsDir() {
			return nil, fmt.Errorf("load predictor: %s: missing weights directory %s", path, d)
		}
		store := model.NewStore()
		if _, err := checkpoint.Load(store).Dir(d).Immediate().Done(); err != nil {
			return nil, fmt.Errorf("load predictor %s member %d: %w", dir, k, err)
		}
		if err := checkWeights(store, want); err != nil {
			return nil, fmt.Errorf("load predictor %s member %d (%s): %w", dir, k, d, err)
		}
		p.members = append(p.members, store)
	}
	p.dir = dir
	return p, nil
}

// parseMeta reads and checks a saved predictor's description (MetaFile): its
// configuration, its numbers (checkNumbers) and its number of members.
func parseMeta(b []byte) (*savedMeta, error) {
	var m savedMeta
	if err := json.Unmarshal(b, &m); err != nil {
		return nil, err
	}
	if err := m.Config.check(); err != nil {
		return nil, err
	}
	if m.Members < 1 {
		return nil, fmt.Errorf("lists %d ensemble members", m.Members)
	}
	m.members = nil
	if err := m.checkNumbers(); err != nil {
		return nil, err
	}
	if m.Members != m.Config.Ensemble {
		return nil, fmt.Errorf("lists %d ensemble members, its configuration %d", m.Members, m.Config.Ensemble)
	}
	return &m, nil
}

// checkNumbers refuses a saved description whose numbers cannot come from training:
// non-finite values, a non-positive spread (a negative one inverts the ranking), a
// target range that is empty or, for a learned logarithm, not positive, an accuracy
// learned as a logarithm, or encoding sizes that do not fit the model kind.
func (p *Trained) checkNumbers() error {
	finite := func(v float64) bool { return !math.IsNaN(v) && !math.IsInf(v, 0) }
	for _, c := range []struct {
		name string
		v    float64
	}{{"YMean", p.YMean}, {"YSD", p.YSD}, {"CalA", p.CalA}, {"CalB", p.CalB}, {"LogMACsMean", p.LogMACsMean}, {"LogMACsSD", p.LogMACsSD}, {"YMin", p.YMin}, {"YMax", p.YMax}} {
		if !finite(c.v) {
			return fmt.Errorf("%s is %v, not a finite number", c.name, c.v)
		}
	}
	switch {
	case !(p.YSD > 0):
		return fmt.Errorf("YSD %v: the targets' spread must be positive (a negative one inverts every ranking)", p.YSD)
	case !(p.CalB > 0):
		return fmt.Errorf("CalB %v: the calibration slope is positive after training (a non-positive one flips or flattens the order)", p.CalB)
	case p.Config.MACs && !(p.LogMACsSD > 0):
		return fmt.Errorf("LogMACsSD %v: the MACs input's spread must be positive", p.LogMACsSD)
	case !(p.YMin <= p.YMax) || p.Log && !(p.YMin > 0):
		return fmt.Errorf("training targets from %v to %v: not a range (positive, for a latency)", p.YMin, p.YMax)
	case p.Log && slices.Contains(data.AccuracyColumns, p.Target):
		return fmt.Errorf("target %s is an accuracy, which is not learned as a logarithm (Log is true)", p.Target)
	case p.Config.Kind == KindMLP && (p.Width < 1 || p.Width > maxSavedWidth):
		return fmt.Errorf("MLP input width %d: want 1..%d", p.Width, maxSavedWidth)
	case p.Config.Kind == KindGCN && (p.Nodes < 1 || p.Nodes > maxSavedWidth || p.Features < 1 || p.Features > maxSavedWidth):
		return fmt.Errorf("GCN of %d nodes with %d features: want 1..%d each", p.Nodes, p.Features, maxSavedWidth)
	}
	return nil
}

// maxSavedWidth bounds a saved model's encoding sizes (the largest encoding here has a
// few hundred entries).
const maxSavedWidth = 100000

// expectedWeights are the model's trainable variables, by path, and their dimensions,
// as forward creates them for the configuration: a checkpoint must hold exactly these
// (beside the optimiser's and trainer's own state).
func (p *Trained) expectedWeights() map[string][]int {
	cfg, w := p.Config, map[string][]int{}
	dense := func(scope string, in, out int) {
		w["/"+scope+"/dense/weights"], w["/"+scope+"/dense/biases"] = []int{in, out}, []int{out}
	}
	extra := 0
	if cfg.MACs {
		extra = 1
	}
	if cfg.Kind == KindMLP {
		in := p.Width + extra
		for l := range cfg.Layers {
			dense(fmt.Sprintf("hidden%d", l), in, cfg.Hidden)
			in = cfg.Hidden
		}
		dense("out", in, 1)
		return w
	}
	in := 3 * p.Features
	for l := range cfg.Layers {
		dense(fmt.Sprintf("gcn%d", l), in, cfg.Hidden)
		in = 3 * cfg.Hidden
	}
	dense("readout", 2*cfg.Hidden+extra, cfg.Hidden)
	dense("out", cfg.Hidden, 1)
	return w
}

// modelStateScopes are the checkpoint's variables that are not the model's weights.
var modelStateScopes = []string{"/global_step", "/trainer/", "/optimizers/", "/AdamOptimizer/", "/metrics/", "/#rngState"}

// checkWeights refuses a checkpoint whose weights are not the configuration's (missing,
// extra or of other shapes: a configuration of 5 layers on a 2-layer checkpoint would
// fill 3 layers with fresh random weights) or not finite.
func checkWeights(store *model.Store, want map[string][]int) error {
	seen := map[string]bool{}
	for v := range store.IterVariables() {
		path := v.Path()
		dims, ok := want[path]
		if !ok {
			if slices.ContainsFunc(modelStateScopes, func(s string) bool { return strings.HasPrefix(path, s) }) {
				continue
			}
			return fmt.Errorf("the checkpoint holds weights %s that the configuration has no place for", path)
		}
		if got := v.Shape().Dimensions; !slices.Equal(got, dims) {
			return fmt.Errorf("weights %s have shape %v, the configuration's %v", path, got, dims)
		}
		t, err := v.Value()
		if err != nil {
			return fmt.Errorf("weights %s: %w", path, err)
		}
		flat, err := tensors.CopyFlatData[float32](t)
		if err != nil {
			return fmt.Errorf("weights %s: %w", path, err)
		}
		for i, x := range flat {
			if math.IsNaN(float64(x)) || math.IsInf(float64(x), 0) || math.Abs(float64(x)) > maxWeight {
				return fmt.Errorf("weights %s: entry %d is %v (not a finite weight of at most %g)", path, i, x, maxWeight)
			}
		}
		seen[path] = true
	}
	for _, path := range slices.Sorted(maps.Keys(want)) {
		if !seen[path] {
			return fmt.Errorf("the checkpoint has no weights %s %v, which the configuration needs", path, want[path])
		}
	}
	return nil
}

// maxWeight bounds a trained weight's size: training with weight decay keeps them far
// below it, and an output bias of 1e30 is not a model.
const maxWeight = 1e6
