package latency

import (
	"maps"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/nasanalysis/nasanalysis/nasanalysis/arch"
	"github.com/nasanalysis/nasanalysis/nasanalysis/datatest"
	"github.com/nasanalysis/nasanalysis/nasanalysis/ort"
)

// The operators a table of OFA-MobileNetV3 at width 1.2 must price are exactly the
// operators OFA's published Note10 table of each resolution prices: the enumeration
// misses no block position and invents none.
func TestTableOperatorsAreNote10Operators(t *testing.T) {
	n10, err := LoadNote10("")
	datatest.Check(t, err)
	for _, r := range arch.MBResolutions {
		ops, err := TableOperators(arch.OFAMBv3, 0, r)
		if err != nil {
			t.Fatal(err)
		}
		var ours []string
		for _, op := range ops {
			ours = append(ours, op.Key)
		}
		slices.Sort(ours)
		published := slices.Sorted(maps.Keys(n10.byRes[r].Mean))
		if !slices.Equal(ours, published) {
			t.Errorf("r=%d: %d operators, the Note10 table %d; first of ours not published: %v; first published not ours: %v",
				r, len(ours), len(published), firstMissing(ours, published), firstMissing(published, ours))
		}
	}
}

// ProxylessNAS's mobile table (width 1.0, 224 px, expand 3 and 6) has every operator
// TableOperators lists for that space, expand 4 aside.
func TestTableOperatorsInProxylessMobileTable(t *testing.T) {
	pm, err := LoadProxylessMobile("")
	datatest.Check(t, err)
	ops, err := TableOperators(arch.ProxylessNAS, 1.0, 224)
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, op := range ops {
		if strings.Contains(op.Key, "-expand:4-") {
			continue
		}
		n++
		if _, ok := pm.Mean[op.Key]; !ok {
			t.Errorf("%s is not in %s", op.Key, pm.Path)
		}
	}
	if n < 60 {
		t.Errorf("only %d operators checked", n)
	}
}

func firstMissing(a, b []string) string {
	for _, k := range a {
		if !slices.Contains(b, k) {
			return k
		}
	}
	return ""
}

// An OFA-ResNet50 network's table latency is the sum of its operators' entries, each
// as often as the network holds it. Keys and channels by hand (OFA's make_divisible
// by 8): width index 0 is x0.65, so the stem is 3 -> 24 (40 / 2) -> 40 and stages
// 168, 336, 664, 1328 channels with expand 0.2 mids 32, 64, 136, 264; 128 px is 64
// after the first conv, 32 after pooling, then 32, 16, 8, 4. Entries are powers of two,
// so the sum 1151 says which were counted how often (stage 2's repeated block 3 times).
func TestLocalLUTSumByHand(t *testing.T) {
	entries := map[string]TableEntry{
		"input_stem-input:128x128x3-mid:24-output:32x32x40-middle:0":               {Count: 1, Mean: 1},
		"bottleneck-input:32x32x40-mid:32-output:32x32x168-stride:1-downsample:1":  {Count: 1, Mean: 2},
		"bottleneck-input:32x32x168-mid:32-output:32x32x168-stride:1-downsample:0": {Count: 1, Mean: 4},
		"bottleneck-input:32x32x168-mid:64-output:16x16x336-stride:2-downsample:1": {Count: 1, Mean: 8},
		"bottleneck-input:16x16x336-mid:64-output:16x16x336-stride:1-downsample:0": {Count: 1, Mean: 16},
		"bottleneck-input:16x16x336-mid:136-output:8x8x664-stride:2-downsample:1":  {Count: 1, Mean: 32},
		"bottleneck-input:8x8x664-mid:136-output:8x8x664-stride:1-downsample:0":    {Count: 1, Mean: 64},
		"bottleneck-input:8x8x664-mid:264-output:4x4x1328-stride:2-downsample:1":   {Count: 1, Mean: 128},
		"bottleneck-input:4x4x1328-mid:264-output:4x4x1328-stride:1-downsample:0":  {Count: 1, Mean: 256},
		"head-input:4x4x1328-output:1000":                                          {Count: 1, Mean: 512},
	}
	dir := t.TempDir()
	if err := WriteLUT(filepath.Join(dir, "lut-ofa-resnet50-r128.yaml"), []string{"a table by hand"}, entries); err != nil {
		t.Fatal(err)
	}
	l, err := LoadLocalLUT(dir, arch.OFAResNet50, 0)
	if err != nil {
		t.Fatal(err)
	}
	a := arch.ResNetArch{D: []int{0, 0, 0, 0, 0}, E: slices.Repeat([]float64{0.2}, 18), W: make([]int, 6), R: 128}
	if got, err := l.Sum(a); err != nil || got != 1151 {
		t.Errorf("sum %v, %v; want 1151", got, err)
	}
	l.Scale, l.Overhead = 0.5, -0.5
	if got, _ := l.Latency(a); got != 575 {
		t.Errorf("latency 0.5 x sum - 0.5: %v, want 575", got)
	}
	a.E[0] = 0.25 // stage 0's first block: mid 40, not in the table
	if _, err := l.Sum(a); err == nil || !strings.Contains(err.Error(), "mid:40-output:32x32x168") {
		t.Errorf("an operator the table lacks: %v", err)
	}
	a.R = 144
	if _, err := l.Sum(a); err == nil || !strings.Contains(err.Error(), "cover [128] px, not r = 144") {
		t.Errorf("a resolution without a table: %v", err)
	}
}

// Every operator of every space's table at 128 px builds as an ONNX model that ONNX
// Runtime accepts and runs with the shapes it declares.
func TestOperatorNetworksRun(t *testing.T) {
	datatest.CheckORT(t, ort.Init())
	e := &ORT{}
	for _, space := range []string{arch.OFAMBv3, arch.ProxylessNAS, arch.OFAResNet50} {
		ops, err := TableOperators(space, 0, 128)
		if err != nil {
			t.Fatal(err)
		}
		for _, op := range ops {
			net, err := OperatorNetwork(op, 1)
			if err != nil {
				t.Fatal(err)
			}
			r, err := e.OpenNetwork(net, Protocol{Threads: 1, OptLevel: 3, Seed: 1, MinRepeats: 1, MaxRepeats: 1})
			if err != nil {
				t.Fatalf("%s %s: %v", space, op.Key, err)
			}
			if err := r.Run(); err != nil {
				t.Errorf("%s %s: %v", space, op.Key, err)
			}
			r.Close()
		}
	}
}

// The committed tables of this machine read back as the metric uses them: five
// resolutions, each with exactly the operators of OFA's Note10 table there, every mean
// positive, calibrated on the committed calibration networks.
func TestCommittedTablesRead(t *testing.T) {
	l, err := LoadProjectLUT(arch.OFAMBv3)
	if err != nil {
		t.Fatal(err)
	}
	n10, err := LoadNote10("")
	datatest.Check(t, err)
	if !slices.Equal(l.Resolutions(), arch.MBResolutions) || !(l.Scale > 0.5 && l.Scale < 1.5) {
		t.Fatalf("resolutions %v, scale %v", l.Resolutions(), l.Scale)
	}
	for _, r := range arch.MBResolutions {
		ours, published := slices.Sorted(maps.Keys(l.byRes[r].Mean)), slices.Sorted(maps.Keys(n10.byRes[r].Mean))
		if !slices.Equal(ours, published) {
			t.Errorf("r=%d: %d operators in %s, %d in the Note10 table", r, len(ours), l.byRes[r].Path, len(published))
		}
		for k, v := range l.byRes[r].Mean {
			if !(v > 0) {
				t.Errorf("%s: %s has mean %v", l.byRes[r].Path, k, v)
			}
		}
	}
}
