package predictor_test

import (
	"fmt"

	"github.com/nasanalysis/nasanalysis/nasanalysis/data"
	"github.com/nasanalysis/nasanalysis/nasanalysis/predictor"
)

// The largest NAS-Bench-201 network, every edge a 3x3 convolution, costs NAS-Bench-201's
// published maximum of 220.11969 M FLOPs on CIFAR-10.
func ExampleNB201MMACs() {
	c, err := data.ParseCell("|nor_conv_3x3~0|+|nor_conv_3x3~0|nor_conv_3x3~1|+|nor_conv_3x3~0|nor_conv_3x3~1|nor_conv_3x3~2|")
	if err != nil {
		panic(err)
	}
	fmt.Printf("%.5f M\n", predictor.NB201MMACs(c))
	// Output: 220.11969 M
}

// In this cell the 3x3 convolution into cell node 1 leads nowhere (both edges leaving
// node 1 are "none") and the pooling on 2 -> 3 receives nothing (node 2 has no input):
// in the operations graph (input 0, edge operations 1-6, output 7) only the skip
// connection (node 4) joins input and output.
func ExampleNB201DAG() {
	c, err := data.ParseCell("|nor_conv_3x3~0|+|none~0|none~1|+|skip_connect~0|none~1|avg_pool_3x3~2|")
	if err != nil {
		panic(err)
	}
	fmt.Println(c.Connected())
	g := predictor.NB201DAG(c)
	for i, row := range g.Adj {
		for j, a := range row {
			if a != 0 {
				fmt.Printf("%d->%d ", i, j)
			}
		}
	}
	fmt.Println()
	// Output:
	// true
	// 0->1 0->4 4->7 6->7
}
