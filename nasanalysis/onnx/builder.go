package onnx

import (
	"encoding/binary"
	"fmt"
	"math"

	"google.golang.org/protobuf/proto"
)

// Opset is the ONNX operator-set version models are written for: 14 is the first with
// HardSwish, which MobileNetV3 uses; ONNX Runtime 1.30 runs opsets up to 23.
const Opset = 17

// IRVersion is the ONNX IR version of written models (8 goes with opset 17).
const IRVersion = 8

// Graph builds one ONNX graph node by node. Values are named by the builder; every
// operation returns the name of its output, so networks read like their definition.
// Block names the nodes (see SetBlock), which is how per-node profiles are summed
// per block.
type Graph struct {
	g     GraphProto
	next  int
	block string
}

// NewGraph starts a graph with one float32 input of the given shape.
func NewGraph(name, input string, shape ...int64) *Graph {
	b := &Graph{g: GraphProto{Name: name}}
	b.g.Input = append(b.g.Input, valueInfo(input, shape))
	return b
}

func valueInfo(name string, shape []int64) *ValueInfoProto {
	dims := make([]*TensorShapeProto_Dimension, len(shape))
	for i, d := range shape {
		dims[i] = &TensorShapeProto_Dimension{Value: &TensorShapeProto_Dimension_DimValue{DimValue: d}}
	}
	return &ValueInfoProto{Name: name, Type: &TypeProto{Value: &TypeProto_TensorType{TensorType: &TypeProto_Tensor{
		ElemType: int32(TensorProto_FLOAT), Shape: &TensorShapeProto{Dim: dims}}}}}
}

// SetBlock names the nodes added from now on "<block>/<op><n>"; a profile's node names
// then tell which block each node belongs to.
func (b *Graph) SetBlock(name string) { b.block = name }

func (b *Graph) name(op string) string {
	b.next++
	if b.block == "" {
		return fmt.Sprintf("%s%d", op, b.next)
	}
	return fmt.Sprintf("%s/%s%d", b.block, op, b.next)
}

// Const adds a float32 initialiser with the given values and shape; the values are
// stored little-endian in raw_data, as ONNX specifies.
func (b *Graph) Const(values []float32, shape ...int64) string {
	n := int64(1)
	for _, d := range shape {
		n *= d
	}
	if n != int64(len(values)) {
		panic(fmt.Sprintf("onnx: %d values for shape %v", len(values), shape))
	}
	raw := make([]byte, 4*len(values))
	for i, v := range values {
		binary.LittleEndian.PutUint32(raw[4*i:], math.Float32bits(v))
	}
	name := b.name("const")
	b.g.Initializer = append(b.g.Initializer, &TensorProto{Name: name, Dims: shape, DataType: int32(TensorProto_FLOAT), RawData: raw})
	return name
}

// ConstInt64 adds an int64 initialiser (shapes for Reshape, axes).
func (b *Graph) ConstInt64(values []int64, shape ...int64) string {
	raw := make([]byte, 8*len(values))
	for i, v := range values {
		binary.LittleEndian.PutUint64(raw[8*i:], uint64(v))
	}
	name := b.name("const")
	b.g.Initializer = append(b.g.Initializer, &TensorProto{Name: name, Dims: shape, DataType: int32(TensorProto_INT64), RawData: raw})
	return name
}

// Op adds a node of the given type with inputs and attributes and returns its output.
func (b *Graph) Op(opType string, inputs []string, attrs ...*AttributeProto) string {
	out := b.name(opType)
	b.g.Node = append(b.g.Node, &NodeProto{Name: out, OpType: opType, Input: inputs, Output: []string{out}, Attribute: attrs})
	return out
}

// Ints is an integer-list attribute.
func Ints(name string, v ...int64) *AttributeProto {
	return &AttributeProto{Name: name, Ints: v, Type: AttributeProto_INTS}
}

// Int is an integer attribute.
func Int(name string, v int64) *AttributeProto {
	return &AttributeProto{Name: name, I: v, Type: AttributeProto_INT}
}

// String is a string attribute.
func String(name, v string) *AttributeProto {
	return &AttributeProto{Name: name, S: []byte(v), Type: AttributeProto_STRING}
}

// Float is a float attribute.
func Float(name string, v float32) *AttributeProto {
	return &AttributeProto{Name: name, F: v, Type: AttributeProto_FLOAT}
}

// Conv adds a 2-D convolution of x (NCHW) with weights w (out, in/groups, k, k,
// row-major) and an optional bias (nil for none), padded by k/2 on every side as
// PyTorch's (and so OFA's) convolutions and GoMLX's "same" padding are: the output side
// is ceil(input / stride) for odd k.
func (b *Graph) Conv(x string, w []float32, bias []float32, in, out, k, stride, groups int) string {
	inputs := []string{x, b.Const(w, int64(out), int64(in/groups), int64(k), int64(k))}
	if bias != nil {
		inputs = append(inputs, b.Const(bias, int64(out)))
	}
	p := int64(k / 2)
	return b.Op("Conv", inputs, Ints("kernel_shape", int64(k), int64(k)), Ints("strides", int64(stride), int64(stride)),
		Ints("pads", p, p, p, p), Int("group", int64(groups)))
}

// OutputName is the name of every graph's output.
const OutputName = "output"

// Output makes value the graph's output, named OutputName, of the given shape (through
// an Identity node, which ONNX Runtime's optimiser removes).
func (b *Graph) Output(value string, shape ...int64) {
	b.g.Node = append(b.g.Node, &NodeProto{Name: OutputName, OpType: "Identity", Input: []string{value}, Output: []string{OutputName}})
	b.g.Output = append(b.g.Output, valueInfo(OutputName, shape))
}

// Nodes is the number of nodes so far.
func (b *Graph) Nodes() int { return len(b.g.Node) }

// Model serialises the graph as an ONNX model.
func (b *Graph) Model() ([]byte, error) {
	m := &ModelProto{IrVersion: IRVersion, ProducerName: "nasanalysis", Graph: &b.g,
		OpsetImport: []*OperatorSetIdProto{{Domain: "", Version: Opset}}}
	return proto.Marshal(m)
}
