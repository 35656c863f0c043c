package arch

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strconv"
	"strings"
)

// Block is one choice of a searchable block of an OFA space: kernel size and expand
// ratio for the mobile spaces, the expand ratio alone for OFA-ResNet50 (Kernel 0). It
// is what the block-profiling study profiles and what a reduced space drops.
type Block struct {
	Kernel int
	Expand float64
}

// String is the block's token: k<kernel>e<expand> (k7e6), or e<expand> (e0.25) for
// OFA-ResNet50.
func (b Block) String() string {
	e := strconv.FormatFloat(b.Expand, 'g', -1, 64)
	if b.Kernel == 0 {
		return "e" + e
	}
	return "k" + strconv.Itoa(b.Kernel) + "e" + e
}

// BlockSpaces are the design spaces with block choices: the three OFA spaces.
var BlockSpaces = []string{OFAMBv3, ProxylessNAS, OFAResNet50}

// Blocks lists a space's block choices: 9 kernel x expand pairs for the mobile spaces
// (kernel-major: k3e3, k3e4, k3e6, k5e3, ...), 3 expand ratios for OFA-ResNet50.
func Blocks(space string) ([]Block, error) {
	switch space {
	case OFAMBv3, ProxylessNAS:
		var out []Block
		for _, k := range MBKernels {
			for _, e := range MBExpands {
				out = append(out, Block{k, float64(e)})
			}
		}
		return out, nil
	case OFAResNet50:
		var out []Block
		for _, e := range ResNetExpands {
			out = append(out, Block{Expand: e})
		}
		return out, nil
	}
	return nil, fmt.Errorf("%s has no block choices (block spaces: %s)", space, strings.Join(BlockSpaces, ", "))
}

// ParseBlocks reads a comma-separated list of block tokens of a space; an unknown token
// is an error that lists the space's tokens.
func ParseBlocks(space, list string) ([]Block, error) {
	all, err := Blocks(space)
	if err != nil {
		return nil, err
	}
	var out []Block
	for _, tok := range strings.Split(list, ",") {
		tok = strings.TrimSpace(tok)
		if tok == "" {
			continue
		}
		i := slices.IndexFunc(all, func(b Block) bool { return b.String() == tok })
		if i < 0 {
			return nil, fmt.Errorf("block %q is not a block of %s (blocks: %s)", tok, space, blockList(all))
		}
		if !slices.Contains(out, all[i]) {
			out = append(out, all[i])
		}
	}
	return out, nil
}

func blockList(bs []Block) string {
	s := make([]string, len(bs))
	for i, b := range bs {
		s[i] = b.String()
	}
	return strings.Join(s, ",")
}

// Fix pins one block choice at one position (stage, layer within the stage, both
// 0-based) of an OFA space: the block-profiling study's unit.
type Fix struct {
	Stage, Layer int
	Block
}

func (f Fix) String() string { return fmt.Sprintf("s%dl%d:%s", f.Stage, f.Layer, f.Block) }

// Deepen says how a fix makes its position exist in an architecture whose stage is too
// shallow.
type Deepen int

const (
	// DeepenToInclude raises the stage's depth to layer+1, so the fixed block is
	// always part of the network.
	DeepenToInclude Deepen = iota
	// DeepenAsReleased raises it only to layer (counted from 0), as the released
	// BlockProfile code does: at a stage's deeper positions the "fixed" block is then
	// often absent from the network it is credited with.
	DeepenAsReleased
)

// Fixes enumerates every fix of a space in stage, layer, block order: 5 stages x 4
// layers x 9 blocks = 180 for the mobile spaces, 18 positions x 3 = 54 for OFA-ResNet50.
func Fixes(space string) ([]Fix, error) {
	blocks, err := Blocks(space)
	if err != nil {
		return nil, err
	}
	var out []Fix
	for s, n := range stageSlotCounts(space) {
		for l := 0; l < n; l++ {
			for _, b := range blocks {
				out = append(out, Fix{s, l, b})
			}
		}
	}
	return out, nil
}

// stageSlotCounts is the number of block positions of each stage.
func stageSlotCounts(space string) []int {
	if space == OFAResNet50 {
		out := make([]int, len(resNetBaseDepth))
		for i, b := range resNetBaseDepth {
			out[i] = b + 2
		}
		return out
	}
	return slices.Repeat([]int{mbSlots}, mbStages)
}

// Apply returns a copy of a with the fix's block at its position, deepening the stage
// as d says. a must be an MBArch or a ResNetArch matching the fix's kind.
func (f Fix) Apply(a Arch, d Deepen) (Arch, error) {
	switch a := a.(type) {
	case MBArch:
		if f.Kernel == 0 || f.Stage < 0 || f.Stage >= mbStages || f.Layer < 0 || f.Layer >= mbSlots {
			return nil, fmt.Errorf("fix %s does not fit %s", f, a.Space().Name)
		}
		b := BlockFix{f.Stage, f.Layer, f.Kernel, int(f.Expand)}.Apply(a)
		if d == DeepenAsReleased {
			b.D[f.Stage] = max(a.D[f.Stage], f.Layer, MBDepths[0])
		}
		return b, nil
	case ResNetArch:
		if f.Kernel != 0 || f.Stage < 0 || f.Stage >= len(resNetBaseDepth) || f.Layer < 0 || f.Layer >= resNetBaseDepth[f.Stage]+2 {
			return nil, fmt.Errorf("fix %s does not fit ofa-resnet50", f)
		}
		b := ResNetBlockFix{f.Stage, f.Layer, f.Expand}.Apply(a)
		if d == DeepenAsReleased {
			b.D[f.Stage+1] = max(a.D[f.Stage+1], f.Layer-resNetBaseDepth[f.Stage], 0)
		}
		return b, nil
	}
	return nil, fmt.Errorf("%T has no block fixes", a)
}

// Present reports whether a's block at the fix's position exists and is the fix's.
func (f Fix) Present(a Arch) bool {
	switch a := a.(type) {
	case MBArch:
		i := f.Stage*mbSlots + f.Layer
		return a.Active(f.Stage, f.Layer) && a.KS[i] == f.Kernel && float64(a.E[i]) == f.Expand
	case ResNetArch:
		start, n := a.stageSlots(f.Stage)
		return f.Layer < n && a.E[start+f.Layer] == f.Expand
	}
	return false
}

// Reduced is an OFA design space without some of its blocks: every block slot of every
// architecture it samples holds one of the remaining blocks, as in the hardware-specific
// spaces of Mills et al. Sampling draws uniformly among the remaining blocks per slot
// (with nothing dropped, the same distribution as the full space: kernel and expand
// ratio independent and uniform).
type Reduced struct {
	Space string
	Drop  []Block
	keep  []Block
}

// NewReduced builds the reduced space; dropping every block is an error.
func NewReduced(space string, drop []Block) (*Reduced, error) {
	all, err := Blocks(space)
	if err != nil {
		return nil, err
	}
	r := &Reduced{Space: space, Drop: drop}
	for _, b := range all {
		if !slices.Contains(drop, b) {
			r.keep = append(r.keep, b)
		}
	}
	for _, b := range drop {
		if !slices.Contains(all, b) {
			return nil, fmt.Errorf("block %s is not a block of %s (blocks: %s)", b, space, blockList(all))
		}
	}
	if len(r.keep) == 0 {
		return nil, fmt.Errorf("%s without %s has no blocks left", space, blockList(drop))
	}
	return r, nil
}

// Name is the space and its dropped blocks, e.g. ofa-mbv3-k7e3-k7e4.
func (r *Reduced) Name() string {
	if len(r.Drop) == 0 {
		return r.Space
	}
	return r.Space + "-" + strings.ReplaceAll(blockList(r.Drop), ",", "-")
}

// Keep lists the blocks the space still has.
func (r *Reduced) Keep() []Block { return slices.Clone(r.keep) }

// Sample draws one architecture: the full space's sample with every slot that holds a
// dropped block redrawn among the kept ones (Repair). Each slot then holds each kept block
// with probability 1/len(Keep()) — uniform, as in the full space — and with nothing
// dropped the draws are the full space's own.
func (r *Reduced) Sample(rng *rand.Rand) (Arch, error) {
	a, err := Sample(r.Space, rng)
	if err != nil {
		return nil, err
	}
	return r.Repair(a, rng), nil
}

// Check returns an error naming the first slot of a that holds a dropped block (inactive
// slots included: they would become active under mutation).
func (r *Reduced) Check(a Arch) error {
	switch a := a.(type) {
	case MBArch:
		for i := range a.KS {
			if b := (Block{a.KS[i], float64(a.E[i])}); slices.Contains(r.Drop, b) {
				return fmt.Errorf("%s: slot %d (stage %d, layer %d) holds %s, which %s drops", a, i, i/mbSlots, i%mbSlots, b, r.Name())
			}
		}
	case ResNetArch:
		for i, e := range a.E {
			if b := (Block{Expand: e}); slices.Contains(r.Drop, b) {
				return fmt.Errorf("%s: slot %d holds %s, which %s drops", a, i, b, r.Name())
			}
		}
	default:
		return fmt.Errorf("%T is not an architecture of %s", a, r.Space)
	}
	return nil
}

// Repair redraws, among the kept blocks, every slot of a that holds a dropped block: how
// a search keeps mutants and children inside the reduced space.
func (r *Reduced) Repair(a Arch, rng *rand.Rand) Arch {
	switch a := a.(type) {
	case MBArch:
		a = a.Clone()
		for i := range a.KS {
			if slices.Contains(r.Drop, Block{a.KS[i], float64(a.E[i])}) {
				b := r.keep[rng.IntN(len(r.keep))]
				a.KS[i], a.E[i] = b.Kernel, int(b.Expand)
			}
		}
		return a
	case ResNetArch:
		a = a.Clone()
		for i, e := range a.E {
			if slices.Contains(r.Drop, Block{Expand: e}) {
				a.E[i] = r.keep[rng.IntN(len(r.keep))].Expand
			}
		}
		return a
	}
	return a
}
