package figures

import (
	"math"
	"strings"
	"testing"

	"github.com/nasanalysis/nasanalysis/nasanalysis/arch"
	"github.com/nasanalysis/nasanalysis/nasanalysis/search"
)

// trialBand is a band over latencies 10 to 30 ms.
func trialBand() search.FrontBand {
	return search.FrontBand{Latency: []float64{10, 20, 30}, Median: []float64{math.NaN(), 76, 79}, Worst: []float64{math.NaN(), 75, 78}, Best: []float64{math.NaN(), 77, 80}}
}

// The space trial's figures draw from a hand-made trial and say what they rest on.
func TestTrialFigures(t *testing.T) {
	mut, _, _ := search.EqualSearches(50, 5, 50)
	at224 := arch.Space{Family: arch.OFAMBv3, Resolutions: []int{224}}
	red := at224
	red.Drop, red.MaxDepth = []arch.Block{{Kernel: 7, Expand: 3}, {Kernel: 7, Expand: 4}}, []int{3, 4, 4, 4, 4}
	best := [][]float64{{70, 71, 72}, {73, 74, 75}, {76, 76, 77}, {78, 78, 78}, {79, 79, 80}}
	tr := &search.SpaceTrial{Latency: "note10_r224", Unit: "ms", About: "Note10 table", Name: "bp-note10", Search: mut, Seeds: []uint64{1, 2, 3},
		Budgets: []float64{10, 15, 20, 25, 30}, Arms: []search.SpaceArm{
			{Name: "full", Space: at224, HV: []float64{0.5, 0.52, 0.54}, Best: best, Band: trialBand()},
			{Name: "reduced", Space: red, HV: []float64{0.51, 0.53, 0.54}, Best: best, Band: trialBand()},
			{Name: "control-1", Space: red, HV: []float64{0.49, 0.5, 0.51}, Best: best, Band: trialBand()},
		}}
	f, err := TrialFronts(tr, "small")
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"random mutation (50 initial networks, 5 rounds of 50 mutants) fronts, 300 evaluations each, over 3 seeds", "224 px; study size small", "Reduced space bp-note10: without k7e3 and k7e4, stage depths at most 3-4-4-4-4."} {
		if !strings.Contains(f.Caption, want) {
			t.Errorf("fronts caption %q lacks %q", f.Caption, want)
		}
	}
	searchRender(t, "trial fronts", f)
	b, err := TrialBudgets(tr, "")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(b.Caption, "10th, 25th, 50th, 75th, 90th percentiles of 1,000 random networks' latency") {
		t.Errorf("budgets caption %q", b.Caption)
	}
	searchRender(t, "trial budgets", b)
	h, err := TrialHypervolumes([]*search.SpaceTrial{tr}, "paper")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(h.Caption, "Study size paper") {
		t.Errorf("boxes caption %q", h.Caption)
	}
	searchRender(t, "trial boxes", h)
}
