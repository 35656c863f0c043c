package arch

import "fmt"

// Count returns how many edges of the cell carry op.
func (c Cell) Count(op Op) int {
	n := 0
	for _, o := range c {
		if o == op {
			n++
		}
	}
	return n
}

// CountOp parses each NAS-Bench-201 cell string and returns how many of its edges
// carry op; the error names the first cell that does not parse.
func CountOp(cells []string, op Op) ([]int, error) {
	out := make([]int, len(cells))
	for i, s := range cells {
		c, err := ParseCell(s)
		if err != nil {
			return nil, fmt.Errorf("cell %d: %w", i, err)
		}
		out[i] = c.Count(op)
	}
	return out, nil
}

// OpNames lists the NAS-Bench-201 operation names in Op order.
func OpNames() []string {
	out := make([]string, NumOps)
	for op := Op(0); op < NumOps; op++ {
		out[op] = op.String()
	}
	return out
}
