package profile

import (
	"fmt"
	"math"
	"strings"

	"github.com/go-gota/gota/dataframe"
	"github.com/go-gota/gota/series"
	"gonum.org/v1/gonum/stat"
	"gonum.org/v1/gonum/stat/distuv"

	"github.com/nasanalysis/nasanalysis/nasanalysis/arch"
	"github.com/nasanalysis/nasanalysis/nasanalysis/stats"
)

// z95 is the two-sided 95 % normal quantile: two shifts differ beyond noise when they
// differ by more than z95 of their combined standard errors.
var z95 = distuv.UnitNormal.Quantile((1 + level) / 2)

// BlockScore puts a block's accuracy gained beside the cost it adds on one device (its
// latency, or FLOPs), each pooled over every position the block was fixed at and
// measured against the baseline: AccShift in accuracy points, CostShift in % of the
// baseline's mean cost, each with its standard error. Friendliness is accuracy points
// per 1 % of cost (large is friendly; NaN when the cost shift is within its noise, where
// the ratio means nothing). DominatedBy names the blocks at least as accurate and at most
// as costly within noise (z95 combined standard errors) and better in one of the two
// beyond it; a dominated block is one the device should drop.
type BlockScore struct {
	arch.Block
	AccShift, AccSE, CostShift, CostSE float64
	Friendliness                       float64
	DominatedBy                        []arch.Block
}

// Friendliness scores every profiled block of the space on the device whose cost is the
// metric named cost, with the accuracy metric named accuracy.
func (r *Result) Friendliness(accuracy, cost string) ([]BlockScore, error) {
	acc, err := r.metricIndex(accuracy)
	if err != nil {
		return nil, err
	}
	lat, err := r.metricIndex(cost)
	if err != nil {
		return nil, err
	}
	blocks, groups := r.blockGroups(-1, 0)
	baseAcc, baseLat := stat.Mean(r.Baseline.Values[acc], nil), stat.Mean(r.Baseline.Values[lat], nil)
	var out []BlockScore
	for i, b := range blocks {
		if len(groups[i]) == 0 {
			continue
		}
		a, l := pooled(groups[i], acc), pooled(groups[i], lat)
		am, asd := stat.MeanStdDev(a, nil)
		lm, lsd := stat.MeanStdDev(l, nil)
		s := BlockScore{Block: b, AccShift: am - baseAcc, AccSE: asd / math.Sqrt(float64(len(a))),
			CostShift: 100 * (lm - baseLat) / baseLat, CostSE: 100 * lsd / math.Sqrt(float64(len(l))) / baseLat}
		s.Friendliness = math.NaN()
		if stats.NormalInterval(s.CostShift, s.CostSE, level).Sign() != 0 {
			s.Friendliness = s.AccShift / s.CostShift
		}
		out = append(out, s)
	}
	for i := range out {
		for j := range out {
			if i != j && dominates(out[j], out[i]) {
				out[i].DominatedBy = append(out[i].DominatedBy, out[j].Block)
			}
		}
	}
	return out, nil
}

// dominates: b is no less accurate and no costlier than a within noise, and better in
// one beyond it.
func dominates(b, a BlockScore) bool {
	tolAcc := z95 * math.Hypot(a.AccSE, b.AccSE)
	tolCost := z95 * math.Hypot(a.CostSE, b.CostSE)
	gainAcc, saveCost := b.AccShift-a.AccShift, a.CostShift-b.CostShift
	return gainAcc >= -tolAcc && saveCost >= -tolCost && (gainAcc > tolAcc || saveCost > tolCost)
}

// Reduction is one device's hardware-specific reduction of the space: every block's
// score (Friendliness) and the dominated blocks it drops, beside the paper's released
// reduction for that device when there is one (PaperReduction).
type Reduction struct {
	Sample
	Accuracy, Device    string // the metrics' names
	AccUnit, DeviceUnit string
	PerBlock            int // networks each block's shifts pool
	Scores              []BlockScore
	PaperDevice         string   // "" when the paper has no reduction for this device
	PaperDrop           []string // the blocks the paper's reduction drops
}

// Reduce scores the blocks on each device (a latency or FLOPs metric) against the
// accuracy metric and lists what each drops.
func (r *Result) Reduce(accuracy string, devices ...string) ([]Reduction, error) {
	acc, err := r.Response(accuracy)
	if err != nil {
		return nil, err
	}
	var out []Reduction
	for _, dev := range devices {
		scores, err := r.Friendliness(accuracy, dev)
		if err != nil {
			return nil, err
		}
		k, _ := r.metricIndex(dev)
		unit, _ := r.unit(k)
		red := Reduction{Sample: r.Sample(), Accuracy: accuracy, Device: dev, AccUnit: acc.Unit, DeviceUnit: unit, PerBlock: acc.PerBlock(), Scores: scores}
		red.PaperDevice, red.PaperDrop, _ = PaperReduction(dev)
		out = append(out, red)
	}
	return out, nil
}

// Drop lists the dominated blocks: the ones the reduced space leaves out.
func (red Reduction) Drop() []arch.Block {
	var out []arch.Block
	for _, s := range red.Scores {
		if len(s.DominatedBy) > 0 {
			out = append(out, s.Block)
		}
	}
	return out
}

// shiftUnit names the unit of a shift of a metric in unit u: points for a percentage.
func shiftUnit(u string) string {
	if u == "%" {
		return "pp"
	}
	return u
}

// Frame lists the scoring, one row per block, its columns named by the metrics: the
// accuracy shift (<accuracy>_shift_pp for a percentage) and its standard error, the
// device's shift in % of the baseline (<device>_shift_pct) and its standard error, their
// ratio and the dominating blocks.
func (red Reduction) Frame() dataframe.DataFrame {
	var blocks, dom []string
	var acc, accSE, cost, costSE, fr []float64
	for _, s := range red.Scores {
		blocks = append(blocks, s.Block.String())
		acc, accSE, cost, costSE = append(acc, s.AccShift), append(accSE, s.AccSE), append(cost, s.CostShift), append(costSE, s.CostSE)
		fr = append(fr, s.Friendliness)
		dom = append(dom, strings.Join(tokens(s.DominatedBy), " "))
	}
	au := shiftUnit(red.AccUnit)
	return dataframe.New(series.New(blocks, series.String, "block"),
		series.New(acc, series.Float, fmt.Sprintf("%s_shift_%s", red.Accuracy, au)), series.New(accSE, series.Float, red.Accuracy+"_se"),
		series.New(cost, series.Float, red.Device+"_shift_pct"), series.New(costSE, series.Float, red.Device+"_se"),
		series.New(fr, series.Float, au+"_per_pct"), series.New(dom, series.String, "dominated_by"))
}
