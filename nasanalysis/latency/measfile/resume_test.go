package measfile

import (
	"bytes"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

func TestResume(t *testing.T) {
	other := func(r Row, edit func(*Row)) Row { edit(&r); return r }
	a, b := row("a", Whole, 2), row("b", Whole, 3)
	disturbed := other(b, func(r *Row) { r.Disturbed = true })
	// a's two blocks add up to its sum_ms, 1.25 + 0.5; b's first block alone does not.
	blocksAB := blocksText(block("a", "stem", 1.25, 1.75), block("a", "head", 0.5, 1.75),
		block("b", "stem", 1, 3), block("b", "head", 2, 3))
	blocksCut := blocksText(block("a", "stem", 1.25, 1.75), block("a", "head", 0.5, 1.75), block("b", "stem", 1, 3))
	full := measuredText(a, b)
	for _, c := range []struct {
		name             string
		measured, blocks string // file contents; "-" for no file
		redo             bool
		shard            Shard
		measuredDone     []string
		profiled         []string
		err, warn        string
		measuredAfter    string // "" when the file is left as it was
		blocksAfter      string
	}{
		{name: "no file yet", measured: "-", blocks: "-"},
		{name: "two rows", measured: full, blocks: "-", measuredDone: []string{"a", "b"}},
		{name: "missing final newline", measured: strings.TrimSuffix(full, "\n"), blocks: "-", measuredDone: []string{"a", "b"},
			warn: "m.csv line 3: complete last row without a final newline", measuredAfter: full},
		// merge_note is empty as measured: a row cut just before its comma lacks a field.
		{name: "torn before merge_note", measured: full[:len(full)-2], blocks: "-", measuredDone: []string{"a"},
			warn: "m.csv line 3: torn last row (193 bytes, 35 of 36 fields", measuredAfter: measuredText(a)},
		{name: "torn last row", measured: full[:len(full)-30], blocks: "-", measuredDone: []string{"a"},
			warn: "m.csv line 3: torn last row", measuredAfter: measuredText(a)},
		{name: "other engine", measured: measuredText(a, other(b, func(r *Row) { r.Engine = "gomlx" })), blocks: "-",
			err: `m.csv line 3: engine is "gomlx", this run's is "onnxruntime"`},
		{name: "other sample", measured: measuredText(other(a, func(r *Row) { r.Sample = "seed=2;n=7;res=160;width=0" })), blocks: "-",
			err: `m.csv line 2: sample is "seed=2;n=7;res=160;width=0", this run's is "seed=1;n=7;res=160;width=0"`},
		{name: "other target CI", measured: measuredText(other(a, func(r *Row) { r.TargetCI = 0 })), blocks: "-",
			err: `m.csv line 2: target_ci is "0", this run's is "0.01"`},
		{name: "other shard", measured: full, blocks: "-", shard: Shard{1, 3},
			err: `m.csv line 2: shard is "0/1", this run's is "1/3"`},
		{name: "measured twice", measured: measuredText(a, b, a), blocks: "-", err: "m.csv line 4: a measured twice (also on line 2)"},
		{name: "foreign header", measured: "a,b\n1,2\n", blocks: "-", err: `m.csv line 1: not a measured-latency file as measure writes it: header "a,b"`},
		{name: "redo disturbed", measured: measuredText(a, disturbed), blocks: blocksAB, redo: true,
			measuredDone: []string{"a"}, profiled: []string{"a"}, warn: "dropped 1 rows flagged disturbed from ",
			measuredAfter: measuredText(a), blocksAfter: blocksText(block("a", "stem", 1.25, 1.75), block("a", "head", 0.5, 1.75))},
		{name: "disturbed kept", measured: measuredText(a, disturbed), blocks: blocksAB,
			measuredDone: []string{"a", "b"}, profiled: []string{"a", "b"}},
		{name: "blocks cut short", measured: full, blocks: blocksCut, measuredDone: []string{"a", "b"}, profiled: []string{"a"},
			warn:        "b.csv line 4: the blocks of b add up to 1 ms, not their sum_ms 3 (a write cut short)",
			blocksAfter: blocksText(block("a", "stem", 1.25, 1.75), block("a", "head", 0.5, 1.75))},
		{name: "blocks torn", measured: full, blocks: blocksAB[:len(blocksAB)-10], measuredDone: []string{"a", "b"}, profiled: []string{"a"},
			warn:        "b.csv line 5: torn last row",
			blocksAfter: blocksText(block("a", "stem", 1.25, 1.75), block("a", "head", 0.5, 1.75))},
		{name: "blocks of other threads", measured: full, blocks: blocksText(other2(block("a", "stem", 1, 1), func(b *BlockRow) { b.Threads = 2 })),
			err: `b.csv line 2: threads is "2", this run's is "1"`},
		{name: "blocks twice", measured: full, blocks: blocksText(block("a", "stem", 1, 1), block("b", "stem", 1, 1), block("a", "stem", 1, 1)),
			err: "b.csv line 4: a second set of blocks of a"},
		{name: "blocks not a number", measured: full, blocks: strings.Replace(blocksAB, ",1.25,", ",x,", 1),
			err: `b.csv, line 2, column "ms", value "x": not a number`},
	} {
		t.Run(c.name, func(t *testing.T) {
			dir := t.TempDir()
			mPath, bPath := filepath.Join(dir, "m.csv"), filepath.Join(dir, "b.csv")
			if c.measured != "-" {
				writeFile(t, dir, "m.csv", c.measured)
			}
			if c.blocks != "-" {
				writeFile(t, dir, "b.csv", c.blocks)
			} else {
				bPath = ""
			}
			shard := c.shard
			if shard == (Shard{}) {
				shard = Whole
			}
			var warn bytes.Buffer
			done, err := Resume(ResumeOptions{Measured: mPath, Blocks: bPath, Settings: settings1, Shard: shard, RedoDisturbed: c.redo, Warn: &warn})
			wantErr(t, "Resume", err, c.err)
			if err != nil {
				return
			}
			if got := slices.Sorted(maps.Keys(done.Measured)); !slices.Equal(got, c.measuredDone) {
				t.Errorf("measured %v, want %v", got, c.measuredDone)
			}
			if got := slices.Sorted(maps.Keys(done.Profiled)); !slices.Equal(got, c.profiled) {
				t.Errorf("profiled %v, want %v", got, c.profiled)
			}
			if (c.warn == "") != (warn.Len() == 0) || !strings.Contains(warn.String(), c.warn) {
				t.Errorf("warning %q, want %q", warn.String(), c.warn)
			}
			for _, f := range []struct{ path, before, after string }{{mPath, c.measured, c.measuredAfter}, {bPath, c.blocks, c.blocksAfter}} {
				if f.path == "" || f.before == "-" {
					continue
				}
				want := f.after
				if want == "" {
					want = f.before
				}
				if got, _ := os.ReadFile(f.path); string(got) != want {
					t.Errorf("%s after Resume:\n%s\nwant\n%s", filepath.Base(f.path), got, want)
				}
			}
		})
	}
}

func other2(b BlockRow, edit func(*BlockRow)) BlockRow { edit(&b); return b }

// The project's committed measured file is of the layout before the paired protocol:
// an analysis still reads it, but measure refuses to append to it, saying why, and
// leaves it as it was.
func TestResumeRefusesOlderLayout(t *testing.T) {
	dir := t.TempDir()
	// A file of the older layout: its header, and a row of it (the current row without
	// the paired protocol's columns).
	r := row(netArch("n0"), Whole, 2).Record()
	var old []string
	for i, h := range Measured.Header {
		if slices.Contains(measuredV1Header, h) {
			old = append(old, r[i])
		}
	}
	raw := []byte(csvLines(measuredV1Header, old))
	path := writeFile(t, dir, "old.csv", string(raw))
	if c, err := Measured.Read(path); err != nil || c.Len() != 1 {
		t.Fatalf("an analysis reads the older layout: %v", err)
	}
	var warn bytes.Buffer
	_, err := Resume(ResumeOptions{Measured: path, Settings: Settings{Protocol: "paired:burst=3"}, Warn: &warn})
	if err == nil || !strings.Contains(err.Error(), "old.csv line 1: a measured-latency file of the older layout (no ratio_ref column") || !strings.Contains(err.Error(), "measure into a new --out") {
		t.Errorf("appending to the older layout: %v", err)
	}
	if after, _ := os.ReadFile(path); !bytes.Equal(after, raw) {
		t.Error("the older file was changed")
	}
}
