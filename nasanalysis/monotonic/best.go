package monotonic

import (
	"fmt"
	"math"
	"slices"
	"sort"
	"strings"

	"github.com/go-gota/gota/dataframe"
	"github.com/go-gota/gota/series"

	"github.com/nasanalysis/nasanalysis/nasanalysis/data"
	"github.com/nasanalysis/nasanalysis/nasanalysis/prose"
	"github.com/nasanalysis/nasanalysis/nasanalysis/stats"
)

// How BestProxies judges candidates: from the bootstrap replicates that CorrelationCI
// keeps in the matrix (Matrix.Replicates; each replicate resamples the architectures
// once for every pair), so a statistic of several pairs is bootstrapped with the pairs'
// dependence intact and no normal approximation is needed:
//
//   - A candidate's mean score is its mean correlation with its targets, its worst case
//     the lowest of those correlations. Each is computed on the full sample (the
//     estimate) and on every replicate, and its interval is the percentile interval of
//     the replicate values at the matrix's level. On a replicate the lowest correlation
//     may fall on another target than on the full sample: that is part of how uncertain
//     a worst case is. WorstTarget names the full sample's.
//   - The chance of being best is the share of replicates in which the candidate's score
//     is the highest of all candidates' (a tie for the highest split evenly), so the
//     chances sum to 1.
//   - A difference from the best candidate (the highest estimate) is computed on each
//     replicate from the same resampled architectures (paired), and its percentile
//     interval decides: one that excludes 0 separates the two, one that holds 0 leaves
//     them tied.
//   - A replicate in which a scored pair is undefined (NaN) is left out for every
//     candidate, so that all are judged on the same replicates.
//   - A matrix without replicates (made by hand, or with intervals only) gives the
//     estimates with NaN intervals and chances, which leave every candidate tied.

// ProxyScore rates one device as the proxy for a set of targets: its mean and its
// worst correlation with them, each with a percentile-bootstrap interval and its chance
// of being the best candidate (see the method above BestProxies).
type ProxyScore struct {
	Proxy   string
	Targets int // targets scored (the candidate itself and, on request, its own hardware left out)

	Mean stats.Interval // mean correlation with the targets
	// PBest is the share of bootstrap replicates in which this candidate has the
	// highest mean.
	PBest float64
	// VsBest is the interval of the best candidate's mean minus this one's, paired by
	// replicate; for the best candidate itself, of its mean minus the runner-up's. An
	// interval that holds 0 leaves the two tied.
	VsBest stats.Interval

	Worst       stats.Interval // lowest correlation with a target, with the interval of the replicates' lowest
	WorstTarget string         // the target of the lowest correlation on the full sample
	PBestWorst  float64        // share of replicates in which its worst case is the highest
	VsBestWorst stats.Interval // as VsBest, for the worst case
}

// ProxyOptions chooses the candidates and targets BestProxies scores.
type ProxyOptions struct {
	// Candidates and Targets name devices of the matrix; nil means all of them. A
	// candidate is never scored against itself.
	Candidates, Targets []string
	// SkipSameHardware leaves out, for each candidate, the targets on its own hardware
	// (the same GPU at another batch size), as Devices (from data.LoadDevices, every
	// device of the matrix described) tells.
	SkipSameHardware bool
	Devices          []data.Device
}

// BestProxies rates every candidate as a proxy for the targets of a correlation matrix
// made by CorrelationCI, with percentile-bootstrap intervals at the matrix's level from
// the replicates it keeps (a matrix without replicates gives NaN intervals and chances,
// which leave every candidate tied). The result is sorted by mean correlation, best
// first; BestWorstCase picks the max-min choice, and BestProxySentence states both. How
// the intervals and chances are formed is described above ProxyScore.
//
// It returns an error for a candidate or target not in the matrix, a device without
// hardware under SkipSameHardware, no candidate with a target, a level outside (0, 1)
// or replicates of the wrong shape, and when no replicate defines every scored pair.
func BestProxies(m Matrix, opt ProxyOptions) ([]ProxyScore, error) {
	pos := map[string]int{}
	for i, d := range m.Devices {
		pos[d] = i
	}
	cands, targets := opt.Candidates, opt.Targets
	if cands == nil {
		cands = m.Devices
	}
	if targets == nil {
		targets = m.Devices
	}
	for _, d := range append(slices.Clone(cands), targets...) {
		if _, ok := pos[d]; !ok {
			return nil, fmt.Errorf("device %q is not in the matrix (devices: %s)", d, strings.Join(m.Devices, ", "))
		}
	}
	hw := map[string]string{}
	if opt.SkipSameHardware {
		for _, d := range opt.Devices {
			hw[d.Name] = d.Hardware
		}
		for _, d := range m.Devices {
			if hw[d] == "" {
				return nil, fmt.Errorf("SkipSameHardware: device %q has no hardware in ProxyOptions.Devices", d)
			}
		}
	}
	var out []ProxyScore
	var rows []int   // the candidates' rows of the matrix, as out
	var cols [][]int // each candidate's targets' columns
	for _, c := range cands {
		i := pos[c]
		var ts []int
		for _, t := range targets {
			j := pos[t]
			if t == c || opt.SkipSameHardware && hw[t] == hw[c] || math.IsNaN(m.Value[i][j]) {
				continue
			}
			ts = append(ts, j)
		}
		if len(ts) == 0 {
			continue
		}
		mean, worst, worstAt := proxyScores(m.Value[i], ts)
		out = append(out, ProxyScore{Proxy: c, Targets: len(ts), WorstTarget: m.Devices[worstAt],
			Mean:  stats.Interval{Estimate: mean, Lo: math.NaN(), Hi: math.NaN(), Level: m.Level},
			Worst: stats.Interval{Estimate: worst, Lo: math.NaN(), Hi: math.NaN(), Level: m.Level}})
		rows, cols = append(rows, i), append(cols, ts)
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("no candidate has a target to be scored on")
	}
	// means[k][u], worsts[k][u]: candidate k's scores on the u-th usable replicate.
	means, worsts := make([][]float64, len(out)), make([][]float64, len(out))
	if m.Replicates != nil {
		if !(m.Level > 0 && m.Level < 1) {
			return nil, fmt.Errorf("best proxies: %w: the matrix's level is %v, want one in (0, 1)", stats.ErrLevel, m.Level)
		}
	replicates:
		for r, rep := range m.Replicates {
			if len(rep) != len(m.Devices) {
				return nil, fmt.Errorf("best proxies: replicate %d has %d rows for %d devices", r, len(rep), len(m.Devices))
			}
			for k, i := range rows {
				if len(rep[i]) != len(m.Devices) {
					return nil, fmt.Errorf("best proxies: replicate %d, row %q has %d columns for %d devices", r, m.Devices[i], len(rep[i]), len(m.Devices))
				}
				for _, j := range cols[k] {
					if math.IsNaN(rep[i][j]) {
						continue replicates
					}
				}
			}
			for k, i := range rows {
				mean, worst, _ := proxyScores(rep[i], cols[k])
				means[k], worsts[k] = append(means[k], mean), append(worsts[k], worst)
			}
		}
		if len(means[0]) == 0 {
			return nil, fmt.Errorf("best proxies: none of the %d bootstrap replicates defines every scored pair", len(m.Replicates))
		}
	}
	meanEst, worstEst := make([]float64, len(out)), make([]float64, len(out))
	for k, s := range out {
		meanEst[k], worstEst[k] = s.Mean.Estimate, s.Worst.Estimate
	}
	pMean, vsMean, err := bootstrapBest(meanEst, means, m.Level)
	if err != nil {
		return nil, fmt.Errorf("best proxies by mean: %w", err)
	}
	pWorst, vsWorst, err := bootstrapBest(worstEst, worsts, m.Level)
	if err != nil {
		return nil, fmt.Errorf("best proxies by worst case: %w", err)
	}
	for k := range out {
		s := &out[k]
		s.PBest, s.VsBest, s.PBestWorst, s.VsBestWorst = pMean[k], vsMean[k], pWorst[k], vsWorst[k]
		if m.Replicates == nil {
			continue
		}
		if s.Mean, err = percentileInterval(meanEst[k], means[k], m.Level); err != nil {
			return nil, fmt.Errorf("best proxies: %s's mean: %w", s.Proxy, err)
		}
		if s.Worst, err = percentileInterval(worstEst[k], worsts[k], m.Level); err != nil {
			return nil, fmt.Errorf("best proxies: %s's worst case: %w", s.Proxy, err)
		}
	}
	sort.SliceStable(out, func(a, b int) bool { return out[a].Mean.Estimate > out[b].Mean.Estimate })
	return out, nil
}

// proxyScores returns the mean and the lowest of row's entries at the target columns
// ts (not empty), and the column of the lowest (the first on a tie).
func proxyScores(row []float64, ts []int) (mean, worst float64, worstAt int) {
	sum, worst, worstAt := 0.0, math.Inf(1), -1
	for _, j := range ts {
		sum += row[j]
		if row[j] < worst {
			worst, worstAt = row[j], j
		}
	}
	return sum / float64(len(ts)), worst, worstAt
}

// percentileInterval is the estimate with the (1-level)/2 and (1+level)/2 quantiles of
// its replicates.
func percentileInterval(estimate float64, reps []float64, level float64) (stats.Interval, error) {
	q, err := stats.Quantiles(reps, (1-level)/2, (1+level)/2)
	if err != nil {
		return stats.Interval{}, err
	}
	return stats.Interval{Estimate: estimate, Lo: q[0], Hi: q[1], Level: level}, nil
}

// bootstrapBest judges candidates with estimates est and scores reps[k][u] on the same
// replicates u (reps[k] empty when there are none): each one's share of the replicates
// in which it scores highest (a tie split evenly), and the percentile interval of the
// best estimate's candidate minus it, paired by replicate (for the best, minus the
// runner-up by estimate). Without replicates the chances and intervals are NaN.
func bootstrapBest(est []float64, reps [][]float64, level float64) (chance []float64, vs []stats.Interval, err error) {
	n := len(est)
	chance, vs = make([]float64, n), make([]stats.Interval, n)
	order := make([]int, n)
	for k := range order {
		order[k] = k
	}
	sort.SliceStable(order, func(a, b int) bool { return est[order[a]] > est[order[b]] })
	nan := stats.Interval{Estimate: math.NaN(), Lo: math.NaN(), Hi: math.NaN(), Level: level}
	best := order[0]
	diff := func(a, b int) (stats.Interval, error) {
		if len(reps[0]) == 0 {
			return stats.Interval{Estimate: est[a] - est[b], Lo: math.NaN(), Hi: math.NaN(), Level: level}, nil
		}
		d := make([]float64, len(reps[a]))
		for u := range d {
			d[u] = reps[a][u] - reps[b][u]
		}
		return percentileInterval(est[a]-est[b], d, level)
	}
	for _, k := range order[1:] {
		if vs[k], err = diff(best, k); err != nil {
			return nil, nil, err
		}
	}
	vs[best] = nan
	if n > 1 {
		if vs[best], err = diff(best, order[1]); err != nil {
			return nil, nil, err
		}
	}
	u := len(reps[0])
	if u == 0 {
		for k := range chance {
			chance[k] = math.NaN()
		}
		return chance, vs, nil
	}
	var top []int
	for r := 0; r < u; r++ {
		top = top[:0]
		for k := range reps {
			switch {
			case len(top) == 0 || reps[k][r] > reps[top[0]][r]:
				top = append(top[:0], k)
			case reps[k][r] == reps[top[0]][r]:
				top = append(top, k)
			}
		}
		for _, k := range top {
			chance[k] += 1 / float64(len(top))
		}
	}
	for k := range chance {
		chance[k] /= float64(u)
	}
	return chance, vs, nil
}

// BestWorstCase returns the score with the highest worst-case correlation (the first
// such in order on a tie): the max-min choice of proxy. scores must not be empty.
func BestWorstCase(scores []ProxyScore) ProxyScore {
	best := scores[0]
	for _, s := range scores[1:] {
		if s.Worst.Estimate > best.Worst.Estimate {
			best = s
		}
	}
	return best
}

// ProxyScoresFrame lists proxy scores in the given order: proxy, targets, mean_srcc,
// mean_lo, mean_hi, p_best, worst_srcc, worst_lo, worst_hi, worst_target, p_best_worst.
// The chances are rounded to 0.0001 (a chance of 10⁻²⁷ reads as 0).
func ProxyScoresFrame(scores []ProxyScore) dataframe.DataFrame {
	var p, wt []string
	var n []int
	cols := make([][]float64, 8)
	for _, s := range scores {
		p, wt, n = append(p, s.Proxy), append(wt, s.WorstTarget), append(n, s.Targets)
		chance := func(p float64) float64 { return math.Round(p*1e4) / 1e4 }
		for c, v := range []float64{s.Mean.Estimate, s.Mean.Lo, s.Mean.Hi, chance(s.PBest), s.Worst.Estimate, s.Worst.Lo, s.Worst.Hi, chance(s.PBestWorst)} {
			cols[c] = append(cols[c], v)
		}
	}
	out := []series.Series{series.New(p, series.String, "proxy"), series.New(n, series.Int, "targets")}
	for c, name := range []string{"mean_srcc", "mean_lo", "mean_hi", "p_best", "worst_srcc", "worst_lo", "worst_hi"} {
		out = append(out, series.New(cols[c], series.Float, name))
	}
	return dataframe.New(append(out, series.New(wt, series.String, "worst_target"), series.New(cols[7], series.Float, "p_best_worst"))...)
}

// tiedWithBest returns the best candidate by stat and those whose difference from it
// (vs) has an interval holding 0 (or no interval), best first.
func tiedWithBest(scores []ProxyScore, stat, vs func(ProxyScore) stats.Interval) []ProxyScore {
	order := slices.Clone(scores)
	sort.SliceStable(order, func(a, b int) bool { return stat(order[a]).Estimate > stat(order[b]).Estimate })
	out := []ProxyScore{order[0]}
	for _, s := range order[1:] {
		if vs(s).Sign() == 0 {
			out = append(out, s)
		}
	}
	return out
}

// BestProxySentence names the best proxy by mean correlation and by worst case, or the
// candidates tied for best when the intervals of their differences from the best hold
// 0, with each one's chance of being best. scores come from BestProxies.
func BestProxySentence(scores []ProxyScore) string {
	if len(scores) == 0 {
		return "No candidate proxy was scored."
	}
	describe := func(what string, stat, vs func(ProxyScore) stats.Interval, chance func(ProxyScore) float64, with func(ProxyScore) string) string {
		ties := tiedWithBest(scores, stat, vs)
		var names []string
		for _, s := range ties {
			iv := stat(s)
			names = append(names, fmt.Sprintf("**%s** (%s%s, chance of being best %s %%)", s.Proxy, prose.Est(iv.Estimate, iv.Lo, iv.Hi), with(s), prose.Num(100*chance(s))))
		}
		if len(ties) == 1 {
			return fmt.Sprintf("best by %s: %s, ahead of the next by %s", what, names[0], withInterval(vs(ties[0])))
		}
		return fmt.Sprintf("tied for best by %s, the intervals of their differences holding 0: %s", what, prose.JoinAnd(names))
	}
	byMean := describe("mean SRCC", func(s ProxyScore) stats.Interval { return s.Mean }, func(s ProxyScore) stats.Interval { return s.VsBest },
		func(s ProxyScore) float64 { return s.PBest }, func(ProxyScore) string { return "" })
	byWorst := describe("worst case", func(s ProxyScore) stats.Interval { return s.Worst }, func(s ProxyScore) stats.Interval { return s.VsBestWorst },
		func(s ProxyScore) float64 { return s.PBestWorst }, func(s ProxyScore) string { return " with `" + s.WorstTarget + "`" })
	return strings.ToUpper(byMean[:1]) + byMean[1:] + "; " + byWorst + "."
}
