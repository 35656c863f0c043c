package latency

import (
	"fmt"

	"github.com/nasanalysis/nasanalysis/nasanalysis/arch"
)

// Latencies returns src's latency (ms) of each architecture; the error names the first
// architecture the source cannot price.
func Latencies(src Source, as []arch.MBArch) ([]float64, error) {
	out := make([]float64, len(as))
	for i, a := range as {
		v, err := src.Latency(a)
		if err != nil {
			return nil, fmt.Errorf("%s latency of architecture %d: %w", src.Name(), i, err)
		}
		out[i] = v
	}
	return out, nil
}
