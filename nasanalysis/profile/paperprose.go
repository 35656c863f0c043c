package profile

import (
	"cmp"
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"strings"

	"github.com/nasanalysis/nasanalysis/nasanalysis/arch"
	"github.com/nasanalysis/nasanalysis/nasanalysis/metric"
	"github.com/nasanalysis/nasanalysis/nasanalysis/prose"
	"github.com/nasanalysis/nasanalysis/nasanalysis/stats"
)

// BlockProfileCode is the version of the authors' code the sources below are read from.
const BlockProfileCode = "github.com/Ascend-Research/BlockProfile at commit 0a1d11d"

// signed formats a number with its sign: "+3.80", "-3.87".
func signed(x float64) string {
	if x > 0 {
		return "+" + prose.Num(x)
	}
	return prose.Num(x)
}

// offsetPhrase states one panel's offset: "−3.87 M (per block −4.39 to −3.50 M;
// −0.48 % of the paper's mean)".
func offsetPhrase(o PaperOffset) string {
	u := diffUnit(o.Unit)
	return fmt.Sprintf("%s (per block %s to %s; %s %% of the paper's mean)", withUnit(signed(o.Offset.Estimate), u), signed(o.Low), withUnit(signed(o.High), u), signed(o.Relative))
}

// ShapeDeviation is the largest distance of a block's difference from the mean offset:
// how far the blocks' pattern departs from the figure's once the level is removed.
func (o PaperOffset) ShapeDeviation() float64 {
	return math.Max(o.High-o.Offset.Estimate, o.Offset.Estimate-o.Low)
}

// PaperRulesSentences state, panel by panel, how far the block means lie from the
// figure under the released rule and under this project's, which rule comes closer, and
// for a panel whose level is off by more than the figure's own range of blocks, how
// closely the blocks' pattern agrees once the level is set aside.
func PaperRulesSentences(p PaperRules) []string {
	var parts, closer, farther, same, level []string
	for i, rel := range p.Released {
		inc := p.Included[i]
		parts = append(parts, fmt.Sprintf("%s (`%s`) %s under the released rule, %s under this project's", rel.Label, rel.Metric,
			offsetPhrase(rel), withUnit(signed(inc.Offset.Estimate), diffUnit(inc.Unit))))
		switch name, r, i := "`"+rel.Metric+"`", math.Abs(rel.Offset.Estimate), math.Abs(inc.Offset.Estimate); {
		case math.Abs(r-i) <= 1e-9*math.Max(r, i):
			same = append(same, name)
		case r < i:
			closer = append(closer, name)
		default:
			farther = append(farther, name)
		}
		span := slices.Max(rel.PaperBlocks) - slices.Min(rel.PaperBlocks)
		if math.Abs(rel.Offset.Estimate) > span {
			level = append(level, fmt.Sprintf("`%s` lies %s from the figure, more than the figure's own range over the blocks (%s), yet every block within %s of that offset",
				rel.Metric, withUnit(signed(rel.Offset.Estimate), diffUnit(rel.Unit)), withUnit(prose.Num(span), rel.Unit), withUnit(prose.Num(rel.ShapeDeviation()), diffUnit(rel.Unit))))
		}
	}
	out := []string{fmt.Sprintf("Block by block against the figure (mean over the 9 blocks of ours minus the paper's): %s.", strings.Join(parts, "; "))}
	verdict := "The released rule comes closer to the figure for no panel"
	if len(closer) > 0 {
		verdict = "The released rule comes closer to the figure for " + prose.JoinAnd(closer)
	}
	if len(farther) > 0 {
		verdict += fmt.Sprintf(", this project's rule for %s", prose.JoinAnd(farther))
	}
	if len(same) > 0 {
		verdict += fmt.Sprintf("; the two rules lie equally far from it for %s", prose.JoinAnd(same))
	}
	out = append(out, verdict+".")
	if len(level) > 0 {
		out = append(out, "A level, not a pattern: "+strings.Join(level, "; ")+".")
	}
	return out
}

// DefaultRuleSentence says why this project profiles with the fixed block in every
// network, from how often the released rule leaves it out.
func DefaultRuleSentence(p PaperRules) string {
	var byLayer []string
	all := true
	for l, f := range p.PresentByLayer {
		if !math.IsNaN(f) {
			byLayer = append(byLayer, fmt.Sprintf("%s %% of the networks at layer %d", prose.Num(100*f), l))
			all = all && f > 0.999
		}
	}
	if all {
		return "Under both rules every network held its fixed block, so the two rules built the same networks and either compares with the figure."
	}
	return fmt.Sprintf("This project profiles with the fixed block in every network (a fix at layer l deepens its stage to l + 1), the default of `nasanalysis profile` and of the other notebooks, because a block's response should describe networks that contain the block: under BlockProfile's released rule (deepened only to l) the fixed block was part of %s here, so its response at the deeper layers averages in networks without it. The released rule is used only where a number is set beside the paper's.",
		prose.JoinAnd(byLayer))
}

// PaperRulesCaption captions PaperRules.Frame.
func PaperRulesCaption(p PaperRules) string {
	var units []string
	for _, o := range p.Released {
		if o.Metric != paperFLOPs {
			units = append(units, fmt.Sprintf("%s in %s", o.Metric, o.Unit))
		}
	}
	return fmt.Sprintf("The figure's block means (fig/ofa_bp.png, <metric>_paper, as printed) beside each block's mean over the networks that fix it at any of the 20 positions (%s): <metric>_released under BlockProfile's released deepening rule, <metric>_included under this project's, the networks otherwise the same; each column of means carries the decimals that tell its blocks apart. %s; flops_bp is FLOPs counted BlockProfile's way.",
		p.Sample, strings.Join(units, ", "))
}

// FLOPsSourceSentence states where BlockProfile's FLOPs come from in its code and how
// far each of this project's counts lies from the figure under the released rule.
func FLOPsSourceSentence(p PaperRules) string {
	bp, okBP := p.Offset(paperFLOPsBP, true)
	ofa, okOFA := p.Offset(paperFLOPs, true)
	if !okBP || !okOFA {
		return ""
	}
	verdict := "`flops_bp` is the closer count: the offset was the counter, not the networks"
	if math.Abs(bp.Offset.Estimate) >= math.Abs(ofa.Offset.Estimate) {
		verdict = "`flops_bp` is no closer, so the counter does not explain the offset"
	}
	return fmt.Sprintf("Where BlockProfile's FLOPs come from (%s): OFA's tutorial FLOPsTable (search_spaces/OFAPredictorSpace.py:35-36 and :155-156; search/rm_search/ofa/tutorial/flops_table.py), which costs its own list of layers rather than OFA's network: channels int(round(c × 1.2)) instead of OFA's make_divisible(c × 1.2, 8) (flops_table.py:111-112: 19, 29 and 134 where OFA has 24, 32 and 136), a 4-channel stem and 1,200 classes (:74, :98), each layer counted by thop (:55-62: multiply-accumulates, 2 per batch-norm element, 1 per bias, nothing for ReLU, h-swish or SE's pooling). Twice that count (`flops_bp`; the factor 2 is not in the released code, whose ProxylessNAS FLOPs are torchprofile's MACs / 500,000, ProxylessSupernet.py:203-204) lies %s from the figure under the released rule; 2 × MACs of OFA's own network (`flops`) lies %s from it: %s.",
		BlockProfileCode, offsetPhrase(bp), offsetPhrase(ofa), verdict)
}

// AccuracyLevel is OFA's predicted accuracy of the same random networks, each evaluated
// at one resolution: the mean and its standard error.
type AccuracyLevel struct {
	Resolution int
	Mean, SE   float64
	N          int
}

// PredictorLevels evaluates acc (OFA's MobileNetV3 accuracy predictor, or any metric of
// OFA-MobileNetV3) on n random networks of the space's default width, drawn with seed,
// each at every resolution of arch.MBResolutions: where the predictor's level lies for
// random networks at each input size.
func PredictorLevels(acc *metric.Metric, n int, seed uint64) ([]AccuracyLevel, error) {
	if n < 2 {
		return nil, fmt.Errorf("profile: %d networks, need at least 2", n)
	}
	rng := rand.New(rand.NewPCG(seed, 0x5eed))
	nets := make([]arch.MBArch, n)
	for i := range nets {
		nets[i] = arch.MBv3.Sample(rng, 0)
	}
	var out []AccuracyLevel
	for _, res := range arch.MBResolutions {
		as := make([]arch.Arch, n)
		for i, a := range nets {
			a.R = res
			as[i] = a
		}
		v, err := acc.Values(as)
		if err != nil {
			return nil, fmt.Errorf("profile: %s at %d px: %w", acc.Name, res, err)
		}
		mean, sd, err := stats.MeanSD(v)
		if err != nil {
			return nil, fmt.Errorf("profile: %s at %d px: %w", acc.Name, res, err)
		}
		out = append(out, AccuracyLevel{Resolution: res, Mean: mean, SE: sd / math.Sqrt(float64(n)), N: n})
	}
	return out, nil
}

// AccuracySourceSentences state where BlockProfile's accuracies come from in its code,
// what was checked of the predictor it calls, where that predictor puts random networks
// at each resolution against the figure's range, and what follows for the comparison.
func AccuracySourceSentences(levels []AccuracyLevel, p PaperRules) []string {
	acc, ok := p.Offset(paperAcc, true)
	if !ok || len(levels) == 0 {
		return nil
	}
	lo, hi := slices.Min(acc.PaperBlocks), slices.Max(acc.PaperBlocks)
	var at []string
	var reach []string
	for _, l := range levels {
		at = append(at, fmt.Sprintf("%s %% at %d px", prose.Num(l.Mean), l.Resolution))
		if l.Mean-1.96*l.SE <= hi && l.Mean+1.96*l.SE >= lo {
			reach = append(reach, fmt.Sprintf("%d px", l.Resolution))
		}
	}
	where := fmt.Sprintf("above the figure's %s %% at every resolution", prose.Interval(lo, hi))
	if len(reach) > 0 {
		where = fmt.Sprintf("within noise of the figure's %s %% at %s", prose.Interval(lo, hi), prose.JoinAnd(reach))
	}
	out := []string{
		fmt.Sprintf("Where BlockProfile's accuracies come from (%s): `--space OFAPred` calls OFA's released accuracy predictor (search_spaces/OFAPredictorSpace.py:28-32 and :151-153), `--space OFASupernet` evaluates each network, its weights taken from the width-1.2 supernet, on ImageNet's validation set after recalibrating batch norm (search_spaces/OFASupernet.py:23-26, search_spaces/ProxylessSupernet.py:186-195, main.py:69-83); both profile at 224 px (main.py:66 and :79).",
			BlockProfileCode),
		fmt.Sprintf("Checked against the predictor: it loads the checkpoint this project reads (hanlab.mit.edu/files/OnceForAll/tutorial/acc_predictor.pth, search/rm_search/ofa/tutorial/accuracy_predictor.py:39, the same file in the ofa package the README pins), encodes a network as this project does (spec2feats, :61-85: kernel and expand one-hots in the order 3, 5, 7 and 3, 4, 6, zero past a stage's depth, the resolution one-hot at (r − 112) / 16) and scales it to %% (OFAPredictorSpace.py:153). Yet it puts the same %s random networks at %s: %s; at 224 px under the released rule it lies %s from the figure.",
			prose.Num(levels[0].N), prose.JoinAnd(at), where, offsetPhrase(acc)),
	}
	if len(reach) == 0 {
		out = append(out, "So the figure's accuracies are not this predictor's output as the released code calls it. The released code's other source is ImageNet validation of the supernet's sub-networks (OFASupernet), which this project cannot run without ImageNet; OFA's paper fitted the predictor to accuracies on 10,000 images held out from ImageNet's training set, not its validation set. The accuracy panel is therefore compared by the blocks' order and differences, not by its level.")
	}
	return out
}

// ReleasedCapSentence sets a placement test beside a released reduced space's depth
// caps (arch.Released): which positions the caps remove, whether the block choice
// matters beyond noise there and how the spread there ranks among all positions.
func ReleasedCapSentence(pt PlacementTest, red arch.ReleasedReduction) string {
	var caps, removed []string
	for s, c := range red.Space.MaxDepth {
		if c >= arch.MBDepths[len(arch.MBDepths)-1] {
			continue
		}
		caps = append(caps, fmt.Sprintf("stage %d at depth %d", s, c))
		for l := c; l < arch.MBDepths[len(arch.MBDepths)-1]; l++ {
			removed = append(removed, Position{Stage: s, Layer: l}.Name())
		}
	}
	head := fmt.Sprintf("`%s`, BlockProfile's released space for the %s (constants.py: %s)", red.Name, red.Device, red.Source)
	if len(caps) == 0 {
		return head + ", caps no stage's depth, so it removes no position."
	}
	byRank := slices.Clone(pt.Positions)
	slices.SortStableFunc(byRank, func(a, b TestedPosition) int { return cmp.Compare(b.Spread.Estimate, a.Spread.Estimate) })
	var there []string
	cut := 0
	for _, name := range removed {
		i := slices.IndexFunc(pt.Positions, func(p TestedPosition) bool { return p.Name() == name })
		if i < 0 {
			there = append(there, fmt.Sprintf("%s was not profiled", name))
			continue
		}
		p := pt.Positions[i]
		verdict := "within noise"
		if p.BeyondNoise() {
			verdict, cut = "beyond noise", cut+1
		}
		rank := slices.IndexFunc(byRank, func(q TestedPosition) bool { return q.Name() == name }) + 1
		there = append(there, fmt.Sprintf("at %s the spread of the `%s` block means is %s, %s (permutation test, %s), %s of %d positions by spread",
			name, pt.Metric, withUnit(prose.Est(p.Spread.Estimate, p.Spread.Lo, p.Spread.Hi), pt.Unit), verdict, pValue(p.Test.P), prose.Ordinal(rank), len(pt.Positions)))
	}
	return fmt.Sprintf("%s caps %s, removing %s: %s. The block choice matters beyond noise at %d of %d positions; the caps remove %d of them.",
		head, prose.JoinAnd(caps), prose.JoinAnd(removed), strings.Join(there, "; "), pt.BeyondNoise(), len(pt.Positions), cut)
}

// PaperTakeaways close the comparison with the paper: which panels the released rule
// reproduces (within 1 % of the figure's mean) and how far the project's rule moves
// them, which it does not and why, and what the flops count is for.
func PaperTakeaways(p PaperRules, levels []AccuracyLevel) []string {
	var hit, hitInc, miss []string
	for i, o := range p.Released {
		if o.Metric == paperFLOPs {
			continue
		}
		u := diffUnit(o.Unit)
		if math.Abs(o.Relative) < 1 {
			hit = append(hit, fmt.Sprintf("%s %s (%s %%)", o.Label, withUnit(signed(o.Offset.Estimate), u), signed(o.Relative)))
			hitInc = append(hitInc, withUnit(signed(p.Included[i].Offset.Estimate), u))
			continue
		}
		miss = append(miss, fmt.Sprintf("%s %s, every block within %s of it", o.Label, withUnit(signed(o.Offset.Estimate), u), withUnit(prose.Num(o.ShapeDeviation()), u)))
	}
	var out []string
	if len(hit) > 0 {
		out = append(out, fmt.Sprintf("Profiled under BlockProfile's own deepening rule, the figure is reproduced within 1 %% of its mean for %s; under this project's rule, which keeps every fixed block, the same panels lie %s from it, so a comparison with the figure needs the released rule.",
			prose.JoinAnd(hit), prose.JoinAnd(hitInc)))
	}
	if len(miss) > 0 {
		text := fmt.Sprintf("Not reproduced, in level only: %s.", strings.Join(miss, "; "))
		if len(levels) > 0 {
			text += fmt.Sprintf(" The figure's accuracies are not OFA's predictor's at any resolution (%s to %s %% over 160-224 px for random networks); its RTX 2080 Ti latencies come from BlockProfile's own latency predictor (search_spaces/OFAPredictorSpace.py:41-44), trained on its in-house measurements (README.md, Preliminaries), where this project's is a GCN trained on HELP's measured 2080 Ti latencies.",
				prose.Num(levels[0].Mean), prose.Num(levels[len(levels)-1].Mean))
		}
		out = append(out, text)
	}
	if o, ok := p.Offset(paperFLOPs, true); ok {
		out = append(out, fmt.Sprintf("`flops` (2 × MACs of OFA's network) lies %s (%s %%) from the figure because BlockProfile's FLOPs are of a layer list that is not OFA's network: `flops_bp` is for comparing with the paper, `flops` for the networks themselves.",
			withUnit(signed(o.Offset.Estimate), o.Unit), signed(o.Relative)))
	}
	return out
}
