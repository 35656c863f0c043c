package measfile

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// Three shards of a seven-network sample, given in any order, merge into one file with
// their rows in the order of the files given; every way the shards can disagree is
// refused, naming the file and line.
func TestMerge(t *testing.T) {
	dir := t.TempDir()
	s := func(i int) Shard { return Shard{i, 3} }
	rows := [][]Row{
		{row(netArch("n0"), s(0), 1), row(netArch("n3"), s(0), 4), row(netArch("n6"), s(0), 7)},
		{row(netArch("n1"), s(1), 2), row(netArch("n4"), s(1), 5)},
		{row(netArch("n2"), s(2), 3), row(netArch("n5"), s(2), 6)},
	}
	shard := make([]string, 3)
	for i, r := range rows {
		shard[i] = writeFile(t, dir, "s"+string(rune('0'+i))+".csv", measuredText(r...))
	}
	out := filepath.Join(dir, "merged.csv")
	n, err := Merge(out, shard[2], shard[0], shard[1])
	if err != nil || n != 7 {
		t.Fatalf("merge: %d rows, %v", n, err)
	}
	got, _ := os.ReadFile(out)
	if want := measuredText(append(append(rows[2], rows[0]...), rows[1]...)...); string(got) != want {
		t.Errorf("merged file:\n%s\nwant\n%s", got, want)
	}

	edit := func(r Row, f func(*Row)) Row { f(&r); return r }
	file := func(name string, rs ...Row) string { return writeFile(t, dir, name, measuredText(rs...)) }
	otherSample := file("sample.csv", edit(rows[1][0], func(r *Row) { r.Sample = "seed=2;n=7;res=160;width=0" }))
	otherEngine := file("engine.csv", rows[1][0], edit(rows[1][1], func(r *Row) { r.EngineVersion = "1.29.0" }))
	otherSplit := file("split.csv", row(netArch("n1"), Shard{1, 2}, 2))
	twoShards := file("two.csv", rows[1][0], row(netArch("n2"), s(2), 3))
	sameIndex := file("same.csv", row(netArch("n7"), s(1), 2))
	dupArch := file("dup.csv", row(netArch("n1"), s(2), 3))
	badShard := file("bad.csv", edit(rows[1][0], func(r *Row) { r.Shard = Shard{3, 3} }))
	torn := writeFile(t, dir, "torn.csv", measuredText(rows[1]...)+`"{""ks""`)
	foreign := writeFile(t, dir, "foreign.csv", "arch,resolution,median_ms\nn1,160,2\n")
	empty := writeFile(t, dir, "empty.csv", strings.Join(Measured.Header, ",")+"\n")
	for _, c := range []struct {
		name  string
		files []string
		want  string
	}{
		{"a shard missing", []string{shard[0], shard[1]}, "shards missing: 2/3"},
		{"two shards missing", []string{shard[1]}, "shards missing: 0/3, 2/3"},
		{"a file given twice", []string{shard[0], shard[0], shard[1], shard[2]}, "s0.csv line 2: " + netArch("n0") + " was measured in " + shard[0] + " line 2 too"},
		{"a network in two shards", []string{shard[0], shard[1], shard[2], dupArch}, "dup.csv line 2: " + netArch("n1") + " was measured in " + shard[1] + " line 2 too"},
		{"two files of one shard", []string{shard[0], shard[1], sameIndex, shard[2]}, shard[1] + " and " + sameIndex + " are both shard 1/3"},
		{"another sample", []string{shard[0], otherSample, shard[2]}, `sample.csv line 2: sample is "seed=2;n=7;res=160;width=0", but ` + shard[0] + ` line 2 has "seed=1;n=7;res=160;width=0": not the same measurement`},
		{"another engine version", []string{shard[0], otherEngine, shard[2]}, `engine.csv line 3: engine_version is "1.29.0", but ` + shard[0] + ` line 2 has "1.30.0"`},
		{"another split", []string{shard[0], otherSplit}, otherSplit + " is shard 1/2, but " + shard[0] + " is of 3 shards"},
		{"two shards in a file", []string{shard[0], twoShards}, `two.csv line 3: shard is "2/3", but line 2 has "1/3": one file holds one shard`},
		{"a bad shard", []string{badShard}, `bad.csv line 2: shard "3/3": want I/N`},
		{"a torn file", []string{shard[0], torn, shard[2]}, "torn.csv, line 4"},
		{"another layout", []string{shard[0], foreign}, "foreign.csv line 1: not a measured-latency file as measure writes it"},
		{"an empty file", []string{empty}, "empty.csv: no rows"},
		{"a missing file", []string{filepath.Join(dir, "none.csv")}, "none.csv: no such file"},
		{"no file", nil, "no shard files"},
	} {
		os.Remove(out)
		_, err := Merge(out, c.files...)
		wantErr(t, c.name, err, c.want)
		if _, serr := os.Stat(out); serr == nil {
			t.Errorf("%s: %s written", c.name, out)
		}
	}
	os.Remove(out)
	if _, err := Merge(out, shard...); err != nil {
		t.Fatal(err)
	}
	_, err = Merge(out, shard...)
	wantErr(t, "existing output", err, out+" exists; merge writes a new file")
}

// Two shards whose calm reference times differ are refused by name; merged with a
// calm-time file, every row is rescaled to its time (scaled_ms = ratio_ref x 4, by
// hand) and the ratios are kept.
func TestMergeCalmTimes(t *testing.T) {
	dir := t.TempDir()
	paired := func(arch string, s Shard, ratio, calm float64) Row {
		r := row(arch, s, 5)
		r.Protocol, r.RatioRef, r.RatioLo, r.RatioHi = "paired:burst=3", ratio, ratio*0.99, ratio*1.01
		r.RefArch, r.RefCalmMS, r.ScaledMS = "ref160", calm, ratio*calm
		return r
	}
	a := writeFile(t, dir, "a.csv", measuredText(paired(netArch("n0"), Shard{0, 2}, 1.5, 3.9)))
	b := writeFile(t, dir, "b.csv", measuredText(paired(netArch("n1"), Shard{1, 2}, 0.5, 4.2)))
	if _, err := Merge(filepath.Join(dir, "m.csv"), a, b); err == nil || !strings.Contains(err.Error(), "b.csv line 2: reference ref160 scaled by a calm time of 4.2 ms, but") {
		t.Errorf("different calm times merged: %v", err)
	}
	calm := map[string]float64{CalmKey("ofa-mbv3", "ref160", "onnxruntime", 1, 3): 4}
	out := filepath.Join(dir, "r.csv")
	if n, err := MergeRescaled(out, calm, a, b); err != nil || n != 2 {
		t.Fatalf("rescaled merge: %d, %v", n, err)
	}
	got, err := Measured.readCurrent(out, false)
	if err != nil {
		t.Fatal(err)
	}
	for i, want := range []string{"6", "2"} {
		if got.get(i, "scaled_ms") != want || got.get(i, "ref_calm_ms") != "4" {
			t.Errorf("row %d: scaled_ms %s, calm %s; want %s, 4", i, got.get(i, "scaled_ms"), got.get(i, "ref_calm_ms"), want)
		}
	}
	if _, err := MergeRescaled(filepath.Join(dir, "x.csv"), map[string]float64{}, a, b); err == nil || !strings.Contains(err.Error(), "no time for reference ref160") {
		t.Errorf("a reference the calm file lacks: %v", err)
	}
}
