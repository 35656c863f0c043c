package arch

import (
	"math/rand/v2"
	"strings"
	"testing"
)

func TestFixesAndTokens(t *testing.T) {
	for space, want := range map[string]int{OFAMBv3: 5 * 4 * 9, ProxylessNAS: 180, OFAResNet50: (4 + 4 + 6 + 4) * 3} {
		fs, err := Fixes(space)
		if err != nil || len(fs) != want {
			t.Errorf("%s: %d fixes (%v), want %d", space, len(fs), err, want)
		}
	}
	if _, err := Fixes(NB201); err == nil {
		t.Error("nb201 has no OFA block fixes")
	}
	if s := (Block{7, 6}).String(); s != "k7e6" {
		t.Errorf("token %q", s)
	}
	if s := (Block{Expand: 0.25}).String(); s != "e0.25" {
		t.Errorf("token %q", s)
	}
	got, err := ParseBlocks(OFAResNet50, "e0.35, e0.2,e0.35")
	if err != nil || len(got) != 2 || got[0] != (Block{Expand: 0.35}) {
		t.Errorf("ParseBlocks = %v, %v", got, err)
	}
	if _, err := ParseBlocks(OFAMBv3, "k7e3,k9e3"); err == nil || !strings.Contains(err.Error(), `"k9e3"`) || !strings.Contains(err.Error(), "k3e3,k3e4") {
		t.Errorf("bad token: %v", err)
	}
}

// The sampling constraint of the profiling study: with DeepenToInclude every sample
// holds its fixed block; with the released code's deepening a layer-3 fix is present
// only when the stage was sampled 4 deep (1 in 3), layers 0 and 1 always.
func TestFixApplyDeepen(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for _, space := range BlockSpaces {
		fixes, _ := Fixes(space)
		for _, f := range fixes {
			for range 20 {
				a, _ := Sample(space, rng)
				b, err := f.Apply(a, DeepenToInclude)
				if err != nil || b.Validate() != nil || !f.Present(b) {
					t.Fatalf("%s %s on %s: %v, valid %v, present %v", space, f, a, err, b.Validate(), f.Present(b))
				}
				if f.Present(a) != (a.String() == b.String()) && f.Present(a) {
					t.Fatalf("%s: applying a present fix changed %s", f, a)
				}
			}
		}
	}
	present := map[int]int{}
	const n = 3000
	for range n {
		a := MBv3.Sample(rng, 0)
		for l := range 4 {
			f := Fix{Stage: 2, Layer: l, Block: Block{7, 6}}
			b, _ := f.Apply(a, DeepenAsReleased)
			if b.Validate() != nil {
				t.Fatalf("released deepening made %s invalid", b)
			}
			if f.Present(b) {
				present[l]++
			}
		}
	}
	if present[0] != n || present[1] != n {
		t.Errorf("layers 0, 1 present %d, %d of %d", present[0], present[1], n)
	}
	// layer 2 present when depth >= 3 (2 in 3), layer 3 when depth 4 (1 in 3): ±3.5 SD.
	for l, p := range map[int]float64{2: 2.0 / 3, 3: 1.0 / 3} {
		if got := float64(present[l]) / n; got < p-0.03 || got > p+0.03 {
			t.Errorf("layer %d present in %.3f of samples, want %.3f", l, got, p)
		}
	}
	r := ResNetArch{D: []int{0, 0, 0, 0, 0}, E: make([]float64, 18), W: make([]int, 6), R: 224}
	for i := range r.E {
		r.E[i] = 0.2
	}
	f := Fix{Stage: 2, Layer: 5, Block: Block{Expand: 0.35}} // stage 2 has 4 base blocks
	if b, _ := f.Apply(r, DeepenAsReleased); f.Present(b) || b.(ResNetArch).D[3] != 1 {
		t.Errorf("released deepening of %s: %s", f, b)
	}
	if b, _ := f.Apply(r, DeepenToInclude); !f.Present(b) || b.(ResNetArch).D[3] != 2 {
		t.Errorf("deepening of %s: %s", f, b)
	}
}
