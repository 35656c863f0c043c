package pareto_test

import (
	"fmt"

	"github.com/nasanalysis/nasanalysis/nasanalysis/pareto"
)

func ExampleNondominatedSort() {
	// Latency (ms), energy (mJ) and accuracy (%) of five architectures. Every objective
	// is minimised, so accuracy is passed negated.
	archs := [][]float64{
		{3, 20, -90},
		{1, 30, -80},
		{2, 25, -85},
		{4, 40, -89}, // slower, hungrier and less accurate than 0
		{2, 25, -85}, // the same as 2: equally optimal
	}
	ranks, err := pareto.NondominatedSort(archs)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(ranks)
	// Output: [[0 1 2 4] [3]]
}

func ExampleHypervolumeK() {
	// Boxes [1,4]x[2,4]x[3,4] (volume 6) and [2,4]x[1,4]x[2,4] (12) overlap in
	// [2,4]x[2,4]x[3,4] (4): together 14. The third point lies beyond the reference.
	points := [][]float64{{1, 2, 3}, {2, 1, 2}, {0, 0, 5}}
	hv, err := pareto.HypervolumeK(points, []float64{4, 4, 4})
	fmt.Println(hv, err)
	// Output: 14 <nil>
}
