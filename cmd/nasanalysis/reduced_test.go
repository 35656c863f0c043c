package main

import (
	"slices"
	"strings"
	"testing"

	"github.com/nasanalysis/nasanalysis/nasanalysis/arch"
)

// checkSampled asserts that every architecture sample printed has width w, no block of
// drop in any slot, and stage depths mins[i]..caps[i] (mins nil: 2, the family's
// minimum), and that each stage reached every depth in that range.
func checkSampled(t *testing.T, as []arch.MBArch, w float64, drop []arch.Block, mins, caps []int) {
	t.Helper()
	seen := make([]map[int]bool, len(caps))
	for i := range seen {
		seen[i] = map[int]bool{}
	}
	if mins == nil {
		mins = []int{2, 2, 2, 2, 2}
	}
	for _, a := range as {
		if a.Width() != w {
			t.Fatalf("width %v, want %v: %s", a.Width(), w, a)
		}
		for i := range a.KS {
			if b := (arch.Block{Kernel: a.KS[i], Expand: float64(a.E[i])}); slices.Contains(drop, b) {
				t.Fatalf("slot %d holds %s, which the space drops: %s", i, b, a)
			}
		}
		for i, d := range a.D {
			if d < mins[i] || d > caps[i] {
				t.Fatalf("d[%d] = %d, want %d..%d: %s", i, d, mins[i], caps[i], a)
			}
			seen[i][d] = true
		}
	}
	for i, s := range seen {
		if len(s) != caps[i]-mins[i]+1 {
			t.Errorf("stage %d drew depths %v, want every one of %d..%d", i, s, mins[i], caps[i])
		}
	}
}

// BlockProfile's released Note10 space (constants.py: OFA_MBV3_STAGE_N_BLOCKS_N10 =
// (3, 4, 4, 4, 4), MBV3_STAGE_WISE_BLOCK_CANDS_N10 drops e3k7 and e4k7, OFA_W_MBV3 =
// 1.2): 500 sampled networks keep to it, and reach every depth it allows. The same
// seed through the space's text form gives the same bytes.
func TestSampleReducedNote10(t *testing.T) {
	code, out, errOut := runCLI("sample", "--space", "ofa-mbv3", "--reduced", "bp-note10", "--n", "500", "--seed", "3")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	as := sampledMB(t, arch.MBv3, out)
	if len(as) != 500 {
		t.Fatalf("%d architectures, want 500", len(as))
	}
	checkSampled(t, as, 1.2, []arch.Block{{Kernel: 7, Expand: 3}, {Kernel: 7, Expand: 4}}, nil, []int{3, 4, 4, 4, 4})
	_, text, _ := runCLI("sample", "--space", "ofa-mbv3:width=1.2:drop=k7e3,k7e4:max-depth=3,4,4,4,4", "--n", "500", "--seed", "3")
	if text != out {
		t.Errorf("--reduced bp-note10 and its text form sample differently")
	}
}

// ProxylessNAS's released GPU space (OFA_PN_STAGE_N_BLOCKS_GPU = (3, 3, 3, 4, 4, 1),
// PN_STAGE_WISE_BLOCK_CANDS_GPU drops e3k3, e3k7 and e4k3, OFA_W_PN = 1.3) and
// OFA-MobileNetV3's NPU space (MBV3_STAGE_WISE_BLOCK_CANDS_NPU drops every k7, no caps).
func TestSampleReducedOthers(t *testing.T) {
	code, out, errOut := runCLI("sample", "--space", "proxylessnas", "--reduced", "bp-gpu", "--n", "500", "--seed", "5")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	checkSampled(t, sampledMB(t, arch.Proxyless, out), 1.3,
		[]arch.Block{{Kernel: 3, Expand: 3}, {Kernel: 7, Expand: 3}, {Kernel: 3, Expand: 4}}, nil, []int{3, 3, 3, 4, 4})
	code, out, errOut = runCLI("sample", "--space", "ofa-mbv3", "--reduced", "bp-npu", "--n", "500", "--seed", "5")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	checkSampled(t, sampledMB(t, arch.MBv3, out), 1.2,
		[]arch.Block{{Kernel: 7, Expand: 3}, {Kernel: 7, Expand: 4}, {Kernel: 7, Expand: 6}}, nil, []int{4, 4, 4, 4, 4})
}

// --reduced applies with the other restrictions: --drop adds blocks, --max-depth and
// --min-depth narrow the released depths, --res and a matching --width stand. The
// result samples as the space written out in full does.
func TestReducedWithOtherFlags(t *testing.T) {
	code, out, errOut := runCLI("sample", "--space", "ofa-mbv3:res=224", "--reduced", "bp-note10", "--drop", "k7e6", "--width", "1.2",
		"--min-depth", "2,3,2,2,2", "--max-depth", "2,4,3,4,4", "--n", "300", "--seed", "9")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	_, full, _ := runCLI("sample", "--space", "ofa-mbv3:width=1.2:res=224:drop=k7e3,k7e4,k7e6:min-depth=2,3,2,2,2:max-depth=2,4,3,4,4", "--n", "300", "--seed", "9")
	if out != full {
		t.Fatalf("--reduced with --drop, --min-depth, --max-depth samples otherwise than the space written out")
	}
	as := sampledMB(t, arch.MBv3, out)
	for _, a := range as {
		if a.R != 224 {
			t.Fatalf("r = %d, want 224: %s", a.R, a)
		}
	}
	checkSampled(t, as, 1.2, []arch.Block{{Kernel: 7, Expand: 3}, {Kernel: 7, Expand: 4}, {Kernel: 7, Expand: 6}}, []int{2, 3, 2, 2, 2}, []int{2, 4, 3, 4, 4})
	// A drop the released space already makes is no conflict.
	if code, _, errOut := runCLI("sample", "--space", "ofa-mbv3", "--reduced", "bp-note10", "--drop", "k7e4", "--n", "2"); code != 0 {
		t.Errorf("--drop k7e4 with bp-note10: exit %d: %s", code, errOut)
	}
}

// --reduced is refused for a family without that released space, naming the ones there
// are, and for restrictions that conflict with it; every command with --space takes it.
func TestReducedRefused(t *testing.T) {
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"sample", "--space", "ofa-resnet50", "--reduced", "bp-gpu"},
			`--reduced: reduced space "bp-gpu": BlockProfile released no reduced space of ofa-resnet50, only of ofa-mbv3 (bp-note10, bp-gpu, bp-cpu, bp-npu) and proxylessnas (bp-gpu, bp-cpu, bp-npu)`},
		{[]string{"sample", "--space", "proxylessnas", "--reduced", "bp-note10"},
			`--reduced: reduced space "bp-note10": proxylessnas has no such released reduced space (its names: bp-gpu, bp-cpu, bp-npu)`},
		{[]string{"sample", "--space", "ofa-mbv3", "--reduced", "bp-note10", "--max-depth", "4,4,4,4,4"},
			`max-depth 4,4,4,4,4 (from --max-depth or --space) raises d[0] to 4 above --reduced bp-note10's cap 3 (its caps: 3,4,4,4,4)`},
		{[]string{"sample", "--space", "ofa-mbv3:max-depth=4,4,4,4,3", "--reduced", "bp-gpu"},
			`raises d[1] to 4 above --reduced bp-gpu's cap 3 (its caps: 4,3,4,3,3)`}, // d[0] = 4 is bp-gpu's own cap
		{[]string{"sample", "--space", "proxylessnas", "--width", "1.0", "--reduced", "bp-cpu"},
			`--reduced bp-cpu is proxylessnas at width 1.3; width 1 (from --width or --space) conflicts with it`},
		{[]string{"sample", "--space", "ofa-mbv3", "--reduced", "bp-note10", "--min-depth", "4,4,4,4,4"},
			`d[0] range 4..3`},
		{[]string{"sample", "--space", "ofa-mbv3", "--reduced", "bp-npu", "--drop", "k3e3,k3e4,k3e6,k5e3,k5e4,k5e6"},
			`leaves no block`},
	} {
		code, _, errOut := runCLI(c.args...)
		if code != 2 || !strings.Contains(errOut, c.want) {
			t.Errorf("%v: exit %d, stderr %q; want exit 2 and %q", c.args, code, errOut, c.want)
		}
	}
	withStdin(t, "")
	for _, args := range [][]string{
		{"sample", "--space", "ofa-mbv3"},
		{"eval", "--space", "ofa-mbv3", "--metrics", "macs"},
		{"search", "--space", "ofa-mbv3", "--objective", "acc", "--constraint", "macs<=300"},
		{"profile", "--space", "ofa-mbv3", "--metrics", "macs"},
		{"measure", "--space", "ofa-mbv3", "--n", "1", "--out", t.TempDir() + "/m.csv"},
	} {
		code, _, errOut := runCLI(append(args, "--reduced", "bp-tpu")...)
		if want := `--reduced: reduced space "bp-tpu": ofa-mbv3 has no such released reduced space (its names: bp-note10, bp-gpu, bp-cpu, bp-npu)`; code != 2 || !strings.Contains(errOut, want) {
			t.Errorf("%s --reduced bp-tpu: exit %d, stderr %q; want exit 2 and %q", args[0], code, errOut, want)
		}
	}
}

// eval with --reduced refuses an input line outside the released space: a stage-0
// depth of 4 is above bp-note10's cap.
func TestEvalReducedRefusesOutside(t *testing.T) {
	withStdin(t, `{"ks":[3,3,3,3,3,3,3,3,3,3,3,3,3,3,3,3,3,3,3,3],"e":[3,3,3,3,3,3,3,3,3,3,3,3,3,3,3,3,3,3,3,3],"d":[4,2,2,2,2],"r":224}`+"\n")
	code, _, errOut := runCLI("eval", "--space", "ofa-mbv3", "--reduced", "bp-note10", "--metrics", "macs")
	if code == 0 || !strings.Contains(errOut, "d[0] = 4") {
		t.Errorf("exit %d, stderr %q; want the line refused for d[0] = 4", code, errOut)
	}
}
