package arch

import (
	"slices"
	"testing"
)

func TestRandomControlsSameSize(t *testing.T) {
	note10, err := ReleasedSpace(OFAMBv3, "bp-note10")
	if err != nil {
		t.Fatal(err)
	}
	cs, err := RandomControls(note10, 10, 1)
	if err != nil {
		t.Fatal(err)
	}
	if len(cs) != 10 {
		t.Fatalf("%d controls, want 10", len(cs))
	}
	for i, c := range cs {
		if err := c.Validate(); err != nil {
			t.Errorf("control %d invalid: %v", i, err)
		}
		if len(distinctBlocks(c.Drop)) != 2 || !slices.Equal(c.MaxDepth, note10.MaxDepth) || c.Width != note10.Width {
			t.Errorf("control %d = %s, want 2 dropped blocks, caps %v, width %v", i, c, note10.MaxDepth, note10.Width)
		}
		if sameReduction(c, note10) {
			t.Errorf("control %d is bp-note10 itself", i)
		}
		for j := range i {
			if sameReduction(c, cs[j]) {
				t.Errorf("controls %d and %d are the same (%s)", j, i, c)
			}
		}
	}
	again, _ := RandomControls(note10, 10, 1)
	for i := range cs {
		if cs[i].String() != again[i].String() {
			t.Fatalf("seed 1 drew %s then %s", cs[i], again[i])
		}
	}
}

func TestRandomControlsCapsOnly(t *testing.T) {
	cpu, err := ReleasedSpace(OFAMBv3, "bp-cpu") // every block, max depths 3,3,3,4,4 (total 17)
	if err != nil {
		t.Fatal(err)
	}
	cs, err := RandomControls(cpu, 12, 2)
	if err != nil {
		t.Fatal(err)
	}
	for i, c := range cs {
		sum := 0
		for _, d := range c.MaxDepth {
			sum += d
			if d < 2 || d > 4 {
				t.Errorf("control %d caps %v outside 2..4", i, c.MaxDepth)
			}
		}
		if sum != 17 || len(c.Drop) != 0 || slices.Equal(c.MaxDepth, cpu.MaxDepth) {
			t.Errorf("control %d = %s: want caps of total 17, no drop, not 3,3,3,4,4", i, c)
		}
	}
	if _, err := RandomControls(Space{Family: OFAMBv3}, 3, 1); err == nil {
		t.Error("controls drawn for the full space")
	}
}

func TestRandomControlsRepeatWhenExhausted(t *testing.T) {
	// Dropping 8 of 9 blocks: only 8 other choices exist, so 12 controls repeat some,
	// and none is the reduced space.
	all, _ := Blocks(OFAMBv3)
	red := Space{Family: OFAMBv3, Drop: all[1:]}
	cs, err := RandomControls(red, 12, 3)
	if err != nil {
		t.Fatal(err)
	}
	seen := map[string]bool{}
	for _, c := range cs {
		if sameReduction(c, red) {
			t.Errorf("control %s is the reduced space", c)
		}
		seen[c.String()] = true
	}
	if len(seen) != 8 {
		t.Errorf("%d distinct controls, want all 8", len(seen))
	}
}
