package measfile

import (
	"fmt"
	"strconv"
	"strings"
)

// Shard is part I of N (0 <= I < N) of a sample: the items at positions I, I+N, I+2N,
// ... So N processes given the same seeded sample and shards 0/N to N-1/N measure
// disjoint parts that together are the whole, in any order and on any machines (a
// Kubernetes completion index or a Slurm array task id is I).
type Shard struct{ I, N int }

// Whole is the single shard of an unsplit run.
var Whole = Shard{0, 1}

// ParseShard reads "I/N" with 0 <= I < N.
func ParseShard(s string) (Shard, error) {
	a, b, ok := strings.Cut(s, "/")
	i, err1 := strconv.Atoi(a)
	n, err2 := strconv.Atoi(b)
	if !ok || err1 != nil || err2 != nil || n < 1 || i < 0 || i >= n {
		return Shard{}, fmt.Errorf("shard %q: want I/N with 0 <= I < N, e.g. 0/4 (a Kubernetes completion index or a Slurm array task id over N)", s)
	}
	return Shard{i, n}, nil
}

// String writes the shard as ParseShard reads it: "I/N".
func (s Shard) String() string { return fmt.Sprintf("%d/%d", s.I, s.N) }

// Select returns the items of shard s: those at positions s.I, s.I+s.N, ... in order.
// It panics on a shard ParseShard would refuse (a programmer's error).
func Select[T any](s Shard, items []T) []T {
	if s.N < 1 || s.I < 0 || s.I >= s.N {
		panic(fmt.Sprintf("measfile.Select: shard %d/%d", s.I, s.N))
	}
	var out []T
	for k := s.I; k < len(items); k += s.N {
		out = append(out, items[k])
	}
	return out
}
