package monotonic

import (
	"fmt"
	"math"
	"slices"
	"sort"
	"strings"

	"github.com/go-gota/gota/dataframe"
	"github.com/go-gota/gota/series"
	"gonum.org/v1/gonum/integrate/quad"
	"gonum.org/v1/gonum/stat/distuv"

	"github.com/nasanalysis/nasanalysis/nasanalysis/data"
	"github.com/nasanalysis/nasanalysis/nasanalysis/prose"
	"github.com/nasanalysis/nasanalysis/nasanalysis/stats"
)

// How BestProxies judges candidates from a Matrix, which holds each pair's correlation
// and its percentile-bootstrap interval but not the bootstrap replicates:
//
//   - A pair's standard error is read off its interval as a normal one: se = (hi - lo) /
//     (2 z), z the (1+level)/2 normal quantile.
//   - A candidate's mean over its targets gets the standard error mean(se): the pairs
//     of one candidate share the same resampled architectures and are positively
//     correlated, and the mean of the standard errors bounds the standard error of
//     their mean whatever the correlation (it is reached when they move together); the
//     independent-pairs value, sqrt(sum se²)/n, would understate it.
//   - Its worst case keeps the interval of its lowest pair, and that pair's se.
//   - A difference between two candidates gets the standard error se_a + se_b, the
//     largest it can be whatever their correlation. So "tied" (an interval of the
//     difference holding 0) may be said where the replicates themselves would separate
//     two candidates, never the other way round: the best is named only when the data
//     leave no doubt.
//   - The chance of being best treats the candidates' scores as independent normals
//     N(estimate, se²): P(c) = ∫ φ_c(x) Π_{k≠c} Φ_k(x) dx, integrated numerically. It is
//     an approximation (the scores are correlated), shown beside the intervals, which
//     carry the verdict.

// ProxyScore rates one device as the proxy for a set of targets: its mean and its
// worst correlation with them, each with an interval and its chance of being the best
// candidate (see the method above BestProxies).
type ProxyScore struct {
	Proxy   string
	Targets int // targets scored (the candidate itself and, on request, its own hardware left out)

	Mean stats.Interval // mean correlation with the targets
	// PBest is the chance that this candidate has the highest mean.
	PBest float64
	// VsBest is the interval of the best candidate's mean minus this one's; for the
	// best candidate itself, of its mean minus the runner-up's. An interval that holds 0
	// leaves the two tied.
	VsBest stats.Interval

	Worst       stats.Interval // lowest correlation with a target, with that pair's interval
	WorstTarget string
	PBestWorst  float64        // chance that its worst case is the highest
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
// made by CorrelationCI, with intervals at the matrix's level (a matrix without
// intervals gives NaN ones, which leave every candidate tied). The result is sorted by
// mean correlation, best first; BestWorstCase picks the max-min choice, and
// BestProxySentence states both. How the intervals and chances are formed is described
// above ProxyScore.
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
	z := distuv.UnitNormal.Quantile((1 + m.Level) / 2)
	se := func(i, j int) float64 {
		if m.Lo == nil || m.Hi == nil {
			return math.NaN()
		}
		return (m.Hi[i][j] - m.Lo[i][j]) / (2 * z)
	}
	var out []ProxyScore
	var meanSE, worstSE []float64
	for _, c := range cands {
		i := pos[c]
		s := ProxyScore{Proxy: c}
		sum, seSum, worst, worstAt := 0.0, 0.0, math.Inf(1), -1
		for _, t := range targets {
			j := pos[t]
			if t == c || opt.SkipSameHardware && hw[t] == hw[c] || math.IsNaN(m.Value[i][j]) {
				continue
			}
			s.Targets++
			sum, seSum = sum+m.Value[i][j], seSum+se(i, j)
			if m.Value[i][j] < worst {
				worst, worstAt = m.Value[i][j], j
			}
		}
		if s.Targets == 0 {
			continue
		}
		n := float64(s.Targets)
		s.Mean = stats.NormalInterval(sum/n, seSum/n, m.Level)
		s.Mean.Estimate = sum / n
		s.WorstTarget = m.Devices[worstAt]
		s.Worst = stats.Interval{Estimate: worst, Lo: math.NaN(), Hi: math.NaN(), Level: m.Level}
		if m.Lo != nil && m.Hi != nil {
			s.Worst.Lo, s.Worst.Hi = m.Lo[i][worstAt], m.Hi[i][worstAt]
		}
		out = append(out, s)
		meanSE, worstSE = append(meanSE, seSum/n), append(worstSE, se(i, worstAt))
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("no candidate has a target to be scored on")
	}
	est := func(get func(ProxyScore) float64) []float64 {
		v := make([]float64, len(out))
		for k, s := range out {
			v[k] = get(s)
		}
		return v
	}
	means, worsts := est(func(s ProxyScore) float64 { return s.Mean.Estimate }), est(func(s ProxyScore) float64 { return s.Worst.Estimate })
	pMean, pWorst := ChanceOfBest(means, meanSE), ChanceOfBest(worsts, worstSE)
	vsMean, vsWorst := vsBest(means, meanSE, m.Level), vsBest(worsts, worstSE, m.Level)
	for k := range out {
		out[k].PBest, out[k].PBestWorst = pMean[k], pWorst[k]
		out[k].VsBest, out[k].VsBestWorst = vsMean[k], vsWorst[k]
	}
	sort.SliceStable(out, func(a, b int) bool { return out[a].Mean.Estimate > out[b].Mean.Estimate })
	return out, nil
}

// ChanceOfBest returns, for scores with standard errors se, each one's chance of being
// the highest when they are independent normals N(score, se²): ∫ φ_c(x) Π_{k≠c} Φ_k(x)
// dx, integrated with a 400-point Gauss-Legendre rule over ±10 standard errors of the
// extremes. A score with se 0 counts as exact. NaN for all when an se is NaN or
// negative (no interval to judge by).
func ChanceOfBest(scores, se []float64) []float64 {
	out := make([]float64, len(scores))
	for k := range se {
		if !(se[k] >= 0) || math.IsNaN(scores[k]) {
			for i := range out {
				out[i] = math.NaN()
			}
			return out
		}
	}
	if len(scores) == 1 {
		out[0] = 1
		return out
	}
	// Exact scores (se 0) first: the highest of them beats every normal below it with
	// the probability that the normal stays below it.
	cdf := func(k int, x float64) float64 {
		if se[k] == 0 {
			if x >= scores[k] {
				return 1
			}
			return 0
		}
		return distuv.Normal{Mu: scores[k], Sigma: se[k]}.CDF(x)
	}
	lo, hi := math.Inf(1), math.Inf(-1)
	for k := range scores {
		lo, hi = math.Min(lo, scores[k]-10*se[k]), math.Max(hi, scores[k]+10*se[k])
	}
	for c := range scores {
		if se[c] == 0 {
			// P(every other score is below scores[c]).
			p := 1.0
			for k := range scores {
				if k != c {
					if se[k] == 0 && scores[k] == scores[c] && k < c {
						p = 0 // an exact tie goes to the first
					} else if !(se[k] == 0 && scores[k] == scores[c]) {
						p *= cdf(k, scores[c])
					}
				}
			}
			out[c] = p
			continue
		}
		// Below the highest exact score the product is 0: integrate from there, where
		// the integrand is smooth.
		from := lo
		for k := range scores {
			if se[k] == 0 {
				from = math.Max(from, scores[k])
			}
		}
		if from >= hi {
			continue
		}
		pdf := distuv.Normal{Mu: scores[c], Sigma: se[c]}
		out[c] = quad.Fixed(func(x float64) float64 {
			p := pdf.Prob(x)
			for k := range scores {
				if k != c {
					p *= cdf(k, x)
				}
			}
			return p
		}, from, hi, 400, nil, 0)
	}
	return out
}

// vsBest returns, per score, the interval of the highest score minus it (for the
// highest, minus the runner-up's), with standard error se_best + se_k.
func vsBest(scores, se []float64, level float64) []stats.Interval {
	out := make([]stats.Interval, len(scores))
	order := make([]int, len(scores))
	for k := range order {
		order[k] = k
	}
	sort.SliceStable(order, func(a, b int) bool { return scores[order[a]] > scores[order[b]] })
	best := order[0]
	diff := func(a, b int) stats.Interval {
		iv := stats.NormalInterval(scores[a]-scores[b], se[a]+se[b], level)
		iv.Estimate = scores[a] - scores[b]
		return iv
	}
	for _, k := range order[1:] {
		out[k] = diff(best, k)
	}
	if len(order) > 1 {
		out[best] = diff(best, order[1])
	} else {
		out[best] = stats.Interval{Estimate: math.NaN(), Lo: math.NaN(), Hi: math.NaN(), Level: level}
	}
	return out
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
