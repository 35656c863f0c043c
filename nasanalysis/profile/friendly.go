package profile

import (
	"math"

	"gonum.org/v1/gonum/stat"

	"github.com/nasanalysis/nasanalysis/nasanalysis/arch"
)

// BlockScore puts a block's accuracy gained beside its latency paid on one device, each
// pooled over every position the block was fixed at and measured against the baseline:
// AccShift in accuracy points, LatShift in % of the baseline's mean latency, each with
// its standard error. Friendliness is accuracy points per 1 % of latency (large is
// friendly; NaN when the latency shift is within its noise, where the ratio means
// nothing). DominatedBy names another block at least as accurate and at most as slow,
// and better in one of the two beyond noise (1.96 combined standard errors); a
// dominated block is one the device should drop.
type BlockScore struct {
	arch.Block
	AccShift, AccSE, LatShift, LatSE float64
	Friendliness                     float64
	DominatedBy                      []arch.Block
}

// Friendliness scores every block of the space on the device whose latency is metric
// lat, with accuracy metric acc.
func (r *Result) Friendliness(acc, lat int) []BlockScore {
	blocks, groups := r.blockGroups(-1, 0)
	baseAcc, baseLat := stat.Mean(r.Baseline.Values[acc], nil), stat.Mean(r.Baseline.Values[lat], nil)
	out := make([]BlockScore, len(blocks))
	for i, b := range blocks {
		a, l := pooled(groups[i], acc), pooled(groups[i], lat)
		am, asd := stat.MeanStdDev(a, nil)
		lm, lsd := stat.MeanStdDev(l, nil)
		s := BlockScore{Block: b, AccShift: am - baseAcc, AccSE: asd / math.Sqrt(float64(len(a))),
			LatShift: 100 * (lm - baseLat) / baseLat, LatSE: 100 * lsd / math.Sqrt(float64(len(l))) / baseLat}
		s.Friendliness = math.NaN()
		if math.Abs(s.LatShift) > 1.96*s.LatSE {
			s.Friendliness = s.AccShift / s.LatShift
		}
		out[i] = s
	}
	for i := range out {
		for j := range out {
			if i != j && dominates(out[j], out[i]) {
				out[i].DominatedBy = append(out[i].DominatedBy, out[j].Block)
			}
		}
	}
	return out
}

// dominates: b is no less accurate and no slower than a within noise, and better in
// one beyond it.
func dominates(b, a BlockScore) bool {
	tolAcc := 1.96 * math.Hypot(a.AccSE, b.AccSE)
	tolLat := 1.96 * math.Hypot(a.LatSE, b.LatSE)
	gainAcc, saveLat := b.AccShift-a.AccShift, a.LatShift-b.LatShift
	return gainAcc >= -tolAcc && saveLat >= -tolLat && (gainAcc > tolAcc || saveLat > tolLat)
}

// Drop lists the dominated blocks of a scoring: the reduced space's dropped blocks.
func Drop(scores []BlockScore) []arch.Block {
	var out []arch.Block
	for _, s := range scores {
		if len(s.DominatedBy) > 0 {
			out = append(out, s.Block)
		}
	}
	return out
}
