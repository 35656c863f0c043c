package latency

import (
	"fmt"
	"math"
	"slices"

	"github.com/nasanalysis/nasanalysis/nasanalysis/data"
	"github.com/nasanalysis/nasanalysis/nasanalysis/latency/measfile"
)

// BlockRecord is one row of a per-block file written by `measure --per-block`
// (measfile.Blocks): one block of one network, with that network's profiled end-to-end
// time and block sum.
type BlockRecord struct {
	Arch       string // the end-to-end file's key
	Resolution int
	BlockTiming
	RunMS, SumMS float64
}

// ReadBlocks reads a per-block file strictly: the header must start with the columns up
// to sum_ms (measfile.Blocks), every number parse and every time be positive; errors
// name the line and column.
func ReadBlocks(path string) ([]BlockRecord, error) {
	f, err := measfile.Blocks.Read(path)
	if err != nil {
		return nil, err
	}
	out := make([]BlockRecord, 0, f.Len())
	for i := 0; i < f.Len(); i++ {
		r := BlockRecord{Arch: f.Str(i, "arch")}
		r.Name = f.Str(i, "block")
		for _, c := range []struct {
			col string
			to  *int
		}{{"resolution", &r.Resolution}, {"stage", &r.Stage}, {"layer", &r.Layer}, {"kernel", &r.Kernel}, {"in_size", &r.InSize}} {
			v, err := f.Float(i, c.col, false)
			if err != nil {
				return nil, err
			}
			if v != math.Trunc(v) {
				return nil, &data.InputError{File: path, Line: f.Line(i), Column: c.col, Value: f.Str(i, c.col), Reason: "not a whole number"}
			}
			*c.to = int(v)
		}
		for _, c := range []struct {
			col string
			to  *float64
		}{{"expand", &r.Expand}, {"ms", &r.MS}, {"run_ms", &r.RunMS}, {"sum_ms", &r.SumMS}} {
			if *c.to, err = f.Float(i, c.col, false); err != nil {
				return nil, err
			}
		}
		if !(r.MS > 0 && r.RunMS > 0 && r.SumMS > 0) {
			return nil, &data.InputError{File: path, Line: f.Line(i), Reason: fmt.Sprintf("block time %v, run %v and sum %v must all be positive", r.MS, r.RunMS, r.SumMS)}
		}
		out = append(out, r)
	}
	return out, nil
}

// BlockSamples groups the block times by block name, in network order (the blocks
// before the stages, such as stem, then the stages' blocks by stage and layer, then those
// after, such as head): one sample per network that has the block.
func BlockSamples(recs []BlockRecord) (names []string, ms [][]float64) {
	type key struct{ group, stage, layer int }
	at := map[string]int{}
	var keys []key
	inStages := false
	for i, r := range recs {
		if i == 0 || r.Arch != recs[i-1].Arch {
			inStages = false
		}
		g := 1
		switch {
		case r.Stage >= 0:
			inStages = true
		case inStages:
			g = 2
		default:
			g = 0
		}
		k, ok := at[r.Name]
		if !ok {
			k = len(names)
			at[r.Name] = k
			names, ms = append(names, r.Name), append(ms, nil)
			keys = append(keys, key{g, r.Stage, r.Layer})
		}
		ms[k] = append(ms[k], r.MS)
	}
	order := make([]int, len(names))
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(a, b int) int {
		ka, kb := keys[a], keys[b]
		if ka.group != kb.group {
			return ka.group - kb.group
		}
		if ka.group != 1 {
			return 0 // first-seen order
		}
		if ka.stage != kb.stage {
			return ka.stage - kb.stage
		}
		return ka.layer - kb.layer
	})
	sortedNames, sortedMS := make([]string, len(order)), make([][]float64, len(order))
	for i, k := range order {
		sortedNames[i], sortedMS[i] = names[k], ms[k]
	}
	return sortedNames, sortedMS
}

// Coverage is, per network (in file order), the sum of its blocks' medians over its
// profiled end-to-end time: how much of the run the per-block times account for.
func Coverage(recs []BlockRecord) []float64 {
	var out []float64
	for i, r := range recs {
		if i == 0 || r.Arch != recs[i-1].Arch {
			out = append(out, r.SumMS/r.RunMS)
		}
	}
	return out
}

// ScaleBlocks puts a per-block file's times on the scale of its end-to-end file when
// that was measured under the paired protocol: each block's time times its network's
// scaled_ms over the profiled run's time (run_ms), so that blocks profiled while the host
// was slow and while it was fast compare, as the networks' scaled times do. A file of
// the single protocol leaves the blocks as they are. A network of the blocks missing
// from the end-to-end file is an error naming it.
func ScaleBlocks(recs []BlockRecord, nets *Recorded) ([]BlockRecord, error) {
	if !nets.Paired() {
		return recs, nil
	}
	byArch := make(map[string]float64, nets.Len())
	for i, row := range nets.Rows {
		byArch[row[0]] = nets.MS[i]
	}
	out := slices.Clone(recs)
	for i := range out {
		ms, ok := byArch[out[i].Arch]
		if !ok {
			return nil, fmt.Errorf("%s: network %s of the per-block file is not in it, so its blocks cannot be scaled", nets.Path, out[i].Arch)
		}
		out[i].MS *= ms / out[i].RunMS
	}
	return out, nil
}
