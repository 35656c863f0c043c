package arch

import (
	"encoding/json"
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
)

// ResNetArch is an OFA-ResNet50 sub-network in OFA's dictionary form:
//   - D: 5 depths — D[0] is the input stem's optional middle conv (0 = skipped, 2 = kept),
//     D[1..4] the extra blocks (0, 1 or 2) of the 4 stages over their base depths 2, 2, 4, 2;
//   - E: 18 expand ratios (0.2, 0.25, 0.35), 4 + 4 + 6 + 4 slots for the stages' blocks;
//   - W: 6 width-multiplier indices (0, 1, 2 for 0.65, 0.8, 1.0): the stem's two convs
//     and the 4 stages;
//   - R: input resolution.
type ResNetArch struct {
	D []int     `json:"d"`
	E []float64 `json:"e"`
	W []int     `json:"w"`
	R int       `json:"r"`
}

// OFA-ResNet50 choices. The resolutions are the eight its released accuracy predictor
// encodes, and those Sample draws from; the network runs at any resolution Validate
// accepts (RunResolutions).
var (
	ResNetExpands     = []float64{0.2, 0.25, 0.35}
	ResNetDepths      = []int{0, 1, 2}
	ResNetWidths      = []float64{0.65, 0.8, 1.0}
	ResNetResolutions = []int{128, 144, 160, 176, 192, 224, 240, 256}
	resNetBaseDepth   = []int{2, 2, 4, 2}
	resNetStageWidth  = []int{256, 512, 1024, 2048}
	resNetStride      = []int{1, 2, 2, 2}
)

// ParseResNet reads an architecture from its JSON form and validates it. The form is one
// JSON object with the keys "d", "e", "w" and "r"; "r" is a number or, as OFA writes it,
// a list of one number ("r": [224]).
func ParseResNet(s string) (ResNetArch, error) {
	var a ResNetArch
	var r jsonResolution
	if err := decodeObject(s, map[string]any{"d": &a.D, "e": &a.E, "w": &a.W, "r": &r}); err != nil {
		return ResNetArch{}, fmt.Errorf("malformed OFA-ResNet50 architecture %q: %w", s, err)
	}
	a.R = int(r)
	return a, a.Validate()
}

// Validate checks lengths and choices, naming the offending field, position and value.
func (a ResNetArch) Validate() error {
	if len(a.D) != 5 || len(a.E) != 18 || len(a.W) != 6 {
		return fmt.Errorf("ofa-resnet50: want 5 d, 18 e and 6 w values, got %d, %d and %d", len(a.D), len(a.E), len(a.W))
	}
	if a.D[0] != 0 && a.D[0] != 2 {
		return fmt.Errorf("ofa-resnet50: d[0] = %d (input stem), want 0 or 2", a.D[0])
	}
	for i, d := range a.D[1:] {
		if !slices.Contains(ResNetDepths, d) {
			return fmt.Errorf("ofa-resnet50: d[%d] = %d, want one of %v", i+1, d, ResNetDepths)
		}
	}
	for i, e := range a.E {
		if !slices.Contains(ResNetExpands, e) {
			return fmt.Errorf("ofa-resnet50: e[%d] = %v, want one of %v", i, e, ResNetExpands)
		}
	}
	for i, w := range a.W {
		if w < 0 || w >= len(ResNetWidths) {
			return fmt.Errorf("ofa-resnet50: w[%d] = %d, want an index 0..2 into %v", i, w, ResNetWidths)
		}
	}
	if !RunResolutions.Contains(a.R) {
		return fmt.Errorf("ofa-resnet50: r = %d, want an input resolution of %s", a.R, RunResolutions)
	}
	return nil
}

// JSON returns the canonical dictionary form.
func (a ResNetArch) JSON() string {
	b, _ := json.Marshal(a)
	return string(b)
}

// String is the JSON form.
func (a ResNetArch) String() string { return a.JSON() }

// SampleResNet draws every choice uniformly.
func SampleResNet(rng *rand.Rand) ResNetArch {
	a := ResNetArch{D: make([]int, 5), E: make([]float64, 18), W: make([]int, 6)}
	a.D[0] = 2 * rng.IntN(2)
	for i := 1; i < 5; i++ {
		a.D[i] = ResNetDepths[rng.IntN(3)]
	}
	for i := range a.E {
		a.E[i] = ResNetExpands[rng.IntN(3)]
	}
	for i := range a.W {
		a.W[i] = rng.IntN(3)
	}
	a.R = ResNetResolutions[rng.IntN(len(ResNetResolutions))]
	return a
}

// Clone returns a deep copy.
func (a ResNetArch) Clone() ResNetArch {
	a.D, a.E, a.W = slices.Clone(a.D), slices.Clone(a.E), slices.Clone(a.W)
	return a
}

// Mutate resamples each choice independently with probability p.
func (a ResNetArch) Mutate(rng *rand.Rand, p float64) ResNetArch {
	b := a.Clone()
	s := SampleResNet(rng)
	for i := range b.D {
		if rng.Float64() < p {
			b.D[i] = s.D[i]
		}
	}
	for i := range b.E {
		if rng.Float64() < p {
			b.E[i] = s.E[i]
		}
	}
	for i := range b.W {
		if rng.Float64() < p {
			b.W[i] = s.W[i]
		}
	}
	if rng.Float64() < p {
		b.R = s.R
	}
	return b
}

// Crossover takes each choice from a or b with equal probability.
func (a ResNetArch) Crossover(rng *rand.Rand, b ResNetArch) ResNetArch {
	c := a.Clone()
	for i := range c.D {
		if rng.IntN(2) == 1 {
			c.D[i] = b.D[i]
		}
	}
	for i := range c.E {
		if rng.IntN(2) == 1 {
			c.E[i] = b.E[i]
		}
	}
	for i := range c.W {
		if rng.IntN(2) == 1 {
			c.W[i] = b.W[i]
		}
	}
	if rng.IntN(2) == 1 {
		c.R = b.R
	}
	return c
}

// stageSlots returns the first E index and the active block count of stage s.
func (a ResNetArch) stageSlots(s int) (start, n int) {
	for i := 0; i < s; i++ {
		start += resNetBaseDepth[i] + 2
	}
	return start, resNetBaseDepth[s] + a.D[s+1]
}

// OFAFeatures returns the 82-number input of OFA's released ResNet50 accuracy predictor: a
// one-hot of the resolution (8), of the input-stem skip (2: kept middle conv = 1), of
// each of the 6 width indices (3 each), and of the expand ratio of each active block
// (3 each, 18 slots; inactive slots all zero). At a resolution other than the eight the
// resolution one-hot stays zero, which the predictor was never trained on: check
// ResNetPredictorResolutions first, as the acc metric does.
func (a ResNetArch) OFAFeatures() []float64 {
	x := make([]float64, 82)
	if i := slices.Index(ResNetResolutions, a.R); i >= 0 {
		x[i] = 1
	}
	skip := 0
	if a.D[0] > 0 {
		skip = 1
	}
	x[8+skip] = 1
	for i, w := range a.W {
		x[10+3*i+w] = 1
	}
	for s := range resNetBaseDepth {
		start, n := a.stageSlots(s)
		for j := start; j < start+n; j++ {
			x[28+3*j+slices.Index(ResNetExpands, a.E[j])] = 1
		}
	}
	return x
}

// Bottleneck is the layer plan of one ResNet bottleneck block: 1x1 In -> Mid, 3x3 Mid
// -> Mid with the block's stride, 1x1 Mid -> Out, and for a stage's first block a
// shortcut of average pooling and a 1x1 conv when the shape changes.
type Bottleneck struct {
	In, Mid, Out   int
	Stride, InSize int
	Downsample     bool
}

// OutSize is the block's output feature-map side.
func (b Bottleneck) OutSize() int { return (b.InSize + b.Stride - 1) / b.Stride }

// ResNetStem is the input stem's plan: 3x3 stride-2 conv 3 -> Mid, an optional 3x3 conv
// Mid -> Mid with identity shortcut, 3x3 conv Mid -> Out, then 3x3 stride-2 max pooling.
type ResNetStem struct {
	Mid, Out, Size int // Size: feature-map side after the first conv
	Middle         bool
}

// Plan returns the stem and every active bottleneck with exact channels and sizes.
func (a ResNetArch) Plan() (ResNetStem, []Bottleneck) {
	width := func(i int) float64 { return ResNetWidths[a.W[i]] }
	stem := ResNetStem{Out: MakeDivisible(64*width(1), 8), Mid: MakeDivisible(float64(MakeDivisible(64*width(0), 8)/2), 8),
		Size: (a.R + 1) / 2, Middle: a.D[0] > 0}
	size := (stem.Size + 1) / 2 // max pool
	in := stem.Out
	var blocks []Bottleneck
	for s := range resNetBaseDepth {
		out := MakeDivisible(float64(resNetStageWidth[s])*width(s+2), 8)
		start, n := a.stageSlots(s)
		for l := 0; l < n; l++ {
			stride := 1
			if l == 0 {
				stride = resNetStride[s]
			}
			b := Bottleneck{In: in, Mid: MakeDivisible(float64(out)*a.E[start+l], 8), Out: out, Stride: stride, InSize: size,
				Downsample: l == 0 && (stride != 1 || in != out)}
			blocks = append(blocks, b)
			in, size = out, b.OutSize()
		}
	}
	return stem, blocks
}

// Cost returns MACs and parameters of the network (every conv with BatchNorm; global
// pooling; a 1000-way classifier with bias).
func (a ResNetArch) Cost() Cost {
	stem, blocks := a.Plan()
	var c Cost
	c.Add(conv(3, stem.Mid, 3, stem.Size, false, true, false))
	if stem.Middle {
		c.Add(conv(stem.Mid, stem.Mid, 3, stem.Size, false, true, false))
	}
	c.Add(conv(stem.Mid, stem.Out, 3, stem.Size, false, true, false))
	last := stem.Out
	for _, b := range blocks {
		c.Add(conv(b.In, b.Mid, 1, b.InSize, false, true, false))
		c.Add(conv(b.Mid, b.Mid, 3, b.OutSize(), false, true, false))
		c.Add(conv(b.Mid, b.Out, 1, b.OutSize(), false, true, false))
		if b.Downsample {
			c.Add(conv(b.In, b.Out, 1, b.OutSize(), false, true, false))
		}
		last = b.Out
	}
	c.Add(linear(last, 1000))
	return c
}

// ResNetSize returns the number of distinct OFA-ResNet50 architectures: 2 input stems x
// 3^6 width choices x, per stage, the sum over extra depths d of 3^(base+d) expand
// choices, x the 8 resolutions.
func ResNetSize() float64 {
	n := 2 * math.Pow(3, 6) * float64(len(ResNetResolutions))
	for _, base := range resNetBaseDepth {
		s := 0.0
		for _, d := range ResNetDepths {
			s += math.Pow(3, float64(base+d))
		}
		n *= s
	}
	return n
}

// Flat is the flat encoding of linear models and MLPs; for OFA-ResNet50 it is the
// input of OFA's predictor, which is one-hot already (OFAFeatures). It tells apart
// only the eight resolutions of that predictor; Graph carries any resolution as a
// number.
func (a ResNetArch) Flat() []float64 { return a.OFAFeatures() }

// Graph is the network as a chain: input (resolution, 128-256 px scaled to [0, 1]),
// the stem (middle conv kept, one-hot width of its two convs), one node per bottleneck
// slot (one-hot expand, one-hot stage, one-hot stage width, and a flag for slots beyond
// the stage's depth), output.
func (a ResNetArch) Graph() Graph {
	const (
		fIn, fOut, fRes = 0, 1, 2
		fMiddle         = 3
		fStemW          = 4 // two one-hots of 3
		fExpand         = 10
		fStage          = 13
		fWidth          = 17
		fSkipped        = 20
	)
	slots := len(a.E)
	g := newGraph(slots+3, 21)
	lo, hi := ResNetResolutions[0], ResNetResolutions[len(ResNetResolutions)-1]
	g.Nodes[0][fIn] = 1
	g.Nodes[0][fRes] = float64(a.R-lo) / float64(hi-lo)
	stem := g.Nodes[1]
	if a.D[0] > 0 {
		stem[fMiddle] = 1
	}
	stem[fStemW+a.W[0]], stem[fStemW+3+a.W[1]] = 1, 1
	g.Nodes[slots+2][fOut] = 1
	for s, base := range resNetBaseDepth {
		start, n := a.stageSlots(s)
		for l := range base + 2 {
			node := g.Nodes[2+start+l]
			node[fStage+s], node[fWidth+a.W[s+2]] = 1, 1
			if l >= n {
				node[fSkipped] = 1
				continue
			}
			node[fExpand+slices.Index(ResNetExpands, a.E[start+l])] = 1
		}
	}
	g.chain()
	return g
}

// ActiveExpands returns the expand ratio of every active bottleneck, in the order of
// Plan's blocks.
func (a ResNetArch) ActiveExpands() []float64 {
	var out []float64
	for s := range resNetBaseDepth {
		start, n := a.stageSlots(s)
		out = append(out, a.E[start:start+n]...)
	}
	return out
}
