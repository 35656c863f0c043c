package data

import (
	"fmt"

	"github.com/nasanalysis/nasanalysis/nasanalysis/arch"
)

// Where returns the indices of the architectures for which keep is true, in order.
func (t *LatencyTable) Where(keep func(a arch.Arch) bool) []int {
	var idx []int
	for i, a := range t.Parsed {
		if keep(a) {
			idx = append(idx, i)
		}
	}
	return idx
}

// Rows returns a table of the architectures at idx, in that order, with every device
// column (copied).
func (t *LatencyTable) Rows(idx []int) *LatencyTable {
	out := *t
	out.Archs, out.Parsed = make([]string, len(idx)), make([]arch.Arch, len(idx))
	if t.IDs != nil {
		out.IDs = make([]int, len(idx))
	}
	out.Latency = make([][]float64, len(t.Latency))
	for d := range out.Latency {
		out.Latency[d] = make([]float64, len(idx))
	}
	for k, i := range idx {
		out.Archs[k], out.Parsed[k] = t.Archs[i], t.Parsed[i]
		if t.IDs != nil {
			out.IDs[k] = t.IDs[i]
		}
		for d := range t.Latency {
			out.Latency[d][k] = t.Latency[d][i]
		}
	}
	return &out
}

// RowsOf returns the row of each architecture in table t, matched by canonical string
// (String()); the error names the first architecture the table lacks.
func RowsOf[T arch.Arch](t *LatencyTable, as []T) ([]int, error) {
	row := make(map[string]int, len(t.Parsed))
	for i, a := range t.Parsed {
		row[a.String()] = i
	}
	out := make([]int, len(as))
	for k, a := range as {
		i, ok := row[a.String()]
		if !ok {
			return nil, fmt.Errorf("architecture %d (%s) is not in %s", k, a, t.Path)
		}
		out[k] = i
	}
	return out, nil
}
