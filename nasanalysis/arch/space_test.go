package arch

import (
	"math"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
)

// OFA's make_divisible: round to the nearest multiple of 8, but never more than 10 % down.
func TestMakeDivisible(t *testing.T) {
	for v, want := range map[float64]int{19.2: 24, 28.8: 32, 134.4: 136, 41.6: 40, 20.8: 24, 1152: 1152, 4: 8} {
		if got := MakeDivisible(v, 8); got != want {
			t.Errorf("MakeDivisible(%v) = %d, want %d", v, got, want)
		}
	}
}

// Hand calculation for one block: 24 -> 32 channels, expand 3 (72), kernel 5, stride 2,
// 80x80 input. MACs: expand 80²·24·72 + depthwise 40²·72·25 + project 40²·72·32.
// Params: 24·72 + 72·25 + 72·32 weights, plus BatchNorm (2 per channel) after each conv.
func TestBlockCostByHand(t *testing.T) {
	b := MBConv{In: 24, Out: 32, Mid: 72, Kernel: 5, Stride: 2, InSize: 80, HasExpandConv: true}
	c := blockCost(b)
	if want := float64(80*80*24*72 + 40*40*72*25 + 40*40*72*32); c.MACs != want {
		t.Errorf("MACs = %v, want %v", c.MACs, want)
	}
	if want := float64(24*72 + 72*25 + 72*32 + 2*(72+72+32)); c.Params != want {
		t.Errorf("params = %v, want %v", c.Params, want)
	}
	// Squeeze-excite on 96 channels: 96 -> 24 -> 96 with biases.
	se := seCost(96)
	if se.MACs != 2*96*24 || se.Params != 2*96*24+24+96 {
		t.Errorf("SE cost = %+v", se)
	}
}

// Raising one stage-1 bottleneck (56x56, 256 channels at width 1.0) from expand 0.2 to
// 0.35 widens its middle from 48 to 88 channels: the cost difference by hand is
// 56²·(2·256·40 + 9·(88²−48²)) MACs and 2·256·40 + 9·(88²−48²) + 2·2·40 parameters.
func TestResNetCostDifferenceByHand(t *testing.T) {
	a := ResNetArch{D: []int{2, 1, 1, 1, 1}, E: make([]float64, 18), W: []int{2, 2, 2, 2, 2, 2}, R: 224}
	for i := range a.E {
		a.E[i] = 0.2
	}
	b := a.Clone()
	b.E[1] = 0.35
	d := b.Cost()
	c := a.Cost()
	if got, want := d.MACs-c.MACs, float64(56*56*(2*256*40+9*(88*88-48*48))); got != want {
		t.Errorf("MACs difference %v, want %v", got, want)
	}
	if got, want := d.Params-c.Params, float64(2*256*40+9*(88*88-48*48)+2*2*40); got != want {
		t.Errorf("params difference %v, want %v", got, want)
	}
}

func TestMBArchValidation(t *testing.T) {
	good := `{"ks":[3,5,7,3,5,7,3,5,7,3,5,7,3,5,7,3,5,7,3,5],"e":[3,4,6,3,4,6,3,4,6,3,4,6,3,4,6,3,4,6,3,4],"d":[2,3,4,2,3],"r":176}`
	a, err := ParseMB(MBv3, good)
	if err != nil {
		t.Fatal(err)
	}
	if a.JSON() != good {
		t.Errorf("round trip: %s", a.JSON())
	}
	for bad, want := range map[string]string{
		`{"ks":[3],"e":[3],"d":[2],"r":160}`:                           "want 20 ks, 20 e and 5 d",
		strings.Replace(good, `"ks":[3,`, `"ks":[4,`, 1):               "ks[0] = 4",
		strings.Replace(good, `"d":[2,3,4,2,3]`, `"d":[2,3,5,2,3]`, 1): "d[2] = 5",
		strings.Replace(good, `"r":176`, `"r":1025`, 1):                "r = 1025, want an input resolution of 32..1024 px",
		strings.Replace(good, `"r":176`, `"r":176,"w":1.5`, 1):         "w = 1.5",
		strings.Replace(good, `"r":176`, `"r":176,"x":1`, 1):           "unknown field",
		`not json`: "malformed",
	} {
		if _, err := ParseMB(MBv3, bad); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%s: error %v, want %q", bad, err, want)
		}
	}
	if _, err := ParseResNet(`{"d":[1,0,0,0,0],"e":[],"w":[],"r":224}`); err == nil {
		t.Error("bad ResNet accepted")
	}
}

func TestSamplingMutationCrossover(t *testing.T) {
	rng := rand.New(rand.NewPCG(9, 9))
	for _, sp := range []*MBSpace{MBv3, Proxyless} {
		a, b := sp.Sample(rng, 0), sp.Sample(rng, 0)
		if err := a.Validate(); err != nil {
			t.Fatal(err)
		}
		again := sp.Sample(rand.New(rand.NewPCG(9, 9)), 0)
		first := sp.Sample(rand.New(rand.NewPCG(9, 9)), 0)
		if again.JSON() != first.JSON() {
			t.Error("same seed, different sample")
		}
		if m := a.Mutate(rng, 0); m.JSON() != a.JSON() {
			t.Error("mutation with p=0 changed the architecture")
		}
		if err := a.Mutate(rng, 1).Validate(); err != nil {
			t.Error(err)
		}
		c := a.Crossover(rng, b)
		for i := range c.KS {
			if c.KS[i] != a.KS[i] && c.KS[i] != b.KS[i] {
				t.Fatalf("child kernel %d from neither parent", i)
			}
		}
	}
	r := SampleResNet(rng)
	if err := r.Validate(); err != nil {
		t.Fatal(err)
	}
	if err := r.Crossover(rng, SampleResNet(rng)).Mutate(rng, 0.5).Validate(); err != nil {
		t.Fatal(err)
	}
}

// Fixes enumerates 5 stages x 4 layers x 9 blocks = 180 mobile fixes and 18 slots x 3
// expands = 54 OFA-ResNet50 ones; applying one fixes a copy and, to include the block,
// raises a shallower stage to layer+1 blocks (OFA-ResNet50: to layer+1 minus the
// stage's base depth, 4 for stage 2).
func TestBlockFixes(t *testing.T) {
	for space, want := range map[string]int{OFAMBv3: 180, ProxylessNAS: 180, OFAResNet50: 54} {
		if fixes, err := Fixes(space); len(fixes) != want || err != nil {
			t.Errorf("%s: %d fixes (%v), want %d", space, len(fixes), err, want)
		}
	}
	a := MBv3.Sample(rand.New(rand.NewPCG(1, 1)), 0)
	a.D[4] = 2
	f := Fix{Stage: 4, Layer: 3, Block: Block{Kernel: 7, Expand: 6}}
	fixed, err := f.Apply(a, DeepenToInclude)
	if b := fixed.(MBArch); err != nil || b.D[4] != 4 || b.KS[19] != 7 || b.E[19] != 6 || a.D[4] != 2 {
		t.Errorf("fix %v applied wrongly: %v (original %v, %v)", f, b.JSON(), a.JSON(), err)
	}
	rf := Fix{Stage: 2, Layer: 5, Block: Block{Expand: 0.35}}
	fixed, err = rf.Apply(ResNetArch{D: []int{0, 0, 0, 0, 0}, E: slices.Repeat([]float64{0.2}, 18), W: make([]int, 6), R: 160}, DeepenToInclude)
	if b := fixed.(ResNetArch); err != nil || b.D[3] != 2 || b.E[8+5] != 0.35 {
		t.Errorf("ResNet fix: %v, %v", b.JSON(), err)
	}
}

// (9² + 9³ + 9⁴)^5 x 5 resolutions = 7371^5 x 5; ResNet50 by hand:
// 2 x 729 x 8 x (3²+3³+3⁴)² x (3⁴+3⁵+3⁶) x (3²+3³+3⁴).
func TestSpaceSizes(t *testing.T) {
	if got, want := MBv3.Size(), math.Pow(7371, 5)*5; math.Abs(got-want) > 1e-9*want {
		t.Errorf("MBv3 size %g, want %g", got, want)
	}
	want := 2.0 * 729 * 8 * 117 * 117 * 1053 * 117
	if got := ResNetSize(); math.Abs(got-want) > 1e-9*want {
		t.Errorf("ResNet size %g, want %g", got, want)
	}
}

// At full width and 224 px the plan is ResNet-50's: stem 32 -> 64 channels at 112 px,
// stages of 256, 512, 1024, 2048 channels ending at 7 x 7, a downsampling shortcut on
// each stage's first block.
func TestResNetPlan(t *testing.T) {
	a := ResNetArch{D: []int{2, 0, 0, 0, 0}, E: slices.Repeat([]float64{0.25}, 18), W: []int{2, 2, 2, 2, 2, 2}, R: 224}
	stem, blocks := a.Plan()
	if stem.Mid != 32 || stem.Out != 64 || stem.Size != 112 || !stem.Middle {
		t.Errorf("stem %+v", stem)
	}
	if len(blocks) != 10 {
		t.Fatalf("%d blocks, want 2+2+4+2", len(blocks))
	}
	last := blocks[len(blocks)-1]
	if last.Out != 2048 || last.OutSize() != 7 || blocks[0].In != 64 || blocks[0].Mid != 64 || !blocks[0].Downsample || blocks[1].Downsample {
		t.Errorf("blocks %+v ... %+v", blocks[0], last)
	}
}
