package plots

import (
	"sort"
	"strings"
)

// NaturalLess reports whether a sorts before b when runs of digits compare as numbers:
// "1080ti_32" < "1080ti_256", "s2l0" < "s10l0". Device and configuration names carry
// batch sizes, resolutions and positions as numbers, and string order would put 256
// before 32. Other runs compare byte by byte; names that compare equal as numbers
// ("7" and "07") fall back to string order, so the order is total.
func NaturalLess(a, b string) bool {
	if c := naturalCompare(a, b); c != 0 {
		return c < 0
	}
	return a < b
}

// NaturalSort sorts names in place in NaturalLess order.
func NaturalSort(names []string) {
	sort.SliceStable(names, func(i, j int) bool { return NaturalLess(names[i], names[j]) })
}

// NaturalOrder is the order in which the builders draw categories (boxes, heatmap rows
// and columns, legend entries): order[k] is the index in names of the k-th category
// drawn. Names that differ only in their numbers form a family ("1080ti_1",
// "1080ti_256", "2080ti_32" are one: "#ti_#"), and each family is sorted in NaturalLess
// order within the positions its members already hold. A caller's deliberate grouping
// (devices grouped by kind) is kept, while a family's members come in numeric order.
func NaturalOrder(names []string) []int {
	order := make([]int, len(names))
	for i := range order {
		order[i] = i
	}
	families := map[string][]int{}
	var keys []string
	for i, n := range names {
		k := family(n)
		if _, ok := families[k]; !ok {
			keys = append(keys, k)
		}
		families[k] = append(families[k], i)
	}
	for _, k := range keys {
		slots := families[k] // ascending positions held by the family
		members := append([]int(nil), slots...)
		sort.SliceStable(members, func(i, j int) bool { return NaturalLess(names[members[i]], names[members[j]]) })
		for s, pos := range slots {
			order[pos] = members[s]
		}
	}
	return order
}

// family replaces every run of digits in name by '#'.
func family(name string) string {
	var b strings.Builder
	inDigits := false
	for i := 0; i < len(name); i++ {
		if isDigit(name[i]) {
			if !inDigits {
				b.WriteByte('#')
			}
			inDigits = true
			continue
		}
		inDigits = false
		b.WriteByte(name[i])
	}
	return b.String()
}

func isDigit(c byte) bool { return '0' <= c && c <= '9' }

// naturalCompare compares a and b run by run: digit runs by numeric value (by length
// once leading zeros are dropped, then digit by digit, so any length works), other
// runs byte by byte.
func naturalCompare(a, b string) int {
	i, j := 0, 0
	for i < len(a) && j < len(b) {
		if isDigit(a[i]) && isDigit(b[j]) {
			si, sj := i, j
			for i < len(a) && isDigit(a[i]) {
				i++
			}
			for j < len(b) && isDigit(b[j]) {
				j++
			}
			na := strings.TrimLeft(a[si:i], "0")
			nb := strings.TrimLeft(b[sj:j], "0")
			if len(na) != len(nb) {
				if len(na) < len(nb) {
					return -1
				}
				return 1
			}
			if c := strings.Compare(na, nb); c != 0 {
				return c
			}
			continue
		}
		if a[i] != b[j] {
			if a[i] < b[j] {
				return -1
			}
			return 1
		}
		i++
		j++
	}
	switch {
	case len(a)-i < len(b)-j:
		return -1
	case len(a)-i > len(b)-j:
		return 1
	}
	return 0
}
