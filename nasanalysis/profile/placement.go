package profile

import (
	"cmp"
	"fmt"
	"math"
	"math/rand/v2"
	"slices"

	"github.com/go-gota/gota/dataframe"
	"github.com/go-gota/gota/series"
	"gonum.org/v1/gonum/stat"

	"github.com/nasanalysis/nasanalysis/nasanalysis/arch"
	"github.com/nasanalysis/nasanalysis/nasanalysis/stats"
)

// Position is the placement impact of one position on a metric: how far apart the
// means of its best and worst block lie (with a 95 % percentile-bootstrap interval), and
// which blocks those are (lowest and highest mean).
type Position struct {
	Stage, Layer int
	Spread       stats.Interval
	Low, High    arch.Block
}

// Name is the position's token, s<stage>l<layer>.
func (p Position) Name() string { return fmt.Sprintf("s%dl%d", p.Stage, p.Layer) }

// positionSamples returns, per position in group order, the values of metric k of the
// networks of each block fixed there.
func (r *Result) positionSamples(k int) (ps []Position, samples [][][]float64, blocks [][]arch.Block) {
	seen := map[[2]int]bool{}
	for _, g := range r.Groups {
		if g.Fix == nil || seen[[2]int{g.Fix.Stage, g.Fix.Layer}] {
			continue
		}
		s, l := g.Fix.Stage, g.Fix.Layer
		seen[[2]int{s, l}] = true
		all, groups := r.blockGroups(s, l)
		var vs [][]float64
		var bs []arch.Block
		for i, gs := range groups {
			if len(gs) > 0 {
				vs, bs = append(vs, pooled(gs, k)), append(bs, all[i])
			}
		}
		ps, samples, blocks = append(ps, Position{Stage: s, Layer: l}), append(samples, vs), append(blocks, bs)
	}
	return ps, samples, blocks
}

// Placement returns the placement impact of the named metric at every position, in the
// order the fixes were profiled. Each position's bootstrap draws from its own stream.
func (r *Result) Placement(metric string) ([]Position, error) {
	k, err := r.metricIndex(metric)
	if err != nil {
		return nil, err
	}
	ps, samples, blocks := r.positionSamples(k)
	for i := range ps {
		p := &ps[i]
		rng := rand.New(rand.NewPCG(r.Seed, uint64(1000+100*p.Stage+p.Layer)))
		if p.Spread, err = stats.BootstrapGroups(samples[i], stats.Spread, r.Bootstrap, level, rng); err != nil {
			return nil, fmt.Errorf("profile: placement spread of %s at %s: %w", metric, p.Name(), err)
		}
		lo, hi := math.Inf(1), math.Inf(-1)
		for j, v := range samples[i] {
			m := stat.Mean(v, nil)
			if m < lo {
				lo, p.Low = m, blocks[i][j]
			}
			if m > hi {
				hi, p.High = m, blocks[i][j]
			}
		}
	}
	return ps, nil
}

// TestedPosition is a position's placement impact with a permutation test of its
// spread: the spread noise alone gives when the position's networks are shuffled among
// its blocks.
type TestedPosition struct {
	Position
	Test stats.PermutationResult
}

// Reaching is how many shuffles gave a spread at least the observed one: the p-value of
// stats.PermutationTest is (Reaching + 1) / (shuffles + 1).
func (p TestedPosition) Reaching() int {
	return int(math.Round(p.Test.P*float64(p.Test.Shuffles+1))) - 1
}

// BeyondNoise reports whether the spread passes the permutation test: p < 0.05.
func (p TestedPosition) BeyondNoise() bool { return p.Test.P < 1-level }

// PlacementTest is the placement impact of one metric at every position, each spread
// with its bootstrap interval and its permutation test.
type PlacementTest struct {
	Sample
	Metric, Unit, About string
	Bootstrap           int // resamples of each spread's interval
	Positions           []TestedPosition
}

// TestPlacement tests the named metric's spread at every position against noise with
// stats.PermutationTest (shuffles shuffles, the spread of the block means as statistic;
// each position draws from its own stream).
func (r *Result) TestPlacement(metric string, shuffles int) (PlacementTest, error) {
	ps, err := r.Placement(metric)
	if err != nil {
		return PlacementTest{}, err
	}
	k, _ := r.metricIndex(metric)
	_, samples, _ := r.positionSamples(k)
	unit, about := r.unit(k)
	pt := PlacementTest{Sample: r.Sample(), Metric: metric, Unit: unit, About: about, Bootstrap: r.Bootstrap}
	for i, p := range ps {
		rng := rand.New(rand.NewPCG(r.Seed, uint64(5000+100*p.Stage+p.Layer)))
		test, err := stats.PermutationTest(samples[i], stats.SpreadOfMeans, shuffles, rng)
		if err != nil {
			return PlacementTest{}, fmt.Errorf("profile: permutation test of %s at %s: %w", metric, p.Name(), err)
		}
		pt.Positions = append(pt.Positions, TestedPosition{Position: p, Test: test})
	}
	return pt, nil
}

// TestPlacements is TestPlacement of each named metric.
func (r *Result) TestPlacements(shuffles int, metrics ...string) ([]PlacementTest, error) {
	var out []PlacementTest
	for _, m := range metrics {
		pt, err := r.TestPlacement(m, shuffles)
		if err != nil {
			return nil, err
		}
		out = append(out, pt)
	}
	return out, nil
}

// Shuffles is the number of shuffles of each permutation test.
func (pt PlacementTest) Shuffles() int {
	if len(pt.Positions) == 0 {
		return 0
	}
	return pt.Positions[0].Test.Shuffles
}

// BeyondNoise counts the positions whose spread passes the permutation test.
func (pt PlacementTest) BeyondNoise() int {
	n := 0
	for _, p := range pt.Positions {
		if p.BeyondNoise() {
			n++
		}
	}
	return n
}

// AboveEstimate counts the positions whose percentile-bootstrap interval lies wholly
// above the spread it is an interval for: noise only widens a max - min, so resampling
// biases the interval upwards where the block means are close.
func (pt PlacementTest) AboveEstimate() int {
	n := 0
	for _, p := range pt.Positions {
		if p.Spread.Estimate < p.Spread.Lo {
			n++
		}
	}
	return n
}

// Extremes returns the positions with the largest and the smallest spread.
func (pt PlacementTest) Extremes() (most, least TestedPosition) {
	most, least = pt.Positions[0], pt.Positions[0]
	for _, p := range pt.Positions {
		if p.Spread.Estimate > most.Spread.Estimate {
			most = p
		}
		if p.Spread.Estimate < least.Spread.Estimate {
			least = p
		}
	}
	return most, least
}

// Grid lays the spreads out as stage x layer (NaN where a stage has no such layer).
func (pt PlacementTest) Grid() (rows, cols []string, values [][]float64) {
	stages, layers := 0, 0
	for _, p := range pt.Positions {
		stages, layers = max(stages, p.Stage+1), max(layers, p.Layer+1)
	}
	for s := range stages {
		rows = append(rows, fmt.Sprintf("stage %d", s))
		values = append(values, slices.Repeat([]float64{math.NaN()}, layers))
	}
	for l := range layers {
		cols = append(cols, fmt.Sprintf("layer %d", l))
	}
	for _, p := range pt.Positions {
		values[p.Stage][p.Layer] = p.Spread.Estimate
	}
	return rows, cols, values
}

// Frame lists every position, most sensitive first: its spread with the bootstrap
// interval, the blocks at both ends, the spread noise alone exceeds in 5 % of the
// shuffles (noise_95pct), the shuffles whose spread reached the observed one
// (shuffles_reaching) and the permutation p-value.
func (pt PlacementTest) Frame() dataframe.DataFrame {
	ps := slices.Clone(pt.Positions)
	slices.SortStableFunc(ps, func(a, b TestedPosition) int { return cmp.Compare(b.Spread.Estimate, a.Spread.Estimate) })
	var pos, low, high []string
	var spread, lo, hi, null95, p []float64
	var reach []int
	for _, t := range ps {
		pos, low, high = append(pos, t.Name()), append(low, t.Low.String()), append(high, t.High.String())
		spread, lo, hi = append(spread, t.Spread.Estimate), append(lo, t.Spread.Lo), append(hi, t.Spread.Hi)
		null95, p = append(null95, t.Test.Null95), append(p, t.Test.P)
		reach = append(reach, t.Reaching())
	}
	return dataframe.New(series.New(pos, series.String, "position"), series.New(spread, series.Float, pt.Metric+"_spread"),
		series.New(lo, series.Float, "lo"), series.New(hi, series.Float, "hi"),
		series.New(low, series.String, "lowest"), series.New(high, series.String, "highest"),
		series.New(null95, series.Float, "noise_95pct"), series.New(reach, series.Int, "shuffles_reaching"), series.New(p, series.Float, "perm_p"))
}

// RuleSpreads is one metric's spread at every position under the two deepening rules,
// and whether each passes its permutation test.
type RuleSpreads struct {
	Metric, Unit                   string
	Positions                      []Position // stage and layer of each entry (the included rule's)
	Included, Released             []float64
	IncludedBeyond, ReleasedBeyond []bool
}

// DeepeningComparison sets the placement impact of the project's deepening rule (a fix
// at layer l deepens its stage to l+1, so the block is in every network) beside
// BlockProfile's released rule (to l: at layers 2-3 the block is then often absent).
type DeepeningComparison struct {
	Sample Sample // of the released rule's profile
	// PresentByLayer is, per layer, the mean fraction of the released rule's networks
	// that hold their fixed block (NaN at a layer without a fix).
	PresentByLayer []float64
	Metrics        []RuleSpreads
}

// CompareDeepening tests the placement of the named metrics of released (a profile with
// arch.DeepenAsReleased; none named: every metric it has) with shuffles shuffles and
// sets it beside included, the same metrics' tests under the project's rule with the
// same fixes and seed.
func CompareDeepening(included []PlacementTest, released *Result, shuffles int, metrics ...string) (DeepeningComparison, error) {
	if released.Deepen != arch.DeepenAsReleased {
		return DeepeningComparison{}, fmt.Errorf("profile: the released profile was run with deepening rule %d, not arch.DeepenAsReleased", released.Deepen)
	}
	if len(metrics) == 0 {
		metrics = released.Names
	}
	c := DeepeningComparison{Sample: released.Sample(), PresentByLayer: presentByLayer(released)}
	for _, name := range metrics {
		i := slices.IndexFunc(included, func(t PlacementTest) bool { return t.Metric == name })
		if i < 0 {
			return DeepeningComparison{}, fmt.Errorf("profile: no included-rule placement test of %s", name)
		}
		inc := included[i]
		rel, err := released.TestPlacement(name, shuffles)
		if err != nil {
			return DeepeningComparison{}, err
		}
		if len(rel.Positions) != len(inc.Positions) {
			return DeepeningComparison{}, fmt.Errorf("profile: %s: %d positions under the released rule, %d under the included one", name, len(rel.Positions), len(inc.Positions))
		}
		m := RuleSpreads{Metric: name, Unit: inc.Unit}
		for j, p := range inc.Positions {
			q := rel.Positions[j]
			if q.Stage != p.Stage || q.Layer != p.Layer {
				return DeepeningComparison{}, fmt.Errorf("profile: %s: position %d is %s under the released rule, %s under the included one", name, j, q.Name(), p.Name())
			}
			m.Positions = append(m.Positions, p.Position)
			m.Included, m.Released = append(m.Included, p.Spread.Estimate), append(m.Released, q.Spread.Estimate)
			m.IncludedBeyond, m.ReleasedBeyond = append(m.IncludedBeyond, p.BeyondNoise()), append(m.ReleasedBeyond, q.BeyondNoise())
		}
		c.Metrics = append(c.Metrics, m)
	}
	return c, nil
}

// byDepth splits a rule's spreads into the positions at layers 0-1, where the two rules
// build the same networks, and at layers 2-3, where they differ: their means and the
// number of positions beyond noise at layers 2-3.
func (m RuleSpreads) byDepth(released bool) (shallowMean, deepMean float64, deepBeyond, deep int) {
	v, beyond := m.Included, m.IncludedBeyond
	if released {
		v, beyond = m.Released, m.ReleasedBeyond
	}
	var shallow, deeper []float64
	for i, p := range m.Positions {
		if p.Layer >= 2 {
			deeper = append(deeper, v[i])
			if beyond[i] {
				deepBeyond++
			}
		} else {
			shallow = append(shallow, v[i])
		}
	}
	return stat.Mean(shallow, nil), stat.Mean(deeper, nil), deepBeyond, len(deeper)
}
