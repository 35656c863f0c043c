package arch

import (
	"fmt"
	"math/rand/v2"
	"slices"
)

// RandomControls draws n random reduced spaces of the same size as reduced: the
// control a hardware-specific reduction must beat, since any smaller space changes
// what a search of a fixed budget finds. A control drops as many distinct blocks as
// reduced does, chosen uniformly, and keeps reduced's depth caps (MinDepth, MaxDepth);
// a reduction that drops no block (BlockProfile's bp-cpu) is controlled instead by
// random maximum depths with the same total, each within the family's depths and at
// least the minimum. A control is never reduced itself, and the controls differ from
// each other while distinct ones remain to draw (then they repeat). The same seed gives
// the same controls.
func RandomControls(reduced Space, n int, seed uint64) ([]Space, error) {
	if err := reduced.Validate(); err != nil {
		return nil, err
	}
	if n < 0 {
		return nil, fmt.Errorf("random controls of %s: n = %d, want >= 0", reduced, n)
	}
	drops := distinctBlocks(reduced.Drop)
	if len(drops) == 0 && reduced.MaxDepth == nil {
		return nil, fmt.Errorf("random controls of %s: it drops no block and caps no depth, so there is nothing of its size to draw at random", reduced)
	}
	rng := rand.New(rand.NewPCG(seed, 0xc0))
	draw := func() Space {
		c := reduced
		c.Drop = nil
		if len(drops) > 0 {
			all, _ := Blocks(reduced.Family)
			for _, i := range rng.Perm(len(all))[:len(drops)] {
				c.Drop = append(c.Drop, all[i])
			}
			slices.SortFunc(c.Drop, compareBlocks)
			return c
		}
		c.MaxDepth = randomCaps(reduced, rng)
		return c
	}
	var out []Space
	for len(out) < n {
		var c Space
		fresh := false
		for try := 0; try < 1000 && !fresh; try++ {
			c = draw()
			fresh = !sameReduction(c, reduced) && !slices.ContainsFunc(out, func(o Space) bool { return sameReduction(o, c) })
		}
		for sameReduction(c, reduced) { // every distinct control is drawn: repeat one, never reduced
			c = draw()
		}
		out = append(out, c)
	}
	return out, nil
}

// randomCaps draws maximum depths with the same total as reduced's, each between the
// stage's lowest allowed depth and the family's highest.
func randomCaps(reduced Space, rng *rand.Rand) []int {
	choices := familyDepths(reduced.Family)
	total := 0
	for _, d := range reduced.MaxDepth {
		total += d
	}
	for {
		caps := make([]int, len(choices))
		sum := 0
		for i := range caps {
			lo, _ := reduced.depthBounds(i, choices)
			lo = max(lo, slices.Min(choices[i]))
			caps[i] = lo + rng.IntN(slices.Max(choices[i])-lo+1)
			sum += caps[i]
		}
		if sum == total {
			return caps
		}
	}
}

// sameReduction reports whether two spaces of one family drop the same blocks and cap
// the same depths.
func sameReduction(a, b Space) bool {
	da, db := distinctBlocks(a.Drop), distinctBlocks(b.Drop)
	slices.SortFunc(da, compareBlocks)
	slices.SortFunc(db, compareBlocks)
	return slices.Equal(da, db) && slices.Equal(a.MaxDepth, b.MaxDepth) && slices.Equal(a.MinDepth, b.MinDepth)
}

func distinctBlocks(bs []Block) []Block {
	var out []Block
	for _, b := range bs {
		if !slices.Contains(out, b) {
			out = append(out, b)
		}
	}
	return out
}

func compareBlocks(a, b Block) int {
	if a.Kernel != b.Kernel {
		return a.Kernel - b.Kernel
	}
	switch {
	case a.Expand < b.Expand:
		return -1
	case a.Expand > b.Expand:
		return 1
	}
	return 0
}
