package arch

import (
	"encoding/json"
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
)

// MBConv is the layer plan of one mobile inverted-bottleneck block.
type MBConv struct {
	In, Out, Mid  int // channels: input, output, expanded
	Kernel        int
	Stride        int
	InSize        int // input feature-map side
	SE            bool
	HSwish        bool
	Skip          bool // identity shortcut (stride 1 and In == Out)
	ExpandRatio   float64
	HasExpandConv bool // false for the first block, whose expand ratio is 1
}

// OutSize is the block's output feature-map side.
func (b MBConv) OutSize() int { return (b.InSize + b.Stride - 1) / b.Stride }

// MakeDivisible rounds v to the nearest multiple of divisor (at least divisor), never
// more than 10 % below v — the channel rounding of MobileNet and OFA.
func MakeDivisible(v float64, divisor int) int {
	n := int(v+float64(divisor)/2) / divisor * divisor
	if n < divisor {
		n = divisor
	}
	if float64(n) < 0.9*v {
		n += divisor
	}
	return n
}

// MBArch is a sub-network of an OFA mobile space (MobileNetV3 or ProxylessNAS) in OFA's
// dictionary form: kernel size and expand ratio of each of 5 stages x 4 block slots, the
// depth of each stage, the input resolution, and the supernet's width multiplier.
//
// W is omitted from the JSON form at its zero value, which means the space's default
// width (MBSpace.DefaultWidth): a line without "w" is an OFA-MobileNetV3 network of the
// width-1.2 supernet, or an OFA-ProxylessNAS network of the width-1.3 one.
type MBArch struct {
	KS []int   `json:"ks"`
	E  []int   `json:"e"`
	D  []int   `json:"d"`
	R  int     `json:"r"`
	W  float64 `json:"w,omitempty"` // 0 means the space's default width: 1.2 for ofa-mbv3, 1.3 for proxylessnas
	sp *MBSpace
}

// Choices shared by both OFA mobile spaces.
var (
	MBKernels     = []int{3, 5, 7}
	MBExpands     = []int{3, 4, 6}
	MBDepths      = []int{2, 3, 4}
	MBResolutions = []int{160, 176, 192, 208, 224}
)

// The resolutions an OFA mobile supernet was trained at (elastic resolution; HELP's GPU
// table holds them too): 128 to 224 px in steps of 4 (MBElasticResolutions). The
// networks run at any resolution Validate accepts (RunResolutions); the graph and flat
// encodings scale the resolution over this range. Sample draws from MBResolutions, the
// five the Note10 tables cover.
const (
	MBMinResolution = 128
	MBMaxResolution = 224
)

const (
	mbStages = 5
	mbSlots  = 4
)

type mbStage struct {
	width  int
	stride int
	hs, se bool
}

// MBSpace describes the macro network of an OFA mobile space.
type MBSpace struct {
	Name   string
	Widths []float64 // supernet width multipliers
	// DefaultWidth is the width of an architecture whose W is 0, as every line sample
	// prints without --width is: 1.2 for OFA-MobileNetV3, 1.3 for OFA-ProxylessNAS.
	DefaultWidth float64
	stemBase     int // first conv output, before the width multiplier
	firstBase    int // first block (expand 1, kernel 3) output
	stages       []mbStage
	// MobileNetV3 head: 1x1 conv to finalExpand, pool, 1x1 conv to mix (no BN), logits.
	// ProxylessNAS head: one fixed MBConv (k3, e6, stride 1) to tailBlock, 1x1 conv to mix, pool, logits.
	finalExpand, mix, tailBlock int
}

// The two OFA mobile spaces.
var (
	// MBv3 is OFA-MobileNetV3 (ofa-mbv3). Its default width multiplier is 1.2, not the
	// 1.0 of MobileNetV3-Large: an architecture without "w" is a sub-network of OFA's
	// w1.2 supernet (ofa_mbv3_d234_e346_k357_w1.2), the one OFA's released accuracy
	// predictor, the Note10 lookup tables and HELP's GPU table describe, and it is costed
	// and measured at width 1.2. "w": 1.0 selects the w1.0 supernet.
	MBv3 = &MBSpace{Name: "ofa-mbv3", Widths: []float64{1.0, 1.2}, DefaultWidth: 1.2, stemBase: 16, firstBase: 16,
		stages:      []mbStage{{24, 2, false, false}, {40, 2, false, true}, {80, 2, true, false}, {112, 1, true, true}, {160, 2, true, true}},
		finalExpand: 960, mix: 1280}
	// Proxyless is OFA-ProxylessNAS (proxylessnas). Its default width multiplier is 1.3,
	// the width of OFA's ProxylessNAS supernet; ProxylessNAS's own mobile lookup table
	// was measured at 1.0.
	Proxyless = &MBSpace{Name: "proxylessnas", Widths: []float64{1.0, 1.3}, DefaultWidth: 1.3, stemBase: 32, firstBase: 16,
		stages: []mbStage{{24, 2, false, false}, {40, 2, false, false}, {80, 2, false, false}, {96, 1, false, false}, {192, 2, false, false}},
		mix:    1280, tailBlock: 320}
)

// Space returns the architecture's space (MobileNetV3 when unset).
func (a MBArch) Space() *MBSpace {
	if a.sp == nil {
		return MBv3
	}
	return a.sp
}

// In returns a copy of a that belongs to space sp.
func (a MBArch) In(sp *MBSpace) MBArch { a.sp = sp; return a }

// Width returns the supernet width multiplier (the space's default when unset).
func (a MBArch) Width() float64 {
	if a.W == 0 {
		return a.Space().DefaultWidth
	}
	return a.W
}

// ParseMB reads an architecture of space sp from its JSON form and validates it. The
// form is one JSON object with the keys "ks", "e", "d", "r" and optionally "w" (the
// supernet width; the space's default when absent). "r" is a number or, as OFA writes
// it, a list of one number ("r": [224]); OFA's "wid": null is accepted and ignored.
func ParseMB(sp *MBSpace, s string) (MBArch, error) {
	a := MBArch{sp: sp}
	var r jsonResolution
	var wid json.RawMessage
	err := decodeObject(s, map[string]any{"ks": &a.KS, "e": &a.E, "d": &a.D, "r": &r, "w": &a.W, "wid": &wid})
	if err == nil && wid != nil && string(wid) != "null" {
		// OFA's dictionaries carry "wid": None; the mobile spaces have no width choice
		// per network besides the supernet's, "w".
		err = fmt.Errorf(`field "wid" = %s, want null (the supernet width is "w", one of %v)`, wid, sp.Widths)
	}
	if err != nil {
		return MBArch{}, fmt.Errorf("malformed %s architecture %q: %w", sp.Name, s, err)
	}
	a.R = int(r)
	return a, a.Validate()
}

// Validate checks lengths and that every choice is in the space; the error names the
// offending field, position and value.
func (a MBArch) Validate() error {
	name := a.Space().Name
	if len(a.KS) != mbStages*mbSlots || len(a.E) != mbStages*mbSlots || len(a.D) != mbStages {
		return fmt.Errorf("%s: want 20 ks, 20 e and 5 d values, got %d, %d and %d", name, len(a.KS), len(a.E), len(a.D))
	}
	for i := range a.KS {
		if !slices.Contains(MBKernels, a.KS[i]) {
			return fmt.Errorf("%s: ks[%d] = %d, want one of %v", name, i, a.KS[i], MBKernels)
		}
		if !slices.Contains(MBExpands, a.E[i]) {
			return fmt.Errorf("%s: e[%d] = %d, want one of %v", name, i, a.E[i], MBExpands)
		}
	}
	for i, d := range a.D {
		if !slices.Contains(MBDepths, d) {
			return fmt.Errorf("%s: d[%d] = %d, want one of %v", name, i, d, MBDepths)
		}
	}
	if !RunResolutions.Contains(a.R) {
		return fmt.Errorf("%s: r = %d, want an input resolution of %s", name, a.R, RunResolutions)
	}
	return a.ValidateWidth()
}

// ValidateWidth checks only the width multiplier.
func (a MBArch) ValidateWidth() error {
	if a.W != 0 && !slices.Contains(a.Space().Widths, a.W) {
		return fmt.Errorf("%s: w = %v, want one of %v", a.Space().Name, a.W, a.Space().Widths)
	}
	return nil
}

// JSON returns the canonical dictionary form.
func (a MBArch) JSON() string {
	b, _ := json.Marshal(a)
	return string(b)
}

// String is the JSON form.
func (a MBArch) String() string { return a.JSON() }

// Active reports whether block slot (stage, layer) is used (layer < depth of stage).
func (a MBArch) Active(stage, layer int) bool { return layer < a.D[stage] }

// Plan returns the macro network's blocks in order: the fixed first block (expand 1,
// kernel 3), every active block of the 5 stages, and for ProxylessNAS its fixed last
// block, with exact channels, strides and feature-map sizes. Stem and head: Head.
func (a MBArch) Plan() []MBConv {
	sp, w := a.Space(), a.Width()
	stem := MakeDivisible(float64(sp.stemBase)*w, 8)
	size := (a.R + 1) / 2 // after the stride-2 stem
	first := MakeDivisible(float64(sp.firstBase)*w, 8)
	blocks := []MBConv{{In: stem, Out: first, Mid: stem, Kernel: 3, Stride: 1, InSize: size, Skip: stem == first, ExpandRatio: 1}}
	in := first
	add := func(out, e, k, stride int, cfg mbStage) {
		b := MBConv{In: in, Out: out, Mid: MakeDivisible(float64(in*e), 8), Kernel: k, Stride: stride, InSize: size,
			SE: cfg.se, HSwish: cfg.hs, Skip: stride == 1 && in == out, ExpandRatio: float64(e), HasExpandConv: true}
		blocks = append(blocks, b)
		size, in = b.OutSize(), out
	}
	for s, cfg := range sp.stages {
		out := MakeDivisible(float64(cfg.width)*w, 8)
		for l := 0; l < a.D[s]; l++ {
			stride := 1
			if l == 0 {
				stride = cfg.stride
			}
			add(out, a.E[s*mbSlots+l], a.KS[s*mbSlots+l], stride, cfg)
		}
	}
	if sp.tailBlock > 0 {
		add(MakeDivisible(float64(sp.tailBlock)*w, 8), 6, 3, 1, mbStage{})
	}
	return blocks
}

// MBHead describes the fixed layers around the blocks for a given width and resolution.
type MBHead struct {
	StemOut, StemSize        int // first 3x3 stride-2 conv: 3 -> StemOut channels, output side StemSize
	LastIn, FinalExpand, Mix int // MobileNetV3: 1x1 LastIn -> FinalExpand, pool, 1x1 -> Mix; ProxylessNAS: 1x1 LastIn -> Mix, pool (FinalExpand 0)
	LastSize                 int // feature-map side before pooling
	Classes                  int
}

// Head returns the stem and head layer sizes.
func (a MBArch) Head() MBHead {
	sp, w := a.Space(), a.Width()
	plan := a.Plan()
	last := plan[len(plan)-1]
	h := MBHead{StemOut: MakeDivisible(float64(sp.stemBase)*w, 8), StemSize: (a.R + 1) / 2, LastIn: last.Out,
		Mix: MakeDivisible(float64(sp.mix)*w, 8), LastSize: last.OutSize(), Classes: 1000}
	if sp.finalExpand > 0 {
		h.FinalExpand = MakeDivisible(float64(sp.finalExpand)*w, 8)
	}
	return h
}

// Sample draws an architecture of sp uniformly per choice (each slot's kernel and
// expand, each stage's depth, the resolution) at the given width (0: the default).
func (sp *MBSpace) Sample(rng *rand.Rand, width float64) MBArch {
	a := MBArch{KS: make([]int, 20), E: make([]int, 20), D: make([]int, 5), W: width, sp: sp}
	for i := range a.KS {
		a.KS[i] = MBKernels[rng.IntN(3)]
		a.E[i] = MBExpands[rng.IntN(3)]
	}
	for i := range a.D {
		a.D[i] = MBDepths[rng.IntN(3)]
	}
	a.R = MBResolutions[rng.IntN(len(MBResolutions))]
	return a
}

// Clone returns a deep copy.
func (a MBArch) Clone() MBArch {
	a.KS, a.E, a.D = slices.Clone(a.KS), slices.Clone(a.E), slices.Clone(a.D)
	return a
}

// Mutate resamples each choice independently with probability p.
func (a MBArch) Mutate(rng *rand.Rand, p float64) MBArch {
	b, s := a.Clone(), a.Space().Sample(rng, a.W)
	for i := range b.KS {
		if rng.Float64() < p {
			b.KS[i] = s.KS[i]
		}
		if rng.Float64() < p {
			b.E[i] = s.E[i]
		}
	}
	for i := range b.D {
		if rng.Float64() < p {
			b.D[i] = s.D[i]
		}
	}
	if rng.Float64() < p {
		b.R = s.R
	}
	return b
}

// Crossover takes each choice from a or b with equal probability (uniform crossover).
func (a MBArch) Crossover(rng *rand.Rand, b MBArch) MBArch {
	c := a.Clone()
	for i := range c.KS {
		if rng.IntN(2) == 1 {
			c.KS[i] = b.KS[i]
		}
		if rng.IntN(2) == 1 {
			c.E[i] = b.E[i]
		}
	}
	for i := range c.D {
		if rng.IntN(2) == 1 {
			c.D[i] = b.D[i]
		}
	}
	if rng.IntN(2) == 1 {
		c.R = b.R
	}
	return c
}

// OFAFeatures returns the 128-number input of OFA's released MobileNetV3 accuracy
// predictor, laid out as its weights expect:
// for each of the 20 slots a one-hot of the kernel (3, 5, 7) at 3i and of the expand
// ratio (3, 4, 6) at 60+3i, all zero for slots beyond their stage's depth; then a
// one-hot of the resolution at 120 + (r-112)/16. The encoding has slots for 112..239 px
// only; at another resolution the last eight numbers stay zero, which the predictor was
// never trained on: check MBElasticResolutions first, as the acc metric does.
func (a MBArch) OFAFeatures() []float64 {
	x := make([]float64, 128)
	for s := 0; s < mbStages; s++ {
		for l := 0; l < a.D[s]; l++ {
			i := s*mbSlots + l
			x[3*i+slices.Index(MBKernels, a.KS[i])] = 1
			x[60+3*i+slices.Index(MBExpands, a.E[i])] = 1
		}
	}
	if a.R >= 112 && a.R < 112+8*16 {
		x[120+(a.R-112)/16] = 1
	}
	return x
}

// Size returns the number of distinct architectures of sp at one width: per stage, the
// sum over depths d of (kernels x expands)^d, raised to the 5 stages, times the
// resolutions. Slots beyond a stage's depth do not count twice.
func (sp *MBSpace) Size() float64 {
	perStage := 0.0
	for _, d := range MBDepths {
		perStage += math.Pow(float64(len(MBKernels)*len(MBExpands)), float64(d))
	}
	return math.Pow(perStage, mbStages) * float64(len(MBResolutions))
}

// Flat returns the flat encoding linear models, MLPs and AdaProxy take: for each of the
// 20 slots a one-hot of the kernel (3, 5, 7), a one-hot of the expand ratio (3, 4, 6)
// and a flag for a slot beyond its stage's depth (whose one-hots stay zero), 7 x 20
// numbers; then the resolution as one number, 128-224 px scaled to [0, 1] (a resolution
// outside the supernet's range falls outside [0, 1], keeping its order). The
// resolution is a number, not a one-hot: HELP's GPU table holds 25 resolutions in 4-px
// steps, and the MLP ranks its latencies far better when it sees their order (Kendall
// tau 0.57 with 16-px one-hot buckets instead, at 100 labelled networks) — latency grows
// smoothly with the resolution.
func (a MBArch) Flat() []float64 {
	g := a.Graph() // the slot nodes hold exactly these features
	x := make([]float64, 0, 7*mbStages*mbSlots+1)
	for _, n := range g.Nodes[1 : mbStages*mbSlots+1] {
		x = append(x, n[mbKernelFeature:mbStageFeature]...)
		x = append(x, n[mbSkippedFeature])
	}
	return append(x, g.Nodes[0][mbResFeature])
}

// Node features of the mobile graph (see Graph).
const (
	mbResFeature     = 2
	mbKernelFeature  = 3 // then 3 expand features
	mbStageFeature   = 9 // 5 stages
	mbSkippedFeature = 14
)

// Graph is the sub-network as a chain over its 20 block slots: input (carrying the
// resolution, 128-224 px scaled to [0, 1]), one node per slot (one-hot kernel
// 3/5/7, one-hot expand 3/4/6, one-hot stage, and a flag for slots beyond the stage's
// depth, which the network skips), output.
func (a MBArch) Graph() Graph {
	const (
		fIn, fOut, fRes = 0, 1, mbResFeature
		fKernel         = mbKernelFeature
		fExpand         = mbKernelFeature + 3
		fStage          = mbStageFeature
		fSkipped        = mbSkippedFeature
	)
	g := newGraph(mbStages*mbSlots+2, mbSkippedFeature+1)
	g.Nodes[0][fIn] = 1
	g.Nodes[0][fRes] = float64(a.R-MBMinResolution) / float64(MBMaxResolution-MBMinResolution)
	g.Nodes[mbStages*mbSlots+1][fOut] = 1
	for s := range mbStages {
		for l := range mbSlots {
			slot := mbSlots*s + l
			n := g.Nodes[slot+1]
			n[fStage+s] = 1
			if l >= a.D[s] {
				n[fSkipped] = 1
				continue
			}
			n[fKernel+slices.Index(MBKernels, a.KS[slot])] = 1
			n[fExpand+slices.Index(MBExpands, a.E[slot])] = 1
		}
	}
	g.chain()
	return g
}
