package notebooks

import (
	"maps"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// cacheKey finds what a notebook keeps with nb.Cached: a literal key's name, or a
// spec's Key method, which names the computation by the spec's type (predictor.FitSpec's,
// which notebooks 04, 05 and 06 all fit).
var cacheKey = regexp.MustCompile(`nb\.Key\((?:\\?"([a-z0-9-]+)|[A-Za-z]+\.Key\(\))`)

// Every notebook is on exactly one line of lanes.txt, and notebooks that keep a result
// under the same key are on the same line: on two lines, run side by side
// (NOTEBOOK_LANES=2), both would compute it, and one could read it half written.
func TestLanes(t *testing.T) {
	text, err := os.ReadFile("lanes.txt")
	if err != nil {
		t.Fatal(err)
	}
	lane := map[string]int{}
	n := 0
	for _, line := range strings.Split(string(text), "\n") {
		if strings.HasPrefix(line, "#") || strings.TrimSpace(line) == "" {
			continue
		}
		for _, name := range strings.Fields(line) {
			if _, dup := lane[name]; dup {
				t.Errorf("%s is on two lines of lanes.txt", name)
			}
			lane[name] = n
		}
		n++
	}
	paths, err := filepath.Glob("*.ipynb")
	if err != nil || len(paths) == 0 {
		t.Fatalf("no notebooks: %v", err)
	}
	owner := map[string]string{} // key -> the first notebook that keeps it
	laneOf := maps.Clone(lane)
	for _, p := range paths {
		name := strings.TrimSuffix(p, ".ipynb")
		l, ok := lane[name]
		if !ok {
			t.Errorf("%s is on no line of lanes.txt", name)
			continue
		}
		delete(lane, name)
		raw, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range cacheKey.FindAllStringSubmatch(string(raw), -1) {
			key := m[1]
			if key == "" {
				key = "Spec.Key()"
			}
			if first, seen := owner[key]; !seen {
				owner[key] = name
			} else if laneOf[first] != l {
				t.Errorf("%s and %s both keep %q but are on different lines of lanes.txt", first, name, key)
			}
		}
	}
	for name := range lane {
		t.Errorf("lanes.txt names %s, which is not a notebook here", name)
	}
	if len(owner) < 10 {
		t.Errorf("found %d cache keys in the notebooks; the pattern no longer matches how they call nb.Key", len(owner))
	}
}
