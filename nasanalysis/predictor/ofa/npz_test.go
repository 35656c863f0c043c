package ofa

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"codeberg.org/sbinet/npyio/npz"
)

// WriteNPZ of the 2-2-1 network of TestPredictByHand reads back as written by hand: W0
// row-major with its shape, b0, b1 zeros where the layer has no bias, base, and X.
func TestWriteNPZ(t *testing.T) {
	p := &Predictor{InWidth: 2, base: 0.1, layers: []dense{
		{W: [][]float32{{1, -1}, {0.5, 0.5}}, B: []float32{0, -0.25}},
		{W: [][]float32{{0.1, 0.2}}},
	}}
	path := filepath.Join(t.TempDir(), "p.npz")
	if err := p.WriteNPZ(path, [][]float64{{1, 2}, {3, 1}, {0, 4}}); err != nil {
		t.Fatal(err)
	}
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	f32 := func(name string) []float32 {
		var v []float32
		if err := npz.Read(f, name, &v); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		return v
	}
	i64 := func(name string) []int64 {
		var v []int64
		if err := npz.Read(f, name, &v); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		return v
	}
	for name, want := range map[string][]float32{"W0.npy": {1, -1, 0.5, 0.5}, "b0.npy": {0, -0.25}, "W1.npy": {0.1, 0.2},
		"b1.npy": {0}, "base.npy": {0.1}, "X.npy": {1, 2, 3, 1, 0, 4}} {
		if got := f32(name); !slices.Equal(got, want) {
			t.Errorf("%s = %v, want %v", name, got, want)
		}
	}
	for name, want := range map[string][]int64{"W0_shape.npy": {2, 2}, "W1_shape.npy": {1, 2}, "X_shape.npy": {3, 2}, "layers.npy": {2}} {
		if got := i64(name); !slices.Equal(got, want) {
			t.Errorf("%s = %v, want %v", name, got, want)
		}
	}
	if err := p.WriteNPZ(path, [][]float64{{1, 2, 3}}); err == nil || !strings.Contains(err.Error(), "X[0] has 3 features, the predictor 2") {
		t.Errorf("an encoding of the wrong width: %v", err)
	}
}
