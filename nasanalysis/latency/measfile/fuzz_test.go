package measfile

import (
	"bytes"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// FuzzRepair feeds arbitrary bytes to what a resumed run does with an existing file
// before it appends: Repair, then readCurrent. Neither may panic; after Repair the file
// is empty or ends in a newline, and is the old file cut short or with a newline added;
// and when the file is then accepted as a measured file, a row appended to it is read
// back whole as its last row (nothing glued onto a previous row, nothing lost).
func FuzzRepair(f *testing.F) {
	header := strings.Join(Measured.Header, ",") + "\n"
	rec := make([]string, len(Measured.Header))
	for i := range rec {
		rec[i] = "1"
	}
	rec[0] = `"{""ks"":[3],""r"":160}"`
	line := strings.Join(rec, ",")
	f.Add([]byte(header + line + "\n"))
	f.Add([]byte(header + line))     // no final newline
	f.Add([]byte(header + line[:9])) // torn inside the quoted arch
	f.Add([]byte(header + line[:len(line)-1]))
	f.Add([]byte(header[:7]))
	f.Add([]byte("a,b\n1,2\n"))
	f.Add([]byte{})
	dir := f.TempDir()
	f.Fuzz(func(t *testing.T, raw []byte) {
		p := filepath.Join(dir, "m.csv")
		if err := os.WriteFile(p, raw, 0o644); err != nil {
			t.Fatal(err)
		}
		if err := Measured.Repair(p, io.Discard); err != nil {
			t.Fatal(err)
		}
		fixed, _ := os.ReadFile(p)
		// A file that is not a measured-latency file is left as it was (issue 25, A);
		// one that is ends in a newline after Repair.
		own := bytes.HasPrefix(raw, []byte(strings.Join(Measured.Header, ",")+"\n")) ||
			!bytes.Contains(raw, []byte{'\n'}) && strings.HasPrefix(strings.Join(Measured.Header, ","), string(raw))
		if !own && !bytes.Equal(fixed, raw) {
			t.Fatalf("Repair changed a file that is not its format's: %q -> %q", raw, fixed)
		}
		if own && len(fixed) > 0 && fixed[len(fixed)-1] != '\n' {
			t.Fatalf("after Repair the file does not end in a newline: %q", fixed)
		}
		if !bytes.HasPrefix(raw, fixed) && !bytes.Equal(fixed, append(slices.Clone(raw), '\n')) {
			t.Fatalf("Repair did more than cut the tail or add a newline: %q -> %q", raw, fixed)
		}
		before, err := Measured.readCurrent(p, false)
		if err != nil {
			return
		}
		want := slices.Clone(Measured.Header) // any row of the right width
		want[0] = "a,\"b\"\nc"
		if err := Measured.Append(p, want); err != nil {
			t.Fatal(err)
		}
		after, err := Measured.readCurrent(p, false)
		if err != nil {
			t.Fatalf("file accepted before an append, refused after: %v", err)
		}
		if len(after.rows) != len(before.rows)+1 || !slices.Equal(after.rows[len(after.rows)-1], want) {
			t.Fatalf("appended row not read back whole: %d rows before, %d after", len(before.rows), len(after.rows))
		}
	})
}
