package arch

import (
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
)

// Every family's text form parses back to the same architecture, and its mutations and
// crossovers stay valid.
func TestRoundTripAndEvolution(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for _, sp := range Spaces() {
		for range 50 {
			a, err := Sample(sp, rng)
			if err != nil {
				t.Fatal(err)
			}
			b, err := Parse(sp, a.String())
			if err != nil {
				t.Fatalf("%s: %s does not parse back: %v", sp, a, err)
			}
			if b.String() != a.String() || !slices.Equal(b.Flat(), a.Flat()) {
				t.Fatalf("%s: %s parsed back as %s", sp, a, b)
			}
		}
	}
	c, d := SampleCell(rng), SampleCell(rng)
	if err := c.Crossover(rng, d).Mutate(rng, 0.5).Validate(); err != nil {
		t.Error(err)
	}
	f, g := SampleFBNet(rng), SampleFBNet(rng)
	if err := f.Crossover(rng, g).Mutate(rng, 0.5).Validate(); err != nil {
		t.Error(err)
	}
	if _, err := Parse("nb301", ""); err == nil || !strings.Contains(err.Error(), `unknown design space "nb301"`) {
		t.Errorf("unknown space: %v", err)
	}
}

func TestFBNet(t *testing.T) {
	s := strings.Repeat("k3_e1-", 21) + "skip"
	a, err := ParseFBNet(s)
	if err != nil {
		t.Fatal(err)
	}
	if a[0] != 0 || a[21] != 8 || a.String() != s {
		t.Errorf("ParseFBNet(%q) = %v, String %q", s, a, a.String())
	}
	x := a.Flat()
	if len(x) != 22*9 || x[0] != 1 || x[21*9+8] != 1 || sum(x) != 22 {
		t.Errorf("flat: %d numbers, sum %v", len(x), sum(x))
	}
	g := a.Graph()
	// input, 22 layers, output; layer 21 (the last) is alone in stage 6.
	if len(g.Nodes) != 24 || g.Nodes[22][2+9+6] != 1 || g.Nodes[1][2+9+0] != 1 || g.Nodes[2][2+9+1] != 1 || g.Nodes[5][2+9+1] != 1 || g.Nodes[6][2+9+2] != 1 {
		t.Errorf("stage one-hots wrong: %v", g.Nodes[1:7])
	}
	for _, bad := range []string{"", strings.Repeat("k3_e1-", 22) + "skip", strings.Repeat("k3_e1-", 21) + "k9_e1"} {
		if _, err := ParseFBNet(bad); err == nil {
			t.Errorf("ParseFBNet(%q) accepted", bad)
		}
	}
}

// A hand-built MobileNetV3 network: stage depths 2, 3, 4, 2, 2, every kernel 5 and
// expand 4, at 176 px. Its flat encoding has 2+3+4+2+2 = 13 active slots, each with a
// kernel and an expand bit, 20 - 13 = 7 skipped flags, and the resolution
// (176-128)/96 = 0.5: 141 numbers summing to 26 + 7 + 0.5.
func TestMBFlatAndGraph(t *testing.T) {
	a := MBArch{KS: slices.Repeat([]int{5}, 20), E: slices.Repeat([]int{4}, 20), D: []int{2, 3, 4, 2, 2}, R: 176}
	if err := a.Validate(); err != nil {
		t.Fatal(err)
	}
	x := a.Flat()
	if len(x) != 141 || sum(x) != 33.5 {
		t.Fatalf("flat: %d numbers summing to %v, want 141 and 33.5", len(x), sum(x))
	}
	// slot 0: kernel 5 at 1, expand 4 at 3+1, not skipped; slot 2 (stage 0, layer 2)
	// skipped: only its flag at 2*7+6.
	if x[1] != 1 || x[4] != 1 || x[6] != 0 || sum(x[14:20]) != 0 || x[20] != 1 || x[140] != 0.5 {
		t.Errorf("flat layout wrong: slot0 %v slot2 %v res %v", x[0:7], x[14:21], x[140])
	}
	g := a.Graph()
	if len(g.Nodes) != 22 || g.Nodes[3][14] != 1 || g.Nodes[2][14] != 0 || g.Nodes[0][2] != 0.5 {
		t.Errorf("graph: skipped flags %v %v, resolution %v (want 0.5 for 176 px)", g.Nodes[3][14], g.Nodes[2][14], g.Nodes[0][2])
	}
	for _, r := range []int{32, 130, 228, 1024} {
		a.R = r
		if err := a.Validate(); err != nil {
			t.Errorf("r = %d: %v", r, err)
		}
	}
	for _, r := range []int{0, 31, 1025} {
		a.R = r
		if err := a.Validate(); err == nil || !strings.Contains(err.Error(), "r = ") {
			t.Errorf("r = %d accepted or error does not name r: %v", r, err)
		}
	}
}

func TestResNetGraph(t *testing.T) {
	a := SampleResNet(rand.New(rand.NewPCG(3, 4)))
	g := a.Graph()
	if len(g.Nodes) != 18+3 {
		t.Fatalf("%d nodes, want input, stem, 18 slots, output", len(g.Nodes))
	}
	active := 0
	for _, n := range g.Nodes[2:20] {
		if n[20] == 0 {
			active++
			if sum(n[10:13]) != 1 {
				t.Errorf("active slot without one expand ratio: %v", n)
			}
		}
	}
	_, blocks := a.Plan()
	if active != len(blocks) {
		t.Errorf("%d active slots in the graph, %d blocks in the plan", active, len(blocks))
	}
}

func sum(x []float64) float64 {
	var s float64
	for _, v := range x {
		s += v
	}
	return s
}
