package latency

import (
	"fmt"

	"github.com/nasanalysis/nasanalysis/nasanalysis/arch"
	"github.com/nasanalysis/nasanalysis/nasanalysis/onnx"
)

// Network is one architecture built as an ONNX model with random weights: batch 1,
// float32, NCHW input "input" and 1000 logits "output". Every node is named after its
// block ("stem", "s<stage>l<layer>", "head"), so a per-node profile sums per block.
type Network struct {
	Model    []byte
	InShape  []int64
	OutShape []int64
	Blocks   []Block // in network order
}

// Block describes one block of a network for per-block tables: its name, its position
// (stage and layer within the stage, -1 for stem and head), its choices and its input
// feature-map side.
type Block struct {
	Name         string
	Stage, Layer int
	Kernel       int
	Expand       float64
	InSize       int
	MACs         float64
}

// onnxWeights draws from the same stream as the GoMLX builder, in the same order and
// shapes, and converts to ONNX's layouts with BatchNorm folded into the convolution.
type onnxWeights struct {
	g *onnx.Graph
	s *weightStream
}

// convBN is a k x k convolution with folded BatchNorm: GoMLX multiplies the output by
// (1 + scale) and adds shift; here the kernel of each output channel is scaled and
// shift is the bias, which is the same function.
func (w *onnxWeights) convBN(x string, in, out, k, stride, groups int) string {
	hwio := w.s.next(convScale(k, in, groups), k, k, in/groups, out)
	scale := w.s.next(bnScale, out)
	shift := w.s.next(bnScale, out)
	cin := in / groups
	oihw := make([]float32, len(hwio))
	for o := range out {
		for c := range cin {
			for i := range k {
				for j := range k {
					oihw[((o*cin+c)*k+i)*k+j] = hwio[((i*k+j)*cin+c)*out+o] * (1 + scale[o])
				}
			}
		}
	}
	return w.g.Conv(x, oihw, shift, in, out, k, stride, groups)
}

// denseWeights draws a dense layer (in x out and the bias) and returns it transposed to
// out x in, the layout of a 1x1 convolution.
func (w *onnxWeights) denseWeights(in, out int, bias bool) (oi, b []float32) {
	io := w.s.next(denseScale(in), in, out)
	oi = make([]float32, len(io))
	for i := range in {
		for o := range out {
			oi[o*in+i] = io[i*out+o]
		}
	}
	if bias {
		b = w.s.next(biasScale, out)
	}
	return oi, b
}

// dense1x1 is a dense layer on a 1 x C x 1 x 1 tensor, as a 1x1 convolution.
func (w *onnxWeights) dense1x1(x string, in, out int, bias bool) string {
	oi, b := w.denseWeights(in, out, bias)
	return w.g.Conv(x, oi, b, in, out, 1, 1, 1)
}

func (w *onnxWeights) act(kind, x string) string {
	switch kind {
	case "relu":
		return w.g.Op("Relu", []string{x})
	case "relu6":
		return w.g.Op("Clip", []string{x, w.g.Const([]float32{0}), w.g.Const([]float32{6})})
	case "hswish":
		return w.g.Op("HardSwish", []string{x})
	case "hsig": // relu6(x + 3) / 6
		return w.g.Op("HardSigmoid", []string{x}, onnx.Float("alpha", 1.0/6), onnx.Float("beta", 0.5))
	}
	panic("unknown activation " + kind)
}

func (w *onnxWeights) pool(x string) string { return w.g.Op("GlobalAveragePool", []string{x}) }

// ONNXNetwork builds an OFA mobile network (MobileNetV3 or ProxylessNAS) or an
// OFA-ResNet50 as an ONNX model with the random weights of seed.
func ONNXNetwork(a arch.Arch, seed uint64) (*Network, error) {
	if err := a.Validate(); err != nil {
		return nil, err
	}
	switch a := a.(type) {
	case arch.MBArch:
		return onnxMB(a, seed)
	case arch.ResNetArch:
		return onnxResNet(a, seed)
	}
	return nil, fmt.Errorf("no network builder for %T (OFA-MobileNetV3, OFA-ProxylessNAS and OFA-ResNet50 have one)", a)
}

func finish(g *onnx.Graph, y string, r int, blocks []Block) (*Network, error) {
	g.Output(y, 1, 1000)
	model, err := g.Model()
	if err != nil {
		return nil, err
	}
	return &Network{Model: model, InShape: []int64{1, 3, int64(r), int64(r)}, OutShape: []int64{1, 1000}, Blocks: blocks}, nil
}

// onnxMB mirrors buildMB (the GoMLX graph) layer for layer and weight for weight.
func onnxMB(a arch.MBArch, seed uint64) (*Network, error) {
	return chainOperators(a.Space().Name, a.R, mbOperators(a), seed)
}

// mbBlock names block i of the plan: 0 is the fixed first block ("first"), then the
// active slots of the five stages ("s<stage>l<layer>"), then ProxylessNAS's fixed last
// block ("last").
func mbBlock(a arch.MBArch, i int, b arch.MBConv) Block {
	blk := Block{Stage: -1, Layer: -1, Kernel: b.Kernel, Expand: b.ExpandRatio, InSize: b.InSize}
	if i == 0 {
		blk.Name = "first"
		return blk
	}
	k := i - 1
	for s, d := range a.D {
		if k < d {
			blk.Stage, blk.Layer = s, k
			blk.Name = fmt.Sprintf("s%dl%d", s, k)
			return blk
		}
		k -= d
	}
	blk.Name = "last"
	return blk
}
