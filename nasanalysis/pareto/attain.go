package pareto

import (
	"fmt"
	"math"
	"slices"
)

// Attainment summarises several runs' 2-D fronts (e.g. one search per seed) as the
// best value each run attains at each budget, which is how fronts from different seeds
// can be drawn as one median line inside a band: a front is a staircase, and two
// staircases have no common points to average, but at any budget every run has a best
// value. Points are minimised in both objectives like every k-D tool here ([cost,
// -value] for a value to maximise); at budget b a run attains min{p[1] : p[0] <= b}, or
// +Inf when none of its points is that cheap.
//
// The result has one row per run and one column per budget. Runs with no points or
// with NaN or infinite coordinates are refused with an error naming the run and point.
func Attainment(runs [][][]float64, budgets []float64) ([][]float64, error) {
	if len(runs) == 0 {
		return nil, fmt.Errorf("attainment: no runs")
	}
	for j, b := range budgets {
		if math.IsNaN(b) {
			return nil, fmt.Errorf("attainment: budget %d is NaN", j)
		}
	}
	out := make([][]float64, len(runs))
	for r, pts := range runs {
		if len(pts) == 0 {
			return nil, fmt.Errorf("attainment: run %d has no points", r)
		}
		if _, err := checkSet(fmt.Sprintf("run %d", r), pts, 2, "a 2-D attainment"); err != nil {
			return nil, err
		}
		// Sort by cost; a running minimum of the second objective is then the staircase.
		order := make([]int, len(pts))
		for i := range order {
			order[i] = i
		}
		slices.SortFunc(order, func(a, b int) int {
			switch {
			case pts[a][0] < pts[b][0]:
				return -1
			case pts[a][0] > pts[b][0]:
				return 1
			}
			return 0
		})
		row := make([]float64, len(budgets))
		for j, b := range budgets {
			best := math.Inf(1)
			for _, i := range order {
				if pts[i][0] > b {
					break
				}
				best = math.Min(best, pts[i][1])
			}
			row[j] = best
		}
		out[r] = row
	}
	return out, nil
}

// AttainmentBand is the per-budget median and range (minimum and maximum over runs) of
// an Attainment table: the line and band a figure of several seeds' fronts draws. A
// budget where some run attains nothing (+Inf) gets NaN throughout, so that a line
// starts only where every run has a point, rather than plotting an infinity.
func AttainmentBand(att [][]float64) (median, lo, hi []float64) {
	if len(att) == 0 {
		return nil, nil, nil
	}
	n := len(att[0])
	median, lo, hi = make([]float64, n), make([]float64, n), make([]float64, n)
	col := make([]float64, len(att))
	for j := 0; j < n; j++ {
		inf := false
		for r := range att {
			col[r] = att[r][j]
			inf = inf || math.IsInf(col[r], 1)
		}
		if inf {
			median[j], lo[j], hi[j] = math.NaN(), math.NaN(), math.NaN()
			continue
		}
		slices.Sort(col)
		lo[j], hi[j] = col[0], col[len(col)-1]
		if m := len(col); m%2 == 1 {
			median[j] = col[m/2]
		} else {
			median[j] = (col[m/2-1] + col[m/2]) / 2
		}
	}
	return median, lo, hi
}
