package latency

import (
	"encoding/csv"
	"fmt"
	"math"
	"os"
	"slices"
	"strconv"
)

// BlockRecord is one row of a per-block file written by `measure --per-block`: one block
// of one network, with that network's profiled end-to-end time and block sum.
type BlockRecord struct {
	Arch       string // the end-to-end file's key
	Resolution int
	BlockTiming
	RunMS, SumMS float64
}

// blockColumns are the leading columns a per-block file must have, in this order.
var blockColumns = []string{"arch", "resolution", "block", "stage", "layer", "kernel", "expand", "in_size", "ms", "run_ms", "sum_ms"}

// ReadBlocks reads a per-block file strictly: the header must start with blockColumns
// and every number parse, every time be positive; errors name the line and column.
func ReadBlocks(path string) ([]BlockRecord, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	if len(rows) < 2 || len(rows[0]) < len(blockColumns) || !slices.Equal(rows[0][:len(blockColumns)], blockColumns) {
		return nil, fmt.Errorf("%s: not a per-block file (want a header starting %v and at least one row)", path, blockColumns)
	}
	out := make([]BlockRecord, 0, len(rows)-1)
	for i, row := range rows[1:] {
		num := func(c int) float64 {
			if err != nil {
				return 0
			}
			var v float64
			v, err = strconv.ParseFloat(row[c], 64)
			if err != nil || math.IsNaN(v) || math.IsInf(v, 0) {
				err = fmt.Errorf("%s line %d, column %s: %q is not a number", path, i+2, blockColumns[c], row[c])
			}
			return v
		}
		r := BlockRecord{Arch: row[0], Resolution: int(num(1))}
		r.Name = row[2]
		r.Stage, r.Layer, r.Kernel = int(num(3)), int(num(4)), int(num(5))
		r.Expand, r.InSize = num(6), int(num(7))
		r.MS, r.RunMS, r.SumMS = num(8), num(9), num(10)
		if err != nil {
			return nil, err
		}
		if !(r.MS > 0 && r.RunMS > 0 && r.SumMS > 0) {
			return nil, fmt.Errorf("%s line %d: block time %v, run %v and sum %v must all be positive", path, i+2, r.MS, r.RunMS, r.SumMS)
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
