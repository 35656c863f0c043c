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

func TestNote10RejectsUnknownOperator(t *testing.T) {
	n, err := LoadNote10("")
	datatest.Check(t, err)
	a := arch.MBv3.Sample(rand.New(rand.NewPCG(3, 4)), 1.0) // the tables are for width 1.2
	_, err = n.Latency(a)
	if err == nil || !strings.Contains(err.Error(), "has no entry for operator \"Conv-input:") {
		t.Errorf("width-1.0 network priced without error: %v", err)
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
