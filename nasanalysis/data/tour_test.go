package data

import (
	"math"
	"slices"
	"strings"
	"testing"

	"github.com/nasanalysis/nasanalysis/nasanalysis/arch"
	"github.com/nasanalysis/nasanalysis/nasanalysis/datatest"
	"github.com/nasanalysis/nasanalysis/nasanalysis/stats"
)

// handTable is a three-device table of four cells, written by hand; device c lacks one.
func handTable() *LatencyTable {
	nan := math.NaN()
	return &LatencyTable{
		Dataset: Dataset{Name: "hand", Space: "nb201"}, Path: "hand.csv",
		IDs: []int{0, 1, 2, 3}, Archs: []string{"w", "x", "y", "z"},
		Devices: []string{"a", "b", "c"},
		Latency: [][]float64{{1, 2, 4, 8}, {1, 2, 5, 8}, {30, 10, nan, 20}},
	}
}

func TestGapsSentence(t *testing.T) {
	if got := GapsSentence(nil); got != "No dataset has a missing latency." {
		t.Errorf("no gaps: %q", got)
	}
	one := GapsSentence([]Gap{{"nb201", "rice_edgetpu", 259, 1999}})
	if want := "The only missing latencies are those of `nb201` on `rice_edgetpu` (259 of 1,999 cells), failed runs"; !strings.HasPrefix(one, want) {
		t.Errorf("one gap: %q, want it to start %q", one, want)
	}
	two := GapsSentence([]Gap{{"a", "x", 1, 10}, {"b", "y", 2, 20}})
	if want := "Missing latencies: `a` on `x` (1 of 10 cells); `b` on `y` (2 of 20 cells). Figures"; !strings.HasPrefix(two, want) {
		t.Errorf("two gaps: %q", two)
	}
}

func TestMeasuredNote(t *testing.T) {
	if got, want := handTable().MeasuredNote(), " (c: 3 measured, 1 missing and left out)"; got != want {
		t.Errorf("MeasuredNote = %q, want %q", got, want)
	}
	full := handTable()
	full.Latency[2][2] = 1
	if got := full.MeasuredNote(); got != "" {
		t.Errorf("complete table: %q", got)
	}
}

// a = (1, 2, 4, 8), b = (1, 2, 5, 8): |a-b|/b = (0, 0, 0.2, 0); median 0; the 90th
// percentile at position 0.9*3 = 2.7 of (0, 0, 0, 0.2) is 0 + 0.7*0.2 = 0.14. Both
// columns increase, so SRCC = 1; 0.14 is far above 5 %, so not a duplicate.
func TestCompareColumnsByHand(t *testing.T) {
	devs := []Device{{Name: "a", Hardware: "GPU A"}, {Name: "b", Hardware: "CPU B"}}
	p, err := CompareColumns(handTable(), devs, "a", "b")
	if err != nil {
		t.Fatal(err)
	}
	if p.Cells != 4 || p.MedianRelDiff != 0 || math.Abs(p.P90RelDiff-0.14) > 1e-12 || p.SRCC != 1 || p.HardwareA != "GPU A" {
		t.Errorf("CompareColumns = %+v, want 4 cells, median 0, p90 0.14, SRCC 1", p)
	}
	if p.LikelyDuplicate() {
		t.Error("a 14 % difference counted as a duplicate")
	}
	if s := p.DuplicateSentence(); !strings.Contains(s, "median of 0 % (90th percentile 14.0 %)") || !strings.Contains(s, "distinct measurements") {
		t.Errorf("sentence: %q", s)
	}
	dup := ColumnPair{A: "g", B: "i", HardwareA: "GPU", HardwareB: "CPU", Cells: 10, MedianRelDiff: 0.003, P90RelDiff: 0.01, SRCC: 0.999}
	if s := dup.DuplicateSentence(); !strings.Contains(s, "Two different processors are not expected to agree this closely") {
		t.Errorf("duplicate sentence: %q", s)
	}
	if _, err := CompareColumns(handTable(), devs, "a", "nope"); err == nil {
		t.Error("unknown device accepted")
	}
}

// The dataset README: eagle_gtx and eagle_i7 agree with SRCC 0.999 and a median ratio
// of 0.997 ("most likely duplicated upstream").
func TestEagleGTXAndI7AreLikelyDuplicates(t *testing.T) {
	lat, err := LoadLatency("", "nb201")
	datatest.Check(t, err)
	devs, err := LoadDevices("", "nb201")
	datatest.Check(t, err)
	p, err := CompareColumns(lat, devs, "eagle_gtx", "eagle_i7")
	if err != nil {
		t.Fatal(err)
	}
	if math.Abs(p.SRCC-0.999) > 0.0005 || p.MedianRelDiff > 0.01 || !p.LikelyDuplicate() {
		t.Errorf("eagle_gtx vs eagle_i7 = %+v, want SRCC 0.999 and a median difference under 1 %%", p)
	}
}

func TestConfigurationsCaption(t *testing.T) {
	a := []Device{{Name: "g_1", Hardware: "G", Batch: 1}, {Name: "g_256", Hardware: "G", Batch: 256}, {Name: "c", Hardware: "C", Batch: 1}}
	b := []Device{{Name: "g_1", Hardware: "G", Batch: 1}, {Name: "g_64", Hardware: "G", Batch: 64}, {Name: "c", Hardware: "C", Batch: 1}}
	want := "The 3 configurations of A (2 pieces of hardware), grouped by kind; batch size is part of the device. B has the same hardware in 3 configurations, at batch sizes 1 and 64 where A has 1 and 256."
	if got := ConfigurationsCaption("A", a, "B", b); got != want {
		t.Errorf("got  %q\nwant %q", got, want)
	}
	if got := ConfigurationsCaption("A", a, "B", a); !strings.HasSuffix(got, "B has the same 3 configurations.") {
		t.Errorf("same devices: %q", got)
	}
	other := []Device{{Name: "x", Hardware: "X", Batch: 1}}
	if got := ConfigurationsCaption("A", a, "B", other); !strings.HasSuffix(got, "B has 1 configurations of 1 pieces of hardware.") {
		t.Errorf("other hardware: %q", got)
	}
}

// fbnet/README.md: the same 27 configurations as latency_full.csv, GPU batches 1, 32, 64
// (nb201/README.md: 1, 32, 256 in latency_full.csv).
func TestConfigurationsCaptionHELP(t *testing.T) {
	full, err := LoadDevices("", "nb201-full")
	datatest.Check(t, err)
	fb, err := LoadDevices("", "fbnet")
	datatest.Check(t, err)
	got := ConfigurationsCaption("nb201-full", full, "fbnet", fb)
	if want := "fbnet has the same hardware in 27 configurations, at batch sizes 1, 32 and 64 where nb201-full has 1, 32 and 256."; !strings.HasSuffix(got, want) {
		t.Errorf("got %q, want it to end %q", got, want)
	}
}

// Medians: a (1, 2, 4, 8) -> 3, b (1, 2, 5, 8) -> 3.5, c (30, 10, 20) -> 20; ratio 20/3.
func TestMedianLatencyRange(t *testing.T) {
	r, err := MedianLatencyRange(handTable())
	if err != nil {
		t.Fatal(err)
	}
	if r.Low != "a" || r.LowMedian != 3 || r.High != "c" || r.HighMedian != 20 {
		t.Errorf("range = %+v, want a at 3, c at 20", r)
	}
	if s := r.Sentence(); s != "The median latency runs from 3 ms on `a` to 20 ms on `c`: a factor of 6.67." {
		t.Errorf("sentence %q", s)
	}
	r.HighMedian = 30
	if s := r.Sentence(); !strings.HasSuffix(s, "a factor of 10, hence the log scale.") {
		t.Errorf("sentence at a factor of 10: %q", s)
	}
}

func TestWholeMilliseconds(t *testing.T) {
	got := WholeMilliseconds(handTable())
	if len(got) != 3 {
		t.Errorf("WholeMilliseconds = %v, want a, b, c (NaN is not a fraction)", got)
	}
	tab := handTable()
	tab.Latency[1][0] = 1.5
	if got := WholeMilliseconds(tab); strings.Join(got, ",") != "a,c" {
		t.Errorf("WholeMilliseconds = %v, want a, c", got)
	}
	if WholeMillisecondsNote(nil) != "" || WholeMillisecondsNote([]string{"a", "c"}) != " The latencies of a, c are whole milliseconds, as released, so their boxes are coarse." {
		t.Errorf("note: %q", WholeMillisecondsNote([]string{"a", "c"}))
	}
}

func TestResolutionRange(t *testing.T) {
	tab := &LatencyTable{Parsed: []arch.Arch{arch.MBArch{R: 160}, arch.MBArch{R: 224}, arch.MBArch{R: 128}}}
	if lo, hi, ok := ResolutionRange(tab); !ok || lo != 128 || hi != 224 {
		t.Errorf("ResolutionRange = %d, %d, %v; want 128, 224", lo, hi, ok)
	}
	cell, _ := arch.ParseCell(cellA)
	if _, _, ok := ResolutionRange(&LatencyTable{Parsed: []arch.Arch{cell}}); ok {
		t.Error("a NAS-Bench-201 table has no resolutions")
	}
}

func TestStrength(t *testing.T) {
	for r, want := range map[float64]string{0.1: "weak", -0.3: "weak", 0.31: "moderate", -0.6: "moderate", 0.61: "strong", -0.9: "strong"} {
		if got := Strength(r); got != want {
			t.Errorf("Strength(%g) = %s, want %s", r, got, want)
		}
	}
}

// The hand table's four cells have accuracies 90, 80, 70, 60 and the space holds a fifth
// cell at 50: every table cell is at least 60, reached by 4 of the 5 space cells (0.8).
// Latency on a rises while accuracy falls: Spearman -1. On c (30, 10, NaN, 20) against
// (90, 80, 60) the ranks are (3, 1, 2) and (3, 2, 1): rho = 1 - 6*(0+1+1)/(3*8) = 0.5.
func TestAccuracyVsLatencyByHand(t *testing.T) {
	acc := &AccuracyTable{Path: "acc.csv", Archs: []string{"w", "x", "y", "z", "v"}, Columns: []string{"cifar10_acc"},
		Acc: [][]float64{{90, 80, 70, 60, 50}}}
	a, err := AccuracyVsLatency(handTable(), acc, "cifar10_acc", []string{"a", "c"}, 200, 1)
	if err != nil {
		t.Fatal(err)
	}
	if a.Cells != 4 || a.Min != 60 || a.Max != 90 || a.Median != 75 || a.SpaceCells != 5 || a.SpaceMedian != 70 || a.AtLeastMin != 4 || a.TopShare() != 0.8 {
		t.Errorf("AccuracyVsLatency = %+v", a)
	}
	if a.Rho[0].Estimate != -1 || math.Abs(a.Rho[1].Estimate-0.5) > 1e-12 {
		t.Errorf("rho = %v, %v; want -1, 0.5", a.Rho[0].Estimate, a.Rho[1].Estimate)
	}
	if df := a.Frame(); df.Nrow() != 2 || df.Col("spearman").Elem(0).Float() != -1 {
		t.Errorf("frame %v", df)
	}
}

func TestAccuracySentences(t *testing.T) {
	iv := func(e, lo, hi float64) stats.Interval {
		return stats.Interval{Estimate: e, Lo: lo, Hi: hi, Level: 0.95}
	}
	top := AccuracyLatency{Column: "cifar10_acc", Cells: 1999, Min: 85, Median: 90, Max: 94, SpaceCells: 15625, SpaceMedian: 87, AtLeastMin: 3125,
		Devices: []string{"a", "b"}, Rho: []stats.Interval{iv(0.1, 0.05, 0.15), iv(-0.2, -0.25, -0.12)}}
	s := top.Sentences()
	if !strings.Contains(s[0], "all of them come from its most accurate 20 %") || !strings.Contains(s[0], "score 85–94 % on CIFAR-10") {
		t.Errorf("top sample: %q", s[0])
	}
	if !strings.Contains(s[1], "at most 0.250, a weak relation on all 2 devices") || !strings.Contains(s[1], "0.100 (0.050–0.150) on `a`") {
		t.Errorf("weak relation: %q", s[1])
	}
	if w := top.Takeaway(); !strings.Contains(w, "are only weakly related") || !strings.Contains(w, "lies within -0.250 to 0.150") {
		t.Errorf("takeaway: %q", w)
	}
	spread := top
	spread.AtLeastMin = 12000
	spread.Rho = []stats.Interval{iv(0.7, 0.65, 0.75)}
	spread.Devices = []string{"a"}
	if s := spread.Sentences(); !strings.Contains(s[0], "They span most of the space: 76.8 %") || !strings.Contains(s[1], "a strong relation") {
		t.Errorf("spread sample, strong: %q", s)
	}
	moderate := top
	moderate.Rho = []stats.Interval{iv(-0.4, -0.45, -0.35)}
	moderate.Devices = []string{"a"}
	if w := moderate.Takeaway(); !strings.Contains(w, "are moderately related") {
		t.Errorf("moderate takeaway: %q", w)
	}
}

// nb201/README.md: 1,999 cells on 18 devices, rice_edgetpu lacking 259; the file column
// is the dataset-relative path, never the machine's.
func TestOverviewNB201Row(t *testing.T) {
	df, err := Overview("")
	datatest.Check(t, err)
	if df.Nrow() != 4 || df.Col("dataset").Elem(0).String() != "nb201" {
		t.Fatalf("overview %v", df)
	}
	if n, d, m, f := df.Col("architectures").Elem(0).Float(), df.Col("devices").Elem(0).Float(), df.Col("missing_latencies").Elem(0).Float(), df.Col("file").Elem(0).String(); n != 1999 || d != 18 || m != 259 || f != "nb201/latency.csv" {
		t.Errorf("nb201 row: %v architectures, %v devices, %v missing, file %q", n, d, m, f)
	}
}

func TestGapsNB201(t *testing.T) {
	gaps, err := Gaps("")
	datatest.Check(t, err)
	if len(gaps) != 1 || gaps[0] != (Gap{Dataset: "nb201", Device: "rice_edgetpu", Missing: 259, Cells: 1999}) {
		t.Errorf("gaps %+v, want nb201's rice_edgetpu lacking 259 of 1,999", gaps)
	}
}

// Batches and hardwareOf list each value once, in increasing order, whatever the order
// and repetition of the devices; no device gives nil.
func TestDistinctOfDevices(t *testing.T) {
	devs := []Device{{Hardware: "gpu", Batch: 64}, {Hardware: "cpu", Batch: 1}, {Hardware: "gpu", Batch: 1}, {Hardware: "asic", Batch: 8}}
	if got := Batches(devs); !slices.Equal(got, []int{1, 8, 64}) {
		t.Errorf("batches %v, want [1 8 64]", got)
	}
	if got := hardwareOf(devs); !slices.Equal(got, []string{"asic", "cpu", "gpu"}) {
		t.Errorf("hardware %v, want [asic cpu gpu]", got)
	}
	if got := Batches(nil); got != nil {
		t.Errorf("no device: %v", got)
	}
}
