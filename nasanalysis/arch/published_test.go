package arch

import (
	"math"
	"testing"
)

// MobileNetV3-Large 1.0 (Howard et al., ICCV 2019, Table 1) is not in the OFA space
// (its expansion sizes are absolute, e.g. 200 and 184), but its layers are the same
// kinds this package costs: a 3x3 stride-2 stem, MBConv blocks with optional
// squeeze-excite, a 1x1 conv to 960, pooling, a 1x1 conv to 1280 and the classifier.
// Published totals: 219 M multiply-adds and 5.4 M parameters (Table 3); torchvision's
// mobilenet_v3_large has exactly 5,483,032 parameters, counting BatchNorm's scale and
// shift, SE biases, and a bias on the 960->1280 layer (which OFA's head does not have),
// and torchvision lists 0.22 GFLOPS. Counting convolution and linear multiply-adds only,
// as this package does, gives 216.6 M: within 2 % of the paper's 219 M, whose count also
// includes element-wise work (squeeze-excite scaling, activations).
func TestMobileNetV3LargeMatchesPublishedTotals(t *testing.T) {
	type L struct {
		k, exp, out, stride int
		se                  bool
	}
	layers := []L{{3, 16, 16, 1, false}, {3, 64, 24, 2, false}, {3, 72, 24, 1, false}, {5, 72, 40, 2, true}, {5, 120, 40, 1, true},
		{5, 120, 40, 1, true}, {3, 240, 80, 2, false}, {3, 200, 80, 1, false}, {3, 184, 80, 1, false}, {3, 184, 80, 1, false},
		{3, 480, 112, 1, true}, {3, 672, 112, 1, true}, {5, 672, 160, 2, true}, {5, 960, 160, 1, true}, {5, 960, 160, 1, true}}
	c := conv(3, 16, 3, 112, false, true, false)
	in, size := 16, 112
	for _, l := range layers {
		b := MBConv{In: in, Out: l.out, Mid: l.exp, Kernel: l.k, Stride: l.stride, InSize: size, SE: l.se, HasExpandConv: l.exp != in}
		c.Add(blockCost(b))
		in, size = l.out, b.OutSize()
	}
	c.Add(conv(160, 960, 1, 7, false, true, false))
	c.Add(conv(960, 1280, 1, 1, false, false, true)) // torchvision: Linear(960, 1280) with bias
	c.Add(linear(1280, 1000))
	if math.Abs(c.MACs/1e6-219) > 219*0.02 || math.Round(c.MACs/1e7)/100 != 0.22 {
		t.Errorf("MACs %.1f M, published 219 M", c.MACs/1e6)
	}
	if c.Params != 5483032 {
		t.Errorf("params %.0f, torchvision 5,483,032 (published 5.4 M)", c.Params)
	}
}
