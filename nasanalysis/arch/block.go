package arch

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
)

// Block is one choice of a searchable block of an OFA space: kernel size and expand
// ratio for the mobile spaces, the expand ratio alone for OFA-ResNet50 (Kernel 0). It
// is what the block-profiling study profiles and what a Space drops.
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
		b := a.Clone()
		b.KS[f.Stage*mbSlots+f.Layer], b.E[f.Stage*mbSlots+f.Layer] = f.Kernel, int(f.Expand)
		if d == DeepenAsReleased {
			b.D[f.Stage] = max(a.D[f.Stage], f.Layer, MBDepths[0])
		} else {
			b.D[f.Stage] = max(a.D[f.Stage], f.Layer+1)
		}
		return b, nil
	case ResNetArch:
		if f.Kernel != 0 || f.Stage < 0 || f.Stage >= len(resNetBaseDepth) || f.Layer < 0 || f.Layer >= resNetBaseDepth[f.Stage]+2 {
			return nil, fmt.Errorf("fix %s does not fit ofa-resnet50", f)
		}
		b := a.Clone()
		start, _ := b.stageSlots(f.Stage)
		b.E[start+f.Layer] = f.Expand
		if d == DeepenAsReleased {
			b.D[f.Stage+1] = max(a.D[f.Stage+1], f.Layer-resNetBaseDepth[f.Stage], 0)
		} else {
			b.D[f.Stage+1] = max(a.D[f.Stage+1], f.Layer+1-resNetBaseDepth[f.Stage])
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
