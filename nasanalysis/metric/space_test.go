package metric

import (
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/nasanalysis/nasanalysis/nasanalysis/arch"
	"github.com/nasanalysis/nasanalysis/nasanalysis/datatest"
)

// Profiling ProxylessNAS on its phone table (pn_mobile, measured at width 1.0, 224 px,
// expand ratios 3 and 6) from the family's default space fails in three ways at once:
// the space is at width 1.3, samples 160, 176, 192 and 208 px besides 224, and keeps
// the three expand-4 blocks k3e4, k5e4, k7e4. The error lists the three with their
// flags, and one line of flags that fixes them all; with those flags the space passes,
// and so do flops and params, which cover everything.
func TestCheckSpaceListsEveryMismatch(t *testing.T) {
	var e *SpaceError
	err := CheckNames(arch.Space{Family: arch.ProxylessNAS}, []string{"flops", "pn_mobile", "params"})
	if !errors.As(err, &e) || len(e.Mismatches) != 3 {
		t.Fatalf("CheckNames: %v", err)
	}
	want := []Mismatch{
		{"pn_mobile", "the space is at width 1.3; ProxylessNAS's mobile lookup table covers width 1", "width", "1"},
		{"pn_mobile", "the space samples 160, 176, 192, 208 px; ProxylessNAS's mobile lookup table covers 224 px", "res", "224"},
		{"pn_mobile", "the space keeps k3e4,k5e4,k7e4; ProxylessNAS's mobile lookup table covers k3e3,k3e6,k5e3,k5e6,k7e3,k7e6", "drop", "k3e4,k5e4,k7e4"},
	}
	for i, m := range want {
		if e.Mismatches[i] != m {
			t.Errorf("mismatch %d:\n got %+v\nwant %+v", i, e.Mismatches[i], m)
		}
	}
	if flags, ok := e.Flags(); !ok || flags != "--width 1 --res 224 --drop k3e4,k5e4,k7e4" {
		t.Errorf("Flags = %q, %v", flags, ok)
	}
	if !strings.Contains(err.Error(), "in 3 way(s)") || !strings.HasSuffix(err.Error(), "\nrun with --width 1 --res 224 --drop k3e4,k5e4,k7e4") {
		t.Errorf("message:\n%s", err)
	}
	phone := arch.Space{Family: arch.ProxylessNAS, Width: 1.0, Resolutions: []int{224}, Drop: []arch.Block{{Kernel: 3, Expand: 4}, {Kernel: 5, Expand: 4}, {Kernel: 7, Expand: 4}}}
	if err := CheckNames(phone, []string{"flops", "pn_mobile", "params"}); err != nil {
		t.Errorf("the phone table's own space: %v", err)
	}
	// A space that already drops one block: the flag keeps it and adds the others.
	part := phone
	part.Drop = []arch.Block{{Kernel: 7, Expand: 6}, {Kernel: 5, Expand: 4}}
	err = CheckNames(part, []string{"pn_mobile"})
	if !errors.As(err, &e) || len(e.Mismatches) != 1 || e.Mismatches[0].Value != "k7e6,k5e4,k3e4,k7e4" {
		t.Errorf("partly dropped: %v", err)
	}
}

// OFA-MobileNetV3 at width 1.0 and 236 px, for acc (width 1.2, 128..224 px in steps of
// 4) and note10 (width 1.2, 160..224 px in steps of 16): four mismatches; no covered
// resolution is sampled, so each suggests the family's sampled ones it covers, a choice
// no single flag line can make. note10_r224 needs only the width.
func TestCheckSpaceSuggestsChoices(t *testing.T) {
	var e *SpaceError
	err := CheckNames(arch.Space{Family: arch.OFAMBv3, Width: 1.0, Resolutions: []int{236}}, []string{"acc", "note10", "note10_r224"})
	if !errors.As(err, &e) || len(e.Mismatches) != 5 {
		t.Fatalf("CheckNames: %v", err)
	}
	for i, w := range []struct{ metric, flag, value string }{
		{"acc", "width", "1.2"}, {"acc", "res", "one of 160, 176, 192, 208, 224"},
		{"note10", "width", "1.2"}, {"note10", "res", "one of 160, 176, 192, 208, 224"},
		{"note10_r224", "width", "1.2"},
	} {
		if m := e.Mismatches[i]; m.Metric != w.metric || m.Flag != w.flag || m.Value != w.value {
			t.Errorf("mismatch %d: %+v, want %+v", i, m, w)
		}
	}
	if _, ok := e.Flags(); ok || strings.Contains(err.Error(), "run with") {
		t.Errorf("a choice was joined into one flag line: %v", err)
	}
	// A metric of another family (acc of ofa-mbv3 on a proxylessnas space) names it.
	acc := &Metric{Name: "acc"}
	acc.Covers, _ = CoverageOf("acc", arch.OFAMBv3)
	err = CheckSpace(arch.Space{Family: arch.ProxylessNAS}, []*Metric{acc})
	if !errors.As(err, &e) || len(e.Mismatches) != 1 || e.Mismatches[0].Flag != "space" || e.Mismatches[0].Value != arch.OFAMBv3 {
		t.Errorf("another family: %v", err)
	}
	// An invalid space is its own error; an unknown name a *NameError.
	if err := CheckNames(arch.Space{Family: arch.OFAMBv3, Width: 2}, []string{"acc"}); err == nil || !strings.Contains(err.Error(), "width = 2") {
		t.Errorf("invalid space: %v", err)
	}
	var ne *NameError
	if err := CheckNames(arch.Space{Family: arch.ProxylessNAS}, []string{"acc"}); !errors.As(err, &ne) {
		t.Errorf("acc on proxylessnas: %v", err)
	}
}

// The built metric carries the coverage CoverageOf states, and its Values refuses an
// architecture outside it: pn_mobile names an active expand-4 block and its position,
// even at the table's width and resolution; the same block in an inactive slot is
// priced.
func TestMetricRefusesUncoveredBlock(t *testing.T) {
	m, err := New("pn_mobile", arch.ProxylessNAS, Options{})
	datatest.Check(t, err)
	c, _ := CoverageOf("pn_mobile", arch.ProxylessNAS)
	if m.Covers.Family != c.Family || len(m.Covers.Blocks) != 6 || !slices.Equal(m.Covers.Resolutions.List, c.Resolutions.List) {
		t.Errorf("Covers %+v, CoverageOf %+v", m.Covers, c)
	}
	a, err := arch.ParseMB(arch.Proxyless, `{"ks":[3,3,3,3,3,3,3,3,3,3,3,3,3,3,3,3,3,3,3,3],"e":[3,3,3,3,3,4,3,3,3,3,3,3,3,3,3,3,3,3,3,3],"d":[2,2,2,2,2],"r":224,"w":1.0}`)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := m.Values([]arch.Arch{a}); err == nil || !strings.Contains(err.Error(), "metric pn_mobile is not defined for block k3e4 (architecture 1, stage 1, layer 1)") {
		t.Errorf("active k3e4: %v", err)
	}
	a.E[5], a.E[7] = 3, 4 // slot 7 is stage 1's layer 3, beyond its depth 2
	if v, err := m.Values([]arch.Arch{a}); err != nil || !(v[0] > 0) {
		t.Errorf("inactive k3e4: %v, %v", v, err)
	}
}
