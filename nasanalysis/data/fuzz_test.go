package data

import (
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// FuzzReadLatencyFile feeds arbitrary bytes to the strict latency-table reader: it must
// never panic, and a table it accepts must keep its promises (unique ids and
// architectures, positive latencies or NaN, every device with a value).
func FuzzReadLatencyFile(f *testing.F) {
	header := strings.Join(nb201Header(), ",") + "\n"
	f.Add([]byte(header + strings.Join(goodRow(1, cellA), ",") + "\n" + strings.Join(goodRow(2, cellB), ",") + "\n"))
	f.Add([]byte("\ufeff" + header + strings.Join(goodRow(1, cellA), ",") + "\n"))
	f.Add([]byte(header + strings.Join(goodRow(1, cellA), ",")))
	f.Add([]byte(header + "\"1\",\"" + cellA + "\"" + strings.Repeat(",0.5", len(nb201Devices)) + "\n"))
	f.Add([]byte(header))
	f.Add([]byte{})
	ds, err := Lookup("nb201")
	if err != nil {
		f.Fatal(err)
	}
	dir := f.TempDir()
	f.Fuzz(func(t *testing.T, raw []byte) {
		p := filepath.Join(dir, "latency.csv")
		if err := os.WriteFile(p, raw, 0o644); err != nil {
			t.Fatal(err)
		}
		tab, err := ReadLatencyFile(ds, p)
		if err != nil {
			if !strings.Contains(err.Error(), p) {
				t.Errorf("error %q does not name the file", err)
			}
			return
		}
		ids, archs := map[int]bool{}, map[string]bool{}
		for i := range tab.Archs {
			if ids[tab.IDs[i]] || archs[tab.Archs[i]] {
				t.Fatalf("row %d repeats an id or architecture", i)
			}
			ids[tab.IDs[i]], archs[tab.Archs[i]] = true, true
		}
		for d, col := range tab.Latency {
			seen := false
			for _, v := range col {
				if !math.IsNaN(v) && !(v > 0 && !math.IsInf(v, 0)) {
					t.Fatalf("device %s: latency %v accepted", tab.Devices[d], v)
				}
				seen = seen || !math.IsNaN(v)
			}
			if !seen {
				t.Fatalf("device %s has no value but was accepted", tab.Devices[d])
			}
		}
	})
}
