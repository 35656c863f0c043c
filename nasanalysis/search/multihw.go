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
// (worst case) of those ratios over the hardware: devices that are one hardware (a
// Grouping) count once, with their members' mean ratio. An architecture with a missing
// or unusable latency on any chosen device is left out — never averaged as NaN — and
// counted.
type MultiHW struct {
	Devices []string
	Ref     []float64   // per device, ms
	Kept    []int       // indices of the architectures with every latency present
	Ratio   [][]float64 // Ratio[k][d]: architecture Kept[k] on device d over Ref[d]
	// Groups are the hardware, each a list of device indices (one device each when
	// ungrouped), GroupNames their names, and GroupRatio[k][g] the mean of Ratio[k] over
	// the members of group g.
	Groups     [][]int
	GroupNames []string
	GroupRatio [][]float64
	Avg        []float64 // per kept architecture: mean over groups of GroupRatio
	Worst      []float64 // per kept architecture: max over groups of GroupRatio
	Missing    int       // architectures left out
	// MissingOn counts, per device, the architectures whose latency there was missing.
	MissingOn []int
}

// NormaliseLatency computes the multi-hardware view with every device its own hardware.
// lat[d][i] is architecture i's latency on device d (NaN: not measured); ref[d] is the
// device's reference, positive.
func NormaliseLatency(devices []string, lat [][]float64, ref []float64) (*MultiHW, error) {
	return NormaliseGrouped(devices, lat, ref, nil)
}

// NormaliseGrouped computes the multi-hardware view with the devices grouped into
// hardware by g (nil: every device its own hardware), whose Devices must be devices.
func NormaliseGrouped(devices []string, lat [][]float64, ref []float64, g *Grouping) (*MultiHW, error) {
	groups, names := singletons(devices)
	if g != nil {
		if !slices.Equal(g.Devices, devices) {
			return nil, fmt.Errorf("multi-hardware: grouping of %v for devices %v", g.Devices, devices)
		}
		groups, names = g.Members(), g.Names()
	}
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
	m := &MultiHW{Devices: slices.Clone(devices), Ref: slices.Clone(ref), MissingOn: make([]int, len(devices)), Groups: groups, GroupNames: names}
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
		for d := range lat {
			r[d] = lat[d][i] / ref[d]
		}
		gr, avg, worst := groupRatios(r, groups)
		m.Kept, m.Ratio, m.GroupRatio = append(m.Kept, i), append(m.Ratio, r), append(m.GroupRatio, gr)
		m.Avg, m.Worst = append(m.Avg, avg), append(m.Worst, worst)
	}
	if len(m.Kept) == 0 {
		return nil, fmt.Errorf("multi-hardware: no architecture has a latency on every one of %v", devices)
	}
	return m, nil
}

// singletons are the groups of devices that are each their own hardware.
func singletons(devices []string) ([][]int, []string) {
	groups := make([][]int, len(devices))
	for d := range devices {
		groups[d] = []int{d}
	}
	return groups, slices.Clone(devices)
}

// groupRatios are the mean ratio r of each group's members, and the mean (average case)
// and maximum (worst case) of those over the groups.
func groupRatios(r []float64, groups [][]int) (gr []float64, avg, worst float64) {
	gr = make([]float64, len(groups))
	for g, members := range groups {
		for _, d := range members {
			gr[g] += r[d] / float64(len(members))
		}
		avg += gr[g] / float64(len(groups))
		worst = max(worst, gr[g])
	}
	return gr, avg, worst
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
