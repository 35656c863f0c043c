package arch

import (
	"fmt"
	"math"
)

// Count returns how many edges of the cell carry op.
func (c Cell) Count(op Op) int {
	n := 0
	for _, o := range c {
		if o == op {
			n++
		}
	}
	return n
}

// CountOp parses each NAS-Bench-201 cell string and returns how many of its edges
// carry op; the error names the first cell that does not parse.
func CountOp(cells []string, op Op) ([]int, error) {
	out := make([]int, len(cells))
	for i, s := range cells {
		c, err := ParseCell(s)
		if err != nil {
			return nil, fmt.Errorf("cell %d: %w", i, err)
		}
		out[i] = c.Count(op)
	}
	return out, nil
}

// OpNames lists the NAS-Bench-201 operation names in Op order.
func OpNames() []string {
	out := make([]string, NumOps)
	for op := Op(0); op < NumOps; op++ {
		out[op] = op.String()
	}
	return out
}

// BlockProfile's FLOPs of OFA-MobileNetV3. Mills et al.'s profiling code
// (github.com/Ascend-Research/BlockProfile at commit 0a1d11d) prices an OFA-MobileNetV3
// network's FLOPs with OFA's tutorial FLOPsTable (search_spaces/OFAPredictorSpace.py:35-36
// and :155-156, search_spaces/OFASupernet.py:29-30 and :65-66; the class is
// search/rm_search/ofa/tutorial/flops_table.py, identical to the ofa==0.1.0.post202012082159
// package the README pins). That table does not cost the network OFA builds:
//
//   - channels are int(round(c × 1.2)) of the base widths (flops_table.py:111-112,
//     :153-154, :180-181), not OFA's make_divisible(c × 1.2, 8): 19 for 16 (OFA: 24), 29
//     for 24 (OFA: 32), 134 for 112 (OFA: 136); the stem takes round(3 × 1.2) = 4 input
//     channels and the classifier has round(1000 × 1.2) = 1200 outputs (:74, :98);
//   - a block's hidden width is round(in × expand) (ofa/utils/layers.py:426-427, the
//     block built with expand_ratio, not mid_channels), unrounded to 8;
//   - every layer is counted by thop.profile (flops_table.py:55-62), whose rules of the
//     time (pytorch-OpCounter thop/vision/basic_hooks.py at d1920d3, the release of
//     0.0.31.post2005241907) count a convolution's multiply-accumulates plus one per
//     output for a bias (SE's two 1x1 convolutions), 2 per element of a batch norm (kept
//     in the count although its forward is replaced, :11-14: thop's hook still runs), a
//     Linear's in × out, and nothing for ReLU, OFA's h-swish and h-sigmoid (modules thop
//     has no rule for) or SE's mean pooling;
//   - each layer at the input size its table row gives (R/2, R/4, ..., R/32,
//     :74-98), and the final 1x1 convolution to 1280 channels with a batch norm (:97,
//     use_bn True, which OFA's network does not have);
//   - a network is the sum of its active slots' entries, the first block's and the
//     fixed layers' (predict_efficiency, :204-224); batch size 1 (OFAPredictorSpace.py:36).
//
// FLOPsTable's count is thus about one multiply-accumulate each; the published panel
// "FLOPS [M]" (fig/ofa_bp.png, 790-824 M) is twice it: two times this count, profiled
// under the released deepening rule, lies 3.5-4.4 M below each published block mean
// (TestFLOPsTableCountReproducesThePaper, exact block means), where the count alone is
// half of them and 2 x MACs of OFA's own network 38-49 M above. The factor 2 is not in
// the released code; its other FLOPs, ProxylessSupernet.flops_measure
// (search_spaces/ProxylessSupernet.py:197-205), is torchprofile's multiply-accumulates
// / 500000, twice the MACs in millions, the same convention. The residual, -3.9 M on
// average and the same for every block to within 0.9 M, is not explained by the code
// read here: it is a level (a fixed layer of about 2 M multiply-accumulates counted
// differently, or the figure's own sampling offset), not a block's pattern.

// FLOPsTableWidth is the width multiplier OFA's FLOPsTable builds its table at
// (multiplier=1.2, flops_table.py:18): it prices every network as one of the w1.2
// supernet.
const FLOPsTableWidth = 1.2

// FLOPsTableResolutions are the resolutions OFA's FLOPsTable has a table for
// (build_lut, flops_table.py:64); it has no entry for any other.
var FLOPsTableResolutions = Resolutions{List: []int{160, 176, 192, 208, 224}}

// pyRound is Python 3's round to the nearest integer, ties to even.
func pyRound(x float64) int { return int(math.RoundToEven(x)) }

// thopConv is thop's count of a k x k convolution (groups groups) with same padding, on
// an in x in map, and of the batch norm after it when bn is set, with the output side.
func thopConv(cin, cout, k, groups, in, stride int, bias, bn bool) (ops float64, out int) {
	out = (in+2*(k/2)-k)/stride + 1
	per := cin / groups * k * k
	if bias {
		per++
	}
	outputs := float64(cout * out * out)
	ops = outputs * float64(per)
	if bn {
		ops += 2 * outputs
	}
	return ops, out
}

// thopBlock is thop's count of OFA's MBConvLayer built from in, out channels, expand
// ratio e and kernel k on an in x in map (expand 1: no expansion convolution).
func thopBlock(cin, cout, e, k, size, stride int, se bool) float64 {
	mid := cin * e // round(in * expand_ratio) of integers
	var ops float64
	if e != 1 {
		o, _ := thopConv(cin, mid, 1, 1, size, 1, false, true)
		ops += o
	}
	o, size := thopConv(mid, mid, k, mid, size, stride, false, true)
	ops += o
	if se { // squeeze to make_divisible(mid // 4, 8) and back, both with a bias, at 1x1
		sq := MakeDivisible(float64(mid/4), 8)
		ops += float64(sq*(mid+1) + mid*(sq+1))
	}
	o, _ = thopConv(mid, cout, 1, 1, size, 1, false, true)
	return ops + o
}

// flopsTableSlot is one searchable row of FLOPsTable's configuration list (rows 2-21 of
// flops_table.py:76-95): input side as R >> shift, channels before the 1.2 multiplier.
type flopsTableSlot struct {
	shift, in, out, stride int
	se                     bool
}

// flopsTableSlots lists the 20 searchable slots, stage by stage.
func flopsTableSlots() []flopsTableSlot {
	var out []flopsTableSlot
	in, shift := 16, 1
	for _, st := range MBv3.stages {
		for l := 0; l < mbSlots; l++ {
			s := flopsTableSlot{shift: shift, in: in, out: st.width, stride: 1, se: st.se}
			if l == 0 {
				s.stride = st.stride
				if st.stride == 2 {
					shift++
				}
			}
			out = append(out, s)
			in = st.width
		}
	}
	return out
}

// flopsTable is FLOPsTable's table at resolution r: the fixed layers' count (stem, first
// block, final convolutions, classifier) and each slot's count by kernel and expand ratio.
func flopsTable(r int) (fixed float64, slots []map[Block]float64) {
	c := func(base int) int { return pyRound(float64(base) * FLOPsTableWidth) }
	stem, _ := thopConv(c(3), c(16), 3, 1, r, 2, false, true)
	first := thopBlock(c(16), c(16), 1, 3, r/2, 1, false)
	final, _ := thopConv(c(160), c(960), 1, 1, r/32, 1, false, true)
	mix, _ := thopConv(c(960), c(1280), 1, 1, 1, 1, false, true)
	fixed = stem + first + final + mix + float64(c(1280)*c(1000))
	for _, s := range flopsTableSlots() {
		m := map[Block]float64{}
		for _, k := range MBKernels {
			for _, e := range MBExpands {
				m[Block{k, float64(e)}] = thopBlock(c(s.in), c(s.out), e, k, r>>s.shift, s.stride, s.se)
			}
		}
		slots = append(slots, m)
	}
	return fixed, slots
}

// FLOPsTableCount is what OFA's tutorial FLOPsTable, as BlockProfile's profiling code
// uses it, returns for the network (predict_efficiency, in units rather than
// millions): thop's count of the w1.2 layer list above, about one per
// multiply-accumulate. It refuses a network of another space, of a width other than
// FLOPsTableWidth, or at a resolution FLOPsTable has no table for. BlockProfile's
// published FLOPs are twice this count (see above).
func (a MBArch) FLOPsTableCount() (float64, error) {
	if a.Space() != MBv3 || a.Width() != FLOPsTableWidth {
		return 0, fmt.Errorf("FLOPsTable prices %s networks of width %g, not %s at width %g", MBv3.Name, FLOPsTableWidth, a.Space().Name, a.Width())
	}
	if !FLOPsTableResolutions.Contains(a.R) {
		return 0, fmt.Errorf("FLOPsTable has tables at %s, not at %d px", FLOPsTableResolutions, a.R)
	}
	fixed, slots := flopsTable(a.R)
	total := fixed
	for i, m := range slots {
		if a.Active(i/mbSlots, i%mbSlots) {
			total += m[Block{a.KS[i], float64(a.E[i])}]
		}
	}
	return total, nil
}
