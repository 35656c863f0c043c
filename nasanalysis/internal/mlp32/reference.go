package mlp32

// Reference evaluates layers on one input in float64, straight from the definition (no
// packing, no blocks, no assembly): for checks of MLP.Forward, and of weights read from
// a file before anyone uses them.
func Reference(layers []Layer, x []float64) []float64 {
	h := x
	for i, l := range layers {
		next := make([]float64, len(l.W))
		for o, row := range l.W {
			sum := 0.0
			if l.B != nil {
				sum = float64(l.B[o])
			}
			for k, w := range row {
				sum += float64(w) * h[k]
			}
			if i < len(layers)-1 {
				sum = max(sum, 0)
			}
			next[o] = sum
		}
		h = next
	}
	return h
}
