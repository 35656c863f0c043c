package profile_test

import (
	"fmt"
	"math"

	"github.com/nasanalysis/nasanalysis/nasanalysis/arch"
	"github.com/nasanalysis/nasanalysis/nasanalysis/metric"
	"github.com/nasanalysis/nasanalysis/nasanalysis/profile"
)

// Profile two block fixes of OFA-MobileNetV3 on FLOPs: k3e3, the smallest block, in the
// first layer of the first stage (the largest feature maps) lowers FLOPs; k7e6 at the
// last layer of the last stage both is the largest block and deepens that stage to 4
// blocks in every network, so it raises them. Both shifts are beyond their intervals.
func Example() {
	flops, _ := metric.New("flops", arch.OFAMBv3, metric.Options{})
	fixes := []arch.Fix{
		{Stage: 0, Layer: 0, Block: arch.Block{Kernel: 3, Expand: 3}},
		{Stage: 4, Layer: 3, Block: arch.Block{Kernel: 7, Expand: 6}},
	}
	r, err := profile.Run(profile.Config{Space: arch.Space{Family: arch.OFAMBv3, Resolutions: []int{224}}, Metrics: []*metric.Metric{flops}, N: 200, Seed: 1, Fixes: fixes})
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, g := range r.Groups {
		s := g.Stats[0]
		fmt.Printf("%s: FLOPs shift > 0: %v, interval excludes 0: %v\n", g.Fix, s.Shift > 0, s.ShiftLo > 0 || s.ShiftHi < 0)
	}
	// Output:
	// s0l0:k3e3: FLOPs shift > 0: false, interval excludes 0: true
	// s4l3:k7e6: FLOPs shift > 0: true, interval excludes 0: true
}

// What the Samsung Note10 charges for a larger block, from the paper's published Note10
// response at 224 px (its figure gives no standard errors, so the differences have none):
// e6 costs 1.28 ms more than e3 (averaged over the three kernels), k7 0.937 ms more than
// k3.
func ExampleEffectOf() {
	var blocks []profile.BlockMean
	for ei, e := range arch.MBExpands {
		for ki, k := range arch.MBKernels {
			blocks = append(blocks, profile.BlockMean{Block: arch.Block{Kernel: k, Expand: float64(e)}, Mean: profile.PaperNote10R224[ei][ki], SE: math.NaN()})
		}
	}
	e, err := profile.EffectOf("note10_r224", "ms", blocks)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("%s: %.3g ms; %s: %.3g ms; lowest %s, highest %s\n", e.Expand.Label, e.Expand.Estimate, e.Kernel.Label, e.Kernel.Estimate, e.Low.Block, e.High.Block)
	// Output:
	// e6 − e3: 1.28 ms; k7 − k3: 0.937 ms; lowest k3e3, highest k7e6
}
