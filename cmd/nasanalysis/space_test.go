package main

import (
	"io"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/nasanalysis/nasanalysis/nasanalysis/arch"
	"github.com/nasanalysis/nasanalysis/nasanalysis/latency"
)

// sampledMB parses sample's output lines as architectures of sp.
func sampledMB(t *testing.T, sp *arch.MBSpace, out string) []arch.MBArch {
	t.Helper()
	var as []arch.MBArch
	for _, line := range strings.Split(strings.TrimSpace(out), "\n") {
		a, err := arch.ParseMB(sp, line)
		if err != nil {
			t.Fatalf("sample printed %q: %v", line, err)
		}
		as = append(as, a)
	}
	return as
}

// A stage-depth cap restricts what sample emits: with --max-depth 2,2,2,2,2 every stage
// of all 2,000 networks is 2 deep (the family's minimum), and with --min-depth 3,3,3,3,3
// --max-depth 3,4,4,4,4 stage 0 is 3 deep and the others 3 or 4, both seen. Without
// caps all three depths occur (P(a depth absent from 2,000 stages) = (2/3)^2000).
func TestSampleDepthCaps(t *testing.T) {
	code, out, errOut := runCLI("sample", "--space", "ofa-mbv3", "--n", "2000", "--seed", "4", "--max-depth", "2,2,2,2,2")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	as := sampledMB(t, arch.MBv3, out)
	if len(as) != 2000 {
		t.Fatalf("%d architectures, want 2000", len(as))
	}
	for _, a := range as {
		if !slices.Equal(a.D, []int{2, 2, 2, 2, 2}) {
			t.Fatalf("--max-depth 2,2,2,2,2 emitted d = %v: %s", a.D, a)
		}
	}
	code, out, errOut = runCLI("sample", "--space", "proxylessnas", "--n", "500", "--seed", "4", "--min-depth", "3,3,3,3,3", "--max-depth", "3,4,4,4,4")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	seen := map[int]bool{}
	for _, a := range sampledMB(t, arch.Proxyless, out) {
		if a.D[0] != 3 || slices.Min(a.D[1:]) < 3 || slices.Max(a.D[1:]) > 4 {
			t.Fatalf("caps 3..3, 3..4 emitted d = %v", a.D)
		}
		for _, d := range a.D[1:] {
			seen[d] = true
		}
	}
	if !seen[3] || !seen[4] {
		t.Errorf("stages 1-4 drew depths %v, want 3 and 4", seen)
	}
	_, out, _ = runCLI("sample", "--space", "ofa-mbv3", "--n", "2000", "--seed", "4")
	all := map[int]bool{}
	for _, a := range sampledMB(t, arch.MBv3, out) {
		for _, d := range a.D {
			all[d] = true
		}
	}
	if len(all) != 3 {
		t.Errorf("uncapped depths %v, want 2, 3 and 4", all)
	}
}

// --space's text form is the flags in one value: both give the same bytes, and a
// restriction given both ways must agree. Bad caps are usage errors naming the value.
func TestSpaceFlagsAndTextForm(t *testing.T) {
	_, a, _ := runCLI("sample", "--space", "proxylessnas:width=1:res=224:drop=k3e4,k5e4,k7e4:max-depth=3,4,4,4,4", "--n", "20", "--seed", "8")
	code, b, errOut := runCLI("sample", "--space", "proxylessnas", "--width", "1.0", "--res", "224", "--drop", "k3e4,k5e4,k7e4", "--max-depth", "3,4,4,4,4", "--n", "20", "--seed", "8")
	if code != 0 || a != b || strings.Count(a, "\n") != 20 {
		t.Fatalf("text form and flags differ (exit %d, %s):\n%s\n%s", code, errOut, a, b)
	}
	for _, x := range sampledMB(t, arch.Proxyless, a) {
		if x.W != 1 || x.R != 224 || slices.Contains(x.E, 4) || x.D[0] > 3 {
			t.Fatalf("outside the space: %s", x)
		}
	}
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"sample", "--space", "ofa-mbv3:res=160", "--res", "224"}, "--res 224 and --space ofa-mbv3:res=160 disagree"},
		{[]string{"sample", "--max-depth", "3,4,4,4"}, "max-depth has 4 values (3,4,4,4), want 5"},
		{[]string{"sample", "--max-depth", "5,4,4,4,4"}, "max-depth value 1 (d[0]) = 5, want 2..4"},
		{[]string{"sample", "--min-depth", "2,x,2,2,2"}, `--min-depth: "x" in "2,x,2,2,2" is not an integer`},
		{[]string{"sample", "--min-depth", "4,2,2,2,2", "--max-depth", "3,4,4,4,4"}, "d[0] range 4..3"},
		{[]string{"sample", "--space", "ofa-mbv3:depth=3"}, `--space: space "ofa-mbv3:depth=3": field "depth=3"`},
		{[]string{"sample", "--space", "nb201"}, `design space "nb201" is not supported here`},
		{[]string{"eval", "--space", "ofa-mbv3", "--drop", "k3e3,k3e4,k3e6,k5e3,k5e4,k5e6,k7e3,k7e4,k7e6"}, "leaves no block"},
	} {
		if code, _, errOut := runCLI(c.args...); code != 2 || !strings.Contains(errOut, c.want) {
			t.Errorf("%v: exit %d, %q; want 2 mentioning %q", c.args, code, errOut, c.want)
		}
	}
	// eval refuses a network deeper than the caps, naming the stage and depth.
	withStdin(t, uniformMBv3JSON(3, 3, 4, 160)+"\n")
	if code, _, errOut := runCLI("eval", "--max-depth", "3,4,4,4,4", "--metrics", "macs"); code != 2 || !strings.Contains(errOut, "stdin line 1") || !strings.Contains(errOut, "d[0] = 4, but the space ofa-mbv3:max-depth=3,4,4,4,4 allows 2..3") {
		t.Errorf("eval of a too-deep network: exit %d, %q", code, errOut)
	}
}

// The command: ProxylessNAS on its phone table, searched at the table's width,
// resolution and blocks, runs and finds a network inside that space within 100 ms (as
// eval prices it). Without --width, --res and --drop it is refused at once, with all
// three flags in one message.
func TestSearchOnThePhoneTable(t *testing.T) {
	needData(t, latency.ProxylessMobileFile)
	args := []string{"search", "--space", "proxylessnas", "--width", "1.0", "--drop", "k3e4,k5e4,k7e4", "--res", "224", "--objective", "flops", "--constraint", "pn_mobile<=100",
		"--population", "12", "--generations", "3", "--seed", "3"}
	code, line, errOut := runCLI(args...)
	if code != 0 {
		t.Fatalf("search: exit %d: %s", code, errOut)
	}
	a := sampledMB(t, arch.Proxyless, line)[0]
	if a.W != 1 || a.R != 224 || slices.Contains(a.E, 4) {
		t.Errorf("found %s outside the phone table's space", a)
	}
	withStdin(t, line)
	code, out, errOut := runCLI("eval", "--space", "proxylessnas", "--metrics", "pn_mobile")
	if code != 0 {
		t.Fatalf("eval: exit %d: %s", code, errOut)
	}
	_, rows := readMatrixCSV(t, out)
	if ms, _ := strconv.ParseFloat(rows[0][2], 64); !(ms > 0 && ms <= 100) {
		t.Errorf("pn_mobile of the found network %v ms, budget 100", ms)
	}
	code, _, errOut = runCLI("search", "--space", "proxylessnas", "--objective", "flops", "--constraint", "pn_mobile<=100")
	if code != 2 || strings.Count(errOut, "pn_mobile: ") != 3 || !strings.Contains(errOut, "run with --width 1 --res 224 --drop k3e4,k5e4,k7e4") {
		t.Errorf("search off the table's space: exit %d, %q", code, errOut)
	}
}

// search --max-depth keeps every candidate within the caps; profile refuses a fix whose
// block could not exist under them, and its metrics' mismatches all at once.
func TestSearchAndProfileDepthCaps(t *testing.T) {
	code, line, errOut := runCLI("search", "--space", "ofa-mbv3", "--objective", "flops", "--constraint", "params<=100", "--max-depth", "2,3,2,3,2", "--population", "8", "--generations", "3")
	if code != 0 {
		t.Fatalf("search: exit %d: %s", code, errOut)
	}
	if a := sampledMB(t, arch.MBv3, line)[0]; a.D[0] != 2 || a.D[1] > 3 || a.D[2] != 2 || a.D[3] > 3 || a.D[4] != 2 {
		t.Errorf("search found d = %v above the caps 2,3,2,3,2", a.D)
	}
	if code, _, errOut := runCLI("profile", "--space", "ofa-mbv3", "--metrics", "flops", "--max-depth", "3,4,4,4,4", "--blocks", "0:3:k3e3"); code != 2 || !strings.Contains(errOut, "needs d[0] = 4, above max-depth 3") {
		t.Errorf("profile fix beyond the cap: exit %d, %q", code, errOut)
	}
	if code, _, errOut := runCLI("profile", "--space", "proxylessnas", "--metrics", "flops,pn_mobile", "--n", "2"); code != 2 || strings.Count(errOut, "pn_mobile: ") != 3 {
		t.Errorf("profile off the phone table's space: exit %d, %q", code, errOut)
	}
}

// measure takes the space too: its sample is sample's, and a restricted space is named
// in the rows' sample label (the same seed draws other networks there); an unrestricted
// one keeps the label of the files measured before spaces had restrictions.
func TestMeasureTakesTheSpace(t *testing.T) {
	o, err := parseMeasureFlags([]string{"--space", "ofa-mbv3", "--n", "30", "--seed", "6", "--max-depth", "2,2,2,2,2", "--drop", "k7e6", "--out", "-"}, io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	archs, err := o.architectures()
	if err != nil || len(archs) != 30 {
		t.Fatalf("%d architectures, %v", len(archs), err)
	}
	_, out, _ := runCLI("sample", "--space", "ofa-mbv3", "--n", "30", "--seed", "6", "--max-depth", "2,2,2,2,2", "--drop", "k7e6")
	var lines []string
	for _, a := range archs {
		lines = append(lines, a.String())
	}
	if strings.Join(lines, "\n")+"\n" != out {
		t.Errorf("measure's sample differs from sample's")
	}
	if got, want := o.sampleLabel(), "seed=6;n=30;res=0;width=0;space=ofa-mbv3:drop=k7e6:max-depth=2,2,2,2,2"; got != want {
		t.Errorf("label %q, want %q", got, want)
	}
	o, err = parseMeasureFlags([]string{"--space", "ofa-mbv3:width=1.2:res=160", "--n", "3", "--out", "-"}, io.Discard)
	if err != nil || o.sampleLabel() != "seed=1;n=3;res=160;width=1.2" {
		t.Errorf("label %q, %v", o.sampleLabel(), err)
	}
}
