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

// For each study size, every notebook is on exactly one of that size's lines of
// lanes.txt, and notebooks that keep a result under the same key are on the same line:
// on two lines, run side by side (NOTEBOOK_LANES=2), both would compute it, and one
// could read it half written.
func TestLanes(t *testing.T) {
	text, err := os.ReadFile("lanes.txt")
	if err != nil {
		t.Fatal(err)
	}
	lanes := map[string]map[string]int{} // size -> notebook -> line number within the size
	lines := map[string]int{}
	for i, line := range strings.Split(string(text), "\n") {
		if strings.HasPrefix(line, "#") || strings.TrimSpace(line) == "" {
			continue
		}
		size, names, ok := strings.Cut(line, ":")
		if !ok || (size != "small" && size != "paper") {
			t.Errorf("lanes.txt line %d: %q does not start with small: or paper:", i+1, line)
			continue
		}
		if lanes[size] == nil {
			lanes[size] = map[string]int{}
		}
		for _, name := range strings.Fields(names) {
			if _, dup := lanes[size][name]; dup {
				t.Errorf("%s is on two %s lines of lanes.txt", name, size)
			}
			lanes[size][name] = lines[size]
		}
		lines[size]++
	}
	paths, err := filepath.Glob("*.ipynb")
	if err != nil || len(paths) == 0 {
		t.Fatalf("no notebooks: %v", err)
	}
	keys := map[string][]string{} // notebook -> the keys it keeps
	for _, p := range paths {
		raw, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		name := strings.TrimSuffix(p, ".ipynb")
		for _, m := range cacheKey.FindAllStringSubmatch(string(raw), -1) {
			key := m[1]
			if key == "" {
				key = "Spec.Key()"
			}
			keys[name] = append(keys[name], key)
		}
	}
	for _, size := range []string{"small", "paper"} {
		lane := maps.Clone(lanes[size])
		if lines[size] != 2 {
			t.Errorf("lanes.txt has %d %s lines, want 2 (run-notebooks.sh runs two lanes)", lines[size], size)
		}
		owner := map[string]string{} // key -> the first notebook that keeps it
		for _, p := range paths {
			name := strings.TrimSuffix(p, ".ipynb")
			l, ok := lane[name]
			if !ok {
				t.Errorf("%s is on no %s line of lanes.txt", name, size)
				continue
			}
			delete(lane, name)
			for _, key := range keys[name] {
				if first, seen := owner[key]; !seen {
					owner[key] = name
				} else if lanes[size][first] != l {
					t.Errorf("%s and %s both keep %q but are on different %s lines of lanes.txt", first, name, key, size)
				}
			}
		}
		for name := range lane {
			t.Errorf("lanes.txt names %s at %s size, which is not a notebook here", name, size)
		}
		if len(owner) < 10 {
			t.Errorf("found %d cache keys in the notebooks; the pattern no longer matches how they call nb.Key", len(owner))
		}
	}
}
