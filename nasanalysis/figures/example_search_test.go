package figures_test

import (
	"fmt"

	"github.com/nasanalysis/nasanalysis/nasanalysis/figures"
	"github.com/nasanalysis/nasanalysis/nasanalysis/search"
	"github.com/nasanalysis/nasanalysis/nasanalysis/stats"
)

// The table of a measured check: one row per rule, its chosen models' predicted latency
// over the budget and measured latency over the random median of the same run.
func ExampleMeasuredTable() {
	m := &search.MeasuredCheck{Rules: []string{"here only", "worst"}, Predicted: []float64{0.97, 0.85},
		Measured: []stats.Interval{{Estimate: 1.22}, {Estimate: 1.5}}, MeasuredSD: []float64{0.04, 0.05},
		RandomMedian: 9, Res: 224, NRandom: 20, NChosen: 4, Seeds: 2, About: "median latency on this machine"}
	df, caption := figures.MeasuredTable(m)
	fmt.Println(df.Names())
	fmt.Println(caption)
	// Output:
	// [rule predicted_over_budget measured_over_random_median measured_sd]
	// The 4 chosen models (2 rules × 2 seeds) on this machine: predicted latency over the budget (as in the table above), and measured latency over the median of 20 random 224-px networks measured in the same run (9 ms); mean and standard deviation over seeds. median latency on this machine.
}
