package search

import (
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/nasanalysis/nasanalysis/nasanalysis/arch"
	"github.com/nasanalysis/nasanalysis/nasanalysis/pareto"
)

// changedStages counts the stages whose active blocks or depth differ, and reports
// whether each changed stage differs by exactly one add, remove or swap.
func oneMovePerStage(t *testing.T, a, b arch.MBArch) int {
	t.Helper()
	changed := 0
	for s := range a.D {
		var x, y []arch.Block
		for l := range a.D[s] {
			x = append(x, arch.Block{Kernel: a.KS[s*4+l], Expand: float64(a.E[s*4+l])})
		}
		for l := range b.D[s] {
			y = append(y, arch.Block{Kernel: b.KS[s*4+l], Expand: float64(b.E[s*4+l])})
		}
		if slices.Equal(x, y) {
			continue
		}
		changed++
		switch len(y) - len(x) {
		case 1, -1: // removing one block of the longer list gives the shorter one
			long, short := x, y
			if len(y) > len(x) {
				long, short = y, x
			}
			ok := false
			for i := range long {
				if slices.Equal(slices.Delete(slices.Clone(long), i, i+1), short) {
					ok = true
				}
			}
			if !ok {
				t.Errorf("stage %d: %v -> %v is not one insertion or removal", s, x, y)
			}
		case 0:
			diff := 0
			for i := range x {
				if x[i] != y[i] {
					diff++
				}
			}
			if diff != 1 {
				t.Errorf("stage %d: %v -> %v swaps %d blocks, want 1", s, x, y, diff)
			}
		default:
			t.Errorf("stage %d depth %d -> %d", s, len(x), len(y))
		}
	}
	return changed
}

func TestStageMutateMovesWithinSpace(t *testing.T) {
	space, err := arch.ReleasedSpace(arch.OFAMBv3, "bp-note10") // no k7e3/k7e4, caps 3,4,4,4,4
	if err != nil {
		t.Fatal(err)
	}
	rng := rand.New(rand.NewPCG(1, 2))
	probs := []float64{0.5, 0.5, 0.5, 0.5, 0.5}
	stage0 := []float64{1, 1e-300, 1e-300, 1e-300, 1e-300} // stage 0 only
	depths := map[int]bool{}
	for range 2000 {
		a0, _ := space.Sample(rng)
		a := a0.(arch.MBArch)
		m, err := StageMutate(space, a, probs, rng)
		if err != nil {
			t.Fatal(err)
		}
		if err := space.Check(m); err != nil {
			t.Fatalf("mutant of %s outside the space: %v", a, err)
		}
		if oneMovePerStage(t, a, m) == 0 && slices.Equal(a.D, m.D) {
			// A swap always changes a block, so every mutation changes the network.
			t.Fatalf("mutation left %s unchanged", a)
		}
		m0, err := StageMutate(space, a, stage0, rng)
		if err != nil {
			t.Fatal(err)
		}
		if n := oneMovePerStage(t, a, m0); n != 1 || !slices.Equal(a.D[1:], m0.D[1:]) {
			t.Fatalf("stage-0-only mutation changed %d stages: %v -> %v", n, a.D, m0.D)
		}
		depths[m0.D[0]] = true
	}
	if !depths[2] || !depths[3] || depths[4] {
		t.Errorf("stage 0 depths reached %v, want 2 and 3 and never 4 (its cap is 3)", depths)
	}
}

func TestMutationSearchArchive(t *testing.T) {
	space := arch.Space{Family: arch.OFAMBv3, Resolutions: []int{224}}
	var scored [][]float64
	// Two objectives with a trade-off: minimise depth, maximise (negated) kernel sum.
	obj := func(as []arch.Arch) ([][]float64, error) {
		out := make([][]float64, len(as))
		for i, a := range as {
			mb := a.(arch.MBArch)
			d, k := 0.0, 0.0
			for s := range mb.D {
				d += float64(mb.D[s])
				for l := range mb.D[s] {
					k += float64(mb.KS[s*4+l])
				}
			}
			out[i] = []float64{-k, d}
			scored = append(scored, out[i])
		}
		return out, nil
	}
	cfg := MutationConfig{Initial: 20, Rounds: 4, PerRound: 30, Seed: 7}
	rounds := 0
	res, err := Mutation(space, obj, cfg, func(int) { rounds++ })
	if err != nil {
		t.Fatal(err)
	}
	if res.Evaluated != 140 || len(scored) != 140 || rounds != 5 {
		t.Errorf("evaluated %d (scored %d, %d progress calls), want 20 + 4 x 30 = 140 and 5 calls", res.Evaluated, len(scored), rounds)
	}
	// The result is the front of everything evaluated (the archive), worked out here
	// independently with pareto.FrontK over every scored point.
	front, err := pareto.FrontK(scored)
	if err != nil {
		t.Fatal(err)
	}
	want := map[[2]float64]bool{}
	for _, i := range front {
		want[[2]float64{scored[i][0], scored[i][1]}] = true
	}
	got := map[[2]float64]bool{}
	for _, p := range res.Points {
		got[[2]float64{p[0], p[1]}] = true
	}
	if len(got) != len(want) {
		t.Fatalf("front of %d objective values, the archive's has %d", len(got), len(want))
	}
	for p := range want {
		if !got[p] {
			t.Errorf("archive front point %v missing from the result", p)
		}
	}
	again, _ := Mutation(space, obj, cfg, nil)
	if len(again.Archs) != len(res.Archs) || again.Archs[0].String() != res.Archs[0].String() {
		t.Error("the same seed gave another front")
	}
}

func TestArchKeyIgnoresUnusedSlots(t *testing.T) {
	a := arch.MBv3.SampleN(1, 3)[0]
	b := a.Clone()
	b.D[0] = 2
	a.D[0] = 2
	b.KS[3], b.E[3] = 7, 6 // slot 3 of stage 0 is unused at depth 2
	a.KS[3], a.E[3] = 3, 3
	if ArchKey(a) != ArchKey(b) {
		t.Error("networks differing in an unused slot have different keys")
	}
	b.KS[0] = 10 - a.KS[0] // 3 <-> 7, 5 -> 5 is no change: force one
	if a.KS[0] == 5 {
		b.KS[0] = 7
	}
	if ArchKey(a) == ArchKey(b) {
		t.Error("networks differing in an active block share a key")
	}
}
