package pyfile

import (
	"archive/zip"
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math"
	"math/big"
	"path"
	"slices"
	"strings"
)

// StateDict is a PyTorch checkpoint holding a state dict: named tensors.
type StateDict struct {
	Path    string
	names   []string // in the file's order
	tensors map[string]*tensor
}

// dtype is a storage's element type.
type dtype struct {
	name string
	size int // bytes
}

// storageClass is a torch.<T>Storage class, which a persistent id names.
type storageClass struct {
	name string // e.g. FloatStorage
	dtype
}

func (c *storageClass) pyName() string { return "class torch." + c.name }

var storageClasses = map[string]dtype{
	"FloatStorage": {"float32", 4}, "DoubleStorage": {"float64", 8}, "HalfStorage": {"float16", 2},
	"BFloat16Storage": {"bfloat16", 2}, "LongStorage": {"int64", 8}, "IntStorage": {"int32", 4},
	"ShortStorage": {"int16", 2}, "CharStorage": {"int8", 1}, "ByteStorage": {"uint8", 1},
	"BoolStorage": {"bool", 1},
}

// storage is a flat array of elements that tensors view.
type storage struct {
	key    string
	class  *storageClass
	numel  int
	data   []byte // numel little-endian elements, once read
	tensor string // the first tensor viewing it, to name it in messages
}

func (s *storage) pyName() string { return "torch." + s.class.name }

// what names a storage for a message: by its tensor once that is known.
func (s *storage) what() string {
	if s.tensor != "" {
		return fmt.Sprintf("tensor %q (storage %q)", s.tensor, s.key)
	}
	return fmt.Sprintf("storage %q", s.key)
}

// tensor is a strided view of a storage.
type tensor struct {
	storage       *storage
	offset        int
	shape, stride []int
}

func (t *tensor) pyName() string { return fmt.Sprintf("tensor of shape %v", t.shape) }

// LoadStateDict reads a .pth file saved with torch.save(model.state_dict()), in the
// legacy format (before PyTorch 1.6; OFA's predictors) or the zip format. It checks what
// the format lets it check: every length against what remains of the file before
// allocating, every tensor's view against its storage, each storage's element count
// against the file's, the zip members' checksums, and that nothing follows the last
// storage. A damaged, truncated or foreign file thus fails with an error that names the
// file and what is wrong in it, rather than hanging, panicking or loading garbage
// (though a changed value in a legacy file, which has no checksum, can only be caught by
// the caller's own checks of the values).
func LoadStateDict(path string) (*StateDict, error) {
	data, err := readFile(path)
	if errors.Is(err, errEmpty) {
		return nil, fmt.Errorf("%s: %w, not a PyTorch state dict", path, err)
	}
	if err != nil {
		return nil, err
	}
	sd, err := decodeStateDict(data)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	sd.Path = path
	return sd, nil
}

// decodeStateDict decodes a .pth file's bytes.
func decodeStateDict(data []byte) (*StateDict, error) {
	switch {
	case len(data) == 0:
		return nil, errEmpty
	case bytes.HasPrefix(data, []byte("PK\x03\x04")):
		return decodeZip(data)
	case data[0] == 0x80: // PROTO: the legacy format's first pickle
		return decodeLegacy(data)
	case len(data) > 262 && string(data[257:262]) == "ustar":
		return nil, errors.New("a tar archive: PyTorch's oldest format, which is not supported")
	}
	return nil, fmt.Errorf("not a PyTorch file: it starts with bytes % x, neither a zip archive (50 4b 03 04) nor a pickle (80)", data[:min(len(data), 4)])
}

// decoder holds the storages of one file as its state dict pickle names them.
type decoder struct {
	storages map[string]*storage
	order    []*storage // in order of first use
	// maxBytes bounds a storage's declared size by what the file could hold, so that
	// no later size arithmetic overflows and nothing is allocated for a size the file
	// cannot back.
	maxBytes int
}

func findTorch(module, name string) (any, error) {
	switch module + "." + name {
	case "collections.OrderedDict":
		return orderedDictClass{}, nil
	case "torch._utils._rebuild_tensor_v2":
		return rebuildTensor{}, nil
	case "torch._utils._rebuild_parameter":
		return rebuildParameter{}, nil
	}
	if dt, ok := storageClasses[name]; ok && module == "torch" {
		return &storageClass{name, dt}, nil
	}
	return nil, fmt.Errorf("unsupported pickled class %s.%s (a state dict holds only tensors)", module, name)
}

// persistentID decodes a storage's persistent id: ('storage', class, key, location,
// numel), plus a view (None) in the legacy format.
func (d *decoder) persistentID(pid any, legacy bool) (any, error) {
	t, ok := pid.(*Tuple)
	if !ok || len(*t) == 0 {
		return nil, fmt.Errorf("persistent id is %s, want a tuple", describe(pid))
	}
	if kind, _ := (*t)[0].(string); kind != "storage" {
		return nil, fmt.Errorf("persistent id of kind %s; a state dict holds only storages", describe((*t)[0]))
	}
	n := 5
	if legacy {
		n = 6
	}
	if len(*t) != n {
		return nil, fmt.Errorf("storage persistent id of length %d, want %d", len(*t), n)
	}
	class, ok1 := (*t)[1].(*storageClass)
	key, ok2 := (*t)[2].(string)
	_, ok3 := (*t)[3].(string)
	numel, ok4 := (*t)[4].(int)
	if !ok1 || !ok2 || !ok3 || !ok4 {
		return nil, fmt.Errorf("storage persistent id (%s, %s, %s, %s) is not (storage class, key, location, element count)",
			describe((*t)[1]), describe((*t)[2]), describe((*t)[3]), describe((*t)[4]))
	}
	if legacy && (*t)[5] != nil {
		return nil, fmt.Errorf("storage %q is a view of another (%s), which is not supported", truncate(key), describe((*t)[5]))
	}
	if numel < 0 || numel > d.maxBytes/class.size {
		return nil, fmt.Errorf("storage %q declares %d elements of %s, more than the file can hold", truncate(key), numel, class.name)
	}
	if s, ok := d.storages[key]; ok {
		if s.class.name != class.name || s.numel != numel {
			return nil, fmt.Errorf("storage %q is named twice, as %d %s and as %d %s", truncate(key), s.numel, s.class.name, numel, class.name)
		}
		return s, nil
	}
	s := &storage{key: key, class: class, numel: numel}
	d.storages[key] = s
	d.order = append(d.order, s)
	return s, nil
}

type orderedDictClass struct{}

func (orderedDictClass) pyName() string { return "class collections.OrderedDict" }

func (orderedDictClass) call(args []any) (any, error) {
	if len(args) != 0 {
		return nil, fmt.Errorf("collections.OrderedDict with %d arguments, want none (its items follow)", len(args))
	}
	return &Dict{}, nil
}

// rebuildTensor is torch._utils._rebuild_tensor_v2(storage, storage_offset, size,
// stride, requires_grad, backward_hooks[, metadata]).
type rebuildTensor struct{}

func (rebuildTensor) pyName() string { return "function torch._utils._rebuild_tensor_v2" }

func (rebuildTensor) call(args []any) (any, error) {
	if len(args) != 6 && len(args) != 7 {
		return nil, fmt.Errorf("_rebuild_tensor_v2: %d arguments, want 6 or 7", len(args))
	}
	s, ok := args[0].(*storage)
	if !ok {
		return nil, fmt.Errorf("_rebuild_tensor_v2: storage is %s", describe(args[0]))
	}
	offset, ok := args[1].(int)
	if !ok || offset < 0 {
		return nil, fmt.Errorf("_rebuild_tensor_v2: storage offset is %s", describe(args[1]))
	}
	shape, err := ints(args[2], "size")
	if err != nil {
		return nil, err
	}
	stride, err := ints(args[3], "stride")
	if err != nil {
		return nil, err
	}
	if len(shape) != len(stride) {
		return nil, fmt.Errorf("_rebuild_tensor_v2: size %v and stride %v differ in length", shape, stride)
	}
	if _, ok := args[4].(bool); !ok {
		return nil, fmt.Errorf("_rebuild_tensor_v2: requires_grad is %s", describe(args[4]))
	}
	// The last element viewed, offset + sum (size-1)*stride, must lie in the storage;
	// an empty tensor views nothing, but its offset must still be in range. Each step is
	// checked against the storage's size, which persistentID bounded, so nothing
	// overflows.
	outside := offset > s.numel
	if !slices.Contains(shape, 0) {
		outside = offset >= s.numel
		for i := range shape {
			if outside {
				break
			}
			if stride[i] != 0 {
				outside = shape[i]-1 > (s.numel-1-offset)/stride[i]
				offset += (shape[i] - 1) * stride[i]
			}
		}
	}
	if outside {
		return nil, fmt.Errorf("_rebuild_tensor_v2: a tensor of size %v, stride %v at offset %d reaches past the end of storage %q of %d elements",
			shape, stride, args[1], truncate(s.key), s.numel)
	}
	return &tensor{storage: s, offset: args[1].(int), shape: shape, stride: stride}, nil
}

// maxDims bounds a tensor's dimensions (PyTorch's own limit is 64).
const maxDims = 64

// ints reads a tuple of non-negative ints.
func ints(v any, what string) ([]int, error) {
	t, ok := v.(*Tuple)
	if !ok || len(*t) > maxDims {
		return nil, fmt.Errorf("_rebuild_tensor_v2: %s is %s, want a tuple of at most %d ints", what, describe(v), maxDims)
	}
	out := make([]int, len(*t))
	for i, x := range *t {
		n, ok := x.(int)
		if !ok || n < 0 {
			return nil, fmt.Errorf("_rebuild_tensor_v2: %s element %d is %s, want an int >= 0", what, i, describe(x))
		}
		out[i] = n
	}
	return out, nil
}

// rebuildParameter is torch._utils._rebuild_parameter(data, requires_grad,
// backward_hooks): an nn.Parameter, which a state dict may hold in place of its tensor.
type rebuildParameter struct{}

func (rebuildParameter) pyName() string { return "function torch._utils._rebuild_parameter" }

func (rebuildParameter) call(args []any) (any, error) {
	if len(args) != 3 {
		return nil, fmt.Errorf("_rebuild_parameter: %d arguments, want 3", len(args))
	}
	t, ok := args[0].(*tensor)
	if !ok {
		return nil, fmt.Errorf("_rebuild_parameter: data is %s, not a tensor", describe(args[0]))
	}
	return t, nil
}

// stateDict checks that the main pickle holds a dict of named tensors, and names each
// storage by its first tensor.
func stateDict(v any) (*StateDict, error) {
	od, ok := v.(*Dict)
	if !ok {
		return nil, fmt.Errorf("holds %s, want a state dict", describe(v))
	}
	sd := &StateDict{tensors: make(map[string]*tensor, od.Len())}
	for i, k := range od.Keys {
		name, ok := k.(string)
		if !ok {
			return nil, fmt.Errorf("state dict key %d is %s, not a name", i, describe(k))
		}
		t, ok := od.Values[i].(*tensor)
		if !ok {
			return nil, fmt.Errorf("state dict entry %q is %s, not a tensor", truncate(name), describe(od.Values[i]))
		}
		if t.storage.tensor == "" {
			t.storage.tensor = name
		}
		sd.names = append(sd.names, name)
		sd.tensors[name] = t
	}
	return sd, nil
}

// The legacy format: pickles of the magic number, the protocol version, the system's
// byte order and type sizes, the state dict and the list of storage keys, then each
// storage listed as an 8-byte element count and its elements.
const (
	legacyMagic    = "1950a86a20f9469cfc6c"
	legacyProtocol = 1001
)

func decodeLegacy(data []byte) (*StateDict, error) {
	u := newUnpickler(data, nil)
	next := func(what string) (any, error) {
		start := u.pos
		v, err := u.load()
		if err != nil {
			return nil, fmt.Errorf("legacy PyTorch file: %s pickle (from byte %d): %w", what, start, err)
		}
		return v, nil
	}
	v, err := next("magic number")
	if err != nil {
		return nil, err
	}
	if n, ok := v.(*big.Int); !ok || n.Text(16) != legacyMagic {
		return nil, fmt.Errorf("not a PyTorch file: its first pickle holds %s, not the magic number 0x%s", describe(v), legacyMagic)
	}
	if v, err = next("protocol version"); err != nil {
		return nil, err
	}
	if v != legacyProtocol {
		return nil, fmt.Errorf("legacy PyTorch file: protocol version is %s, want %d", describe(v), legacyProtocol)
	}
	if v, err = next("system information"); err != nil {
		return nil, err
	}
	info, ok := v.(*Dict)
	if !ok {
		return nil, fmt.Errorf("legacy PyTorch file: system information is %s, not a dict", describe(v))
	}
	if le, ok := info.Get("little_endian"); ok && le != true {
		return nil, errors.New("legacy PyTorch file: written on a big-endian machine, which is not supported")
	}

	d := &decoder{storages: map[string]*storage{}, maxBytes: len(data)}
	u.find = findTorch
	u.persistentLoad = func(pid any) (any, error) { return d.persistentID(pid, true) }
	if v, err = next("state dict"); err != nil {
		return nil, err
	}
	sd, err := stateDict(v)
	if err != nil {
		return nil, fmt.Errorf("legacy PyTorch file: %w", err)
	}
	u.find, u.persistentLoad = nil, nil
	if v, err = next("storage keys"); err != nil {
		return nil, err
	}
	keys, ok := v.(*List)
	if !ok {
		return nil, fmt.Errorf("legacy PyTorch file: storage keys are %s, not a list", describe(v))
	}

	pos := u.pos
	for i, k := range *keys {
		key, ok := k.(string)
		if !ok {
			return nil, fmt.Errorf("legacy PyTorch file: storage key %d is %s, not a string", i, describe(k))
		}
		s, ok := d.storages[key]
		if !ok {
			return nil, fmt.Errorf("legacy PyTorch file: storage key %q is listed, but no tensor uses it", truncate(key))
		}
		if s.data != nil {
			return nil, fmt.Errorf("legacy PyTorch file: storage key %q is listed twice", truncate(key))
		}
		if len(data)-pos < 8 {
			return nil, fmt.Errorf("truncated: %s needs an 8-byte element count at byte %d, but only %d bytes remain", s.what(), pos, len(data)-pos)
		}
		if n := binary.LittleEndian.Uint64(data[pos:]); n != uint64(s.numel) {
			return nil, fmt.Errorf("legacy PyTorch file: %s has %d elements at byte %d, but %d in the state dict (damaged file)", s.what(), int64(n), pos, s.numel)
		}
		pos += 8
		nb := s.numel * s.class.size // bounded by persistentID
		if len(data)-pos < nb {
			return nil, fmt.Errorf("truncated: %s needs %d bytes of data (%d elements of %s) at byte %d, but only %d remain",
				s.what(), nb, s.numel, s.class.dtype.name, pos, len(data)-pos)
		}
		s.data = data[pos : pos+nb : pos+nb]
		pos += nb
	}
	for _, s := range d.order {
		if s.data == nil {
			return nil, fmt.Errorf("legacy PyTorch file: %s is not among the storages listed after the state dict (damaged file)", s.what())
		}
	}
	if pos < len(data) {
		return nil, fmt.Errorf("legacy PyTorch file: %d bytes follow the last storage, which ends at byte %d (damaged file, or not one state dict)", len(data)-pos, pos)
	}
	return sd, nil
}

// maxDeflateRatio is how far deflate can expand data (its limit is 1032:1): no zip
// member can honestly hold more than this many bytes per byte of the file.
const maxDeflateRatio = 1032

// decodeZip reads the zip format: <archive>/data.pkl, the state dict whose persistent ids
// name storages, each in its own member <archive>/data/<key>.
func decodeZip(data []byte) (*StateDict, error) {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return nil, fmt.Errorf("damaged zip archive: %w", err)
	}
	members := map[string]*zip.File{}
	var pkl *zip.File
	for _, f := range zr.File {
		members[f.Name] = f
		if dir, file := path.Split(f.Name); file == "data.pkl" && dir != "" && !strings.Contains(dir[:len(dir)-1], "/") {
			if pkl != nil {
				return nil, fmt.Errorf("zip archive has two state dicts, %s and %s", pkl.Name, f.Name)
			}
			pkl = f
		}
	}
	if pkl == nil {
		return nil, errors.New("zip archive has no member <archive>/data.pkl: not a PyTorch file, or a damaged one")
	}
	prefix := strings.TrimSuffix(pkl.Name, "data.pkl")
	if _, ok := members[prefix+"constants.pkl"]; ok {
		return nil, errors.New("a TorchScript archive, not a state dict saved by torch.save")
	}
	maxBytes := len(data) * maxDeflateRatio
	if f, ok := members[prefix+"byteorder"]; ok {
		order, err := readMember(f, -1, maxBytes, len(data))
		if err != nil {
			return nil, err
		}
		if string(order) != "little" {
			return nil, fmt.Errorf("zip archive: byte order %q, want \"little\"", truncate(string(order)))
		}
	}
	p, err := readMember(pkl, -1, maxBytes, len(data))
	if err != nil {
		return nil, err
	}
	d := &decoder{storages: map[string]*storage{}, maxBytes: maxBytes}
	u := newUnpickler(p, findTorch)
	u.persistentLoad = func(pid any) (any, error) { return d.persistentID(pid, false) }
	v, err := u.load()
	if err != nil {
		return nil, fmt.Errorf("zip archive member %s: %w", pkl.Name, err)
	}
	if u.pos < len(p) {
		return nil, fmt.Errorf("zip archive member %s: %d bytes follow the pickle's STOP (damaged file)", pkl.Name, len(p)-u.pos)
	}
	sd, err := stateDict(v)
	if err != nil {
		return nil, fmt.Errorf("zip archive member %s: %w", pkl.Name, err)
	}
	total := 0
	for _, s := range d.order {
		name := prefix + "data/" + s.key
		f, ok := members[name]
		if !ok {
			return nil, fmt.Errorf("%s: zip archive has no member %s, which holds its data", s.what(), name)
		}
		nb := s.numel * s.class.size
		if total += nb; total > maxBytes {
			return nil, fmt.Errorf("%s: zip archive's storages add up to more than %d bytes, more than the file can hold", s.what(), maxBytes)
		}
		if s.data, err = readMember(f, nb, maxBytes, len(data)); err != nil {
			return nil, fmt.Errorf("%s: %w", s.what(), err)
		}
	}
	return sd, nil
}

// readMember reads a zip member of want bytes (any size when want < 0), up to limit.
// It checks the sizes the archive declares against each other and against the file
// before reading, grows its buffer only as data arrives, so a lying header cannot make it
// allocate what the member does not hold, and reads to the end, where archive/zip
// compares the checksum.
func readMember(f *zip.File, want, limit, fileLen int) ([]byte, error) {
	size := f.UncompressedSize64
	switch {
	case want >= 0 && size != uint64(want):
		return nil, fmt.Errorf("zip archive member %s holds %d bytes, want %d", f.Name, size, want)
	case size > uint64(limit):
		return nil, fmt.Errorf("zip archive member %s declares %d bytes, more than the file can hold", f.Name, size)
	case f.CompressedSize64 > uint64(fileLen):
		return nil, fmt.Errorf("zip archive member %s declares %d compressed bytes in a file of %d (damaged file)", f.Name, f.CompressedSize64, fileLen)
	case f.Method == zip.Store && f.CompressedSize64 != size:
		return nil, fmt.Errorf("zip archive member %s is stored uncompressed, but declares %d bytes and %d compressed (damaged file)", f.Name, size, f.CompressedSize64)
	}
	rc, err := f.Open()
	if err != nil {
		return nil, fmt.Errorf("zip archive member %s: %w", f.Name, err)
	}
	defer rc.Close()
	var buf bytes.Buffer
	n, err := io.Copy(&buf, io.LimitReader(rc, int64(size)+1))
	if err != nil {
		return nil, fmt.Errorf("zip archive member %s: %w (damaged file)", f.Name, err)
	}
	if uint64(n) != size {
		return nil, fmt.Errorf("zip archive member %s holds %d bytes, but declares %d (truncated or damaged file)", f.Name, n, size)
	}
	return buf.Bytes(), nil
}

// Names returns the tensors' names in the file's order.
func (sd *StateDict) Names() []string { return slices.Clone(sd.names) }

// Shape returns a tensor's shape, and false if there is no such tensor.
func (sd *StateDict) Shape(name string) ([]int, bool) {
	t, ok := sd.tensors[name]
	if !ok {
		return nil, false
	}
	return slices.Clone(t.shape), true
}

// Float32 returns a float32 tensor's values in row-major order, checking that it exists,
// has the given shape and is contiguous; the error names the file and the tensor.
func (sd *StateDict) Float32(name string, shape ...int) ([]float32, error) {
	t, ok := sd.tensors[name]
	if !ok {
		return nil, fmt.Errorf("%s: no tensor %q", sd.Path, name)
	}
	if !slices.Equal(t.shape, shape) {
		return nil, fmt.Errorf("%s: tensor %q has shape %v, want %v", sd.Path, name, t.shape, shape)
	}
	if c := t.storage.class; c.dtype.name != "float32" {
		return nil, fmt.Errorf("%s: tensor %q holds %s (torch.%s), want float32", sd.Path, name, c.dtype.name, c.name)
	}
	if slices.Contains(shape, 0) { // no elements, and no strides that matter
		return []float32{}, nil
	}
	// Row-major: each dimension's stride is the product of the later sizes; a dimension
	// of size 1 is never stepped along, so its stride does not matter (PyTorch too).
	n := 1
	for i := len(shape) - 1; i >= 0; i-- {
		if shape[i] != 1 && t.stride[i] != n {
			return nil, fmt.Errorf("%s: tensor %q is not contiguous (size %v, stride %v)", sd.Path, name, t.shape, t.stride)
		}
		n *= shape[i]
	}
	// _rebuild_tensor_v2 checked that the view lies in the storage, which for a
	// contiguous tensor means offset + n <= numel.
	raw := t.storage.data[4*t.offset : 4*(t.offset+n)]
	out := make([]float32, n)
	for i := range out {
		out[i] = math.Float32frombits(binary.LittleEndian.Uint32(raw[4*i:]))
	}
	return out, nil
}
