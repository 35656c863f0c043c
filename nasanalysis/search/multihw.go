package search

import (
	"fmt"
	"math"
	"slices"

	"github.com/nasanalysis/nasanalysis/nasanalysis/prose"
)

// MultiHW is the multi-hardware view of Chu et al. (2020, "Discovering Multi-Hardware
// Mobile Models via Architecture Search") of a set of architectures: each one's latency
// on every chosen device divided by that device's reference (a reference
// architecture's latency, or a latency budget), and the mean (average case) and maximum
// (worst case) of those ratios. An architecture with a missing or unusable latency on
// any chosen device is left out — never averaged as NaN — and counted.
type MultiHW struct {
	Devices []string
	Ref     []float64   // per device, ms
	Kept    []int       // indices of the architectures with every latency present
	Ratio   [][]float64 // Ratio[k][d]: architecture Kept[k] on device d over Ref[d]
	Avg     []float64   // per kept architecture: mean over devices of Ratio
	Worst   []float64   // per kept architecture: max over devices of Ratio
	Missing int         // architectures left out
	// MissingOn counts, per device, the architectures whose latency there was missing.
	MissingOn []int
}

// NormaliseLatency computes the multi-hardware view. lat[d][i] is architecture i's
// latency on device d (NaN: not measured); ref[d] is the device's reference, positive.
func NormaliseLatency(devices []string, lat [][]float64, ref []float64) (*MultiHW, error) {
	if len(devices) == 0 || len(lat) != len(devices) || len(ref) != len(devices) {
		return nil, fmt.Errorf("multi-hardware: %d devices, %d latency columns, %d references", len(devices), len(lat), len(ref))
	}
	n := len(lat[0])
	for d, col := range lat {
		if len(col) != n {
			return nil, fmt.Errorf("multi-hardware: device %s has %d latencies, %s has %d", devices[d], len(col), devices[0], n)
		}
		if !(ref[d] > 0) || math.IsInf(ref[d], 0) {
			return nil, fmt.Errorf("multi-hardware: reference latency %v on %s is not a positive number", ref[d], devices[d])
		}
	}
	m := &MultiHW{Devices: slices.Clone(devices), Ref: slices.Clone(ref), MissingOn: make([]int, len(devices))}
	for i := range n {
		ok := true
		for d := range lat {
			if v := lat[d][i]; !(v > 0) || math.IsInf(v, 0) {
				m.MissingOn[d]++
				ok = false
			}
		}
		if !ok {
			m.Missing++
			continue
		}
		r := make([]float64, len(devices))
		sum, worst := 0.0, 0.0
		for d := range lat {
			r[d] = lat[d][i] / ref[d]
			sum += r[d]
			worst = max(worst, r[d])
		}
		m.Kept, m.Ratio = append(m.Kept, i), append(m.Ratio, r)
		m.Avg, m.Worst = append(m.Avg, sum/float64(len(devices))), append(m.Worst, worst)
	}
	if len(m.Kept) == 0 {
		return nil, fmt.Errorf("multi-hardware: no architecture has a latency on every one of %v", devices)
	}
	return m, nil
}

// RefOf is the reference of each device taken from one architecture's latencies.
func RefOf(lat [][]float64, i int) []float64 {
	out := make([]float64, len(lat))
	for d := range lat {
		out[d] = lat[d][i]
	}
	return out
}

// Note says how many architectures were left out and on which devices.
func (m *MultiHW) Note() string {
	if m.Missing == 0 {
		return fmt.Sprintf("%s architectures, all measured on the %d devices", prose.Num(len(m.Kept)), len(m.Devices))
	}
	var on []string
	for d, c := range m.MissingOn {
		if c > 0 {
			on = append(on, fmt.Sprintf("%s on %s", prose.Num(c), m.Devices[d]))
		}
	}
	return fmt.Sprintf("%s architectures kept; %s left out for a missing latency (%s)", prose.Num(len(m.Kept)), prose.Num(m.Missing), prose.JoinAnd(on))
}
