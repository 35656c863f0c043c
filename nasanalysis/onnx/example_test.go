package onnx_test

import (
	"fmt"

	"google.golang.org/protobuf/proto"

	"github.com/nasanalysis/nasanalysis/nasanalysis/onnx"
)

// A 1x1 convolution from 3 to 2 channels followed by ReLU, with the nodes named after
// their block: the model holds the convolution's weight (2x3x1x1) and bias initialisers.
func ExampleGraph() {
	g := onnx.NewGraph("tiny", "input", 1, 3, 8, 8)
	g.SetBlock("stem")
	y := g.Conv("input", []float32{1, 0, 0, 0, 1, 0}, []float32{0, 0}, 3, 2, 1, 1, 1)
	g.Output(g.Op("Relu", []string{y}), 1, 2, 8, 8)
	b, err := g.Model()
	if err != nil {
		panic(err)
	}
	var m onnx.ModelProto
	if err := proto.Unmarshal(b, &m); err != nil {
		panic(err)
	}
	for _, n := range m.Graph.Node {
		fmt.Println(n.OpType, n.Name)
	}
	for _, t := range m.Graph.Initializer {
		fmt.Println(t.Name, t.Dims, len(t.RawData), "bytes")
	}
	fmt.Println("opset", m.OpsetImport[0].Version)
	// Output:
	// Conv stem/Conv3
	// Relu stem/Relu4
	// Identity output
	// stem/const1 [2 3 1 1] 24 bytes
	// stem/const2 [2] 8 bytes
	// opset 17
}
