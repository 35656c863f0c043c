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
