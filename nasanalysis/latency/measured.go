package latency

import (
	"math"
	"math/rand/v2"

	. "github.com/gomlx/gomlx/core/graph"
	"github.com/gomlx/gomlx/core/tensors"

	"github.com/nasanalysis/nasanalysis/nasanalysis/arch"
)

// weightStream hands out random weights from one seeded generator, so the same
// architecture and seed build the same network — in every engine, since the GoMLX and
// ONNX builders draw the same shapes in the same order (GoMLX's layouts: convolution
// kernels k x k x in/groups x out, dense in x out).
type weightStream struct{ rng *rand.Rand }

func newWeightStream(seed uint64) *weightStream {
	return &weightStream{rand.New(rand.NewPCG(seed, 17))}
}

func (w *weightStream) next(scale float64, dims ...int) []float32 {
	n := 1
	for _, d := range dims {
		n *= d
	}
	v := make([]float32, n)
	for i := range v {
		v[i] = float32(w.rng.NormFloat64() * scale)
	}
	return v
}

// Scales of the random weights: He initialisation for convolutions and dense layers,
// small folded-BatchNorm scales and shifts.
func convScale(k, in, groups int) float64 { return math.Sqrt(2 / float64(k*k*in/groups)) }
func denseScale(in int) float64           { return math.Sqrt(1 / float64(in)) }

const (
	bnScale   = 0.1
	biasScale = 0.01
)

// weights builds GoMLX constants from a weight stream.
type weights struct {
	g *Graph
	s *weightStream
}

func (w *weights) tensor(scale float64, dims ...int) *Node {
	return Const(w.g, tensors.FromFlatDataAndDimensions(w.s.next(scale, dims...), dims...))
}

// convBN is a k x k convolution (depthwise when groups > 1) followed by folded
// BatchNorm (a per-channel scale and shift, as at inference).
func (w *weights) convBN(x *Node, in, out, k, stride, groups int) *Node {
	kernel := w.tensor(convScale(k, in, groups), k, k, in/groups, out)
	y := Convolve(x, kernel).Strides(stride).PadSame().ChannelGroupCount(groups).Done()
	scale := Reshape(w.tensor(bnScale, out), 1, 1, 1, out)
	shift := Reshape(w.tensor(bnScale, out), 1, 1, 1, out)
	return Add(Mul(y, AddScalar(scale, 1)), shift)
}

func relu6(x *Node) *Node  { return ClipScalar(x, 0, 6) }
func hsig(x *Node) *Node   { return MulScalar(relu6(AddScalar(x, 3)), 1.0/6) }
func hswish(x *Node) *Node { return Mul(x, hsig(x)) }
func relu(x *Node) *Node   { return MaxScalar(x, 0) }

func (w *weights) dense(x *Node, in, out int, bias bool) *Node {
	y := MatMul(x, w.tensor(denseScale(in), in, out))
	if bias {
		y = Add(y, Reshape(w.tensor(biasScale, out), 1, out))
	}
	return y
}

// buildMB builds the forward pass of an OFA mobile network at batch 1 (channels last).
func buildMB(a arch.MBArch, seed uint64) func(x *Node) *Node {
	return func(x *Node) *Node {
		w := &weights{g: x.Graph(), s: newWeightStream(seed)}
		mbv3 := a.Space() == arch.MBv3
		act := func(hs bool) func(*Node) *Node {
			switch {
			case !mbv3:
				return relu6
			case hs:
				return hswish
			}
			return relu
		}
		h := a.Head()
		y := act(true)(w.convBN(x, 3, h.StemOut, 3, 2, 1))
		for _, b := range a.Plan() {
			f := act(b.HSwish)
			z := y
			if b.HasExpandConv {
				z = f(w.convBN(z, b.In, b.Mid, 1, 1, 1))
			}
			z = f(w.convBN(z, b.Mid, b.Mid, b.Kernel, b.Stride, b.Mid))
			if b.SE {
				seMid := arch.MakeDivisible(float64(b.Mid)/4, 8)
				s := ReduceMean(z, 1, 2)
				s = hsig(w.dense(relu(w.dense(s, b.Mid, seMid, true)), seMid, b.Mid, true))
				z = Mul(z, Reshape(s, 1, 1, 1, b.Mid))
			}
			z = w.convBN(z, b.Mid, b.Out, 1, 1, 1)
			if b.Skip {
				z = Add(z, y)
			}
			y = z
		}
		if mbv3 {
			y = hswish(w.convBN(y, h.LastIn, h.FinalExpand, 1, 1, 1))
			y = ReduceMean(y, 1, 2)
			y = hswish(w.dense(y, h.FinalExpand, h.Mix, false))
		} else {
			y = relu6(w.convBN(y, h.LastIn, h.Mix, 1, 1, 1))
			y = ReduceMean(y, 1, 2)
		}
		return w.dense(y, h.Mix, h.Classes, true)
	}
}
