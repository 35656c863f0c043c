package ofa_test

import (
	"fmt"

	"github.com/nasanalysis/nasanalysis/nasanalysis/arch"
)

// The input of OFA's MobileNetV3 predictor (LoadMBv3, then Predict) for the smallest
// uniform network: kernel 3 and expand ratio 3 everywhere, depth 2 in each of the five
// stages, 160 px. The active slots are 0, 1, 4, 5, ..., 16, 17; slot i's kernel 3 is
// position 3i, its expand ratio 3 is position 60 + 3i, and the resolution is position
// 120 + (160-112)/16 = 123. (The dataset README gives OFA's prediction for this
// network, 0.7531; the package tests check it when the predictor file is present.)
func Example_features() {
	a := arch.MBArch{KS: make([]int, 20), E: make([]int, 20), D: []int{2, 2, 2, 2, 2}, R: 160}
	for i := range a.KS {
		a.KS[i], a.E[i] = 3, 3
	}
	x := a.OFAFeatures()
	var hot []int
	for i, v := range x {
		if v != 0 {
			hot = append(hot, i)
		}
	}
	fmt.Println(len(x), "inputs; ones at", hot)
	// Output: 128 inputs; ones at [0 3 12 15 24 27 36 39 48 51 60 63 72 75 84 87 96 99 108 111 123]
}
