package predictor

import (
	"errors"
	"fmt"
	"math"
	mathrand "math/rand"
	"slices"

	"github.com/gomlx/gomlx/core/graph"
	"github.com/gomlx/gomlx/core/tensors"
	"github.com/gomlx/gomlx/ml/dataset"
	"github.com/gomlx/gomlx/ml/layers"
	"github.com/gomlx/gomlx/ml/layers/activation"
	"github.com/gomlx/gomlx/ml/model"
	"github.com/gomlx/gomlx/ml/train"
	"github.com/gomlx/gomlx/ml/train/optimizer"
	"gonum.org/v1/gonum/stat"

	"github.com/nasanalysis/nasanalysis/nasanalysis/arch"
	"github.com/nasanalysis/nasanalysis/nasanalysis/data"
	"github.com/nasanalysis/nasanalysis/nasanalysis/internal/backend"
	"github.com/nasanalysis/nasanalysis/nasanalysis/stats"
	"github.com/nasanalysis/nasanalysis/nasanalysis/timing"
)

// The two trainable model kinds.
const (
	KindMLP = "mlp" // MLP on the flat one-hot encoding
	KindGCN = "gcn" // graph convolutions over the operations graph, as in BRP-NAS
)

// Config sets a trainable predictor's shape and training. Training stops early when
// the validation Kendall tau has not improved for Patience evaluations, and the weights
// of the best evaluation are kept.
type Config struct {
	Kind         string  // KindMLP or KindGCN
	Hidden       int     // units per hidden layer (and per node, for the GCN)
	Layers       int     // hidden layers (MLP) or graph-convolution layers (GCN)
	BatchSize    int     // examples per step, capped at the training-set size
	LearningRate float64 // Adam
	WeightDecay  float64 // decoupled (AdamW) weight decay
	MaxSteps     int     // upper bound on training steps per member
	EvalEvery    int     // steps between validation evaluations
	Patience     int     // evaluations without improvement before stopping
	// RankWeight weighs a pairwise logistic ranking loss over the pairs of each batch,
	// added to the mean squared error of the standardised target: search needs the
	// order of architectures more than their values.
	RankWeight float64
	// MACs adds the network's log MACs to the inputs (the MLP's features, the GCN's
	// readout): the FLOPs prior that a one-hot encoding can only learn from many samples
	// when cost is a product of widths, kernels and resolution (OFA).
	MACs     bool
	Ensemble int    // members trained from seeds Seed, Seed+1, ...; predictions are averaged
	Seed     uint64 // weights and batch order
}

// DefaultConfig returns the configuration used by the command line and the notebook for
// a model kind.
func DefaultConfig(kind string) Config {
	c := Config{Kind: kind, Hidden: 64, Layers: 2, BatchSize: 32, LearningRate: 3e-3, WeightDecay: 1e-4,
		MaxSteps: 1500, EvalEvery: 50, Patience: 6, RankWeight: 10, Ensemble: 3, Seed: 1}
	if kind == KindGCN {
		// One GCN ranks as well as an ensemble of three here (NB201 CIFAR-10, 100 and
		// 400 cells). 32 units per node instead of 64 cost 0.01 Kendall tau and train
		// three times faster: the pure-Go backend's matrix products dominate.
		c.Layers, c.Hidden, c.Ensemble = 3, 32, 1
	}
	return c
}

func (c Config) check() error {
	switch {
	case c.Kind != KindMLP && c.Kind != KindGCN:
		return fmt.Errorf("unknown model %q (want %s or %s)", c.Kind, KindMLP, KindGCN)
	case c.Hidden < 1 || c.Layers < 1 || c.BatchSize < 2 || c.MaxSteps < 1 || c.EvalEvery < 1 || c.Patience < 1 || c.Ensemble < 1:
		return fmt.Errorf("config %+v: sizes and step counts must be positive (batch >= 2)", c)
	case !(c.LearningRate > 0) || c.WeightDecay < 0 || c.RankWeight < 0:
		return fmt.Errorf("config %+v: learning rate must be > 0, weight decay and rank weight >= 0", c)
	}
	return nil
}

// Example is one architecture's input to a predictor: the flat encoding (MLP), the graph
// (GCN), and the network's MACs in millions (NaN when the space has no cost model here).
type Example struct {
	X     []float64
	Graph arch.Graph
	MACs  float64
}

// Examples returns the task's architectures at the given positions as examples.
func (t *Task) Examples(idx []int) []Example {
	out := make([]Example, len(idx))
	for k, i := range idx {
		out[k] = Example{X: t.X[i], Graph: t.Graphs[i], MACs: math.NaN()}
		if t.MACs != nil {
			out[k].MACs = t.MACs[i]
		}
	}
	return out
}

// Values returns the task's targets at the given positions.
func (t *Task) Values(idx []int) []float64 { return stats.Take(t.Y, idx) }

// Trained is a fitted predictor: the weights of each ensemble member and what is needed
// to map inputs and outputs. Save and Load round-trip it.
type Trained struct {
	Dataset, Target string // what it was trained on, when known (Evaluate sets them)
	Config          Config
	Width           int  // flat encoding width (MLP)
	Nodes           int  // graph nodes (GCN)
	Features        int  // node features (GCN)
	Log             bool // the target was learned as its logarithm
	YMean, YSD      float64
	// CalA + CalB·output maps the ensemble's standardised output to the standardised
	// target (least squares on the labelled cells). The ranking loss leaves outputs on
	// an arbitrary scale; this restores the scale for RMSE without changing the order.
	CalA, CalB float64
	// LogMACsMean and LogMACsSD standardise the MACs input (Config.MACs) with the
	// training set's spread, so it starts on the scale of the one-hot features.
	LogMACsMean, LogMACsSD float64
	// YMin and YMax are the range of the training and validation targets (in the
	// target's units): a loaded predictor's predictions are checked against it.
	YMin, YMax float64
	History    []Curve // one per member: validation Kendall tau by step
	members    []*model.Store
	// dir is the directory a predictor was loaded from (Load), named in its errors;
	// "" for one trained in this process.
	dir string
}

// Curve is a member's validation Kendall tau at each evaluation; Best is the step whose
// weights were kept.
type Curve struct {
	Steps   []int
	Kendall []float64
	Best    int
}

// Train fits a predictor on (train, yTrain) and stops early on (val, yVal). log learns
// log(y) (latencies). Targets must be finite (and positive when log).
func Train(cfg Config, train []Example, yTrain []float64, val []Example, yVal []float64, log bool) (*Trained, error) {
	defer timing.Span("train " + cfg.Kind)() // make timings: training against the rest of a notebook
	if err := cfg.check(); err != nil {
		return nil, err
	}
	if len(train) < 2 || len(train) != len(yTrain) {
		return nil, fmt.Errorf("train: %d examples, %d targets (need at least 2)", len(train), len(yTrain))
	}
	if len(val) < 2 || len(val) != len(yVal) {
		return nil, fmt.Errorf("train: %d validation examples, %d targets (need at least 2 for early stopping)", len(val), len(yVal))
	}
	p := &Trained{Config: cfg, Log: log}
	p.YMin, p.YMax = math.Inf(1), math.Inf(-1)
	for _, y := range append(slices.Clone(yTrain), yVal...) {
		p.YMin, p.YMax = math.Min(p.YMin, y), math.Max(p.YMax, y)
	}
	if err := p.shapeFrom(train[0]); err != nil {
		return nil, err
	}
	if cfg.MACs {
		logMACs := make([]float64, len(train))
		for i, e := range train {
			if !(e.MACs > 0) {
				return nil, fmt.Errorf("train: example %d has no MACs (%v), which the MACs input needs", i, e.MACs)
			}
			logMACs[i] = math.Log(e.MACs)
		}
		p.LogMACsMean, p.LogMACsSD = meanSD(logMACs)
	}
	zt, err := p.standardise(yTrain, true)
	if err != nil {
		return nil, err
	}
	if _, err := p.standardise(yVal, false); err != nil {
		return nil, err
	}
	trainIn, err := p.inputs(train)
	if err != nil {
		return nil, err
	}
	valIn, err := p.inputs(val)
	if err != nil {
		return nil, err
	}
	labels := make([]float32, len(zt))
	for i, v := range zt {
		labels[i] = float32(v)
	}
	for m := 0; m < cfg.Ensemble; m++ {
		store, curve, err := p.fitMember(cfg.Seed+uint64(m), trainIn, labels, valIn, yVal)
		if err != nil {
			return nil, fmt.Errorf("ensemble member %d: %w", m, err)
		}
		p.members = append(p.members, store)
		p.History = append(p.History, curve)
	}
	if err := p.calibrate(trainIn, zt, valIn, yVal); err != nil {
		return nil, err
	}
	return p, nil
}

// calibrate fits CalA, CalB on the training and validation cells. A non-positive slope
// (a model that learned nothing) keeps the identity so predictions never flip order.
func (p *Trained) calibrate(trainIn []any, zt []float64, valIn []any, yVal []float64) error {
	p.CalA, p.CalB = 0, 1
	zv, err := p.standardise(yVal, false)
	if err != nil {
		return err
	}
	ot, err := p.raw(trainIn, len(zt))
	if err != nil {
		return err
	}
	ov, err := p.raw(valIn, len(zv))
	if err != nil {
		return err
	}
	x, y := append(ot, ov...), append(append([]float64(nil), zt...), zv...)
	// A constant output gives a NaN slope, which the test below also refuses.
	if a, b := stat.LinearRegression(x, y, nil, false); b > 0 && !math.IsInf(b, 0) {
		p.CalA, p.CalB = a, b
	}
	return nil
}

// meanSD returns the mean and population standard deviation of x, the deviation floored
// at 1e-6 so that standardising a constant does not divide by zero.
func meanSD(x []float64) (mean, sd float64) {
	mean, sd = stat.PopMeanStdDev(x, nil)
	return mean, math.Max(sd, 1e-6)
}

// raw returns the ensemble's mean standardised output for prepared inputs.
func (p *Trained) raw(in []any, n int) ([]float64, error) {
	sum := make([]float64, n)
	for _, store := range p.members {
		exec, err := model.NewExec(backend.Predictors(), store, p.forward)
		if err != nil {
			return nil, err
		}
		out, err := exec.Call1(in...)
		if err != nil {
			return nil, err
		}
		for i, v := range backend.Float64s(out) {
			sum[i] += v / float64(len(p.members))
		}
	}
	return sum, nil
}

func (p *Trained) shapeFrom(e Example) error {
	switch p.Config.Kind {
	case KindMLP:
		p.Width = len(e.X)
		if p.Width == 0 {
			return errors.New("train: examples have no flat encoding")
		}
	case KindGCN:
		p.Nodes = len(e.Graph.Nodes)
		if p.Nodes == 0 {
			return errors.New("train: examples have no graph")
		}
		p.Features = len(e.Graph.Nodes[0])
	}
	return nil
}

// standardise maps targets to the learned scale; fit sets the mean and spread from them.
func (p *Trained) standardise(y []float64, fit bool) ([]float64, error) {
	z := make([]float64, len(y))
	for i, v := range y {
		if math.IsNaN(v) || math.IsInf(v, 0) || (p.Log && v <= 0) {
			return nil, fmt.Errorf("target %d is %v: targets must be finite (and positive for latency)", i, v)
		}
		if p.Log {
			v = math.Log(v)
		}
		z[i] = v
	}
	if fit {
		p.YMean, p.YSD = meanSD(z)
	}
	for i := range z {
		z[i] = (z[i] - p.YMean) / p.YSD
	}
	return z, nil
}

// inputs turns examples into the model's input tensors: [B, width] for the MLP; [B, N, F]
// node features and the two [B, N, N] propagation matrices for the GCN; and [B, 1]
// standardised log MACs when Config.MACs. They are filled as flat slices: building
// tensors from nested Go slices goes through reflection and cost a fifth of GCN
// inference time.
func (p *Trained) inputs(ex []Example) ([]any, error) {
	b := len(ex)
	var cost []float32
	if p.Config.MACs {
		cost = make([]float32, b)
		for i, e := range ex {
			if !(e.MACs > 0) {
				return nil, fmt.Errorf("example %d has no MACs (%v), which the predictor's MACs input needs", i, e.MACs)
			}
			cost[i] = float32((math.Log(e.MACs) - p.LogMACsMean) / p.LogMACsSD)
		}
	}
	if p.Config.Kind == KindMLP {
		w := p.Width
		if cost != nil {
			w++
		}
		xs := make([]float32, 0, b*w)
		for i, e := range ex {
			if len(e.X) != p.Width {
				return nil, fmt.Errorf("example %d has %d features, want %d", i, len(e.X), p.Width)
			}
			for _, v := range e.X {
				xs = append(xs, float32(v))
			}
			if cost != nil {
				xs = append(xs, cost[i])
			}
		}
		return []any{tensors.FromFlatDataAndDimensions(xs, b, w)}, nil
	}
	n, f := p.Nodes, p.Features
	nodes := make([]float32, 0, b*n*f)
	fwd, bwd := make([]float32, b*n*n), make([]float32, b*n*n)
	for i, e := range ex {
		g := e.Graph
		if len(g.Nodes) != n || len(g.Adj) != n {
			return nil, fmt.Errorf("example %d: graph has %d nodes, want %d", i, len(g.Nodes), n)
		}
		for j, node := range g.Nodes {
			if len(node) != f || len(g.Adj[j]) != n {
				return nil, fmt.Errorf("example %d node %d has %d features and %d adjacency entries, want %d and %d", i, j, len(node), len(g.Adj[j]), f, n)
			}
			for _, v := range node {
				nodes = append(nodes, float32(v))
			}
		}
		propagation(g.Adj, fwd[i*n*n:(i+1)*n*n], bwd[i*n*n:(i+1)*n*n])
	}
	in := []any{tensors.FromFlatDataAndDimensions(nodes, b, n, f),
		tensors.FromFlatDataAndDimensions(fwd, b, n, n), tensors.FromFlatDataAndDimensions(bwd, b, n, n)}
	if cost != nil {
		in = append(in, tensors.FromFlatDataAndDimensions(cost, b, 1))
	}
	return in, nil
}

// propagation writes the mean-aggregation matrices of a directed graph, row-major n x n:
// fwd[i][j] = 1/indeg(i) for each edge j -> i (a node averages its predecessors) and
// bwd[i][j] = 1/outdeg(i) for each edge i -> j (and its successors). Two directions,
// because in an architecture what comes before an operation and what comes after it
// differ.
func propagation(adj [][]float64, fwd, bwd []float32) {
	n := len(adj)
	for i := range n {
		var in, out float64
		for j := range n {
			in += adj[j][i]
			out += adj[i][j]
		}
		for j := range n {
			if in > 0 && adj[j][i] != 0 {
				fwd[i*n+j] = float32(adj[j][i] / in)
			}
			if out > 0 && adj[i][j] != 0 {
				bwd[i*n+j] = float32(adj[i][j] / out)
			}
		}
	}
}

// forward builds the model graph: one standardised prediction per example, [B, 1].
func (p *Trained) forward(scope *model.Scope, in []*graph.Node) *graph.Node {
	cfg := p.Config
	if cfg.Kind == KindMLP {
		return mlpStack(scope, in[0], cfg.Layers, cfg.Hidden)
	}
	h, fwd, bwd := in[0], in[1], in[2]
	for l := range cfg.Layers {
		pred := graph.Einsum("bij,bjf->bif", fwd, h)
		succ := graph.Einsum("bij,bjf->bif", bwd, h)
		h = activation.Relu(layers.Dense(scope.In("gcn%d", l), graph.Concatenate([]*graph.Node{h, pred, succ}, -1), true, cfg.Hidden))
	}
	// Read out the output node (last in every graph here), which after the layers has
	// seen the paths leading to it, next to the mean over all nodes.
	last := graph.Slice(h, graph.AxisRange(), graph.AxisElem(p.Nodes-1), graph.AxisRange())
	parts := []*graph.Node{graph.Reshape(last, -1, cfg.Hidden), graph.ReduceMean(h, 1)}
	if cfg.MACs {
		parts = append(parts, in[3])
	}
	readout := graph.Concatenate(parts, -1)
	r := activation.Relu(layers.Dense(scope.In("readout"), readout, true, cfg.Hidden))
	return layers.Dense(scope.In("out"), r, true, 1)
}

// mlpStack is the package's one MLP: n hidden dense layers of the given width with ReLU,
// then a dense output of width 1.
func mlpStack(scope *model.Scope, x *graph.Node, n, hidden int) *graph.Node {
	for l := range n {
		x = activation.Relu(layers.Dense(scope.In("hidden%d", l), x, true, hidden))
	}
	return layers.Dense(scope.In("out"), x, true, 1)
}

// lossFn is the mean squared error plus RankWeight times the mean pairwise logistic loss
// log(1 + exp(-sign(yi - yj) (pi - pj))) over all ordered pairs of the batch.
func (p *Trained) lossFn(labels, predictions []*graph.Node) *graph.Node {
	y, pr := labels[0], predictions[0]
	diff := graph.Sub(pr, y)
	mse := graph.ReduceAllMean(graph.Mul(diff, diff))
	if p.Config.RankWeight == 0 {
		return mse
	}
	yRow, yCol := graph.Reshape(y, 1, -1), graph.Reshape(y, -1, 1)
	pRow, pCol := graph.Reshape(pr, 1, -1), graph.Reshape(pr, -1, 1)
	order := graph.Sign(graph.Sub(yCol, yRow))
	rank := graph.ReduceAllMean(graph.Softplus(graph.Neg(graph.Mul(order, graph.Sub(pCol, pRow)))))
	return graph.Add(mse, graph.MulScalar(rank, p.Config.RankWeight))
}

func (p *Trained) fitMember(seed uint64, trainIn []any, labels []float32, valIn []any, yVal []float64) (*model.Store, Curve, error) {
	cfg := p.Config
	store := model.NewStore()
	store.SetParam(model.ParamInitialSeed, int64(seed)) // GoMLX takes an int64 seed: the same 64 bits
	ds, err := dataset.InMemoryFromData(backend.Predictors(), "architectures", trainIn, []any{tensors.FromFlatDataAndDimensions(labels, len(labels), 1)})
	if err != nil {
		return nil, Curve{}, err
	}
	ds.BatchSize(min(cfg.BatchSize, len(labels)), true).Shuffle().Infinite(true).
		WithRand(mathrand.New(mathrand.NewSource(int64(seed))))
	opt := optimizer.Adam().LearningRate(cfg.LearningRate)
	if cfg.WeightDecay > 0 {
		opt = opt.WeightDecay(cfg.WeightDecay)
	}
	trainer := train.NewTrainer(backend.Predictors(), store, p.forward, p.lossFn, opt.Done(), nil, nil)
	loop := train.NewLoop(trainer)
	exec, err := model.NewExec(backend.Predictors(), store, p.forward)
	if err != nil {
		return nil, Curve{}, err
	}
	var curve Curve
	best, bestTau, since := (*model.Store)(nil), math.Inf(-1), 0
	for step := cfg.EvalEvery; step <= cfg.MaxSteps && since < cfg.Patience; step += cfg.EvalEvery {
		if _, err := loop.RunSteps(ds, cfg.EvalEvery); err != nil {
			return nil, Curve{}, err
		}
		out, err := exec.Call1(valIn...)
		if err != nil {
			return nil, Curve{}, err
		}
		tau, err := stats.KendallTauB(backend.Float64s(out), yVal)
		if errors.Is(err, stats.ErrConstant) {
			tau = -1 // constant predictions rank nothing
		} else if err != nil {
			return nil, Curve{}, fmt.Errorf("validation Kendall tau at step %d: %w", step, err)
		}
		curve.Steps, curve.Kendall = append(curve.Steps, step), append(curve.Kendall, tau)
		if tau > bestTau {
			bestTau, since, curve.Best = tau, 0, step
			if best, err = store.Clone(); err != nil {
				return nil, Curve{}, err
			}
		} else {
			since++
		}
	}
	return best, curve, nil
}

// Predict returns the ensemble's mean prediction for every example, in the target's
// units (accuracy %, latency ms). Examples are run in one batch per call.
func (p *Trained) Predict(ex []Example) ([]float64, error) {
	if len(p.members) == 0 {
		return nil, errors.New("predict: the predictor has no trained weights")
	}
	if len(ex) == 0 {
		return nil, nil
	}
	in, err := p.inputs(ex)
	if err != nil {
		return nil, err
	}
	out, err := p.raw(in, len(ex))
	if err != nil {
		return nil, err
	}
	for i, z := range out {
		v := (p.CalA+p.CalB*z)*p.YSD + p.YMean
		if p.Log {
			v = math.Exp(v)
		}
		out[i] = v
	}
	if p.dir != "" {
		lo, hi := p.plausible()
		for i, v := range out {
			if !(v >= lo && v <= hi) {
				return nil, fmt.Errorf("predictor %s: prediction %d is %g, outside the plausible [%g, %g] (an accuracy in %%; a latency within 0.5 to 2 times its training targets' %g to %g): refused rather than printed, as the model cannot be trusted there", p.dir, i+1, v, lo, hi, p.YMin, p.YMax)
			}
		}
	}
	return out, nil
}

// plausible is the range a loaded predictor's predictions must fall in: an accuracy in
// [0, 100] %; a latency (learned as its log) within [0.5 x, 2 x] the training targets'
// range; any other target within one span of it.
func (p *Trained) plausible() (lo, hi float64) {
	switch {
	case slices.Contains(data.AccuracyColumns, p.Target):
		return 0, 100
	case p.Log:
		return 0.5 * p.YMin, 2 * p.YMax
	}
	span := p.YMax - p.YMin
	return p.YMin - span, p.YMax + span
}
