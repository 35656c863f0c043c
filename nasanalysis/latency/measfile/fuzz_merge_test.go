package measfile

import (
	"os"
	"path/filepath"
	"testing"
)

// FuzzMerge: a shard file as a broken disk, an editor or another tool may leave it,
// merged with a valid shard. Merge must return (never panic); a merge it accepts writes
// a file whose every row passes the readers' checks, with no network twice, and whose
// row count is what it reported.
func FuzzMerge(f *testing.F) {
	good := measuredText(row(netArch("n0"), Shard{0, 2}, 2), row(netArch("n2"), Shard{0, 2}, 3))
	other := measuredText(row(netArch("n1"), Shard{1, 2}, 4))
	f.Add([]byte(other))
	f.Add([]byte(measuredText(row(netArch("n0"), Shard{1, 2}, 4))))
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
		n, err := Merge(out, a, b)
		if err != nil {
			if _, statErr := os.Stat(out); statErr == nil {
				t.Fatalf("a refused merge left %s behind", out)
			}
			return
		}
		m, err := Measured.readCurrent(out, false)
		if err != nil || len(m.rows) != n {
			t.Fatalf("merged %d rows, the file reads as %v, %v", n, m, err)
		}
		seen := map[string]bool{}
		for i := range m.rows {
			key, err := checkMeasuredRow(m, i)
			if err != nil || seen[key] {
				t.Fatalf("merged row %d: %v (seen before: %v) from %q", i+2, err, seen[key], shard)
			}
			seen[key] = true
		}
	})
}
