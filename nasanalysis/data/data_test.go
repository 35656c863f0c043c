package data

import (
	"encoding/csv"
	"errors"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/nasanalysis/nasanalysis/nasanalysis/datatest"
)

// writeNB201Latency writes a small nb201-shaped latency file whose rows are given as
// (arch_index, arch, value for every device) with optional header and cell overrides.
func writeNB201Latency(t *testing.T, header []string, rows [][]string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), "latency.csv")
	var b strings.Builder
	b.WriteString(strings.Join(header, ",") + "\n")
	for _, r := range rows {
		b.WriteString(strings.Join(r, ",") + "\n")
	}
	if err := os.WriteFile(p, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

const cellA = "|nor_conv_3x3~0|+|none~0|skip_connect~1|+|avg_pool_3x3~0|none~1|nor_conv_1x1~2|"
const cellB = "|skip_connect~0|+|skip_connect~0|nor_conv_3x3~1|+|skip_connect~0|none~1|nor_conv_3x3~2|"

func goodRow(id int, arch string) []string {
	r := []string{strconv.Itoa(id), arch}
	for d := range nb201Devices {
		r = append(r, strconv.Itoa(d+1)+".5")
	}
	return r
}

func nb201Header() []string { return append([]string{"arch_index", "arch"}, nb201Devices...) }

func mustDataset(t *testing.T, name string) Dataset {
	ds, err := Lookup(name)
	if err != nil {
		t.Fatal(err)
	}
	return ds
}

func TestReadLatencyFileBadInput(t *testing.T) {
	ds := mustDataset(t, "nb201")
	edgetpu := 2 + 9 // column position of rice_edgetpu
	cases := []struct {
		name   string
		header []string
		rows   [][]string
		want   []string // substrings of the error
	}{
		{"missing column", nb201Header()[:19], [][]string{goodRow(1, cellA)[:19]}, []string{`column "true_vpu"`, "missing column"}},
		{"extra column", append(nb201Header(), "mystery"), [][]string{append(goodRow(1, cellA), "3")}, []string{`column "mystery"`, "unexpected column"}},
		{"non-numeric", nb201Header(), [][]string{goodRow(1, cellA), func() []string { r := goodRow(2, cellB); r[edgetpu] = "fast"; return r }()},
			[]string{"line 3", `column "rice_edgetpu"`, `value "fast"`, "not a number"}},
		{"NaN literal", nb201Header(), [][]string{func() []string { r := goodRow(1, cellA); r[5] = "NaN"; return r }()},
			[]string{"line 2", `column "eagle_gtx"`, `value "NaN"`, "not a finite number"}},
		{"negative", nb201Header(), [][]string{func() []string { r := goodRow(1, cellA); r[5] = "-2"; return r }()},
			[]string{"line 2", `column "eagle_gtx"`, "latency must be positive"}},
		{"zero", nb201Header(), [][]string{goodRow(1, cellA), func() []string { r := goodRow(2, cellB); r[6] = "0"; return r }()},
			[]string{"line 3", `value "0"`, "latency must be positive"}},
		{"duplicate arch", nb201Header(), [][]string{goodRow(1, cellA), goodRow(2, cellB), goodRow(3, cellA)}, []string{"line 4", `column "arch"`, "duplicate architecture (the network of line 2)"}},
		{"empty device", nb201Header(), [][]string{func() []string { r := goodRow(1, cellA); r[5] = ""; return r }(), func() []string { r := goodRow(2, cellB); r[5] = " "; return r }()},
			[]string{`column "eagle_gtx"`, "no latency in any of the 2 rows"}},
		{"malformed cell", nb201Header(), [][]string{goodRow(1, "|nor_conv_3x3~0|+|none~0|")},
			[]string{"line 2", `column "arch"`, "want 3 nodes"}},
		{"unknown op", nb201Header(), [][]string{goodRow(1, strings.Replace(cellA, "avg_pool_3x3", "max_pool_3x3", 1))},
			[]string{"line 2", `unknown NAS-Bench-201 operation "max_pool_3x3"`}},
		{"duplicate id", nb201Header(), [][]string{goodRow(7, cellA), goodRow(7, cellB)}, []string{"line 3", "duplicate id (also on line 2)"}},
		{"bad id", nb201Header(), [][]string{goodRow(1, cellA), append([]string{"x1"}, goodRow(2, cellB)[1:]...)}, []string{"line 3", `column "arch_index"`, `value "x1"`}},
		{"ragged row", nb201Header(), [][]string{goodRow(1, cellA)[:10]}, []string{"line 2", "wrong number of fields"}},
		{"no rows", nb201Header(), nil, []string{"no data rows"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			p := writeNB201Latency(t, c.header, c.rows)
			_, err := ReadLatencyFile(ds, p)
			if err == nil {
				t.Fatal("no error")
			}
			for _, w := range append(c.want, p) {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q lacks %q", err, w)
				}
			}
		})
	}
}

// Issue 25, F: the same OFA network spelled two ways ("r":204 and "r":[204], an extra
// space) is one network: the table is refused at its second spelling.
func TestDuplicateArchSpellings(t *testing.T) {
	ds := mustDataset(t, "ofa-mbv3-gpu")
	a := `{"ks":[3,3,3,3,3,3,3,3,3,3,3,3,3,3,3,3,3,3,3,3],"e":[3,3,3,3,3,3,3,3,3,3,3,3,3,3,3,3,3,3,3,3],"d":[2,2,2,2,2],"r":204}`
	b := strings.Replace(strings.Replace(a, `"r":204`, `"r":[204]`, 1), `"d":`, `"d": `, 1)
	c := strings.Replace(a, `"d":[2,2,2,2,2]`, `"d":[3,2,2,2,2]`, 1)
	var sb strings.Builder
	w := csv.NewWriter(&sb)
	w.Write(append([]string{ds.IDColumn, "arch"}, ds.Devices...))
	for i, s := range []string{a, c, b} {
		row := []string{strconv.Itoa(i), s}
		for range ds.Devices {
			row = append(row, "1.5")
		}
		w.Write(row)
	}
	w.Flush()
	p := filepath.Join(t.TempDir(), "gpu_latency.csv")
	os.WriteFile(p, []byte(sb.String()), 0o644)
	_, err := ReadLatencyFile(ds, p)
	if err == nil || !strings.Contains(err.Error(), "line 4") || !strings.Contains(err.Error(), "duplicate architecture (the network of line 2)") {
		t.Errorf("two spellings of one network: %v", err)
	}
}

// A UTF-8 byte-order mark before the header (Excel writes one) is not part of the
// first column's name.
func TestByteOrderMarkHeader(t *testing.T) {
	ds := mustDataset(t, "nb201")
	p := writeNB201Latency(t, nb201Header(), [][]string{goodRow(1, cellA)})
	raw, _ := os.ReadFile(p)
	os.WriteFile(p, append([]byte("\ufeff"), raw...), 0o644)
	tab, err := ReadLatencyFile(ds, p)
	if err != nil || tab.IDs[0] != 1 {
		t.Fatalf("with a BOM: %v", err)
	}
}

func TestEmptyLatencyIsMissingNotZero(t *testing.T) {
	ds := mustDataset(t, "nb201")
	r := goodRow(2, cellB)
	r[2+9] = "" // rice_edgetpu
	p := writeNB201Latency(t, nb201Header(), [][]string{goodRow(1, cellA), r})
	tab, err := ReadLatencyFile(ds, p)
	if err != nil {
		t.Fatal(err)
	}
	col, err := tab.Column("rice_edgetpu")
	if err != nil {
		t.Fatal(err)
	}
	if col[0] != 10.5 || !math.IsNaN(col[1]) {
		t.Errorf("rice_edgetpu = %v, want [10.5 NaN]", col)
	}
	if got := tab.Missing()[9]; got != 1 {
		t.Errorf("Missing()[rice_edgetpu] = %d, want 1", got)
	}
	long := tab.Long()
	if n := long.Nrow(); n != 2*18-1 {
		t.Errorf("long table has %d rows, want 35 (the missing value has no row)", n)
	}
	wide := tab.Wide()
	if v := wide.Col("rice_edgetpu").Elem(1).Float(); !math.IsNaN(v) {
		t.Errorf("wide table holds %v for the empty cell, want NaN", v)
	}
}

func TestUnknownDevice(t *testing.T) {
	tab, err := ReadLatencyFile(mustDataset(t, "nb201"), writeNB201Latency(t, nb201Header(), [][]string{goodRow(1, cellA)}))
	if err != nil {
		t.Fatal(err)
	}
	_, err = tab.Column("eagle_gtx2")
	if err == nil || !strings.Contains(err.Error(), `unknown device "eagle_gtx2" in dataset nb201`) {
		t.Errorf("Column(eagle_gtx2) error = %v", err)
	}
	if _, err := tab.Select([]string{"true_vpu", "nope"}); err == nil || !strings.Contains(err.Error(), `"nope"`) {
		t.Errorf("Select error = %v", err)
	}
	if _, err := Lookup("nb202"); err == nil || !strings.Contains(err.Error(), `unknown dataset "nb202"`) {
		t.Errorf("Lookup error = %v", err)
	}
}

func TestMissingFileNamesWhereItLooked(t *testing.T) {
	empty := t.TempDir()
	_, err := LoadLatency(empty, "fbnet")
	if !errors.Is(err, ErrNotFound) {
		t.Fatalf("err = %v, want ErrNotFound", err)
	}
	want := filepath.Join(empty, "fbnet", "latency.csv")
	if !strings.Contains(err.Error(), want) || !strings.Contains(err.Error(), "nasanalysis fetch") {
		t.Errorf("error %q should name %s and how to get it", err, want)
	}
	// An explicit directory that lacks the file is not silently replaced by another.
	if strings.Contains(err.Error(), "beside the repository") {
		t.Errorf("explicit --data fell through to other candidates: %v", err)
	}
}

func TestResolveOrder(t *testing.T) {
	a, b := t.TempDir(), t.TempDir()
	for _, d := range []string{a, b} {
		os.MkdirAll(filepath.Join(d, "nb201"), 0o755)
		os.WriteFile(filepath.Join(d, "nb201", "x.csv"), nil, 0o644)
	}
	t.Setenv(EnvDataDir, b)
	if got, err := Resolve(a, "nb201/x.csv"); err != nil || got != a {
		t.Errorf("explicit dir: got %q, %v; want %q", got, err, a)
	}
	if got, err := Resolve("", "nb201/x.csv"); err != nil || got != b {
		t.Errorf("env dir: got %q, %v; want %q", got, err, b)
	}
	// Without either, the tests (run inside the repository) find ../shared/datasets.
	t.Setenv(EnvDataDir, "")
	got, err := Resolve("", "nb201/latency.csv")
	datatest.Check(t, err)
	if filepath.Base(got) != "datasets" || filepath.Base(filepath.Dir(got)) != "shared" {
		t.Errorf("default dir = %q, want .../shared/datasets", got)
	}
}

// The NB201 README says 341 of the 15,625 cells have no path from input to output.
func TestDisconnectedCellCountMatchesPublished(t *testing.T) {
	acc, err := LoadAccuracy("")
	datatest.Check(t, err)
	n := 0
	c10, _ := acc.Column("cifar10_acc")
	for k := range acc.Archs {
		if !acc.Cells[k].Connected() {
			n++
			if c10[k] > 10.5 { // chance level on CIFAR-10
				t.Errorf("disconnected cell %d scores %.2f%%", k, c10[k])
			}
		}
	}
	if n != 341 {
		t.Errorf("%d disconnected cells, published 341", n)
	}
}

func TestAccuracyJoinChecksCells(t *testing.T) {
	acc, err := LoadAccuracy("")
	datatest.Check(t, err)
	lat, err := LoadLatency("", "nb201")
	datatest.Check(t, err)
	df, err := JoinAccuracy(lat, acc)
	if err != nil {
		t.Fatal(err)
	}
	if r, c := df.Dims(); r != 1999 || c != 2+18+3 {
		t.Errorf("joined table is %dx%d, want 1999x23", r, c)
	}
	// Row 0 of latency.csv is arch_index 910; accuracy.csv line 912 holds its accuracies.
	if lat.IDs[0] != 910 {
		t.Fatalf("first row id %d", lat.IDs[0])
	}
	bad := *lat
	bad.Archs = append([]string{cellA}, lat.Archs[1:]...)
	if _, err := AccuracyFor(&bad, acc, "cifar10_acc"); err == nil || !strings.Contains(err.Error(), "arch_index 910") {
		t.Errorf("mismatched cell not reported: %v", err)
	}
}

func TestDevices(t *testing.T) {
	for _, name := range DatasetNames() {
		devs, err := LoadDevices("", name)
		datatest.Check(t, err)
		ds := mustDataset(t, name)
		if len(devs) != len(ds.Devices) {
			t.Errorf("%s: %d devices described, %d columns", name, len(devs), len(ds.Devices))
		}
	}
	devs, _ := LoadDevices("", "nb201-full")
	for _, d := range devs {
		if d.Name == "titan_rtx_256" && (d.Batch != 256 || d.Kind != "desktop-gpu") {
			t.Errorf("titan_rtx_256 = %+v", d)
		}
		if d.Name == "essential_ph_1" && (d.Batch != 1 || d.Kind != "mobile-cpu") {
			t.Errorf("essential_ph_1 = %+v", d)
		}
	}
}

func BenchmarkLoadNB201(b *testing.B) {
	for i := 0; i < b.N; i++ {
		_, err := LoadLatency("", "nb201")
		datatest.Check(b, err)
	}
}

func BenchmarkLoadNB201Full(b *testing.B) {
	for i := 0; i < b.N; i++ {
		_, err := LoadLatency("", "nb201-full")
		datatest.Check(b, err)
	}
}

func BenchmarkLoadAccuracy(b *testing.B) {
	for i := 0; i < b.N; i++ {
		_, err := LoadAccuracy("")
		datatest.Check(b, err)
	}
}

// OneProxy's NAS-Bench-201 table: 1,999 cells on 18 devices, rice_edgetpu (column 9)
// lacking 259 of them.
func TestLoadLatencyNB201Counts(t *testing.T) {
	lat, err := LoadLatency("", "nb201") // --data, $NASANALYSIS_DATA, ../shared/datasets, cache
	datatest.Check(t, err)
	if lat.Len() != 1999 || len(lat.Devices) != 18 {
		t.Errorf("%d cells x %d devices, want 1999 x 18", lat.Len(), len(lat.Devices))
	}
	if lat.Devices[9] != "rice_edgetpu" || lat.Missing()[9] != 259 {
		t.Errorf("%s lacks %d cells, want rice_edgetpu lacking 259", lat.Devices[9], lat.Missing()[9])
	}
}

// A latency table cut short (99 of NAS-Bench-201's 15,625 cells, a last row lost) is
// refused by the loader that knows the published size, naming the counts.
func TestLoadLatencyCountsRows(t *testing.T) {
	ds := mustDataset(t, "nb201")
	dir := t.TempDir()
	os.MkdirAll(filepath.Join(dir, "nb201"), 0o755)
	p := writeNB201Latency(t, nb201Header(), [][]string{goodRow(1, cellA), goodRow(2, cellB)})
	raw, _ := os.ReadFile(p)
	os.WriteFile(filepath.Join(dir, ds.LatencyFile), raw, 0o644)
	if _, err := LoadLatency(dir, "nb201"); err == nil || !strings.Contains(err.Error(), "holds 2 architectures; the published nb201 table has 1999") {
		t.Errorf("a table cut short: %v", err)
	}
}

// A symlink loop where a dataset should be is reported as what it is, not as a missing
// file.
func TestResolveSymlinkLoop(t *testing.T) {
	dir := t.TempDir()
	os.MkdirAll(filepath.Join(dir, "nb201"), 0o755)
	loop := filepath.Join(dir, "nb201", "latency.csv")
	if err := os.Symlink(loop, loop); err != nil {
		t.Skip(err)
	}
	if _, err := Resolve(dir, "nb201/latency.csv"); err == nil || !strings.Contains(err.Error(), "too many levels of symbolic links") {
		t.Errorf("symlink loop: %v", err)
	}
}
