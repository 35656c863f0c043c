package measfile

import (
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// at is r at sample position k.
func at(r Row, k int) Row { r.SampleIndex = k; return r }

// Three shards of a seven-network sample, given in any order, merge into one file with
// their rows in sample order; every way the shards can disagree is refused, naming the
// file and line.
func TestMerge(t *testing.T) {
	dir := t.TempDir()
	s := func(i int) Shard { return Shard{i, 3} }
	net := func(k int) Row { return at(row(netArch(fmt.Sprintf("n%d", k)), s(k%3), float64(k+1)), k) }
	rows := [][]Row{{net(0), net(3), net(6)}, {net(1), net(4)}, {net(2), net(5)}}
	shard := make([]string, 3)
	for i, r := range rows {
		shard[i] = writeFile(t, dir, "s"+string(rune('0'+i))+".csv", measuredText(r...))
	}
	out := filepath.Join(dir, "merged.csv")
	m, err := Merge(out, MergeOptions{}, shard[2], shard[0], shard[1])
	if err != nil || m != (Merged{Rows: 7, Shards: 3, Expected: 7}) {
		t.Fatalf("merge: %+v, %v", m, err)
	}
	got, _ := os.ReadFile(out)
	if want := measuredText(net(0), net(1), net(2), net(3), net(4), net(5), net(6)); string(got) != want {
		t.Errorf("merged file:\n%s\nwant\n%s", got, want)
	}

	edit := func(r Row, f func(*Row)) Row { f(&r); return r }
	file := func(name string, rs ...Row) string { return writeFile(t, dir, name, measuredText(rs...)) }
	otherSample := file("sample.csv", edit(net(1), func(r *Row) { r.Sample = "seed=2;n=7;res=160;width=0" }))
	otherEngine := file("engine.csv", net(1), edit(net(4), func(r *Row) { r.EngineVersion = "1.29.0" }))
	otherSplit := file("split.csv", at(row(netArch("n1"), Shard{1, 2}, 2), 1))
	twoShards := file("two.csv", net(1), net(2))
	sameIndex := file("same.csv", at(row(netArch("n7"), s(1), 2), 1))
	dupArch := file("dup.csv", at(row(netArch("n1"), s(2), 3), 2))
	badShard := file("bad.csv", edit(net(1), func(r *Row) { r.Shard = Shard{3, 3} }))
	short := file("short.csv", net(1))
	wrongIndex := file("wrongindex.csv", net(1), at(row(netArch("n4"), s(1), 5), 5))
	pastEnd := file("pastend.csv", net(1), at(row(netArch("n4"), s(1), 5), 7))
	twice := file("twice.csv", net(1), at(row(netArch("n4"), s(1), 5), 1))
	noSize := func(name string, rs ...Row) string {
		for i := range rs {
			rs[i].Sample = "archs:/tmp/order.jsonl"
		}
		return file(name, rs...)
	}
	nsz := []string{noSize("nsz0.csv", rows[0]...), noSize("nsz1.csv", rows[1]...), noSize("nsz2.csv", rows[2]...)}
	torn := writeFile(t, dir, "torn.csv", measuredText(rows[1]...)+`"{""ks""`)
	foreign := writeFile(t, dir, "foreign.csv", "arch,resolution,median_ms\nn1,160,2\n")
	v2 := writeFile(t, dir, "v2.csv", csvLines(measuredV2Header, net(1).Record()[:len(measuredV2Header)]))
	empty := writeFile(t, dir, "empty.csv", strings.Join(Measured.Header, ",")+"\n")
	for _, c := range []struct {
		name  string
		files []string
		want  string
	}{
		{"a shard missing", []string{shard[0], shard[1]}, "incomplete campaign (sample seed=1;n=7;res=160;width=0): 2 of 7 networks missing: shards missing: 2/3; measure the missing shards again"},
		{"two shards missing", []string{shard[1]}, "5 of 7 networks missing: shards missing: 0/3, 2/3"},
		{"a short shard", []string{shard[0], short, shard[2]}, "1 of 7 networks missing: " + short + " has 1 of 2 (sample positions 4 missing)"},
		{"a file given twice", []string{shard[0], shard[0], shard[1], shard[2]}, "s0.csv line 2: " + netArch("n0") + " was measured in " + shard[0] + " line 2 too"},
		{"a network in two shards", []string{shard[0], shard[1], shard[2], dupArch}, "dup.csv line 2: " + netArch("n1") + " was measured in " + shard[1] + " line 2 too"},
		{"two files of one shard", []string{shard[0], shard[1], sameIndex, shard[2]}, shard[1] + " and " + sameIndex + " are both shard 1/3"},
		{"another sample", []string{shard[0], otherSample, shard[2]}, `sample.csv line 2: sample is "seed=2;n=7;res=160;width=0", but ` + shard[0] + ` line 2 has "seed=1;n=7;res=160;width=0": not the same measurement`},
		{"another engine version", []string{shard[0], otherEngine, shard[2]}, `engine.csv line 3: engine_version is "1.29.0", but ` + shard[0] + ` line 2 has "1.30.0"`},
		{"another split", []string{shard[0], otherSplit}, otherSplit + " is shard 1/2, but " + shard[0] + " is of 3 shards"},
		{"two shards in a file", []string{shard[0], twoShards}, `two.csv line 3: shard is "2/3", but line 2 has "1/3": one file holds one shard`},
		{"a bad shard", []string{badShard}, `bad.csv line 2: shard "3/3": want I/N`},
		{"a position of another shard", []string{shard[0], wrongIndex, shard[2]}, `wrongindex.csv, line 3, column "sample_index", value "5": want a position of shard 1/3 in the sample (1, 4, 7, ...)`},
		{"a position past the sample", []string{shard[0], pastEnd, shard[2]}, `pastend.csv, line 3, column "sample_index", value "7": the sample holds 7 networks`},
		{"a position twice", []string{shard[0], twice, shard[2]}, "twice.csv line 3: sample_index 1, as on line 2"},
		{"a sample of unknown size", nsz, `nsz0.csv line 2: sample "archs:/tmp/order.jsonl" does not say how many networks it holds`},
		{"a torn file", []string{shard[0], torn, shard[2]}, "torn.csv, line 4"},
		{"another layout", []string{shard[0], foreign}, "foreign.csv line 1: not a measured-latency file as measure writes it"},
		{"the layout before sample_index", []string{v2}, "v2.csv line 1: a measured-latency file of the older layout (no sample_index column"},
		{"an empty file", []string{empty}, "empty.csv: no rows"},
		{"a missing file", []string{filepath.Join(dir, "none.csv")}, "none.csv: no such file"},
		{"no file", nil, "no shard files"},
	} {
		os.Remove(out)
		_, err := Merge(out, MergeOptions{}, c.files...)
		wantErr(t, c.name, err, c.want)
		if _, serr := os.Stat(out); serr == nil {
			t.Errorf("%s: %s written", c.name, out)
		}
	}

	// Allowed, an incomplete campaign merges with what it lacks on every row.
	os.Remove(out)
	m, err = Merge(out, MergeOptions{AllowIncomplete: true}, shard[0], short)
	note := "accepted incomplete: 3 of 7 networks missing: shards missing: 2/3; " + short + " has 1 of 2 (sample positions 4 missing)"
	if err != nil || m != (Merged{Rows: 4, Shards: 2, Expected: 7, Note: note}) {
		t.Fatalf("incomplete merge: %+v, %v", m, err)
	}
	noted := func(r Row) Row { r.MergeNote = note; return r }
	if got, _ := os.ReadFile(out); string(got) != measuredText(noted(net(0)), noted(net(1)), noted(net(3)), noted(net(6))) {
		t.Errorf("incomplete merge wrote\n%s", got)
	}
	os.Remove(out)
	if _, err := Merge(out, MergeOptions{}, shard...); err != nil {
		t.Fatal(err)
	}
	_, err = Merge(out, MergeOptions{}, shard...)
	wantErr(t, "existing output", err, out+" exists; merge writes a new file")
}

// Shards measured on machines of another CPU model, or on which the reference ran more
// than 10 % slower, are refused by name unless allowed; allowed, every row says so. One
// machine's shards are not compared: its own speed wanders.
func TestMergeMixedSpeed(t *testing.T) {
	dir := t.TempDir()
	two := func(r Row) Row { r.Sample = "seed=1;n=2;res=160;width=0"; return r }
	n0, n1 := two(at(row(netArch("n0"), Shard{0, 2}, 1), 0)), two(at(row(netArch("n1"), Shard{1, 2}, 2), 1))
	a := writeFile(t, dir, "a.csv", measuredText(n0))
	n1.CPU = "Other CPU @ 3.0GHz"
	n1.Host = "node2"
	b := writeFile(t, dir, "b.csv", measuredText(n1))
	_, err := Merge(filepath.Join(dir, "m.csv"), MergeOptions{}, a, b)
	wantErr(t, "another CPU", err, `shards measured at different speeds: CPU models "Test CPU @ 2.0GHz" (machine node1) and "Other CPU @ 3.0GHz" (machine node2); measure every shard on one node type, or merge --allow-mixed-speed`)
	m, err := Merge(filepath.Join(dir, "m.csv"), MergeOptions{AllowMixedSpeed: true}, a, b)
	if err != nil || !strings.HasPrefix(m.Note, "accepted mixed speed: CPU models") {
		t.Errorf("allowed: %+v, %v", m, err)
	}

	// The single protocol: the drift reference's fastest time, 5 ms against 5.6 ms (12 %)
	// on another machine; on node1 itself it may wander.
	n1 = two(at(row(netArch("n1"), Shard{1, 2}, 2), 1))
	n1.Host = "node2"
	slow, sameHost := n1, n1
	sameHost.Host = "node1"
	n0.RefMS, n1.RefMS, slow.RefMS, sameHost.RefMS = 5, 5.4, 5.6, 7
	a = writeFile(t, dir, "a1.csv", measuredText(n0))
	b = writeFile(t, dir, "b1.csv", measuredText(n1))
	c := writeFile(t, dir, "c1.csv", measuredText(slow))
	d := writeFile(t, dir, "d1.csv", measuredText(sameHost))
	if _, err := Merge(filepath.Join(dir, "ok.csv"), MergeOptions{}, a, b); err != nil {
		t.Errorf("8 %% apart: %v", err)
	}
	if _, err := Merge(filepath.Join(dir, "host.csv"), MergeOptions{}, a, d); err != nil {
		t.Errorf("one machine at 5 and 7 ms: %v", err)
	}
	_, err = Merge(filepath.Join(dir, "slow.csv"), MergeOptions{}, a, c)
	wantErr(t, "12 % apart", err, "the drift reference ran at best in 5 ms on machine node1 ("+a+" line 2) but 5.6 ms on machine node2 ("+c+" line 2): 12 % slower, more than 10 %")
}

// Two shards whose calm reference times differ merge on their median (4.05 ms:
// scaled_ms = ratio_ref x 4.05, by hand), and say so; a shard whose reference ran at
// best 12.8 % slower is refused; merged with a calm-time file, every row is rescaled to
// its time (ratio_ref x 4) and the ratios are kept.
func TestMergeCalmTimes(t *testing.T) {
	dir := t.TempDir()
	paired := func(arch string, s Shard, ratio, calm, refMS float64) Row {
		r := at(row(arch, s, 5), s.I)
		r.RefMS = refMS
		r.Protocol, r.RatioRef, r.RatioLo, r.RatioHi = "paired:burst=3", ratio, ratio*0.99, ratio*1.01
		r.RefArch, r.RefCalmMS, r.ScaledMS = "ref160", calm, ratio*calm
		return r
	}
	a := writeFile(t, dir, "a.csv", measuredText(paired(netArch("n0"), Shard{0, 2}, 1.5, 3.9, 3.9)))
	onNode2 := func(r Row) Row { r.Host = "node2"; return r }
	b := writeFile(t, dir, "b.csv", measuredText(onNode2(paired(netArch("n1"), Shard{1, 2}, 0.5, 4.2, 4.2))))
	c := writeFile(t, dir, "c.csv", measuredText(onNode2(paired(netArch("n1"), Shard{1, 2}, 0.5, 4.2, 4.4))))
	for _, f := range []string{a, b, c} {
		raw, _ := os.ReadFile(f)
		os.WriteFile(f, []byte(strings.ReplaceAll(string(raw), "n=7;", "n=2;")), 0o644)
	}
	read := func(path string) *table {
		got, err := Measured.readCurrent(path, false)
		if err != nil {
			t.Fatal(err)
		}
		return got
	}
	near := func(s string, want float64) bool {
		v, err := strconv.ParseFloat(s, 64)
		return err == nil && math.Abs(v-want) < 1e-12
	}
	out := filepath.Join(dir, "m.csv")
	m, err := Merge(out, MergeOptions{}, a, b)
	if err != nil || m.Note != "scaled_ms on the shards' median calm time 4.05 ms of reference ref160 (shards' 3.9 to 4.2 ms)" {
		t.Fatalf("calm times 3.9 and 4.2 ms: %+v, %v", m, err)
	}
	got := read(out)
	for i, want := range []float64{1.5 * 4.05, 0.5 * 4.05} {
		if !near(got.get(i, "scaled_ms"), want) || !near(got.get(i, "ref_calm_ms"), 4.05) || got.get(i, "merge_note") != m.Note {
			t.Errorf("row %d: scaled_ms %s, calm %s, note %q; want %g, 4.05", i, got.get(i, "scaled_ms"), got.get(i, "ref_calm_ms"), got.get(i, "merge_note"), want)
		}
	}
	_, err = Merge(filepath.Join(dir, "x.csv"), MergeOptions{}, a, c)
	wantErr(t, "12.8 % slower", err, "reference ref160 ran at best in 3.9 ms on machine node1 ("+a+" line 2) but 4.4 ms on machine node2 ("+c+" line 2): 13 % slower, more than 10 %")

	calm := map[string]float64{CalmKey("ofa-mbv3", "ref160", "onnxruntime", 1, 3): 4}
	out = filepath.Join(dir, "r.csv")
	if m, err := Merge(out, MergeOptions{Calm: calm}, a, b); err != nil || m.Rows != 2 || m.Note != "" {
		t.Fatalf("rescaled merge: %+v, %v", m, err)
	}
	got = read(out)
	for i, want := range []string{"6", "2"} {
		if got.get(i, "scaled_ms") != want || got.get(i, "ref_calm_ms") != "4" {
			t.Errorf("row %d: scaled_ms %s, calm %s; want %s, 4", i, got.get(i, "scaled_ms"), got.get(i, "ref_calm_ms"), want)
		}
	}
	if _, err := Merge(filepath.Join(dir, "y.csv"), MergeOptions{Calm: map[string]float64{}}, a, b); err == nil || !strings.Contains(err.Error(), "no time for reference ref160") {
		t.Errorf("a reference the calm file lacks: %v", err)
	}
}
