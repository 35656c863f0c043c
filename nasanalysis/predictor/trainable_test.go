package predictor

import (
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/nasanalysis/nasanalysis/nasanalysis/datatest"

	"github.com/nasanalysis/nasanalysis/nasanalysis/arch"
	"github.com/nasanalysis/nasanalysis/nasanalysis/stats"
)

// allCells enumerates the 15,625 NAS-Bench-201 cells without reading any data.
func allCells() []arch.Cell {
	var out []arch.Cell
	for k := 0; k < 15625; k++ {
		var c arch.Cell
		v := k
		for e := range c {
			c[e] = arch.Op(v % int(arch.NumOps))
			v /= int(arch.NumOps)
		}
		out = append(out, c)
	}
	return out
}

// syntheticTask builds a Task over all cells with a target computed from each cell.
func syntheticTask(f func(arch.Cell) float64) *Task {
	var archs []arch.Arch
	var y []float64
	for _, c := range allCells() {
		archs, y = append(archs, c), append(y, f(c))
	}
	t, err := NewTask("synthetic", "y", archs, y, false)
	if err != nil {
		panic(err)
	}
	return t
}

// Known answer 1: an additive target (a random cost per operation and edge). The linear
// baseline recovers it exactly; the MLP, trained on 200 cells, ranks the other 15,425
// nearly perfectly.
func TestLearnsAdditiveTarget(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	var w [arch.NumEdges][arch.NumOps]float64
	for e := range w {
		for o := range w[e] {
			w[e][o] = rng.Float64()
		}
	}
	task := syntheticTask(func(c arch.Cell) float64 {
		var y float64
		for e, op := range c {
			y += w[e][op]
		}
		return y
	})
	s, err := NewLabelSplit(task.Len(), 200, 1)
	if err != nil {
		t.Fatal(err)
	}
	lin, err := FitLinear(rows(task.X, s.Train), task.Values(s.Train), false, 1e-9)
	if err != nil {
		t.Fatal(err)
	}
	for i, p := range lin.Predict(task.X) {
		if math.Abs(p-task.Y[i]) > 1e-6 {
			t.Fatalf("linear fit: cell %d predicted %v, want %v", i, p, task.Y[i])
		}
	}
	cfg := DefaultConfig(KindMLP)
	cfg.Ensemble = 1
	sc, p, err := Evaluate(task, cfg, 200, 1)
	if err != nil {
		t.Fatal(err)
	}
	if sc.Kendall < 0.85 || sc.SRCC < 0.97 {
		t.Errorf("MLP on an additive target: Kendall %.3f, SRCC %.3f; want >= 0.85, 0.97", sc.Kendall, sc.SRCC)
	}
	if len(p.History) != 1 || p.History[0].Best == 0 {
		t.Errorf("history %+v: want one member with a kept step", p.History)
	}
}

// Known answer 2: a target that depends on the cell's wiring, not on any single edge:
// the number of 3x3 convolutions on the longest input-to-output path of non-"none"
// operations, and -1 for a disconnected cell. The GCN sees the wiring and should rank
// held-out cells well from 200.
func TestGCNLearnsPathTarget(t *testing.T) {
	task := syntheticTask(func(c arch.Cell) float64 {
		best := -1.0
		// Paths 0->3, 0->1->3, 0->2->3, 0->1->2->3 as edge lists (CellEdges order).
		for _, path := range [][]int{{3}, {0, 4}, {1, 5}, {0, 2, 5}} {
			n, ok := 0.0, true
			for _, e := range path {
				ok = ok && c[e] != arch.OpNone
				if c[e] == arch.OpConv3x3 {
					n++
				}
			}
			if ok {
				best = math.Max(best, n)
			}
		}
		return best
	})
	cfg := DefaultConfig(KindGCN)
	sc, _, err := Evaluate(task, cfg, 200, 2)
	if err != nil {
		t.Fatal(err)
	}
	// The target has 5 distinct values, so even a perfect ranking without ties scores a
	// tau-b below 1: the ceiling is the truth with a tie-breaking jitter.
	s, _ := NewLabelSplit(task.Len(), 200, 2)
	truth := task.Values(s.Test)
	jitter := make([]float64, len(truth))
	for i, v := range truth {
		jitter[i] = v + 1e-6*float64(i%997)
	}
	ceiling, err := stats.KendallTauB(jitter, truth)
	if err != nil {
		t.Fatal(err)
	}
	cfg.Kind = KindMLP
	mlp, _, err := Evaluate(task, cfg, 200, 2)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("path target: GCN Kendall %.3f, MLP %.3f, ceiling %.3f", sc.Kendall, mlp.Kendall, ceiling)
	if sc.Kendall < 0.85*ceiling {
		t.Errorf("GCN on the path target: Kendall %.3f, want >= 85%% of the ceiling %.3f", sc.Kendall, ceiling)
	}
}

// Saving and loading gives the same predictions, and the recorded space and target.
func TestSaveLoadRoundTrip(t *testing.T) {
	task := syntheticTask(func(c arch.Cell) float64 { return float64(c[0]) + 0.1*float64(c[5]) })
	for _, kind := range []string{KindMLP, KindGCN} {
		cfg := DefaultConfig(kind)
		cfg.MaxSteps, cfg.Ensemble = 100, 2
		_, p, err := Evaluate(task, cfg, 60, 1)
		if err != nil {
			t.Fatal(err)
		}
		dir := filepath.Join(t.TempDir(), "p")
		if err := p.Save(dir); err != nil {
			t.Fatal(err)
		}
		q, err := Load(dir)
		if err != nil {
			t.Fatal(err)
		}
		ex := task.Examples([]int{0, 1, 2, 3, 4, 1000, 15624})
		a, _ := p.Predict(ex)
		b, err := q.Predict(ex)
		if err != nil {
			t.Fatal(err)
		}
		for i := range a {
			if a[i] != b[i] {
				t.Errorf("%s: prediction %d is %v after loading, %v before", kind, i, b[i], a[i])
			}
		}
		if q.Dataset != "synthetic" || q.Target != "y" {
			t.Errorf("loaded space/target %q/%q", q.Dataset, q.Target)
		}
		if err := os.RemoveAll(filepath.Join(dir, "member-1")); err != nil {
			t.Fatal(err)
		}
		if _, err := Load(dir); err == nil || !strings.Contains(err.Error(), "member-1") {
			t.Errorf("loading with a missing member: %v, want an error naming member-1", err)
		}
	}
}

// Bad inputs get errors that say what is wrong.
func TestBadInputs(t *testing.T) {
	wantErr := func(what string, err error, substr string) {
		t.Helper()
		if err == nil || !strings.Contains(err.Error(), substr) {
			t.Errorf("%s: error %v, want one containing %q", what, err, substr)
		}
	}
	_, err := LoadTask("", "nb201", "cifar11_acc")
	wantErr("unknown target", err, `unknown target "cifar11_acc" for dataset nb201`)
	_, err = LoadTask("", "nb301", "cifar10_acc")
	wantErr("unknown dataset", err, `unknown dataset "nb301"`)
	_, err = LoadTask("", "fbnet", "cifar10_acc")
	wantErr("accuracy of a latency-only space", err, `unknown target "cifar10_acc" for dataset fbnet`)
	_, err = NewLabelSplit(1999, 1998, 0)
	wantErr("too many training cells", err, "only 1999")
	_, err = NewLabelSplit(1999, 3, 0)
	wantErr("too few training cells", err, "too few")
	ex := syntheticTask(func(arch.Cell) float64 { return 0 }).Examples([]int{0, 1, 2, 3})
	_, err = Train(DefaultConfig(KindMLP), ex[:2], []float64{1, math.NaN()}, ex[2:], []float64{1, 2}, false)
	wantErr("NaN target", err, "NaN")
	_, err = Train(DefaultConfig(KindMLP), ex[:2], []float64{1, -2}, ex[2:], []float64{1, 2}, true)
	wantErr("negative latency", err, "positive")
	_, err = Train(DefaultConfig("rnn"), ex[:2], []float64{1, 2}, ex[2:], []float64{1, 2}, false)
	wantErr("unknown model", err, `unknown model "rnn"`)
	_, err = EncodeArch("nb201", "|conv~0|+|none~0|none~1|+|none~0|none~1|none~2|")
	wantErr("malformed cell", err, `unknown NAS-Bench-201 operation "conv"`)
	a := arch.MBv3.Sample(rand.New(rand.NewPCG(5, 5)), 0)
	a.R = 224
	_, err = EncodeArch(MeasuredDataset, a.JSON())
	wantErr("a 224-px network for the 160-px measurements", err, "outside the measured data")
	if _, err = EncodeArch(MeasuredAllResDataset, a.JSON()); err != nil {
		t.Errorf("a 224-px network is inside the 160-224 px measurements: %v", err)
	}
	a.R = 128
	_, err = EncodeArch(MeasuredAllResDataset, a.JSON())
	wantErr("a 128-px network for the 160-224 px measurements", err, "160-224 px")
	_, err = Load(t.TempDir())
	wantErr("loading an empty directory", err, MetaFile)
}

// The measured-latency source refuses architectures the measurements do not cover.
func TestPredictedLatencyDomain(t *testing.T) {
	task := syntheticTask(func(c arch.Cell) float64 { return 1 + float64(c[0]) })
	cfg := DefaultConfig(KindMLP)
	cfg.MaxSteps, cfg.Ensemble = 50, 1
	_, p, err := Evaluate(task, cfg, 40, 1)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := NewPredictedLatency(p); err == nil {
		t.Error("an accuracy-style predictor was accepted as a latency source")
	}
	p.Log = true
	if _, err := NewPredictedLatency(p); err == nil || !strings.Contains(err.Error(), "not on a measured dataset") {
		t.Errorf("a predictor of a synthetic task: %v, want an error naming the measured datasets", err)
	}
	p.Dataset = MeasuredDataset
	src, err := NewPredictedLatency(p)
	if err != nil {
		t.Fatal(err)
	}
	a := arch.MBv3.Sample(rand.New(rand.NewPCG(1, 1)), 1.2)
	a.R = 224
	if _, err := src.Latency(a); err == nil || !strings.Contains(err.Error(), "outside the measured data") {
		t.Errorf("224 px: %v, want an error saying it is outside the measured data", err)
	}
}

// On real data: the FLOPs baseline's Kendall tau on NB201 CIFAR-10 equals the rank
// correlation of MACs with accuracy computed directly (a linear map with a positive
// slope keeps the order).
func TestFLOPsBaselineIsRankOfMACs(t *testing.T) {
	task, err := LoadTask("", "nb201", "cifar10_acc")
	datatest.Check(t, err)
	sc, err := EvaluateBaseline(task, BaselineFLOPs, 100, 0)
	if err != nil {
		t.Fatal(err)
	}
	s, _ := NewLabelSplit(task.Len(), 100, 0)
	macs := make([]float64, len(s.Test))
	for k, i := range s.Test {
		macs[k] = task.MACs[i]
	}
	want, err := stats.KendallTauB(macs, task.Values(s.Test))
	if err != nil {
		t.Fatal(err)
	}
	if math.Abs(sc.Kendall-want) > 1e-12 {
		t.Errorf("FLOPs baseline Kendall %.6f, MACs vs accuracy %.6f", sc.Kendall, want)
	}
}

// Hand-worked: three cells ranked in reverse. The all-none and all-skip cells are each
// 2 ranks (100 percentile points) off, the all-conv3x3 cell is right.
func TestByOpMix(t *testing.T) {
	var none, conv, skip arch.Cell
	for e := range conv {
		conv[e], skip[e] = arch.OpConv3x3, arch.OpSkip
	}
	m, err := ByOpMix([]arch.Cell{none, conv, skip}, []float64{3, 2, 1}, []float64{1, 2, 3})
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		op   arch.Op
		k    int
		want float64
		n    int
	}{{arch.OpNone, 6, 100, 1}, {arch.OpNone, 0, 50, 2}, {arch.OpConv3x3, 6, 0, 1}, {arch.OpSkip, 6, 100, 1}, {arch.OpConv3x3, 0, 100, 2}} {
		if got := m.MeanError[c.op][c.k]; got != c.want || m.Count[c.op][c.k] != c.n {
			t.Errorf("%s x%d: mean error %v over %d cells, want %v over %d", c.op, c.k, got, m.Count[c.op][c.k], c.want, c.n)
		}
	}
	if !math.IsNaN(m.MeanError[arch.OpConv1x1][6]) {
		t.Errorf("no cell has six 1x1 convolutions, mean error %v, want NaN", m.MeanError[arch.OpConv1x1][6])
	}
}

func TestOpMixMasked(t *testing.T) {
	m := OpMixError{MeanError: [][]float64{{1, 2}}, Count: [][]int{{10, 9}}}
	got := m.Masked(10)
	if got[0][0] != 1 || !math.IsNaN(got[0][1]) || m.MeanError[0][1] != 2 {
		t.Errorf("Masked(10) of %v with counts %v = %v; want the 9-cell group NaN and the input untouched", m.MeanError, m.Count, got)
	}
}
