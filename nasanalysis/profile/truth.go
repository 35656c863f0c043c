package profile

import (
	"fmt"
	"math"
	"math/rand/v2"
	"path/filepath"
	"slices"

	"github.com/go-gota/gota/dataframe"
	"github.com/go-gota/gota/series"
	"gonum.org/v1/gonum/stat"

	"github.com/nasanalysis/nasanalysis/nasanalysis/arch"
	"github.com/nasanalysis/nasanalysis/nasanalysis/data"
	"github.com/nasanalysis/nasanalysis/nasanalysis/latency"
	"github.com/nasanalysis/nasanalysis/nasanalysis/prose"
	"github.com/nasanalysis/nasanalysis/nasanalysis/stats"
)

// BlockTruth is the directly measured time of each block fix: the mean, over the
// networks of a per-block file that hold that block at that position, of the block's
// own profiled time (ms), and how many networks that mean rests on.
type BlockTruth struct {
	MS map[arch.Fix]float64
	N  map[arch.Fix]int
	// Networks and Rows count the file's networks and its rows (every block of every
	// network, stem and head included); File is the file's name when ReadTruth read it.
	Networks, Rows int
	File           string
	// Scaled says the block times were scaled to their networks' paired-protocol times
	// (ReadTruthScaled).
	Scaled bool
}

// TruthFromBlocks averages a per-block file (`measure --per-block`) by position and
// block; stem, first and head rows are not searchable blocks and are left out.
func TruthFromBlocks(recs []latency.BlockRecord) BlockTruth {
	t := BlockTruth{MS: map[arch.Fix]float64{}, N: map[arch.Fix]int{}, Rows: len(recs)}
	nets := map[string]bool{}
	for _, r := range recs {
		nets[r.Arch] = true
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
	t.Networks = len(nets)
	return t
}

// ReadTruth reads a per-block file (latency.ReadBlocks) and averages it (TruthFromBlocks).
func ReadTruth(path string) (BlockTruth, error) {
	recs, err := latency.ReadBlocks(path)
	if err != nil {
		return BlockTruth{}, err
	}
	t := TruthFromBlocks(recs)
	t.File = filepath.Base(path)
	return t, nil
}

// ReadTruthScaled reads a per-block file and the end-to-end file of its networks and
// averages the blocks on the end-to-end file's scale (latency.ScaleBlocks: under the
// paired protocol, each network's blocks scaled to its calm-host time).
func ReadTruthScaled(blocksPath, netsPath string) (BlockTruth, error) {
	recs, err := latency.ReadBlocks(blocksPath)
	if err != nil {
		return BlockTruth{}, err
	}
	nets, err := latency.ReadMeasured(netsPath, arch.OFAMBv3)
	if err != nil {
		return BlockTruth{}, err
	}
	if recs, err = latency.ScaleBlocks(recs, nets); err != nil {
		return BlockTruth{}, err
	}
	t := TruthFromBlocks(recs)
	t.File, t.Scaled = filepath.Base(blocksPath), nets.Paired()
	return t, nil
}

// ProjectTruth is ReadTruthScaled on the project's files (datasets/ort-ofa-mbv3-r160-blocks.csv
// and datasets/ort-ofa-mbv3-r160.csv).
func ProjectTruth() (BlockTruth, error) {
	blocks, err := data.ProjectFile(latency.BlocksFile)
	if err != nil {
		return BlockTruth{}, err
	}
	nets, err := data.ProjectFile(latency.MeasuredFile)
	if err != nil {
		return BlockTruth{}, err
	}
	return ReadTruthScaled(blocks, nets)
}

// DataLine states what the per-block file (in the project's datasets/) holds, as
// Sample.DataLine does.
func (t BlockTruth) DataLine() (dataset string, n int, unit, note string) {
	scale := ""
	if t.Scaled {
		scale = ", scaled to each network's paired-protocol time"
	}
	return "datasets/" + t.File, t.Networks, "networks",
		fmt.Sprintf("every block's own time inside the network, ONNX Runtime's per-node profiler, 160 px%s; %s block rows", scale, prose.Num(t.Rows))
}

// TruthPosition sets, at one position, what end-to-end profiling infers about its blocks
// beside their measured own times: the Spearman correlation over the position's blocks
// (do both rank them alike?), the spread of each (max - min over blocks, ms: does
// profiling see differences of the right size?), and the mean offset of inferred shift
// minus block time with its standard error (from the shifts' 95 % intervals).
type TruthPosition struct {
	Stage, Layer, Blocks           int
	SRCC                           float64
	InferredSpread, MeasuredSpread float64
	Offset, OffsetSE               float64
}

// TruthComparison sets what end-to-end profiling infers about each block fix — the shift
// of a latency metric when the block is fixed at a position — beside the block's own
// time measured per node (BlockTruth).
type TruthComparison struct {
	Sample
	Metric string
	// Shift and Measured are, for every fix with a measured time, its inferred shift and
	// the block's measured time (ms), in profile order.
	Shift, Measured []float64
	// SRCC is their Spearman correlation over the fixes with a percentile-bootstrap
	// interval of Bootstrap resamples.
	SRCC      stats.Interval
	Bootstrap int
	Positions []TruthPosition
	// OffsetByLayer is the mean offset over the positions at each layer (NaN at a layer
	// without a measured block).
	OffsetByLayer []float64
	// DeepMinusShallow is the mean offset at layers 2-3 minus that at layers 0-1, with
	// a 95 % normal interval propagated from the shifts' intervals: a fix at layers 2-3
	// also deepens its stage, which should add time the block itself does not take.
	DeepMinusShallow stats.Interval
	// MedianShiftWidth is the median width of the fixes' shift intervals and
	// MedianMeasuredSpread the median over positions of the measured spread: profiling
	// resolves a position's blocks only when the first is well below the second.
	MedianShiftWidth, MedianMeasuredSpread float64
	// TruthNetworks is how many networks the per-block file holds, TruthMinN and
	// TruthMaxN the fewest and most a block's measured time rests on.
	TruthNetworks, TruthMinN, TruthMaxN int
}

// CompareTruth compares the named latency metric's profile with the measured block
// times; the correlation over fixes is bootstrapped b times with rng (nil is an error,
// stats.ErrNilRand).
func (r *Result) CompareTruth(metric string, truth BlockTruth, b int, rng *rand.Rand) (TruthComparison, error) {
	k, err := r.metricIndex(metric)
	if err != nil {
		return TruthComparison{}, err
	}
	tc := TruthComparison{Sample: r.Sample(), Metric: metric, Bootstrap: b, TruthNetworks: truth.Networks, TruthMinN: math.MaxInt}
	for _, n := range truth.N {
		tc.TruthMinN, tc.TruthMaxN = min(tc.TruthMinN, n), max(tc.TruthMaxN, n)
	}
	type pos struct{ s, l int }
	type fix struct{ shift, se, ms float64 }
	byPos := map[pos][]fix{}
	var order []pos
	var widths []float64
	for _, g := range r.Groups {
		if g.Fix == nil {
			continue
		}
		st := g.Stats[k]
		widths = append(widths, st.ShiftHi-st.ShiftLo)
		ms, ok := truth.MS[*g.Fix]
		if !ok || math.IsNaN(st.Shift) {
			continue
		}
		tc.Shift, tc.Measured = append(tc.Shift, st.Shift), append(tc.Measured, ms)
		p := pos{g.Fix.Stage, g.Fix.Layer}
		if _, seen := byPos[p]; !seen {
			order = append(order, p)
		}
		byPos[p] = append(byPos[p], fix{st.Shift, (st.ShiftHi - st.ShiftLo) / (2 * z95), ms})
	}
	if len(tc.Shift) == 0 {
		return TruthComparison{}, fmt.Errorf("profile: no fix of the profile has a measured block time")
	}
	if tc.SRCC, err = stats.BootstrapCorrelation(tc.Shift, tc.Measured, stats.Spearman, b, level, rng); err != nil {
		return TruthComparison{}, fmt.Errorf("profile: correlation of %s's shifts with the measured block times: %w", metric, err)
	}
	var measuredSpreads []float64
	offsets := map[bool][]float64{} // deep (layers 2-3) or not
	variances := map[bool]float64{}
	byLayer := map[int][]float64{}
	for _, p := range order {
		fs := byPos[p]
		var shift, ms []float64
		v := 0.0
		for _, f := range fs {
			shift, ms = append(shift, f.shift), append(ms, f.ms)
			v += f.se * f.se
		}
		tp := TruthPosition{Stage: p.s, Layer: p.l, Blocks: len(fs), SRCC: math.NaN(),
			InferredSpread: stats.Spread(shift), MeasuredSpread: stats.Spread(ms),
			Offset: stat.Mean(shift, nil) - stat.Mean(ms, nil), OffsetSE: math.Sqrt(v) / float64(len(fs))}
		if len(fs) > 1 {
			if tp.SRCC, err = stats.SpearmanRho(shift, ms); err != nil {
				return TruthComparison{}, fmt.Errorf("profile: truth at s%dl%d (%d blocks): %w", p.s, p.l, len(fs), err)
			}
		}
		tc.Positions = append(tc.Positions, tp)
		measuredSpreads = append(measuredSpreads, tp.MeasuredSpread)
		deep := p.l >= 2
		offsets[deep] = append(offsets[deep], tp.Offset)
		variances[deep] += tp.OffsetSE * tp.OffsetSE
		byLayer[p.l] = append(byLayer[p.l], tp.Offset)
	}
	for l := range maxKey(byLayer) + 1 {
		tc.OffsetByLayer = append(tc.OffsetByLayer, math.NaN())
		if len(byLayer[l]) > 0 {
			tc.OffsetByLayer[l] = stat.Mean(byLayer[l], nil)
		}
	}
	tc.DeepMinusShallow = stats.Interval{Estimate: math.NaN(), Lo: math.NaN(), Hi: math.NaN(), Level: level}
	if nd, ns := len(offsets[true]), len(offsets[false]); nd > 0 && ns > 0 {
		se := math.Hypot(math.Sqrt(variances[true])/float64(nd), math.Sqrt(variances[false])/float64(ns))
		tc.DeepMinusShallow = stats.NormalInterval(stat.Mean(offsets[true], nil)-stat.Mean(offsets[false], nil), se, level)
	}
	if tc.MedianShiftWidth, err = stats.Quantile(widths, 0.5); err != nil {
		return TruthComparison{}, fmt.Errorf("profile: shift intervals of %s: %w", metric, err)
	}
	if tc.MedianMeasuredSpread, err = stats.Quantile(measuredSpreads, 0.5); err != nil {
		return TruthComparison{}, err
	}
	return tc, nil
}

// Frame lists the per-position comparison: blocks, srcc, inferred_spread_ms,
// measured_spread_ms and mean_shift_minus_block_ms with its standard error.
func (tc TruthComparison) Frame() dataframe.DataFrame {
	var names []string
	var blocks []int
	var rho, inferred, measured, offset, se []float64
	for _, p := range tc.Positions {
		names, blocks = append(names, fmt.Sprintf("s%dl%d", p.Stage, p.Layer)), append(blocks, p.Blocks)
		rho, inferred, measured = append(rho, p.SRCC), append(inferred, p.InferredSpread), append(measured, p.MeasuredSpread)
		offset, se = append(offset, p.Offset), append(se, p.OffsetSE)
	}
	return dataframe.New(series.New(names, series.String, "position"), series.New(blocks, series.Int, "blocks"),
		series.New(rho, series.Float, "srcc"), series.New(inferred, series.Float, "inferred_spread_ms"),
		series.New(measured, series.Float, "measured_spread_ms"), series.New(offset, series.Float, "mean_shift_minus_block_ms"),
		series.New(se, series.Float, "offset_se_ms"))
}

// medianSRCC and the other summaries of the positions, for the sentence builders.
func (tc TruthComparison) positionSummary() (medianSRCC, minSRCC, maxSRCC, medianRatio float64, larger int) {
	var rho, ratio []float64
	for _, p := range tc.Positions {
		if !math.IsNaN(p.SRCC) {
			rho = append(rho, p.SRCC)
		}
		ratio = append(ratio, p.InferredSpread/p.MeasuredSpread)
		if p.InferredSpread > p.MeasuredSpread {
			larger++
		}
	}
	medianSRCC, minSRCC, maxSRCC = math.NaN(), math.NaN(), math.NaN()
	if len(rho) > 0 {
		medianSRCC, _ = stats.Quantile(rho, 0.5)
		minSRCC, maxSRCC = slices.Min(rho), slices.Max(rho)
	}
	medianRatio, _ = stats.Quantile(ratio, 0.5)
	return medianSRCC, minSRCC, maxSRCC, medianRatio, larger
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

// maxKey is the largest key of a map keyed by layer (-1 for none).
func maxKey[V any](m map[int]V) int {
	k := -1
	for l := range m {
		k = max(k, l)
	}
	return k
}
