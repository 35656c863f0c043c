package search

import (
	"math"
	"slices"
	"testing"

	"github.com/nasanalysis/nasanalysis/nasanalysis/arch"
	"github.com/nasanalysis/nasanalysis/nasanalysis/data"
	"github.com/nasanalysis/nasanalysis/nasanalysis/datatest"
	"github.com/nasanalysis/nasanalysis/nasanalysis/predictor"
)

// NB201Study on the edge TPU and the desktop GPU keeps the 1,740 cells measured on both
// (the dataset README's 259 failed edge-TPU runs), references each device by its median
// over them, and its "eagle_gtx only" optimum is the most accurate of those cells at or
// under the GPU's median, found here by a plain scan of the files.
func TestNB201StudyOnData(t *testing.T) {
	devs := []string{"rice_edgetpu", "eagle_gtx"}
	cfg := DefaultEvo
	cfg.Population, cfg.Generations = 8, 1
	r, err := NB201Study("", devs, nil, 0, cfg, []uint64{1})
	datatest.Check(t, err)
	if r.Kept != 1740 || r.Missing != 259 || r.Note != "1,740 architectures kept; 259 left out for a missing latency (259 on rice_edgetpu)" {
		t.Fatalf("kept %d, missing %d, note %q", r.Kept, r.Missing, r.Note)
	}
	lat, err := data.LoadLatency("", "nb201")
	datatest.Check(t, err)
	accTab, err := data.LoadAccuracy("")
	datatest.Check(t, err)
	tpu, _ := lat.Column("rice_edgetpu")
	gpu, _ := lat.Column("eagle_gtx")
	acc, _ := accTab.Column(NB201Value)
	var both []float64
	for i := range gpu {
		if tpu[i] > 0 && gpu[i] > 0 {
			both = append(both, gpu[i])
		}
	}
	slices.Sort(both)
	med := (both[len(both)/2-1] + both[len(both)/2]) / 2 // 1,740 values: the mean of the middle two
	best := math.Inf(-1)
	for i := range gpu {
		if tpu[i] > 0 && gpu[i] > 0 && gpu[i] <= med {
			best = math.Max(best, acc[lat.IDs[i]])
		}
	}
	if r.Ref[1] != med || r.Best[1].Rule != "eagle_gtx only" || r.Best[1].Value != best {
		t.Errorf("eagle_gtx: reference %v (want %v), %s best %v (want %v)", r.Ref[1], med, r.Best[1].Rule, r.Best[1].Value, best)
	}
	if len(r.Found) != 4 || len(r.Found[0]) != 1 {
		t.Errorf("search results %d rules x %d seeds, want 4 x 1", len(r.Found), len(r.Found[0]))
	}
}

// CheckPredictor scores the held-out 224-px networks of a predictor of this machine: as
// many as the label split leaves out at 224 px, counted here from the split and the
// architecture strings, with the Spearman correlation of their predicted and measured
// latencies inside its bootstrap interval.
func TestCheckPredictorOnMeasured(t *testing.T) {
	if testing.Short() {
		t.Skip("trains a predictor on 400 networks (24 s under -race); make unit runs it")
	}
	task, err := predictor.LoadTask("", predictor.MeasuredAllResDataset, predictor.MeasuredTarget)
	datatest.Check(t, err)
	cfg := predictor.DefaultConfig(predictor.KindMLP)
	cfg.MaxSteps = 300
	const n, seed = 400, 3
	_, p, err := predictor.Evaluate(task, cfg, n, seed)
	if err != nil {
		t.Fatal(err)
	}
	c, err := CheckPredictor(task, p, n, seed, 224)
	if err != nil {
		t.Fatal(err)
	}
	split, err := predictor.NewLabelSplit(task.Len(), n, seed)
	if err != nil {
		t.Fatal(err)
	}
	held := 0
	for _, i := range split.Test {
		if mustRes(t, task.Archs[i]) == 224 {
			held++
		}
	}
	if c.NHeld != held || c.NTrain != n || c.NTotal != task.Len() || c.Model != predictor.KindMLP || c.Res != 224 {
		t.Errorf("check %+v; want %d held-out 224-px networks of %d", c, held, task.Len())
	}
	if !(c.SRCC.Lo <= c.SRCC.Estimate && c.SRCC.Estimate <= c.SRCC.Hi) || c.SRCC.Estimate < 0.3 {
		t.Errorf("SRCC %+v: want an estimate inside its interval, above 0.3 (MACs alone reach 0.66 on these networks)", c.SRCC)
	}
}

func mustRes(t *testing.T, s string) int {
	a, err := arch.ParseMB(arch.MBv3, s)
	if err != nil {
		t.Fatal(err)
	}
	return a.R
}

// NB201Sweep on the five devices of notebook 08: eagle_gtx and eagle_i7 are one hardware
// (SRCC 0.9989 in the datasets README's words "almost identical"), the rest apart; the
// reference latencies are the all-conv3x3 row of latency.csv; and the worst-case optimum
// at 0.6 × the reference is the most accurate cell whose mean ratio over the two eagle
// devices and ratio on each other device are at most 0.6, found here by a plain scan.
func TestNB201SweepOnData(t *testing.T) {
	devs := []string{"eagle_gtx", "eagle_i7", "rice_raspi4", "rice_eyeriss", "rice_edgetpu"}
	s, err := NB201Sweep("", devs, []float64{0.5, 0.6})
	datatest.Check(t, err)
	if names := s.Grouping.Names(); !slices.Equal(names, []string{"eagle_gtx + eagle_i7", "rice_raspi4", "rice_eyeriss", "rice_edgetpu"}) {
		t.Fatalf("groups %v", names)
	}
	if r := s.Grouping.SRCC[0][1]; r < 0.998 || r > 0.9995 {
		t.Errorf("eagle SRCC %v, want 0.9989", r)
	}
	lat, err := data.LoadLatency("", "nb201")
	datatest.Check(t, err)
	accTab, err := data.LoadAccuracy("")
	datatest.Check(t, err)
	acc, _ := accTab.Column(NB201Value)
	cols := make([][]float64, len(devs))
	for d, n := range devs {
		cols[d], _ = lat.Column(n)
	}
	ref := slices.Index(lat.Archs, NB201AllConv3x3)
	if lat.IDs[ref] != 1462 {
		t.Fatalf("all-conv3x3 cell has index %d, want 1462", lat.IDs[ref])
	}
	best := math.Inf(-1)
	for i := range lat.Archs {
		r := make([]float64, len(devs))
		ok := true
		for d := range devs {
			r[d] = cols[d][i] / cols[d][ref]
			ok = ok && cols[d][i] > 0
		}
		if ok && (r[0]+r[1])/2 <= 0.6 && r[2] <= 0.6 && r[3] <= 0.6 && r[4] <= 0.6 {
			best = math.Max(best, acc[lat.IDs[i]])
		}
	}
	for d := range devs {
		if s.References[0].Latency[d] != cols[d][ref] {
			t.Errorf("%s reference %v, want %v", devs[d], s.References[0].Latency[d], cols[d][ref])
		}
	}
	if w := s.Choices[1][5][0]; w.Rule != Worst || w.Value != best || s.Kept != 1740 {
		t.Errorf("worst at 0.6: %s %v, want %v; %d cells kept", w.Rule, w.Value, best, s.Kept)
	}
}

// OFAHardware names the RTX 2080 Ti behind both GPU columns (HELP's device table), the
// phone of the Note10 tables, this machine, and no hardware for FLOPs.
func TestOFAHardware(t *testing.T) {
	hw, err := OFAHardware("", []string{"note10_r224", "gpu_2080ti_1", "gpu_2080ti_64", "predicted", "flops"})
	datatest.Check(t, err)
	if !slices.Equal(hw, []string{"Samsung Note10", "NVIDIA RTX 2080 Ti", "NVIDIA RTX 2080 Ti", "this machine", ""}) {
		t.Errorf("hardware %q", hw)
	}
	if _, err := OFAHardware("", []string{"gpu_nosuch_1"}); err == nil {
		t.Error("an unknown GPU column accepted")
	}
}
