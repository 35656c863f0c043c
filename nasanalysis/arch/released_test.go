package arch_test

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"github.com/nasanalysis/nasanalysis/nasanalysis/arch"
)

// bpReleasedSpace is one released reduced space as BlockProfile writes it, transcribed
// by hand from github.com/Ascend-Research/BlockProfile at commit 0a1d11d, file
// search/rm_search/ofa_profile/constants.py; which constants go together is read from
// search/rm_search/README.md's "With insight" commands (-space_id, -stage_block_count_type
// and -mutate_prob_type all name the device).
type bpReleasedSpace struct {
	family, name string
	width        float64  // OFA_W_MBV3 or OFA_W_PN
	cands        []string // one stage's block candidates (every stage's tuple is this one)
	stageBlocks  []int    // the maximum blocks per stage (ProxylessNAS: 6 stages, the last 1)
	mutateProbs  []float64
}

var (
	mbv3All = []string{"mbconv3_e3_k3", "mbconv3_e3_k5", "mbconv3_e3_k7", "mbconv3_e4_k3", "mbconv3_e4_k5",
		"mbconv3_e4_k7", "mbconv3_e6_k3", "mbconv3_e6_k5", "mbconv3_e6_k7"} // MBV3_BLOCKS
	pnAll = []string{"mbconv2_e3_k3", "mbconv2_e3_k5", "mbconv2_e3_k7", "mbconv2_e4_k3", "mbconv2_e4_k5",
		"mbconv2_e4_k7", "mbconv2_e6_k3", "mbconv2_e6_k5", "mbconv2_e6_k7"} // PN_BLOCKS
)

var bpReleased = []bpReleasedSpace{
	{"ofa-mbv3", "bp-note10", 1.2,
		// MBV3_STAGE_WISE_BLOCK_CANDS_N10, stages 1-5 alike ("Dropped e3k7, e4k7")
		[]string{"mbconv3_e3_k3", "mbconv3_e3_k5", "mbconv3_e4_k3", "mbconv3_e4_k5", "mbconv3_e6_k3", "mbconv3_e6_k5", "mbconv3_e6_k7"},
		[]int{3, 4, 4, 4, 4},                // OFA_MBV3_STAGE_N_BLOCKS_N10
		[]float64{0.5, 0.5, 0.5, 0.5, 0.5}}, // MBV3_STAGE_WISE_MUTATE_PROBS_N10
	{"ofa-mbv3", "bp-gpu", 1.2,
		// MBV3_STAGE_WISE_BLOCK_CANDS_GPU ("Dropped e3k3, e3k7, e4k3")
		[]string{"mbconv3_e3_k5", "mbconv3_e4_k5", "mbconv3_e4_k7", "mbconv3_e6_k3", "mbconv3_e6_k5", "mbconv3_e6_k7"},
		[]int{4, 3, 4, 3, 3},                // OFA_MBV3_STAGE_N_BLOCKS_GPU
		[]float64{0.5, 0.5, 0.5, 0.5, 0.5}}, // MBV3_STAGE_WISE_MUTATE_PROBS_GPU
	{"ofa-mbv3", "bp-cpu", 1.2,
		mbv3All,                             // MBV3_STAGE_WISE_BLOCK_CANDS_CPU: all nine
		[]int{3, 3, 3, 4, 4},                // OFA_MBV3_STAGE_N_BLOCKS_CPU
		[]float64{0.5, 0.5, 0.5, 0.5, 0.5}}, // MBV3_STAGE_WISE_MUTATE_PROBS_CPU
	{"ofa-mbv3", "bp-npu", 1.2,
		// MBV3_STAGE_WISE_BLOCK_CANDS_NPU ("Dropped all k7")
		[]string{"mbconv3_e3_k3", "mbconv3_e3_k5", "mbconv3_e4_k3", "mbconv3_e4_k5", "mbconv3_e6_k3", "mbconv3_e6_k5"},
		[]int{4, 4, 4, 4, 4},                   // OFA_MBV3_STAGE_N_BLOCKS (the README's NPU command sets no count type)
		[]float64{0.25, 0.25, 0.25, 0.5, 0.5}}, // MBV3_STAGE_WISE_MUTATE_PROBS_NPU
	{"proxylessnas", "bp-gpu", 1.3,
		// PN_STAGE_WISE_BLOCK_CANDS_GPU, stages 1-6 alike ("Remove e3k3, e3k7, e4k3")
		[]string{"mbconv2_e3_k5", "mbconv2_e4_k5", "mbconv2_e4_k7", "mbconv2_e6_k3", "mbconv2_e6_k5", "mbconv2_e6_k7"},
		[]int{3, 3, 3, 4, 4, 1},                  // OFA_PN_STAGE_N_BLOCKS_GPU
		[]float64{0.5, 0.5, 0.5, 0.5, 0.5, 0.5}}, // PN_STAGE_WISE_MUTATE_PROBS_GPU
	{"proxylessnas", "bp-cpu", 1.3,
		pnAll,                                    // PN_STAGE_WISE_BLOCK_CANDS_CPU: all nine
		[]int{3, 3, 4, 4, 4, 1},                  // OFA_PN_STAGE_N_BLOCKS_CPU
		[]float64{0.5, 0.5, 0.5, 0.5, 0.5, 0.5}}, // PN_STAGE_WISE_MUTATE_PROBS_CPU
	{"proxylessnas", "bp-npu", 1.3,
		// PN_STAGE_WISE_BLOCK_CANDS_NPU ("Dropped all k7")
		[]string{"mbconv2_e3_k3", "mbconv2_e3_k5", "mbconv2_e4_k3", "mbconv2_e4_k5", "mbconv2_e6_k3", "mbconv2_e6_k5"},
		[]int{4, 4, 4, 4, 4, 1},                     // OFA_PN_STAGE_N_BLOCKS (no count type in the README's command)
		[]float64{0.25, 0.25, 0.25, 0.5, 0.5, 0.5}}, // PN_STAGE_WISE_MUTATE_PROBS_NPU
}

// bpBlock reads BlockProfile's block name, e.g. "mbconv3_e4_k7" = k7e4.
func bpBlock(t *testing.T, name string) arch.Block {
	t.Helper()
	var v, e, k int
	if n, err := fmt.Sscanf(name, "mbconv%d_e%d_k%d", &v, &e, &k); n != 3 || err != nil {
		t.Fatalf("bad BlockProfile block %q: %v", name, err)
	}
	return arch.Block{Kernel: k, Expand: float64(e)}
}

func bpBlocks(t *testing.T, names []string) []arch.Block {
	out := make([]arch.Block, len(names))
	for i, n := range names {
		out[i] = bpBlock(t, n)
	}
	return out
}

func sameBlockSet(a, b []arch.Block) bool {
	return len(a) == len(b) && !slices.ContainsFunc(a, func(x arch.Block) bool { return !slices.Contains(b, x) })
}

// Every released space holds the transcribed constants: the blocks it keeps are the
// stage candidates, each stage allows 2..cap (the released sampler's range(2, cap+1) and
// mutator minimum 2), the width is BlockProfile's supernet width, the mutation
// probabilities are the released ones, and ProxylessNAS's trailing stage is one block
// whose released candidates include this project's fixed last block, k3e6.
func TestReleasedSpacesMatchConstants(t *testing.T) {
	for _, f := range []string{"ofa-mbv3", "proxylessnas"} {
		var want []string
		for _, c := range bpReleased {
			if c.family == f {
				want = append(want, c.name)
			}
		}
		if got := arch.ReleasedSpaceNames(f); !slices.Equal(got, want) {
			t.Errorf("ReleasedSpaceNames(%s) = %v, want %v", f, got, want)
		}
	}
	for _, c := range bpReleased {
		r, err := arch.Released(c.family, c.name)
		if err != nil {
			t.Fatalf("%s %s: %v", c.family, c.name, err)
		}
		sp := r.Space
		if err := sp.Validate(); err != nil {
			t.Errorf("%s %s: %v", c.family, c.name, err)
		}
		if r.Name != c.name || sp.Family != c.family || sp.Width != c.width || sp.SampleWidth() != c.width {
			t.Errorf("%s %s: name %s, family %s, width %v (sampled at %v), want width %v", c.family, c.name, r.Name, sp.Family, sp.Width, sp.SampleWidth(), c.width)
		}
		if keep := sp.Keep(); !sameBlockSet(keep, bpBlocks(t, c.cands)) {
			t.Errorf("%s %s keeps %v, want %v", c.family, c.name, keep, c.cands)
		}
		if sp.MinDepth != nil || sp.Resolutions != nil {
			t.Errorf("%s %s: min-depth %v, resolutions %v, want neither", c.family, c.name, sp.MinDepth, sp.Resolutions)
		}
		stages, probs := c.stageBlocks, c.mutateProbs
		if c.family == "proxylessnas" {
			if stages[5] != 1 || !slices.Contains(bpBlocks(t, c.cands), arch.Block{Kernel: 3, Expand: 6}) {
				t.Errorf("%s: the released last stage (%d blocks of %v) does not hold the fixed k3e6", c.name, stages[5], c.cands)
			}
			if r.LastBlockMutationProb != probs[5] {
				t.Errorf("%s: last block's mutation probability %v, want %v", c.name, r.LastBlockMutationProb, probs[5])
			}
			stages, probs = stages[:5], probs[:5]
		} else if r.LastBlockMutationProb != 0 {
			t.Errorf("%s %s: last block's mutation probability %v, want 0", c.family, c.name, r.LastBlockMutationProb)
		}
		for i, d := range sp.Depths() {
			var want []int
			for n := 2; n <= stages[i]; n++ {
				want = append(want, n)
			}
			if !slices.Equal(d, want) {
				t.Errorf("%s %s: stage %d depths %v, want %v", c.family, c.name, i, d, want)
			}
		}
		if !slices.Equal(r.StageMutationProbs, probs) {
			t.Errorf("%s %s: stage mutation probabilities %v, want %v", c.family, c.name, r.StageMutationProbs, probs)
		}
		if r.SearchResolution != 224 || r.Device == "" || r.Source == "" {
			t.Errorf("%s %s: resolution %d, device %q, source %q", c.family, c.name, r.SearchResolution, r.Device, r.Source)
		}
		back, err := arch.ParseSpace(sp.String())
		if err != nil || back.String() != sp.String() {
			t.Errorf("%s %s: %s parses back as %s (%v)", c.family, c.name, sp, back, err)
		}
	}
}

// The issue's list, against which the file was checked: the text forms the command line
// shows. (The file adds ProxylessNAS's GPU drops and a ProxylessNAS NPU space.)
func TestReleasedSpaceText(t *testing.T) {
	for _, c := range []struct{ family, name, want string }{
		{"ofa-mbv3", "bp-note10", "ofa-mbv3:width=1.2:drop=k7e3,k7e4:max-depth=3,4,4,4,4"},
		{"ofa-mbv3", "bp-gpu", "ofa-mbv3:width=1.2:drop=k3e3,k3e4,k7e3:max-depth=4,3,4,3,3"},
		{"ofa-mbv3", "bp-cpu", "ofa-mbv3:width=1.2:max-depth=3,3,3,4,4"},
		{"ofa-mbv3", "bp-npu", "ofa-mbv3:width=1.2:drop=k7e3,k7e4,k7e6"},
		{"proxylessnas", "bp-gpu", "proxylessnas:width=1.3:drop=k3e3,k3e4,k7e3:max-depth=3,3,3,4,4"},
		{"proxylessnas", "bp-cpu", "proxylessnas:width=1.3:max-depth=3,3,4,4,4"},
		{"proxylessnas", "bp-npu", "proxylessnas:width=1.3:drop=k7e3,k7e4,k7e6"},
	} {
		sp, err := arch.ReleasedSpace(c.family, c.name)
		if err != nil || sp.String() != c.want {
			t.Errorf("ReleasedSpace(%s, %s) = %s, %v; want %s", c.family, c.name, sp, err, c.want)
		}
	}
}

// Sampling a released space over many seeds emits only its blocks (in every slot, the
// inactive ones too) and depths, at its width, and reaches every block and depth it
// allows: 40 seeds x 100 networks per space. A kept block absent from 4,000 x 20 slots
// has probability (1 - 1/6)^80000, nil in practice.
func TestReleasedSpacesSample(t *testing.T) {
	for _, c := range bpReleased {
		sp, err := arch.ReleasedSpace(c.family, c.name)
		if err != nil {
			t.Fatal(err)
		}
		cands := bpBlocks(t, c.cands)
		seenBlock := map[arch.Block]bool{}
		seenDepth := make([]map[int]bool, 5)
		for i := range seenDepth {
			seenDepth[i] = map[int]bool{}
		}
		for seed := range uint64(40) {
			rng := rand.New(rand.NewPCG(seed, 0))
			for range 100 {
				a, err := sp.Sample(rng)
				if err != nil {
					t.Fatal(err)
				}
				mb := a.(arch.MBArch)
				if mb.Width() != c.width {
					t.Fatalf("%s %s seed %d: width %v, want %v", c.family, c.name, seed, mb.Width(), c.width)
				}
				for i := range mb.KS {
					b := arch.Block{Kernel: mb.KS[i], Expand: float64(mb.E[i])}
					if !slices.Contains(cands, b) {
						t.Fatalf("%s %s seed %d: slot %d holds %s, not one of %v: %s", c.family, c.name, seed, i, b, c.cands, mb)
					}
					seenBlock[b] = true
				}
				for i, d := range mb.D {
					if d < 2 || d > c.stageBlocks[i] {
						t.Fatalf("%s %s seed %d: d[%d] = %d, want 2..%d: %s", c.family, c.name, seed, i, d, c.stageBlocks[i], mb)
					}
					seenDepth[i][d] = true
				}
			}
		}
		if len(seenBlock) != len(cands) {
			t.Errorf("%s %s: sampled %d of its %d blocks", c.family, c.name, len(seenBlock), len(cands))
		}
		for i, s := range seenDepth {
			if len(s) != c.stageBlocks[i]-1 {
				t.Errorf("%s %s: stage %d sampled depths %v, want 2..%d", c.family, c.name, i, s, c.stageBlocks[i])
			}
		}
	}
}

// A family without a released reduction, or a name its family lacks, is an error that
// lists the names there are; an unknown family is an UnknownSpaceError. What Released
// returns is the caller's own copy.
func TestReleasedSpaceErrors(t *testing.T) {
	for _, c := range []struct{ family, name, want string }{
		{"ofa-mbv3", "bp-tpu", `reduced space "bp-tpu": ofa-mbv3 has no such released reduced space (its names: bp-note10, bp-gpu, bp-cpu, bp-npu)`},
		{"proxylessnas", "bp-note10", `reduced space "bp-note10": proxylessnas has no such released reduced space (its names: bp-gpu, bp-cpu, bp-npu)`},
		{"ofa-resnet50", "bp-gpu", `reduced space "bp-gpu": BlockProfile released no reduced space of ofa-resnet50, only of ofa-mbv3 (bp-note10, bp-gpu, bp-cpu, bp-npu) and proxylessnas (bp-gpu, bp-cpu, bp-npu)`},
		{"nb201", "bp-gpu", `reduced space "bp-gpu": BlockProfile released no reduced space of nb201, only of ofa-mbv3 (bp-note10, bp-gpu, bp-cpu, bp-npu) and proxylessnas (bp-gpu, bp-cpu, bp-npu)`},
	} {
		_, err := arch.ReleasedSpace(c.family, c.name)
		if err == nil || err.Error() != c.want {
			t.Errorf("ReleasedSpace(%s, %s) error\n%v\nwant\n%s", c.family, c.name, err, c.want)
		}
	}
	var unknown *arch.UnknownSpaceError
	if _, err := arch.ReleasedSpace("ofa-mbv4", "bp-gpu"); !errors.As(err, &unknown) || unknown.Name != "ofa-mbv4" {
		t.Errorf("unknown family: %v, want an UnknownSpaceError", err)
	}
	if names := arch.ReleasedSpaceNames("fbnet"); names != nil {
		t.Errorf("fbnet names %v, want none", names)
	}
	r, _ := arch.Released("ofa-mbv3", "bp-note10")
	r.Space.Drop[0], r.Space.MaxDepth[0], r.StageMutationProbs[0] = arch.Block{Kernel: 3, Expand: 3}, 4, 1
	again, _ := arch.ReleasedSpace("ofa-mbv3", "bp-note10")
	if !strings.Contains(again.String(), "drop=k7e3,k7e4:max-depth=3,4,4,4,4") {
		t.Errorf("changing a returned reduction changed the table: %s", again)
	}
	if r2, _ := arch.Released("ofa-mbv3", "bp-note10"); r2.StageMutationProbs[0] != 0.5 {
		t.Errorf("changing returned probabilities changed the table: %v", r2.StageMutationProbs)
	}
}

// BlockProfile's released Note10 space of OFA-MobileNetV3: it drops k7e3 and k7e4 in
// every stage and caps the first stage at 3 blocks, at the 1.2 supernet; its search
// mutates each stage with probability 0.5. ProxylessNAS has no Note10 space.
func ExampleReleasedSpace() {
	fmt.Println(arch.ReleasedSpaceNames(arch.OFAMBv3), arch.ReleasedSpaceNames(arch.ProxylessNAS))
	sp, err := arch.ReleasedSpace(arch.OFAMBv3, "bp-note10")
	if err != nil {
		panic(err)
	}
	fmt.Println(sp)
	rng := rand.New(rand.NewPCG(1, 0))
	a, _ := sp.Sample(rng)
	fmt.Println(sp.Contains(a), a.(arch.MBArch).D[0] <= 3)
	r, _ := arch.Released(arch.OFAMBv3, "bp-note10")
	fmt.Println(r.Device, r.StageMutationProbs)
	_, err = arch.ReleasedSpace(arch.ProxylessNAS, "bp-note10")
	fmt.Println(err)
	// Output:
	// [bp-note10 bp-gpu bp-cpu bp-npu] [bp-gpu bp-cpu bp-npu]
	// ofa-mbv3:width=1.2:drop=k7e3,k7e4:max-depth=3,4,4,4,4
	// true true
	// Samsung Note10 [0.5 0.5 0.5 0.5 0.5]
	// reduced space "bp-note10": proxylessnas has no such released reduced space (its names: bp-gpu, bp-cpu, bp-npu)
}

func TestReleasedFor(t *testing.T) {
	for lat, want := range map[string]string{"note10_r224": "bp-note10", "note10_r160": "bp-note10", "gpu_2080ti_64": "bp-gpu", "gpu_2080ti_1": "bp-gpu", "predicted": "bp-cpu", "flops": "", "gpu_titanx_1": ""} {
		if got := arch.ReleasedFor(lat); got != want {
			t.Errorf("ReleasedFor(%s) = %q, want %q", lat, got, want)
		}
	}
}
