package jsonl

import (
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
)

type rec struct {
	ID string `json:"id"`
	N  int    `json:"n"`
}

// Records appended by many goroutines read back one per line, none torn; blank lines
// are skipped; a line that does not decode, or that the caller refuses, is named.
func TestAppendRead(t *testing.T) {
	path := filepath.Join(t.TempDir(), "r.jsonl")
	var wg sync.WaitGroup
	for i := range 50 {
		wg.Go(func() {
			if err := Append(path, rec{ID: strings.Repeat("x", 100), N: i}); err != nil {
				t.Error(err)
			}
		})
	}
	wg.Wait()
	ok := func(r rec) bool { return r.ID != "" }
	got, err := Read(path, "record", ok)
	if err != nil || len(got) != 50 {
		t.Fatalf("%d records, %v", len(got), err)
	}
	seen := map[int]bool{}
	for _, r := range got {
		seen[r.N] = true
	}
	if len(seen) != 50 {
		t.Errorf("%d distinct records of 50", len(seen))
	}
	os.WriteFile(path, []byte("{\"id\":\"a\",\"n\":1}\n\n{\"n\":2}\n"), 0o644)
	if _, err := Read(path, "record", ok); err == nil || !strings.Contains(err.Error(), `r.jsonl:3: not a record: "{\"n\":2}"`) {
		t.Errorf("a refused line: %v", err)
	}
	os.WriteFile(path, []byte("{\"id\":\"a\"}\nnot json\n"), 0o644)
	if _, err := Read(path, "record", ok); err == nil || !strings.Contains(err.Error(), "r.jsonl:2: not a record") {
		t.Errorf("a line that is not JSON: %v", err)
	}
	if _, err := Read(filepath.Join(t.TempDir(), "none"), "record", ok); !os.IsNotExist(err) {
		t.Errorf("a missing file: %v", err)
	}
}
