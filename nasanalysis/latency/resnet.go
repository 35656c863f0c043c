package latency

import (
	. "github.com/gomlx/gomlx/core/graph"

	"github.com/nasanalysis/nasanalysis/nasanalysis/arch"
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
	return chainOperators("ofa-resnet50", a.R, resNetOperators(a), seed)
}
