package stats_test

import (
	"fmt"
	"math"

	"github.com/nasanalysis/nasanalysis/nasanalysis/stats"
)

func ExampleSpearmanRho() {
	proxy := []float64{1.2, 2.5, 2.5, 4.0, math.NaN(), 7.1}
	target := []float64{10, 30, 20, 40, 50, 60}
	rho, err := stats.SpearmanRho(proxy, target)
	if err != nil {
		panic(err)
	}
	tau, err := stats.KendallTauB(proxy, target)
	if err != nil {
		panic(err)
	}
	fmt.Printf("rho = %.4f\n", rho)
	fmt.Printf("tau_b = %.4f\n", tau)
	// Output:
	// rho = 0.9747
	// tau_b = 0.9487
}

func ExampleCorrelationMatrix() {
	devices := [][]float64{
		{1, 2, 3, 4},
		{2, 4, 6, 8},
		{4, 3, 2, 1},
	}
	m, err := stats.CorrelationMatrix(devices, stats.Spearman)
	if err != nil {
		panic(err)
	}
	for _, row := range m {
		fmt.Println(row)
	}
	// Output:
	// [1 1 -1]
	// [1 1 -1]
	// [-1 -1 1]
}
