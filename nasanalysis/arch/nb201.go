package arch

import (
	"fmt"
	"math/rand/v2"
	"strconv"
	"strings"
)

// Op is one of the five NAS-Bench-201 edge operations.
type Op uint8

// The NAS-Bench-201 operations, in the order of the OneProxy one-hot encoding.
const (
	OpNone Op = iota
	OpSkip
	OpConv1x1
	OpConv3x3
	OpAvgPool
	NumOps
)

var opNames = [NumOps]string{"none", "skip_connect", "nor_conv_1x1", "nor_conv_3x3", "avg_pool_3x3"}

// String returns the operation's name as NAS-Bench-201 spells it.
func (o Op) String() string {
	if o < NumOps {
		return opNames[o]
	}
	return fmt.Sprintf("Op(%d)", o)
}

// ParseOp returns the operation with the given NAS-Bench-201 name.
func ParseOp(name string) (Op, error) {
	for i, n := range opNames {
		if n == name {
			return Op(i), nil
		}
	}
	return 0, fmt.Errorf("unknown NAS-Bench-201 operation %q (want one of %s)", name, strings.Join(opNames[:], ", "))
}

// NumEdges is the number of edges of a NAS-Bench-201 cell.
const NumEdges = 6

// CellEdges lists the edges of a cell as (to, from) node pairs in the order of the cell
// string and of the one-hot encoding: 1<-0, 2<-0, 2<-1, 3<-0, 3<-1, 3<-2.
var CellEdges = [NumEdges][2]int{{1, 0}, {2, 0}, {2, 1}, {3, 0}, {3, 1}, {3, 2}}

// Cell is a NAS-Bench-201 cell: the operation on each edge, in CellEdges order.
type Cell [NumEdges]Op

// ParseCell parses a canonical cell string such as
// "|nor_conv_3x3~0|+|none~0|skip_connect~1|+|avg_pool_3x3~0|none~1|nor_conv_1x1~2|":
// three nodes separated by "+", node j listing its j inputs as op~source in source order.
func ParseCell(s string) (Cell, error) {
	var c Cell
	nodes := strings.Split(s, "+")
	if len(nodes) != 3 {
		return c, fmt.Errorf("malformed cell %q: want 3 nodes separated by '+', got %d", s, len(nodes))
	}
	e := 0
	for j, node := range nodes {
		if len(node) < 2 || node[0] != '|' || node[len(node)-1] != '|' {
			return c, fmt.Errorf("malformed cell %q: node %d %q must be enclosed in '|'", s, j+1, node)
		}
		inputs := strings.Split(node[1:len(node)-1], "|")
		if len(inputs) != j+1 {
			return c, fmt.Errorf("malformed cell %q: node %d has %d inputs, want %d", s, j+1, len(inputs), j+1)
		}
		for src, in := range inputs {
			name, from, ok := strings.Cut(in, "~")
			if !ok {
				return c, fmt.Errorf("malformed cell %q: input %q of node %d lacks '~source'", s, in, j+1)
			}
			op, err := ParseOp(name)
			if err != nil {
				return c, fmt.Errorf("malformed cell %q: %w", s, err)
			}
			// Only the canonical digits: the cell string is the cell's identity in the
			// datasets, and Atoi would also take "00", "+0" and "-0".
			if from != strconv.Itoa(src) {
				return c, fmt.Errorf("malformed cell %q: input %q of node %d must come from node %d", s, in, j+1, src)
			}
			c[e] = op
			e++
		}
	}
	return c, nil
}

// String returns the canonical cell string.
func (c Cell) String() string {
	var b strings.Builder
	e := 0
	for j := 1; j <= 3; j++ {
		if j > 1 {
			b.WriteByte('+')
		}
		b.WriteByte('|')
		for src := 0; src < j; src++ {
			fmt.Fprintf(&b, "%s~%d|", c[e], src)
			e++
		}
	}
	return b.String()
}

// Connected reports whether the output node 3 is reachable from the input node 0
// through edges whose operation is not "none". Disconnected cells output zeros and
// score chance-level accuracy.
func (c Cell) Connected() bool {
	reach := [4]bool{true}
	for e, edge := range CellEdges { // edges are topologically ordered by target
		if c[e] != OpNone && reach[edge[1]] {
			reach[edge[0]] = true
		}
	}
	return reach[3]
}

// OneHot returns the 30-number encoding of OneProxy and HELP: six groups of five, one
// per edge in CellEdges order, with a 1 at the operation's position.
func (c Cell) OneHot() []float64 {
	x := make([]float64, NumEdges*int(NumOps))
	for e, op := range c {
		x[e*int(NumOps)+int(op)] = 1
	}
	return x
}

// Flat is the cell's flat encoding: its one-hot (OneHot).
func (c Cell) Flat() []float64 { return c.OneHot() }

// CellFromOneHot decodes a 30-number one-hot encoding (extra trailing numbers, such as
// OneProxy's constant 1, are ignored). Each group must hold exactly one 1 and four 0s.
func CellFromOneHot(x []float64) (Cell, error) {
	var c Cell
	if len(x) < NumEdges*int(NumOps) {
		return c, fmt.Errorf("one-hot cell encoding has %d numbers, want at least %d", len(x), NumEdges*int(NumOps))
	}
	for e := range c {
		hot := -1
		for k := 0; k < int(NumOps); k++ {
			switch v := x[e*int(NumOps)+k]; v {
			case 0:
			case 1:
				if hot >= 0 {
					return c, fmt.Errorf("one-hot cell encoding: edge %d has two operations set", e)
				}
				hot = k
			default:
				return c, fmt.Errorf("one-hot cell encoding: edge %d holds %v, want 0 or 1", e, v)
			}
		}
		if hot < 0 {
			return c, fmt.Errorf("one-hot cell encoding: edge %d has no operation set", e)
		}
		c[e] = Op(hot)
	}
	return c, nil
}

// Validate checks that every edge holds one of the five operations.
func (c Cell) Validate() error {
	for e, op := range c {
		if op >= NumOps {
			return fmt.Errorf("nb201: edge %d holds operation %d, want 0..%d", e, op, NumOps-1)
		}
	}
	return nil
}

// SampleCell draws each edge's operation uniformly.
func SampleCell(rng *rand.Rand) Cell {
	var c Cell
	for e := range c {
		c[e] = Op(rng.IntN(int(NumOps)))
	}
	return c
}

// Mutate redraws each edge's operation with probability p.
func (c Cell) Mutate(rng *rand.Rand, p float64) Cell {
	s := SampleCell(rng)
	for e := range c {
		if rng.Float64() < p {
			c[e] = s[e]
		}
	}
	return c
}

// Crossover takes each edge's operation from c or d with equal probability.
func (c Cell) Crossover(rng *rand.Rand, d Cell) Cell {
	for e := range c {
		if rng.IntN(2) == 1 {
			c[e] = d[e]
		}
	}
	return c
}

// NB201 graph node features: the cell's input and output, then the five operations.
const (
	nb201In      = 0
	nb201Out     = 1
	nb201OpBase  = 2
	nb201Feature = nb201OpBase + int(NumOps)
)

// Graph is BRP-NAS's operations graph of the cell: one node per edge operation plus an
// input and an output node (8 nodes). An operation node feeds every operation leaving
// the cell node it writes to, and operations writing node 3 feed the output. A "none"
// operation carries nothing, so it gets no edges: a disconnected cell has no path from
// input to output, which is what makes it score chance accuracy.
func (c Cell) Graph() Graph {
	g := newGraph(NumEdges+2, nb201Feature)
	const in, out = 0, NumEdges + 1
	g.Nodes[in][nb201In] = 1
	g.Nodes[out][nb201Out] = 1
	for e, op := range c {
		g.Nodes[e+1][nb201OpBase+int(op)] = 1
		if op == OpNone {
			continue
		}
		to, from := CellEdges[e][0], CellEdges[e][1]
		if from == 0 {
			g.Adj[in][e+1] = 1
		}
		if to == 3 {
			g.Adj[e+1][out] = 1
		}
		for f, next := range CellEdges {
			if next[1] == to && c[f] != OpNone {
				g.Adj[e+1][f+1] = 1
			}
		}
	}
	return g
}

// MACs returns the multiply-accumulates of the CIFAR NAS-Bench-201 network built from
// the cell: a 3x3 stem to 16 channels at 32x32; three stages of five cells at 16, 32 and
// 64 channels (32x32, 16x16, 8x8) joined by two residual reduction blocks; a 64 -> 10
// classifier. Each stage's C²·H·W is the same 262,144, so a 1x1 convolution edge costs
// 15 cells x 262,144 MACs and a 3x3 one nine times that. Pooling and batch-norm work are
// not counted, as NAS-Bench-201's FLOPs do not count them; the extremes match its
// published CIFAR-10 range, 7.78305 M (no convolution in the cell) to 220.11969 M (six
// 3x3 convolutions).
func (c Cell) MACs() float64 {
	const (
		stem       = 3 * 16 * 9 * 32 * 32
		reduction1 = 16*32*9*16*16 + 32*32*9*16*16 + 16*32*16*16 // conv3x3 s2, conv3x3, 1x1 shortcut
		reduction2 = 32*64*9*8*8 + 64*64*9*8*8 + 32*64*8*8
		classifier = 64*10 + 10 // NAS-Bench-201's counter includes the classifier's bias
		perC2HW    = 16 * 16 * 32 * 32
		cells      = 15
	)
	macs := float64(stem + reduction1 + reduction2 + classifier)
	for _, op := range c {
		switch op {
		case OpConv1x1:
			macs += cells * perC2HW
		case OpConv3x3:
			macs += cells * 9 * perC2HW
		}
	}
	return macs
}
