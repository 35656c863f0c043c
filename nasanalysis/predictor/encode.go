package predictor

import (
	"fmt"
	"slices"
	"strings"

	"github.com/nasanalysis/nasanalysis/nasanalysis/data"
)

// DAG is an architecture as a directed graph of operations, the input of the GCN
// predictor: Nodes[i] holds node i's features and Adj[i][j] = 1 for an edge i -> j.
// DAGs of one space all have the same number of nodes and node features, so they
// batch into dense tensors.
type DAG struct {
	Nodes [][]float64
	Adj   [][]float64
}

func newDAG(nodes, features int) DAG {
	g := DAG{Nodes: make([][]float64, nodes), Adj: make([][]float64, nodes)}
	for i := range g.Nodes {
		g.Nodes[i] = make([]float64, features)
		g.Adj[i] = make([]float64, nodes)
	}
	return g
}

// NB201 node types: the cell's input and output, then the five operations.
const (
	nb201In      = 0
	nb201Out     = 1
	nb201OpBase  = 2
	nb201Feature = nb201OpBase + int(data.NumOps)
)

// NB201DAG turns a cell into BRP-NAS's operations graph: one node per edge operation
// plus an input and an output node (8 nodes). An operation node feeds every operation
// leaving the cell node it writes to, and operations writing node 3 feed the output.
// A "none" operation carries nothing, so it gets no edges: a disconnected cell has no
// path from input to output, which is what makes it score chance accuracy.
func NB201DAG(c data.Cell) DAG {
	g := newDAG(data.NumEdges+2, nb201Feature)
	const in, out = 0, data.NumEdges + 1
	g.Nodes[in][nb201In] = 1
	g.Nodes[out][nb201Out] = 1
	for e, op := range c {
		g.Nodes[e+1][nb201OpBase+int(op)] = 1
		if op == data.OpNone {
			continue
		}
		to, from := data.CellEdges[e][0], data.CellEdges[e][1]
		if from == 0 {
			g.Adj[in][e+1] = 1
		}
		if to == 3 {
			g.Adj[e+1][out] = 1
		}
		for f, next := range data.CellEdges {
			if next[1] == to && c[f] != data.OpNone {
				g.Adj[e+1][f+1] = 1
			}
		}
	}
	return g
}

// FBNetDAG is the FBNet network as a chain: input, the 22 searchable layers (one-hot
// of the 9 choices plus a one-hot of the layer position's stage), output.
func FBNetDAG(arch string) (DAG, error) {
	layers := strings.Split(arch, "-")
	if len(layers) != data.FBNetLayers {
		return DAG{}, fmt.Errorf("malformed FBNet architecture %q: %d layers, want %d", arch, len(layers), data.FBNetLayers)
	}
	nc := len(data.FBNetChoices)
	// Stages of the FBNet macro network: 1, 4, 4, 4, 4, 4, 1 layers.
	stageOf := func(l int) int {
		switch {
		case l == 0:
			return 0
		case l == data.FBNetLayers-1:
			return 6
		}
		return 1 + (l-1)/4
	}
	g := newDAG(data.FBNetLayers+2, 2+nc+7)
	g.Nodes[0][0] = 1
	g.Nodes[data.FBNetLayers+1][1] = 1
	for l, name := range layers {
		k := slices.Index(data.FBNetChoices, name)
		if k < 0 {
			return DAG{}, fmt.Errorf("malformed FBNet architecture %q: layer %d is %q", arch, l, name)
		}
		g.Nodes[l+1][2+k] = 1
		g.Nodes[l+1][2+nc+stageOf(l)] = 1
	}
	chain(g)
	return g, nil
}

// chain links node i to node i+1.
func chain(g DAG) {
	for i := 0; i+1 < len(g.Nodes); i++ {
		g.Adj[i][i+1] = 1
	}
}

// OFADAG is an OFA-MobileNetV3 sub-network as a chain over its 20 block slots:
// input (carrying the resolution scaled to [0, 1] over 128-224 px), one node per slot
// (one-hot kernel 3/5/7, one-hot expand 3/4/6, one-hot stage, and a flag for slots
// beyond the stage's depth, which the network skips), output.
func OFADAG(a data.OFAArch) (DAG, error) {
	if len(a.KS) != 20 || len(a.E) != 20 || len(a.D) != 5 {
		return DAG{}, fmt.Errorf("OFA architecture needs 20 kernels, 20 expands and 5 depths, got %d, %d, %d", len(a.KS), len(a.E), len(a.D))
	}
	const (
		fIn, fOut, fRes = 0, 1, 2
		fKernel         = 3
		fExpand         = 6
		fStage          = 9
		fSkipped        = 14
	)
	g := newDAG(22, 15)
	g.Nodes[0][fIn] = 1
	g.Nodes[0][fRes] = float64(a.R-128) / 96
	g.Nodes[21][fOut] = 1
	for s := 0; s < 5; s++ {
		for l := 0; l < 4; l++ {
			slot := 4*s + l
			n := g.Nodes[slot+1]
			n[fStage+s] = 1
			if l >= a.D[s] {
				n[fSkipped] = 1
				continue
			}
			k := slices.Index([]int{3, 5, 7}, a.KS[slot])
			e := slices.Index([]int{3, 4, 6}, a.E[slot])
			if k < 0 || e < 0 {
				return DAG{}, fmt.Errorf("OFA architecture slot %d: kernel %d, expand %d not in the space", slot, a.KS[slot], a.E[slot])
			}
			n[fKernel+k], n[fExpand+e] = 1, 1
		}
	}
	chain(g)
	return g, nil
}
