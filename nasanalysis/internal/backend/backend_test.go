package backend

import (
	"runtime/debug"
	"strings"
	"testing"

	"github.com/gomlx/compute/gobackend"
)

// The configuration must be one GoMLX's Go backend knows (an option renamed in a GoMLX
// upgrade would otherwise panic at the first graph), and an unknown one is refused.
func TestConfigKnown(t *testing.T) {
	if _, err := gobackend.New(PredictorConfig); err != nil {
		t.Fatalf("PredictorConfig %q: %v", PredictorConfig, err)
	}
	if _, err := gobackend.New("no_such_option"); err == nil {
		t.Error("an unknown option was accepted: the check above proves nothing")
	}
}

// SIMD comes from a build tag; the build's own record of GOEXPERIMENT must agree, and
// Name must say it.
func TestSIMDMatchesBuild(t *testing.T) {
	info, ok := debug.ReadBuildInfo()
	if !ok {
		t.Fatal("no build information in the test binary")
	}
	simd := false
	for _, s := range info.Settings {
		if s.Key == "GOEXPERIMENT" {
			simd = strings.Contains(s.Value, "simd") && !strings.Contains(s.Value, "nosimd")
		}
	}
	if SIMD != simd {
		t.Errorf("SIMD = %v, but the build's GOEXPERIMENT says %v", SIMD, simd)
	}
	if got := strings.Contains(Name(), "GOEXPERIMENT=simd"); got != simd {
		t.Errorf("Name() = %q for a build with simd = %v", Name(), simd)
	}
}
