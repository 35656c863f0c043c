package mlp32

import (
	"math"
	"math/rand/v2"
	"runtime"
	"strings"
	"testing"
)

// randomLayers are layers of the given widths with weights and biases uniform in
// [-0.5, 0.5), drawn from seed.
func randomLayers(seed uint64, widths ...int) []Layer {
	rng := rand.New(rand.NewPCG(seed, 1))
	var ls []Layer
	for i := 1; i < len(widths); i++ {
		l := Layer{W: make([][]float32, widths[i]), B: make([]float32, widths[i])}
		for o := range l.W {
			l.W[o] = make([]float32, widths[i-1])
			for k := range l.W[o] {
				l.W[o][k] = rng.Float32() - 0.5
			}
			l.B[o] = rng.Float32() - 0.5
		}
		ls = append(ls, l)
	}
	return ls
}

func randomInputs(seed uint64, n, width int) [][]float64 {
	rng := rand.New(rand.NewPCG(seed, 2))
	X := make([][]float64, n)
	for i := range X {
		X[i] = make([]float64, width)
		for k := range X[i] {
			X[i][k] = rng.Float64()
		}
	}
	return X
}

// TestKernelMatchesGo checks the assembly kernel against the Go one on random blocks,
// including k = 0 and 1 and strides wider than the block.
func TestKernelMatchesGo(t *testing.T) {
	if !hasFMA {
		t.Skip("no AVX2 and FMA here: kernel is kernelGo")
	}
	rng := rand.New(rand.NewPCG(7, 7))
	for _, k := range []int{0, 1, 2, 7, 128, 400} {
		lda, ldc := k+3, blockCols+5
		a := make([]float32, blockRows*lda)
		b := make([]float32, k*blockCols)
		c := make([]float32, blockRows*ldc)
		for _, s := range [][]float32{a, b, c} {
			for i := range s {
				s[i] = rng.Float32() - 0.5
			}
		}
		want := append([]float32(nil), c...)
		kernelGo(a, lda, b, k, want, ldc)
		got := append([]float32(nil), c...)
		kernel(a, lda, b, k, got, ldc)
		for i := range got {
			// FMA rounds once where Go rounds twice: equal to a few ulps of the sum.
			if math.Abs(float64(got[i]-want[i])) > 1e-5*(1+math.Abs(float64(want[i]))) {
				t.Fatalf("k=%d: element %d (row %d, column %d): assembly %v, Go %v", k, i, i/ldc, i%ldc, got[i], want[i])
			}
		}
		// Outside the block (the stride's gap) nothing is written.
		for r := range blockRows {
			for j := blockCols; j < ldc; j++ {
				if got[r*ldc+j] != c[r*ldc+j] {
					t.Fatalf("k=%d: wrote outside the block at row %d column %d", k, r, j)
				}
			}
		}
	}
}

// TestForwardMatchesReference evaluates networks whose widths are not multiples of the
// kernel's block (padding), on row counts around the chunk size, with one and two
// workers, against the float64 definition.
func TestForwardMatchesReference(t *testing.T) {
	for _, widths := range [][]int{{128, 400, 400, 400, 1}, {82, 400, 400, 400, 1}, {5, 17, 3}, {1, 1}} {
		ls := randomLayers(3, widths...)
		m, err := New(ls)
		if err != nil {
			t.Fatal(err)
		}
		for _, procs := range []int{1, 2} {
			old := runtime.GOMAXPROCS(procs)
			for _, n := range []int{0, 1, 3, 4, 63, 64, 65, 130} {
				X := randomInputs(uint64(n), n, widths[0])
				got, err := m.Forward(X)
				if err != nil {
					t.Fatal(err)
				}
				out := widths[len(widths)-1]
				if len(got) != n*out {
					t.Fatalf("widths %v, %d rows: %d outputs, want %d", widths, n, len(got), n*out)
				}
				for r, x := range X {
					want := Reference(ls, x)
					for o, w := range want {
						// float32 sums of 400 terms against float64: relative 1e-4.
						if g := got[r*out+o]; math.Abs(g-w) > 1e-4*(1+math.Abs(w)) {
							t.Fatalf("widths %v, %d rows, GOMAXPROCS %d: row %d output %d is %v, want %v", widths, n, procs, r, o, g, w)
						}
					}
				}
			}
			runtime.GOMAXPROCS(old)
		}
	}
}

func TestNewRejectsMismatchedLayers(t *testing.T) {
	ls := randomLayers(1, 4, 3, 2)
	ls[1].W = ls[1].W[:1]
	ls[1].B = ls[1].B[:1]
	ls = append(ls, randomLayers(1, 5, 1)...) // takes 5 inputs after a layer of 1
	for _, tc := range []struct {
		layers []Layer
		want   string
	}{
		{nil, "no layers"},
		{[]Layer{{W: [][]float32{{1, 2}, {3}}}}, "weight row 1 has 1 columns"},
		{[]Layer{{W: [][]float32{{1}}, B: []float32{1, 2}}}, "2 biases for 1 outputs"},
		{ls, "layer 2 takes 5 inputs, layer 1 gives 1"},
	} {
		if _, err := New(tc.layers); err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("New: error %v, want one saying %q", err, tc.want)
		}
	}
	m, err := New(randomLayers(1, 4, 2))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := m.Forward([][]float64{{1, 2, 3, 4}, {1, 2}}); err == nil || !strings.Contains(err.Error(), "input row 1 has 2 values, the network takes 4") {
		t.Errorf("Forward of a short row: error %v", err)
	}
}

// BenchmarkForward10000 is OFA's MobileNetV3 predictor's shape (128-400-400-400-1) on
// 10,000 inputs: 3.7 GFLOP.
func BenchmarkForward10000(b *testing.B) {
	m, err := New(randomLayers(1, 128, 400, 400, 400, 1))
	if err != nil {
		b.Fatal(err)
	}
	X := randomInputs(1, 10000, 128)
	for b.Loop() {
		if _, err := m.Forward(X); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkKernelGo10000 is BenchmarkForward10000 with the plain-Go kernel: what the
// assembly buys.
func BenchmarkForwardGoKernel10000(b *testing.B) {
	if !hasFMA {
		b.Skip("the kernel is already kernelGo here")
	}
	hasFMA = false
	defer func() { hasFMA = true }()
	BenchmarkForward10000(b)
}
