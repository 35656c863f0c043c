package figures

import (
	"math"
	"strings"
	"testing"

	"github.com/nasanalysis/nasanalysis/nasanalysis/arch"
	"github.com/nasanalysis/nasanalysis/nasanalysis/search"
	"github.com/nasanalysis/nasanalysis/nasanalysis/stats"
)

// searchArm is an arm of two seeds with hypervolumes a and b, whose fronts' band runs over
// latencies 10 to 30 ms.
func searchArm(a, b float64) search.Arm {
	return search.Arm{HV: search.Hypervolumes{PerSeed: []float64{a, b}, Mean: stats.Interval{Estimate: (a + b) / 2}, Box: 100},
		Band: search.FrontBand{Latency: []float64{10, 20, 30}, Median: []float64{math.NaN(), 76, 79}, Worst: []float64{math.NaN(), 75, 78}, Best: []float64{math.NaN(), 77, 80}}}
}

func searchRender(t *testing.T, name string, f interface{ Bytes(string) ([]byte, error) }) {
	t.Helper()
	if b, err := f.Bytes("svg"); err != nil || len(b) == 0 {
		t.Errorf("%s: %d bytes, %v", name, len(b), err)
	}
}

// The Pareto study's figures draw from hand-made results, and their captions state the
// searches and seeds they rest on and what a box shows (it draws no point per seed
// unless the seed lies beyond the whiskers).
func TestSearchParetoFigures(t *testing.T) {
	cfg := search.NSGAConfig{Population: 30, Generations: 10}
	at224 := arch.Space{Family: arch.OFAMBv3, Resolutions: []int{224}}
	r := search.ReuseComparison{Proxy: "note10_r224", Target: "gpu_2080ti_64", Space: at224, Unit: "ms", Seeds: []uint64{1, 2}, Config: cfg, Reused: searchArm(8, 9), Own: searchArm(10, 11)}
	rf, err := ReuseFronts(r, "paper")
	if err != nil {
		t.Fatal(err)
	}
	searchRender(t, "reuse fronts", rf)
	if !strings.Contains(rf.Caption, "(population 30, 10 generations, 224 px; study size paper)") {
		t.Errorf("reuse fronts caption %q", rf.Caption)
	}
	for _, sp := range []struct {
		res  []int
		want string
	}{{nil, "10 generations, resolution searched)"}, {[]int{192, 224}, "10 generations, resolution searched among 192 and 224 px)"}} {
		r.Space.Resolutions = sp.res
		f, err := ReuseFronts(r, "")
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(f.Caption, sp.want) {
			t.Errorf("resolutions %v: caption %q lacks %q", sp.res, f.Caption, sp.want)
		}
	}
	r.Space = at224
	rb, err := ReuseHypervolumes([]search.ReuseComparison{r}, "paper")
	if err != nil || !strings.Contains(rb.Caption, "The note10_r224 fronts re-scored on each target") || !strings.HasSuffix(rb.Caption, " Study size paper.") {
		t.Fatalf("reuse boxes: %v, caption %q", err, rb.Caption)
	}
	if _, err := ReuseHypervolumes(nil, ""); err == nil || err.Error() != "reuse hypervolumes: no comparison" {
		t.Errorf("no reuse comparison: %v", err)
	}
}

// The multi-hardware study's heatmap and tables from a hand-made study: a rule's cell is
// its chosen models' mean ratio over seeds ((1.2 + 0.8) / 2 = 1 here), and the measured
// table's columns are the check's numbers.
func TestSearchRuleFigures(t *testing.T) {
	rs := &search.RuleStudy{Devices: []string{"note10", "here"}, Budgets: []float64{20, 10}, Sample: 1000, Value: "acc", Seeds: []uint64{1, 2},
		Space:  arch.Space{Family: arch.OFAMBv3, Resolutions: []int{224}},
		Config: search.EvoConfig{Population: 40, Generations: 10}}
	for _, rule := range search.Rules(rs.Devices) {
		rs.Choices = append(rs.Choices, []search.Choice{{Rule: rule, Value: 80, Ratio: []float64{1.2, 0.9}, Worst: 1.2, Avg: 1.05}, {Rule: rule, Value: 81, Ratio: []float64{0.8, 1.1}, Worst: 1.1, Avg: 0.95}})
	}
	f, err := RuleRatios(rs, "small")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(f.Caption, "median over 1,000 random networks at 224 px), mean over 2 seeds (population 40, 10 generations; study size small)") {
		t.Errorf("heatmap caption %q", f.Caption)
	}
	searchRender(t, "heatmap", f)
	df, caption := RuleChoicesTable(rs, "small")
	if df.Nrow() != 4 || df.Col("note10").Elem(0).Float() != 1 || !strings.Contains(caption, "over 2 seeds") {
		t.Errorf("choices table %v, caption %q", df, caption)
	}
	m := &search.MeasuredCheck{Rules: []string{"here only"}, Predicted: []float64{0.97}, Measured: []stats.Interval{{Estimate: 1.22}}, MeasuredSD: []float64{0.05},
		RandomMedian: 9.123, Res: 224, NRandom: 20, NChosen: 2, Seeds: 2, About: "ONNX Runtime"}
	df, caption = MeasuredTable(m)
	if df.Col("measured_over_random_median").Elem(0).Float() != 1.22 || df.Col("predicted_over_budget").Elem(0).Float() != 0.97 ||
		!strings.Contains(caption, "median of 20 random 224-px networks measured in the same run (9.12 ms)") {
		t.Errorf("measured table %v, caption %q", df, caption)
	}
}

// The NB201 tables say which cells they rest on in words, never as a Go value.
func TestSearchTableCaptions(t *testing.T) {
	r := &search.TableStudy{Devices: []string{"a", "b"}, Value: "cifar10_acc", Note: "1,740 architectures kept; 259 left out for a missing latency (259 on b)",
		Config: search.EvoConfig{Population: 40, Generations: 20}, Seeds: []uint64{1, 2}}
	for _, rule := range search.Rules(r.Devices) {
		r.Best = append(r.Best, search.Choice{Rule: rule, Value: 90, Ratio: []float64{1, 1}, Worst: 1, Avg: 1})
		r.Found = append(r.Found, []search.Choice{{Rule: rule, Value: 89}, {Rule: rule, Value: 90}})
	}
	_, caption := BestUnderTable(r)
	if strings.ContainsAny(caption, "[]") || !strings.Contains(caption, "(259 on b)") {
		t.Errorf("best caption %q", caption)
	}
	df, caption := RegretTable(r, "paper")
	if df.Col("regret").Elem(0).Float() != 0.5 || !strings.Contains(caption, "population 40, 20 generations, 2 seeds; study size paper") {
		t.Errorf("regret table %v, caption %q", df, caption)
	}
}
