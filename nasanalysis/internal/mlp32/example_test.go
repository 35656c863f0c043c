package mlp32_test

import (
	"fmt"

	"github.com/nasanalysis/nasanalysis/nasanalysis/internal/mlp32"
)

// A 2-2-1 network by hand: for x = (1, 2) the hidden layer is relu(1-2+0, 0.5+1-0.25)
// = (0, 1.25) and the output 0·0.1 + 1.25·0.2 = 0.25; for x = (3, 1) it is relu(2, 1.75),
// giving 0.2 + 0.35 = 0.55.
func ExampleMLP_Forward() {
	m, err := mlp32.New([]mlp32.Layer{
		{W: [][]float32{{1, -1}, {0.5, 0.5}}, B: []float32{0, -0.25}},
		{W: [][]float32{{0.1, 0.2}}},
	})
	if err != nil {
		panic(err)
	}
	y, err := m.Forward([][]float64{{1, 2}, {3, 1}})
	if err != nil {
		panic(err)
	}
	fmt.Printf("%.4f %.4f\n", y[0], y[1])
	// Output: 0.2500 0.5500
}
