package space

import (
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
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

// MBv3Arch is an OFA-MobileNetV3 sub-network in OFA's dictionary form: kernel size and
// expand ratio of each of 5 stages x 4 block slots, the depth of each stage, the input
// resolution, and the width multiplier of the supernet (1.0 or 1.2).
type MBv3Arch struct {
	KS []int   `json:"ks"`
	E  []int   `json:"e"`
	D  []int   `json:"d"`
	R  int     `json:"r"`
	W  float64 `json:"w,omitempty"` // 0 means 1.2, the supernet of OFA's released predictor and Note10 tables
}

// MBv3 choices.
var (
	MBv3Kernels     = []int{3, 5, 7}
	MBv3Expands     = []int{3, 4, 6}
	MBv3Depths      = []int{2, 3, 4}
	MBv3Resolutions = []int{160, 176, 192, 208, 224}
	MBv3Widths      = []float64{1.0, 1.2}
)

const (
	mbv3Stages = 5
	mbv3Slots  = 4
)

// mbv3 stage settings: base width, stride, h-swish, squeeze-excite.
var mbv3StageCfg = []struct {
	width  int
	stride int
	hs, se bool
}{{24, 2, false, false}, {40, 2, false, true}, {80, 2, true, false}, {112, 1, true, true}, {160, 2, true, true}}

// Width returns the supernet width multiplier (1.2 when unset).
func (a MBv3Arch) Width() float64 {
	if a.W == 0 {
		return 1.2
	}
	return a.W
}

// ParseMBv3 reads an architecture from its JSON form and validates it.
func ParseMBv3(s string) (MBv3Arch, error) {
	var a MBv3Arch
	dec := json.NewDecoder(strings.NewReader(s))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&a); err != nil {
		return a, fmt.Errorf("malformed OFA-MobileNetV3 architecture %q: %v", s, err)
	}
	return a, a.Validate()
}

// Validate checks lengths and that every choice is in the space; the error names the
// offending field, position and value.
func (a MBv3Arch) Validate() error {
	if len(a.KS) != mbv3Stages*mbv3Slots || len(a.E) != mbv3Stages*mbv3Slots || len(a.D) != mbv3Stages {
		return fmt.Errorf("OFA-MobileNetV3: want 20 ks, 20 e and 5 d values, got %d, %d and %d", len(a.KS), len(a.E), len(a.D))
	}
	for i := range a.KS {
		if !slices.Contains(MBv3Kernels, a.KS[i]) {
			return fmt.Errorf("OFA-MobileNetV3: ks[%d] = %d, want one of %v", i, a.KS[i], MBv3Kernels)
		}
		if !slices.Contains(MBv3Expands, a.E[i]) {
			return fmt.Errorf("OFA-MobileNetV3: e[%d] = %d, want one of %v", i, a.E[i], MBv3Expands)
		}
	}
	for i, d := range a.D {
		if !slices.Contains(MBv3Depths, d) {
			return fmt.Errorf("OFA-MobileNetV3: d[%d] = %d, want one of %v", i, d, MBv3Depths)
		}
	}
	if !slices.Contains(MBv3Resolutions, a.R) {
		return fmt.Errorf("OFA-MobileNetV3: r = %d, want one of %v", a.R, MBv3Resolutions)
	}
	if a.W != 0 && !slices.Contains(MBv3Widths, a.W) {
		return fmt.Errorf("OFA-MobileNetV3: w = %v, want one of %v", a.W, MBv3Widths)
	}
	return nil
}

// JSON returns the canonical dictionary form.
func (a MBv3Arch) JSON() string {
	b, _ := json.Marshal(a)
	return string(b)
}

// Active reports whether block slot (stage, layer) is used (layer < depth of stage).
func (a MBv3Arch) Active(stage, layer int) bool { return layer < a.D[stage] }

// Plan returns the macro network's blocks in order: the fixed first block (expand 1,
// kernel 3) and then every active block of the 5 stages, with exact channels, strides
// and feature-map sizes. Stem, head and classifier are described by MBv3Head.
func (a MBv3Arch) Plan() []MBConv {
	w := a.Width()
	stem := MakeDivisible(16*w, 8)
	size := (a.R + 1) / 2 // after the stride-2 stem
	blocks := []MBConv{{In: stem, Out: MakeDivisible(16*w, 8), Mid: stem, Kernel: 3, Stride: 1, InSize: size,
		Skip: true, ExpandRatio: 1}}
	in := blocks[0].Out
	for s, cfg := range mbv3StageCfg {
		out := MakeDivisible(float64(cfg.width)*w, 8)
		for l := 0; l < a.D[s]; l++ {
			stride := 1
			if l == 0 {
				stride = cfg.stride
			}
			e := a.E[s*mbv3Slots+l]
			b := MBConv{In: in, Out: out, Mid: MakeDivisible(float64(in*e), 8), Kernel: a.KS[s*mbv3Slots+l], Stride: stride,
				InSize: size, SE: cfg.se, HSwish: cfg.hs, Skip: stride == 1 && in == out, ExpandRatio: float64(e), HasExpandConv: true}
			blocks = append(blocks, b)
			size = b.OutSize()
			in = out
		}
	}
	return blocks
}

// MBv3Head describes the fixed layers around the blocks for a given width and resolution.
type MBv3Head struct {
	StemOut, StemSize        int // first 3x3 stride-2 conv: 3 -> StemOut channels, output side StemSize
	LastIn, FinalExpand, Mix int // 1x1 conv LastIn -> FinalExpand, pool, 1x1 conv FinalExpand -> Mix
	LastSize                 int // feature-map side before pooling
	Classes                  int
}

// Head returns the stem and head layer sizes.
func (a MBv3Arch) Head() MBv3Head {
	w := a.Width()
	plan := a.Plan()
	last := plan[len(plan)-1]
	return MBv3Head{StemOut: MakeDivisible(16*w, 8), StemSize: (a.R + 1) / 2, LastIn: last.Out,
		FinalExpand: MakeDivisible(960*w, 8), Mix: MakeDivisible(1280*w, 8), LastSize: last.OutSize(), Classes: 1000}
}

// SampleMBv3 draws an architecture uniformly per choice (each slot's kernel and expand,
// each stage's depth, the resolution) at the given width.
func SampleMBv3(rng *rand.Rand, width float64) MBv3Arch {
	a := MBv3Arch{KS: make([]int, 20), E: make([]int, 20), D: make([]int, 5), W: width}
	for i := range a.KS {
		a.KS[i] = MBv3Kernels[rng.IntN(3)]
		a.E[i] = MBv3Expands[rng.IntN(3)]
	}
	for i := range a.D {
		a.D[i] = MBv3Depths[rng.IntN(3)]
	}
	a.R = MBv3Resolutions[rng.IntN(len(MBv3Resolutions))]
	return a
}

// Clone returns a deep copy.
func (a MBv3Arch) Clone() MBv3Arch {
	a.KS, a.E, a.D = slices.Clone(a.KS), slices.Clone(a.E), slices.Clone(a.D)
	return a
}

// Mutate resamples each choice independently with probability p.
func (a MBv3Arch) Mutate(rng *rand.Rand, p float64) MBv3Arch {
	b := a.Clone()
	for i := range b.KS {
		if rng.Float64() < p {
			b.KS[i] = MBv3Kernels[rng.IntN(3)]
		}
		if rng.Float64() < p {
			b.E[i] = MBv3Expands[rng.IntN(3)]
		}
	}
	for i := range b.D {
		if rng.Float64() < p {
			b.D[i] = MBv3Depths[rng.IntN(3)]
		}
	}
	if rng.Float64() < p {
		b.R = MBv3Resolutions[rng.IntN(len(MBv3Resolutions))]
	}
	return b
}

// Crossover takes each choice from a or b with equal probability (uniform crossover).
func (a MBv3Arch) Crossover(rng *rand.Rand, b MBv3Arch) MBv3Arch {
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

// BlockFix pins one block choice at one position, as the block-profiling study does:
// stage 0..4, layer 0..3 within the stage, kernel and expand ratio.
type BlockFix struct {
	Stage, Layer   int
	Kernel, Expand int
}

func (f BlockFix) String() string {
	return fmt.Sprintf("stage %d layer %d: k%d e%d", f.Stage, f.Layer, f.Kernel, f.Expand)
}

// Apply returns a copy of a with the block fixed; the stage's depth is raised to make
// the layer active if needed.
func (f BlockFix) Apply(a MBv3Arch) MBv3Arch {
	b := a.Clone()
	i := f.Stage*mbv3Slots + f.Layer
	b.KS[i], b.E[i] = f.Kernel, f.Expand
	if b.D[f.Stage] <= f.Layer {
		b.D[f.Stage] = f.Layer + 1
	}
	return b
}

// MBv3BlockFixes enumerates every (stage, layer, kernel, expand) fix: 5 x 4 x 3 x 3 = 180.
// Layers 0 and 1 are always active (depth >= 2); fixing layer 2 or 3 forces the depth.
func MBv3BlockFixes() []BlockFix {
	var out []BlockFix
	for s := 0; s < mbv3Stages; s++ {
		for l := 0; l < mbv3Slots; l++ {
			for _, k := range MBv3Kernels {
				for _, e := range MBv3Expands {
					out = append(out, BlockFix{s, l, k, e})
				}
			}
		}
	}
	return out
}

// Features returns the 128-number encoding of OFA's MobileNetV3 accuracy predictor:
// for each of the 20 slots a one-hot of the kernel (3, 5, 7) at 3i and of the expand
// ratio (3, 4, 6) at 60+3i, all zero for slots beyond their stage's depth; then a
// one-hot of the resolution at 120 + (r-112)/16.
func (a MBv3Arch) Features() []float64 {
	x := make([]float64, 128)
	for s := 0; s < mbv3Stages; s++ {
		for l := 0; l < a.D[s]; l++ {
			i := s*mbv3Slots + l
			x[3*i+slices.Index(MBv3Kernels, a.KS[i])] = 1
			x[60+3*i+slices.Index(MBv3Expands, a.E[i])] = 1
		}
	}
	x[120+(a.R-112)/16] = 1
	return x
}
