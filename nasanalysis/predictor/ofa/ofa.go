package ofa

import (
	"fmt"
	"math/bits"
	"path/filepath"
	"slices"
	"sync"

	"github.com/gomlx/gomlx/core/graph"
	"github.com/gomlx/gomlx/ml/layers/activation"

	"github.com/nasanalysis/nasanalysis/nasanalysis/data"
	"github.com/nasanalysis/nasanalysis/nasanalysis/internal/backend"
	"github.com/nasanalysis/nasanalysis/nasanalysis/pyfile"
)

// Files of OFA's released accuracy predictors, relative to a datasets directory.
const (
	MBv3File     = "ofa/acc_predictor.pth"
	ResNet50File = "ofa/ofa_resnet50_acc_predictor.pth"
)

// dense is one fully connected layer read from a PyTorch state dict: W is out x in.
type dense struct {
	W    [][]float32
	B    []float32 // nil when the layer has no bias
	name string
}

// Predictor is one of OFA's pretrained accuracy predictors (an MLP on an
// architecture encoding), evaluated with GoMLX. Output is top-1 accuracy as a fraction.
type Predictor struct {
	Path    string
	layers  []dense // ReLU between layers, none after the last
	base    float32 // added to the output (ResNet50's base_acc)
	InWidth int
	// exec is built once and kept: GoMLX compiles a graph per input shape and caches
	// it in the Exec, so a search's many small batches are not each compiled afresh.
	// mu serialises calls (the backend parallelises each call itself).
	mu   sync.Mutex
	exec *graph.Exec
}

func readDense(sd *pyfile.StateDict, prefix string, out, in int, bias bool) (dense, error) {
	w, err := sd.Float32(prefix+".weight", out, in)
	if err != nil {
		return dense{}, err
	}
	d := dense{name: prefix, W: make([][]float32, out)}
	for o := range d.W {
		d.W[o] = w[o*in : (o+1)*in]
	}
	if bias {
		if d.B, err = sd.Float32(prefix+".bias", out); err != nil {
			return dense{}, err
		}
	}
	return d, nil
}

// LoadMBv3 reads OFA's MobileNetV3 accuracy predictor (128 inputs,
// 400-400-400 hidden units, keys 0.*, 2.*, 4.*, 6.*).
func LoadMBv3(dataDir string) (*Predictor, error) {
	dir, err := data.Resolve(dataDir, MBv3File)
	if err != nil {
		return nil, err
	}
	path := filepath.Join(dir, filepath.FromSlash(MBv3File))
	sd, err := pyfile.LoadStateDict(path)
	if err != nil {
		return nil, err
	}
	p := &Predictor{Path: path, InWidth: 128}
	for _, shape := range [][3]int{{0, 400, 128}, {2, 400, 400}, {4, 400, 400}, {6, 1, 400}} {
		d, err := readDense(sd, fmt.Sprint(shape[0]), shape[1], shape[2], true)
		if err != nil {
			return nil, err
		}
		p.layers = append(p.layers, d)
	}
	return p, nil
}

// LoadResNet50 reads OFA's ResNet50 accuracy predictor (82 inputs; keys
// layers.{0,1,2}.0.* with bias, layers.3.weight without; output + base_acc).
func LoadResNet50(dataDir string) (*Predictor, error) {
	dir, err := data.Resolve(dataDir, ResNet50File)
	if err != nil {
		return nil, err
	}
	path := filepath.Join(dir, filepath.FromSlash(ResNet50File))
	sd, err := pyfile.LoadStateDict(path)
	if err != nil {
		return nil, err
	}
	p := &Predictor{Path: path, InWidth: 82}
	for i, in := range []int{82, 400, 400} {
		d, err := readDense(sd, fmt.Sprintf("layers.%d.0", i), 400, in, true)
		if err != nil {
			return nil, err
		}
		p.layers = append(p.layers, d)
	}
	last, err := readDense(sd, "layers.3", 1, 400, false)
	if err != nil {
		return nil, err
	}
	p.layers = append(p.layers, last)
	base, err := sd.Float32("base_acc", 1)
	if err != nil {
		return nil, err
	}
	p.base = base[0]
	return p, nil
}

// forward is the MLP's graph.
func (p *Predictor) forward(x *graph.Node) *graph.Node {
	g := x.Graph()
	h := x
	for i, l := range p.layers {
		w := graph.Const(g, l.W) // [out, in]
		h = graph.MatMul(h, graph.Transpose(w, 0, 1))
		if l.B != nil {
			h = graph.Add(h, graph.ExpandDims(graph.Const(g, l.B), 0)) // broadcast over the batch
		}
		if i < len(p.layers)-1 {
			h = activation.Relu(h)
		}
	}
	return graph.AddScalar(graph.Reshape(h, -1), float64(p.base))
}

// Predict returns the predicted top-1 accuracy (fraction) of each encoding, in one
// batched GoMLX evaluation.
func (p *Predictor) Predict(X [][]float64) ([]float64, error) {
	if len(X) == 0 {
		return nil, nil
	}
	// Pad the batch to a power of two (at least 16 rows) so that any batch size maps to
	// one of a few compiled shapes (GoMLX's Exec keeps at most 32); the padding rows'
	// outputs are dropped.
	n := len(X)
	padded := max(16, 1<<bits.Len(uint(n-1)))
	if padded > n {
		X = append(slices.Clip(X), make([][]float64, padded-n)...)
		for i := n; i < padded; i++ {
			X[i] = make([]float64, p.InWidth)
		}
	}
	xs, err := backend.Float32Rows(X, p.InWidth)
	if err != nil {
		return nil, err
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.exec == nil {
		exec, err := graph.NewExec(backend.Get(), p.forward)
		if err != nil {
			return nil, err
		}
		p.exec = exec
	}
	exec := p.exec
	out, err := exec.Call1(xs)
	if err != nil {
		return nil, err
	}
	return backend.Float64s(out)[:n], nil
}
