package predictor

import (
	"math"
	"strings"
	"testing"

	"github.com/nasanalysis/nasanalysis/nasanalysis/arch"
	"github.com/nasanalysis/nasanalysis/nasanalysis/stats"
)

// t(0.975, 2), the 97.5 % quantile of Student's t with 2 degrees of freedom
// (scipy.stats.t.ppf(0.975, 2)).
const t975df2 = 4.302652729911275

func points(method string, n int, taus ...float64) []CurvePoint {
	var out []CurvePoint
	for s, k := range taus {
		out = append(out, CurvePoint{Method: method, Score: Score{NTrain: n, Seed: uint64(s), Kendall: k}})
	}
	return out
}

func near(t *testing.T, what string, got, want float64) {
	t.Helper()
	if math.Abs(got-want) > 1e-9 {
		t.Errorf("%s = %v, want %v", what, got, want)
	}
}

// Differences 0.1, 0.15, 0.05: mean 0.1, sd 0.05, so the 95 % t-interval is
// 0.1 ± 4.302653 x 0.05 / sqrt(3) = [-0.024212, 0.224212].
func TestComparePaired(t *testing.T) {
	pts := append(points("a", 100, 0.5, 0.6, 0.7), points("b", 100, 0.4, 0.45, 0.65)...)
	ds, err := ComparePaired(pts, "a", "b", []int{100}, 0.95)
	if err != nil {
		t.Fatal(err)
	}
	half := t975df2 * 0.05 / math.Sqrt(3)
	d := ds[0]
	near(t, "difference", d.Diff.Estimate, 0.1)
	near(t, "lo", d.Diff.Lo, 0.1-half)
	near(t, "hi", d.Diff.Hi, 0.1+half)
	if d.Seeds != 3 || d.Diff.Sign() != 0 {
		t.Errorf("seeds %d, sign %d", d.Seeds, d.Diff.Sign())
	}
	if got := PairedFrame(ds).Col("verdict").Records()[0]; got != "no difference" {
		t.Errorf("verdict %q", got)
	}
	if _, err := ComparePaired(append(pts, points("c", 100, 0.3, 0.4)...), "a", "c", []int{100}, 0.95); err == nil {
		t.Error("different seeds: no error")
	}
}

// Kendall 0.69, 0.70, 0.71: mean 0.70, sd 0.01, t-interval 0.70 ± 0.024841.
func TestCheckAnchors(t *testing.T) {
	pts := points(KindGCN, 100, 0.69, 0.70, 0.71)
	cs, err := CheckAnchors(pts, []string{KindGCN}, []Anchor{{N: 100, Kendall: 0.47}, {N: 100, Kendall: 0.7}, {N: 100, Kendall: 0.8}}, 0.95)
	if err != nil {
		t.Fatal(err)
	}
	half := t975df2 * 0.01 / math.Sqrt(3)
	near(t, "lo", cs[0].Mean.Lo, 0.7-half)
	near(t, "sd", cs[0].SD, 0.01)
	for k, want := range []int{1, 0, -1} {
		if cs[k].Sign() != want {
			t.Errorf("anchor %v: sign %d, want %d", cs[k].Kendall, cs[k].Sign(), want)
		}
	}
	df := AnchorCheckFrame(cs)
	if got := df.Col("published_vs_interval").Records(); got[0] != "interval above" || got[1] != "interval contains it" || got[2] != "interval below" {
		t.Errorf("where: %v", got)
	}
}

// A curve study by hand: the GCN and MLP at two budgets, FLOPs and linear beside them.
func handStudy(gcnVsMLP, flopsVsLin, gcnVsFLOPs, mlpVsFLOPs [2]stats.Interval) CurveStudy {
	c := CurveStudy{Ref: KindGCN, Sizes: []int{400, 800}, Seeds: 5, Methods: CurveMethods,
		RefVs: map[string][]PairedDiff{}, VsFLOPs: map[string][]PairedDiff{}}
	for m, k := range map[string][2]float64{KindGCN: {0.783, 0.83}, KindMLP: {0.697, 0.79}, BaselineLinear: {0.479, 0.504}, BaselineFLOPs: {0.578, 0.577}} {
		for i, n := range c.Sizes {
			c.Sums = append(c.Sums, CurveSummary{Method: m, NTrain: n, Seeds: 5, Kendall: k[i], RMSE: 8 + float64(i)})
		}
	}
	pd := func(a, b string, ivs [2]stats.Interval) []PairedDiff {
		return []PairedDiff{{N: 400, A: a, B: b, Seeds: 5, Diff: ivs[0]}, {N: 800, A: a, B: b, Seeds: 5, Diff: ivs[1]}}
	}
	c.RefVs[KindMLP] = pd(KindGCN, KindMLP, gcnVsMLP)
	c.FLOPsVsLinear = pd(BaselineFLOPs, BaselineLinear, flopsVsLin)
	c.VsFLOPs[KindGCN] = pd(KindGCN, BaselineFLOPs, gcnVsFLOPs)
	c.VsFLOPs[KindMLP] = pd(KindMLP, BaselineFLOPs, mlpVsFLOPs)
	c.Anchors = []AnchorCheck{{Anchor: Anchor{N: 400, Kendall: SklearnBest400, Who: "random forest"}, Method: KindGCN, Seeds: 5, Mean: stats.Interval{Estimate: 0.783, Lo: 0.777, Hi: 0.789}}}
	c.Spread = TargetSpread{SD: 12.9, Disconnected: 341, DisconnectedMean: 10, ConnectedSD: 5.97}
	return c
}

var (
	up   = stats.Interval{Estimate: 0.1, Lo: 0.05, Hi: 0.15, Level: 0.95}
	down = stats.Interval{Estimate: -0.1, Lo: -0.15, Hi: -0.05, Level: 0.95}
	flat = stats.Interval{Estimate: 0.01, Lo: -0.02, Hi: 0.04, Level: 0.95}
)

func TestCurveFindings(t *testing.T) {
	got := CurveFindings(handStudy([2]stats.Interval{up, up}, [2]stats.Interval{up, up}, [2]stats.Interval{up, up}, [2]stats.Interval{flat, up}))
	for _, want := range []string{
		"at 400 cells the GCN's 95 % t-interval over 5 seeds, 0.777–0.789 around its mean 0.783, lies above random forest's 0.65",
		"the GCN's mean is inside it at 400 cells (0.783) and above it at 800 cells (0.830)",
		"ranks better than the MLP at every budget",
		"The MLP's mean tau first matches the GCN's at 400 cells with 800 (×2)",
		"reaches Kendall tau 0.577–0.578 and ranks better than the per-operation linear model at 2 of 2 budgets",
		"the GCN from 400 cells on, the MLP from 800 cells on",
		"RMSE stays high for every method and budget, 8–9 points", "so most of the spread is theirs",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("missing %q in\n%s", want, got)
		}
	}
	got = CurveFindings(handStudy([2]stats.Interval{flat, down}, [2]stats.Interval{down, flat}, [2]stats.Interval{up, flat}, [2]stats.Interval{down, down}))
	for _, want := range []string{
		"the GCN ranks no differently from the MLP at 400 cells and worse at 800 cells",
		"ranks better than the per-operation linear model at 0 of 2 budgets",
		"the GCN first at 400 cells, though not at every larger budget, the MLP at no budget up to 800 cells",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("missing %q in\n%s", want, got)
		}
	}
	c := handStudy([2]stats.Interval{down, up}, [2]stats.Interval{up, up}, [2]stats.Interval{up, up}, [2]stats.Interval{up, up})
	c.Anchors[0].Mean = stats.Interval{Estimate: 0.6, Lo: 0.55, Hi: 0.64}
	got = CurveFindings(c)
	for _, want := range []string{"lies below random forest's 0.65", "ranks better than the MLP at 800 cells and worse at 400 cells"} {
		if !strings.Contains(got, want) {
			t.Errorf("missing %q in\n%s", want, got)
		}
	}
}

// Each of the five operations is on edge 0 of 3,125 cells: y = the operation's index
// has mean 2 and sample variance (4 + 1 + 0 + 1 + 4) x 3125 / 15624.
func TestSpreadOf(t *testing.T) {
	task := syntheticTask(func(c arch.Cell) float64 { return float64(c[0]) })
	s, err := SpreadOf(task)
	if err != nil {
		t.Fatal(err)
	}
	near(t, "sd", s.SD, math.Sqrt(10*3125.0/15624))
	if s.Disconnected == 0 || s.Disconnected >= task.Len() {
		t.Errorf("%d disconnected cells", s.Disconnected)
	}
}

func TestTaskFindings(t *testing.T) {
	r := TaskResult{Ref: TaskRef{"nb201", "rice_eyeriss"}, N: 100, Seeds: 3,
		Sums: []CurveSummary{{Method: BaselineLinear, Kendall: 0.942, KendallSD: 0.00254}, {Method: KindGCN, Kendall: 0.903, KendallSD: 0.00545}, {Method: BaselineFLOPs, Kendall: 0.63, KendallSD: 0.00112}},
		Lead: PairedDiff{N: 100, Seeds: 3, Diff: stats.Interval{Estimate: 0.039, Lo: 0.02, Hi: 0.058}}}
	f := r
	f.Ref = TaskRef{"ofa-mbv3-measured", "median_ms"}
	f.Sums = []CurveSummary{{Method: BaselineFLOPs, Kendall: 0.501, KendallSD: 0.0254}, {Method: KindGCN, Kendall: 0.379, KendallSD: 0.0393}}
	f.Lead.Diff = stats.Interval{Estimate: 0.12, Lo: -0.01, Hi: 0.25}
	got := TaskFindings([]TaskResult{r, f})
	for _, want := range []string{"(mean Kendall tau ± sd over 3 seeds). No method wins everywhere.",
		"**nb201 / rice_eyeriss**: the linear model is best, 0.942 ± 0.00254, before the GCN, 0.903 ± 0.00545, ahead by 0.0390 over 3 paired seeds (95 % t-interval 0.0200–0.0580), as expected where latency is close to additive in the operations; FLOPs line 0.630 ± 0.00112.",
		"the FLOPs line is best, 0.501 ± 0.0254, before the GCN, 0.379 ± 0.0393, a lead the 3 seeds do not confirm (paired difference 0.120, 95 % t-interval -0.010 to 0.250).",
		"Where the FLOPs line has the best mean (ofa-mbv3-measured)"} {
		if !strings.Contains(got, want) {
			t.Errorf("missing %q in\n%s", want, got)
		}
	}
	if got := TaskFindings([]TaskResult{r}); !strings.Contains(got, "The linear model wins on every dataset") || strings.Contains(got, "Where the FLOPs") {
		t.Errorf("one winner: %s", got)
	}
}

// withLead orders by mean and pairs the first two: 0.9, 0.8, 0.85 against 0.5, 0.6, 0.4
// differ by 0.4, 0.2, 0.45 (mean 0.35).
func TestWithLeadAndFrame(t *testing.T) {
	pts := append(points(KindMLP, 100, 0.5, 0.6, 0.4), points(KindGCN, 100, 0.9, 0.8, 0.85)...)
	r, err := withLead(TaskResult{Ref: TaskRef{"x", "y"}, Archs: 9, N: 100, Seeds: 3, Points: pts, Sums: SummarizeCurve(pts)})
	if err != nil {
		t.Fatal(err)
	}
	if r.Sums[0].Method != KindGCN || r.Lead.A != KindGCN || r.Lead.B != KindMLP {
		t.Errorf("best %s, lead %s − %s", r.Sums[0].Method, r.Lead.A, r.Lead.B)
	}
	near(t, "lead", r.Lead.Diff.Estimate, 0.35)
	df, err := TaskResultsFrame([]TaskResult{r})
	if err != nil {
		t.Fatal(err)
	}
	if df.Names()[0] != "dataset" || df.Col("method").Records()[0] != KindGCN || df.Nrow() != 2 {
		t.Errorf("frame %v", df)
	}
}

func TestDataFile(t *testing.T) {
	for _, c := range []struct{ ds, target, file string }{
		{"nb201", "cifar10_acc", "nb201/accuracy.csv"}, {"nb201", "rice_eyeriss", "nb201/latency.csv"},
		{MeasuredDataset, MeasuredTarget, "datasets/ort-ofa-mbv3-r160.csv"}, {"ofa-mbv3-gpu", "titan_rtx_1", "ofa/gpu_latency.csv"},
	} {
		if f, _, err := DataFile(c.ds, c.target); err != nil || f != c.file {
			t.Errorf("%s/%s: %q, %v; want %q", c.ds, c.target, f, err, c.file)
		}
	}
	if _, _, err := DataFile("nope", "x"); err == nil {
		t.Error("unknown dataset: no error")
	}
}
