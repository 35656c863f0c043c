package pyfile

import (
	"fmt"

	"github.com/nlpodyssey/gopickle/pytorch"
	"github.com/nlpodyssey/gopickle/types"
)

// StateDict is a PyTorch checkpoint holding a state dict: named tensors.
type StateDict struct {
	Path    string
	tensors map[string]*pytorch.Tensor
}

// LoadStateDict reads a .pth file saved with torch.save(model.state_dict()).
func LoadStateDict(path string) (*StateDict, error) {
	v, err := pytorch.Load(path)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	od, ok := v.(*types.OrderedDict)
	if !ok {
		return nil, fmt.Errorf("%s: holds %T, want a state dict", path, v)
	}
	sd := &StateDict{Path: path, tensors: map[string]*pytorch.Tensor{}}
	for k, e := range od.Map {
		name, ok := k.(string)
		t, ok2 := e.Value.(*pytorch.Tensor)
		if !ok || !ok2 {
			return nil, fmt.Errorf("%s: entry %v is not a named tensor", path, k)
		}
		sd.tensors[name] = t
	}
	return sd, nil
}

// Float32 returns a float32 tensor's values in row-major order, checking that it exists,
// has the given shape and is contiguous; the error names the file and the tensor.
func (sd *StateDict) Float32(name string, shape ...int) ([]float32, error) {
	t, ok := sd.tensors[name]
	if !ok {
		return nil, fmt.Errorf("%s: no tensor %q", sd.Path, name)
	}
	if fmt.Sprint(t.Size) != fmt.Sprint(shape) {
		return nil, fmt.Errorf("%s: tensor %q has shape %v, want %v", sd.Path, name, t.Size, shape)
	}
	st, ok := t.Source.(*pytorch.FloatStorage)
	if !ok {
		return nil, fmt.Errorf("%s: tensor %q is %T, want float32", sd.Path, name, t.Source)
	}
	n := 1
	for _, d := range shape {
		n *= d
	}
	contiguous := len(shape) == 1 || (len(t.Stride) == 2 && t.Stride[1] == 1 && t.Stride[0] == shape[1])
	if !contiguous {
		return nil, fmt.Errorf("%s: tensor %q is not contiguous (stride %v)", sd.Path, name, t.Stride)
	}
	return st.Data[t.StorageOffset : t.StorageOffset+n], nil
}
