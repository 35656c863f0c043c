package pyfile

import (
	"encoding/binary"
	"fmt"
	"math"
	"os"

	"github.com/nlpodyssey/gopickle/pickle"
	"github.com/nlpodyssey/gopickle/types"
)

// Load unpickles a file, knowing the two numpy classes that OneProxy's pickles
// use for numpy.float64 scalars: numpy.dtype (built from a type code such as "f8" and a
// state tuple that carries the byte order) and numpy.core.multiarray.scalar (a dtype
// and the raw bytes of the value). Any other class is refused by name, so a file
// holding something else fails loudly instead of decoding to a generic object.
func Load(path string) (any, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	u := pickle.NewUnpickler(f)
	u.FindClass = func(module, name string) (any, error) {
		switch module + "." + name {
		case "numpy.dtype":
			return numpyDTypeClass{}, nil
		case "numpy.core.multiarray.scalar", "numpy._core.multiarray.scalar":
			return numpyScalarClass{}, nil
		}
		return nil, fmt.Errorf("%s: unsupported pickled class %s.%s", path, module, name)
	}
	v, err := u.Load()
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return v, nil
}

type numpyDTypeClass struct{}

// numpyDType is the part of a numpy.dtype needed to decode a scalar.
type numpyDType struct {
	code      string // e.g. "f8", "f4", "i8"
	bigEndian bool
}

func (numpyDTypeClass) Call(args ...any) (any, error) {
	if len(args) == 0 {
		return nil, fmt.Errorf("numpy.dtype: no type code")
	}
	code, ok := args[0].(string)
	if !ok {
		return nil, fmt.Errorf("numpy.dtype: type code %v is not a string", args[0])
	}
	return &numpyDType{code: code}, nil
}

// PySetState reads numpy's dtype state (version, byte order, ...).
func (d *numpyDType) PySetState(state any) error {
	t, ok := state.(*types.Tuple)
	if !ok || t.Len() < 2 {
		return fmt.Errorf("numpy.dtype: unexpected state %v", state)
	}
	if order, ok := t.Get(1).(string); ok {
		d.bigEndian = order == ">"
	}
	return nil
}

type numpyScalarClass struct{}

func (numpyScalarClass) Call(args ...any) (any, error) {
	if len(args) != 2 {
		return nil, fmt.Errorf("numpy scalar: want (dtype, bytes), got %d arguments", len(args))
	}
	dt, ok := args[0].(*numpyDType)
	if !ok {
		return nil, fmt.Errorf("numpy scalar: first argument %v is not a dtype", args[0])
	}
	var raw []byte
	switch b := args[1].(type) {
	case []byte:
		raw = b
	case string: // protocol 2 pickles carry the bytes as a latin-1 string
		for _, r := range b {
			raw = append(raw, byte(r))
		}
	default:
		return nil, fmt.Errorf("numpy scalar: data %T is not bytes", args[1])
	}
	var order binary.ByteOrder = binary.LittleEndian
	if dt.bigEndian {
		order = binary.BigEndian
	}
	want := map[string]int{"f8": 8, "f4": 4, "i8": 8, "i4": 4}[dt.code]
	if want == 0 || len(raw) != want {
		return nil, fmt.Errorf("numpy scalar: unsupported dtype %q with %d bytes", dt.code, len(raw))
	}
	switch dt.code {
	case "f8":
		return math.Float64frombits(order.Uint64(raw)), nil
	case "f4":
		return float64(math.Float32frombits(order.Uint32(raw))), nil
	case "i8":
		return float64(int64(order.Uint64(raw))), nil
	default: // i4
		return float64(int32(order.Uint32(raw))), nil
	}
}

// Floats reads a pickled list of numbers (Python floats or ints, or numpy scalars).
func Floats(path string) ([]float64, error) {
	v, err := Load(path)
	if err != nil {
		return nil, err
	}
	list, ok := v.(*types.List)
	if !ok {
		return nil, fmt.Errorf("%s: pickle holds %T, want a list", path, v)
	}
	out := make([]float64, list.Len())
	for i := range out {
		x, err := toFloat(list.Get(i))
		if err != nil {
			return nil, fmt.Errorf("%s: element %d: %w", path, i, err)
		}
		out[i] = x
	}
	return out, nil
}

// Matrix reads a pickled list of lists of numbers.
func Matrix(path string) ([][]float64, error) {
	v, err := Load(path)
	if err != nil {
		return nil, err
	}
	list, ok := v.(*types.List)
	if !ok {
		return nil, fmt.Errorf("%s: pickle holds %T, want a list of lists", path, v)
	}
	out := make([][]float64, list.Len())
	for i := range out {
		row, ok := list.Get(i).(*types.List)
		if !ok {
			return nil, fmt.Errorf("%s: element %d is %T, want a list", path, i, list.Get(i))
		}
		out[i] = make([]float64, row.Len())
		for j := range out[i] {
			if out[i][j], err = toFloat(row.Get(j)); err != nil {
				return nil, fmt.Errorf("%s: element [%d][%d]: %w", path, i, j, err)
			}
		}
	}
	return out, nil
}

func toFloat(v any) (float64, error) {
	switch x := v.(type) {
	case float64:
		return x, nil
	case int:
		return float64(x), nil
	case int64:
		return float64(x), nil
	case bool:
		if x {
			return 1, nil
		}
		return 0, nil
	}
	return 0, fmt.Errorf("%v (%T) is not a number", v, v)
}
