package ofa

import (
	"fmt"
	"math"
	"path/filepath"
	"sync"

	"github.com/nasanalysis/nasanalysis/nasanalysis/arch"
	"github.com/nasanalysis/nasanalysis/nasanalysis/data"
	"github.com/nasanalysis/nasanalysis/nasanalysis/internal/mlp32"
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
// architecture encoding). Output is top-1 accuracy as a fraction.
type Predictor struct {
	Path    string
	layers  []dense // ReLU between layers, none after the last
	base    float32 // added to the output (ResNet50's base_acc)
	InWidth int
	// packed is the network in mlp32's layout, built at the first Predict and then
	// only read, so calls may run concurrently.
	packOnce sync.Once
	packed   *mlp32.MLP
	packErr  error
}

// spec is what one released predictor's state dict must hold: its dense layers (weight
// out x in, optional bias) in order and an optional scalar added to the output.
type spec struct {
	what   string // for messages, e.g. "OFA's MobileNetV3 accuracy predictor"
	file   string // relative to a datasets directory
	in     int
	layers []layerSpec
	base   string // name of the [1] tensor added to the output, or ""
	// samples are architectures whose encodings together set every input, which
	// the loader's self-check predicts.
	samples func() (X [][]float64, names []string)
}

type layerSpec struct {
	prefix  string
	out, in int
	bias    bool
}

var mbv3Spec = spec{
	what:    "OFA's MobileNetV3 accuracy predictor",
	file:    MBv3File,
	in:      128,
	layers:  []layerSpec{{"0", 400, 128, true}, {"2", 400, 400, true}, {"4", 400, 400, true}, {"6", 1, 400, true}},
	samples: mbv3Samples,
}

var resNet50Spec = spec{
	what:    "OFA's ResNet50 accuracy predictor",
	file:    ResNet50File,
	in:      82,
	layers:  []layerSpec{{"layers.0.0", 400, 82, true}, {"layers.1.0", 400, 400, true}, {"layers.2.0", 400, 400, true}, {"layers.3", 1, 400, false}},
	base:    "base_acc",
	samples: resNet50Samples,
}

// maxWeight bounds the magnitude of every parameter. The released predictors' largest
// is 0.81 (a bias); a trained MLP on one-hot inputs has no use for values 100 times that,
// while a flipped bit in a float's exponent gives one far beyond it.
const maxWeight = 100

// LoadMBv3 reads OFA's MobileNetV3 accuracy predictor (128 inputs,
// 400-400-400 hidden units, keys 0.*, 2.*, 4.*, 6.*).
func LoadMBv3(dataDir string) (*Predictor, error) { return load(dataDir, &mbv3Spec) }

// LoadResNet50 reads OFA's ResNet50 accuracy predictor (82 inputs; keys
// layers.{0,1,2}.0.* with bias, layers.3.weight without; output + base_acc).
func LoadResNet50(dataDir string) (*Predictor, error) { return load(dataDir, &resNet50Spec) }

// load reads a predictor and checks it before anyone uses it. A legacy .pth has no
// checksum, so a changed byte in its data decodes to a working but wrong network; the
// checks catch what such damage usually does: a tensor of another name or shape, a NaN
// or infinity, a huge parameter (a flipped exponent bit), or predictions outside [0, 1]
// for a sample of architectures that together use every input. The error names the file
// and what was found.
func load(dataDir string, s *spec) (*Predictor, error) {
	dir, err := data.Resolve(dataDir, s.file)
	if err != nil {
		return nil, err
	}
	path := filepath.Join(dir, filepath.FromSlash(s.file))
	sd, err := pyfile.LoadStateDict(path)
	if err != nil {
		return nil, err
	}
	want := map[string]bool{}
	p := &Predictor{Path: path, InWidth: s.in}
	for _, l := range s.layers {
		d, err := readDense(sd, l)
		if err != nil {
			return nil, fmt.Errorf("%w (%s)", err, s.what)
		}
		p.layers = append(p.layers, d)
		want[l.prefix+".weight"], want[l.prefix+".bias"] = true, l.bias
	}
	if s.base != "" {
		base, err := sd.Float32(s.base, 1)
		if err != nil {
			return nil, fmt.Errorf("%w (%s)", err, s.what)
		}
		if err := checkValues(path, s.base, base, 1); err != nil {
			return nil, err
		}
		p.base = base[0]
		want[s.base] = true
	}
	for _, name := range sd.Names() {
		if !want[name] {
			return nil, fmt.Errorf("%s: holds tensor %q, which %s does not have: another network, or a damaged file", path, name, s.what)
		}
	}
	X, names := s.samples()
	for i, y := range p.forwardGo(X) {
		if !validAccuracy(y) {
			return nil, fmt.Errorf("%s: damaged predictor: it predicts top-1 accuracy %.4f (%.2f %%) for %s, outside [0, 1]",
				path, y, 100*y, names[i])
		}
	}
	return p, nil
}

func readDense(sd *pyfile.StateDict, l layerSpec) (dense, error) {
	w, err := sd.Float32(l.prefix+".weight", l.out, l.in)
	if err != nil {
		return dense{}, err
	}
	if err := checkValues(sd.Path, l.prefix+".weight", w, l.in); err != nil {
		return dense{}, err
	}
	d := dense{name: l.prefix, W: make([][]float32, l.out)}
	for o := range d.W {
		d.W[o] = w[o*l.in : (o+1)*l.in]
	}
	if l.bias {
		if d.B, err = sd.Float32(l.prefix+".bias", l.out); err != nil {
			return dense{}, err
		}
		if err := checkValues(sd.Path, l.prefix+".bias", d.B, 1); err != nil {
			return dense{}, err
		}
	}
	return d, nil
}

// checkValues refuses a NaN, an infinity or a magnitude beyond maxWeight, naming the
// element by its row and column when the tensor has rows of cols.
func checkValues(path, name string, xs []float32, cols int) error {
	for i, x := range xs {
		v := float64(x)
		if !math.IsNaN(v) && math.Abs(v) <= maxWeight {
			continue
		}
		where := fmt.Sprintf("element %d", i)
		if cols > 1 {
			where = fmt.Sprintf("element [%d][%d]", i/cols, i%cols)
		}
		what := "NaN"
		if !math.IsNaN(v) {
			what = fmt.Sprintf("%g, beyond ±%d, far more than any trained predictor's parameter", v, maxWeight)
		}
		return fmt.Errorf("%s: damaged file: tensor %q %s is %s", path, name, where, what)
	}
	return nil
}

// validAccuracy reports whether a prediction is a fraction (NaN is not).
func validAccuracy(y float64) bool { return y >= 0 && y <= 1 }

// forwardGo evaluates the MLP in float64 from its definition (mlp32.Reference), for the
// loader's self-check: a few dozen encodings, checked independently of the kernel that
// Predict uses.
func (p *Predictor) forwardGo(X [][]float64) []float64 {
	ls := p.mlpLayers()
	out := make([]float64, len(X))
	for n, x := range X {
		out[n] = mlp32.Reference(ls, x)[0] + float64(p.base)
	}
	return out
}

// mlpLayers are the predictor's layers as mlp32 takes them.
func (p *Predictor) mlpLayers() []mlp32.Layer {
	ls := make([]mlp32.Layer, len(p.layers))
	for i, l := range p.layers {
		ls[i] = mlp32.Layer{W: l.W, B: l.B}
	}
	return ls
}

// mbv3Samples are uniform networks of depth 4 (every block slot active) at every
// resolution a valid architecture can have (128 to 224 px, seven encoding slots), with
// each kernel size and each expand ratio at each resolution.
func mbv3Samples() ([][]float64, []string) {
	var X [][]float64
	var names []string
	for ri, r := range []int{128, 144, 160, 176, 192, 208, 224} {
		for i, k := range arch.MBKernels {
			a := arch.MBArch{KS: make([]int, 20), E: make([]int, 20), D: []int{4, 4, 4, 4, 4}, R: r}
			for j := range a.KS {
				a.KS[j], a.E[j] = k, arch.MBExpands[(i+ri)%len(arch.MBExpands)]
			}
			X = append(X, a.OFAFeatures())
			names = append(names, a.JSON())
		}
	}
	return X, names
}

// resNet50Samples are networks with every block active, at each resolution, each with
// one width index and one expand ratio throughout, with and without the stem's middle
// convolution.
func resNet50Samples() ([][]float64, []string) {
	var X [][]float64
	var names []string
	for ri, r := range arch.ResNetResolutions {
		for i := range arch.ResNetWidths {
			a := arch.ResNetArch{D: []int{2, 2, 2, 2, 2}, E: make([]float64, 18), W: make([]int, 6), R: r}
			if i == 0 {
				a.D[0] = 0
			}
			for j := range a.E {
				a.E[j] = arch.ResNetExpands[(i+ri)%len(arch.ResNetExpands)]
			}
			for j := range a.W {
				a.W[j] = i
			}
			X = append(X, a.OFAFeatures())
			names = append(names, a.JSON())
		}
	}
	return X, names
}

// Predict returns the predicted top-1 accuracy (fraction) of each encoding, evaluated in
// float32 by package mlp32's kernel (15x faster than GoMLX's default build on 10,000
// networks, issue 27). A prediction outside [0, 1], or NaN, is an error naming the file
// and the encoding rather than a number to report: it comes from a damaged file that
// passed the loader's checks, or from an encoding that is no OFA architecture.
func (p *Predictor) Predict(X [][]float64) ([]float64, error) {
	if len(X) == 0 {
		return nil, nil
	}
	p.packOnce.Do(func() { p.packed, p.packErr = mlp32.New(p.mlpLayers()) })
	if p.packErr != nil {
		return nil, p.errorf("%w", p.packErr)
	}
	if p.packed.In() != p.InWidth {
		return nil, p.errorf("the network takes %d inputs, the predictor says %d", p.packed.In(), p.InWidth)
	}
	pred, err := p.packed.Forward(X)
	if err != nil {
		return nil, p.errorf("%w", err)
	}
	for i := range pred {
		pred[i] += float64(p.base)
		if y := pred[i]; !validAccuracy(y) {
			return nil, p.errorf("prediction %d of %d (X[%d]) is %.4f (%.2f %% top-1), outside [0, 1]: the predictor file is damaged, or the encoding is not an OFA architecture's",
				i+1, len(X), i, y, 100*y)
		}
	}
	return pred, nil
}

// errorf makes an error that names the predictor's file.
func (p *Predictor) errorf(format string, args ...any) error {
	name := p.Path
	if name == "" {
		name = "OFA accuracy predictor"
	}
	return fmt.Errorf("%s: "+format, append([]any{name}, args...)...)
}
