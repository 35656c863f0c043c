package profile

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"

	"gonum.org/v1/gonum/stat"

	"github.com/nasanalysis/nasanalysis/nasanalysis/arch"
	"github.com/nasanalysis/nasanalysis/nasanalysis/stats"
)

// Metric returns the index of a metric by name.
func (r *Result) Metric(name string) (int, error) {
	k := slices.Index(r.Names, name)
	if k < 0 {
		return 0, fmt.Errorf("the profile has no metric %q (it has %v)", name, r.Names)
	}
	return k, nil
}

// blockGroups returns, per block of the space (arch.Blocks order), the fix groups with
// that block, restricted to one position when stage >= 0.
func (r *Result) blockGroups(stage, layer int) ([]arch.Block, [][]*Group) {
	blocks, _ := arch.Blocks(r.Space)
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

// BlockMean is one block's mean of a metric over the networks that fix it.
type BlockMean struct {
	arch.Block
	Mean, SE float64 // standard error of the mean
	N        int
}

// Response is the block response of metric k: each block's mean over the networks
// that fix it, at every position pooled (stage < 0) or at (stage, layer).
func (r *Result) Response(k, stage, layer int) []BlockMean {
	blocks, groups := r.blockGroups(stage, layer)
	out := make([]BlockMean, len(blocks))
	for i, b := range blocks {
		v := pooled(groups[i], k)
		out[i] = BlockMean{Block: b, N: len(v), Mean: math.NaN(), SE: math.NaN()}
		if len(v) > 1 {
			m, sd := stat.MeanStdDev(v, nil)
			out[i].Mean, out[i].SE = m, sd/math.Sqrt(float64(len(v)))
		}
	}
	return out
}

// ResponseGrid lays a response out for a heatmap: rows are expand ratios, columns
// kernel sizes (one column, "any", for OFA-ResNet50).
func ResponseGrid(resp []BlockMean) (rows, cols []string, values [][]float64) {
	var es []float64
	var ks []int
	for _, b := range resp {
		if !slices.Contains(es, b.Expand) {
			es = append(es, b.Expand)
		}
		if !slices.Contains(ks, b.Kernel) {
			ks = append(ks, b.Kernel)
		}
	}
	for _, e := range es {
		rows = append(rows, fmt.Sprintf("e%g", e))
		values = append(values, slices.Repeat([]float64{math.NaN()}, len(ks)))
	}
	for _, k := range ks {
		if k == 0 {
			cols = append(cols, "any kernel")
		} else {
			cols = append(cols, fmt.Sprintf("k%d", k))
		}
	}
	for _, b := range resp {
		values[slices.Index(es, b.Expand)][slices.Index(ks, b.Kernel)] = b.Mean
	}
	return rows, cols, values
}

// Position is the placement impact of one position on a metric: how far apart the
// means of its best and worst block lie (with a 95 % bootstrap interval), and which
// blocks those are (lowest and highest mean).
type Position struct {
	Stage, Layer int
	Spread       stats.Interval
	Low, High    arch.Block
}

// Placement returns the placement impact of metric k at every position, in stage and
// layer order. It returns an error when a position's spread interval cannot be drawn
// (see stats.BootstrapGroups).
func (r *Result) Placement(k int) ([]Position, error) {
	var out []Position
	seen := map[[2]int]bool{}
	for _, g := range r.Groups {
		if g.Fix == nil || seen[[2]int{g.Fix.Stage, g.Fix.Layer}] {
			continue
		}
		s, l := g.Fix.Stage, g.Fix.Layer
		seen[[2]int{s, l}] = true
		blocks, groups := r.blockGroups(s, l)
		var samples [][]float64
		var present []arch.Block
		for i, gs := range groups {
			if len(gs) > 0 {
				samples, present = append(samples, pooled(gs, k)), append(present, blocks[i])
			}
		}
		rng := rand.New(rand.NewPCG(r.Seed, uint64(1000+100*s+l)))
		iv, err := stats.BootstrapGroups(samples, stats.Spread, r.Bootstrap, 0.95, rng)
		if err != nil {
			return nil, fmt.Errorf("profile: placement spread at stage %d layer %d: %w", s, l, err)
		}
		p := Position{Stage: s, Layer: l, Spread: iv}
		lo, hi := math.Inf(1), math.Inf(-1)
		for i, v := range samples {
			m := stat.Mean(v, nil)
			if m < lo {
				lo, p.Low = m, present[i]
			}
			if m > hi {
				hi, p.High = m, present[i]
			}
		}
		out = append(out, p)
	}
	return out, nil
}

// PlacementGrid lays placement spreads out as stage x layer (NaN where a stage has no
// such layer).
func PlacementGrid(ps []Position) (rows, cols []string, values [][]float64) {
	stages, layers := 0, 0
	for _, p := range ps {
		stages, layers = max(stages, p.Stage+1), max(layers, p.Layer+1)
	}
	for s := range stages {
		rows = append(rows, fmt.Sprintf("stage %d", s))
		values = append(values, slices.Repeat([]float64{math.NaN()}, layers))
	}
	for l := range layers {
		cols = append(cols, fmt.Sprintf("layer %d", l))
	}
	for _, p := range ps {
		values[p.Stage][p.Layer] = p.Spread.Estimate
	}
	return rows, cols, values
}
