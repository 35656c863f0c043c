package search

import (
	"math"
	"strings"
	"testing"

	"github.com/nasanalysis/nasanalysis/nasanalysis/arch"
)

// handTrial is a space trial of three seeds whose numbers the tests below work out by
// hand (t quantiles: t(0.975, 2) = 4.302653, t(0.975, 1) = 12.706205).
func handTrial() *SpaceTrial {
	nan := math.NaN()
	return &SpaceTrial{Latency: "note10_r224", Budgets: []float64{10, 20}, Arms: []SpaceArm{
		{Name: ArmFull, HV: []float64{0.50, 0.52, 0.54}, Best: [][]float64{{70, 71, nan}, {75, 75, 75}}},
		{Name: ArmReduced, Space: arch.Space{Family: arch.OFAMBv3, Drop: []arch.Block{{Kernel: 7, Expand: 3}, {Kernel: 7, Expand: 4}}, MaxDepth: []int{3, 4, 4, 4, 4}},
			HV: []float64{0.51, 0.54, 0.54}, Best: [][]float64{{70.5, 71, 72}, {75, 75, 75}}},
		{Name: "control-1", HV: []float64{0.49, 0.50, 0.52}, Best: [][]float64{{nan, nan, 70}, {74, 74, 74}}},
		{Name: "control-2", HV: []float64{0.52, 0.53, 0.53}, Best: [][]float64{{70, 70, 70}, {75, 75, 76}}},
	}}
}

func nearly(t *testing.T, what string, got, want, tol float64) {
	t.Helper()
	if math.Abs(got-want) > tol {
		t.Errorf("%s = %.6f, want %.6f", what, got, want)
	}
}

func TestSpaceTrialSummaryByHand(t *testing.T) {
	sum, err := handTrial().Summary()
	if err != nil {
		t.Fatal(err)
	}
	red := sum[1]
	if red.Dropped != "k7e3+k7e4" || red.MaxDepth != "3-4-4-4-4" {
		t.Errorf("reduced arm words %q %q", red.Dropped, red.MaxDepth)
	}
	// (0.01 + 0.02 + 0) / 3 = 0.01 over the full mean 0.52: 1.923 %; sd 0.01, se
	// 0.01/sqrt(3), half-width 4.302653 x se / 0.52 = 4.777 %.
	nearly(t, "diff", red.Diff.Estimate, 1.9230769, 1e-6)
	nearly(t, "diff lo", red.Diff.Lo, -2.8541110, 1e-6)
	nearly(t, "diff hi", red.Diff.Hi, 6.7002648, 1e-6)
	// Mean hypervolumes: reduced 0.53, control-1 0.5033, control-2 0.5267.
	if red.Rank != 1 || sum[2].Rank != 3 || sum[3].Rank != 2 || sum[0].Rank != 0 {
		t.Errorf("ranks %d %d %d %d, want 0 1 3 2", sum[0].Rank, red.Rank, sum[2].Rank, sum[3].Rank)
	}
	// Budget 10: full reaches it in seeds 1 and 2 only; differences 0.5 and 0.
	if red.BudgetSeeds[0] != 2 {
		t.Errorf("budget 10 pairs %d seeds, want 2", red.BudgetSeeds[0])
	}
	nearly(t, "budget diff", red.BudgetDiffs[0].Estimate, 0.25, 1e-12)
	nearly(t, "budget lo", red.BudgetDiffs[0].Lo, -2.9265512, 1e-6)
	// Identical accuracies under budget 20: exactly no difference.
	if iv := red.BudgetDiffs[1]; iv.Estimate != 0 || iv.Lo != 0 || iv.Hi != 0 {
		t.Errorf("identical arms under budget 20 differ: %+v", iv)
	}
	// control-1 reaches budget 10 only in seed 3, where full does not: no pairs.
	if sum[2].BudgetSeeds[0] != 0 || !math.IsNaN(sum[2].BudgetDiffs[0].Estimate) {
		t.Errorf("control-1 under budget 10: %d seeds, %+v; want none", sum[2].BudgetSeeds[0], sum[2].BudgetDiffs[0])
	}
}

func TestSpaceTrialAgainstControlsByHand(t *testing.T) {
	v, err := handTrial().AgainstControls()
	if err != nil {
		t.Fatal(err)
	}
	if v.Controls != 2 || v.Rank != 1 || v.Beaten != 2 {
		t.Errorf("controls %d rank %d beaten %d, want 2 1 2", v.Controls, v.Rank, v.Beaten)
	}
	// Controls' mean per seed 0.505, 0.515, 0.525 (mean 0.515); reduced minus it
	// 0.005, 0.025, 0.015: mean 0.015 = 2.913 % of 0.515.
	nearly(t, "vs controls", v.VsControls.Estimate, 2.9126214, 1e-6)
	nearly(t, "vs controls lo", v.VsControls.Lo, -1.9109470, 1e-6)
	nearly(t, "vs controls hi", v.VsControls.Hi, 7.7361897, 1e-6)
	tr := handTrial()
	tr.Arms = tr.Arms[:2]
	if _, err := tr.AgainstControls(); err == nil {
		t.Error("a trial without controls was placed among them")
	}
}

func TestBestWithin(t *testing.T) {
	front := [][]float64{{-70, 5}, {-74, 9}, {-77, 15}}
	for _, c := range []struct{ budget, want float64 }{{4, math.NaN()}, {5, 70}, {10, 74}, {100, 77}} {
		got := BestWithin(front, c.budget)
		if !(got == c.want || math.IsNaN(got) && math.IsNaN(c.want)) {
			t.Errorf("BestWithin(%v) = %v, want %v", c.budget, got, c.want)
		}
	}
}

func TestEqualSearches(t *testing.T) {
	m, n, err := EqualSearches(100, 10, 200)
	if err != nil {
		t.Fatal(err)
	}
	if m.Evaluations() != 2100 || n.Evaluations() != 2100 || n.NSGA.Generations != 20 {
		t.Errorf("paper protocol: mutation %d, NSGA-II %d evaluations (%d generations), want 2100 each (20)", m.Evaluations(), n.Evaluations(), n.NSGA.Generations)
	}
	if _, _, err := EqualSearches(100, 3, 50); err == nil {
		t.Error("150 mutants over 100 initial networks gave equal searches")
	}
}

func TestTrialSentencesByHand(t *testing.T) {
	tr := handTrial()
	tr.Name, tr.Unit = "bp-note10", "ms"
	tr.Search, _, _ = EqualSearches(100, 10, 200)
	tr.Seeds = []uint64{1, 2, 3}
	tr.Budgets = []float64{10, 20, 30, 40, 50}
	for i := range tr.Arms { // five budgets: the hand values, then three where full is ahead
		for _, row := range [][]float64{{80, 80, 80}, {81, 81.5, 82}, {82, 82, 82}} {
			tr.Arms[i].Best = append(tr.Arms[i].Best, row)
		}
	}
	tr.Arms[1].Best[2] = []float64{79, 79.2, 79.1} // reduced behind under budget 30
	tr.Arms[0].Evaluations, tr.Arms[1].Evaluations, tr.ProfileEvaluations = 2100, 2100, 181000
	s, err := TrialSentences(tr)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		"**note10_r224, bp-note10: without k7e3 and k7e4, stage depths at most 3-4-4-4-4**, random mutation (100 initial networks, 10 rounds of 200 mutants) over 3 seeds: against the full space the reduced space changes the front's hypervolume by 1.92 % (95 % t-interval -2.85 to 6.70); no difference is established at this search size.",
		"Against 2 random reductions of the same size, searched the same way, it ranks 1st of 3 by mean hypervolume and differs from their mean by 2.91 % (95 % t-interval -1.91 to 7.74): it is not distinguishable from a random reduction of its size",
		"The reduced space is behind under 1 of the 5 budgets and ahead under none.",
		"Choosing the reduced space cost 181,000 profiling evaluations, 86.2 times one search's 2,100: counted, the reduced arm spends 183,100 evaluations against the full arm's 2,100.",
	}
	for i, w := range want {
		if i >= len(s) || !strings.Contains(s[i], w) {
			t.Errorf("sentence %d:\n%q\nwant it to contain\n%q", i, s, w)
		}
	}
	// The other directions, chosen by the intervals' signs.
	tr.Arms[1].HV = []float64{0.55, 0.58, 0.59} // +0.05, +0.06, +0.05 over full
	tr.Arms[1].Best[2] = []float64{82.5, 82.6, 82.4}
	s, _ = TrialSentences(tr)
	if !strings.Contains(s[0], "the reduced space's front is better, as Mills et al. claim") || !strings.Contains(s[1], "it beats a random reduction of its size") ||
		!strings.Contains(s[2], "ahead under 1 of the 5 budgets and behind under none") {
		t.Errorf("better arm worded %q", s)
	}
	tk, err := TrialTakeaway([]*SpaceTrial{tr, handTrial()})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(tk[0], "of 2 trials") || !strings.Contains(tk[0], "better than the full space's in note10_r224 with bp-note10") ||
		!strings.Contains(tk[1], "holds in 1 of the 2 trials with controls") {
		t.Errorf("takeaway %q", tk)
	}
}

func TestTrialTakeawayNoDifference(t *testing.T) {
	tk, err := TrialTakeaway([]*SpaceTrial{handTrial(), handTrial()})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(tk[0], "of 2 trials (latency source, reduced space, search protocol), paired over seeds, the reduced space's front is not distinguishable from the full space's in any.") ||
		!strings.Contains(tk[1], "holds in 0 of the 2 trials with controls.") {
		t.Errorf("takeaway %q", tk)
	}
}

func TestFrontSearchString(t *testing.T) {
	m, n, _ := EqualSearches(100, 1, 200)
	m.Mutation.StageProbs = []float64{0.25, 0.25, 0.25, 0.5, 0.5}
	if got := m.String(); got != "random mutation (100 initial networks, 1 round of 200 mutants; stage mutation probabilities [0.25 0.25 0.25 0.5 0.5])" {
		t.Errorf("mutation: %q", got)
	}
	if got := n.String(); got != "NSGA-II (population 100, 2 generations)" {
		t.Errorf("NSGA-II: %q", got)
	}
}

func TestBudgetSentenceMixed(t *testing.T) {
	tr := handTrial()
	tr.Unit = "ms"
	tr.Budgets = []float64{10, 20, 30}
	tr.Arms[0].Best = [][]float64{{70, 71, 72}, {75, 75, 75}, {78, 78.5, 79}}
	tr.Arms[1].Best = [][]float64{{71, 72, 73.2}, {74, 74.1, 73.9}, {77, 77.6, 77.9}} // ahead, behind, behind
	for i := 2; i < len(tr.Arms); i++ {
		tr.Arms[i].Best = tr.Arms[0].Best
	}
	sum, err := tr.Summary()
	if err != nil {
		t.Fatal(err)
	}
	if s := budgetSentence(tr, sum[1]); !strings.Contains(s, "ahead under 1 budget and behind under 2 budgets: one hypervolume hides") {
		t.Errorf("mixed budgets: %q", s)
	}
}

func TestTrialTakeawayBeatsControlsOnly(t *testing.T) {
	tr := handTrial()
	tr.Name = "bp-gpu"
	tr.Arms[2].HV, tr.Arms[3].HV = []float64{0.40, 0.41, 0.42}, []float64{0.41, 0.42, 0.44} // controls well below
	tk, err := TrialTakeaway([]*SpaceTrial{tr})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(tk[1], "holds in 0 of the 1 trials with controls; in 1 more (note10_r224 with bp-gpu, ) the reduced space beats the random reductions without beating the full space") {
		t.Errorf("takeaway %q", tk)
	}
}
