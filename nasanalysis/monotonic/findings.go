package monotonic

import (
	"errors"
	"fmt"
	"math"
	"slices"
	"strings"
	"time"

	"github.com/go-gota/gota/dataframe"
	"github.com/go-gota/gota/series"
	"gonum.org/v1/gonum/stat"

	"github.com/nasanalysis/nasanalysis/nasanalysis/data"
	"github.com/nasanalysis/nasanalysis/nasanalysis/internal/par"
	"github.com/nasanalysis/nasanalysis/nasanalysis/predictor"
	"github.com/nasanalysis/nasanalysis/nasanalysis/prose"
	"github.com/nasanalysis/nasanalysis/nasanalysis/stats"
)

// This file holds the later sections of the monotonicity study (notebook 02): Pareto
// reuse, adaptation on every pair, adaptation curves, the published anchor pair, the
// fine-tuned predictor and HELP's few-shot protocol; each with its typed result and the
// sentences stating its finding. Directions between methods come from paired 95 %
// t-intervals over seeds (every method sees the same target cells at a seed), never
// from two means alone.

// Published figures of HELP (Lee et al., NeurIPS 2021, Table 3; recorded in
// ../shared/datasets/nb201/README.md): mean SRCC over its six unseen NAS-Bench-201
// devices (HELPTestDevices) with 10 target samples, and of FLOPs alone.
const (
	HELPSRCC      = 0.932
	HELPFLOPsSRCC = 0.787
)

// Direction words the sign of a paired interval of a - b: "above", "below", or "level
// with" when the interval contains 0.
func Direction(iv stats.Interval) string {
	switch iv.Sign() {
	case 1:
		return "above"
	case -1:
		return "below"
	}
	return "level with"
}

// withInterval formats an estimate with its interval for prose: "0.0200 (95 % interval
// 0.0100–0.0300)".
func withInterval(iv stats.Interval) string {
	est, rest, _ := strings.Cut(intervalPhrase(iv), ", ")
	return est + " (" + rest + ")"
}

// intervalPhrase formats an estimate with its interval for prose already inside
// parentheses: "0.0200, 95 % interval 0.0100–0.0300".
func intervalPhrase(iv stats.Interval) string {
	level := iv.Level
	if level == 0 {
		level = 0.95
	}
	est := prose.Est(iv.Estimate, iv.Lo, iv.Hi) // "0.0200 (0.0100–0.0300)"
	est = strings.Replace(est, " (", fmt.Sprintf(", %s %% interval ", prose.Num(100*level)), 1)
	return strings.TrimSuffix(est, ")")
}

// pairedDiff is the paired 95 % t-interval of a - b over seeds, or a NaN interval when
// it cannot be formed (fewer than two seeds, or NaN values): no direction then.
func pairedDiff(a, b []float64) stats.Interval {
	iv, err := stats.PairedTInterval(a, b, 0.95)
	if err != nil {
		return stats.Interval{Estimate: math.NaN(), Lo: math.NaN(), Hi: math.NaN(), Level: 0.95}
	}
	return iv
}

// ReuseSentences states a ReuseSummary: what the proxies' fronts keep of the targets'
// at the budget quantiles (percent, in the table's order), the pairs above and below
// threshold, and where no architecture of a proxy's front meets a budget.
func ReuseSentences(s ReuseSummary, quantiles []float64, threshold float64) []string {
	var budgets, losses, gaps []string
	for k, q := range quantiles {
		budgets, losses = append(budgets, prose.Num(100*q)), append(losses, prose.Num(s.Loss[k]))
		if k < len(s.Unmet) && s.Unmet[k] > 0 {
			gaps = append(gaps, fmt.Sprintf("%s pairs at the %s %% budget", prose.Num(s.Unmet[k]), prose.Num(100*q)))
		}
	}
	out := []string{fmt.Sprintf("Over the %s ordered pairs (medians): the proxy's front recovers %s %% of the target's front and keeps %s of its hypervolume; accuracy lost at the %s %% budgets: %s points. Pairs with SRCC ≥ %s (%s) keep a median %s of the hypervolume, the others (%s) %s. Spearman correlation between a pair's SRCC and its hypervolume ratio: %s.",
		prose.Num(s.Pairs), prose.Num(100*s.Recovered), prose.Num(s.HVRatio), strings.Join(budgets, "/"), strings.Join(losses, " / "),
		prose.Num(threshold), prose.Num(s.Above), prose.Num(s.HVAbove), prose.Num(s.Below), prose.Num(s.HVBelow), prose.Num(s.SRCCvsHypervolume))}
	if len(gaps) > 0 {
		out = append(out, fmt.Sprintf("On %s, no architecture of the proxy's front meets the budget on the target at all; those losses are n/a in the table and left out of the medians.", prose.JoinAnd(gaps)))
	}
	return out
}

// Describe says which target cells a method fits on and how it chooses λ, with nTrain
// + nVal target cells.
func (m Method) Describe(nTrain, nVal int) string {
	switch m {
	case MethodProxy:
		return "the proxy's latencies, unadapted"
	case MethodAdaProxy:
		return fmt.Sprintf("λ by generalised cross-validation on all %d target cells", nTrain+nVal)
	case MethodAdaProxyVal:
		return fmt.Sprintf("OneProxy's rule: fitted on %d target cells, λ chosen on the other %d", nTrain, nVal)
	case MethodAdaProxyCV:
		return fmt.Sprintf("λ by 5-fold cross-validation on all %d target cells", nTrain+nVal)
	case MethodTargetOnly:
		return fmt.Sprintf("the per-operator model fitted on the %d target cells alone", nTrain+nVal)
	case MethodFineTune:
		return fmt.Sprintf("an MLP pre-trained on the proxy, fine-tuned on %d target cells, its number of steps chosen on the other %d", nTrain, nVal)
	}
	return string(m)
}

// AdaptationGrids runs AdaptAll with each method on every ordered pair of t's devices
// (X = Encode(t)), over seeds 0..nSeeds-1: the same target cells for every method.
func AdaptationGrids(t *data.LatencyTable, X [][]float64, methods []Method, nTrain, nVal, nSeeds int) ([]Grid, error) {
	var out []Grid
	for _, m := range methods {
		g, err := AdaptAll(t, X, nil, m, nTrain, nVal, nSeeds)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", m, err)
		}
		out = append(out, g)
	}
	return out, nil
}

// GridFacts summarises one method's adaptation grid under a scoring: pairs reaching
// the threshold, the mean and worst pair, and how it stands against target-only.
type GridFacts struct {
	Method              Method
	NTrain, NVal, Seeds int
	Pairs               int
	Reached, ReachedAll int     // pairs at the threshold or above: held-out cells, all cells
	Mean, MeanAll       float64 // mean over pairs: held-out, all cells
	Worst               float64 // held-out
	WorstPair           string
	Below               int     // pairs whose held-out mean is below target-only's
	MaxDeficit          float64 // the most it is below target-only on a pair
	// VsTargetOnly is the paired 95 % t-interval, over seeds, of the method's mean
	// held-out SRCC over pairs minus target-only's (NaN without a target-only grid).
	VsTargetOnly stats.Interval
	SeedMeans    []float64 // mean held-out SRCC over pairs, per seed
}

// SummarizeGrids summarises each grid on held-out cells against the target-only grid
// among them (on the same devices), counting pairs at threshold.
func SummarizeGrids(grids []Grid, threshold float64) []GridFacts {
	var base *Grid
	for k := range grids {
		if grids[k].Method == MethodTargetOnly {
			base = &grids[k]
		}
	}
	var out []GridFacts
	for _, g := range grids {
		f := GridFacts{Method: g.Method, NTrain: g.NTrain, NVal: g.NVal, Seeds: g.Seeds, Mean: stats.OffDiagonalMean(g.AfterHeldOut),
			MeanAll: stats.OffDiagonalMean(g.After), Worst: math.Inf(1), SeedMeans: g.SeedMeanAfterHeldOut}
		f.Reached, f.Pairs = CountAtLeast(g.AfterHeldOut, threshold)
		f.ReachedAll, _ = CountAtLeast(g.After, threshold)
		f.VsTargetOnly = stats.Interval{Estimate: math.NaN(), Lo: math.NaN(), Hi: math.NaN(), Level: 0.95}
		comparable := base != nil && slices.Equal(base.Devices, g.Devices)
		if comparable {
			f.VsTargetOnly = pairedDiff(g.SeedMeanAfterHeldOut, base.SeedMeanAfterHeldOut)
		}
		for i := range g.AfterHeldOut {
			for j, v := range g.AfterHeldOut[i] {
				if i == j || math.IsNaN(v) {
					continue
				}
				if v < f.Worst {
					f.Worst, f.WorstPair = v, g.pairName(i, j)
				}
				if comparable && v < base.AfterHeldOut[i][j] {
					f.Below++
					f.MaxDeficit = math.Max(f.MaxDeficit, base.AfterHeldOut[i][j]-v)
				}
			}
		}
		out = append(out, f)
	}
	return out
}

// FactsOf returns the facts of method m among fs (the zero value when absent).
func FactsOf(fs []GridFacts, m Method) GridFacts {
	for _, f := range fs {
		if f.Method == m {
			return f
		}
	}
	return GridFacts{}
}

// BelowText says on how many pairs a method is below target-only, and by how much.
func (f GridFacts) BelowText() string {
	if f.Below == 0 {
		return "never below target-only"
	}
	return fmt.Sprintf("below target-only on %s of %s pairs, by at most %s", prose.Num(f.Below), prose.Num(f.Pairs), prose.Num(f.MaxDeficit))
}

// GridSentences states the grids' findings on held-out cells: the unadapted proxies,
// each method, which rule for λ reaches the threshold on most pairs, and whether
// OneProxy's rule and GCV beat the target-only baseline (by pairs, and in mean SRCC by
// a paired interval over seeds).
func GridSentences(fs []GridFacts, threshold float64) []string {
	var lines []string
	for _, f := range fs {
		if f.Method == MethodProxy {
			continue
		}
		line := fmt.Sprintf("- **%s** (%s): %s of %s pairs reach %s (%s scored on all cells), mean %s, worst %s (%s)",
			f.Method, f.Method.Describe(f.NTrain, f.NVal), prose.Num(f.Reached), prose.Num(f.Pairs), prose.Num(threshold), prose.Num(f.ReachedAll), prose.Num(f.Mean), prose.Num(f.Worst), f.WorstPair)
		if f.Method != MethodTargetOnly {
			line += "; " + f.BelowText()
		}
		lines = append(lines, line+".")
	}
	p := FactsOf(fs, MethodProxy)
	out := []string{fmt.Sprintf("On held-out cells the unadapted proxies have a mean SRCC of %s over the %s pairs, and %s reach %s. After adaptation:\n\n%s",
		prose.Num(p.Mean), prose.Num(p.Pairs), prose.Num(p.Reached), prose.Num(threshold), strings.Join(lines, "\n"))}

	rules := []Method{MethodAdaProxy, MethodAdaProxyVal, MethodAdaProxyCV}
	most := 0
	for _, m := range rules {
		most = max(most, FactsOf(fs, m).Reached)
	}
	var top []string
	var bestMean Method
	for _, m := range rules {
		f := FactsOf(fs, m)
		if f.Reached == most {
			top = append(top, fmt.Sprintf("**%s** (mean %s)", m, prose.Num(f.Mean)))
			if bestMean == "" || f.Mean > FactsOf(fs, bestMean).Mean {
				bestMean = m
			}
		}
	}
	lead := fmt.Sprintf("Of the three ways to choose λ, %s reaches the threshold on most pairs (%s).", top[0], prose.Num(most))
	if len(top) > 1 {
		lead = fmt.Sprintf("Of the three ways to choose λ, %s tie on most pairs reaching the threshold (%s); %s has the highest mean.", prose.JoinAnd(top), prose.Num(most), bestMean)
	}
	val, to, gcv := FactsOf(fs, MethodAdaProxyVal), FactsOf(fs, MethodTargetOnly), FactsOf(fs, MethodAdaProxy)
	beats := "beats"
	if val.Reached <= to.Reached {
		beats = "does not beat"
	}
	out = append(out, fmt.Sprintf("%s OneProxy's own rule, adaproxy-val, reaches %s and %s the target-only baseline (%s pairs; it is %s). λ by GCV (adaproxy) is %s, and %s it in mean SRCC: %s against %s, a paired difference over the %s seeds of %s.",
		lead, prose.Num(val.Reached), beats, prose.Num(to.Reached), val.BelowText(), gcv.BelowText(), Direction(gcv.VsTargetOnly), prose.Num(gcv.Mean), prose.Num(to.Mean),
		prose.Num(gcv.Seeds), withInterval(gcv.VsTargetOnly)))
	return out
}

// CurveFacts is what one pair's adaptation curves show, on held-out cells.
type CurveFacts struct {
	Pair   string
	Before float64
	// At10 lists the methods by mean SRCC with the fewest target cells, best first.
	At10 []MethodMean
	// LeadClear says whether the first of At10 is above the second by a paired
	// interval over seeds.
	LeadClear bool
	Spread70  float64 // the range of the methods' means with 70 cells
	// AboveTargetOnly, LevelTargetOnly and BelowTargetOnly list the sizes at which the
	// best AdaProxy variant (by mean) is above, level with or below target-only, by a
	// paired interval over seeds.
	AboveTargetOnly, LevelTargetOnly, BelowTargetOnly []int
	// ValLowest counts the sizes up to 30 cells at which adaproxy-val has the lowest
	// mean of the methods.
	ValLowest, SmallSizes int
}

// MethodMean is a method's mean SRCC at one size.
type MethodMean struct {
	Method Method
	Mean   float64
}

// CurveFactsOf reads pc's curves (held-out scoring) at the sizes of its points: few is
// the smallest size compared, many the size at which the methods' spread is taken.
func CurveFactsOf(pc PairCurves, few, many int) (CurveFacts, error) {
	f := CurveFacts{Pair: pc.Proxy + " → " + pc.Target, Before: pc.Before}
	at := func(c MethodCurve, n int) (SeedSummary, bool) {
		for _, p := range c.Points {
			if p.Samples == n {
				return p.HeldOut, true
			}
		}
		return SeedSummary{}, false
	}
	var sizes []int
	if len(pc.Curves) > 0 {
		for _, p := range pc.Curves[0].Points {
			sizes = append(sizes, p.Samples)
		}
	}
	lo70, hi70 := math.Inf(1), math.Inf(-1)
	var first []SeedSummary
	for _, c := range pc.Curves {
		s, ok := at(c, few)
		if !ok {
			return CurveFacts{}, fmt.Errorf("%s: %s has no point at %d cells", f.Pair, c.Method, few)
		}
		f.At10 = append(f.At10, MethodMean{c.Method, s.MeanAfter})
		first = append(first, s)
		if s70, ok := at(c, many); ok {
			lo70, hi70 = math.Min(lo70, s70.MeanAfter), math.Max(hi70, s70.MeanAfter)
		}
	}
	order := make([]int, len(f.At10))
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(a, b int) int { return cmpFloat(f.At10[b].Mean, f.At10[a].Mean) })
	sorted := make([]MethodMean, len(order))
	for k, i := range order {
		sorted[k] = f.At10[i]
	}
	f.At10 = sorted
	if len(order) > 1 {
		f.LeadClear = pairedDiff(first[order[0]].After, first[order[1]].After).Sign() > 0
	}
	f.Spread70 = hi70 - lo70
	for _, n := range sizes {
		var best, to SeedSummary
		haveBest, haveTO := false, false
		var means []float64
		var val float64
		haveVal := false
		for _, c := range pc.Curves {
			s, ok := at(c, n)
			if !ok {
				continue
			}
			means = append(means, s.MeanAfter)
			switch c.Method {
			case MethodTargetOnly:
				to, haveTO = s, true
			default:
				if !haveBest || s.MeanAfter > best.MeanAfter {
					best, haveBest = s, true
				}
			}
			if c.Method == MethodAdaProxyVal {
				val, haveVal = s.MeanAfter, true
			}
		}
		if haveBest && haveTO {
			switch pairedDiff(best.After, to.After).Sign() {
			case 1:
				f.AboveTargetOnly = append(f.AboveTargetOnly, n)
			case -1:
				f.BelowTargetOnly = append(f.BelowTargetOnly, n)
			default:
				f.LevelTargetOnly = append(f.LevelTargetOnly, n)
			}
		}
		if haveVal && n <= 30 {
			f.SmallSizes++
			if val <= slices.Min(means) {
				f.ValLowest++
			}
		}
	}
	return f, nil
}

func joinSizes(ns []int) string {
	s := make([]string, len(ns))
	for i, n := range ns {
		s[i] = prose.Num(n)
	}
	return prose.JoinAnd(s)
}

// Sentence states one pair's curves: who leads with few cells, at which sizes the best
// AdaProxy variant is above, level with or below target-only, and how far apart the
// methods end.
func (f CurveFacts) Sentence(few, many int) string {
	var at []string
	for _, m := range f.At10 {
		at = append(at, fmt.Sprintf("%s %s", m.Method, prose.Num(m.Mean)))
	}
	lead := "its lead over the next is within the seeds' noise"
	if f.LeadClear {
		lead = "ahead of the next by a paired 95 % interval"
	}
	var vs []string
	for _, c := range []struct {
		word  string
		sizes []int
	}{{"above", f.AboveTargetOnly}, {"level with", f.LevelTargetOnly}, {"below", f.BelowTargetOnly}} {
		if len(c.sizes) > 0 {
			whom := "it"
			if len(vs) == 0 {
				whom = "target-only"
			}
			vs = append(vs, fmt.Sprintf("%s %s at %s cells", c.word, whom, joinSizes(c.sizes)))
		}
	}
	versus := "has no target-only curve to compare with"
	if len(vs) > 0 {
		versus = "is " + prose.JoinAnd(vs)
	}
	return fmt.Sprintf("`%s` (unadapted %s): with %s cells %s (%s first, %s); the best AdaProxy variant %s; with %s cells the methods lie within %s of each other.",
		f.Pair, prose.Num(f.Before), prose.Num(few), strings.Join(at, ", "), f.At10[0].Method, lead, versus, prose.Num(many), prose.Num(f.Spread70))
}

// CurvesFactsOf reads every pair's curves (CurveFactsOf).
func CurvesFactsOf(pcs []PairCurves, few, many int) ([]CurveFacts, error) {
	var out []CurveFacts
	for _, pc := range pcs {
		f, err := CurveFactsOf(pc, few, many)
		if err != nil {
			return nil, err
		}
		out = append(out, f)
	}
	return out, nil
}

// CurvesParagraph states every pair's curves, one bullet each, and how often
// adaproxy-val has the lowest mean with at most 30 cells.
func CurvesParagraph(fs []CurveFacts, few, many int) string {
	var lines []string
	low, small := 0, 0
	for _, f := range fs {
		lines = append(lines, "- "+f.Sentence(few, many))
		low, small = low+f.ValLowest, small+f.SmallSizes
	}
	return fmt.Sprintf("Held-out SRCC, mean over seeds (with %s cells, best first):\n\n%s\n\nOneProxy's validation rule (adaproxy-val) has the lowest mean of the methods at %s of the %s (pair, ≤ 30 cells) points.",
		prose.Num(few), strings.Join(lines, "\n"), prose.Num(low), prose.Num(small))
}

// MethodComparison is several methods run on one pair over the same seeds (RunSeeds:
// seed k draws the same target cells for every method).
type MethodComparison struct {
	Methods      []Method
	NTrain, NVal int
	All, HeldOut []SeedSummary // per method, scored on all cells and on held-out cells
	LambdaFracs  [][]float64   // per method, per seed: the chosen λ / λmax (NaN where none)
}

// CompareMethods runs each method on p for seeds 0..nSeeds-1.
func CompareMethods(p *Pair, methods []Method, nTrain, nVal, nSeeds int) (MethodComparison, error) {
	c := MethodComparison{Methods: methods, NTrain: nTrain, NVal: nVal}
	for _, m := range methods {
		rs, err := RunSeeds(p, m.Run, nTrain, nVal, nSeeds)
		if err != nil {
			return MethodComparison{}, fmt.Errorf("%s: %w", m, err)
		}
		fr := make([]float64, len(rs))
		for k, r := range rs {
			fr[k] = r.LambdaFrac
		}
		c.All, c.HeldOut = append(c.All, Summarize(rs)), append(c.HeldOut, SummarizeScored(rs, ScoreHeldOut))
		c.LambdaFracs = append(c.LambdaFracs, fr)
	}
	return c, nil
}

// Of returns method m's summaries, scored on all cells and on held-out cells.
func (c MethodComparison) Of(m Method) (all, heldOut SeedSummary, ok bool) {
	for k, x := range c.Methods {
		if x == m {
			return c.All[k], c.HeldOut[k], true
		}
	}
	return SeedSummary{}, SeedSummary{}, false
}

// Kept counts the seeds at which method m kept the proxy's operator ratios
// uncorrected (λ = λmax).
func (c MethodComparison) Kept(m Method) int {
	n := 0
	for k, x := range c.Methods {
		if x == m {
			for _, f := range c.LambdaFracs[k] {
				if f == 1 {
					n++
				}
			}
		}
	}
	return n
}

// Frame is the comparison as a table: method, seeds, before, mean_after, sd_after,
// min_after, max_after (all cells), mean_after_heldout, sd_after_heldout.
func (c MethodComparison) Frame() dataframe.DataFrame {
	var names []string
	var heldMean, heldSD []float64
	for k, m := range c.Methods {
		names = append(names, string(m))
		heldMean, heldSD = append(heldMean, c.HeldOut[k].MeanAfter), append(heldSD, c.HeldOut[k].StdAfter)
	}
	df := SeedSummariesFrame("method", names, c.All)
	return df.Mutate(series.New(heldMean, series.Float, "mean_after_heldout")).Mutate(series.New(heldSD, series.Float, "sd_after_heldout"))
}

// PublishedPosition places a published figure among our seeds' results: "lies within
// our seeds' range", "lies above every one of our seeds" or "lies below every one of our
// seeds".
func PublishedPosition(published float64, s SeedSummary) string {
	switch {
	case published > s.MaxAfter:
		return "lies above every one of our seeds"
	case published < s.MinAfter:
		return "lies below every one of our seeds"
	}
	return "lies within our seeds' range"
}

// AnchorSentence sets the anchor pair's comparison (c, with adaproxy-val, adaproxy,
// adaproxy-cv and target-only among its methods) beside OneProxy's published figures
// before and after adaptation.
func AnchorSentence(c MethodComparison, publishedBefore, publishedAfter float64) (string, error) {
	get := func(m Method) (SeedSummary, SeedSummary, error) {
		a, h, ok := c.Of(m)
		if !ok {
			return a, h, fmt.Errorf("the anchor comparison lacks %s", m)
		}
		return a, h, nil
	}
	val, valH, err := get(MethodAdaProxyVal)
	if err != nil {
		return "", err
	}
	gcv, gcvH, err := get(MethodAdaProxy)
	if err != nil {
		return "", err
	}
	cv, cvH, err := get(MethodAdaProxyCV)
	if err != nil {
		return "", err
	}
	to, toH, err := get(MethodTargetOnly)
	if err != nil {
		return "", err
	}
	gcvVsVal := pairedDiff(gcvH.After, valH.After)
	return fmt.Sprintf("Published (OneProxy's example, one draw of cells): SRCC %.4f before, %s after. Here: %.4f before. OneProxy's procedure (adaproxy-val) gives a mean %s over %s seeds (range %s; %s on held-out cells), so the published %s %s. On %s of the %s seeds its choice of λ on %s validation cells keeps the proxy's operator ratios uncorrected (λ = λmax); its lowest seed ends at %s. λ by GCV (adaproxy) gives %s (range %s; held-out %s, %s adaproxy-val's by a paired difference of %s), 5-fold CV %s (held-out %s), target-only %s (held-out %s).",
		publishedBefore, prose.Num(publishedAfter), val.MeanBefore, prose.Num(val.MeanAfter), prose.Num(val.N), prose.Interval(val.MinAfter, val.MaxAfter), prose.Num(valH.MeanAfter),
		prose.Num(publishedAfter), PublishedPosition(publishedAfter, val), prose.Num(c.Kept(MethodAdaProxyVal)), prose.Num(val.N), prose.Num(c.NVal), prose.Num(val.MinAfter),
		prose.Num(gcv.MeanAfter), prose.Interval(gcv.MinAfter, gcv.MaxAfter), prose.Num(gcvH.MeanAfter), Direction(gcvVsVal), intervalPhrase(gcvVsVal),
		prose.Num(cv.MeanAfter), prose.Num(cvH.MeanAfter), prose.Num(to.MeanAfter), prose.Num(toH.MeanAfter)), nil
}

// FineTuneStudy compares the fine-tuned MLP with the three AdaProxy variants on a few
// pairs, each method on the same target cells at every seed, scored on all measured
// target cells (OneProxy's figure).
type FineTuneStudy struct {
	Pairs         []string // "proxy → target"
	Seeds         []int    // seeds 0..Seeds[k]-1 for pair k
	Before        []float64
	Methods       []Method        // MethodAdaProxy, MethodAdaProxyVal, MethodAdaProxyCV, MethodFineTune
	After         [][]SeedSummary // [pair][method]
	Seconds       float64         // wall time of the whole study, pre-training included
	Layers        int
	Hidden        int
	PretrainSteps int
	NTrain, NVal  int
}

// FineTuneComparison runs the comparison on each pair (A = proxy, B = target) for its
// number of seeds: a FineTuner pre-trained on the proxy with cfg for pretrainSteps,
// then, seed by seed, every method on that seed's nTrain + nVal target cells.
func FineTuneComparison(t *data.LatencyTable, X [][]float64, pairs []stats.PairValue, seeds []int, cfg predictor.MLPConfig, pretrainSteps, nTrain, nVal int) (FineTuneStudy, error) {
	if len(seeds) != len(pairs) {
		return FineTuneStudy{}, fmt.Errorf("%d seed counts for %d pairs", len(seeds), len(pairs))
	}
	start := time.Now()
	s := FineTuneStudy{Seeds: seeds, Methods: []Method{MethodAdaProxy, MethodAdaProxyVal, MethodAdaProxyCV, MethodFineTune},
		Layers: cfg.Layers, Hidden: cfg.Hidden, PretrainSteps: pretrainSteps, NTrain: nTrain, NVal: nVal}
	for k, hp := range pairs {
		proxy, err := t.Column(hp.A)
		if err != nil {
			return FineTuneStudy{}, err
		}
		target, err := t.Column(hp.B)
		if err != nil {
			return FineTuneStudy{}, err
		}
		p := &Pair{X: X, Proxy: proxy, Target: target}
		ft, err := NewFineTuner(X, proxy, cfg, pretrainSteps)
		if err != nil {
			return FineTuneStudy{}, fmt.Errorf("pre-training on %s: %w", hp.A, err)
		}
		// Seed by seed, every method on that seed's cells (RunSeeds's protocol), the
		// fine-tuner first.
		runs := []Runner{ft.Run, MethodAdaProxy.Run, MethodAdaProxyVal.Run, MethodAdaProxyCV.Run}
		results := make([][]Result, len(runs))
		cand := Measured(target)
		for seed := range seeds[k] {
			sp, err := SplitForSeed(uint64(seed), cand, nTrain, nVal)
			if err != nil {
				return FineTuneStudy{}, fmt.Errorf("%s -> %s: %w", hp.A, hp.B, err)
			}
			for r, run := range runs {
				res, err := run(p, sp)
				if err != nil {
					return FineTuneStudy{}, fmt.Errorf("%s -> %s, seed %d: %w", hp.A, hp.B, seed, err)
				}
				results[r] = append(results[r], res)
			}
		}
		f := Summarize(results[0])
		s.Pairs, s.Before = append(s.Pairs, hp.A+" → "+hp.B), append(s.Before, f.MeanBefore)
		s.After = append(s.After, []SeedSummary{Summarize(results[1]), Summarize(results[2]), Summarize(results[3]), f})
	}
	s.Seconds = time.Since(start).Seconds()
	return s, nil
}

// Frame is the comparison as a table: pair, seeds, before, then mean and sd of SRCC
// after for adaproxy, adaproxy_val, adaproxy_cv and finetune.
func (s FineTuneStudy) Frame() dataframe.DataFrame {
	cols := make([][]float64, 8)
	for _, row := range s.After {
		for m, sum := range row {
			cols[2*m], cols[2*m+1] = append(cols[2*m], sum.MeanAfter), append(cols[2*m+1], sum.StdAfter)
		}
	}
	out := []series.Series{series.New(s.Pairs, series.String, "pair"), series.New(s.Seeds, series.Int, "seeds"), series.New(s.Before, series.Float, "before")}
	for c, name := range []string{"adaproxy", "adaproxy_sd", "adaproxy_val", "adaproxy_val_sd", "adaproxy_cv", "adaproxy_cv_sd", "finetune", "finetune_sd"} {
		out = append(out, series.New(cols[c], series.Float, name))
	}
	return dataframe.New(out...)
}

// Position says where the fine-tuned MLP stands against the three AdaProxy variants on
// pair k, each by a paired 95 % interval over seeds: "above all three AdaProxy
// variants", "below all three ...", "level with all three ...", or the counts.
func (s FineTuneStudy) Position(k int) string {
	ft := s.After[k][len(s.Methods)-1]
	n := map[int]int{}
	for m := range s.Methods[:len(s.Methods)-1] {
		n[pairedDiff(ft.After, s.After[k][m].After).Sign()]++
	}
	others := len(s.Methods) - 1
	switch others {
	case n[1]:
		return "above all three AdaProxy variants"
	case n[-1]:
		return "below all three AdaProxy variants"
	case n[0]:
		return "level with all three AdaProxy variants"
	}
	var parts []string
	for _, c := range []struct {
		sign int
		word string
	}{{1, "above"}, {0, "level with"}, {-1, "below"}} {
		if n[c.sign] > 0 {
			parts = append(parts, fmt.Sprintf("%s %d", c.word, n[c.sign]))
		}
	}
	return prose.JoinAnd(parts) + " of the three AdaProxy variants"
}

// BelowAll counts the pairs after the first (the anchor) on which the MLP is below all
// three AdaProxy variants.
func (s FineTuneStudy) BelowAll() int {
	n := 0
	for k := 1; k < len(s.Pairs); k++ {
		if s.Position(k) == "below all three AdaProxy variants" {
			n++
		}
	}
	return n
}

// Sentence states the MLP's result on the first pair (the anchor) against the three
// variants, its range on the other pairs and on how many it is below all three, and
// what the study cost; command is the command line that runs the full grid.
func (s FineTuneStudy) Sentence(command string) string {
	ft := len(s.Methods) - 1
	var rest []float64
	for k := 1; k < len(s.Pairs); k++ {
		rest = append(rest, s.After[k][ft].MeanAfter)
	}
	runs := 0
	for _, n := range s.Seeds {
		runs += n
	}
	a := s.After[0]
	restText := "no other pair"
	if len(rest) > 0 {
		restText = fmt.Sprintf("the %s least monotone pairs it reaches %s and is below all three AdaProxy variants on %s of them", prose.Num(len(rest)), prose.Interval(slices.Min(rest), slices.Max(rest)), prose.Num(s.BelowAll()))
	}
	return fmt.Sprintf("The fine-tuned MLP reaches %s on the anchor pair (`%s`), %s by paired 95 %% intervals over seeds (adaproxy %s, adaproxy-val %s, adaproxy-cv %s). On %s. The comparison took %s s for %s pair-seeds (%s proxies pre-trained, the AdaProxy runs included), so the full grid of every pair is left to the command line: `%s`.",
		prose.Num(a[ft].MeanAfter), s.Pairs[0], s.Position(0), prose.Num(a[0].MeanAfter), prose.Num(a[1].MeanAfter), prose.Num(a[2].MeanAfter),
		restText, prose.Num(s.Seconds), prose.Num(runs), prose.Num(len(s.Pairs)), command)
}

// FewShotResult is HELP's few-shot protocol run on several targets: the SRCC of each
// variant per target and seed.
type FewShotResult struct {
	Targets    []string
	Candidates int
	Shots      int
	Seeds      int
	TopK       int
	Variants   []string      // best_sampled_proxy, adapted, ensemble_top<k>, oracle_proxy
	SRCC       [][][]float64 // [variant][target][seed]
}

// RunFewShot runs MultiProxy for every target over seeds 0..nSeeds-1 with nShots
// target cells each, the candidates as proxies and the top k in the ensemble.
func RunFewShot(t *data.LatencyTable, X [][]float64, targets, candidates []string, nShots, nSeeds, k int) (FewShotResult, error) {
	var cols [][]float64
	for _, c := range candidates {
		col, err := t.Column(c)
		if err != nil {
			return FewShotResult{}, err
		}
		cols = append(cols, col)
	}
	r := FewShotResult{Targets: targets, Candidates: len(candidates), Shots: nShots, Seeds: nSeeds, TopK: k,
		Variants: []string{"best_sampled_proxy", "adapted", fmt.Sprintf("ensemble_top%d", k), "oracle_proxy"}}
	r.SRCC = make([][][]float64, len(r.Variants))
	for v := range r.SRCC {
		r.SRCC[v] = make([][]float64, len(targets))
	}
	errs := make([]error, len(targets))
	par.For(len(targets), func(ti int) {
		y, err := t.Column(targets[ti])
		if err != nil {
			errs[ti] = err
			return
		}
		for seed := 0; seed < nSeeds; seed++ {
			s, err := SplitForSeed(uint64(seed), Measured(y), nShots, 0)
			if err != nil {
				errs[ti] = err
				return
			}
			fs, err := MultiProxy(X, cols, y, s.Train, k)
			if err != nil {
				errs[ti] = fmt.Errorf("%s, seed %d: %w", targets[ti], seed, err)
				return
			}
			for v, x := range []float64{fs.Selected.SRCCAfter, fs.Adapted.SRCCAfter, fs.Ensemble.SRCCAfter, fs.Oracle} {
				r.SRCC[v][ti] = append(r.SRCC[v][ti], x)
			}
		}
	})
	if err := errors.Join(errs...); err != nil {
		return FewShotResult{}, err
	}
	return r, nil
}

// variant returns the index of a variant name, or -1.
func (r FewShotResult) variant(name string) int { return slices.Index(r.Variants, name) }

// Frame is the result as a table: one row per target and a final "mean" row (the mean of
// the targets' means), with each variant's mean over seeds and its standard deviation
// (none for the oracle, which does not depend on the sampled cells).
func (r FewShotResult) Frame() dataframe.DataFrame {
	names := append(slices.Clone(r.Targets), "mean")
	out := []series.Series{series.New(names, series.String, "target")}
	for v, name := range r.Variants {
		means, sds := make([]float64, len(names)), make([]float64, len(names))
		for ti := range r.Targets {
			means[ti] = stat.Mean(r.SRCC[v][ti], nil)
			sds[ti] = stat.StdDev(r.SRCC[v][ti], nil)
			means[len(r.Targets)] += means[ti] / float64(len(r.Targets))
		}
		sds[len(r.Targets)] = math.NaN()
		out = append(out, series.New(means, series.Float, name))
		if name != "oracle_proxy" {
			out = append(out, series.New(sds, series.Float, name+"_sd"))
		}
	}
	return dataframe.New(out...)
}

// SeedMeans returns, per seed, a variant's SRCC averaged over the targets.
func (r FewShotResult) SeedMeans(name string) []float64 {
	v := r.variant(name)
	if v < 0 {
		return nil
	}
	out := make([]float64, r.Seeds)
	for _, per := range r.SRCC[v] {
		for s, x := range per {
			out[s] += x / float64(len(r.Targets))
		}
	}
	return out
}

// Mean is a variant's SRCC averaged over targets and seeds.
func (r FewShotResult) Mean(name string) float64 { return stat.Mean(r.SeedMeans(name), nil) }

// VersusPublished is the 95 % t-interval, over seeds, of a variant's mean SRCC over the
// targets minus a published figure (HELPSRCC): above 0, the variant exceeds it. The
// published figure's own uncertainty is not known and not included.
func (r FewShotResult) VersusPublished(name string, published float64) (stats.Interval, error) {
	iv, err := stats.TInterval(r.SeedMeans(name), 0.95)
	if err != nil {
		return iv, fmt.Errorf("few-shot %s: %w", name, err)
	}
	iv.Estimate, iv.Lo, iv.Hi = iv.Estimate-published, iv.Lo-published, iv.Hi-published
	return iv, nil
}

// Sentence sets the variants' means beside HELP's published figures (HELPSRCC,
// HELPFLOPsSRCC) and says whether adapting the best-ranked proxy exceeds, falls short
// of or is level with HELP's, by the interval of VersusPublished.
func (r FewShotResult) Sentence() (string, error) {
	vs, err := r.VersusPublished("adapted", HELPSRCC)
	if err != nil {
		return "", err
	}
	word := map[int]string{1: "exceeds it", -1: "falls short of it", 0: "is level with it"}[vs.Sign()]
	return fmt.Sprintf("Mean over the %s devices: best sampled proxy %s, adapted %s, top-%d ensemble %s (oracle proxy %s). HELP reports %s for its meta-learned predictor (FLOPs alone: %s); adapting the best-ranked proxy %s, without any meta-training: the difference is %s, a t-interval over the %s seeds that leaves out the spread of HELP's own figure.",
		prose.Num(len(r.Targets)), prose.Num(r.Mean("best_sampled_proxy")), prose.Num(r.Mean("adapted")), r.TopK, prose.Num(r.Mean(r.Variants[2])), prose.Num(r.Mean("oracle_proxy")),
		prose.Num(HELPSRCC), prose.Num(HELPFLOPsSRCC), word, withInterval(vs), prose.Num(r.Seeds)), nil
}
