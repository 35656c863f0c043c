package arch

import (
	"errors"
	"math/rand/v2"
	"reflect"
	"slices"
	"strings"
	"testing"
)

// uniformArch is a hand-written mobile architecture: every slot kernel k and expand e,
// every stage d deep, at r px, of family sp.
func uniformArch(sp *MBSpace, k, e, d, r int) MBArch {
	return MBArch{KS: slices.Repeat([]int{k}, 20), E: slices.Repeat([]int{e}, 20), D: slices.Repeat([]int{d}, 5), R: r}.In(sp)
}

// A space with dropped blocks never emits one, in any slot, and still draws every kept
// block; Repair brings any architecture of the family back inside.
func TestSpaceNeverEmitsDroppedBlock(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	for family, drop := range map[string]string{OFAMBv3: "k7e3,k7e4,k7e6", ProxylessNAS: "k3e3", OFAResNet50: "e0.35"} {
		bs, err := ParseBlocks(family, drop)
		if err != nil {
			t.Fatal(err)
		}
		s := Space{Family: family, Drop: bs}
		seen := map[string]bool{}
		for range 500 {
			a, err := s.Sample(rng)
			if err != nil || a.Validate() != nil || s.Check(a) != nil {
				t.Fatalf("%s sampled %s: %v %v %v", s, a, err, a.Validate(), s.Check(a))
			}
			switch a := a.(type) {
			case MBArch:
				for i := range a.KS {
					seen[Block{a.KS[i], float64(a.E[i])}.String()] = true
				}
			case ResNetArch:
				for _, e := range a.E {
					seen[Block{Expand: e}.String()] = true
				}
			}
			full, _ := Sample(family, rng)
			if fixed, err := s.Repair(full, rng); err != nil || s.Check(fixed) != nil || fixed.Validate() != nil {
				t.Fatalf("Repair(%s) = %s, %v", full, fixed, err)
			}
		}
		all, _ := Blocks(family)
		if want := len(all) - len(bs); len(seen) != want || len(s.Keep()) != want {
			t.Errorf("%s drew blocks %v, want all %d kept (Keep %v)", s, seen, want, s.Keep())
		}
	}
	a := uniformArch(MBv3, 3, 3, 2, 160)
	a.KS[19], a.E[19] = 7, 6 // stage 4 is 2 deep: slot 19 is inactive, and still counts
	s := Space{Family: OFAMBv3, Drop: []Block{{7, 6}}}
	if err := s.Check(a); err == nil || !strings.Contains(err.Error(), "slot 19 (stage 4, layer 3) holds k7e6") {
		t.Errorf("Check: %v", err)
	}
}

// Depth caps: BlockProfile's Note10 space, depths at most 3, 4, 4, 4, 4 and at least
// 2 (the family's own minimum), samples only those depths over many seeds, each allowed
// depth of a stage with probability 1/(number allowed): stage 0 holds 2 or 3, each 1/2;
// the others 2, 3 or 4, each 1/3. Bounds: ±0.03 is over 4.6 standard deviations at
// n = 6000 (SD of a proportion 1/2: 0.0065). OFA-ResNet50 with the input stem capped
// at 0 and the stages at 1 extra block never draws more.
func TestSpaceDepthCapsRestrictSamples(t *testing.T) {
	s := Space{Family: OFAMBv3, MinDepth: []int{2, 2, 2, 2, 2}, MaxDepth: []int{3, 4, 4, 4, 4}}
	const n = 6000
	count := make([]map[int]int, 5)
	for i := range count {
		count[i] = map[int]int{}
	}
	for seed := range uint64(n) {
		a, err := s.Sample(rand.New(rand.NewPCG(seed, 7)))
		if err != nil {
			t.Fatal(err)
		}
		for i, d := range a.(MBArch).D {
			count[i][d]++
		}
	}
	for i, c := range count {
		want := map[int]float64{2: 1.0 / 3, 3: 1.0 / 3, 4: 1.0 / 3}
		if i == 0 {
			want = map[int]float64{2: 0.5, 3: 0.5}
		}
		if len(c) != len(want) {
			t.Errorf("stage %d drew depths %v, want %v", i, c, want)
		}
		for d, p := range want {
			if got := float64(c[d]) / n; got < p-0.03 || got > p+0.03 {
				t.Errorf("stage %d depth %d in %.3f of samples, want %.3f", i, d, got, p)
			}
		}
	}
	r := Space{Family: OFAResNet50, MaxDepth: []int{0, 1, 1, 1, 1}}
	rng := rand.New(rand.NewPCG(1, 1))
	for range 2000 {
		a, err := r.Sample(rng)
		if err != nil {
			t.Fatal(err)
		}
		d := a.(ResNetArch).D
		if d[0] != 0 || slices.Max(d[1:]) > 1 {
			t.Fatalf("%s sampled d = %v", r, d)
		}
	}
	if got := (Space{Family: OFAResNet50, MinDepth: []int{1, 0, 0, 2, 0}}).Depths(); !reflect.DeepEqual(got, [][]int{{2}, {0, 1, 2}, {0, 1, 2}, {2}, {0, 1, 2}}) {
		t.Errorf("Depths = %v", got)
	}
}

// An unrestricted space draws the family's own sample from the same random numbers, and
// a space restricted only to one width and one resolution draws the family's sample at
// that width with the resolution replaced: no extra number is drawn, so a seed gives the
// networks it gave before spaces had restrictions.
func TestSpaceSampleKeepsTheFamilysStream(t *testing.T) {
	for _, family := range Spaces() {
		r1, r2 := rand.New(rand.NewPCG(9, 9)), rand.New(rand.NewPCG(9, 9))
		for range 20 {
			a, err := Space{Family: family}.Sample(r1)
			b, _ := Sample(family, r2)
			if err != nil || a.String() != b.String() {
				t.Fatalf("%s: %s, want %s (%v)", family, a, b, err)
			}
		}
	}
	r1, r2 := rand.New(rand.NewPCG(5, 0)), rand.New(rand.NewPCG(5, 0))
	s := Space{Family: ProxylessNAS, Width: 1.0, Resolutions: []int{224}}
	for range 20 {
		a, err := s.Sample(r1)
		b := Proxyless.Sample(r2, 1.0)
		b.R = 224
		if err != nil || a.String() != b.String() {
			t.Fatalf("%s: %s, want %s (%v)", s, a, b, err)
		}
	}
}

// Several resolutions: each drawn with probability 1/2, including 128 px, which the
// family's own sample never draws (±0.03 is 4.6 SD at n = 6000).
func TestSpaceSamplesItsResolutionsUniformly(t *testing.T) {
	s := Space{Family: OFAMBv3, Resolutions: []int{128, 160}}
	rng := rand.New(rand.NewPCG(2, 2))
	got := map[int]int{}
	const n = 6000
	for range n {
		a, err := s.Sample(rng)
		if err != nil {
			t.Fatal(err)
		}
		got[a.(MBArch).R]++
	}
	if len(got) != 2 || got[128] < n/2-180 || got[128] > n/2+180 {
		t.Errorf("resolutions drawn %v of %d, want 128 and 160 about %d times each", got, n, n/2)
	}
}

// Check and Repair on hand-written architectures: all k5 e4 at 3 deep, 224 px, width
// 1.2 (ofa-mbv3's default) lies in a space capped at depth 3 and outside one capped at
// 2, one dropping k5e4, one at width 1.0 and one at 160 px, each error naming the value.
// Repair of an all-k7e6, 4-deep, 236-px ProxylessNAS network into the space of
// ProxylessNAS's phone table with depths capped at 3 gives a network with no k7e6, every
// stage 2 or 3 deep, 224 px and width 1.0; a network already inside comes back unchanged
// and draws no random number.
func TestSpaceCheckAndRepairByHand(t *testing.T) {
	a := uniformArch(MBv3, 5, 4, 3, 224)
	in := Space{Family: OFAMBv3, MaxDepth: []int{3, 3, 3, 3, 3}, Width: 1.2, Resolutions: []int{224, 160}}
	if err := in.Check(a); err != nil || !in.Contains(a) {
		t.Errorf("%s should contain %s: %v", in, a, err)
	}
	for _, c := range []struct {
		s    Space
		want string
	}{
		{Space{Family: OFAMBv3, MaxDepth: []int{2, 2, 2, 2, 2}}, "d[0] = 3, but the space ofa-mbv3:max-depth=2,2,2,2,2 allows 2..2"},
		{Space{Family: OFAMBv3, MinDepth: []int{2, 2, 2, 4, 2}}, "d[3] = 3, but the space ofa-mbv3:min-depth=2,2,2,4,2 allows 4..4"},
		{Space{Family: OFAMBv3, Drop: []Block{{5, 4}}}, "slot 0 (stage 0, layer 0) holds k5e4"},
		{Space{Family: OFAMBv3, Width: 1.0}, "w = 1.2, but the space ofa-mbv3:width=1 has width 1"},
		{Space{Family: OFAMBv3, Resolutions: []int{160}}, "r = 224, but the space ofa-mbv3:res=160 has resolutions 160"},
		{Space{Family: ProxylessNAS}, "is an architecture of ofa-mbv3, not of the space proxylessnas"},
	} {
		if err := c.s.Check(a); err == nil || !strings.Contains(err.Error(), c.want) || c.s.Contains(a) {
			t.Errorf("%s: Check = %v, want %q", c.s, err, c.want)
		}
	}
	phone := Space{Family: ProxylessNAS, Width: 1.0, Resolutions: []int{224}, Drop: []Block{{7, 6}}, MaxDepth: []int{3, 3, 3, 3, 3}}
	rng := rand.New(rand.NewPCG(1, 2))
	for range 50 {
		got, err := phone.Repair(uniformArch(Proxyless, 7, 6, 4, 236), rng)
		if err != nil {
			t.Fatal(err)
		}
		b := got.(MBArch)
		for i := range b.KS {
			if b.KS[i] == 7 && b.E[i] == 6 {
				t.Fatalf("slot %d of %s still k7e6", i, b)
			}
		}
		if slices.Min(b.D) < 2 || slices.Max(b.D) > 3 || b.R != 224 || b.Width() != 1.0 || b.Space() != Proxyless || !phone.Contains(b) || b.Validate() != nil {
			t.Fatalf("repaired into %s: %s", phone, b)
		}
	}
	inside := uniformArch(Proxyless, 3, 3, 2, 224)
	inside.W = 1.0
	r1, r2 := rand.New(rand.NewPCG(4, 4)), rand.New(rand.NewPCG(4, 4))
	got, err := phone.Repair(inside, r1)
	if err != nil || got.String() != inside.String() || r1.Uint64() != r2.Uint64() {
		t.Errorf("Repair of %s inside %s: %s, %v (or it drew a number)", inside, phone, got, err)
	}
	if _, err := phone.Repair(a, rng); err == nil || !strings.Contains(err.Error(), "of ofa-mbv3, not of the space proxylessnas") {
		t.Errorf("Repair across families: %v", err)
	}
}

// A nil *rand.Rand is refused with ErrNilRand, not a panic.
func TestSpaceRefusesNilRand(t *testing.T) {
	s := Space{Family: OFAMBv3, Drop: []Block{{7, 6}}}
	if _, err := s.Sample(nil); !errors.Is(err, ErrNilRand) {
		t.Errorf("Sample(nil): %v", err)
	}
	if _, err := s.Repair(uniformArch(MBv3, 7, 6, 4, 224), nil); !errors.Is(err, ErrNilRand) {
		t.Errorf("Repair(nil): %v", err)
	}
	if _, err := Sample(OFAMBv3, nil); !errors.Is(err, ErrNilRand) {
		t.Errorf("arch.Sample(nil): %v", err)
	}
}

// Validate names the value that leaves the family's range.
func TestSpaceValidateNamesTheValue(t *testing.T) {
	all, _ := Blocks(OFAResNet50)
	for _, c := range []struct {
		s    Space
		want string
	}{
		{Space{Family: "mnasnet"}, `unknown design space "mnasnet"`},
		{Space{Family: ProxylessNAS, Width: 1.2}, "width = 1.2, want one of [1 1.3]"},
		{Space{Family: OFAResNet50, Width: 1.0}, "width = 1, but ofa-resnet50 has no supernet width"},
		{Space{Family: OFAMBv3, Resolutions: []int{2240}}, "res = 2240, want an input resolution of 32..1024 px"},
		{Space{Family: OFAMBv3, Resolutions: []int{224, 224}}, "res 224 is listed twice"},
		{Space{Family: OFAMBv3, MaxDepth: []int{3, 4, 4, 5, 4}}, "max-depth value 4 (d[3]) = 5, want 2..4"},
		{Space{Family: OFAMBv3, MinDepth: []int{1, 2, 2, 2, 2}}, "min-depth value 1 (d[0]) = 1, want 2..4"},
		{Space{Family: OFAMBv3, MaxDepth: []int{3, 4, 4, 4}}, "max-depth has 4 values (3,4,4,4), want 5"},
		{Space{Family: OFAMBv3, MinDepth: []int{2, 4, 2, 2, 2}, MaxDepth: []int{3, 3, 4, 4, 4}}, "d[1] range 4..3 (min-depth 4, max-depth 3) holds none"},
		{Space{Family: OFAResNet50, MinDepth: []int{1, 0, 0, 0, 0}, MaxDepth: []int{1, 2, 2, 2, 2}}, "d[0] range 1..1 (min-depth 1, max-depth 1) holds none of its depths [0 2]"},
		{Space{Family: OFAResNet50, Drop: all}, "drop = e0.2,e0.25,e0.35 leaves no block"},
		{Space{Family: OFAMBv3, Drop: []Block{{9, 6}}}, "block k9e6 is not a block of ofa-mbv3"},
		{Space{Family: NB201, Resolutions: []int{32}}, "nb201 has no width, resolution, block or depth to restrict"},
	} {
		if err := c.s.Validate(); err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%+v: Validate = %v, want %q", c.s, err, c.want)
		}
		if _, err := c.s.Sample(rand.New(rand.NewPCG(1, 1))); err == nil {
			t.Errorf("%+v: Sample of an invalid space succeeded", c.s)
		}
	}
}

// The text form: written as the command line's flags name the fields, read back to the
// same space; malformed fields are errors naming them.
func TestSpaceParseAndString(t *testing.T) {
	phone := Space{Family: ProxylessNAS, Width: 1.0, Resolutions: []int{224}, Drop: []Block{{3, 4}, {5, 4}, {7, 4}}, MaxDepth: []int{3, 4, 4, 4, 4}}
	if got, want := phone.String(), "proxylessnas:width=1:res=224:drop=k3e4,k5e4,k7e4:max-depth=3,4,4,4,4"; got != want {
		t.Errorf("String = %q, want %q", got, want)
	}
	for _, s := range []Space{
		phone,
		{Family: NB201},
		{Family: OFAMBv3, Resolutions: []int{160, 128}, MinDepth: []int{2, 3, 2, 3, 2}},
		{Family: OFAResNet50, Drop: []Block{{Expand: 0.35}}, MinDepth: []int{2, 0, 0, 0, 0}, MaxDepth: []int{2, 1, 1, 1, 2}},
	} {
		got, err := ParseSpace(s.String())
		if err != nil || !reflect.DeepEqual(got, s) {
			t.Errorf("ParseSpace(%q) = %+v, %v, want %+v", s.String(), got, err, s)
		}
	}
	if got, err := ParseSpace(" ofa-mbv3 : drop = k7e6 "); err != nil || got.String() != "ofa-mbv3:drop=k7e6" {
		t.Errorf("spaces around fields: %v, %v", got, err)
	}
	for text, want := range map[string]string{
		"ofa-mbv4":                         `unknown design space "ofa-mbv4"`,
		"ofa-mbv3:depth=3":                 `field "depth=3", want key=value with key one of width, res, drop, min-depth, max-depth`,
		"ofa-mbv3:drop":                    `field "drop", want key=value`,
		"ofa-mbv3:res=160:res=224":         "res given twice",
		"ofa-mbv3:max-depth=3,4,x,4,4":     `max-depth: "x" in "3,4,x,4,4" is not an integer`,
		"ofa-mbv3:width=wide":              `width = "wide" is not a width multiplier`,
		"ofa-mbv3:width=-1":                `width = "-1" is not a width multiplier`,
		"ofa-mbv3:drop=k9e9":               `block "k9e9" is not a block of ofa-mbv3`,
		"ofa-mbv3:drop=,":                  `drop = "," lists no block`,
		"proxylessnas:max-depth=9,4,4,4,4": "max-depth value 1 (d[0]) = 9, want 2..4",
	} {
		if _, err := ParseSpace(text); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("ParseSpace(%q) = %v, want %q", text, err, want)
		}
	}
}

// CheckFix under the Note10 caps (3, 4, 4, 4, 4): a fix at stage 0's fourth layer
// needs depth 4 to include its block (refused) but only 3 under the released
// deepening; the third layer fits either way; a dropped block never fits. Every
// architecture a fix that passes produces from a sample of the space lies in it.
func TestSpaceCheckFix(t *testing.T) {
	s := Space{Family: OFAMBv3, Drop: []Block{{7, 6}}, MaxDepth: []int{3, 4, 4, 4, 4}}
	var fe *FixError
	if err := s.CheckFix(Fix{Stage: 0, Layer: 3, Block: Block{3, 3}}, DeepenToInclude); !errors.As(err, &fe) || !strings.Contains(err.Error(), "needs d[0] = 4, above max-depth 3") {
		t.Errorf("layer 3 of stage 0: %v", err)
	}
	if err := s.CheckFix(Fix{Stage: 0, Layer: 3, Block: Block{3, 3}}, DeepenAsReleased); err != nil {
		t.Errorf("released deepening of layer 3: %v", err)
	}
	if err := s.CheckFix(Fix{Stage: 1, Layer: 3, Block: Block{7, 6}}, DeepenToInclude); err == nil || !strings.Contains(err.Error(), "its block k7e6 is dropped") {
		t.Errorf("dropped block: %v", err)
	}
	r := Space{Family: OFAResNet50, MaxDepth: []int{2, 2, 2, 1, 2}}
	if err := r.CheckFix(Fix{Stage: 2, Layer: 5, Block: Block{Expand: 0.2}}, DeepenToInclude); err == nil || !strings.Contains(err.Error(), "needs d[3] = 2, above max-depth 1") {
		t.Errorf("ResNet stage 2 layer 5: %v", err)
	}
	rng := rand.New(rand.NewPCG(6, 6))
	for _, sp := range []Space{s, r} {
		fixes, _ := Fixes(sp.Family)
		for _, d := range []Deepen{DeepenToInclude, DeepenAsReleased} {
			for _, f := range fixes {
				if sp.CheckFix(f, d) != nil {
					continue
				}
				a, _ := sp.Sample(rng)
				if b, err := f.Apply(a, d); err != nil || !sp.Contains(b) {
					t.Fatalf("%s fix %s (deepen %d) took %s out: %v", sp, f, d, b, sp.Check(b))
				}
			}
		}
	}
}
