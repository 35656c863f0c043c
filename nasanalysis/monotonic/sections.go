package monotonic

import (
	"fmt"
	"math"
	"slices"
	"sort"
	"strings"

	"github.com/go-gota/gota/dataframe"
	"github.com/go-gota/gota/series"

	"github.com/nasanalysis/nasanalysis/nasanalysis/arch"
	"github.com/nasanalysis/nasanalysis/nasanalysis/data"
	"github.com/nasanalysis/nasanalysis/nasanalysis/prose"
	"github.com/nasanalysis/nasanalysis/nasanalysis/stats"
)

// This file holds the first sections of the monotonicity study (notebook 02): device
// agreement with intervals, batch sizes and input resolutions. Each section has one
// function returning a typed result and one sentence builder stating its finding.

// IntervalAgreement is how well the devices of a table agree, with uncertainty: the
// Spearman matrix with bootstrap intervals, Kendall's tau-b beside it, and how the
// pairs stand against a threshold.
type IntervalAgreement struct {
	Cells        int
	Threshold    float64
	Spearman     Matrix
	Kendall      [][]float64
	KendallBelow int // pairs whose tau-b is below their rho
	Summary      CISummary
	// Pairs whose whole interval lies at or above the threshold, and below it; the
	// others are undecided by these cells.
	SureAbove, SureBelow int
}

// AgreementWithIntervals computes the Spearman matrix of t with percentile-bootstrap
// intervals (CorrelationCI: resamples resamples at 95 %, seed), Kendall's tau-b, and
// how the pairs stand against threshold.
func AgreementWithIntervals(t *data.LatencyTable, resamples int, seed uint64, threshold float64) (IntervalAgreement, error) {
	sp, err := CorrelationCI(t, stats.Spearman, resamples, 0.95, seed, nil)
	if err != nil {
		return IntervalAgreement{}, fmt.Errorf("%s: %w", t.Path, err)
	}
	kt, err := stats.CorrelationMatrix(t.Latency, stats.Kendall)
	if err != nil {
		return IntervalAgreement{}, fmt.Errorf("%s: Kendall's tau-b: %w", t.Path, err)
	}
	s, err := sp.Summary(threshold)
	if err != nil {
		return IntervalAgreement{}, fmt.Errorf("%s: %w", t.Path, err)
	}
	a := IntervalAgreement{Cells: t.Len(), Threshold: threshold, Spearman: sp, Kendall: kt, Summary: s}
	for i := range kt {
		for j := i + 1; j < len(kt); j++ {
			if kt[i][j] < sp.Value[i][j] {
				a.KendallBelow++
			}
			switch {
			case sp.Lo[i][j] >= threshold:
				a.SureAbove++
			case sp.Hi[i][j] < threshold:
				a.SureBelow++
			}
		}
	}
	return a, nil
}

// WidePairWidth is the interval width from which a pair's SRCC counts as not well
// determined by the cells: a tenth of the correlation scale.
const WidePairWidth = 0.1

// Sentence states how many pairs reach the threshold, how many of them surely do by
// their intervals, and whether the intervals are narrow (all below WidePairWidth).
func (a IntervalAgreement) Sentence() string {
	s := a.Summary
	spread := fmt.Sprintf("The 95 %% intervals are narrow (median width %s, widest %s): with %s cells the ranking of device pairs is well determined.",
		prose.Num(s.MedianWidth), prose.Num(s.MaxWidth), prose.Num(a.Cells))
	if s.MaxWidth >= WidePairWidth {
		spread = fmt.Sprintf("The 95 %% intervals have a median width of %s, but the widest is %s: some pairs are not well determined by these %s cells.",
			prose.Num(s.MedianWidth), prose.Num(s.MaxWidth), prose.Num(a.Cells))
	}
	undecided := s.Pairs - a.SureAbove - a.SureBelow
	return fmt.Sprintf("%s of %s device pairs reach SRCC ≥ %s; by their 95 %% intervals %s surely do, %s surely do not, and %s straddle the threshold. %s",
		prose.Num(s.AtLeast), prose.Num(s.Pairs), prose.Num(a.Threshold), prose.Num(a.SureAbove), prose.Num(a.SureBelow), prose.Num(undecided), spread)
}

// BatchPair compares one piece of hardware at two batch sizes.
type BatchPair struct {
	Hardware          string
	A, B              string // device columns, batch A below batch B
	BatchA, BatchB    int
	Spearman, Kendall float64
}

// BatchPairs compares the batch sizes of each piece of hardware in t (devs from
// data.LoadDevices, in t's column order): one pair per two configurations of one
// hardware, smaller batch first, hardware in order of first appearance.
func BatchPairs(t *data.LatencyTable, devs []data.Device) ([]BatchPair, error) {
	if len(devs) != len(t.Devices) {
		return nil, fmt.Errorf("%s: %d devices described for %d columns", t.Path, len(devs), len(t.Devices))
	}
	byHW := map[string][]int{}
	var order []string
	for d, dev := range devs {
		if dev.Name != t.Devices[d] {
			return nil, fmt.Errorf("%s: column %d is %s, described as %s", t.Path, d, t.Devices[d], dev.Name)
		}
		if _, ok := byHW[dev.Hardware]; !ok {
			order = append(order, dev.Hardware)
		}
		byHW[dev.Hardware] = append(byHW[dev.Hardware], d)
	}
	var out []BatchPair
	for _, h := range order {
		ds := byHW[h]
		sort.SliceStable(ds, func(i, j int) bool { return devs[ds[i]].Batch < devs[ds[j]].Batch })
		for x := 0; x < len(ds); x++ {
			for y := x + 1; y < len(ds); y++ {
				i, j := ds[x], ds[y]
				p := BatchPair{Hardware: h, A: devs[i].Name, B: devs[j].Name, BatchA: devs[i].Batch, BatchB: devs[j].Batch}
				var err error
				if p.Spearman, err = stats.SpearmanRho(t.Latency[i], t.Latency[j]); err != nil {
					return nil, fmt.Errorf("%s: %s vs %s: %w", t.Path, p.A, p.B, err)
				}
				if p.Kendall, err = stats.KendallTauB(t.Latency[i], t.Latency[j]); err != nil {
					return nil, fmt.Errorf("%s: %s vs %s: %w", t.Path, p.A, p.B, err)
				}
				out = append(out, p)
			}
		}
	}
	return out, nil
}

// FromBatch keeps the pairs whose smaller batch is batch.
func FromBatch(ps []BatchPair, batch int) []BatchPair {
	var out []BatchPair
	for _, p := range ps {
		if p.BatchA == batch {
			out = append(out, p)
		}
	}
	return out
}

// BatchPairsFrame lists pairs as rows hardware, device_a, device_b, batch_a, batch_b,
// spearman, kendall.
func BatchPairsFrame(ps []BatchPair) dataframe.DataFrame {
	var hw, da, db []string
	var ba, bb []int
	var sr, kt []float64
	for _, p := range ps {
		hw, da, db = append(hw, p.Hardware), append(da, p.A), append(db, p.B)
		ba, bb, sr, kt = append(ba, p.BatchA), append(bb, p.BatchB), append(sr, p.Spearman), append(kt, p.Kendall)
	}
	return dataframe.New(series.New(hw, series.String, "hardware"), series.New(da, series.String, "device_a"),
		series.New(db, series.String, "device_b"), series.New(ba, series.Int, "batch_a"), series.New(bb, series.Int, "batch_b"),
		series.New(sr, series.Float, "spearman"), series.New(kt, series.Float, "kendall"))
}

// BatchRange is a dataset's least and most monotone batch pairs.
type BatchRange struct {
	Dataset   string
	Low, High BatchPair
}

// BatchRangeOf finds the pairs of ps with the lowest and highest SRCC.
func BatchRangeOf(dataset string, ps []BatchPair) (BatchRange, error) {
	if len(ps) == 0 {
		return BatchRange{}, fmt.Errorf("%s: no hardware at two batch sizes", dataset)
	}
	r := BatchRange{Dataset: dataset, Low: ps[0], High: ps[0]}
	for _, p := range ps[1:] {
		if p.Spearman < r.Low.Spearman {
			r.Low = p
		}
		if p.Spearman > r.High.Spearman {
			r.High = p
		}
	}
	return r, nil
}

// WorstBatch is the range with the least monotone pair of all.
func WorstBatch(rs []BatchRange) BatchRange {
	w := rs[0]
	for _, r := range rs[1:] {
		if r.Low.Spearman < w.Low.Spearman {
			w = r
		}
	}
	return w
}

// BatchSentence states each dataset's range of batch-pair SRCC and whether a GPU ranks
// architectures alike at all its batch sizes (every pair at threshold or above).
func BatchSentence(rs []BatchRange, threshold float64) string {
	var parts []string
	for _, r := range rs {
		parts = append(parts, fmt.Sprintf("on `%s` from %s (%s, batch %d vs %d) to %s", r.Dataset, prose.Num(r.Low.Spearman), r.Low.Hardware, r.Low.BatchA, r.Low.BatchB, prose.Num(r.High.Spearman)))
	}
	verdict := "so a proxy measured at one batch size can rank architectures quite differently from the same GPU at another"
	if len(rs) > 0 && WorstBatch(rs).Low.Spearman >= threshold {
		verdict = fmt.Sprintf("so every GPU ranks architectures alike at all its batch sizes (SRCC ≥ %s)", prose.Num(threshold))
	}
	return fmt.Sprintf("Batch %d against the larger batches of the same GPU: SRCC %s; %s.", batchOf(rs), strings.Join(parts, ", "), verdict)
}

func batchOf(rs []BatchRange) int {
	if len(rs) == 0 {
		return 1
	}
	return rs[0].Low.BatchA
}

// ResolutionBand is how well the devices agree over the sub-networks whose input
// resolution lies in [Lo, Hi] px.
type ResolutionBand struct {
	Name       string
	Lo, Hi     int
	N          int     // sub-networks in the band
	MedianPair float64 // median of the pairwise SRCC (mean of the middle two for an even count)
	LowestPair float64
}

// ResolutionBands are the bands ResolutionAgreement splits OFA-MobileNetV3 into.
var ResolutionBands = []ResolutionBand{{Name: "128-156", Lo: 128, Hi: 156}, {Name: "160-188", Lo: 160, Hi: 188}, {Name: "192-224", Lo: 192, Hi: 224}}

// ResolutionResult is ResolutionAgreement's answer: the bands, every resolution
// together, and how strongly resolution alone orders each device's latencies.
type ResolutionResult struct {
	Bands          []ResolutionBand
	All            ResolutionBand
	Devices        []string
	WithResolution []float64 // SRCC of input resolution with latency, per device
}

// ResolutionAgreement splits t's OFA-MobileNetV3 sub-networks by input resolution
// (ResolutionBands) and reports, per band and over all resolutions, the median and
// lowest pairwise SRCC of the devices, and each device's SRCC of latency with
// resolution.
func ResolutionAgreement(t *data.LatencyTable) (ResolutionResult, error) {
	res := make([]float64, t.Len())
	for i, a := range t.Parsed {
		m, ok := a.(arch.MBArch)
		if !ok {
			return ResolutionResult{}, fmt.Errorf("%s: resolution agreement needs OFA-MobileNetV3 sub-networks, not %s", t.Path, t.Dataset.Space)
		}
		res[i] = float64(m.R)
	}
	band := func(b ResolutionBand) (ResolutionBand, error) {
		var idx []int
		for i, r := range res {
			if r >= float64(b.Lo) && r <= float64(b.Hi) {
				idx = append(idx, i)
			}
		}
		b.N = len(idx)
		sub := t.Rows(idx)
		a, err := AgreementOf(sub)
		if err != nil {
			return b, fmt.Errorf("resolutions %s (%d sub-networks): %w", b.Name, len(idx), err)
		}
		if len(a.Pairs) == 0 {
			return b, fmt.Errorf("resolutions %s: fewer than two devices", b.Name)
		}
		b.MedianPair, b.LowestPair = a.Median(), a.Pairs[0].Value
		return b, nil
	}
	out := ResolutionResult{Devices: t.Devices}
	for _, b := range ResolutionBands {
		got, err := band(b)
		if err != nil {
			return ResolutionResult{}, err
		}
		out.Bands = append(out.Bands, got)
	}
	var err error
	if out.All, err = band(ResolutionBand{Name: "all", Lo: 0, Hi: math.MaxInt}); err != nil {
		return ResolutionResult{}, err
	}
	for d := range t.Devices {
		rho, err := stats.SpearmanRho(res, t.Latency[d])
		if err != nil {
			return ResolutionResult{}, fmt.Errorf("%s: %s: SRCC with resolution: %w", t.Path, t.Devices[d], err)
		}
		out.WithResolution = append(out.WithResolution, rho)
	}
	return out, nil
}

// BandsFrame lists the bands and then "all": resolution, n, median_pair_srcc,
// lowest_pair_srcc.
func (r ResolutionResult) BandsFrame() dataframe.DataFrame {
	var name []string
	var n []int
	var med, low []float64
	for _, b := range append(slices.Clone(r.Bands), r.All) {
		name, n, med, low = append(name, b.Name), append(n, b.N), append(med, b.MedianPair), append(low, b.LowestPair)
	}
	return dataframe.New(series.New(name, series.String, "resolution"), series.New(n, series.Int, "n"),
		series.New(med, series.Float, "median_pair_srcc"), series.New(low, series.Float, "lowest_pair_srcc"))
}

// DevicesFrame lists device, srcc_with_resolution.
func (r ResolutionResult) DevicesFrame() dataframe.DataFrame {
	return dataframe.New(series.New(r.Devices, series.String, "device"), series.New(r.WithResolution, series.Float, "srcc_with_resolution"))
}

// Sentence compares the bands' median and lowest pairs with those over all
// resolutions: better within every band, less well within every band, or mixed.
func (r ResolutionResult) Sentence() string {
	var med, low []float64
	for _, b := range r.Bands {
		med, low = append(med, b.MedianPair), append(low, b.LowestPair)
	}
	mLo, mHi := slices.Min(med), slices.Max(med)
	lLo, lHi := slices.Min(low), slices.Max(low)
	better := bandWord(mLo, mHi, r.All.MedianPair, "agree better within a band than over all resolutions",
		"agree less well within a band than over all resolutions", "agree better within some bands and less well within others")
	lowWord := bandWord(lLo, lHi, r.All.LowestPair, "rises in every band", "falls in every band", "rises in some bands and not in others")
	return fmt.Sprintf("Within a resolution band the median pair has SRCC %s, against %s over all resolutions: the GPUs %s. The least monotone pair %s: %s within the bands against %s over all resolutions. Resolution alone orders each configuration's latencies with SRCC %s.",
		prose.Interval(mLo, mHi), prose.Num(r.All.MedianPair), better, lowWord, prose.Interval(lLo, lHi), prose.Num(r.All.LowestPair),
		prose.Interval(slices.Min(r.WithResolution), slices.Max(r.WithResolution)))
}

// LeastFrame lists the pairs least monotone first: device_a, device_b, spearman, lo, hi.
func (a IntervalAgreement) LeastFrame() dataframe.DataFrame {
	return a.Spearman.Frame().Arrange(dataframe.Sort(string(a.Spearman.Method)))
}

// bandWord words how the bands' values, from lo to hi, stand to the value over all
// resolutions: every band above it, every band below it, or some of each.
func bandWord(lo, hi, all float64, above, below, mixed string) string {
	switch {
	case hi < all:
		return below
	case lo <= all:
		return mixed
	}
	return above
}
