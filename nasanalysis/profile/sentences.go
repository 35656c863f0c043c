package profile

import (
	"fmt"
	"math"
	"slices"
	"strings"

	"github.com/nasanalysis/nasanalysis/nasanalysis/arch"
	"github.com/nasanalysis/nasanalysis/nasanalysis/prose"
	"github.com/nasanalysis/nasanalysis/nasanalysis/stats"
)

// The sentence builders of the study: each states one finding of a typed result, its
// comparison words chosen from the numbers and their intervals. They return Markdown
// (backticks and bold), never HTML.

// diffUnit is the unit of a difference of a metric in unit u: points for a percentage.
func diffUnit(u string) string {
	if u == "%" {
		return "points"
	}
	return u
}

// withUnit appends a unit to a formatted number ("" adds nothing).
func withUnit(s, unit string) string {
	if unit == "" {
		return s
	}
	return s + " " + unit
}

// SpanPhrase states the range of a metric's block means and the blocks at both ends:
// "77.9–78.2 % (lowest k3e3, highest k7e6)".
func SpanPhrase(e Effect) string {
	return fmt.Sprintf("%s (lowest %s, highest %s)", withUnit(prose.Interval(e.Low.Mean, e.High.Mean), e.Unit), e.Low.Block, e.High.Block)
}

// SpansSentence states the span of each metric: "`acc`: 77.9–78.2 % (…); `flops`: …."
func SpansSentence(effs []Effect) string {
	var parts []string
	for _, e := range effs {
		parts = append(parts, fmt.Sprintf("`%s`: %s", e.Metric, SpanPhrase(e)))
	}
	return strings.Join(parts, "; ") + "."
}

// moves says how a metric moves with a difference: rises or falls when the difference's
// 95 % interval excludes zero, else that it does not change beyond noise.
func moves(d Difference) string {
	switch d.Interval().Sign() {
	case 1:
		return "rises"
	case -1:
		return "falls"
	}
	return "does not change beyond noise"
}

// plusMinus formats a difference with its standard error: "e6 − e3: 0.123 ± 0.0201 points".
func plusMinus(d Difference, unit string) string {
	return fmt.Sprintf("%s: %s ± %s", d.Label, prose.Num(d.Estimate), withUnit(prose.Num(d.SE), diffUnit(unit)))
}

// EffectPhrase states what a metric does with the expand ratio and the kernel size:
// "`note10_r224` rises with the expand ratio (e6 − e3: 1.20 ± 0.05 ms) and rises with
// the kernel size (k7 − k3: 0.91 ± 0.05 ms)".
func EffectPhrase(e Effect) string {
	s := fmt.Sprintf("`%s` %s with the expand ratio (%s)", e.Metric, moves(e.Expand), plusMinus(e.Expand, e.Unit))
	if !math.IsNaN(e.Kernel.Estimate) {
		s += fmt.Sprintf(" and %s with the kernel size (%s)", moves(e.Kernel), plusMinus(e.Kernel, e.Unit))
	}
	return s
}

// EffectsSentence states every metric's EffectPhrase.
func EffectsSentence(effs []Effect) string {
	var parts []string
	for _, e := range effs {
		parts = append(parts, EffectPhrase(e))
	}
	return "Differences (± one standard error): " + strings.Join(parts, "; ") + "."
}

// ReadingSentence reads a set of block-response figures: how far apart the highest and
// lowest block mean lie relative to the mean, for each metric.
func ReadingSentence(effs []Effect) string {
	var spans []string
	for _, e := range effs {
		spans = append(spans, fmt.Sprintf("%s %% for `%s`", prose.Num(e.RelSpan), e.Metric))
	}
	return fmt.Sprintf("Reading the figures: the highest and lowest block mean differ by %s, relative to the mean: one fixed block among 10–20 random ones moves a network little, so the ordering is the finding.",
		prose.JoinAnd(spans))
}

// pValue formats a p-value: "p = 0.0123", or "p < 0.0001".
func pValue(p float64) string {
	if p < 1e-4 {
		return "p < 0.0001"
	}
	return "p = " + prose.Num(p)
}

// against places the range of our block means relative to the paper's.
func against(ours, paper Effect) string {
	lo, hi, plo, phi := ours.Low.Mean, ours.High.Mean, paper.Low.Mean, paper.High.Mean
	switch {
	case lo > phi:
		return "above the paper's whole range"
	case hi < plo:
		return "below the paper's whole range"
	case lo >= plo && hi <= phi:
		return "within the paper's range"
	}
	return "overlapping the paper's range"
}

// midpoint is the middle of a metric's range of block means.
func midpoint(e Effect) float64 { return (e.Low.Mean + e.High.Mean) / 2 }

// side says whether x lies above or below y.
func side(x, y float64) string {
	if x < y {
		return "below"
	}
	return "above"
}

// PaperSentence sets a profile beside the published response (ComparePaper): each range
// against the paper's, the Note10 table's kernel-7 order, whether the RTX 2080 Ti at batch
// 1 is flat as published, and what the Note10 table charges for the expand ratio against
// the kernel size.
func PaperSentence(c PaperComparison) string {
	var b strings.Builder
	rng := func(m PaperMetric) string {
		return fmt.Sprintf("%s %s, %s (%s)", m.Label, SpanPhrase(m.Ours), against(m.Ours, m.Paper), withUnit(prose.Interval(m.Paper.Low.Mean, m.Paper.High.Mean), m.Paper.Unit))
	}
	fmt.Fprintf(&b, "Against the paper's published response (OFA-MobileNetV3 at 224 px, BlockProfile's fig/ofa_bp.png): %s; %s; %s",
		rng(c.Accuracy), rng(c.FLOPs), rng(c.Note10))
	k7 := func(bs []BlockMean) string {
		return fmt.Sprintf("e6 %s, e4 %s, e3 %s", prose.Num(bs[2].Mean), prose.Num(bs[1].Mean), prose.Num(bs[0].Mean))
	}
	order := "the paper's order e6k7 > e4k7 > e3k7 does not hold"
	paperOrder := c.PaperNote10K7[2].Mean > c.PaperNote10K7[1].Mean && c.PaperNote10K7[1].Mean > c.PaperNote10K7[0].Mean
	if !paperOrder {
		order = "the paper's figure does not order them e6k7 > e4k7 > e3k7"
	}
	up, beyond := true, true
	for _, s := range c.Note10K7Steps {
		up = up && s.Estimate > 0
		beyond = beyond && s.Interval().Sign() > 0
	}
	switch {
	case paperOrder && beyond:
		order = "the paper's order e6k7 > e4k7 > e3k7 holds, each step beyond noise"
	case paperOrder && up:
		order = "the paper's order e6k7 > e4k7 > e3k7 holds, though not every step beyond noise"
	}
	fmt.Fprintf(&b, ", and at kernel 7 %s ms (the paper: %s ms): %s.", k7(c.Note10K7), k7(c.PaperNote10K7), order)
	g := c.GPU1
	flat := fmt.Sprintf("flat within noise, as in the paper (Cochran's Q test that all %d block means are equal: %s)", g.Ours.DF+1, pValue(g.Ours.P))
	if g.Ours.P < 1-level {
		flat = fmt.Sprintf("not flat within noise (Cochran's Q test that all %d block means are equal: %s), though the block means span only %s %% of their mean", g.Ours.DF+1, pValue(g.Ours.P), prose.Num(g.Ours.RelSpan))
	}
	offset := midpoint(g.Ours) - midpoint(g.Paper)
	fmt.Fprintf(&b, " %s %s: %s; the paper reports %s for every block (a span of %s %% of their mean), and this predictor's level (midpoint of its range) lies %s %s it.",
		g.Label, SpanPhrase(g.Ours), flat, withUnit(prose.Interval(g.Paper.Low.Mean, g.Paper.High.Mean), g.Paper.Unit), prose.Num(g.Paper.RelSpan),
		withUnit(prose.Num(math.Abs(offset)), g.Ours.Unit), side(offset, 0))
	fmt.Fprintf(&b, " At batch 64 %s, a span of %s %% of the mean.", SpanPhrase(c.GPU64), prose.Num(c.GPU64.RelSpan))
	n, p := c.Note10.Ours, c.Note10.Paper
	paperDearer := p.Expand.Estimate > p.Kernel.Estimate
	paperSays := fmt.Sprintf("the paper's figure charges %s %s against %s %s", p.Expand.Label, withUnit(prose.Num(p.Expand.Estimate), p.Unit), p.Kernel.Label, withUnit(prose.Num(p.Kernel.Estimate), p.Unit))
	var charge string
	switch d := c.Note10ExpandOverKernel; d.Interval().Sign() {
	case 1:
		charge = "more for the expand ratio than for the kernel size"
		if paperDearer {
			charge += ", as the paper's figure does"
		} else {
			charge += ", unlike the paper's figure"
		}
	case -1:
		charge = "more for the kernel size than for the expand ratio"
		if paperDearer {
			charge += ", unlike the paper's figure"
		} else {
			charge += ", as the paper's figure does"
		}
	default:
		charge = "about as much for the expand ratio as for the kernel size (no difference beyond noise)"
	}
	fmt.Fprintf(&b, " The Note10 table charges %s (%s; %s).", charge, plusMinus(c.Note10ExpandOverKernel, n.Unit), paperSays)
	a, pa := c.Accuracy.Ours, c.Accuracy.Paper
	fmt.Fprintf(&b, " Predicted accuracy %s with the expand ratio (%s; the paper's figure: %s points) and %s with the kernel size (%s; the paper's figure: %s points).",
		moves(a.Expand), plusMinus(a.Expand, a.Unit), prose.Num(pa.Expand.Estimate), moves(a.Kernel), plusMinus(a.Kernel, a.Unit), prose.Num(pa.Kernel.Estimate))
	return b.String()
}

// ResponseCaption captions a ResponseTable: what each mean rests on, what the shift
// columns are, and the metrics' units.
func ResponseCaption(t ResponseTable) string {
	if len(t.Metrics) == 0 {
		return "No metrics."
	}
	byUnit := map[string][]string{}
	var units []string
	for _, m := range t.Metrics {
		if _, ok := byUnit[m.Unit]; !ok {
			units = append(units, m.Unit)
		}
		byUnit[m.Unit] = append(byUnit[m.Unit], m.Metric)
	}
	var parts []string
	for _, u := range units {
		names := byUnit[u]
		what := "in " + u
		if u == "" {
			what = "without a recorded unit"
		} else if u == "%" {
			what = "in % (shifts in points)"
		}
		parts = append(parts, fmt.Sprintf("%s %s", prose.JoinAnd(names), what))
	}
	m := t.Metrics[0]
	missing := ""
	if len(m.Present()) < len(m.Blocks) {
		missing = " A row of n/a is a block left out of the space profiled."
	}
	return fmt.Sprintf("Block response: each block's mean over the %s networks that fix it at any of the %d positions (%s), and <metric>_shift, its difference from the mean of the %s-network baseline; %s.%s",
		prose.Num(m.PerBlock()), t.Positions, t.Sample, prose.Num(t.N), strings.Join(parts, "; "), missing)
}

// likeness words a rank correlation between two block rankings.
func likeness(rho float64) string {
	switch {
	case rho >= 0.9:
		return "much like"
	case rho >= 0.5:
		return "partly like"
	}
	return "unlike"
}

// RankingSentence states how alike the metrics of a Ranking rank the blocks.
func RankingSentence(rk Ranking) string {
	if len(rk.Others) == 1 {
		o := rk.Others[0]
		order := "though not in exactly the same order"
		if o.SameOrder {
			order = "all in the same order"
		}
		return fmt.Sprintf("`%s` ranks the %d blocks %s `%s` (Spearman correlation over the blocks %s), %s.", o.Metric, rk.Blocks, likeness(o.SRCC), rk.Reference, prose.Num(o.SRCC), order)
	}
	same := true
	for _, o := range rk.Others {
		same = same && o.SameOrder
	}
	if same {
		return fmt.Sprintf("The block ranking is the same for every metric: all %d blocks in the same order as under `%s`.", rk.Blocks, rk.Reference)
	}
	low := rk.Lowest()
	return fmt.Sprintf("The block ranking of every metric is %s the one under `%s` (Spearman correlation at least %s, lowest for `%s`), though the order of the %d blocks is not the same under every metric.",
		likeness(low.SRCC), rk.Reference, prose.Num(low.SRCC), low.Metric, rk.Blocks)
}

// PlacementSentence states where a metric's block choice matters most and least, and at
// how many positions its spread passes the permutation test.
func PlacementSentence(pt PlacementTest) string {
	most, least := pt.Extremes()
	est := func(p TestedPosition) string {
		return withUnit(prose.Est(p.Spread.Estimate, p.Spread.Lo, p.Spread.Hi), pt.Unit)
	}
	return fmt.Sprintf("**%s**: most sensitive %s (spread %s, 95 %% bootstrap interval in brackets; %s lowest, %s highest), least %s (%s). The spread is beyond noise (permutation test, p < 0.05) at %d of %d positions; noise alone would pass about %s.",
		pt.Metric, most.Name(), est(most), most.Low, most.High, least.Name(), est(least),
		pt.BeyondNoise(), len(pt.Positions), prose.Num((1-level)*float64(len(pt.Positions))))
}

// BootstrapBiasSentence says at how many position-metric pairs the spread's bootstrap
// interval lies wholly above its estimate, and why; "" when none does.
func BootstrapBiasSentence(pts []PlacementTest) string {
	above, total := 0, 0
	for _, pt := range pts {
		above, total = above+pt.AboveEstimate(), total+len(pt.Positions)
	}
	if above == 0 {
		return ""
	}
	return fmt.Sprintf("At %d of these %d position-metric pairs the percentile bootstrap interval of the spread lies wholly above its estimate: resampling adds noise to every block mean, and noise only widens a max − min, so the interval is biased upwards where the block means are close. The permutation test, not the interval, is the check against noise.", above, total)
}

// PlacementTableCaption captions a PlacementTest's Frame.
func PlacementTableCaption(pt PlacementTest) string {
	return fmt.Sprintf("Every position by its %s spread%s: max − min of the %d block means, each over %s networks (%s), with a 95 %% percentile bootstrap interval (%s resamples); noise_95pct is the spread that noise alone exceeds in 5 %% of %s shuffles of the position's networks among its blocks, shuffles_reaching how many shuffles reached the observed spread, and perm_p = (shuffles_reaching + 1) / (%s + 1); the spread is beyond noise where perm_p < 0.05.",
		pt.Metric, unitParen(pt.Unit), len(pt.Blocks), prose.Num(pt.N), pt.Sample, prose.Num(pt.Bootstrap), prose.Num(pt.Shuffles()), prose.Num(pt.Shuffles()))
}

// unitParen is " (unit)", or "" without a unit.
func unitParen(unit string) string {
	if unit == "" {
		return ""
	}
	return " (" + unit + ")"
}

// PresentCaption captions the released rule's PresentFrame.
func PresentCaption(s Sample) string {
	return fmt.Sprintf("Released deepening rule: fraction of each position's %s x %d networks that contain the fixed block (1 everywhere with this project's rule); seed %d.", prose.Num(s.N), len(s.Blocks), s.Seed)
}

// DeepeningSentence states how often the released rule leaves the fixed block out, and
// what that does to the mean spread at layers 2-3 and 0-1.
func DeepeningSentence(c DeepeningComparison) string {
	var byLayer []string
	for l, f := range c.PresentByLayer {
		if !math.IsNaN(f) {
			byLayer = append(byLayer, fmt.Sprintf("%s %% of the networks at layer %d", prose.Num(100*f), l))
		}
	}
	change := func(x, y float64, unit string) string {
		if x == y {
			return "leaves it at " + withUnit(prose.Num(x), unit)
		}
		verb := "raises"
		if y < x {
			verb = "lowers"
		}
		return fmt.Sprintf("%s it by %s %%, from %s to %s", verb, prose.Num(math.Abs(100*(y-x)/x)), prose.Num(x), withUnit(prose.Num(y), unit))
	}
	var deep, shallow []string
	for _, m := range c.Metrics {
		sa, da, ba, n := m.byDepth(false)
		sb, db, bb, _ := m.byDepth(true)
		deep = append(deep, fmt.Sprintf("for `%s` the released rule %s (spread beyond noise at %d of %d positions, against %d with the block included)",
			m.Metric, change(da, db, m.Unit), bb, n, ba))
		if !slices.Equal(shallowOf(m.Positions, m.Included), shallowOf(m.Positions, m.Released)) {
			shallow = append(shallow, fmt.Sprintf("for `%s` the released rule %s", m.Metric, change(sa, sb, m.Unit)))
		}
	}
	tail := "At layers 0–1, where the two rules build the same networks, every metric's spreads are identical."
	if len(shallow) > 0 {
		tail = "At layers 0–1, mean spread: " + strings.Join(shallow, "; ") + "."
	}
	return fmt.Sprintf("Under the released rule the fixed block is part of %s. Mean spread over the positions at layers 2–3: %s. %s",
		prose.JoinAnd(byLayer), strings.Join(deep, "; "), tail)
}

// shallowOf keeps the values at layers 0-1.
func shallowOf(ps []Position, v []float64) []float64 {
	var out []float64
	for i, p := range ps {
		if p.Layer < 2 {
			out = append(out, v[i])
		}
	}
	return out
}

// NoiseRuleSentence states what a Reduction's block shifts rest on and what "within
// noise" means in its dominance rule.
func NoiseRuleSentence(red Reduction) string {
	return fmt.Sprintf("Each block's shifts are pooled over the %s networks that fix it at any of the %d positions (%s per fix, seed %d); \"within noise\" is within %s combined standard errors (the 95 %% normal quantile).",
		prose.Num(red.PerBlock), red.Positions, prose.Num(red.N), red.Seed, prose.Num(z95))
}

// FriendlinessCaption captions a Reduction's Frame; FriendlinessNA says why a ratio is
// missing.
func FriendlinessCaption(red Reduction) string {
	return fmt.Sprintf("%s: each block's %s shift (%s) and %s shift (%% of the baseline mean) with standard errors, over the %s networks that fix it at any position (%s); %s_per_pct is their ratio; dominated_by lists the blocks that dominate it.",
		red.Device, red.Accuracy, diffUnit(red.AccUnit), red.Device, prose.Num(red.PerBlock), red.Sample, shiftUnit(red.AccUnit))
}

// FriendlinessNA says why a block's friendliness ratio is missing.
func FriendlinessNA() string {
	return fmt.Sprintf("the cost shift is within its noise (at most %s standard errors from 0), where the ratio would mean nothing", prose.Num(z95))
}

// listOr lists tokens, or "none".
func listOr(ts []string) string {
	if len(ts) == 0 {
		return "none"
	}
	return strings.Join(ts, ", ")
}

// ReductionSentence states what a device drops, as the flags of a reduced space, and
// how that compares with the paper's reduction for the device.
func ReductionSentence(red Reduction) string {
	got := tokens(red.Drop())
	text := fmt.Sprintf("**%s** keeps every block.", red.Device)
	if len(got) > 0 {
		text = fmt.Sprintf("**%s** drops %d of %d blocks: `--space %s --drop %s`.", red.Device, len(got), len(red.Scores), red.Space.Family, strings.Join(got, ","))
	}
	if red.PaperDevice == "" {
		return text
	}
	var both, onlyHere, onlyPaper []string
	for _, t := range got {
		if slices.Contains(red.PaperDrop, t) {
			both = append(both, t)
		} else {
			onlyHere = append(onlyHere, t)
		}
	}
	for _, t := range red.PaperDrop {
		if !slices.Contains(got, t) {
			onlyPaper = append(onlyPaper, t)
		}
	}
	return text + fmt.Sprintf(" Against the paper's %s reduction (%s): dropped by both %s; only here %s; only in the paper %s.",
		red.PaperDevice, strings.Join(red.PaperDrop, ", "), listOr(both), listOr(onlyHere), listOr(onlyPaper)) + releasedCaps(red)
}

// releasedCaps says what BlockProfile's released space for the device's hardware does
// beyond dropping blocks: its stage-depth caps, which no block score can find.
func releasedCaps(red Reduction) string {
	rel, err := arch.Released(red.Space.Family, arch.ReleasedFor(red.Device))
	if err != nil || rel.Space.MaxDepth == nil {
		return ""
	}
	return fmt.Sprintf(" The released %s space also caps the stage depths at %s, which a profile of blocks cannot find; notebook 07 searches it as released, and repeats this profile over 10 seeds, since one seed's drops are not stable.",
		rel.Name, intsText(rel.Space.MaxDepth))
}

// intsText is "3,4,4,4,4".
func intsText(v []int) string {
	s := make([]string, len(v))
	for i, x := range v {
		s[i] = fmt.Sprint(x)
	}
	return strings.Join(s, ",")
}

// SharedReductionSentence states which devices reduce the space alike.
func SharedReductionSentence(reds []Reduction) string {
	key := func(r Reduction) string { return strings.Join(tokens(r.Drop()), ",") }
	var groups, alone []string
	seen := map[string]bool{}
	for _, a := range reds {
		if seen[key(a)] {
			continue
		}
		seen[key(a)] = true
		var same []string
		for _, b := range reds {
			if key(b) == key(a) {
				same = append(same, "`"+b.Device+"`")
			}
		}
		if len(same) > 1 {
			groups = append(groups, prose.JoinAnd(same))
		} else {
			alone = append(alone, same[0])
		}
	}
	if len(groups) == 0 {
		return fmt.Sprintf("No two of the %d sources reduce the space alike.", len(reds))
	}
	text := "The same reduced space for " + strings.Join(groups, "; for ")
	switch len(alone) {
	case 0:
	case 1:
		text += "; " + alone[0] + " reduces it its own way"
	default:
		text += "; " + prose.JoinAnd(alone) + " each reduce it their own way"
	}
	return text + "."
}

// AgreementPhrase words a correlation's interval.
func AgreementPhrase(ci stats.Interval) string {
	switch {
	case ci.Lo > 0.8:
		return "a close agreement"
	case ci.Lo > 0.5:
		return "a clear but loose agreement"
	case ci.Sign() > 0:
		return "a weak agreement, though beyond noise (the interval excludes 0)"
	case ci.Sign() < 0:
		return "a disagreement beyond noise (the interval lies below 0)"
	}
	return "no agreement distinguishable from noise (the interval includes 0)"
}

// CorrelationSentence states how well a TruthComparison's inferred shifts rank the fixes
// as their measured block times do.
func CorrelationSentence(tc TruthComparison) string {
	return fmt.Sprintf("Over all %d fixes, Spearman correlation between the profiling shift of `%s` and the measured block time: %s (in brackets a 95 %% bootstrap interval over the fixes, %s resamples): %s.",
		len(tc.Shift), tc.Metric, prose.Est(tc.SRCC.Estimate, tc.SRCC.Lo, tc.SRCC.Hi), prose.Num(tc.Bootstrap), AgreementPhrase(tc.SRCC))
}

// ResolutionSentence says whether a profile's shifts are precise enough to tell a
// position's blocks apart: the median width of their intervals against the median
// spread of the blocks' measured times.
func ResolutionSentence(tc TruthComparison) string {
	verdict := "wider than"
	so := "so this is a coarse check"
	if tc.MedianShiftWidth < tc.MedianMeasuredSpread {
		verdict, so = "narrower than", "so the shifts can tell a position's blocks apart"
	}
	return fmt.Sprintf("With %s networks per fix, each shift's 95 %% interval has a median width of %s ms, %s the median spread of %s ms between a position's blocks' measured own times, %s.",
		prose.Num(tc.N), prose.Num(tc.MedianShiftWidth), verdict, prose.Num(tc.MedianMeasuredSpread), so)
}

// TruthSentence summarises a TruthComparison by position: rank agreement, the size of
// the differences profiling sees, and the offset by layer, with whether deepening's
// extra time shows beyond noise.
func TruthSentence(tc TruthComparison) string {
	med, lo, hi, ratio, larger := tc.positionSummary()
	var offs []string
	for l, o := range tc.OffsetByLayer {
		if !math.IsNaN(o) {
			offs = append(offs, fmt.Sprintf("%s ms at layer %d", prose.Num(o), l))
		}
	}
	d := tc.DeepMinusShallow
	diff := fmt.Sprintf("difference %s ms, 95 %% interval %s", prose.Num(d.Estimate), prose.Interval(d.Lo, d.Hi))
	why := "a fix at layers 2–3 also deepens the stage, adding time the block itself does not take"
	var verdict string
	switch d.Sign() {
	case 1:
		verdict = fmt.Sprintf("higher at layers 2–3 than at layers 0–1 (%s), as expected: a fix at layers 0–1 replaces a random block, so its shift is the block's time minus that of an average block there; %s", diff, why)
	case -1:
		verdict = fmt.Sprintf("lower at layers 2–3 than at layers 0–1 (%s), although %s", diff, why)
	default:
		verdict = fmt.Sprintf("no different at layers 2–3 from layers 0–1 within noise (%s, which contains 0), although %s", diff, why)
	}
	return fmt.Sprintf("Within a position, the Spearman correlation over its blocks has a median of %s (from %s to %s over the %d positions); profiling sees a larger spread than the blocks' own times at %d of them (median ratio %s). The mean offset of shift minus block time, %s, is %s.",
		prose.Num(med), prose.Num(lo), prose.Num(hi), len(tc.Positions), larger, prose.Num(ratio), prose.JoinAnd(offs), verdict)
}

// TruthTableCaption captions a TruthComparison's Frame.
func TruthTableCaption(tc TruthComparison) string {
	return fmt.Sprintf("Per position: do profiling (`%s`, %s networks per fix, seed %d) and per-node timing rank the position's blocks alike (srcc over its blocks), and see differences of the same size (spread over blocks, ms)? mean_shift_minus_block_ms is the mean offset between the two, offset_se_ms its standard error from the shifts' 95 %% intervals.",
		tc.Metric, prose.Num(tc.N), tc.Seed)
}
