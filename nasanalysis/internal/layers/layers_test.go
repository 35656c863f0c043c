package layers

import (
	"go/build"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"
)

const module = "github.com/nasanalysis/nasanalysis/nasanalysis/"

var (
	tools   = []string{"arch", "data", "fetch", "pyfile", "stats", "pareto", "onnx", "ort", "latency", "predictor", "predictor/ofa", "metric", "prose"}
	studies = []string{"monotonic", "search", "profile", "designspace"}
	display = []string{"plots", "nb"}
)

// deps returns every package of this module that pkg imports, directly or not (tests
// excluded), relative to nasanalysis/.
func deps(t *testing.T, root, pkg string) []string {
	seen := map[string]bool{}
	var walk func(rel string)
	walk = func(rel string) {
		p, err := build.ImportDir(filepath.Join(root, rel), 0)
		if err != nil {
			t.Fatalf("%s: %v", rel, err)
		}
		for _, imp := range p.Imports {
			if dep, ok := strings.CutPrefix(imp, module); ok && !seen[dep] {
				seen[dep] = true
				walk(dep)
			}
		}
	}
	walk(pkg)
	var out []string
	for d := range seen {
		out = append(out, d)
	}
	slices.Sort(out)
	return out
}

func TestImportRules(t *testing.T) {
	_, file, _, _ := runtime.Caller(0)
	root := filepath.Join(filepath.Dir(file), "..", "..") // nasanalysis/
	forbidden := func(pkg string, bad []string) {
		for _, d := range deps(t, root, pkg) {
			if slices.Contains(bad, d) {
				t.Errorf("%s imports %s (directly or through another package)", pkg, d)
			}
		}
	}
	if d := deps(t, root, "arch"); len(d) != 0 {
		t.Errorf("arch imports %v; it must import no package of this project", d)
	}
	for _, tool := range tools {
		forbidden(tool, append(append([]string(nil), studies...), display...))
	}
	for _, s := range studies {
		if _, err := build.ImportDir(filepath.Join(root, s), 0); err != nil {
			continue // not written yet
		}
		var others []string
		for _, o := range studies {
			if o != s {
				others = append(others, o)
			}
		}
		forbidden(s, others)
		// A study computes and returns typed results; drawing (plots) and showing (nb)
		// happen above it, in figures and the notebooks.
		forbidden(s, display)
	}
	// figures sits above the studies and plots; only the command line and the
	// notebooks use it, so no package of nasanalysis/ may import it.
	for _, p := range append(append(append([]string(nil), tools...), studies...), display...) {
		forbidden(p, []string{"figures"})
	}
}
