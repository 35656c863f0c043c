package designspace

import (
	"fmt"
	"math/rand/v2"
	"slices"

	"github.com/go-gota/gota/dataframe"
	"github.com/go-gota/gota/series"

	"github.com/nasanalysis/nasanalysis/nasanalysis/arch"
	"github.com/nasanalysis/nasanalysis/nasanalysis/data"
	"github.com/nasanalysis/nasanalysis/nasanalysis/latency"
	"github.com/nasanalysis/nasanalysis/nasanalysis/stats"
)

// The names of the quantities set against measured latency (rows of Measured.SRCC).
const (
	NameMeasured  = "measured (this machine)"
	NameNote10Own = "Note10 (own resolution)"
	NameMACs      = "MACs"
	NameParams    = "params"
	NameTop1      = "predicted top-1"
)

// Measured is section 4's first question, on datasets/ort-ofa-mbv3.csv (2,000 random
// ofa-mbv3 networks at 160–224 px timed on this machine): how measured latency ranks
// the networks against the Note10 table, MACs, parameters and predicted accuracy, over
// all networks and within each resolution.
type Measured struct {
	File      string
	N         int
	Disturbed int        // rows flagged disturbed by the drift reference
	Repeats   [2]float64 // fewest and most timed runs behind a row's median
	// Names are measured latency then the quantities compared with it; Cols their
	// values over the networks (ms, ms, millions, millions, %); Matrix their pairwise
	// SRCC.
	Names  []string
	Cols   [][]float64
	Matrix [][]float64
	// ResIndex is each network's resolution's index in Resolutions.
	ResIndex    []int
	Resolutions []int
	// SRCC holds measured latency's SRCC with each quantity over all networks, then
	// with the Note10 table and with MACs within each resolution (rows named
	// "160 px only (415 networks): Note10"); Within lists the latter by quantity
	// ("Note10", "MACs"), one per resolution. Intervals from one generator seeded
	// (SRCCSeed, 1), drawn in the table's order.
	SRCC     SRCCTable
	Within   map[string][]stats.Interval
	SRCCSeed uint64
	// AllMinusWithin, for "Note10" and "MACs", is measured latency's SRCC with it over
	// all networks minus the mean of its SRCCs within each resolution, with a paired
	// percentile-bootstrap interval (both sides on the same resamples of the networks,
	// seed WithinSeed): how much of the agreement is the resolution's.
	AllMinusWithin map[string]stats.Interval
	WithinSeed     uint64
}

// Measured reads datasets/ort-ofa-mbv3.csv, prices its networks with the Note10 tables
// and OFA's predictor, and correlates measured latency with each.
func (c Config) Measured() (Measured, error) {
	if err := c.check(); err != nil {
		return Measured{}, err
	}
	const seed, withinSeed = 160, 161
	rec, err := latency.ReadProject(latency.MBv3File, arch.OFAMBv3)
	if err != nil {
		return Measured{}, err
	}
	mb, err := rec.MB()
	if err != nil {
		return Measured{}, err
	}
	macs, params := arch.CostsOf(mb)
	n10src, err := latency.LoadNote10(c.DataDir)
	if err != nil {
		return Measured{}, err
	}
	n10, err := latency.Latencies(n10src, mb)
	if err != nil {
		return Measured{}, err
	}
	top1, err := PredictTop1(c.DataDir, mb)
	if err != nil {
		return Measured{}, err
	}
	repeats, err := rec.Floats("repeats")
	if err != nil {
		return Measured{}, err
	}
	m := Measured{File: latency.MBv3File, N: rec.Len(), Disturbed: rec.Disturbed(), Repeats: [2]float64{slices.Min(repeats), slices.Max(repeats)},
		Names:       []string{NameMeasured, NameNote10Own, NameMACs, NameParams, NameTop1},
		Cols:        [][]float64{rec.MS, n10, macs, params, top1},
		Resolutions: slices.Clone(arch.MBResolutions), Within: map[string][]stats.Interval{}, SRCCSeed: seed,
		AllMinusWithin: map[string]stats.Interval{}, WithinSeed: withinSeed}
	if m.Matrix, err = stats.CorrelationMatrix(m.Cols, stats.Spearman); err != nil {
		return Measured{}, err
	}
	var with []stats.NamedPair
	for k := 1; k < len(m.Names); k++ {
		with = append(with, stats.NamedPair{Name: m.Names[k], X: rec.MS, Y: m.Cols[k]})
	}
	// Within one resolution: the same correlations on each resolution's networks alone.
	if m.ResIndex, err = arch.ResolutionIndex(mb); err != nil {
		return Measured{}, err
	}
	within := map[string][]string{}
	for ri, r := range m.Resolutions {
		var idx []int
		for i := range mb {
			if m.ResIndex[i] == ri {
				idx = append(idx, i)
			}
		}
		for _, q := range []struct {
			name string
			col  []float64
		}{{"Note10", n10}, {"MACs", macs}} {
			name := fmt.Sprintf("%d px only (%d networks): %s", r, len(idx), q.name)
			within[q.name] = append(within[q.name], name)
			with = append(with, stats.NamedPair{Name: name, X: stats.Take(rec.MS, idx), Y: stats.Take(q.col, idx)})
		}
	}
	rng := rand.New(rand.NewPCG(seed, 1)) // one stream for all intervals
	if m.SRCC, err = bootstrapSRCC("with", with, c.Resamples, func(int) *rand.Rand { return rng }); err != nil {
		return Measured{}, err
	}
	for q, names := range within {
		m.Within[q] = m.SRCC.all(names)
	}
	for _, q := range []struct {
		name string
		col  []float64
	}{{"Note10", n10}, {"MACs", macs}} {
		d, err := pairedDiff(m.N, c.Resamples, func(idx []int) float64 { return allMinusWithin(rec.MS, q.col, m.ResIndex, len(m.Resolutions), idx) }, withinSeed)
		if err != nil {
			return Measured{}, fmt.Errorf("SRCC with %s over all networks minus within a resolution: %w", q.name, err)
		}
		m.AllMinusWithin[q.name] = d
	}
	return m, nil
}

// allMinusWithin is the SRCC of x and y over the rows idx minus the mean, over the
// groups 0..groups-1, of their SRCC over the rows of idx in each group.
func allMinusWithin(x, y []float64, group []int, groups int, idx []int) float64 {
	parts := make([][]int, groups)
	for _, i := range idx {
		parts[group[i]] = append(parts[group[i]], i)
	}
	mean := 0.0
	for _, p := range parts {
		mean += rhoOn(x, y, p) / float64(groups)
	}
	return rhoOn(x, y, idx) - mean
}

// HELP is section 4's second question, on HELP's GPU-measured ofa-mbv3 networks
// (ofa/gpu_latency.csv) at the Note10 tables' resolutions: how the Note10 table ranks
// them against MACs and each GPU configuration.
type HELP struct {
	N           int
	Resolutions []int       // the Note10 tables' resolutions, which the networks kept have
	Devices     []string    // GPU configurations
	GPU         [][]float64 // each configuration's latency (ms), over the same networks
	Top1        []float64   // OFA's predicted top-1 (%)
	// Names are "Note10", "MACs" and the configurations; Matrix their pairwise SRCC.
	Names  []string
	Matrix [][]float64
	// SRCC is the Note10 table's SRCC with MACs and with each configuration (pair k
	// resampled with a generator seeded (SRCCSeed, k)); Split divides the
	// configurations by it.
	SRCC     SRCCTable
	SRCCSeed uint64
	Split    GPUSplit
}

// HELP reads HELP's GPU table, keeps the networks at a Note10 resolution, and
// correlates their Note10 latency with MACs and each GPU configuration.
func (c Config) HELP() (HELP, error) {
	if err := c.check(); err != nil {
		return HELP{}, err
	}
	const seed, splitSeed = 16, 17
	gpu, err := data.LoadLatency(c.DataDir, "ofa-mbv3-gpu")
	if err != nil {
		return HELP{}, err
	}
	sub := gpu.Rows(gpu.Where(func(a arch.Arch) bool { return slices.Contains(arch.MBResolutions, a.(arch.MBArch).R) }))
	archs, err := arch.AsMB(sub.Parsed)
	if err != nil {
		return HELP{}, err
	}
	macs, _ := arch.CostsOf(archs)
	n10src, err := latency.LoadNote10(c.DataDir)
	if err != nil {
		return HELP{}, err
	}
	n10, err := latency.Latencies(n10src, archs)
	if err != nil {
		return HELP{}, err
	}
	h := HELP{N: sub.Len(), Resolutions: slices.Clone(arch.MBResolutions), Devices: sub.Devices, GPU: sub.Latency, SRCCSeed: seed, Names: append([]string{"Note10", NameMACs}, sub.Devices...)}
	if h.Top1, err = PredictTop1(c.DataDir, archs); err != nil {
		return HELP{}, err
	}
	cols := append([][]float64{n10, macs}, sub.Latency...)
	if h.Matrix, err = stats.CorrelationMatrix(cols, stats.Spearman); err != nil {
		return HELP{}, err
	}
	var with []stats.NamedPair
	for k := 1; k < len(h.Names); k++ {
		with = append(with, stats.NamedPair{Name: h.Names[k], X: n10, Y: cols[k]})
	}
	if h.SRCC, err = bootstrapSRCC("Note10 with", with, c.Resamples, func(k int) *rand.Rand { return rand.New(rand.NewPCG(seed, uint64(k))) }); err != nil {
		return HELP{}, err
	}
	if h.Split, err = newGPUSplit(h.Devices, h.SRCC, n10, sub.Latency, c.Resamples, splitSeed); err != nil {
		return HELP{}, err
	}
	return h, nil
}

// The rows of an Engine's SRCC table besides the GPU configurations.
const NameNote10At160 = "Note10 (160 px)"

// Engine is section 4's last question: 60 of HELP's GPU-measured networks at 160 px
// timed on this machine by one engine; how that engine's latency ranks them against
// the Note10 table, MACs and each GPU configuration.
type Engine struct {
	Engine, Label string // its name in tables ("onnxruntime") and in prose ("ONNX Runtime")
	File          string
	N             int
	Devices       []string
	// SRCC is the engine's SRCC with the Note10 table, MACs and each configuration,
	// every pair resampled with a generator seeded (SRCCSeed, 1).
	SRCC     SRCCTable
	SRCCSeed uint64
	Split    GPUSplit
}

// Engine reads one engine's timings of the GPU-comparison networks (file, in datasets/)
// and correlates them with the Note10 table, MACs and each GPU configuration.
func (c Config) Engine(file, engine, label string) (Engine, error) {
	if err := c.check(); err != nil {
		return Engine{}, err
	}
	const seed, splitSeed = 60, 61
	gpu, err := data.LoadLatency(c.DataDir, "ofa-mbv3-gpu")
	if err != nil {
		return Engine{}, err
	}
	rec, err := latency.ReadProject(file, arch.OFAMBv3)
	if err != nil {
		return Engine{}, err
	}
	mb, err := rec.MB()
	if err != nil {
		return Engine{}, err
	}
	rows, err := data.RowsOf(gpu, rec.Archs)
	if err != nil {
		return Engine{}, fmt.Errorf("%s: %w", file, err)
	}
	sub := gpu.Rows(rows) // the GPU rows of the measured networks, in their order
	macs, _ := arch.CostsOf(mb)
	n10src, err := latency.LoadNote10(c.DataDir)
	if err != nil {
		return Engine{}, err
	}
	n10, err := latency.Latencies(n10src, mb)
	if err != nil {
		return Engine{}, err
	}
	with := []stats.NamedPair{{Name: NameNote10At160, X: rec.MS, Y: n10}, {Name: NameMACs, X: rec.MS, Y: macs}}
	for d, dev := range sub.Devices {
		with = append(with, stats.NamedPair{Name: dev, X: rec.MS, Y: sub.Latency[d]})
	}
	e := Engine{Engine: engine, Label: label, File: file, N: rec.Len(), Devices: sub.Devices, SRCCSeed: seed}
	if e.SRCC, err = bootstrapSRCC("source", with, c.Resamples, func(int) *rand.Rand { return rand.New(rand.NewPCG(seed, 1)) }); err != nil {
		return Engine{}, err
	}
	if e.Split, err = newGPUSplit(e.Devices, e.SRCC, rec.MS, sub.Latency, c.Resamples, splitSeed); err != nil {
		return Engine{}, err
	}
	return e, nil
}

// EnginesFrame sets engines' SRCC tables side by side, one row per source: for each
// engine its estimate and interval in columns named after it ("onnxruntime",
// "onnxruntime lo", "onnxruntime hi").
func EnginesFrame(engines ...Engine) (dataframe.DataFrame, error) {
	if len(engines) == 0 {
		return dataframe.DataFrame{}, fmt.Errorf("engines frame: no engine")
	}
	cols := []series.Series{series.New(engines[0].SRCC.Names, series.String, "source")}
	for _, e := range engines {
		if !slices.Equal(e.SRCC.Names, engines[0].SRCC.Names) {
			return dataframe.DataFrame{}, fmt.Errorf("engines frame: %s and %s compare different sources", engines[0].Engine, e.Engine)
		}
		est, lo, hi := e.SRCC.columns()
		cols = append(cols, series.New(est, series.Float, e.Engine), series.New(lo, series.Float, e.Engine+" lo"), series.New(hi, series.Float, e.Engine+" hi"))
	}
	return dataframe.New(cols...), nil
}

// TwoEngines is section 5: the same 300 networks at 160 px timed by ONNX Runtime and by
// GoMLX's pure-Go backend on this machine.
type TwoEngines struct {
	N, Disturbed      int       // networks, and ONNX Runtime rows flagged disturbed
	ORT, GoMLX        []float64 // each engine's latency (ms)
	Note10, MACs      []float64
	SlowdownQuantiles [3]float64 // GoMLX / ONNX Runtime: min, median, max
	// SRCC holds the two engines' agreement and each one's SRCC with the Note10 table
	// and MACs (rows "ONNX Runtime with GoMLX", "GoMLX with MACs", ...), each pair
	// resampled with a generator seeded (SRCCSeed, 1).
	SRCC     SRCCTable
	SRCCSeed uint64
	// MACsDiff and Note10Diff are GoMLX's SRCC with each minus ONNX Runtime's, over the
	// same resamples of the networks (paired bootstrap, seed DiffSeed for each).
	MACsDiff, Note10Diff stats.Interval
	DiffSeed             uint64
}

// The rows of TwoEngines.SRCC.
const (
	PairEngines   = "ONNX Runtime with GoMLX"
	PairORTNote10 = "ONNX Runtime with Note10 (160 px)"
	PairGoMLXN10  = "GoMLX with Note10 (160 px)"
	PairORTMACs   = "ONNX Runtime with MACs"
	PairGoMLXMACs = "GoMLX with MACs"
)

// OneProxyThreshold is the SRCC from which Lu et al. (SIGMETRICS 2022, "One Proxy Device
// Is Enough for Hardware-Aware NAS") let one device's latencies stand in for another's
// without adaptation.
const OneProxyThreshold = 0.9

// TwoEngines reads both engines' timings of datasets/ort-ofa-mbv3-r160.csv's networks.
func (c Config) TwoEngines() (TwoEngines, error) {
	if err := c.check(); err != nil {
		return TwoEngines{}, err
	}
	const seed, diffSeed = 300, 301
	ort, err := latency.ReadProject(latency.MeasuredFile, arch.OFAMBv3)
	if err != nil {
		return TwoEngines{}, err
	}
	mb, err := ort.MB()
	if err != nil {
		return TwoEngines{}, err
	}
	gomlxRec, err := latency.ReadProject(latency.GoMLXMeasuredFile, arch.OFAMBv3)
	if err != nil {
		return TwoEngines{}, err
	}
	t := TwoEngines{N: ort.Len(), Disturbed: ort.Disturbed(), ORT: ort.MS, SRCCSeed: seed, DiffSeed: diffSeed}
	if t.GoMLX, err = latency.Latencies(gomlxRec, mb); err != nil { // by architecture
		return TwoEngines{}, err
	}
	n10src, err := latency.LoadNote10(c.DataDir)
	if err != nil {
		return TwoEngines{}, err
	}
	if t.Note10, err = latency.Latencies(n10src, mb); err != nil {
		return TwoEngines{}, err
	}
	t.MACs, _ = arch.CostsOf(mb)
	with := []stats.NamedPair{
		{Name: PairEngines, X: ort.MS, Y: t.GoMLX},
		{Name: PairORTNote10, X: ort.MS, Y: t.Note10}, {Name: PairGoMLXN10, X: t.GoMLX, Y: t.Note10},
		{Name: PairORTMACs, X: ort.MS, Y: t.MACs}, {Name: PairGoMLXMACs, X: t.GoMLX, Y: t.MACs},
	}
	if t.SRCC, err = bootstrapSRCC("pair", with, c.Resamples, func(int) *rand.Rand { return rand.New(rand.NewPCG(seed, 1)) }); err != nil {
		return TwoEngines{}, err
	}
	q, err := stats.Quantiles(ratios(t.GoMLX, t.ORT), 0, 0.5, 1)
	if err != nil {
		return TwoEngines{}, err
	}
	t.SlowdownQuantiles = [3]float64{q[0], q[1], q[2]}
	diff := func(col []float64) (stats.Interval, error) {
		return pairedDiff(t.N, c.Resamples, func(idx []int) float64 { return rhoOn(t.GoMLX, col, idx) - rhoOn(t.ORT, col, idx) }, diffSeed)
	}
	if t.MACsDiff, err = diff(t.MACs); err != nil {
		return TwoEngines{}, err
	}
	if t.Note10Diff, err = diff(t.Note10); err != nil {
		return TwoEngines{}, err
	}
	return t, nil
}

// DriftSpace is one per-space file's SRCC of latency with MACs, of the raw medians and
// of the latencies corrected for the host's speed (latency.Recorded.HostCorrected).
type DriftSpace struct {
	Space, File string
	N           int
	MACs, MS    []float64 // millions; ms (the latency the studies use)
	// Paired says the file was measured under the paired protocol; Correction says how
	// its latencies were corrected.
	Paired         bool
	Correction     string
	Raw, Corrected float64
	// Change is Corrected − Raw over the same bootstrap resamples (seed Seed).
	Change stats.Interval
	Seed   uint64
}

// Drift is section 6: the three per-space files.
type Drift struct {
	Spaces []DriftSpace
}

// DriftFiles are section 6's per-space files, in order, with their spaces.
var DriftFiles = []struct{ File, Space string }{
	{latency.MBv3File, arch.OFAMBv3}, {latency.ProxylessFile, arch.ProxylessNAS}, {latency.ResNet50File, arch.OFAResNet50},
}

// Drift reads the per-space files and, for each, how correcting for the host's speed
// changes the SRCC of latency with MACs (paired bootstrap, seed 600 + the file's
// position).
func (c Config) Drift() (Drift, error) {
	if err := c.check(); err != nil {
		return Drift{}, err
	}
	var d Drift
	for k, f := range DriftFiles {
		r, err := latency.ReadProject(f.File, f.Space)
		if err != nil {
			return Drift{}, err
		}
		corrected, how, err := r.HostCorrected()
		if err != nil {
			return Drift{}, err
		}
		s := DriftSpace{Space: r.Space, File: f.File, N: r.Len(), MS: r.MS, Paired: r.Paired(), Correction: how, Seed: uint64(600 + k)}
		for _, a := range r.Archs {
			cost, ok := a.(arch.Costed)
			if !ok {
				return Drift{}, fmt.Errorf("%s: %T has no cost model", f.File, a)
			}
			s.MACs = append(s.MACs, cost.MACs()/1e6)
		}
		if s.Raw, err = stats.SpearmanRho(r.RawMS, s.MACs); err != nil {
			return Drift{}, fmt.Errorf("%s: %w", f.File, err)
		}
		if s.Corrected, err = stats.SpearmanRho(corrected, s.MACs); err != nil {
			return Drift{}, fmt.Errorf("%s: %w", f.File, err)
		}
		if s.Change, err = pairedDiff(r.Len(), c.Resamples, func(idx []int) float64 { return rhoOn(corrected, s.MACs, idx) - rhoOn(r.RawMS, s.MACs, idx) }, s.Seed); err != nil {
			return Drift{}, fmt.Errorf("%s: %w", f.File, err)
		}
		d.Spaces = append(d.Spaces, s)
	}
	return d, nil
}

// MeasuredFiles describes every measured file in datasets/ (latency.SummaryFrame): the
// three per-space files, the two 160-px files and their GoMLX twins.
func MeasuredFiles() (dataframe.DataFrame, error) {
	var recs []*latency.Recorded
	for _, f := range []struct{ file, space string }{
		{latency.MBv3File, arch.OFAMBv3}, {latency.ProxylessFile, arch.ProxylessNAS}, {latency.ResNet50File, arch.OFAResNet50},
		{latency.MeasuredFile, arch.OFAMBv3}, {latency.GPUComparisonFile, arch.OFAMBv3},
		{latency.GoMLXMeasuredFile, arch.OFAMBv3}, {latency.GoMLXGPUComparisonFile, arch.OFAMBv3},
	} {
		r, err := latency.ReadProject(f.file, f.space)
		if err != nil {
			return dataframe.DataFrame{}, err
		}
		recs = append(recs, r)
	}
	return latency.SummaryFrame(recs...)
}

// Blocks is section 7: per-block times of datasets/ort-ofa-mbv3-r160-blocks.csv.
type Blocks struct {
	File string
	// Names are the block positions in network order (stem, first, s0l0, ..., head);
	// MS[k] the times (ms) of block Names[k] in the networks that have it.
	Names []string
	MS    [][]float64
	// Coverage is each network's sum of its blocks' median times over the median of its
	// profiled end-to-end runs; CoverageQ its 0, 5, 50, 95 and 100 % quantiles. A sum of
	// medians can exceed the median of sums, so a network can pass 1.
	Coverage  []float64
	CoverageQ [5]float64
	Above1    int // networks whose blocks sum to more than their median run
}

// CoverageQuantiles are the quantiles Blocks.CoverageQ holds.
var CoverageQuantiles = [5]float64{0, 0.05, 0.5, 0.95, 1}

// Blocks reads the per-block file.
func (c Config) Blocks() (Blocks, error) {
	path, err := data.ProjectFile(latency.BlocksFile)
	if err != nil {
		return Blocks{}, err
	}
	recs, err := latency.ReadBlocks(path)
	if err != nil {
		return Blocks{}, err
	}
	return blocksOf(latency.BlocksFile, recs)
}

func blocksOf(file string, recs []latency.BlockRecord) (Blocks, error) {
	b := Blocks{File: file}
	b.Names, b.MS = latency.BlockSamples(recs)
	b.Coverage = latency.Coverage(recs)
	q, err := stats.Quantiles(b.Coverage, CoverageQuantiles[:]...)
	if err != nil {
		return Blocks{}, fmt.Errorf("%s: coverage: %w", file, err)
	}
	copy(b.CoverageQ[:], q)
	for _, v := range b.Coverage {
		if v > 1 {
			b.Above1++
		}
	}
	return b, nil
}
