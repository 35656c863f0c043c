package metric

import (
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/nasanalysis/nasanalysis/nasanalysis/arch"
)

// FuzzName: metric names, which come from the command line (eval --metrics, search
// --objective and --constraint, profile --metrics). For every space, a name Available
// refuses must make New fail with a *NameError at once, before loading anything; a name
// it accepts is one of Names or a gpu_<column>, and a note10_r<RES> it accepts names one
// of the Note10 resolutions in canonical form. Only the cost metrics are built here: the
// others load data or train a predictor.
func FuzzName(f *testing.F) {
	f.Fuzz(func(t *testing.T, name string) {
		for _, space := range arch.Spaces() {
			ok := Available(name, space)
			if !ok {
				_, err := New(name, space, Options{})
				var ne *NameError
				if !errors.As(err, &ne) {
					t.Fatalf("New(%q, %s) for an unavailable name: %v, want a *NameError", name, space, err)
				}
				continue
			}
			gpu := strings.HasPrefix(name, "gpu_")
			if !gpu && !slices.Contains(Names(space), name) {
				t.Fatalf("Available(%q, %s) but it is not in Names %v", name, space, Names(space))
			}
			if gpu && space != arch.OFAMBv3 {
				t.Fatalf("gpu metric %q available for %s", name, space)
			}
			if res, found := strings.CutPrefix(name, "note10_r"); found {
				r, err := strconv.Atoi(res)
				if err != nil || !slices.Contains(arch.MBResolutions, r) || fmt.Sprintf("note10_r%d", r) != name {
					t.Fatalf("Available(%q): not a note10_r<RES> of %v", name, arch.MBResolutions)
				}
			}
			if name == "macs" || name == "flops" || name == "params" {
				if _, err := New(name, space, Options{}); err != nil {
					t.Fatalf("New(%q, %s): %v", name, space, err)
				}
			}
		}
	})
}
