package predictor

import (
	"fmt"
	"path/filepath"

	"github.com/gomlx/gomlx/core/graph"
	"github.com/gomlx/gomlx/ml/layers/activation"
	"github.com/nlpodyssey/gopickle/pytorch"
	"github.com/nlpodyssey/gopickle/types"

	"github.com/nasanalysis/nasanalysis/nasanalysis/data"
)

// Files of OFA's released accuracy predictors, relative to a datasets directory.
const (
	OFAMBv3PredictorFile     = "ofa/acc_predictor.pth"
	OFAResNet50PredictorFile = "ofa/ofa_resnet50_acc_predictor.pth"
)

// dense is one fully connected layer read from a PyTorch state dict: W is out x in.
type dense struct {
	W    [][]float32
	B    []float32 // nil when the layer has no bias
	name string
}

// OFAPredictor is one of OFA's pretrained accuracy predictors (an MLP on an
// architecture encoding), evaluated with GoMLX. Output is top-1 accuracy as a fraction.
type OFAPredictor struct {
	Path    string
	layers  []dense // ReLU between layers, none after the last
	base    float32 // added to the output (ResNet50's base_acc)
	InWidth int
}

func stateDict(path string) (map[string]*pytorch.Tensor, error) {
	v, err := pytorch.Load(path)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	od, ok := v.(*types.OrderedDict)
	if !ok {
		return nil, fmt.Errorf("%s: holds %T, want a state dict", path, v)
	}
	out := map[string]*pytorch.Tensor{}
	for k, e := range od.Map {
		name, ok := k.(string)
		t, ok2 := e.Value.(*pytorch.Tensor)
		if !ok || !ok2 {
			return nil, fmt.Errorf("%s: entry %v is not a named tensor", path, k)
		}
		out[name] = t
	}
	return out, nil
}

// tensorData returns a float32 tensor's values in row-major order, checking its shape.
func tensorData(path, name string, sd map[string]*pytorch.Tensor, shape ...int) ([]float32, error) {
	t, ok := sd[name]
	if !ok {
		return nil, fmt.Errorf("%s: no tensor %q", path, name)
	}
	if fmt.Sprint(t.Size) != fmt.Sprint(shape) {
		return nil, fmt.Errorf("%s: tensor %q has shape %v, want %v", path, name, t.Size, shape)
	}
	st, ok := t.Source.(*pytorch.FloatStorage)
	if !ok {
		return nil, fmt.Errorf("%s: tensor %q is %T, want float32", path, name, t.Source)
	}
	n := 1
	for _, d := range shape {
		n *= d
	}
	contiguous := len(shape) == 1 || (len(t.Stride) == 2 && t.Stride[1] == 1 && t.Stride[0] == shape[1])
	if !contiguous {
		return nil, fmt.Errorf("%s: tensor %q is not contiguous (stride %v)", path, name, t.Stride)
	}
	return st.Data[t.StorageOffset : t.StorageOffset+n], nil
}

func readDense(path string, sd map[string]*pytorch.Tensor, prefix string, out, in int, bias bool) (dense, error) {
	w, err := tensorData(path, prefix+".weight", sd, out, in)
	if err != nil {
		return dense{}, err
	}
	d := dense{name: prefix, W: make([][]float32, out)}
	for o := range d.W {
		d.W[o] = w[o*in : (o+1)*in]
	}
	if bias {
		if d.B, err = tensorData(path, prefix+".bias", sd, out); err != nil {
			return dense{}, err
		}
	}
	return d, nil
}

// LoadOFAMBv3Predictor reads OFA's MobileNetV3 accuracy predictor (128 inputs,
// 400-400-400 hidden units, keys 0.*, 2.*, 4.*, 6.*).
func LoadOFAMBv3Predictor(dataDir string) (*OFAPredictor, error) {
	dir, err := data.Resolve(dataDir, OFAMBv3PredictorFile)
	if err != nil {
		return nil, err
	}
	path := filepath.Join(dir, filepath.FromSlash(OFAMBv3PredictorFile))
	sd, err := stateDict(path)
	if err != nil {
		return nil, err
	}
	p := &OFAPredictor{Path: path, InWidth: 128}
	for _, shape := range [][3]int{{0, 400, 128}, {2, 400, 400}, {4, 400, 400}, {6, 1, 400}} {
		d, err := readDense(path, sd, fmt.Sprint(shape[0]), shape[1], shape[2], true)
		if err != nil {
			return nil, err
		}
		p.layers = append(p.layers, d)
	}
	return p, nil
}

// LoadOFAResNet50Predictor reads OFA's ResNet50 accuracy predictor (82 inputs; keys
// layers.{0,1,2}.0.* with bias, layers.3.weight without; output + base_acc).
func LoadOFAResNet50Predictor(dataDir string) (*OFAPredictor, error) {
	dir, err := data.Resolve(dataDir, OFAResNet50PredictorFile)
	if err != nil {
		return nil, err
	}
	path := filepath.Join(dir, filepath.FromSlash(OFAResNet50PredictorFile))
	sd, err := stateDict(path)
	if err != nil {
		return nil, err
	}
	p := &OFAPredictor{Path: path, InWidth: 82}
	for i, in := range []int{82, 400, 400} {
		d, err := readDense(path, sd, fmt.Sprintf("layers.%d.0", i), 400, in, true)
		if err != nil {
			return nil, err
		}
		p.layers = append(p.layers, d)
	}
	last, err := readDense(path, sd, "layers.3", 1, 400, false)
	if err != nil {
		return nil, err
	}
	p.layers = append(p.layers, last)
	base, err := tensorData(path, "base_acc", sd, 1)
	if err != nil {
		return nil, err
	}
	p.base = base[0]
	return p, nil
}

// Predict returns the predicted top-1 accuracy (fraction) of each encoding, in one
// batched GoMLX evaluation.
func (p *OFAPredictor) Predict(X [][]float64) ([]float64, error) {
	if len(X) == 0 {
		return nil, nil
	}
	xs, err := toMatrix(X, p.InWidth)
	if err != nil {
		return nil, err
	}
	exec, err := graph.NewExec(Backend(), func(x *graph.Node) *graph.Node {
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
	})
	if err != nil {
		return nil, err
	}
	out, err := exec.Call1(xs)
	if err != nil {
		return nil, err
	}
	return float64s(out), nil
}
