package arch_test

import (
	"fmt"
	"math/rand/v2"

	"github.com/nasanalysis/nasanalysis/nasanalysis/arch"
)

// The largest NAS-Bench-201 network, every edge a 3x3 convolution, costs NAS-Bench-201's
// published maximum of 220.11969 M FLOPs on CIFAR-10.
func ExampleCell_MACs() {
	c, err := arch.ParseCell("|nor_conv_3x3~0|+|nor_conv_3x3~0|nor_conv_3x3~1|+|nor_conv_3x3~0|nor_conv_3x3~1|nor_conv_3x3~2|")
	if err != nil {
		panic(err)
	}
	fmt.Printf("%.5f M\n", c.MACs()/1e6)
	// Output: 220.11969 M
}

// In this cell the 3x3 convolution into cell node 1 leads nowhere (both edges leaving
// node 1 are "none") and the pooling on 2 -> 3 receives nothing (node 2 has no input):
// in the operations graph (input 0, edge operations 1-6, output 7) only the skip
// connection (node 4) joins input and output.
func ExampleCell_Graph() {
	c, err := arch.ParseCell("|nor_conv_3x3~0|+|none~0|none~1|+|skip_connect~0|none~1|avg_pool_3x3~2|")
	if err != nil {
		panic(err)
	}
	fmt.Println(c.Connected())
	g := c.Graph()
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

func ExampleParseCell() {
	c, err := arch.ParseCell("|nor_conv_3x3~0|+|none~0|skip_connect~1|+|none~0|none~1|none~2|")
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(c[0], c[2], "connected:", c.Connected())
	_, err = arch.ParseCell("|conv~0|+|none~0|none~1|+|none~0|none~1|none~2|")
	fmt.Println(err)
	// Output:
	// nor_conv_3x3 skip_connect connected: false
	// malformed cell "|conv~0|+|none~0|none~1|+|none~0|none~1|none~2|": unknown NAS-Bench-201 operation "conv" (want one of none, skip_connect, nor_conv_1x1, nor_conv_3x3, avg_pool_3x3)
}

// BlockProfile's released code caps OFA-MobileNetV3's stage depths for the Samsung
// Note10 at 3, 4, 4, 4, 4. A space with those caps samples no deeper stage, and Check
// names the depth of an architecture outside it.
func ExampleSpace() {
	s, err := arch.ParseSpace("ofa-mbv3:max-depth=3,4,4,4,4")
	if err != nil {
		panic(err)
	}
	rng := rand.New(rand.NewPCG(1, 0))
	deepest := make([]int, 5)
	for range 1000 {
		a, err := s.Sample(rng)
		if err != nil {
			panic(err)
		}
		for i, d := range a.(arch.MBArch).D {
			deepest[i] = max(deepest[i], d)
		}
	}
	fmt.Println(s, "deepest stages sampled:", deepest)
	a, _ := arch.ParseMB(arch.MBv3, `{"ks":[3,3,3,3,3,3,3,3,3,3,3,3,3,3,3,3,3,3,3,3],"e":[3,3,3,3,3,3,3,3,3,3,3,3,3,3,3,3,3,3,3,3],"d":[4,2,2,2,2],"r":224}`)
	fmt.Println(s.Contains(a))
	_, err = s.Sample(nil)
	fmt.Println(err)
	// Output:
	// ofa-mbv3:max-depth=3,4,4,4,4 deepest stages sampled: [3 4 4 4 4]
	// false
	// space ofa-mbv3:max-depth=3,4,4,4,4: Sample: nil *rand.Rand: give a seeded generator, e.g. rand.New(rand.NewPCG(seed, 0))
}
