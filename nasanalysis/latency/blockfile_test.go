package latency

import (
	"math"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/nasanalysis/nasanalysis/nasanalysis/arch"
	"github.com/nasanalysis/nasanalysis/nasanalysis/latency/measfile"
)

// A two-network file written by hand: the second network has a block (s0l1) the first
// lacks, so first-seen order would put it after head; BlockSamples must not.
func TestReadBlocksAndSamples(t *testing.T) {
	const head = "arch,resolution,block,stage,layer,kernel,expand,in_size,ms,run_ms,sum_ms,runs\n"
	body := "a,160,stem,-1,-1,3,0,160,0.2,2,1.9,20\n" +
		"a,160,s0l0,0,0,5,3,80,1.0,2,1.9,20\n" +
		"a,160,head,-1,-1,0,0,5,0.7,2,1.9,20\n" +
		"b,160,stem,-1,-1,3,0,160,0.3,4,3.6,20\n" +
		"b,160,s0l0,0,0,3,3,80,0.8,4,3.6,20\n" +
		"b,160,s0l1,0,1,3,3,40,2.0,4,3.6,20\n" +
		"b,160,head,-1,-1,0,0,5,0.5,4,3.6,20\n"
	p := filepath.Join(t.TempDir(), "b.csv")
	os.WriteFile(p, []byte(head+body), 0o644)
	recs, err := ReadBlocks(p)
	if err != nil {
		t.Fatal(err)
	}
	names, ms := BlockSamples(recs)
	if want := []string{"stem", "s0l0", "s0l1", "head"}; !slices.Equal(names, want) {
		t.Errorf("names %v, want %v", names, want)
	}
	if !slices.Equal(ms[0], []float64{0.2, 0.3}) || !slices.Equal(ms[2], []float64{2.0}) {
		t.Errorf("samples %v", ms)
	}
	if got := Coverage(recs); !slices.Equal(got, []float64{0.95, 0.9}) {
		t.Errorf("coverage %v, want [0.95 0.9]", got)
	}
	for content, want := range map[string]string{
		"arch,resolution\n2,3\n": "not a per-block file",
		head:                     "no data rows",
		head + "a,160,stem,-1,-1,3,0,160,x,2,1.9,20\n":                                                      `line 2, column "ms", value "x": not a number`,
		head + body + "c,160,stem,-1,-1,3,0,160,0,2,1.9,20\n":                                               "line 9",
		head + "a,160,stem,-1,-1,3,0,160,NaN,2,1.9,20\n":                                                    `value "NaN": not a finite number`,
		head + "a,160,s0l0,0,0.5,3,0,160,1,2,1.9,20\n":                                                      `line 2, column "layer", value "0.5": not a whole number`,
		"arch,resolution,block,stage,layer,kernel,expand,in_size,ms,run_ms\na,160,stem,-1,-1,3,0,160,1,2\n": "not a per-block file",
	} {
		os.WriteFile(p, []byte(content), 0o644)
		if _, err := ReadBlocks(p); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%q: error %v, want %q", content, err, want)
		}
	}
}

// A row measure writes (measfile.BlockRow) reads back field for field.
func TestReadBlocksReadsWhatMeasureWrites(t *testing.T) {
	w := measfile.BlockRow{Arch: `{"ks":[5]}`, Resolution: 176, Block: "s2l1", Stage: 2, Layer: 1, Kernel: 5, Expand: 6, InSize: 22,
		MS: 0.375, RunMS: 4.5, SumMS: 4.25, Runs: 20, Engine: "onnxruntime", Threads: 1, OptLevel: 3}
	p := filepath.Join(t.TempDir(), "b.csv")
	if err := measfile.Blocks.Append(p, w.Record()); err != nil {
		t.Fatal(err)
	}
	recs, err := ReadBlocks(p)
	if err != nil {
		t.Fatal(err)
	}
	want := BlockRecord{Arch: w.Arch, Resolution: 176, RunMS: 4.5, SumMS: 4.25,
		BlockTiming: BlockTiming{Block: Block{Name: "s2l1", Stage: 2, Layer: 1, Kernel: 5, Expand: 6, InSize: 22}, MS: 0.375}}
	if len(recs) != 1 || recs[0] != want {
		t.Errorf("read %+v, want %+v", recs, want)
	}
}

// SummaryFrame on a hand-made file of the three uniform networks (MACs rising with
// kernel, expand and depth), timed 3, 1 and 2 ms: median 2, range 1-3, one row flagged,
// and a Spearman correlation with MACs of 1 - 6·(1+1+4)/(3·8) = -0.5.
func TestSummaryFrame(t *testing.T) {
	uni := func(k, e, d int) string {
		a := arch.MBArch{KS: slices.Repeat([]int{k}, 20), E: slices.Repeat([]int{e}, 20), D: slices.Repeat([]int{d}, 5), R: 160}
		return `"` + strings.ReplaceAll(a.JSON(), `"`, `""`) + `"`
	}
	// Divided by the reference times 6, 1, 1 the latencies become 0.5, 1, 2: the MACs'
	// order, SRCC 1.
	content := "arch,resolution,median_ms,disturbed,engine,ref_ms\n" +
		uni(3, 3, 2) + ",160,3,false,onnxruntime,6\n" +
		uni(5, 4, 3) + ",160,1,true,onnxruntime,1\n" +
		uni(7, 6, 4) + ",160,2,false,onnxruntime,1\n"
	p := filepath.Join(t.TempDir(), "m.csv")
	os.WriteFile(p, []byte(content), 0o644)
	r, err := ReadMeasured(p, arch.OFAMBv3)
	if err != nil {
		t.Fatal(err)
	}
	df, err := SummaryFrame(r)
	if err != nil {
		t.Fatal(err)
	}
	row := func(c string) string { return df.Col(c).Elem(0).String() }
	for c, want := range map[string]string{"file": "m.csv", "engine": "onnxruntime", "networks": "3", "resolution": "160", "disturbed": "1",
		"median_ms": "2.000000", "min_ms": "1.000000", "max_ms": "3.000000", "srcc_macs_raw": "-0.500000", "srcc_macs_corrected": "1.000000", "protocol": "single"} {
		if got := row(c); got != want {
			t.Errorf("%s = %s, want %s", c, got, want)
		}
	}
}

// A row measure writes (measfile.Row) reads back as the network, its median and its
// provenance columns; a NaN drift reference (none measured) stays NaN.
func TestReadMeasuredReadsWhatMeasureWrites(t *testing.T) {
	a := arch.MBArch{KS: slices.Repeat([]int{5}, 20), E: slices.Repeat([]int{4}, 20), D: slices.Repeat([]int{3}, 5), R: 160}
	w := measfile.Row{Arch: a.String(), Resolution: 160, MedianMS: 7.25, Repeats: 10, Disturbed: true, RefMS: math.NaN(),
		Settings: measfile.Settings{Engine: EngineORT, Space: arch.OFAMBv3}, Shard: measfile.Whole}
	p := filepath.Join(t.TempDir(), "m.csv")
	if err := measfile.Measured.Append(p, w.Record()); err != nil {
		t.Fatal(err)
	}
	r, err := ReadMeasured(p, arch.OFAMBv3)
	if err != nil {
		t.Fatal(err)
	}
	ref, err := r.Floats("ref_ms")
	if r.Len() != 1 || r.Archs[0].String() != a.String() || r.MS[0] != 7.25 || r.Disturbed() != 1 || err != nil || !math.IsNaN(ref[0]) {
		t.Errorf("read %v %v, %d disturbed, ref_ms %v (%v)", r.Archs, r.MS, r.Disturbed(), ref, err)
	}
	if eng, _ := r.Column("engine"); eng[0] != EngineORT {
		t.Errorf("engine %v", eng)
	}
}
