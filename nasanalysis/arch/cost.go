package arch

import "fmt"

// Cost is a network's size: multiply-accumulates and parameters, in units (not millions).
type Cost struct {
	MACs, Params float64
}

// Add accumulates another cost.
func (c *Cost) Add(o Cost) { c.MACs += o.MACs; c.Params += o.Params }

// Layer is one costed layer with the shape key the latency lookup tables use.
type Layer struct {
	Key  string // e.g. "expanded_conv-input:80x80x24-output:40x40x32-expand:144-kernel:3-stride:2-idskip:0-se:0-hs:0"
	Cost Cost
}

func boolBit(b bool) int {
	if b {
		return 1
	}
	return 0
}

// cost of a k x k convolution (groups = 1 or depthwise) producing out channels on an
// out x out map, with BatchNorm (2 parameters per channel) when bn is set.
func conv(in, out, k, size int, depthwise, bn, bias bool) Cost {
	perOut := float64(in * k * k)
	if depthwise {
		perOut = float64(k * k)
	}
	c := Cost{MACs: float64(size*size*out) * perOut, Params: float64(out) * perOut}
	if bn {
		c.Params += 2 * float64(out)
	}
	if bias {
		c.Params += float64(out)
	}
	return c
}

// seCost is OFA's squeeze-and-excite on ch channels: global pool, 1x1 conv to
// MakeDivisible(ch/4) with bias, ReLU, 1x1 conv back with bias, hard sigmoid.
func seCost(ch int) Cost {
	mid := MakeDivisible(float64(ch)/4, 8)
	return Cost{MACs: float64(2 * ch * mid), Params: float64(2*ch*mid + mid + ch)}
}

// blockCost is the cost of one MBConv block (expand 1x1, depthwise, SE, project 1x1).
func blockCost(b MBConv) Cost {
	var c Cost
	if b.HasExpandConv {
		c.Add(conv(b.In, b.Mid, 1, b.InSize, false, true, false))
	}
	c.Add(conv(b.Mid, b.Mid, b.Kernel, b.OutSize(), true, true, false))
	if b.SE {
		c.Add(seCost(b.Mid))
	}
	c.Add(conv(b.Mid, b.Out, 1, b.OutSize(), false, true, false))
	return c
}

// Layers returns every layer of the network with its cost and lookup-table key, in order.
func (a MBArch) Layers() []Layer {
	h := a.Head()
	var out []Layer
	out = append(out, Layer{fmt.Sprintf("Conv-input:%dx%dx3-output:%dx%dx%d", a.R, a.R, h.StemSize, h.StemSize, h.StemOut),
		conv(3, h.StemOut, 3, h.StemSize, false, true, false)})
	for _, b := range a.Plan() {
		var key string
		if a.Space() == Proxyless { // its table keys the expand ratio, not the channel count
			key = fmt.Sprintf("expanded_conv-input:%dx%dx%d-output:%dx%dx%d-expand:%d-kernel:%d-stride:%d-idskip:%d",
				b.InSize, b.InSize, b.In, b.OutSize(), b.OutSize(), b.Out, int(b.ExpandRatio), b.Kernel, b.Stride, boolBit(b.Skip))
		} else {
			key = fmt.Sprintf("expanded_conv-input:%dx%dx%d-output:%dx%dx%d-expand:%d-kernel:%d-stride:%d-idskip:%d-se:%d-hs:%d",
				b.InSize, b.InSize, b.In, b.OutSize(), b.OutSize(), b.Out, b.Mid, b.Kernel, b.Stride,
				boolBit(b.Skip), boolBit(b.SE), boolBit(b.HSwish))
		}
		out = append(out, Layer{key, blockCost(b)})
	}
	s := h.LastSize
	if h.FinalExpand > 0 { // MobileNetV3 head
		out = append(out,
			Layer{fmt.Sprintf("Conv_1-input:%dx%dx%d-output:%dx%dx%d", s, s, h.LastIn, s, s, h.FinalExpand), conv(h.LastIn, h.FinalExpand, 1, s, false, true, false)},
			Layer{fmt.Sprintf("AvgPool2D-input:%dx%dx%d-output:1x1x%d", s, s, h.FinalExpand, h.FinalExpand), Cost{}},
			Layer{fmt.Sprintf("Conv_2-input:1x1x%d-output:1x1x%d", h.FinalExpand, h.Mix), conv(h.FinalExpand, h.Mix, 1, 1, false, false, false)},
			Layer{fmt.Sprintf("Logits-input:1x1x%d-output:%d", h.Mix, h.Classes), linear(h.Mix, h.Classes)})
		return out
	}
	// ProxylessNAS head: 1x1 conv with BN to Mix, then pooling and the classifier (one
	// "Logits" entry in its lookup table, keyed by the pre-pooling map).
	return append(out,
		Layer{fmt.Sprintf("Conv_1-input:%dx%dx%d-output:%dx%dx%d", s, s, h.LastIn, s, s, h.Mix), conv(h.LastIn, h.Mix, 1, s, false, true, false)},
		Layer{fmt.Sprintf("Logits-input:%dx%dx%d-output:%d", s, s, h.Mix, h.Classes), linear(h.Mix, h.Classes)})
}

func linear(in, out int) Cost { return Cost{MACs: float64(in * out), Params: float64(in*out + out)} }

// Cost returns the network's total MACs and parameters.
func (a MBArch) Cost() Cost {
	var c Cost
	for _, l := range a.Layers() {
		c.Add(l.Cost)
	}
	return c
}

// MACs returns the network's multiply-accumulates.
func (a MBArch) MACs() float64 { return a.Cost().MACs }

// MACs returns the network's multiply-accumulates.
func (a ResNetArch) MACs() float64 { return a.Cost().MACs }
