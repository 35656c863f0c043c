package predictor

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/gomlx/gomlx/core/tensors"

	"github.com/nasanalysis/nasanalysis/nasanalysis/arch"
)

// savedForTamper trains a small MLP on a synthetic latency-like target, saves it and
// returns the directory and its examples.
func savedForTamper(t testing.TB) (string, []Example) {
	t.Helper()
	task := syntheticTask(func(c arch.Cell) float64 { return 1 + float64(c[0]) + 0.1*float64(c[5]) })
	task.Log = true
	cfg := DefaultConfig(KindMLP)
	cfg.MaxSteps, cfg.Ensemble = 100, 1
	_, p, err := Evaluate(task, cfg, 60, 1)
	if err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join(t.TempDir(), "model")
	if err := p.Save(dir); err != nil {
		t.Fatal(err)
	}
	return dir, task.Examples([]int{0, 1, 2, 3})
}

// tamperMeta rewrites one field of a saved predictor's predictor.json.
func tamperMeta(t *testing.T, dir string, edit func(m map[string]any)) {
	t.Helper()
	path := filepath.Join(dir, MetaFile)
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var m map[string]any
	if err := json.Unmarshal(raw, &m); err != nil {
		t.Fatal(err)
	}
	edit(m)
	out, _ := json.Marshal(m)
	if err := os.WriteFile(path, out, 0o644); err != nil {
		t.Fatal(err)
	}
}

// copyDir copies a saved predictor so each case tampers its own copy.
func copyDir(t *testing.T, from string) string {
	t.Helper()
	to := filepath.Join(t.TempDir(), "copy")
	if err := os.CopyFS(to, os.DirFS(from)); err != nil {
		t.Fatal(err)
	}
	return to
}

// Issue 25, H: a saved predictor is checked before it predicts: its configuration
// against its checkpoint, its numbers for finiteness and sign, its weights, and its
// predictions against the range of its training targets; every error names the model
// directory. Before, each of these printed a number (89.8, 4.37e+30, +Inf) and exit 0.
func TestLoadRefusesTamperedModels(t *testing.T) {
	dir, ex := savedForTamper(t)
	good, err := Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := good.Predict(ex); err != nil {
		t.Fatalf("the untouched model: %v", err)
	}
	for _, c := range []struct {
		name string
		edit func(m map[string]any)
		want string
	}{
		{"five layers on a two-layer checkpoint", func(m map[string]any) { m["Config"].(map[string]any)["Layers"] = 5 }, "has no weights /hidden2/dense/"},
		{"one layer", func(m map[string]any) { m["Config"].(map[string]any)["Layers"] = 1 }, "holds weights /hidden1/dense/"},
		{"a negative spread", func(m map[string]any) { m["YSD"] = -1 }, "YSD -1"},
		{"an accuracy learned as a log", func(m map[string]any) { m["Target"] = "cifar10_acc" }, "is an accuracy"},
		{"no target range", func(m map[string]any) { delete(m, "YMin"); delete(m, "YMax") }, "not a range"},
		{"members", func(m map[string]any) { m["Members"] = 3 }, "lists 3 ensemble members"},
	} {
		d := copyDir(t, dir)
		tamperMeta(t, d, c.edit)
		if _, err := Load(d); err == nil || !strings.Contains(err.Error(), c.want) || !strings.Contains(err.Error(), d) {
			t.Errorf("%s: %v; want an error naming %s and saying %q", c.name, err, d, c.want)
		}
	}
	// A calibration slope of 1e308 loads (it is finite) but its predictions overflow:
	// refused at prediction, naming the directory.
	d := copyDir(t, dir)
	tamperMeta(t, d, func(m map[string]any) { m["CalB"] = 1e308 })
	p, err := Load(d)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := p.Predict(ex); err == nil || !strings.Contains(err.Error(), "outside the plausible [") || !strings.Contains(err.Error(), d) {
		t.Errorf("CalB 1e308: %v", err)
	}
	// An output bias of 1e30 in the checkpoint is refused when loading.
	q, _ := Load(dir)
	v := q.members[0].GetVariable("/out/dense/biases")
	if v == nil {
		t.Fatal("no /out/dense/biases")
	}
	v.MustSetValue(tensors.FromFlatDataAndDimensions([]float32{1e30}, 1))
	d = filepath.Join(t.TempDir(), "bias")
	if err := q.Save(d); err != nil {
		t.Fatal(err)
	}
	if _, err := Load(d); err == nil || !strings.Contains(err.Error(), "/out/dense/biases: entry 0 is 1e+30") || !strings.Contains(err.Error(), d) {
		t.Errorf("output bias 1e30: %v", err)
	}
}
