package search

import (
	"fmt"
	"math"
	"slices"
	"strings"

	"github.com/nasanalysis/nasanalysis/nasanalysis/stats"
)

// SameHardwareSRCC is the rank correlation of two devices' latencies over the
// architectures measured on both at or above which GroupDevices counts them as one
// hardware: their rankings are then interchangeable (NB201's eagle_gtx and eagle_i7,
// 0.9989, which the datasets README calls a likely upstream duplicate), and counting
// them twice would give that hardware two votes in the average and the worst case.
const SameHardwareSRCC = 0.99

// Grouping is how a multi-hardware study's devices fall into hardware: devices of the
// same named hardware (one GPU at two batch sizes) or whose latencies rank alike (SRCC
// at least Threshold) are one group, counted once in the average and the worst case
// with the mean of its members' latency ratios.
type Grouping struct {
	Devices []string
	// Hardware names the hardware behind each device ("": unknown, or not hardware, as
	// FLOPs), as the data describes it.
	Hardware []string
	// SRCC[a][b] is Spearman's rank correlation of devices a and b over the
	// architectures with a latency on both (NaN on the diagonal).
	SRCC [][]float64
	// Over[a][b] is the number of architectures SRCC[a][b] is computed over.
	Over      [][]int
	Threshold float64
	// Groups lists each group's device indices, ascending, groups in the order of their
	// first device.
	Groups [][]int
	// Links are the pairs that joined devices into one group, each with its reason.
	Links []GroupLink
}

// GroupLink is one pair of devices counted as one hardware, and why.
type GroupLink struct {
	A, B         int
	SameHardware bool    // both are the named hardware Hardware[A]
	SRCC         float64 // their rank correlation
}

// GroupDevices groups devices into hardware: a and b are one when hardware[a] ==
// hardware[b] (both named) or when their latencies lat[a] and lat[b] (one entry per
// architecture; NaN or non-positive: not measured) rank with SRCC at least threshold
// over the architectures measured on both; groups are the transitive closure of those
// links.
func GroupDevices(devices, hardware []string, lat [][]float64, threshold float64) (*Grouping, error) {
	n := len(devices)
	if n == 0 || len(hardware) != n || len(lat) != n {
		return nil, fmt.Errorf("device grouping: %d devices, %d hardware names, %d latency columns", n, len(hardware), len(lat))
	}
	g := &Grouping{Devices: slices.Clone(devices), Hardware: slices.Clone(hardware), Threshold: threshold, SRCC: make([][]float64, n), Over: make([][]int, n)}
	parent := make([]int, n)
	for a := range parent {
		parent[a], g.SRCC[a], g.Over[a] = a, make([]float64, n), make([]int, n)
		g.SRCC[a][a] = math.NaN()
	}
	root := func(a int) int {
		for parent[a] != a {
			a = parent[a]
		}
		return a
	}
	for a := range n {
		for b := a + 1; b < n; b++ {
			x, y := measuredPairs(lat[a], lat[b])
			rho, err := stats.SpearmanRho(x, y)
			if err != nil {
				return nil, fmt.Errorf("device grouping: SRCC of %s and %s over %d architectures measured on both: %w", devices[a], devices[b], len(x), err)
			}
			g.SRCC[a][b], g.SRCC[b][a], g.Over[a][b], g.Over[b][a] = rho, rho, len(x), len(x)
			same := hardware[a] != "" && hardware[a] == hardware[b]
			if same || rho >= threshold {
				g.Links = append(g.Links, GroupLink{A: a, B: b, SameHardware: same, SRCC: rho})
				parent[root(b)] = root(a)
			}
		}
	}
	byRoot := map[int]int{}
	for d := range n {
		r := root(d)
		k, ok := byRoot[r]
		if !ok {
			k = len(g.Groups)
			byRoot[r] = k
			g.Groups = append(g.Groups, nil)
		}
		g.Groups[k] = append(g.Groups[k], d)
	}
	return g, nil
}

// measuredPairs are the entries of x and y where both are a positive finite latency.
func measuredPairs(x, y []float64) ([]float64, []float64) {
	var cx, cy []float64
	for i := range x {
		if x[i] > 0 && y[i] > 0 && !math.IsInf(x[i], 0) && !math.IsInf(y[i], 0) {
			cx, cy = append(cx, x[i]), append(cy, y[i])
		}
	}
	return cx, cy
}

// Members are the groups' device indices (a copy).
func (g *Grouping) Members() [][]int {
	out := make([][]int, len(g.Groups))
	for k, m := range g.Groups {
		out[k] = slices.Clone(m)
	}
	return out
}

// Names are the groups' names: a lone device's name, or its members' joined by " + ".
func (g *Grouping) Names() []string {
	out := make([]string, len(g.Groups))
	for k, m := range g.Groups {
		names := make([]string, len(m))
		for i, d := range m {
			names[i] = g.Devices[d]
		}
		out[k] = strings.Join(names, " + ")
	}
	return out
}

// Merged reports whether any group has more than one device.
func (g *Grouping) Merged() bool { return len(g.Groups) < len(g.Devices) }
