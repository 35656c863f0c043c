package pareto_test

import (
	"fmt"

	"github.com/nasanalysis/nasanalysis/nasanalysis/pareto"
)

func ExampleFront() {
	latency := []float64{3, 1, 2, 4}
	accuracy := []float64{90, 80, 85, 89}
	fmt.Println(pareto.Front(latency, accuracy)) // architecture 3 is slower and worse than 0
	// Output: [1 2 0]
}
