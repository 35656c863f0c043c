package predictor

import (
	"fmt"
	"math"
	"strings"

	"github.com/nasanalysis/nasanalysis/nasanalysis/arch"
	"github.com/nasanalysis/nasanalysis/nasanalysis/prose"
	"github.com/nasanalysis/nasanalysis/nasanalysis/stats"
)

// OpMixGroup is one group of OpMixError: the cells with exactly Edges edges of Op.
type OpMixGroup struct {
	Op        arch.Op
	Edges     int
	Cells     int
	MeanError float64 // percentile points
}

// Overall is the mean rank error over all scored cells (every cell is in exactly one
// group of each operation, so operation 0's groups cover them all once).
func (m OpMixError) Overall() (mean float64, cells int) {
	var sum float64
	for k, e := range m.MeanError[0] {
		if n := m.Count[0][k]; n > 0 {
			sum, cells = sum+e*float64(n), cells+n
		}
	}
	return sum / float64(cells), cells
}

// Extremes returns the groups of at least minCells cells with the largest and the
// smallest mean error (the first in operation, then edge-count order on a tie); an error
// when no group is that large.
func (m OpMixError) Extremes(minCells int) (worst, best OpMixGroup, err error) {
	worst.MeanError, best.MeanError = math.Inf(-1), math.Inf(1)
	found := false
	for op, row := range m.MeanError {
		for k, e := range row {
			if m.Count[op][k] < minCells {
				continue
			}
			found = true
			g := OpMixGroup{Op: arch.Op(op), Edges: k, Cells: m.Count[op][k], MeanError: e}
			if e > worst.MeanError {
				worst = g
			}
			if e < best.MeanError {
				best = g
			}
		}
	}
	if !found {
		return worst, best, fmt.Errorf("op-mix error: no group has %d cells or more", minCells)
	}
	return worst, best, nil
}

// OpMixFinding states the mean rank error over all cells and the groups (of at least
// minCells cells) where it is largest and smallest.
func OpMixFinding(m OpMixError, minCells int) (string, error) {
	worst, best, err := m.Extremes(minCells)
	if err != nil {
		return "", err
	}
	mean, cells := m.Overall()
	group := func(g OpMixGroup) string {
		return fmt.Sprintf("cells with %s on %d of the %d edges (%s cells, %s percentile points)", g.Op, g.Edges, arch.NumEdges, prose.Num(g.Cells), prose.Num(g.MeanError))
	}
	return fmt.Sprintf("Over all %s held-out cells the mean rank error is %s percentile points. Among groups of at least %d cells it is largest for %s and smallest for %s.",
		prose.Num(cells), prose.Num(mean), minCells, group(worst), group(best)), nil
}

// SearchGain compares two searches seed by seed after a number of queries: how many
// seeds the first is ahead in, and the mean difference (first − second) with its
// standard deviation and paired t-interval over seeds.
type SearchGain struct {
	Queries, Ahead, Seeds int
	Mean, SD              float64
	Diff                  stats.Interval
}

// CompareSearches compares best-so-far curves of two searches run with the same seeds
// (a[s][k] and b[s][k] are seed s's best value after k+1 queries) after each number of
// queries in at.
func CompareSearches(a, b [][]float64, at []int) ([]SearchGain, error) {
	if len(a) != len(b) || len(a) < 2 {
		return nil, fmt.Errorf("compare searches: %d and %d seeds (need the same, at least two)", len(a), len(b))
	}
	var out []SearchGain
	for _, q := range at {
		g := SearchGain{Queries: q, Seeds: len(a)}
		x, y, d := make([]float64, len(a)), make([]float64, len(a)), make([]float64, len(a))
		for s := range a {
			if q < 1 || q > len(a[s]) || q > len(b[s]) {
				return nil, fmt.Errorf("compare searches: seed %d has %d and %d queries, not %d", s, len(a[s]), len(b[s]), q)
			}
			x[s], y[s] = a[s][q-1], b[s][q-1]
			if d[s] = x[s] - y[s]; d[s] > 0 {
				g.Ahead++
			}
		}
		var err error
		if g.Mean, g.SD, err = stats.MeanSD(d); err != nil {
			return nil, err
		}
		if g.Diff, err = stats.PairedTInterval(x, y, 0.95); err != nil {
			// Identical curves (every difference 0) have no interval but a plain answer.
			g.Diff = stats.Interval{Estimate: g.Mean, Lo: g.Mean, Hi: g.Mean, Level: 0.95}
			if g.SD != 0 {
				return nil, fmt.Errorf("compare searches after %d queries: %w", q, err)
			}
		}
		out = append(out, g)
	}
	return out, nil
}

// SearchFinding states how often each search found the best value of the space and,
// after each number of queries, how the first compares with the second seed by seed.
func SearchFinding(best float64, budget, reachedA, reachedB int, gains []SearchGain) string {
	var parts []string
	seeds := 0
	for _, g := range gains {
		seeds = g.Seeds
		word := map[int]string{1: "ahead", -1: "behind", 0: "no different"}[g.Diff.Sign()]
		parts = append(parts, fmt.Sprintf("after %d queries guided search is ahead in %d of %d seeds (mean difference %s points, 95 %% t-interval %s: %s)",
			g.Queries, g.Ahead, g.Seeds, meanSDText(g.Mean, g.SD), prose.Interval(g.Diff.Lo, g.Diff.Hi), word))
	}
	return fmt.Sprintf("Guided search found the best cell of the space (%s %%) within %d queries in %d of %d seeds, random search in %d. Seed by seed, %s.",
		prose.Num(best), budget, reachedA, seeds, reachedB, strings.Join(parts, "; "))
}
