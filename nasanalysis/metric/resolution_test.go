package metric

import (
	"errors"
	"math"
	"math/rand/v2"
	"path/filepath"
	"strings"
	"testing"

	"github.com/nasanalysis/nasanalysis/nasanalysis/arch"
	"github.com/nasanalysis/nasanalysis/nasanalysis/datatest"
	"github.com/nasanalysis/nasanalysis/nasanalysis/latency"
	"github.com/nasanalysis/nasanalysis/nasanalysis/latency/measfile"
)

// ofaLine is an OFA-MobileNetV3 line as OFA writes it: "r" a list of one resolution and
// "wid": null (OFA's evolution finder's dictionaries, the form of its specialised
// networks' configs).
const ofaLine = `{"wid": null, "ks": [3, 5, 7, 3, 5, 7, 3, 5, 7, 3, 5, 7, 3, 5, 7, 3, 5, 7, 3, 5], "e": [3, 4, 6, 3, 4, 6, 3, 4, 6, 3, 4, 6, 3, 4, 6, 3, 4, 6, 3, 4], "d": [2, 3, 4, 2, 3], "r": [236]}`

func values(t *testing.T, name, space string, as ...arch.Arch) ([]float64, error) {
	t.Helper()
	m, err := New(name, space, Options{})
	datatest.Check(t, err)
	return m.Values(as)
}

// FLOPs, MACs and parameters are defined at every resolution a network runs at: an
// OFA line at 236 px in OFA's list form evaluates (it used to fail to parse), its FLOPs
// grow with the resolution and its parameters do not depend on it.
func TestCostMetricsAtAnyResolution(t *testing.T) {
	a, err := arch.ParseMB(arch.MBv3, ofaLine)
	if err != nil {
		t.Fatal(err)
	}
	at := func(r int) arch.Arch { b := a.Clone(); b.R = r; return b }
	flops, err := values(t, "flops", arch.OFAMBv3, at(224), a, at(1024), at(32))
	if err != nil {
		t.Fatal(err)
	}
	if !(flops[3] < flops[0] && flops[0] < flops[1] && flops[1] < flops[2]) {
		t.Errorf("FLOPs at 224, 236, 1024, 32 px: %v", flops)
	}
	params, err := values(t, "params", arch.OFAMBv3, at(224), a)
	if err != nil || params[0] != params[1] {
		t.Errorf("params at 224 and 236 px: %v, %v", params, err)
	}
	rn := arch.SampleResNet(rand.New(rand.NewPCG(1, 1)))
	rn.R = 300
	if m, err := values(t, "macs", arch.OFAResNet50, rn); err != nil || !(m[0] > 0) {
		t.Errorf("OFA-ResNet50 MACs at 300 px: %v, %v", m, err)
	}
}

// A metric built on data that covers fixed resolutions refuses any other with a
// *ResolutionError naming the metric, the resolution and the supported ones, instead of
// an index out of range (acc at 240 px and above) or a lookup failure.
func TestMetricsRefuseResolutionsTheirDataLacks(t *testing.T) {
	a, err := arch.ParseMB(arch.MBv3, ofaLine)
	if err != nil {
		t.Fatal(err)
	}
	ok := a.Clone()
	ok.R = 224
	rn := arch.SampleResNet(rand.New(rand.NewPCG(1, 1)))
	rn.R = 208
	pn := arch.Proxyless.Sample(rand.New(rand.NewPCG(2, 2)), 1.0)
	pn.R = 236
	for i, e := range pn.E { // the table has expand ratios 3 and 6 only
		if e == 4 {
			pn.E[i] = 6
		}
	}
	for _, c := range []struct {
		name, space string
		a           arch.Arch
		want        string
	}{
		{"acc", arch.OFAMBv3, a, "metric acc is not defined at 236 px (architecture 2): OFA's MobileNetV3 accuracy predictor covers 128..224 px in steps of 4"},
		{"note10", arch.OFAMBv3, a, "metric note10 is not defined at 236 px (architecture 2): OFA's Note10 lookup tables cover 160, 176, 192, 208 or 224 px (note10_r<RES> prices a network at one of them)"},
		{"acc", arch.OFAResNet50, rn, "metric acc is not defined at 208 px (architecture 2): OFA's ResNet50 accuracy predictor covers 128, 144, 160, 176, 192, 224, 240 or 256 px"},
		{"pn_mobile", arch.ProxylessNAS, pn, "metric pn_mobile is not defined at 236 px (architecture 2): ProxylessNAS's mobile lookup table covers 224 px"},
	} {
		first := c.a
		switch b := c.a.(type) { // a valid first architecture, so the error names the second
		case arch.MBArch:
			b = b.Clone()
			b.R = 224
			first = b
		case arch.ResNetArch:
			b = b.Clone()
			b.R = 224
			first = b
		}
		_, err := values(t, c.name, c.space, first, c.a)
		var re *ResolutionError
		if !errors.As(err, &re) || err.Error() != c.want {
			t.Errorf("%s on %s:\n got %v\nwant %s", c.name, c.space, err, c.want)
		}
	}
	// note10_r<RES> prices the network at RES, whatever its own resolution.
	x, err1 := values(t, "note10_r224", arch.OFAMBv3, a)
	y, err2 := values(t, "note10", arch.OFAMBv3, ok)
	if err1 != nil || err2 != nil || x[0] != y[0] {
		t.Errorf("note10_r224 of a 236-px network %v (%v), note10 at 224 px %v (%v)", x, err1, y, err2)
	}
	if v, err := values(t, "acc", arch.OFAMBv3, ok); err != nil || !(v[0] > 70 && v[0] < 85) {
		t.Errorf("acc at 224 px: %v, %v", v, err)
	}
}

// The metrics built for the width-1.2 supernet refuse another width by name.
func TestMetricsRefuseOtherWidths(t *testing.T) {
	a, err := arch.ParseMB(arch.MBv3, strings.Replace(ofaLine, `"wid": null`, `"w": 1.0`, 1))
	if err != nil {
		t.Fatal(err)
	}
	a.R = 224
	for _, name := range []string{"acc", "note10", "note10_r160"} {
		_, err := values(t, name, arch.OFAMBv3, a)
		if want := "metric " + name + " is not defined for ofa-mbv3 at width 1 (architecture 1): "; err == nil || !strings.HasPrefix(err.Error(), want) || !strings.Contains(err.Error(), "at width 1.2") {
			t.Errorf("%s at width 1.0: %v, want %q... naming width 1.2", name, err, want)
		}
	}
}

// Each metric's description says which width it assumes: ofa-mbv3's default width 1.2
// is not MobileNetV3-Large's 1.0, and nothing else on a line without "w" says so.
func TestAboutStatesWidth(t *testing.T) {
	for _, c := range []struct{ name, space, want string }{
		{"macs", arch.OFAMBv3, `width 1.2 unless its line gives "w"`},
		{"flops", arch.OFAMBv3, `width 1.2 unless its line gives "w"`},
		{"params", arch.ProxylessNAS, `width 1.3 unless its line gives "w"`},
		{"params", arch.OFAResNet50, `its own per-stage widths ("w")`},
		{"acc", arch.OFAMBv3, "width-1.2 OFA-MobileNetV3 supernet"},
		{"note10", arch.OFAMBv3, "width-1.2 OFA-MobileNetV3 supernet"},
		{"note10_r192", arch.OFAMBv3, "width-1.2 OFA-MobileNetV3 supernet"},
		{"pn_mobile", arch.ProxylessNAS, "width 1.0"},
	} {
		m, err := New(c.name, c.space, Options{})
		datatest.Check(t, err)
		if !strings.Contains(m.About, c.want) {
			t.Errorf("%s on %s: About %q does not say %q", c.name, c.space, m.About, c.want)
		}
	}
}

// Measured latency is defined at any resolution the network runs at: a network at
// 100 px and the same at 236 px are both timed, the larger slower.
func TestMeasuredAtAnyResolution(t *testing.T) {
	if testing.Short() {
		t.Skip("measures two networks")
	}
	m, err := New("measured", arch.OFAMBv3, Options{Single: true, Protocol: latency.DefaultProtocol.Exactly(5)})
	datatest.CheckORT(t, err)
	a, err := arch.ParseMB(arch.MBv3, ofaLine)
	if err != nil {
		t.Fatal(err)
	}
	small := a.Clone()
	small.R = 100
	ms, err := m.Values([]arch.Arch{small, a})
	if err != nil {
		t.Fatal(err)
	}
	if !(ms[0] > 0 && ms[0] < ms[1]) {
		t.Errorf("measured latency at 100 and 236 px: %v ms", ms)
	}
}

// Under the paired protocol (the default) a network's value is its ratio to the space's
// reference at its resolution times the reference's calm time: the reference itself
// comes out at its calm time (ratio 1, within the noise of a few rounds), a smaller
// network below it and a larger above; a reference the calm file lacks is calibrated
// once and written to it.
func TestMeasuredPaired(t *testing.T) {
	if testing.Short() {
		t.Skip("measures networks")
	}
	calmFile := filepath.Join(t.TempDir(), "calm.csv")
	p := latency.DefaultPaired
	p.MinRounds, p.MaxRounds, p.TargetCI = 4, 4, 0
	m, err := New("measured", arch.OFAMBv3, Options{Paired: p, CalmFile: calmFile})
	datatest.CheckORT(t, err)
	ref, err := latency.ReferenceArch(arch.OFAMBv3, 160)
	if err != nil {
		t.Fatal(err)
	}
	small, err := arch.Parse(arch.OFAMBv3, `{"ks":[3,3,3,3,3,3,3,3,3,3,3,3,3,3,3,3,3,3,3,3],"e":[3,3,3,3,3,3,3,3,3,3,3,3,3,3,3,3,3,3,3,3],"d":[2,2,2,2,2],"r":160}`)
	if err != nil {
		t.Fatal(err)
	}
	large, err := arch.Parse(arch.OFAMBv3, `{"ks":[7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7],"e":[6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6],"d":[4,4,4,4,4],"r":160}`)
	if err != nil {
		t.Fatal(err)
	}
	ms, err := m.Values([]arch.Arch{small, ref, large})
	if err != nil {
		t.Fatal(err)
	}
	calm, err := measfile.ReadCalm(calmFile)
	if err != nil || len(calm) != 1 {
		t.Fatalf("calm file: %v, %v (want one reference)", calm, err)
	}
	var calmMS float64
	for _, v := range calm {
		calmMS = v
	}
	if math.Abs(ms[1]/calmMS-1) > 0.25 { // four rounds: a loaded host leaves some noise
		t.Errorf("the reference measured %v ms against its calm time %v ms: want a ratio near 1", ms[1], calmMS)
	}
	if !(ms[0] < ms[1] && ms[1] < ms[2]) {
		t.Errorf("small, reference, large: %v ms; want increasing", ms)
	}
	if !strings.Contains(m.About, "paired protocol") || !strings.Contains(m.About, calmFile) {
		t.Errorf("About %q does not name the protocol and the calm file", m.About)
	}
}
