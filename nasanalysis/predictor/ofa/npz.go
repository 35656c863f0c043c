package ofa

import (
	"fmt"

	"codeberg.org/sbinet/npyio/npz"
)

// WriteNPZ writes the predictor's weights, as this package read them from the
// publisher's file, and the encodings X into a NumPy .npz archive, so that numpy can
// evaluate the same network on the same inputs (make bench's reference): for each layer
// k, Wk (out x in, row-major) and bk (zeros where the layer has no bias) with
// Wk_shape; base; and X (len(X) x InWidth) with X_shape. All float32, as the
// predictor computes.
func (p *Predictor) WriteNPZ(path string, X [][]float64) error {
	vs := map[string]any{"base.npy": []float32{p.base}}
	for k, l := range p.layers {
		in := len(l.W[0])
		w := make([]float32, 0, len(l.W)*in)
		for _, row := range l.W {
			w = append(w, row...)
		}
		b := l.B
		if b == nil {
			b = make([]float32, len(l.W))
		}
		vs[fmt.Sprintf("W%d.npy", k)] = w
		vs[fmt.Sprintf("W%d_shape.npy", k)] = []int64{int64(len(l.W)), int64(in)}
		vs[fmt.Sprintf("b%d.npy", k)] = b
	}
	x := make([]float32, 0, len(X)*p.InWidth)
	for i, row := range X {
		if len(row) != p.InWidth {
			return fmt.Errorf("X[%d] has %d features, the predictor %d", i, len(row), p.InWidth)
		}
		for _, v := range row {
			x = append(x, float32(v))
		}
	}
	vs["X.npy"] = x
	vs["X_shape.npy"] = []int64{int64(len(X)), int64(p.InWidth)}
	vs["layers.npy"] = []int64{int64(len(p.layers))}
	if err := npz.Write(path, vs); err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	return nil
}
