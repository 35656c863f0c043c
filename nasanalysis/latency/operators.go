package latency

import (
	"fmt"
	"slices"
	"strings"

	"github.com/nasanalysis/nasanalysis/nasanalysis/arch"
	"github.com/nasanalysis/nasanalysis/nasanalysis/onnx"
)

// Operator is one entry of a lookup table: a piece of a network that a table prices as
// a whole (the stem, a block, a head layer), its key, the block of the network it
// belongs to, its NCHW input and output shapes at batch 1, and how to add it to an
// ONNX graph. A network is its operators run in order (ONNXNetwork builds it so), and a
// table entry is one operator timed alone (OperatorNetwork).
type Operator struct {
	Key     string
	Block   Block
	In, Out []int64
	emit    func(w *onnxWeights, x string) string
}

// Operators returns a network's operators in order. The mobile spaces' keys are those
// of OFA's Note10 and ProxylessNAS's mobile tables (arch.MBArch.Layers); OFA-ResNet50's,
// which no published table has, are ResNetKeys'.
func Operators(a arch.Arch) ([]Operator, error) {
	if err := a.Validate(); err != nil {
		return nil, err
	}
	switch a := a.(type) {
	case arch.MBArch:
		return mbOperators(a), nil
	case arch.ResNetArch:
		return resNetOperators(a), nil
	}
	return nil, fmt.Errorf("no operators for %T (OFA-MobileNetV3, OFA-ProxylessNAS and OFA-ResNet50 have them)", a)
}

func nchw(c, side int) []int64 { return []int64{1, int64(c), int64(side), int64(side)} }

// mbOperators are the stem, every block of the plan and the head's layers, keyed as
// a.Layers() keys them; the weights are drawn in buildMB's order.
func mbOperators(a arch.MBArch) []Operator {
	mbv3 := a.Space() == arch.MBv3
	act := func(hs bool) string {
		switch {
		case !mbv3:
			return "relu6"
		case hs:
			return "hswish"
		}
		return "relu"
	}
	layers, plan := a.Layers(), a.Plan()
	h := a.Head()
	stem := Block{Name: "stem", Stage: -1, Layer: -1, Kernel: 3, InSize: a.R}
	ops := []Operator{{Key: layers[0].Key, Block: stem, In: nchw(3, a.R), Out: nchw(h.StemOut, h.StemSize),
		emit: func(w *onnxWeights, x string) string { return w.act(act(true), w.convBN(x, 3, h.StemOut, 3, 2, 1)) }}}
	for i, b := range plan {
		ops = append(ops, Operator{Key: layers[1+i].Key, Block: mbBlock(a, i, b), In: nchw(b.In, b.InSize), Out: nchw(b.Out, b.OutSize()),
			emit: func(w *onnxWeights, y string) string {
				f := act(b.HSwish)
				z := y
				if b.HasExpandConv {
					z = w.act(f, w.convBN(z, b.In, b.Mid, 1, 1, 1))
				}
				z = w.act(f, w.convBN(z, b.Mid, b.Mid, b.Kernel, b.Stride, b.Mid))
				if b.SE {
					seMid := arch.MakeDivisible(float64(b.Mid)/4, 8)
					s := w.act("hsig", w.dense1x1(w.act("relu", w.dense1x1(w.pool(z), b.Mid, seMid, true)), seMid, b.Mid, true))
					z = w.g.Op("Mul", []string{z, s})
				}
				z = w.convBN(z, b.Mid, b.Out, 1, 1, 1)
				if b.Skip {
					z = w.g.Op("Add", []string{z, y})
				}
				return z
			}})
	}
	head := Block{Name: "head", Stage: -1, Layer: -1, InSize: h.LastSize}
	headKeys := layers[1+len(plan):]
	s := h.LastSize
	logits := func(w *onnxWeights, y string) string {
		y = w.g.Op("Flatten", []string{y})
		oi, bias := w.denseWeights(h.Mix, h.Classes, true)
		return w.g.Op("Gemm", []string{y, w.g.Const(oi, int64(h.Classes), int64(h.Mix)), w.g.Const(bias, int64(h.Classes))}, onnx.Int("transB", 1))
	}
	out := []int64{1, int64(h.Classes)}
	if mbv3 {
		return append(ops,
			Operator{Key: headKeys[0].Key, Block: head, In: nchw(h.LastIn, s), Out: nchw(h.FinalExpand, s),
				emit: func(w *onnxWeights, y string) string {
					return w.act("hswish", w.convBN(y, h.LastIn, h.FinalExpand, 1, 1, 1))
				}},
			Operator{Key: headKeys[1].Key, Block: head, In: nchw(h.FinalExpand, s), Out: nchw(h.FinalExpand, 1),
				emit: func(w *onnxWeights, y string) string { return w.pool(y) }},
			Operator{Key: headKeys[2].Key, Block: head, In: nchw(h.FinalExpand, 1), Out: nchw(h.Mix, 1),
				emit: func(w *onnxWeights, y string) string {
					return w.act("hswish", w.dense1x1(y, h.FinalExpand, h.Mix, false))
				}},
			Operator{Key: headKeys[3].Key, Block: head, In: nchw(h.Mix, 1), Out: out, emit: logits})
	}
	// ProxylessNAS: the 1x1 conv, then pooling and the classifier as one "Logits" entry.
	return append(ops,
		Operator{Key: headKeys[0].Key, Block: head, In: nchw(h.LastIn, s), Out: nchw(h.Mix, s),
			emit: func(w *onnxWeights, y string) string { return w.act("relu6", w.convBN(y, h.LastIn, h.Mix, 1, 1, 1)) }},
		Operator{Key: headKeys[1].Key, Block: head, In: nchw(h.Mix, s), Out: out,
			emit: func(w *onnxWeights, y string) string { return logits(w, w.pool(y)) }})
}

// ResNetKeys are the keys of OFA-ResNet50's operators, in the style of the Note10
// tables (datasets/README.md documents them):
//
//	input_stem-input:RxRx3-mid:M-output:SxSxO-middle:0|1   3x3/2 conv 3->M, [3x3 conv M->M + identity], 3x3 conv M->O, 3x3/2 max pool
//	bottleneck-input:HxHxI-mid:M-output:GxGxO-stride:S-downsample:0|1
//	head-input:HxHxC-output:1000                            global average pooling and the classifier
func ResNetKeys(a arch.ResNetArch) []string {
	ops := resNetOperators(a)
	keys := make([]string, len(ops))
	for i, op := range ops {
		keys[i] = op.Key
	}
	return keys
}

// resNetOperators are the input stem, every bottleneck and the head, as onnxResNet
// draws them.
func resNetOperators(a arch.ResNetArch) []Operator {
	stem, blocks := a.Plan()
	pooled := (stem.Size + 1) / 2
	ops := []Operator{{Key: fmt.Sprintf("input_stem-input:%dx%dx3-mid:%d-output:%dx%dx%d-middle:%d", a.R, a.R, stem.Mid, pooled, pooled, stem.Out, bit(stem.Middle)),
		Block: Block{Name: "stem", Stage: -1, Layer: -1, Kernel: 3, InSize: a.R}, In: nchw(3, a.R), Out: nchw(stem.Out, pooled),
		emit: func(w *onnxWeights, x string) string {
			y := w.act("relu", w.convBN(x, 3, stem.Mid, 3, 2, 1))
			if stem.Middle {
				y = w.g.Op("Add", []string{w.act("relu", w.convBN(y, stem.Mid, stem.Mid, 3, 1, 1)), y})
			}
			y = w.act("relu", w.convBN(y, stem.Mid, stem.Out, 3, 1, 1))
			return w.g.Op("MaxPool", []string{y}, onnx.Ints("kernel_shape", 3, 3), onnx.Ints("strides", 2, 2), onnx.Ints("pads", 1, 1, 1, 1))
		}}}
	expands := a.ActiveExpands()
	stage, layer := 0, 0
	for i, b := range blocks {
		if i > 0 && b.Downsample { // every stage opens with a shape-changing block
			stage, layer = stage+1, 0
		}
		blk := Block{Name: fmt.Sprintf("s%dl%d", stage, layer), Stage: stage, Layer: layer, Kernel: 3, Expand: expands[i], InSize: b.InSize}
		layer++
		key := fmt.Sprintf("bottleneck-input:%dx%dx%d-mid:%d-output:%dx%dx%d-stride:%d-downsample:%d",
			b.InSize, b.InSize, b.In, b.Mid, b.OutSize(), b.OutSize(), b.Out, b.Stride, bit(b.Downsample))
		ops = append(ops, Operator{Key: key, Block: blk, In: nchw(b.In, b.InSize), Out: nchw(b.Out, b.OutSize()),
			emit: func(w *onnxWeights, y string) string {
				z := w.act("relu", w.convBN(y, b.In, b.Mid, 1, 1, 1))
				z = w.act("relu", w.convBN(z, b.Mid, b.Mid, 3, b.Stride, 1))
				z = w.convBN(z, b.Mid, b.Out, 1, 1, 1)
				short := y
				if b.Downsample {
					if b.Stride > 1 {
						s := int64(b.Stride)
						// OFA: AvgPool2d(stride, stride, ceil_mode=True, count_include_pad=False).
						short = w.g.Op("AveragePool", []string{short}, onnx.Ints("kernel_shape", s, s), onnx.Ints("strides", s, s),
							onnx.Int("ceil_mode", 1))
					}
					short = w.convBN(short, b.In, b.Out, 1, 1, 1)
				}
				return w.act("relu", w.g.Op("Add", []string{z, short}))
			}})
	}
	last := blocks[len(blocks)-1]
	return append(ops, Operator{Key: fmt.Sprintf("head-input:%dx%dx%d-output:1000", last.OutSize(), last.OutSize(), last.Out),
		Block: Block{Name: "head", Stage: -1, Layer: -1, InSize: last.OutSize()}, In: nchw(last.Out, last.OutSize()), Out: []int64{1, 1000},
		emit: func(w *onnxWeights, y string) string {
			y = w.g.Op("Flatten", []string{w.pool(y)})
			oi, bias := w.denseWeights(last.Out, 1000, true)
			return w.g.Op("Gemm", []string{y, w.g.Const(oi, 1000, int64(last.Out)), w.g.Const(bias, 1000)}, onnx.Int("transB", 1))
		}})
}

func bit(b bool) int {
	if b {
		return 1
	}
	return 0
}

// chainOperators builds a network of its operators in order on one weight stream,
// every node named after its operator's block.
func chainOperators(name string, r int, ops []Operator, seed uint64) (*Network, error) {
	g := onnx.NewGraph(name, "input", 1, 3, int64(r), int64(r))
	w := &onnxWeights{g: g, s: newWeightStream(seed)}
	y := "input"
	var blocks []Block
	for _, op := range ops {
		if len(blocks) == 0 || blocks[len(blocks)-1].Name != op.Block.Name {
			blocks = append(blocks, op.Block)
		}
		g.SetBlock(op.Block.Name)
		y = op.emit(w, y)
	}
	return finish(g, y, r, blocks)
}

// OperatorNetwork is one operator alone as an ONNX model with the random weights of
// seed: its input "input" of shape op.In, its output of shape op.Out. A lookup table
// times it.
func OperatorNetwork(op Operator, seed uint64) (*Network, error) {
	g := onnx.NewGraph(op.Key, "input", op.In...)
	w := &onnxWeights{g: g, s: newWeightStream(seed)}
	g.SetBlock(op.Block.Name)
	y := op.emit(w, "input")
	g.Output(y, op.Out...)
	model, err := g.Model()
	if err != nil {
		return nil, fmt.Errorf("operator %s: %w", op.Key, err)
	}
	return &Network{Model: model, InShape: op.In, OutShape: op.Out, Blocks: []Block{op.Block}}, nil
}

// TableOperators returns every operator the networks of a space can hold at width w
// (0: the space's default) and resolution r, each key once, in network order: what a
// lookup table of the space at r must price. Every block choice occurs at every
// position of a network of uniform choices at the deepest depth, so the mobile spaces
// need 9 networks; OFA-ResNet50's channels depend on the widths of neighbouring stages,
// so every width choice of every stage is combined (2 stems x 3^6 widths x 3 expands).
func TableOperators(space string, width float64, res int) ([]Operator, error) {
	var nets []arch.Arch
	switch space {
	case arch.OFAMBv3, arch.ProxylessNAS:
		for _, k := range arch.MBKernels {
			for _, e := range arch.MBExpands {
				ks, es := strings.TrimSuffix(strings.Repeat(fmt.Sprint(k)+",", 20), ","), strings.TrimSuffix(strings.Repeat(fmt.Sprint(e)+",", 20), ",")
				a, err := arch.Parse(space, fmt.Sprintf(`{"ks":[%s],"e":[%s],"d":[4,4,4,4,4],"r":%d}`, ks, es, res))
				if err != nil {
					return nil, err
				}
				mb := a.(arch.MBArch)
				mb.W = width
				nets = append(nets, mb)
			}
		}
	case arch.OFAResNet50:
		w := make([]int, 6)
		for code := range 729 {
			for i, c := 0, code; i < 6; i, c = i+1, c/3 {
				w[i] = c % 3
			}
			for _, e := range arch.ResNetExpands {
				for _, d0 := range []int{0, 2} {
					nets = append(nets, arch.ResNetArch{D: []int{d0, 2, 2, 2, 2}, E: slices.Repeat([]float64{e}, 18), W: slices.Clone(w), R: res})
				}
			}
		}
	default:
		return nil, fmt.Errorf("no lookup table for %q (spaces with operators: %s, %s, %s)", space, arch.OFAMBv3, arch.ProxylessNAS, arch.OFAResNet50)
	}
	seen := map[string]bool{}
	var out []Operator
	for _, a := range nets {
		ops, err := Operators(a)
		if err != nil {
			return nil, err
		}
		for _, op := range ops {
			if !seen[op.Key] {
				seen[op.Key] = true
				out = append(out, op)
			}
		}
	}
	return out, nil
}
