package ofa

import (
	"bytes"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/nasanalysis/nasanalysis/nasanalysis/arch"
	"github.com/nasanalysis/nasanalysis/nasanalysis/datatest"
	"github.com/nasanalysis/nasanalysis/nasanalysis/pyfile/pthtest"
)

// mbv3Tensors returns a state dict shaped like OFA's MobileNetV3 predictor whose every
// weight is w and whose last bias is out, so that it predicts out for any encoding.
func mbv3Tensors(w, out float32) []pthtest.Tensor {
	var ts []pthtest.Tensor
	for _, l := range [][3]int{{0, 400, 128}, {2, 400, 400}, {4, 400, 400}, {6, 1, 400}} {
		name := string(rune('0' + l[0]))
		wt := make([]float32, l[1]*l[2])
		for i := range wt {
			wt[i] = w
		}
		bias := make([]float32, l[1])
		if l[0] == 6 {
			bias[0] = out
		}
		ts = append(ts,
			pthtest.Tensor{Name: name + ".weight", Shape: []int{l[1], l[2]}, Data: wt},
			pthtest.Tensor{Name: name + ".bias", Shape: []int{l[1]}, Data: bias})
	}
	return ts
}

// dataDir writes data as the MobileNetV3 predictor of a fresh datasets directory.
func dataDir(t *testing.T, file string, data []byte) (dir, path string) {
	t.Helper()
	dir = t.TempDir()
	path = filepath.Join(dir, filepath.FromSlash(file))
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return dir, path
}

// An empty acc_predictor.pth made every command that loads the predictor hang in the
// pickle reader; a truncated one must fail as promptly.
func TestLoadMBv3RefusesEmptyAndTruncatedFiles(t *testing.T) {
	whole := pthtest.Legacy(mbv3Tensors(0, 0.75))
	for name, data := range map[string][]byte{"empty": {}, "truncated": whole[:len(whole)/2]} {
		t.Run(name, func(t *testing.T) {
			dir, path := dataDir(t, MBv3File, data)
			done := make(chan error, 1)
			go func() {
				_, err := LoadMBv3(dir)
				done <- err
			}()
			select {
			case err := <-done:
				if err == nil || !strings.Contains(err.Error(), path) {
					t.Errorf("err = %v, want one naming %s", err, path)
				}
			case <-time.After(10 * time.Second):
				t.Fatal("LoadMBv3 still running after 10 s")
			}
		})
	}
}

// A file that decodes but predicts 189.98 % (the user's flipped byte had that effect;
// here the last bias is 1.8998 and every weight 0) must not load: `eval --metrics acc`
// printed the figure with exit status 0.
func TestLoadMBv3RefusesOutOfRangePredictions(t *testing.T) {
	dir, path := dataDir(t, MBv3File, pthtest.Legacy(mbv3Tensors(0, 1.8998)))
	p, err := LoadMBv3(dir)
	if err == nil {
		acc, err := Top1Percent(p, []arch.MBArch{uniformMBv3(7, 6, 4, 224)})
		t.Fatalf("loaded; Top1Percent = %v, %v", acc, err)
	}
	if !strings.Contains(err.Error(), path) || !strings.Contains(err.Error(), "189.98 %") {
		t.Errorf("err = %v, want one naming %s and the 189.98 %% found", err, path)
	}
}

// A NaN weight poisons every prediction; the loader must say where it is.
func TestLoadMBv3RefusesNaN(t *testing.T) {
	ts := mbv3Tensors(0, 0.75)
	ts[2].Data[401] = float32(math.NaN()) // 2.weight [1][1]
	dir, path := dataDir(t, MBv3File, pthtest.Legacy(ts))
	_, err := LoadMBv3(dir)
	if err == nil || !strings.Contains(err.Error(), path) || !strings.Contains(err.Error(), `"2.weight"`) || !strings.Contains(err.Error(), "NaN") {
		t.Errorf("err = %v, want one naming %s, tensor 2.weight and NaN", err, path)
	}
}

// float32Bytes is the little-endian encoding of x, as the .pth file stores it.
func float32Bytes(x float32) []byte {
	b := math.Float32bits(x)
	return []byte{byte(b), byte(b >> 8), byte(b >> 16), byte(b >> 24)}
}

// The released MobileNetV3 predictor with one bit flipped in a value: the legacy format
// has no checksum, so the loader's own checks must catch it. The flips are in the
// exponent, where a bit changes a value most: the top bit multiplies a weight by 2^128
// or so, the lowest doubles it.
func TestLoadMBv3RefusesFlippedByteInRealFile(t *testing.T) {
	p, err := LoadMBv3("")
	datatest.Check(t, err)
	orig, err := os.ReadFile(p.Path)
	if err != nil {
		t.Fatal(err)
	}
	// flip loads the file with bit 0x80>>k of the given byte of value x's encoding
	// flipped; x's bytes must occur once in the file.
	flip := func(t *testing.T, x float32, byteIndex int, mask byte) (string, error) {
		t.Helper()
		needle := float32Bytes(x)
		if bytes.Count(orig, needle) != 1 {
			t.Skipf("the bytes %x of %v occur %d times", needle, x, bytes.Count(orig, needle))
		}
		data := bytes.Clone(orig)
		data[bytes.Index(data, needle)+byteIndex] ^= mask
		dir, path := dataDir(t, MBv3File, data)
		_, err := LoadMBv3(dir)
		return path, err
	}
	lastBias := p.layers[3].B[0] // 0.7587
	t.Run("last bias times 2^128", func(t *testing.T) {
		path, err := flip(t, lastBias, 3, 0x40)
		if err == nil || !strings.Contains(err.Error(), path) || !strings.Contains(err.Error(), `tensor "6.bias" element 0 is 2.58`) {
			t.Errorf("err = %v, want one naming %s and tensor 6.bias's value", err, path)
		}
	})
	t.Run("last bias doubled", func(t *testing.T) {
		path, err := flip(t, lastBias, 2, 0x80) // 1.5174: a plausible parameter, an impossible accuracy
		if err == nil || !strings.Contains(err.Error(), path) || !strings.Contains(err.Error(), "damaged predictor: it predicts top-1 accuracy 1.") {
			t.Errorf("err = %v, want one naming %s and the accuracy predicted", err, path)
		}
	})
	t.Run("random weights' top exponent bit", func(t *testing.T) {
		rng := rand.New(rand.NewPCG(7, 7))
		for range 40 {
			l := p.layers[rng.IntN(len(p.layers))]
			row := l.W[rng.IntN(len(l.W))]
			x := row[rng.IntN(len(row))]
			if x == 0 || bytes.Count(orig, float32Bytes(x)) != 1 {
				continue
			}
			if path, err := flip(t, x, 3, 0x40); err == nil || !strings.Contains(err.Error(), path) {
				t.Errorf("weight %v of layer %s times 2^128: err = %v", x, l.name, err)
			}
		}
	})
}

// Predict checks its outputs too, whatever built the predictor: an encoding far from
// any OFA architecture can drive a sound MLP out of [0, 1].
func TestPredictRefusesOutOfRange(t *testing.T) {
	p := &Predictor{Path: "x.pth", InWidth: 1, layers: []dense{{W: [][]float32{{1}}}}}
	if got, err := p.Predict([][]float64{{0.5}}); err != nil || got[0] != 0.5 {
		t.Fatalf("Predict(0.5) = %v, %v", got, err)
	}
	for _, x := range []float64{1.8998, -0.1, math.Inf(1)} {
		got, err := p.Predict([][]float64{{0.5}, {x}})
		if err == nil || !strings.Contains(err.Error(), "x.pth") || !strings.Contains(err.Error(), "X[1]") {
			t.Errorf("Predict(%v) = %v, %v; want an error naming x.pth and X[1]", x, got, err)
		}
	}
	// In the second chunk of a large batch, the encoding is named by its place in the batch.
	big := make([][]float64, 3001)
	for i := range big {
		big[i] = []float64{0.5}
	}
	big[3000] = []float64{-0.1}
	if _, err := p.Predict(big); err == nil || !strings.Contains(err.Error(), "prediction 3001 of 3001 (X[3000])") {
		t.Errorf("a bad encoding at 3000 of 3001: %v", err)
	}
}
