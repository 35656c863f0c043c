package profile

import (
	"math"
	"testing"

	"github.com/nasanalysis/nasanalysis/nasanalysis/arch"
)

// A hand-made block scoring: k3e3 is cheaper and as accurate as k5e3, so it dominates
// it; k7e6 is slower but more accurate, so nothing dominates it.
func TestDominance(t *testing.T) {
	s := []BlockScore{
		{Block: arch.Block{Kernel: 3, Expand: 3}, AccShift: 0.1, AccSE: 0.05, CostShift: -5, CostSE: 0.5},
		{Block: arch.Block{Kernel: 5, Expand: 3}, AccShift: 0.1, AccSE: 0.05, CostShift: 0, CostSE: 0.5},
		{Block: arch.Block{Kernel: 7, Expand: 6}, AccShift: 1.0, AccSE: 0.05, CostShift: 8, CostSE: 0.5},
	}
	for i := range s {
		for j := range s {
			if i != j && dominates(s[j], s[i]) {
				s[i].DominatedBy = append(s[i].DominatedBy, s[j].Block)
			}
		}
	}
	if d := (Reduction{Scores: s}).Drop(); len(d) != 1 || d[0] != (arch.Block{Kernel: 5, Expand: 3}) {
		t.Errorf("drop %v, want [k5e3]", d)
	}
}

// By hand: the baseline's accuracy 70, 72 (mean 71) and FLOPs 9, 11 (mean 10). k3e3's
// networks: accuracy 71, 73 (shift +1, SE 1) and FLOPs 10, 12 (shift +10 %, SE 10 %:
// within noise, so no ratio). k5e3's: accuracy 71, 73 and FLOPs 7, 9 (shift -20 % ± 10 %:
// beyond noise, ratio 1 / -20 = -0.05). k5e3 saves 30 % more than k3e3, beyond
// 1.96 x √(10² + 10²) = 27.7, at equal accuracy: it dominates k3e3.
func TestFriendlinessByHand(t *testing.T) {
	r := handResult(arch.OFAMBv3, []string{"acc", "flops"}, []string{"%", "M"}, [][]float64{{70, 72}, {9, 11}},
		handGroup{fix: fix(0, 0, 3, 3), values: [][]float64{{71, 73}, {10, 12}}},
		handGroup{fix: fix(0, 0, 5, 3), values: [][]float64{{71, 73}, {7, 9}}})
	reds, err := r.Reduce("acc", "flops")
	if err != nil {
		t.Fatal(err)
	}
	red := reds[0]
	if len(red.Scores) != 2 || red.PerBlock != 2 || red.PaperDevice != "" {
		t.Fatalf("reduction %+v", red)
	}
	k3, k5 := red.Scores[0], red.Scores[1]
	if k3.AccShift != 1 || k3.AccSE != 1 || math.Abs(k3.CostShift-10) > 1e-12 || math.Abs(k3.CostSE-10) > 1e-12 || !math.IsNaN(k3.Friendliness) {
		t.Errorf("k3e3 %+v", k3)
	}
	if math.Abs(k5.CostShift+20) > 1e-12 || math.Abs(k5.Friendliness+0.05) > 1e-12 || len(k5.DominatedBy) != 0 {
		t.Errorf("k5e3 %+v", k5)
	}
	if len(k3.DominatedBy) != 1 || k3.DominatedBy[0].String() != "k5e3" {
		t.Errorf("k3e3 dominated by %v, want k5e3", k3.DominatedBy)
	}
	df := red.Frame()
	for _, c := range []string{"block", "acc_shift_pp", "acc_se", "flops_shift_pct", "flops_se", "pp_per_pct", "dominated_by"} {
		if !containsName(df.Names(), c) {
			t.Errorf("frame columns %v lack %s", df.Names(), c)
		}
	}
	if df.Col("dominated_by").Records()[0] != "k5e3" {
		t.Errorf("frame\n%v", df)
	}
	if _, err := r.Friendliness("acc", "latency"); err == nil {
		t.Error("an unknown metric gave no error")
	}
}

func containsName(names []string, n string) bool {
	for _, x := range names {
		if x == n {
			return true
		}
	}
	return false
}
