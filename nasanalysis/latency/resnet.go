package latency

import (
	"fmt"

	. "github.com/gomlx/gomlx/core/graph"

	"github.com/nasanalysis/nasanalysis/nasanalysis/arch"
	"github.com/nasanalysis/nasanalysis/nasanalysis/onnx"
)

// OFA-ResNet50 as OFA defines it: the input stem (3x3 stride-2 conv, an optional 3x3
// conv with an identity shortcut, a 3x3 conv, 3x3 stride-2 max pooling), bottlenecks
// (1x1, 3x3 with the block's stride, 1x1; the shortcut of a stage's first block is
// average pooling over the stride and a 1x1 conv), ReLU after every conv but the last
// of a bottleneck (after the addition instead), global pooling and the classifier.
// The GoMLX and ONNX builders below draw the same weights in the same order.

// buildResNet builds the GoMLX forward pass at batch 1, channels last.
func buildResNet(a arch.ResNetArch, seed uint64) func(x *Node) *Node {
	return func(x *Node) *Node {
		w := &weights{g: x.Graph(), s: newWeightStream(seed)}
		stem, blocks := a.Plan()
		y := relu(w.convBN(x, 3, stem.Mid, 3, 2, 1))
		if stem.Middle {
			y = Add(relu(w.convBN(y, stem.Mid, stem.Mid, 3, 1, 1)), y)
		}
		y = relu(w.convBN(y, stem.Mid, stem.Out, 3, 1, 1))
		y = MaxPool(y).Window(3).Strides(2).PadSame().Done()
		for _, b := range blocks {
			z := relu(w.convBN(y, b.In, b.Mid, 1, 1, 1))
			z = relu(w.convBN(z, b.Mid, b.Mid, 3, b.Stride, 1))
			z = w.convBN(z, b.Mid, b.Out, 1, 1, 1)
			short := y
			if b.Downsample {
				if b.Stride > 1 {
					short = MeanPool(short).Window(b.Stride).Strides(b.Stride).PadSame().Done()
				}
				short = w.convBN(short, b.In, b.Out, 1, 1, 1)
			}
			y = relu(Add(z, short))
		}
		last := blocks[len(blocks)-1].Out
		return w.dense(ReduceMean(y, 1, 2), last, 1000, true)
	}
}

// onnxResNet mirrors buildResNet layer for layer and weight for weight.
func onnxResNet(a arch.ResNetArch, seed uint64) (*Network, error) {
	g := onnx.NewGraph("ofa-resnet50", "input", 1, 3, int64(a.R), int64(a.R))
	w := &onnxWeights{g: g, s: newWeightStream(seed)}
	stem, blocks := a.Plan()
	g.SetBlock("stem")
	meta := []Block{{Name: "stem", Stage: -1, Layer: -1, Kernel: 3, InSize: a.R}}
	y := w.act("relu", w.convBN("input", 3, stem.Mid, 3, 2, 1))
	if stem.Middle {
		y = g.Op("Add", []string{w.act("relu", w.convBN(y, stem.Mid, stem.Mid, 3, 1, 1)), y})
	}
	y = w.act("relu", w.convBN(y, stem.Mid, stem.Out, 3, 1, 1))
	y = g.Op("MaxPool", []string{y}, onnx.Ints("kernel_shape", 3, 3), onnx.Ints("strides", 2, 2), onnx.Ints("pads", 1, 1, 1, 1))
	expands := a.ActiveExpands()
	stage, layer := 0, 0
	for i, b := range blocks {
		if i > 0 && b.Downsample { // every stage opens with a shape-changing block
			stage, layer = stage+1, 0
		}
		blk := Block{Name: fmt.Sprintf("s%dl%d", stage, layer), Stage: stage, Layer: layer, Kernel: 3,
			Expand: expands[i], InSize: b.InSize}
		meta = append(meta, blk)
		g.SetBlock(blk.Name)
		layer++
		z := w.act("relu", w.convBN(y, b.In, b.Mid, 1, 1, 1))
		z = w.act("relu", w.convBN(z, b.Mid, b.Mid, 3, b.Stride, 1))
		z = w.convBN(z, b.Mid, b.Out, 1, 1, 1)
		short := y
		if b.Downsample {
			if b.Stride > 1 {
				s := int64(b.Stride)
				// OFA: AvgPool2d(stride, stride, ceil_mode=True, count_include_pad=False).
				short = g.Op("AveragePool", []string{short}, onnx.Ints("kernel_shape", s, s), onnx.Ints("strides", s, s),
					onnx.Int("ceil_mode", 1))
			}
			short = w.convBN(short, b.In, b.Out, 1, 1, 1)
		}
		y = w.act("relu", g.Op("Add", []string{z, short}))
	}
	g.SetBlock("head")
	meta = append(meta, Block{Name: "head", Stage: -1, Layer: -1, InSize: blocks[len(blocks)-1].OutSize()})
	last := blocks[len(blocks)-1].Out
	y = g.Op("Flatten", []string{w.pool(y)})
	oi, bias := w.denseWeights(last, 1000, true)
	y = g.Op("Gemm", []string{y, g.Const(oi, 1000, int64(last)), g.Const(bias, 1000)}, onnx.Int("transB", 1))
	return finish(g, y, a.R, meta)
}
