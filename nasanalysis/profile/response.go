package profile

import (
	"slices"

	"github.com/nasanalysis/nasanalysis/nasanalysis/arch"
)

// blockGroups returns, per block of the space (arch.Blocks order), the fix groups with
// that block, restricted to one position when stage >= 0.
func (r *Result) blockGroups(stage, layer int) ([]arch.Block, [][]*Group) {
	blocks, _ := arch.Blocks(r.Space.Family)
	out := make([][]*Group, len(blocks))
	for _, g := range r.Groups {
		if g.Fix == nil || (stage >= 0 && (g.Fix.Stage != stage || g.Fix.Layer != layer)) {
			continue
		}
		i := slices.Index(blocks, g.Fix.Block)
		out[i] = append(out[i], g)
	}
	return blocks, out
}

// pooled concatenates metric k's values over groups.
func pooled(groups []*Group, k int) []float64 {
	var out []float64
	for _, g := range groups {
		out = append(out, g.Values[k]...)
	}
	return out
}
