package ort

import (
	"math"
	"os"
	"path/filepath"
	"testing"

	"github.com/nasanalysis/nasanalysis/nasanalysis/datatest"
	"github.com/nasanalysis/nasanalysis/nasanalysis/onnx"
)

func needORT(t testing.TB) { t.Helper(); datatest.CheckORT(t, Init()) }

// A 3x3 convolution of a 1x1x3x3 input of ones with a kernel of ones and bias 0.5,
// padded by 1, then ReLU: every output is the number of in-bounds neighbours plus 0.5
// (4 at the corners, 6 on the edges, 9 in the middle), worked out by hand.
func TestConvByHand(t *testing.T) {
	needORT(t)
	g := onnx.NewGraph("hand", "input", 1, 1, 3, 3)
	ones := []float32{1, 1, 1, 1, 1, 1, 1, 1, 1}
	y := g.Conv("input", ones, []float32{0.5}, 1, 1, 3, 1, 1)
	g.Output(g.Op("Relu", []string{y}), 1, 1, 3, 3)
	model, err := g.Model()
	if err != nil {
		t.Fatal(err)
	}
	s, err := NewSession(model, []int64{1, 1, 3, 3}, []int64{1, 1, 3, 3}, Options{Threads: 1, OptLevel: 3})
	if err != nil {
		t.Fatal(err)
	}
	copy(s.Input(), ones)
	if err := s.Run(); err != nil {
		t.Fatal(err)
	}
	want := []float32{4.5, 6.5, 4.5, 6.5, 9.5, 6.5, 4.5, 6.5, 4.5}
	for i, v := range s.Output() {
		if math.Abs(float64(v-want[i])) > 1e-6 {
			t.Fatalf("output %v, want %v", s.Output(), want)
		}
	}
	if _, err := s.Close(); err != nil {
		t.Fatal(err)
	}
}

// The library's checksum is the one the project pins.
func TestLibraryChecksum(t *testing.T) {
	needORT(t)
	sum, err := FileSHA256(LoadedLibrary())
	if err != nil {
		t.Fatal(err)
	}
	if sum != LibrarySHA256 {
		t.Errorf("%s has sha256 %s, want %s", LoadedLibrary(), sum, LibrarySHA256)
	}
	if v := RuntimeVersion(); v != Version {
		t.Errorf("library reports version %q, want %s", v, Version)
	}
}

// No telemetry: running a session leaves none of the files ONNX Runtime's official
// build writes when telemetry is on.
func TestNoTelemetryFiles(t *testing.T) {
	needORT(t)
	TestConvByHand(t)
	home, _ := os.UserHomeDir()
	for _, pattern := range []string{"/tmp/mat-debug-*.log", "/tmp/.ses", filepath.Join(home, ".cache", "Microsoft")} {
		if m, _ := filepath.Glob(pattern); len(m) > 0 {
			t.Errorf("telemetry file present: %v", m)
		}
	}
}
