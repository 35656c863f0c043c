package profile

import (
	"fmt"
	"math"
	"slices"

	"github.com/go-gota/gota/dataframe"
	"github.com/go-gota/gota/series"
	"gonum.org/v1/gonum/stat"

	"github.com/nasanalysis/nasanalysis/nasanalysis/arch"
	"github.com/nasanalysis/nasanalysis/nasanalysis/latency"
	"github.com/nasanalysis/nasanalysis/nasanalysis/stats"
)

// Extremes returns the blocks with the lowest and highest mean of a response.
func Extremes(resp []BlockMean) (low, high BlockMean) {
	low, high = resp[0], resp[0]
	for _, b := range resp[1:] {
		if b.Mean < low.Mean {
			low = b
		}
		if b.Mean > high.Mean {
			high = b
		}
	}
	return low, high
}

// BlockTruth is the directly measured time of each block fix: the mean, over the
// networks of a per-block file that hold that block at that position, of the block's
// own profiled time (ms), and how many networks that mean rests on.
type BlockTruth struct {
	MS map[arch.Fix]float64
	N  map[arch.Fix]int
}

// TruthFromBlocks averages a per-block file (`measure --per-block`) by position and
// block; stem, first and head rows are not searchable blocks and are left out.
func TruthFromBlocks(recs []latency.BlockRecord) BlockTruth {
	t := BlockTruth{MS: map[arch.Fix]float64{}, N: map[arch.Fix]int{}}
	for _, r := range recs {
		if r.Stage < 0 {
			continue
		}
		f := arch.Fix{Stage: r.Stage, Layer: r.Layer, Block: arch.Block{Kernel: r.Kernel, Expand: r.Expand}}
		t.MS[f] += r.MS
		t.N[f]++
	}
	for f, n := range t.N {
		t.MS[f] /= float64(n)
	}
	return t
}

// TruthFrame sets what end-to-end profiling infers about each block — the shift of
// metric k (a latency) when the block is fixed at a position — beside the block's
// directly measured time, per position: the Spearman correlation over the position's
// blocks (do both rank the blocks alike?), the spread of each (max - min over blocks,
// ms: does profiling see differences of the right size?), and their mean offset. It
// returns an error for a position where the correlation is undefined (fewer than two
// measured blocks, or all inferred or all measured values equal).
func (r *Result) TruthFrame(k int, truth BlockTruth) (dataframe.DataFrame, error) {
	type pos struct{ s, l int }
	byPos := map[pos][2][]float64{}
	var order []pos
	for _, g := range r.Groups {
		if g.Fix == nil {
			continue
		}
		ms, ok := truth.MS[*g.Fix]
		if !ok {
			continue
		}
		p := pos{g.Fix.Stage, g.Fix.Layer}
		if _, seen := byPos[p]; !seen {
			order = append(order, p)
		}
		v := byPos[p]
		v[0], v[1] = append(v[0], g.Stats[k].Shift), append(v[1], ms)
		byPos[p] = v
	}
	var names []string
	var blocks []int
	var rho, inferred, measured, offset []float64
	for _, p := range order {
		v := byPos[p]
		names, blocks = append(names, fmt.Sprintf("s%dl%d", p.s, p.l)), append(blocks, len(v[0]))
		srcc, err := stats.SpearmanRho(v[0], v[1])
		if err != nil {
			return dataframe.DataFrame{}, fmt.Errorf("profile: truth at stage %d layer %d (%d blocks): %w", p.s, p.l, len(v[0]), err)
		}
		rho = append(rho, srcc)
		inferred, measured = append(inferred, stats.Spread(v[0])), append(measured, stats.Spread(v[1]))
		offset = append(offset, stat.Mean(v[0], nil)-stat.Mean(v[1], nil))
	}
	return dataframe.New(series.New(names, series.String, "position"), series.New(blocks, series.Int, "blocks"),
		series.New(rho, series.Float, "srcc"), series.New(inferred, series.Float, "inferred_spread_ms"),
		series.New(measured, series.Float, "measured_spread_ms"), series.New(offset, series.Float, "mean_shift_minus_block_ms")), nil
}

// TruthPairs returns, for every fix with a measured block time, the inferred shift of
// metric k and the measured time: the scatter behind TruthFrame.
func (r *Result) TruthPairs(k int, truth BlockTruth) (shift, measured []float64) {
	for _, g := range r.Groups {
		if g.Fix == nil {
			continue
		}
		if ms, ok := truth.MS[*g.Fix]; ok && !math.IsNaN(g.Stats[k].Shift) {
			shift, measured = append(shift, g.Stats[k].Shift), append(measured, ms)
		}
	}
	return shift, measured
}

// PresentFrame lists, per position, the mean fraction of a position's fix groups whose
// networks hold the fixed block: 1 everywhere under arch.DeepenToInclude.
func (r *Result) PresentFrame() dataframe.DataFrame {
	type pos struct{ s, l int }
	sum, cnt := map[pos]float64{}, map[pos]int{}
	var order []pos
	for _, g := range r.Groups {
		if g.Fix == nil {
			continue
		}
		p := pos{g.Fix.Stage, g.Fix.Layer}
		if cnt[p] == 0 {
			order = append(order, p)
		}
		sum[p] += g.Present
		cnt[p]++
	}
	slices.SortFunc(order, func(a, b pos) int { return (a.s*10 + a.l) - (b.s*10 + b.l) })
	var names []string
	var frac []float64
	for _, p := range order {
		names, frac = append(names, fmt.Sprintf("s%dl%d", p.s, p.l)), append(frac, sum[p]/float64(cnt[p]))
	}
	return dataframe.New(series.New(names, series.String, "position"), series.New(frac, series.Float, "present"))
}
