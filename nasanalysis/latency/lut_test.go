package latency

import (
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/nasanalysis/nasanalysis/nasanalysis/datatest"

	"github.com/nasanalysis/nasanalysis/nasanalysis/arch"
)

// Every operator of 1,000 sampled OFA-MobileNetV3 networks (200 per resolution) is
// found in the Note10 tables: the layer plan reproduces the tables' operator shapes.
func TestNote10CoversSampledNetworks(t *testing.T) {
	n, err := LoadNote10("")
	datatest.Check(t, err)
	rng := rand.New(rand.NewPCG(1, 2))
	for _, r := range arch.MBResolutions {
		lo, hi := 1e9, 0.0
		for i := 0; i < 200; i++ {
			a := arch.MBv3.Sample(rng, 0)
			a.R = r
			ms, err := n.Latency(a)
			if err != nil {
				t.Fatal(err)
			}
			lo, hi = min(lo, ms), max(hi, ms)
		}
		if lo < 5 || hi > 80 {
			t.Errorf("r=%d: Note10 latencies %.1f-%.1f ms outside a plausible phone range", r, lo, hi)
		}
	}
}

// An operator a table lacks is an error naming it, never a zero.
func TestNote10RejectsUnknownOperator(t *testing.T) {
	n, err := LoadNote10("")
	datatest.Check(t, err)
	a := arch.MBv3.Sample(rand.New(rand.NewPCG(3, 4)), 0)
	a.R = 160
	stem := a.Layers()[0].Key
	delete(n.byRes[160].Mean, stem)
	if _, err = n.Latency(a); err == nil || !strings.Contains(err.Error(), "has no entry for operator \"Conv-input:160x160x3") {
		t.Errorf("network with an operator missing from the table: %v", err)
	}
}

// The Note10 tables were measured for the width-1.2 supernet at five resolutions; a
// network of another width or resolution is refused by name. A width-1.0 network used
// to fail only on its first unknown operator key, which did not say why.
func TestNote10RefusesOtherWidthsAndResolutions(t *testing.T) {
	n, err := LoadNote10("")
	datatest.Check(t, err)
	a := arch.MBv3.Sample(rand.New(rand.NewPCG(3, 4)), 1.0)
	a.R = 160
	if _, err = n.Latency(a); err == nil || !strings.Contains(err.Error(), "the Note10 tables were measured at width 1.2 (ofa-mbv3's default), not w = 1") {
		t.Errorf("width-1.0 network: %v", err)
	}
	a.W, a.R = 1.2, 236
	if _, err = n.Latency(a); err == nil || !strings.Contains(err.Error(), "the Note10 tables cover 160, 176, 192, 208 or 224 px, not r = 236") {
		t.Errorf("236-px network: %v", err)
	}
	p, err := LoadProxylessMobile("")
	datatest.Check(t, err)
	b := arch.Proxyless.Sample(rand.New(rand.NewPCG(3, 4)), 1.0)
	b.R = 236
	if _, err = p.Latency(b); err == nil || !strings.Contains(err.Error(), "the ProxylessNAS mobile table was measured at width 1.0 and 224 px, not w = 1 and r = 236") {
		t.Errorf("236-px ProxylessNAS network: %v", err)
	}
}

func TestProxylessMobileTable(t *testing.T) {
	p, err := LoadProxylessMobile("")
	datatest.Check(t, err)
	rng := rand.New(rand.NewPCG(5, 6))
	for i := 0; i < 100; i++ {
		a := arch.Proxyless.Sample(rng, 1.0)
		a.R = 224
		for j := range a.E {
			if a.E[j] == 4 {
				a.E[j] = 6
			}
		}
		if _, err := p.Latency(a); err != nil {
			t.Fatal(err)
		}
	}
	a := arch.Proxyless.Sample(rng, 1.0)
	a.R, a.E[0] = 224, 4
	if _, err := p.Latency(a); err == nil || !strings.Contains(err.Error(), "no expand ratio 4") {
		t.Errorf("expand 4 priced: %v", err)
	}
}

func TestReadLUTBadInput(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "bad.yaml")
	os.WriteFile(p, []byte("Conv-input:1x1x1:\n  count: 3\n"), 0o644)
	if _, err := ReadLUT(p); err == nil || !strings.Contains(err.Error(), `operator "Conv-input:1x1x1" has no valid mean`) {
		t.Errorf("missing mean: %v", err)
	}
	if _, err := ReadLUT(filepath.Join(dir, "none.yaml")); err == nil {
		t.Error("missing file accepted")
	}
}

func TestReadMeasuredBadInput(t *testing.T) {
	dir := t.TempDir()
	good := arch.MBv3.Sample(rand.New(rand.NewPCG(1, 1)), 0).JSON()
	for content, want := range map[string]string{
		"a,b,c\n1,2,3\n":              "not a measured-latency file",
		"arch,resolution,median_ms\n": "no data rows",
		"arch,resolution,median_ms\n\"" + strings.ReplaceAll(good, `"`, `""`) + "\",160,-1\n":                                                       `line 2, column "median_ms", value "-1": latency must be positive`,
		"arch,resolution,median_ms\n\"" + strings.ReplaceAll(good, `"`, `""`) + "\",160,0\n":                                                        `line 2, column "median_ms", value "0": latency must be positive`,
		"arch,resolution,median_ms\n\"" + strings.ReplaceAll(good, `"`, `""`) + "\",160,2\n\"" + strings.ReplaceAll(good, `"`, `""`) + "\",160,3\n": "line 3, column \"arch\"",
		"arch,resolution,median_ms\n{},160,3\n": "line 2",
	} {
		p := filepath.Join(dir, "m.csv")
		os.WriteFile(p, []byte(content), 0o644)
		if _, err := ReadMeasured(p, arch.OFAMBv3); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%q: error %v, want %q", content, err, want)
		}
	}
}

func TestRecordedSourceRefusesUnmeasured(t *testing.T) {
	a := arch.MBv3.Sample(rand.New(rand.NewPCG(1, 1)), 0)
	r := &Recorded{Path: "x.csv", Archs: []arch.Arch{a}, MS: []float64{12}}
	if v, err := r.Latency(a); err != nil || v != 12 {
		t.Errorf("recorded latency %v, %v", v, err)
	}
	b := a.Clone()
	b.KS[0] = 10 - b.KS[0] // 3 <-> 7, 5 -> 5
	if b.KS[0] == a.KS[0] {
		b.KS[0] = 3
	}
	if _, err := r.Latency(b); err == nil || !strings.Contains(err.Error(), "has no measurement") {
		t.Errorf("unmeasured architecture: %v", err)
	}
}

// A table is one YAML document. yaml.Unmarshal reads the first document of a stream
// and ignores the rest, so a second table appended to the file (say, two resolutions
// concatenated) used to be dropped without a word and its operators reported missing
// later, far from the cause.
func TestReadLUTRejectsSecondDocument(t *testing.T) {
	for _, text := range []string{
		"a:\n  mean: 1\n---\nb:\n  mean: 2\n",
		"a:\n  mean: 1\n---\n",
	} {
		if l, err := parseLUT("two.yaml", []byte(text)); err == nil || !strings.Contains(err.Error(), "two.yaml: more than one YAML document") {
			t.Errorf("%q: %v, %v; want an error naming the second document", text, l, err)
		}
	}
	if l, err := parseLUT("one.yaml", []byte("---\na:\n  mean: 1\n...\n")); err != nil || l.Mean["a"] != 1 {
		t.Errorf("one document with markers: %v, %v", l, err)
	}
}
