package arch

// Graph is an architecture as a directed graph of operations, the input of a graph
// predictor (BRP-NAS's GCN): Nodes[i] holds node i's features and Adj[i][j] = 1 for an
// edge i -> j. Graphs of one family all have the same number of nodes and node
// features, so they batch into dense tensors.
type Graph struct {
	Nodes [][]float64
	Adj   [][]float64
}

func newGraph(nodes, features int) Graph {
	g := Graph{Nodes: make([][]float64, nodes), Adj: make([][]float64, nodes)}
	for i := range g.Nodes {
		g.Nodes[i] = make([]float64, features)
		g.Adj[i] = make([]float64, nodes)
	}
	return g
}

// chain links node i to node i+1: the graph of a network that is a sequence of blocks.
func (g Graph) chain() {
	for i := 0; i+1 < len(g.Nodes); i++ {
		g.Adj[i][i+1] = 1
	}
}
