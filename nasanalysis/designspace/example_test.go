package designspace_test

import (
	"fmt"

	"github.com/nasanalysis/nasanalysis/nasanalysis/designspace"
	"github.com/nasanalysis/nasanalysis/nasanalysis/stats"
)

// A finding is worded from the numbers: here correcting for the host's speed (dividing
// by the drift reference of the single protocol) lowers the
// SRCC with MACs in one space (the paired interval lies below zero) and changes nothing
// measurable in the other (it contains zero), so it raises it in no space.
func ExampleDriftFinding() {
	d := designspace.Drift{Spaces: []designspace.DriftSpace{
		{Space: "ofa-mbv3", Correction: "divided by the drift reference's latest time", Raw: 0.833, Corrected: 0.781, Change: stats.Interval{Estimate: -0.052, Lo: -0.067, Hi: -0.037, Level: 0.95}},
		{Space: "ofa-resnet50", Correction: "divided by the drift reference's latest time", Raw: 0.972, Corrected: 0.970, Change: stats.Interval{Estimate: -0.002, Lo: -0.009, Hi: 0.004, Level: 0.95}},
	}}
	fmt.Println(designspace.DriftFinding(d))
	// Output:
	// Correcting each raw median for the host's speed (divided by the drift reference's latest time) changes its SRCC with MACs (change with its paired bootstrap interval): ofa-mbv3 0.833 → 0.781, change -0.0520 (-0.0670 to -0.0370); ofa-resnet50 0.972 → 0.970, change -0.00200 (-0.00900 to 0.00400). It raises the correlation in no space, so the machine's wandering speed is not why latency measured here departs from MACs; the runtime's own costs (depthwise and memory-bound layers cost more than their MACs say) are the likelier cause.
}
