package predictor

import (
	"math"
	"strings"
	"testing"

	"github.com/nasanalysis/nasanalysis/nasanalysis/arch"
	"github.com/nasanalysis/nasanalysis/nasanalysis/datatest"
	"github.com/nasanalysis/nasanalysis/nasanalysis/stats"
)

// Two operations, edge counts 0..1: operation 0's groups hold 3 cells at 2.0 and 1 at
// 6.0, so the overall mean is (6 + 6) / 4 = 3.
func handMix() OpMixError {
	return OpMixError{
		MeanError: [][]float64{{2, 6}, {1, math.NaN()}},
		Count:     [][]int{{3, 1}, {4, 0}},
	}
}

func TestOpMixOverallAndExtremes(t *testing.T) {
	m := handMix()
	mean, cells := m.Overall()
	near(t, "overall", mean, 3)
	if cells != 4 {
		t.Errorf("%d cells, want 4", cells)
	}
	worst, best, err := m.Extremes(3)
	if err != nil {
		t.Fatal(err)
	}
	// Groups of at least 3 cells: (op 0, 0 edges) at 2 and (op 1, 0 edges) at 1.
	if worst.Op != 0 || worst.Edges != 0 || best.Op != 1 || best.MeanError != 1 {
		t.Errorf("worst %+v, best %+v", worst, best)
	}
	if _, _, err := m.Extremes(5); err == nil {
		t.Error("no group of 5 cells: no error")
	}
	got, err := OpMixFinding(m, 1)
	if err != nil {
		t.Fatal(err)
	}
	if want := "Over all 4 held-out cells the mean rank error is 3 percentile points. Among groups of at least 1 cells it is largest for cells with none on 1 of the 6 edges (1 cells, 6 percentile points) and smallest for cells with skip_connect on 0 of the 6 edges (4 cells, 1 percentile points)."; got != want {
		t.Errorf("got  %q\nwant %q", got, want)
	}
}

// After 2 queries the differences are 1, 1, -1 (mean 1/3, sd sqrt(4/3)); after 3 they
// are all 1: no spread, the interval is the point.
func TestCompareSearches(t *testing.T) {
	a := [][]float64{{1, 2, 3}, {1, 3, 3}, {0, 1, 4}}
	b := [][]float64{{1, 1, 2}, {1, 2, 2}, {0, 2, 3}}
	gs, err := CompareSearches(a, b, []int{2, 3})
	if err != nil {
		t.Fatal(err)
	}
	near(t, "mean after 2", gs[0].Mean, 1.0/3)
	near(t, "sd after 2", gs[0].SD, math.Sqrt(4.0/3))
	half := t975df2 * math.Sqrt(4.0/3) / math.Sqrt(3)
	near(t, "lo after 2", gs[0].Diff.Lo, 1.0/3-half)
	if gs[0].Ahead != 2 || gs[1].Ahead != 3 || gs[1].Diff.Lo != 1 || gs[1].Diff.Sign() != 1 {
		t.Errorf("gains %+v", gs)
	}
	got := SearchFinding(94.4, 3, 3, 0, gs)
	for _, want := range []string{"(94.4 %) within 3 queries in 3 of 3 seeds, random search in 0.",
		"after 2 queries guided search is ahead in 2 of 3 seeds (mean difference 0.333 ± 1.15 points, 95 % t-interval -2.54 to 3.20: no different); after 3 queries",
		"(mean difference 1 ± 0 points, 95 % t-interval 1–1: ahead)"} {
		if !strings.Contains(got, want) {
			t.Errorf("missing %q in %q", want, got)
		}
	}
	if _, err := CompareSearches(a, b, []int{4}); err == nil {
		t.Error("4 queries of 3: no error")
	}
}

func TestMeasuredFinding(t *testing.T) {
	c := MeasuredComparison{Spec: FitSpec{Config: DefaultConfig(KindGCN)}, Test: 60, Resamples: 2000, Seed: 11,
		GCN: Score{Kendall: 0.449, RMSE: 1.31}, FLOPs: Score{Kendall: 0.585, RMSE: 1.01},
		GCNCI: stats.Interval{Estimate: 0.64, Lo: 0.448, Hi: 0.766}, FLOPsCI: stats.Interval{Estimate: 0.763, Lo: 0.605, Hi: 0.864},
		Diff: stats.Interval{Estimate: -0.123, Lo: -0.221, Hi: -0.039}}
	want := "On the 60 held-out measured networks (seed 0): GCN SRCC 0.640 (0.448–0.766), Kendall 0.449, RMSE 1.31 ms; FLOPs line SRCC 0.763 (0.605–0.864), Kendall 0.585, RMSE 1.01 ms. GCN minus FLOPs SRCC over the same resamples: -0.123 (-0.221 to -0.039); the FLOPs line ranks them better (95 % percentile bootstrap, 2,000 resamples, seed 11)."
	if got := MeasuredFinding(c); got != want {
		t.Errorf("got  %q\nwant %q", got, want)
	}
	c.Diff = stats.Interval{Estimate: 0.1, Lo: 0.02, Hi: 0.2}
	if got := MeasuredFinding(c); !strings.Contains(got, "; the GCN ranks them better") {
		t.Errorf("above: %q", got)
	}
	c.Diff = stats.Interval{Estimate: 0.01, Lo: -0.05, Hi: 0.07}
	if got := MeasuredFinding(c); !strings.Contains(got, "neither ranks better") {
		t.Errorf("no difference: %q", got)
	}
}

func TestSourceFinding(t *testing.T) {
	u := SourceUse{MaxDiff: 0, New: 1000, NewSeed: 2026, Resolution: 160, Predicted: [3]float64{4.2, 6.48, 10.7}, SRCCWithMACs: 0.831,
		PredictSeconds: 0.152, File: "ort-ofa-mbv3-r160.csv", Measured: 300, SpanSeconds: 499, Warmup: [2]float64{5, 5}, Repeats: [2]float64{10, 200}}
	got := SourceFinding(u)
	for _, want := range []string{"largest difference from the predictions before saving 0 ms. 1,000 new random networks at 160 px (seed 2026): predicted latency 4.2–10.7 ms (median 6.48), SRCC with MACs 0.831.",
		"measuring the 300 networks of datasets/ort-ofa-mbv3-r160.csv took 499 s by their timestamps, 1.67 s per network (building its graph, 5 warm-up and 10–200 timed runs each)",
		"the latency of 1,000 networks in 0.152 s, 152 µs per network."} {
		if !strings.Contains(got, want) {
			t.Errorf("missing %q in %q", want, got)
		}
	}
}

// Predictions 3, 1, 2, 4 against true values 30, 40, 10, 20: the predictor's first two
// are inputs 3 and 0, truly third and second of four (deepest 3/4); the truly best,
// input 1, is its last.
func TestCheckRanking(t *testing.T) {
	c, err := CheckRanking(fixed(3, 1, 2, 4), fourCells(), []float64{30, 40, 10, 20}, 2)
	if err != nil {
		t.Fatal(err)
	}
	if c.Top[0].Index != 3 || c.Top[1].Index != 0 || c.TrueRank[0] != 3 || c.TrueRank[1] != 2 || c.BestPlaced != 4 || c.WorstOfTopQ != 0.75 {
		t.Errorf("check %+v", c)
	}
	if got := RankFinding(c, KindGCN); got != "The GCN's 2 best-predicted of the 4 held-out cells are all within the true top 75 % (deepest true rank 3; mean true accuracy 25 %); the truly best held-out cell is its number 4." {
		t.Errorf("finding %q", got)
	}
	if c.Frame().Col("true_rank").Records()[0] != "3" {
		t.Errorf("frame %v", c.Frame())
	}
	if _, err := CheckRanking(fixed(1, 2, 3, 4), fourCells(), []float64{1}, 2); err == nil {
		t.Error("one true value for four architectures: no error")
	}
}

// The measured comparison's paired estimate is the difference of the two SRCCs that
// HeldOutCIs computes another way; the saved predictor reloads unchanged; the measured
// file's protocol is 5 warm-up runs (datasets/README.md) for 300 networks.
func TestCompareMeasuredAndUseAsSource(t *testing.T) {
	spec := FitSpec{Dataset: MeasuredDataset, Target: MeasuredTarget, Config: DefaultConfig(KindGCN), N: 240, Seed: 0}
	spec.Config.MACs, spec.Config.MaxSteps, spec.Config.EvalEvery, spec.Config.Patience = true, 40, 20, 1
	f, err := Fit("", spec)
	datatest.Check(t, err)
	task, err := LoadTask("", spec.Dataset, spec.Target)
	if err != nil {
		t.Fatal(err)
	}
	c, err := CompareMeasured(task, f, 200, 11)
	if err != nil {
		t.Fatal(err)
	}
	near(t, "paired estimate", c.Diff.Estimate, c.GCNCI.Estimate-c.FLOPsCI.Estimate)
	if c.Test != 60 {
		t.Errorf("%d held out, want 300 − 240 = 60", c.Test)
	}
	u, err := UseAsSource(f, t.TempDir(), 50, 3)
	if err != nil {
		t.Fatal(err)
	}
	if u.MaxDiff != 0 || u.Measured != 300 || u.Warmup != [2]float64{5, 5} || !(u.SpanSeconds > 0) || u.Resolution != 160 {
		t.Errorf("use %+v", u)
	}
	if _, err := UseAsSource(Fitted{P: &Trained{Dataset: "nb201"}}, t.TempDir(), 5, 1); err == nil {
		t.Error("an NB201 predictor as a latency source: no error")
	}
}

// ViewHeldOut draws the plotted subset from the held-out cells.
func TestViewHeldOut(t *testing.T) {
	task := syntheticTask(func(c arch.Cell) float64 { return float64(c[2]) })
	cfg := DefaultConfig(KindMLP)
	cfg.Ensemble, cfg.MaxSteps, cfg.EvalEvery, cfg.Patience = 1, 20, 10, 1
	sc, p, err := Evaluate(task, cfg, 50, 1)
	if err != nil {
		t.Fatal(err)
	}
	v, err := ViewHeldOut(task, Fitted{Spec: FitSpec{N: 50, Seed: 1}, Score: sc, P: p}, 100, 7)
	if err != nil {
		t.Fatal(err)
	}
	if len(v.Test) != task.Len()-50 || len(v.Plotted) != 100 || len(v.Pred) != len(v.Test) {
		t.Errorf("%d held out, %d plotted, %d predictions", len(v.Test), len(v.Plotted), len(v.Pred))
	}
	cells, err := v.Cells(task)
	if err != nil || cells[0].String() != task.Archs[v.Test[0]] {
		t.Errorf("cells: %v, %v", err, cells[0])
	}
}
