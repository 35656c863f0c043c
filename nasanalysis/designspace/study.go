package designspace

import (
	"cmp"
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"strconv"
	"strings"

	"github.com/go-gota/gota/dataframe"
	"github.com/go-gota/gota/series"

	"github.com/nasanalysis/nasanalysis/nasanalysis/stats"
)

// Config is the study's inputs: where the data are, the random sample, and the
// bootstrap behind every interval.
type Config struct {
	DataDir   string // "" = $NASANALYSIS_DATA, then ../shared/datasets, then the fetch cache
	N         int    // random architectures per space
	Seed      uint64 // their seed
	Resamples int    // bootstrap resamples behind every 95 % interval
	Priced    int    // random ofa-mbv3 networks priced at every Note10 resolution
}

// DefaultConfig is notebook 03's study: 1,000 random networks per space (seed 2021),
// 1,000 resamples per interval, the first 200 networks priced at every resolution.
func DefaultConfig() Config {
	return Config{N: 1000, Seed: 2021, Resamples: 1000, Priced: 200}
}

func (c Config) check() error {
	if c.N < 2 || c.Resamples < stats.MinResamples || c.Priced < 1 || c.Priced > c.N {
		return fmt.Errorf("designspace: config %+v: need N >= 2, Resamples >= %d and 1 <= Priced <= N", c, stats.MinResamples)
	}
	return nil
}

// Level is the confidence level of every interval of the study.
const Level = 0.95

// SRCCTable is a column of rank correlations with their percentile-bootstrap intervals,
// one row per named pair (stats.BootstrapFrame's rows, kept as plain values).
type SRCCTable struct {
	Key   string // the name column's header
	Names []string
	CIs   []stats.Interval
}

// By returns the interval of the row named name; ok is false when there is none.
func (t SRCCTable) By(name string) (iv stats.Interval, ok bool) {
	i := slices.Index(t.Names, name)
	if i < 0 {
		return stats.Interval{}, false
	}
	return t.CIs[i], true
}

// must is By for the names a study itself put in the table.
func (t SRCCTable) must(name string) stats.Interval {
	iv, ok := t.By(name)
	if !ok {
		panic(fmt.Sprintf("designspace: table %q has no row %q", t.Key, name))
	}
	return iv
}

// all is By for several names.
func (t SRCCTable) all(names []string) []stats.Interval {
	out := make([]stats.Interval, len(names))
	for i, n := range names {
		out[i] = t.must(n)
	}
	return out
}

// Frame is the table as stats.BootstrapFrame prints it: the names under Key, then
// spearman, lo and hi.
func (t SRCCTable) Frame() dataframe.DataFrame {
	est, lo, hi := t.columns()
	return dataframe.New(series.New(t.Names, series.String, t.Key), series.New(est, series.Float, string(stats.Spearman)),
		series.New(lo, series.Float, "lo"), series.New(hi, series.Float, "hi"))
}

func (t SRCCTable) columns() (est, lo, hi []float64) {
	for _, iv := range t.CIs {
		est, lo, hi = append(est, iv.Estimate), append(lo, iv.Lo), append(hi, iv.Hi)
	}
	return est, lo, hi
}

// bootstrapSRCC runs stats.BootstrapFrame and keeps its rows.
func bootstrapSRCC(key string, pairs []stats.NamedPair, b int, rngFor func(int) *rand.Rand) (SRCCTable, error) {
	df, err := stats.BootstrapFrame(key, pairs, stats.Spearman, b, Level, rngFor)
	if err != nil {
		return SRCCTable{}, fmt.Errorf("SRCC table %q: %w", key, err)
	}
	t := SRCCTable{Key: key, Names: df.Col(key).Records()}
	e, lo, hi := df.Col(string(stats.Spearman)).Float(), df.Col("lo").Float(), df.Col("hi").Float()
	for i := range t.Names {
		t.CIs = append(t.CIs, stats.Interval{Estimate: e[i], Lo: lo[i], Hi: hi[i], Level: Level})
	}
	return t, nil
}

// rhoOn is the SRCC of x and y over the rows idx; NaN where it is undefined (a
// resample whose values are all tied), which the paired bootstrap leaves out.
func rhoOn(x, y []float64, idx []int) float64 {
	r, err := stats.SpearmanRho(stats.Take(x, idx), stats.Take(y, idx))
	if err != nil {
		return math.NaN()
	}
	return r
}

// pairedDiff is the 95 % percentile-bootstrap interval of stat, a difference of
// statistics over the same n networks: every resample of the networks (drawn from a
// generator seeded (seed, 2)) is shared by both sides. Its estimate is stat over all n.
func pairedDiff(n, b int, stat func(idx []int) float64, seed uint64) (stats.Interval, error) {
	return stats.PairedBootstrap(n, b, Level, stat, rand.New(rand.NewPCG(seed, 2)))
}

// ratios is a[i] / b[i] for each i.
func ratios(a, b []float64) []float64 {
	out := make([]float64, len(a))
	for i := range a {
		out[i] = a[i] / b[i]
	}
	return out
}

// GPUSplit divides GPU configurations into the ones a latency ranks most like and the
// others, at the largest gap between their sorted SRCC estimates, and compares the two
// groups' mean SRCC over bootstrap resamples of the networks.
type GPUSplit struct {
	All         []string // every configuration, in the table's order
	Most, Least []string // highest estimates first; the rest
	MostCIs     []stats.Interval
	LeastCIs    []stats.Interval
	Gap         float64 // the largest gap between consecutive sorted estimates
	// Diff is the mean SRCC of Most minus that of Least, with a paired percentile-
	// bootstrap interval over the networks (both groups on the same resamples).
	// The groups were chosen on the same networks, so it overstates the separation.
	Diff     stats.Interval
	DiffSeed uint64
}

// splitGPUs sorts devs by their SRCC in t, highest first, and splits them at the largest
// gap between consecutive estimates (the first such gap on a tie).
func splitGPUs(devs []string, t SRCCTable) (most, least []string, gap float64) {
	s := slices.Clone(devs)
	slices.SortStableFunc(s, func(a, b string) int { return cmp.Compare(t.must(b).Estimate, t.must(a).Estimate) })
	k := 1
	for i := 1; i < len(s); i++ {
		if g := t.must(s[i-1]).Estimate - t.must(s[i]).Estimate; g > gap {
			gap, k = g, i
		}
	}
	return s[:k], s[k:], gap
}

// newGPUSplit splits devs by their SRCC with lat in t and bootstraps the difference of
// the groups' mean SRCC, gpu[d] being device devs[d]'s latency of the same networks.
func newGPUSplit(devs []string, t SRCCTable, lat []float64, gpu [][]float64, b int, seed uint64) (GPUSplit, error) {
	if len(devs) < 2 || len(gpu) != len(devs) {
		return GPUSplit{}, fmt.Errorf("GPU split: %d configurations, %d latency columns (need at least 2)", len(devs), len(gpu))
	}
	most, least, gap := splitGPUs(devs, t)
	col := map[string][]float64{}
	for d, dev := range devs {
		col[dev] = gpu[d]
	}
	mean := func(group []string, idx []int) float64 {
		s := 0.0
		for _, d := range group {
			s += rhoOn(lat, col[d], idx)
		}
		return s / float64(len(group))
	}
	diff, err := pairedDiff(len(lat), b, func(idx []int) float64 { return mean(most, idx) - mean(least, idx) }, seed)
	if err != nil {
		return GPUSplit{}, fmt.Errorf("GPU split: paired bootstrap: %w", err)
	}
	return GPUSplit{All: devs, Most: most, Least: least, MostCIs: t.all(most), LeastCIs: t.all(least), Gap: gap, Diff: diff, DiffSeed: seed}, nil
}

// batchOf is the batch size in a HELP GPU configuration's name ("titan_rtx_32": 32);
// 0 when the name ends in no number.
func batchOf(dev string) int {
	n, err := strconv.Atoi(dev[strings.LastIndex(dev, "_")+1:])
	if err != nil {
		return 0
	}
	return n
}
