package profile

import (
	"fmt"
	"math"
	"slices"
	"strconv"
	"sync"

	"github.com/go-gota/gota/dataframe"
	"github.com/go-gota/gota/series"

	"github.com/nasanalysis/nasanalysis/nasanalysis/arch"
	"github.com/nasanalysis/nasanalysis/nasanalysis/metric"
)

// PaperPanel is one panel of the paper's published response (fig/ofa_bp.png) and the
// metric of this project that prices what it shows.
type PaperPanel struct {
	Metric, Label string
	Paper         [3][3]float64
	// Decimals is how many decimals the figure prints (2 for "77.43", 0 for "790").
	Decimals int
}

// PaperPanels are the panels ComparePaperRules sets beside a profile: predicted
// accuracy; FLOPs counted BlockProfile's way (flops_bp) and, against the same panel, as
// 2 x MACs of OFA's own network (flops); the Note10 table at 224 px; the RTX 2080 Ti at
// batch 1.
var PaperPanels = []PaperPanel{
	{paperAcc, "predicted accuracy", PaperAccuracy, 2},
	{paperFLOPsBP, "FLOPs counted BlockProfile's way", PaperFLOPs, 0},
	{paperFLOPs, "FLOPs as 2 × MACs of OFA's network", PaperFLOPs, 0},
	{paperNote10, "Note10", PaperNote10R224, 2},
	{paperGPU1, "RTX 2080 Ti at batch 1", PaperRTX2080Ti, 3},
}

// paperFLOPsBP is BlockProfile's FLOPs count (metric flops_bp), the one its figure shows.
const paperFLOPsBP = "flops_bp"

// PaperOffset is one panel under one deepening rule: each block's mean (arch.Blocks
// order) beside the published one, and their difference over the blocks.
type PaperOffset struct {
	PaperPanel
	Unit        string
	Ours, SE    []float64 // block means and their standard errors
	PaperBlocks []float64 // the published block means, in the same order
	// Offset is the mean over the blocks of ours minus the paper's, with its standard
	// error (the blocks' networks are independent: √(Σ SE²) / blocks); the published
	// means carry no standard error of their own.
	Offset    Difference
	Low, High float64 // the smallest and largest per-block difference
	// Relative is Offset as a percentage of the published blocks' mean.
	Relative float64
}

// PaperRules sets BlockProfile's published OFA-MobileNetV3 response beside a profile
// under its released deepening rule (a fix at layer l raises the stage's depth only to
// l, so at layers 2-3 the block is often left out: the protocol of the figure) and one
// under this project's rule (to l+1: the block is in every network), with the same
// networks otherwise (same seed and N).
type PaperRules struct {
	Sample             Sample // the released rule's profile
	Released, Included []PaperOffset
	// PresentByLayer is, per layer, the mean share of the released rule's networks that
	// hold their fixed block.
	PresentByLayer []float64
}

// ComparePaperRules compares released (run with arch.DeepenAsReleased) and included
// (arch.DeepenToInclude), two profiles of OFA-MobileNetV3 at 224 px with the same seed
// and N and every metric of PaperPanels, with the published panels.
func ComparePaperRules(released, included *Result) (PaperRules, error) {
	for _, c := range []struct {
		r    *Result
		rule arch.Deepen
		name string
	}{{released, arch.DeepenAsReleased, "released"}, {included, arch.DeepenToInclude, "included"}} {
		if c.r.Space.Family != arch.OFAMBv3 || c.r.Res() != 224 {
			return PaperRules{}, fmt.Errorf("profile: the published response is of %s at 224 px, not %s at %d px", arch.OFAMBv3, c.r.Space.Family, c.r.Res())
		}
		if c.r.Deepen != c.rule {
			return PaperRules{}, fmt.Errorf("profile: the %s profile was run with deepening rule %d, want %d", c.name, c.r.Deepen, c.rule)
		}
	}
	if released.Seed != included.Seed || released.N != included.N {
		return PaperRules{}, fmt.Errorf("profile: the two rules' profiles differ in seed (%d, %d) or N (%d, %d)", released.Seed, included.Seed, released.N, included.N)
	}
	p := PaperRules{Sample: released.Sample(), PresentByLayer: presentByLayer(released)}
	for _, panel := range PaperPanels {
		for _, side := range []struct {
			r    *Result
			into *[]PaperOffset
		}{{released, &p.Released}, {included, &p.Included}} {
			o, err := paperOffset(side.r, panel)
			if err != nil {
				return PaperRules{}, err
			}
			*side.into = append(*side.into, o)
		}
	}
	return p, nil
}

// paperOffset sets one profile's response of a panel's metric beside the panel.
func paperOffset(r *Result, panel PaperPanel) (PaperOffset, error) {
	resp, err := r.Response(panel.Metric)
	if err != nil {
		return PaperOffset{}, err
	}
	o := PaperOffset{PaperPanel: panel, Unit: resp.Unit, Low: math.Inf(1), High: math.Inf(-1)}
	var sum, sumSE2, paperSum float64
	for i, b := range publishedBlocks(panel.Paper) {
		ours := resp.Blocks[i]
		if ours.Block != b.Block || math.IsNaN(ours.Mean) {
			return PaperOffset{}, fmt.Errorf("profile: %s: block %s has no mean in the profile", panel.Metric, b.Block)
		}
		d := ours.Mean - b.Mean
		o.Ours, o.SE, o.PaperBlocks = append(o.Ours, ours.Mean), append(o.SE, ours.SE), append(o.PaperBlocks, b.Mean)
		o.Low, o.High = math.Min(o.Low, d), math.Max(o.High, d)
		sum, sumSE2, paperSum = sum+d, sumSE2+ours.SE*ours.SE, paperSum+b.Mean
	}
	n := float64(len(o.Ours))
	o.Offset = Difference{Label: "ours − paper", Estimate: sum / n, SE: math.Sqrt(sumSE2) / n}
	o.Relative = 100 * o.Offset.Estimate / (paperSum / n)
	return o, nil
}

// presentByLayer is, per layer, the mean share of r's fix groups' networks that hold
// their fixed block (NaN at a layer without a fix).
func presentByLayer(r *Result) []float64 {
	sum, cnt := map[int]float64{}, map[int]int{}
	for _, g := range r.Groups {
		if g.Fix != nil {
			sum[g.Fix.Layer] += g.Present
			cnt[g.Fix.Layer]++
		}
	}
	var out []float64
	for l := range maxKey(cnt) + 1 {
		out = append(out, math.NaN())
		if cnt[l] > 0 {
			out[l] = sum[l] / float64(cnt[l])
		}
	}
	return out
}

// Offset returns the named metric's offset under the released rule (released) or the
// project's; ok is false for a metric that is not a panel.
func (p PaperRules) Offset(metric string, released bool) (PaperOffset, bool) {
	list := p.Included
	if released {
		list = p.Released
	}
	i := slices.IndexFunc(list, func(o PaperOffset) bool { return o.Metric == metric })
	if i < 0 {
		return PaperOffset{}, false
	}
	return list[i], true
}

// Frame lists, one row per block, each panel's published mean beside the block's mean
// under the released rule and under the project's (<metric>_paper, _released,
// _included), except flops, whose panel flops_bp already shows. The means are text with
// as many decimals as the figure prints, and more where the blocks' range needs them to
// differ (spreadDecimals): a column of 81.2, 81.3, 81.4 hides the finding.
func (p PaperRules) Frame() dataframe.DataFrame {
	if len(p.Released) == 0 {
		return dataframe.New(series.New([]string{}, series.String, "block"))
	}
	blocks, _ := arch.Blocks(arch.OFAMBv3)
	cols := []series.Series{series.New(tokens(blocks), series.String, "block")}
	for i, rel := range p.Released {
		if rel.Metric == paperFLOPs {
			continue
		}
		inc := p.Included[i]
		d := max(rel.Decimals, spreadDecimals(rel.Ours), spreadDecimals(inc.Ours))
		cols = append(cols, series.New(fixedAll(rel.PaperBlocks, rel.Decimals), series.String, rel.Metric+"_paper"),
			series.New(fixedAll(rel.Ours, d), series.String, rel.Metric+"_released"),
			series.New(fixedAll(inc.Ours, d), series.String, rel.Metric+"_included"))
	}
	return dataframe.New(cols...)
}

// spreadDecimals is how many decimals show a column's range (max - min) to two
// significant digits, and the column itself to three: 81.24 ... 81.41 needs 2.
func spreadDecimals(vals []float64) int {
	lo, hi := math.Inf(1), math.Inf(-1)
	for _, v := range vals {
		if !math.IsNaN(v) {
			lo, hi = math.Min(lo, v), math.Max(hi, v)
		}
	}
	if math.IsInf(lo, 1) {
		return 0
	}
	d := 0
	if span := hi - lo; span > 0 {
		d = max(d, 1-int(math.Floor(math.Log10(span)+1e-9))) // 0.1 is 0.0999...96 as 12.25 - 12.15
	}
	if m := math.Max(math.Abs(lo), math.Abs(hi)); m > 0 {
		d = max(d, 2-int(math.Floor(math.Log10(m)+1e-9)))
	}
	return d
}

// fixedAll formats each value with d decimals (n/a for NaN).
func fixedAll(vals []float64, d int) []string {
	out := make([]string, len(vals))
	for i, v := range vals {
		out[i] = "n/a"
		if !math.IsNaN(v) {
			out[i] = strconv.FormatFloat(v, 'f', d, 64)
		}
	}
	return out
}

// SpreadFrame is Frame with each metric's block means as text with the decimals the
// blocks' range needs (spreadDecimals): where the means agree to three significant
// digits (accuracy 81.2-81.4 %, a GPU at 12.2 ms for most blocks) the column still shows
// how they differ. The shifts stay numbers.
func (t ResponseTable) SpreadFrame() dataframe.DataFrame {
	if len(t.Metrics) == 0 {
		return t.Frame()
	}
	cols := []series.Series{series.New(tokens(blockList(t.Metrics[0].Blocks)), series.String, "block")}
	for _, m := range t.Metrics {
		var mean, shift []float64
		for _, b := range m.Blocks {
			mean, shift = append(mean, b.Mean), append(shift, b.Shift)
		}
		cols = append(cols, series.New(fixedAll(mean, spreadDecimals(mean)), series.String, m.Metric), series.New(shift, series.Float, m.Metric+"_shift"))
	}
	return dataframe.New(cols...)
}

// RunRules profiles the spec once under each deepening rule (the spec's own Deepen is
// ignored), its metrics built once for all: a gpu_<column> predictor is trained once,
// and every rule's networks are drawn from the same seeded streams, so the profiles
// differ only where the rules do (at layers 0-1 they build the same networks, and at
// layers 2-3 wherever the stage was drawn deep enough). A deterministic metric prices
// each distinct network once: the later rules reuse the values of the networks an
// earlier rule built (about three in four under the released rule after this project's).
func (s Spec) RunRules(rules ...arch.Deepen) ([]*Result, error) {
	cfg := Config{Space: s.Space, N: s.N, Seed: s.Seed}
	for _, name := range s.Metrics {
		m, err := metric.New(name, s.Space.Family, metric.Options{DataDir: s.DataDir, GPUSeed: s.GPUSeed})
		if err != nil {
			return nil, err
		}
		cfg.Metrics = append(cfg.Metrics, remembered(m))
	}
	var out []*Result
	for _, d := range rules {
		cfg.Deepen = d
		r, err := Run(cfg)
		if err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	return out, nil
}

// remembered wraps a deterministic metric so that a network it has priced (by its
// String form) is not priced again; the batches of Run call it from several goroutines.
func remembered(m *metric.Metric) *metric.Metric {
	if !m.Deterministic {
		return m
	}
	var mu sync.Mutex
	seen := map[string]float64{}
	c := *m
	c.Values = func(as []arch.Arch) ([]float64, error) {
		out := make([]float64, len(as))
		var todo []arch.Arch
		var at []int
		var keys []string
		mu.Lock()
		for i, a := range as {
			key := a.String()
			if v, ok := seen[key]; ok {
				out[i] = v
			} else {
				todo, at, keys = append(todo, a), append(at, i), append(keys, key)
			}
		}
		mu.Unlock()
		if len(todo) == 0 {
			return out, nil
		}
		v, err := m.Values(todo)
		if err != nil {
			_, err = m.Values(as) // the error again, naming the architecture's place in as
			return nil, err
		}
		mu.Lock()
		for j, i := range at {
			out[i], seen[keys[j]] = v[j], v[j]
		}
		mu.Unlock()
		return out, nil
	}
	return &c
}
