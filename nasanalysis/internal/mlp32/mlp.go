package mlp32

import (
	"fmt"
	"runtime"
	"sync"
	"sync/atomic"
)

// Layer is one dense layer as PyTorch stores it: W is out x in, B is nil (no bias) or
// out long.
type Layer struct {
	W [][]float32
	B []float32
}

// MLP is a network ready to evaluate: ReLU after every layer but the last.
type MLP struct {
	in, out int
	layers  []packed
}

// packed is a layer in the kernel's layout. Its output width is rounded up to a whole
// number of 16-column panels; the extra columns have zero weights and bias, so they are
// zero after ReLU, and the next layer's rows for them are zero too.
type packed struct {
	in, out int // in is the previous layer's padded width (the input's own for the first)
	// panels[q*in*16 + p*16 + j] is W[16q+j][p]: panel q is the layer's columns
	// 16q..16q+15, one row of 16 per input, contiguous, as the kernel reads them.
	panels []float32
	bias   []float32 // padded to a multiple of 16
}

// New packs layers (layer i's input width equal to layer i-1's output width).
func New(layers []Layer) (*MLP, error) {
	if len(layers) == 0 {
		return nil, fmt.Errorf("mlp32: no layers")
	}
	m := &MLP{}
	prevOut, prevPadded := 0, 0
	for i, l := range layers {
		if len(l.W) == 0 || len(l.W[0]) == 0 {
			return nil, fmt.Errorf("mlp32: layer %d has an empty weight matrix", i)
		}
		out, in := len(l.W), len(l.W[0])
		for o, row := range l.W {
			if len(row) != in {
				return nil, fmt.Errorf("mlp32: layer %d: weight row %d has %d columns, row 0 has %d", i, o, len(row), in)
			}
		}
		if l.B != nil && len(l.B) != out {
			return nil, fmt.Errorf("mlp32: layer %d: %d biases for %d outputs", i, len(l.B), out)
		}
		padIn := in
		if i == 0 {
			m.in = in
		} else {
			if in != prevOut {
				return nil, fmt.Errorf("mlp32: layer %d takes %d inputs, layer %d gives %d", i, in, i-1, prevOut)
			}
			padIn = prevPadded
		}
		padOut := blockCols * ((out + blockCols - 1) / blockCols)
		p := packed{in: padIn, out: padOut, panels: make([]float32, padOut*padIn), bias: make([]float32, padOut)}
		for o, row := range l.W {
			q, j := o/blockCols, o%blockCols
			for k, w := range row {
				p.panels[q*padIn*blockCols+k*blockCols+j] = w
			}
		}
		copy(p.bias, l.B)
		m.layers = append(m.layers, p)
		prevOut, prevPadded = out, padOut
	}
	m.out = prevOut
	return m, nil
}

// In and Out are the network's input and output widths.
func (m *MLP) In() int  { return m.in }
func (m *MLP) Out() int { return m.out }

// chunkRows is how many inputs one worker evaluates at a time: at OFA's 400-wide layers,
// 64 rows of activations (100 KB) stay in a core's L2 cache while each 25 KB weight
// panel sweeps them from L1.
const chunkRows = 64

// Forward evaluates the network on every row of X (each In() wide) and returns the
// outputs row by row: len(X)*Out() values, output o of row n at n*Out()+o.
func (m *MLP) Forward(X [][]float64) ([]float64, error) {
	for n, x := range X {
		if len(x) != m.in {
			return nil, fmt.Errorf("mlp32: input row %d has %d values, the network takes %d", n, len(x), m.in)
		}
	}
	out := make([]float64, len(X)*m.out)
	chunks := (len(X) + chunkRows - 1) / chunkRows
	workers := min(runtime.GOMAXPROCS(0), chunks)
	var next atomic.Int64
	var wg sync.WaitGroup
	for range workers {
		wg.Go(func() {
			w := m.newWork()
			for {
				c := int(next.Add(1)) - 1
				if c >= chunks {
					return
				}
				lo := c * chunkRows
				m.chunk(w, X[lo:min(lo+chunkRows, len(X))], out[lo*m.out:])
			}
		})
	}
	wg.Wait()
	return out, nil
}

// work is one worker's activations: two buffers of chunkRows rows, used in turn as a
// layer's input and output.
type work struct{ a, b []float32 }

func (m *MLP) newWork() *work {
	width := m.in
	for _, l := range m.layers {
		width = max(width, l.out)
	}
	return &work{a: make([]float32, chunkRows*width), b: make([]float32, chunkRows*width)}
}

// chunk evaluates up to chunkRows rows into out. Rows are rounded up to a multiple of
// the kernel's 4 with zero rows whose outputs are dropped.
func (m *MLP) chunk(w *work, X [][]float64, out []float64) {
	rows := blockRows * ((len(X) + blockRows - 1) / blockRows)
	in, h := w.a, w.b
	clear(in[:rows*m.in])
	for r, x := range X {
		row := in[r*m.in : (r+1)*m.in]
		for k, v := range x {
			row[k] = float32(v)
		}
	}
	for i, l := range m.layers {
		for r := range rows {
			copy(h[r*l.out:(r+1)*l.out], l.bias)
		}
		panelSize := l.in * blockCols
		for q := range l.out / blockCols {
			panel := l.panels[q*panelSize : (q+1)*panelSize]
			for r := 0; r < rows; r += blockRows {
				kernel(in[r*l.in:], l.in, panel, l.in, h[r*l.out+q*blockCols:], l.out)
			}
		}
		if i < len(m.layers)-1 {
			for j, v := range h[:rows*l.out] {
				h[j] = max(v, 0)
			}
		}
		in, h = h, in
	}
	last := m.layers[len(m.layers)-1].out
	for r := range X {
		for o := range m.out {
			out[r*m.out+o] = float64(in[r*last+o])
		}
	}
}
