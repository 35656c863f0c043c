package measfile

import (
	"os"
	"path/filepath"
	"strconv"
	"testing"
)

// FuzzMerge: a shard file as a broken disk, an editor or another tool may leave it,
// merged with a valid shard. Merge must return (never panic); a merge it accepts writes
// a file whose every row passes the readers' checks, with no network twice, in sample
// order, and whose row count is what it reported.
func FuzzMerge(f *testing.F) {
	good := measuredText(at(row(netArch("n0"), Shard{0, 2}, 2), 0), at(row(netArch("n2"), Shard{0, 2}, 3), 2))
	other := measuredText(at(row(netArch("n1"), Shard{1, 2}, 4), 1))
	f.Add([]byte(other))
	f.Add([]byte(measuredText(at(row(netArch("n0"), Shard{1, 2}, 4), 1))))
	f.Add([]byte(other[:len(other)-9]))
	f.Add([]byte("arch,resolution,median_ms\n"))
	dir := f.TempDir()
	a := filepath.Join(dir, "a.csv")
	if err := os.WriteFile(a, []byte(good), 0o644); err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, shard []byte) {
		d := t.TempDir()
		b := filepath.Join(d, "b.csv")
		if err := os.WriteFile(b, shard, 0o644); err != nil {
			t.Fatal(err)
		}
		out := filepath.Join(d, "out.csv")
		m, err := Merge(out, MergeOptions{AllowIncomplete: true, AllowMixedSpeed: true}, a, b)
		if err != nil {
			if _, statErr := os.Stat(out); statErr == nil {
				t.Fatalf("a refused merge left %s behind", out)
			}
			return
		}
		got, err := Measured.readCurrent(out, false)
		if err != nil || len(got.rows) != m.Rows {
			t.Fatalf("merged %d rows, the file reads as %v, %v", m.Rows, got, err)
		}
		seen, last := map[string]bool{}, -1
		for i := range got.rows {
			if k, err := strconv.Atoi(got.get(i, "sample_index")); err != nil || k <= last {
				t.Fatalf("merged row %d: sample_index %q after %d: not in sample order", i+2, got.get(i, "sample_index"), last)
			} else {
				last = k
			}
			key, err := checkMeasuredRow(got, i)
			if err != nil || seen[key] {
				t.Fatalf("merged row %d: %v (seen before: %v) from %q", i+2, err, seen[key], shard)
			}
			seen[key] = true
		}
	})
}
