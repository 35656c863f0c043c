package main

import (
	"bytes"
	"crypto/sha256"
	"encoding/csv"
	"fmt"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/nasanalysis/nasanalysis/nasanalysis/datatest"
	"github.com/nasanalysis/nasanalysis/nasanalysis/latency"
	"github.com/nasanalysis/nasanalysis/nasanalysis/latency/measfile"
	"github.com/nasanalysis/nasanalysis/nasanalysis/ort"
)

// archSet returns the sorted arch column of a measured file.
func archSet(t *testing.T, path string) []string {
	t.Helper()
	out := archList(t, path)
	slices.Sort(out)
	return out
}

// archList is the arch column of a measured file, in its order.
func archList(t *testing.T, path string) []string {
	t.Helper()
	f, err := measfile.Measured.Read(path)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for i := range f.Len() {
		out = append(out, f.Str(i, "arch"))
	}
	return out
}

// Three shard processes running at once measure disjoint thirds of one seeded sample;
// merged, they hold exactly the networks a single process measures. merge refuses a
// missing shard, a shard given twice and a file of another sample.
func TestShardsMergeToOneRun(t *testing.T) {
	datatest.CheckORT(t, ort.Init())
	dir := t.TempDir()
	bin := filepath.Join(dir, "nasanalysis")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	common := []string{"measure", "--space", "ofa-mbv3", "--n", "7", "--seed", "5", "--res", "128", "--repeats", "2", "--warmup", "1", "--ref-every", "0"}
	var wg sync.WaitGroup
	errs := make([]error, 3)
	shard := func(i int) string { return filepath.Join(dir, "shard"+string(rune('0'+i))+".csv") }
	for i := range 3 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			args := append(slices.Clone(common), "--shard", string(rune('0'+i))+"/3", "--out", shard(i))
			if out, err := exec.Command(bin, args...).CombinedOutput(); err != nil {
				errs[i] = err
				t.Logf("shard %d: %s", i, out)
			}
		}()
	}
	wg.Wait()
	for i, err := range errs {
		if err != nil {
			t.Fatalf("shard %d: %v", i, err)
		}
	}
	single := filepath.Join(dir, "single.csv")
	if code, _, errOut := runCLI(append(common, "--out", single)...); code != 0 {
		t.Fatalf("single run: %s", errOut)
	}
	merged := filepath.Join(dir, "merged.csv")
	if code, out, errOut := runCLI("merge", "--out", merged, shard(2), shard(0), shard(1)); code != 0 || !strings.Contains(out, "7 of the sample's 7 networks from 3 shards, in sample order") {
		t.Fatalf("merge: exit %d, %q %q", code, out, errOut)
	}
	// The single run measures the sample in order: the merged rows come in the same.
	if got, want := archList(t, merged), archList(t, single); !slices.Equal(got, want) {
		t.Errorf("merged shards hold\n%v\nthe single run\n%v", got, want)
	}
	for _, s := range []string{shard(0), shard(1), shard(2)} {
		if n := len(archSet(t, s)); n < 2 || n > 3 {
			t.Errorf("%s holds %d networks; 7 over 3 shards is 3, 2, 2", s, n)
		}
	}
	for _, tc := range []struct {
		files []string
		want  string
	}{
		{[]string{shard(0), shard(1)}, "shards missing: 2/3"},
		{[]string{shard(0), shard(0), shard(1), shard(2)}, "measured in"},
		{[]string{shard(0), single}, "is of 3 shards"},
	} {
		os.Remove(merged)
		if code, _, errOut := runCLI(append([]string{"merge", "--out", merged}, tc.files...)...); code == 0 || !strings.Contains(errOut, tc.want) {
			t.Errorf("merge %v: exit %d, %q; want an error containing %q", tc.files, code, errOut, tc.want)
		}
	}
	// A shard cut short (a task out of time): refused with what is missing, unless allowed.
	raw, err := os.ReadFile(shard(1))
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.SplitAfter(string(raw), "\n")
	short := filepath.Join(dir, "short.csv")
	if err := os.WriteFile(short, []byte(lines[0]+lines[1]), 0o644); err != nil {
		t.Fatal(err)
	}
	os.Remove(merged)
	if code, _, errOut := runCLI("merge", "--out", merged, shard(0), short, shard(2)); code != 1 || !strings.Contains(errOut, "1 of 7 networks missing: "+short+" has 1 of 2 (sample positions 4 missing)") {
		t.Errorf("merging a short shard: exit %d, %q", code, errOut)
	}
	if code, out, errOut := runCLI("merge", "--allow-incomplete", "--out", merged, shard(0), short, shard(2)); code != 0 ||
		!strings.Contains(out, "6 of the sample's 7 networks") || !strings.Contains(errOut, "merge_note on every row: accepted incomplete: 1 of 7") {
		t.Errorf("--allow-incomplete: exit %d, %q %q", code, out, errOut)
	}
	other := filepath.Join(dir, "other.csv")
	if code, _, errOut := runCLI(append(slices.Clone(common[:6]), "6", "--res", "128", "--repeats", "2", "--warmup", "1", "--ref-every", "0", "--shard", "1/3", "--out", other)...); code != 0 {
		t.Fatalf("other sample: %s", errOut)
	}
	os.Remove(merged)
	if code, _, errOut := runCLI("merge", "--out", merged, shard(0), other, shard(2)); code == 0 || !strings.Contains(errOut, "sample is") {
		t.Errorf("merging another sample's shard: exit %d, %q", code, errOut)
	}
}

// measure --redo-disturbed drops the rows flagged disturbed, with their blocks, and
// measures those networks again: afterwards every network has one row and one set of
// blocks, none flagged.
func TestMeasureRedoDisturbed(t *testing.T) {
	datatest.CheckORT(t, ort.Init())
	dir := t.TempDir()
	out, blocks := filepath.Join(dir, "m.csv"), filepath.Join(dir, "b.csv")
	args := []string{"measure", "--space", "ofa-mbv3", "--n", "3", "--seed", "4", "--res", "128", "--repeats", "2", "--warmup", "1",
		"--ref-every", "0", "--per-block", blocks, "--block-runs", "2", "--out", out}
	if code, _, errOut := runCLI(args...); code != 0 {
		t.Fatalf("measure: exit %d: %s", code, errOut)
	}
	before := archSet(t, out)
	f, err := measfile.Measured.Read(out)
	if err != nil {
		t.Fatal(err)
	}
	redo := f.Str(1, "arch")
	var rows [][]string
	for i := range f.Len() {
		rows = append(rows, slices.Clone(f.Row(i)))
	}
	rows[1][slices.Index(measfile.Measured.Header, "disturbed")] = "true"
	if err := measfile.Measured.Replace(out, rows); err != nil {
		t.Fatal(err)
	}
	code, _, errOut := runCLI(append(args, "--redo-disturbed")...)
	if code != 0 || !strings.Contains(errOut, "dropped 1 rows flagged disturbed") || !strings.Contains(errOut, "2 of 3 architectures already in") {
		t.Fatalf("redo: exit %d: %s", code, errOut)
	}
	if after := archSet(t, out); !slices.Equal(after, before) {
		t.Errorf("networks after the redo %v, before %v", after, before)
	}
	f, err = measfile.Measured.Read(out)
	if err != nil {
		t.Fatal(err)
	}
	if f.Str(2, "arch") != redo || f.Str(2, "disturbed") != "false" {
		t.Errorf("last row %s (disturbed %s), want the re-measured %s", f.Str(2, "arch"), f.Str(2, "disturbed"), redo)
	}
	b, err := measfile.Blocks.Read(blocks)
	if err != nil {
		t.Fatal(err)
	}
	stems := map[string]int{}
	for i := range b.Len() {
		if b.Str(i, "block") == "stem" {
			stems[b.Str(i, "arch")]++
		}
	}
	for _, a := range before {
		if stems[a] != 1 {
			t.Errorf("%s has %d sets of blocks, want 1", a, stems[a])
		}
	}

	// Interrupted after a network's row but before its blocks: resumed, the network is
	// profiled, not timed again.
	var keep [][]string
	for i := range b.Len() {
		if b.Str(i, "arch") != before[0] {
			keep = append(keep, b.Row(i))
		}
	}
	if err := measfile.Blocks.Replace(blocks, keep); err != nil {
		t.Fatal(err)
	}
	rowsBefore, _ := os.ReadFile(out)
	if code, _, errOut := runCLI(args...); code != 0 || !strings.Contains(errOut, "2 of 3 architectures already in") {
		t.Fatalf("resume without blocks: exit %d: %s", code, errOut)
	}
	if rowsAfter, _ := os.ReadFile(out); string(rowsAfter) != string(rowsBefore) {
		t.Errorf("a network with a row but no blocks was timed again")
	}
	b, err = measfile.Blocks.Read(blocks)
	if err != nil {
		t.Fatal(err)
	}
	for i := range b.Len() {
		if b.Str(i, "block") == "stem" && b.Str(i, "arch") == before[0] {
			return
		}
	}
	t.Errorf("%s not profiled again", before[0])
}

// measure's default paired protocol: every row holds its ratio to the space's middle
// network at its resolution within the ratio's interval, one calm reference time for
// the file, and scaled_ms = ratio_ref x ref_calm_ms; a resumed run keeps that calm time,
// and a file of the older layout is refused for appending, unchanged.
func TestMeasurePairedRows(t *testing.T) {
	_, err := latency.NewEngine(latency.EngineORT)
	datatest.CheckORT(t, err)
	dir := t.TempDir()
	archs := filepath.Join(dir, "a.jsonl")
	_, lines, _ := runCLI("sample", "--space", "ofa-mbv3", "--n", "3", "--seed", "9", "--res", "128")
	os.WriteFile(archs, []byte(lines), 0o644)
	out := filepath.Join(dir, "m.csv")
	args := []string{"measure", "--archs", archs, "--min-rounds", "4", "--max-rounds", "8", "--warmup", "1", "--out", out}
	if code, _, errOut := runCLI(args...); code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	raw, _ := os.ReadFile(out)
	h, rows := readMatrixCSV(t, string(raw))
	col := map[string]int{}
	for i, c := range h {
		col[c] = i
	}
	num := func(r []string, c string) float64 { v, _ := strconv.ParseFloat(r[col[c]], 64); return v }
	if len(rows) != 3 {
		t.Fatalf("%d rows, want 3", len(rows))
	}
	// An --archs sample is named by its file's bytes and size (sha256sum a.jsonl), so
	// shards of one file merge wherever it was copied; rows keep its order.
	sum := sha256.Sum256([]byte(lines))
	for i, r := range rows {
		if want := fmt.Sprintf("archs:sha256=%x;n=3", sum); r[col["sample"]] != want || r[col["sample_index"]] != strconv.Itoa(i) {
			t.Errorf("row %d: sample %q, sample_index %s; want %q, %d", i, r[col["sample"]], r[col["sample_index"]], want, i)
		}
	}
	calm := num(rows[0], "ref_calm_ms")
	for _, r := range rows {
		ratio := num(r, "ratio_ref")
		if !(calm > 0) || num(r, "ref_calm_ms") != calm || !(num(r, "ratio_lo") <= ratio && ratio <= num(r, "ratio_hi")) ||
			math.Abs(num(r, "scaled_ms")-ratio*calm) > 1e-12*ratio*calm || r[col["protocol"]] != "paired:burst=3" ||
			!strings.Contains(r[col["ref_arch"]], `"ks":[5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5,5]`) || !strings.Contains(r[col["ref_arch"]], `"r":128`) {
			t.Errorf("row %v: want one calm time, ratio within its interval, scaled = ratio x calm, the middle network at 128 px", r)
		}
	}
	// Resuming after the last row was lost measures it again, scaled by the same calm time.
	lastLine := strings.LastIndex(strings.TrimSuffix(string(raw), "\n"), "\n") + 1
	os.WriteFile(out, raw[:lastLine], 0o644)
	code, _, errOut := runCLI(args...)
	_, again := readMatrixCSV(t, string(readAll(t, out)))
	if code != 0 || len(again) != 3 || num(again[2], "ref_calm_ms") != calm || strings.Contains(errOut, "calm time") {
		t.Errorf("resume: exit %d, %d rows, calm %v (want %v, not calibrated again): %s", code, len(again), num(again[2], "ref_calm_ms"), calm, errOut)
	}
	// A file of the older layout (this run's rows without the paired protocol's
	// columns): refused, unchanged.
	hdr, rows := readMatrixCSV(t, string(raw))
	paired := []string{"protocol", "ratio_ref", "ratio_lo", "ratio_hi", "scaled_ms", "ref_arch", "ref_calm_ms", "sample_index", "merge_note"}
	var keep []int
	for i, h := range hdr {
		if !slices.Contains(paired, h) {
			keep = append(keep, i)
		}
	}
	var b strings.Builder
	w := csv.NewWriter(&b)
	for _, r := range append([][]string{hdr}, rows...) {
		var out []string
		for _, i := range keep {
			out = append(out, r[i])
		}
		w.Write(out)
	}
	w.Flush()
	oldRaw := []byte(b.String())
	oldCopy := filepath.Join(dir, "old.csv")
	os.WriteFile(oldCopy, oldRaw, 0o644)
	code, _, errOut = runCLI("measure", "--archs", archs, "--out", oldCopy)
	if code == 0 || !strings.Contains(errOut, "older layout") || !bytes.Equal(readAll(t, oldCopy), oldRaw) {
		t.Errorf("appending to an older file: exit %d, %q", code, errOut)
	}
	if code, _, errOut := runCLI("measure", "--archs", archs, "--repeats", "2", "--protocol", "paired", "--out", filepath.Join(dir, "x.csv")); code != 2 || !strings.Contains(errOut, "--repeats 2 times each network alone") {
		t.Errorf("--repeats with --protocol paired: exit %d, %q", code, errOut)
	}
}

// readAll is a file's bytes (failing the test if it cannot be read).
func readAll(t *testing.T, path string) []byte {
	t.Helper()
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return raw
}
