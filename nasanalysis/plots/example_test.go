package plots_test

import (
	"fmt"

	"github.com/nasanalysis/nasanalysis/nasanalysis/plots"
)

func ExampleHeatmap() {
	h := plots.Heatmap{
		Title:     "SRCC of latencies",
		Values:    [][]float64{{1, 0.69}, {0.69, 1}},
		RowLabels: []string{"true_vpu", "eagle_gtx"},
		ColLabels: []string{"true_vpu", "eagle_gtx"},
		Caption:   "NAS-Bench-201, 1,999 cells",
	}
	fig, err := h.Figure()
	if err != nil {
		fmt.Println(err)
		return
	}
	svg, _ := fig.Bytes("svg")
	fmt.Println(len(svg) > 0, fig.Caption)
	// Output: true NAS-Bench-201, 1,999 cells
}

// Points grouped by their number of 3x3 convolutions, the last group collecting "2 or
// more": counts 0, 1, 2, 3 and 1 send the points to groups 0, 1, 2, 2 and 1.
func ExampleGroupBy() {
	latency := []float64{1.0, 1.5, 2.0, 2.5, 1.4}
	accuracy := []float64{70, 80, 88, 91, 82}
	convs := []int{0, 1, 2, 3, 1}
	for _, s := range plots.GroupBy(latency, accuracy, convs, []string{"0", "1", "2+"}) {
		fmt.Println(s.Name, s.X, s.Y)
	}
	fig, err := plots.Scatter(plots.Axes{Title: "accuracy vs latency", Caption: "5 cells"}, plots.GroupBy(latency, accuracy, convs, []string{"0", "1", "2+"})...)
	fmt.Println(fig.Caption, err)
	// Output:
	// 0 [1] [70]
	// 1 [1.5 1.4] [80 82]
	// 2+ [2 2.5] [88 91]
	// 5 cells <nil>
}
