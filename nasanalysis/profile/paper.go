package profile

import (
	"fmt"
	"math"
	"slices"

	"github.com/nasanalysis/nasanalysis/nasanalysis/arch"
)

// Mills et al.'s published block response of OFA-MobileNetV3 at 224 px: the figure "OFA
// MBConv Response" of BlockProfile's repository (github.com/Ascend-Research/BlockProfile,
// file fig/ofa_bp.png, the paper's block-profiling figure of OFA-MBv3). Each is the mean
// of a metric over the networks that fix a block, rows expand ratio 3, 4, 6, columns
// kernel size 3, 5, 7, transcribed from the figure's cell labels.
var (
	// PaperAccuracy is the panel "Accuracy [%]": predicted ImageNet top-1.
	PaperAccuracy = [3][3]float64{{77.43, 77.43, 77.42}, {77.44, 77.48, 77.49}, {77.51, 77.54, 77.58}}
	// PaperFLOPs is the panel "FLOPS [M]".
	PaperFLOPs = [3][3]float64{{790, 792, 796}, {797, 800, 805}, {812, 817, 824}}
	// PaperRTX2080Ti is the panel "RTX 2080 Ti [ms]" (batch 1).
	PaperRTX2080Ti = [3][3]float64{{8.111, 8.112, 8.111}, {8.111, 8.110, 8.111}, {8.111, 8.112, 8.112}}
	// PaperNote10R224 is the panel "Note10-R224 [ms]": Samsung Note10 at 224 px.
	PaperNote10R224 = [3][3]float64{{41.14, 41.41, 41.81}, {41.46, 41.82, 42.31}, {42.12, 42.66, 43.41}}
)

// PaperReduction returns the device and the dropped blocks of BlockProfile's released
// reduced space for the hardware a metric prices (arch.ReleasedFor: note10_r<RES> the
// Samsung Note10, gpu_2080ti_<batch> the RTX 2080 Ti, this machine's latency the
// released CPU space, which drops no block); ok is false for a metric without one.
func PaperReduction(metric string) (device string, drop []string, ok bool) {
	rel, err := arch.Released(arch.OFAMBv3, arch.ReleasedFor(metric))
	if err != nil {
		return "", nil, false
	}
	return rel.Device, tokens(rel.Space.Drop), true
}

// publishedBlocks lays a published grid out as block means in arch.Blocks order, without
// standard errors.
func publishedBlocks(g [3][3]float64) []BlockMean {
	blocks, _ := arch.Blocks(arch.OFAMBv3)
	out := make([]BlockMean, len(blocks))
	for i, b := range blocks {
		e := slices.Index(arch.MBExpands, int(b.Expand))
		k := slices.Index(arch.MBKernels, b.Kernel)
		out[i] = BlockMean{Block: b, Mean: g[e][k], SE: math.NaN(), Shift: math.NaN()}
	}
	return out
}

// PaperMetric sets one metric's block response beside the published one.
type PaperMetric struct {
	Label       string // what the paper's panel shows, e.g. "Note10"
	Ours, Paper Effect
}

// PaperComparison sets an OFA-MobileNetV3 profile at 224 px, made under BlockProfile's
// released deepening rule (the figure's protocol), beside Mills et al.'s published block
// response (PaperAccuracy and the other panels): each metric's range over the blocks
// (FLOPs counted BlockProfile's way, flops_bp), the Note10 table's kernel-7 blocks by
// expand ratio, and what the Note10 table charges for the expand ratio against the
// kernel size.
type PaperComparison struct {
	Sample
	Accuracy, FLOPs, Note10, GPU1 PaperMetric
	GPU64                         Effect // RTX 2080 Ti at batch 64, which the paper did not show
	// Note10K7 and PaperNote10K7 are the kernel-7 blocks' Note10 means at expand ratio
	// 3, 4 and 6; Note10K7Steps the two steps (e4 - e3, e6 - e4) with standard errors.
	Note10K7, PaperNote10K7 []BlockMean
	Note10K7Steps           []Difference
	// Note10ExpandOverKernel is the Note10 table's expand-ratio difference minus its
	// kernel difference (Effect.Expand - Effect.Kernel), with its standard error.
	Note10ExpandOverKernel Difference
}

// The metrics ComparePaper and ComparePaperRules need, named as package metric names
// them (flops, 2 x MACs of OFA's network, only beside flops_bp in ComparePaperRules).
const (
	paperAcc, paperFLOPs, paperNote10, paperGPU1, paperGPU64 = "acc", "flops", "note10_r224", "gpu_2080ti_1", "gpu_2080ti_64"
)

// ComparePaper compares a profile of OFA-MobileNetV3 at 224 px on acc, flops_bp,
// note10_r224, gpu_2080ti_1 and gpu_2080ti_64 with the published response. The profile
// must have been run with arch.DeepenAsReleased, the protocol of the published figure:
// a profile under this project's rule is not comparable with it (ComparePaperRules sets
// the two side by side).
func ComparePaper(r *Result) (PaperComparison, error) {
	if r.Space.Family != arch.OFAMBv3 || r.Res() != 224 {
		return PaperComparison{}, fmt.Errorf("profile: the published response is of %s at 224 px, not %s at %d px", arch.OFAMBv3, r.Space.Family, r.Res())
	}
	if r.Deepen != arch.DeepenAsReleased {
		return PaperComparison{}, fmt.Errorf("profile: the published response was profiled under BlockProfile's released deepening rule; this profile used rule %d (compare it with ComparePaperRules)", r.Deepen)
	}
	effs, err := r.Effects(paperAcc, paperFLOPsBP, paperNote10, paperGPU1, paperGPU64)
	if err != nil {
		return PaperComparison{}, err
	}
	c := PaperComparison{Sample: r.Sample(), GPU64: effs[4]}
	for i, p := range []struct {
		into  *PaperMetric
		label string
		grid  [3][3]float64
	}{{&c.Accuracy, "predicted accuracy", PaperAccuracy}, {&c.FLOPs, "FLOPs counted BlockProfile's way", PaperFLOPs}, {&c.Note10, "Note10", PaperNote10R224}, {&c.GPU1, "RTX 2080 Ti at batch 1", PaperRTX2080Ti}} {
		paper, err := EffectOf(effs[i].Metric, effs[i].Unit, publishedBlocks(p.grid))
		if err != nil {
			return PaperComparison{}, err
		}
		*p.into = PaperMetric{Label: p.label, Ours: effs[i], Paper: paper}
	}
	note10, err := r.Response(paperNote10)
	if err != nil {
		return PaperComparison{}, err
	}
	k7 := func(bs []BlockMean) []BlockMean {
		var out []BlockMean
		for _, e := range arch.MBExpands {
			out = append(out, bs[slices.IndexFunc(bs, func(b BlockMean) bool { return b.Kernel == 7 && b.Expand == float64(e) })])
		}
		return out
	}
	c.Note10K7, c.PaperNote10K7 = k7(note10.Blocks), k7(publishedBlocks(PaperNote10R224))
	for i := 1; i < len(c.Note10K7); i++ {
		a, b := c.Note10K7[i], c.Note10K7[i-1]
		c.Note10K7Steps = append(c.Note10K7Steps, Difference{Label: fmt.Sprintf("e%g − e%g", a.Expand, b.Expand), Estimate: a.Mean - b.Mean, SE: math.Hypot(a.SE, b.SE)})
	}
	n := c.Note10.Ours
	c.Note10ExpandOverKernel = Difference{Label: fmt.Sprintf("(%s) − (%s)", n.Expand.Label, n.Kernel.Label),
		Estimate: n.Expand.Estimate - n.Kernel.Estimate, SE: math.Hypot(n.Expand.SE, n.Kernel.SE)}
	return c, nil
}
