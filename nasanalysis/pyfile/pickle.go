package pyfile

import (
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math"
	"math/big"
	"os"
)

// maxFileBytes bounds what Load and LoadStateDict read into memory. The files this
// package is for are at most a few megabytes; the bound only stops a wrong path (a
// device, a disk image) from being read whole.
const maxFileBytes = 1 << 31

// errEmpty is readFile's error for a file of 0 bytes, which both loaders describe
// in their own terms.
var errEmpty = errors.New("empty file (0 bytes)")

// readFile reads a whole file, refusing an empty or oversized one. Errors from the file
// system are returned as they are, so that errors.Is(err, fs.ErrNotExist) holds for a
// missing file.
func readFile(path string) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, maxFileBytes+1))
	if err != nil {
		return nil, err
	}
	if len(data) > maxFileBytes {
		return nil, fmt.Errorf("%s: larger than %d bytes, far more than any file this package reads", path, maxFileBytes)
	}
	if len(data) == 0 {
		return nil, errEmpty
	}
	return data, nil
}

// Load unpickles a file, knowing the two numpy classes that OneProxy's pickles
// use for numpy.float64 scalars: numpy.dtype (built from a type code such as "f8" and a
// state tuple that carries the byte order) and numpy.core.multiarray.scalar (a dtype
// and the raw bytes of the value), and _codecs.encode, with which Python 3 writes bytes
// into a protocol-2 pickle. Any other class is refused by name, so a file holding
// something else fails loudly instead of decoding to a generic object.
//
// Python values decode to nil (None), bool, int (or *big.Int beyond 64 bits), float64,
// string (str, and Python 2's str as its bytes), []byte, *List, *Tuple and *Dict; a
// numpy scalar to float64. The file must hold exactly one pickle, and the reader bounds
// its work and memory by the file's size, so a damaged file fails with an error that
// names the file, the opcode and its offset, rather than hanging or exhausting memory.
func Load(path string) (any, error) {
	data, err := readFile(path)
	if errors.Is(err, errEmpty) {
		return nil, fmt.Errorf("%s: %w, not a pickle", path, err)
	}
	if err != nil {
		return nil, err
	}
	v, err := unpickle(data, findNumpy)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return v, nil
}

// unpickle decodes an input that holds exactly one pickle.
func unpickle(data []byte, find func(module, name string) (any, error)) (any, error) {
	u := newUnpickler(data, find)
	v, err := u.load()
	if err != nil {
		return nil, err
	}
	if u.pos < len(data) {
		return nil, fmt.Errorf("%d bytes follow the pickle's STOP at byte %d (damaged file, or more than one pickle)", len(data)-u.pos, u.pos-1)
	}
	return v, nil
}

// findNumpy resolves the classes Load knows.
func findNumpy(module, name string) (any, error) {
	switch module + "." + name {
	case "numpy.dtype":
		return numpyDTypeClass{}, nil
	case "numpy.core.multiarray.scalar", "numpy._core.multiarray.scalar":
		return numpyScalarClass{}, nil
	case "_codecs.encode":
		return codecsEncode{}, nil
	}
	return nil, fmt.Errorf("unsupported pickled class %s.%s", module, name)
}

type numpyDTypeClass struct{}

func (numpyDTypeClass) pyName() string { return "class numpy.dtype" }

// numpyDType is the part of a numpy.dtype needed to decode a scalar.
type numpyDType struct {
	code      string // e.g. "f8", "f4", "i8"
	bigEndian bool
}

func (*numpyDType) pyName() string { return "numpy.dtype" }

func (numpyDTypeClass) call(args []any) (any, error) {
	if len(args) == 0 {
		return nil, fmt.Errorf("numpy.dtype: no type code")
	}
	code, ok := args[0].(string)
	if !ok {
		return nil, fmt.Errorf("numpy.dtype: type code is %s, not a string", describe(args[0]))
	}
	return &numpyDType{code: code}, nil
}

// setState reads numpy's dtype state (version, byte order, ...).
func (d *numpyDType) setState(state any) error {
	t, ok := state.(*Tuple)
	if !ok || len(*t) < 2 {
		return fmt.Errorf("numpy.dtype: state is %s, want a tuple (version, byte order, ...)", describe(state))
	}
	if order, ok := (*t)[1].(string); ok {
		d.bigEndian = order == ">"
	}
	return nil
}

type numpyScalarClass struct{}

func (numpyScalarClass) pyName() string { return "function numpy.core.multiarray.scalar" }

func (numpyScalarClass) call(args []any) (any, error) {
	if len(args) != 2 {
		return nil, fmt.Errorf("numpy scalar: want (dtype, bytes), got %d arguments", len(args))
	}
	dt, ok := args[0].(*numpyDType)
	if !ok {
		return nil, fmt.Errorf("numpy scalar: first argument is %s, not a dtype", describe(args[0]))
	}
	var raw []byte
	switch b := args[1].(type) {
	case []byte:
		raw = b
	case string: // a Python 2 str holds the bytes
		if len(b) > 8 { // no scalar's; refused below without copying it
			return nil, fmt.Errorf("numpy scalar: unsupported dtype %q with %d bytes", truncate(dt.code), len(b))
		}
		raw = []byte(b)
	default:
		return nil, fmt.Errorf("numpy scalar: data is %s, not bytes", describe(args[1]))
	}
	var order binary.ByteOrder = binary.LittleEndian
	if dt.bigEndian {
		order = binary.BigEndian
	}
	want := map[string]int{"f8": 8, "f4": 4, "i8": 8, "i4": 4}[dt.code]
	if want == 0 || len(raw) != want {
		return nil, fmt.Errorf("numpy scalar: unsupported dtype %q with %d bytes", truncate(dt.code), len(raw))
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

// codecsEncode is _codecs.encode(str, "latin1"): Python 3 pickles bytes at protocol 2
// as that call on a str of the same code points.
type codecsEncode struct{}

func (codecsEncode) pyName() string { return "function _codecs.encode" }

func (codecsEncode) call(args []any) (any, error) {
	if len(args) != 2 {
		return nil, fmt.Errorf("_codecs.encode: %d arguments, want (str, encoding)", len(args))
	}
	s, ok1 := args[0].(string)
	enc, ok2 := args[1].(string)
	if !ok1 || !ok2 || (enc != "latin1" && enc != "latin-1" && enc != "iso-8859-1") {
		return nil, fmt.Errorf("_codecs.encode: want (str, \"latin1\"), got (%s, %s)", describe(args[0]), describe(args[1]))
	}
	b := make([]byte, 0, len(s))
	for _, r := range s {
		if r > 0xff {
			return nil, fmt.Errorf("_codecs.encode: code point %U is not Latin-1", r)
		}
		b = append(b, byte(r))
	}
	return b, nil
}

// Floats reads a pickled list of numbers (Python floats or ints, or numpy scalars).
func Floats(path string) ([]float64, error) {
	v, err := Load(path)
	if err != nil {
		return nil, err
	}
	list, ok := v.(*List)
	if !ok {
		return nil, fmt.Errorf("%s: pickle holds %s, want a list", path, describe(v))
	}
	out := make([]float64, len(*list))
	for i, x := range *list {
		if out[i], err = toFloat(x); err != nil {
			return nil, fmt.Errorf("%s: element %d: %w", path, i, err)
		}
	}
	return out, nil
}

// Matrix reads a pickled list of lists of numbers.
func Matrix(path string) ([][]float64, error) {
	v, err := Load(path)
	if err != nil {
		return nil, err
	}
	list, ok := v.(*List)
	if !ok {
		return nil, fmt.Errorf("%s: pickle holds %s, want a list of lists", path, describe(v))
	}
	out := make([][]float64, len(*list))
	for i, x := range *list {
		row, ok := x.(*List)
		if !ok {
			return nil, fmt.Errorf("%s: element %d is %s, want a list", path, i, describe(x))
		}
		out[i] = make([]float64, len(*row))
		for j, y := range *row {
			if out[i][j], err = toFloat(y); err != nil {
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
	case *big.Int:
		f, _ := new(big.Float).SetInt(x).Float64()
		return f, nil
	case bool:
		if x {
			return 1, nil
		}
		return 0, nil
	}
	return 0, fmt.Errorf("%s is not a number", describe(v))
}
