package pyfile

import (
	"encoding/binary"
	"fmt"
	"math"
	"math/big"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"
)

// List is a decoded Python list. Through the pickle's memo a list can hold itself, as in
// Python, so a caller must not walk a decoded value recursively without a bound.
type List []any

// Tuple is a decoded Python tuple.
type Tuple []any

// Dict is a decoded Python dict or collections.OrderedDict, its entries in insertion order
// (a key set twice keeps its first place and its last value, as in Python). Keys are
// None, bools, ints, floats, strings, bytes or flat tuples of those: the hashable values
// whose equality costs no more than their size, so no pickle can make a lookup slow.
type Dict struct {
	Keys, Values []any
	index        map[key]int
}

// key is a dict key in comparable form: kind is the type, and n or s the value (a
// tuple's items encoded into s).
type key struct {
	kind byte
	n    uint64
	s    string
}

// Len returns the number of entries.
func (d *Dict) Len() int { return len(d.Keys) }

// Get returns the value of k.
func (d *Dict) Get(k any) (any, bool) {
	dk, err := dictKey(k)
	if err != nil {
		return nil, false
	}
	i, ok := d.index[dk]
	if !ok {
		return nil, false
	}
	return d.Values[i], true
}

func (d *Dict) set(k, value any) error {
	dk, err := dictKey(k)
	if err != nil {
		return err
	}
	if d.index == nil {
		d.index = map[key]int{}
	}
	if i, ok := d.index[dk]; ok {
		d.Values[i] = value
		return nil
	}
	d.index[dk] = len(d.Keys)
	d.Keys = append(d.Keys, k)
	d.Values = append(d.Values, value)
	return nil
}

// dictKey makes a value's key. A str key shares the str's bytes; bytes and tuples are
// encoded anew, which the unpickler charges as work.
func dictKey(k any) (key, error) {
	t, ok := k.(*Tuple)
	if !ok {
		return scalarKey(k)
	}
	var b []byte
	for _, x := range *t {
		xk, err := scalarKey(x)
		if err != nil {
			return key{}, fmt.Errorf("dict key: tuple holding %s (only flat tuples of scalars are supported as keys)", describe(x))
		}
		b = append(b, xk.kind)
		b = binary.LittleEndian.AppendUint64(b, xk.n)
		b = binary.LittleEndian.AppendUint64(b, uint64(len(xk.s)))
		b = append(b, xk.s...)
	}
	return key{kind: 't', s: string(b)}, nil
}

func scalarKey(k any) (key, error) {
	switch x := k.(type) {
	case nil:
		return key{kind: 'N'}, nil
	case bool:
		if x {
			return key{kind: 'b', n: 1}, nil
		}
		return key{kind: 'b'}, nil
	case int:
		return key{kind: 'i', n: uint64(x)}, nil
	case float64:
		return key{kind: 'f', n: math.Float64bits(x)}, nil
	case string:
		return key{kind: 's', s: x}, nil
	case []byte:
		return key{kind: 'y', s: string(x)}, nil
	}
	return key{}, fmt.Errorf("dict key: %s is not supported as a key", describe(k))
}

// describe names a decoded value for an error message in bounded time and length: its
// type, and its value when that is a short scalar. Values can be cyclic or huge, so
// nothing here recurses or prints a container's items.
func describe(v any) string {
	const maxLen = 40
	switch x := v.(type) {
	case nil:
		return "None"
	case bool:
		if x {
			return "True"
		}
		return "False"
	case int:
		return "int " + strconv.Itoa(x)
	case *big.Int:
		return fmt.Sprintf("int of %d bits", x.BitLen())
	case float64:
		return "float " + strconv.FormatFloat(x, 'g', -1, 64)
	case string:
		if len(x) > maxLen {
			return fmt.Sprintf("str %q... (%d bytes)", x[:maxLen], len(x))
		}
		return fmt.Sprintf("str %q", x)
	case []byte:
		return fmt.Sprintf("bytes of length %d", len(x))
	case *List:
		return fmt.Sprintf("list of length %d", len(*x))
	case *Tuple:
		return fmt.Sprintf("tuple of length %d", len(*x))
	case *Dict:
		return fmt.Sprintf("dict of length %d", x.Len())
	case interface{ pyName() string }:
		return x.pyName()
	}
	return fmt.Sprintf("%T", v)
}

// callable is a pickled class or function that REDUCE may call.
type callable interface {
	call(args []any) (any, error)
}

// stateSetter is an object that BUILD may give a state (Python's __setstate__).
type stateSetter interface {
	setState(state any) error
}

// Limits of one decoding. Each opcode consumes at least one input byte, so the work is
// already linear in the input; the limits also keep the memory per input byte small and
// refuse the shapes no real file has, which a fuzzer or a damaged file finds first.
const (
	maxOps     = 1 << 28 // opcodes
	maxStack   = 1 << 24 // values on the stack at once
	maxMarks   = 1 << 10 // MARKs open at once
	maxMemo    = 1 << 22 // memo entries
	maxNesting = 100     // containers within containers
	maxDigits  = 4300    // of a decimal int (Python's own int_max_str_digits)
	// Work beyond an opcode's own bytes: hashing dict keys and the str and bytes
	// arguments of calls, which the memo lets a pickle repeat for a few bytes each.
	workPerByte = 64
	workBase    = 1 << 24
)

// unpickler runs the pickle virtual machine over an in-memory input, so that every
// length the input declares is checked against what remains before anything is
// allocated. It decodes protocols 0 to 5, without the opcodes for sets, extension codes,
// out-of-band buffers and old-style instances (INST, OBJ, NEWOBJ), which the files this
// package reads never use: each is refused by name.
type unpickler struct {
	data  []byte
	pos   int
	op    byte // the opcode being run
	opPos int  // its offset

	stack []any
	marks []int // stack lengths at each open MARK
	memo  map[uint64]any
	depth map[any]int // nesting depth of each container built, when above 1
	ops   int
	work  int // see charge

	// find returns the class or function a GLOBAL names, or an error refusing it.
	find func(module, name string) (any, error)
	// persistentLoad resolves a persistent id (PERSID, BINPERSID); nil refuses them.
	persistentLoad func(pid any) (any, error)
}

func newUnpickler(data []byte, find func(module, name string) (any, error)) *unpickler {
	return &unpickler{data: data, find: find, memo: map[uint64]any{}, depth: map[any]int{}}
}

// errorf makes an error that names the opcode being run and its offset.
func (u *unpickler) errorf(format string, args ...any) error {
	return fmt.Errorf("pickle opcode %s at byte %d: %s", opName(u.op), u.opPos, fmt.Sprintf(format, args...))
}

// truncated is the error for an input that ends inside an opcode's argument.
func (u *unpickler) truncated(what string, n uint64) error {
	return u.errorf("%s needs %s, but only %d remain (truncated or damaged file)", what, plural(n, "byte"), len(u.data)-u.pos)
}

// plural writes a count of things.
func plural(n uint64, thing string) string {
	if n == 1 {
		return "1 " + thing
	}
	return fmt.Sprintf("%d %ss", n, thing)
}

// take returns the next n input bytes, checking n against what remains first.
func (u *unpickler) take(n uint64, what string) ([]byte, error) {
	if n > uint64(len(u.data)-u.pos) {
		return nil, u.truncated(what, n)
	}
	b := u.data[u.pos : u.pos+int(n) : u.pos+int(n)]
	u.pos += int(n)
	return b, nil
}

func (u *unpickler) uintLE(size int, what string) (uint64, error) {
	b, err := u.take(uint64(size), what)
	if err != nil {
		return 0, err
	}
	var x uint64
	for i := size - 1; i >= 0; i-- {
		x = x<<8 | uint64(b[i])
	}
	return x, nil
}

// line returns the text up to the next newline, for the protocol-0 opcodes.
func (u *unpickler) line() (string, error) {
	i := slices.Index(u.data[u.pos:], '\n')
	if i < 0 {
		return "", u.errorf("no newline before the end of the input (truncated or damaged file)")
	}
	s := string(u.data[u.pos : u.pos+i])
	u.pos += i + 1
	return s, nil
}

func (u *unpickler) push(v any) error {
	if len(u.stack) >= maxStack {
		return u.errorf("more than %d values on the stack", maxStack)
	}
	u.stack = append(u.stack, v)
	return nil
}

// base is the stack length at the innermost open MARK: values below it belong to an
// enclosing MARK and are out of reach, as in Python's separate stacks.
func (u *unpickler) base() int {
	if len(u.marks) == 0 {
		return 0
	}
	return u.marks[len(u.marks)-1]
}

func (u *unpickler) pop() (any, error) {
	if len(u.stack) <= u.base() {
		return nil, u.errorf("stack empty (damaged file)")
	}
	v := u.stack[len(u.stack)-1]
	u.stack = u.stack[:len(u.stack)-1]
	return v, nil
}

func (u *unpickler) top() (any, error) {
	if len(u.stack) <= u.base() {
		return nil, u.errorf("stack empty (damaged file)")
	}
	return u.stack[len(u.stack)-1], nil
}

// popMark removes and returns the values pushed since the innermost MARK.
func (u *unpickler) popMark() ([]any, error) {
	if len(u.marks) == 0 {
		return nil, u.errorf("no MARK open (damaged file)")
	}
	m := u.marks[len(u.marks)-1]
	u.marks = u.marks[:len(u.marks)-1]
	items := slices.Clone(u.stack[m:])
	clear(u.stack[m:])
	u.stack = u.stack[:m]
	return items, nil
}

// depthOf is a value's container nesting: 0 for a scalar or an object, 1 for a
// container of scalars.
func (u *unpickler) depthOf(v any) int {
	switch v.(type) {
	case *List, *Tuple, *Dict:
		if d, ok := u.depth[v]; ok {
			return d
		}
		return 1
	}
	return 0
}

// contain records that container c now holds items, refusing nesting beyond maxNesting.
// A list or dict that gains items later grows deeper, but the containers already
// holding it are not revisited: the bound is on how deep a value was when it was put
// somewhere, which is what stops a pickle of linear size from nesting a million deep.
func (u *unpickler) contain(c any, items ...any) error {
	d := u.depthOf(c)
	for _, x := range items {
		d = max(d, u.depthOf(x)+1)
	}
	if d > maxNesting {
		return u.errorf("containers nest more than %d deep, which no file this reader is for does", maxNesting)
	}
	if d > 1 {
		u.depth[c] = d
	}
	return nil
}

func (u *unpickler) newTuple(items []any) (*Tuple, error) {
	t := Tuple(items)
	return &t, u.contain(&t, items...)
}

// charge counts n units of work that a value's size, not the opcode's bytes, costs: an
// opcode of two bytes can reuse a memoized value of a megabyte. The budget is linear in
// the input, so no pickle makes the reader quadratic.
func (u *unpickler) charge(n int) error {
	u.work += n
	if u.work > workBase+workPerByte*len(u.data) {
		return u.errorf("more work than %d units for a %d-byte input: a value too large reused too often through the memo", workBase+workPerByte*len(u.data), len(u.data))
	}
	return nil
}

// workOf is the work a value costs as a dict key or a call's argument: its length for a
// str or bytes, its item count for a tuple (whose items are scalars where it matters).
func workOf(v any) int {
	switch x := v.(type) {
	case string:
		return len(x)
	case []byte:
		return len(x)
	case *Tuple:
		n := len(*x)
		for _, y := range *x {
			switch z := y.(type) {
			case string:
				n += len(z)
			case []byte:
				n += len(z)
			}
		}
		return n
	}
	return 1
}

func (u *unpickler) setItems(d *Dict, kv []any) error {
	if len(kv)%2 != 0 {
		return u.errorf("odd number (%d) of keys and values", len(kv))
	}
	for i := 0; i < len(kv); i += 2 {
		if err := u.charge(workOf(kv[i])); err != nil {
			return err
		}
		if err := d.set(kv[i], kv[i+1]); err != nil {
			return u.errorf("%v", err)
		}
	}
	return u.contain(d, kv...)
}

func (u *unpickler) memoPut(i uint64) error {
	v, err := u.top()
	if err != nil {
		return err
	}
	if _, ok := u.memo[i]; !ok && len(u.memo) >= maxMemo {
		return u.errorf("more than %d memo entries", maxMemo)
	}
	u.memo[i] = v
	return nil
}

func (u *unpickler) memoGet(i uint64) error {
	v, ok := u.memo[i]
	if !ok {
		return u.errorf("memo entry %d was never stored (damaged file)", i)
	}
	return u.push(v)
}

// decimal parses a protocol-0 memo index.
// memoIndex reads the memo index operand of the current PUT or GET opcode: a decimal
// line (PUT, GET), one byte (BINPUT, BINGET) or four little-endian bytes (LONG_BINPUT,
// LONG_BINGET).
func (u *unpickler) memoIndex() (uint64, error) {
	switch u.op {
	case 'p', 'g':
		s, err := u.line()
		if err != nil {
			return 0, err
		}
		return u.decimal(s)
	case 'r', 'j':
		return u.uintLE(4, "memo index")
	}
	return u.uintLE(1, "memo index")
}

func (u *unpickler) decimal(s string) (uint64, error) {
	i, err := strconv.ParseUint(s, 10, 64)
	if err != nil {
		return 0, u.errorf("memo index %q is not a number", truncate(s))
	}
	return i, nil
}

// parseInt parses a protocol-0 int, as an int when it fits and a *big.Int otherwise.
func (u *unpickler) parseInt(s string) (any, error) {
	if i, err := strconv.Atoi(s); err == nil {
		return i, nil
	}
	if len(s) > maxDigits {
		return nil, u.errorf("int of %d digits, more than %d", len(s), maxDigits)
	}
	b, ok := new(big.Int).SetString(s, 10)
	if !ok {
		return nil, u.errorf("%q is not an int", truncate(s))
	}
	return b, nil
}

func truncate(s string) string {
	if len(s) > 40 {
		return s[:40] + "..."
	}
	return s
}

// long decodes LONG1 and LONG4's little-endian two's complement bytes.
func long(b []byte) any {
	if len(b) == 0 {
		return 0
	}
	if len(b) <= 8 {
		var x uint64
		for i := len(b) - 1; i >= 0; i-- {
			x = x<<8 | uint64(b[i])
		}
		shift := 64 - 8*uint(len(b))
		return int(int64(x<<shift) >> shift) // sign-extend
	}
	be := make([]byte, len(b))
	for i, c := range b {
		be[len(b)-1-i] = c
	}
	x := new(big.Int).SetBytes(be)
	if b[len(b)-1]&0x80 != 0 {
		x.Sub(x, new(big.Int).Lsh(big.NewInt(1), 8*uint(len(b))))
	}
	if x.IsInt64() {
		return int(x.Int64())
	}
	return x
}

// utf8String checks what Python would decode as UTF-8.
func (u *unpickler) utf8String(b []byte) (string, error) {
	if !utf8.Valid(b) {
		return "", u.errorf("string is not valid UTF-8 (damaged file)")
	}
	return string(b), nil
}

// load runs the machine from the current position to a STOP and returns the value it
// leaves; u.pos is then just after the STOP, where a stream of pickles continues.
func (u *unpickler) load() (any, error) {
	// Each pickle of a stream has its own stack and memo, as each gets its own
	// Unpickler in Python.
	u.stack, u.marks = u.stack[:0], u.marks[:0]
	clear(u.memo)
	clear(u.depth)
	u.work = 0
	for {
		if u.pos >= len(u.data) {
			u.op, u.opPos = 0, u.pos
			return nil, fmt.Errorf("pickle ends at byte %d before its STOP opcode (truncated or damaged file)", u.pos)
		}
		if u.ops++; u.ops > maxOps {
			return nil, fmt.Errorf("pickle runs more than %d opcodes", maxOps)
		}
		u.op, u.opPos = u.data[u.pos], u.pos
		u.pos++
		if u.op == '.' { // STOP
			return u.pop()
		}
		if err := u.step(); err != nil {
			return nil, err
		}
	}
}

// step runs the opcode u.op.
func (u *unpickler) step() error {
	switch u.op {
	case 0x80: // PROTO
		v, err := u.uintLE(1, "protocol number")
		if err != nil {
			return err
		}
		if v > 5 {
			return u.errorf("protocol %d, newer than 5 (damaged file?)", v)
		}
	case 0x95: // FRAME: only a hint for buffered readers
		n, err := u.uintLE(8, "frame length")
		if err != nil {
			return err
		}
		if n > uint64(len(u.data)-u.pos) {
			return u.truncated("frame", n)
		}
	case '(': // MARK
		if len(u.marks) >= maxMarks {
			return u.errorf("more than %d MARKs open at once: containers nest deeper than any file this reader is for", maxMarks)
		}
		u.marks = append(u.marks, len(u.stack))
	case '0': // POP: a value, or, with none since the MARK, the MARK
		if len(u.stack) > u.base() {
			_, err := u.pop()
			return err
		}
		_, err := u.popMark()
		return err
	case '1': // POP_MARK
		_, err := u.popMark()
		return err
	case '2': // DUP
		v, err := u.top()
		if err != nil {
			return err
		}
		return u.push(v)

	case 'N':
		return u.push(nil)
	case 0x88: // NEWTRUE
		return u.push(true)
	case 0x89: // NEWFALSE
		return u.push(false)
	case 'I': // INT, text; "00" and "01" are protocol 0's bools
		s, err := u.line()
		if err != nil {
			return err
		}
		switch s {
		case "00":
			return u.push(false)
		case "01":
			return u.push(true)
		}
		v, err := u.parseInt(s)
		if err != nil {
			return err
		}
		return u.push(v)
	case 'L': // LONG, text with a trailing L
		s, err := u.line()
		if err != nil {
			return err
		}
		v, err := u.parseInt(strings.TrimSuffix(s, "L"))
		if err != nil {
			return err
		}
		return u.push(v)
	case 'J': // BININT
		v, err := u.uintLE(4, "int")
		if err != nil {
			return err
		}
		return u.push(int(int32(uint32(v))))
	case 'K': // BININT1
		v, err := u.uintLE(1, "int")
		if err != nil {
			return err
		}
		return u.push(int(v))
	case 'M': // BININT2
		v, err := u.uintLE(2, "int")
		if err != nil {
			return err
		}
		return u.push(int(v))
	case 0x8a, 0x8b: // LONG1, LONG4
		size := 1
		if u.op == 0x8b {
			size = 4
		}
		n, err := u.uintLE(size, "int length")
		if err != nil {
			return err
		}
		if size == 4 && n > math.MaxInt32 {
			return u.errorf("negative int length %d (damaged file)", int32(uint32(n)))
		}
		b, err := u.take(n, "int")
		if err != nil {
			return err
		}
		return u.push(long(b))
	case 'F': // FLOAT, text
		s, err := u.line()
		if err != nil {
			return err
		}
		f, err := strconv.ParseFloat(s, 64)
		if err != nil {
			return u.errorf("%q is not a float", truncate(s))
		}
		return u.push(f)
	case 'G': // BINFLOAT, big-endian
		b, err := u.take(8, "float")
		if err != nil {
			return err
		}
		return u.push(math.Float64frombits(binary.BigEndian.Uint64(b)))

	case 'S': // STRING: a Python 2 str's repr, kept as its bytes
		s, err := u.line()
		if err != nil {
			return err
		}
		v, err := unquote(s)
		if err != nil {
			return u.errorf("%v", err)
		}
		return u.push(v)
	case 'V': // UNICODE: raw-unicode-escape
		s, err := u.line()
		if err != nil {
			return err
		}
		v, err := rawUnicodeEscape(s)
		if err != nil {
			return u.errorf("%v", err)
		}
		return u.push(v)
	case 'T', 'U', 'X', 0x8c, 0x8d, 'B', 'C', 0x8e, 0x96:
		return u.sized()

	case ')': // EMPTY_TUPLE
		return u.push(&Tuple{})
	case 't': // TUPLE
		items, err := u.popMark()
		if err != nil {
			return err
		}
		t, err := u.newTuple(items)
		if err != nil {
			return err
		}
		return u.push(t)
	case 0x85, 0x86, 0x87: // TUPLE1, TUPLE2, TUPLE3
		n := int(u.op-0x85) + 1
		if len(u.stack)-u.base() < n {
			return u.errorf("stack holds fewer than %d values (damaged file)", n)
		}
		items := slices.Clone(u.stack[len(u.stack)-n:])
		u.stack = u.stack[:len(u.stack)-n]
		t, err := u.newTuple(items)
		if err != nil {
			return err
		}
		return u.push(t)
	case ']': // EMPTY_LIST
		return u.push(&List{})
	case 'l': // LIST
		items, err := u.popMark()
		if err != nil {
			return err
		}
		l := List(items)
		if err := u.contain(&l, items...); err != nil {
			return err
		}
		return u.push(&l)
	case 'a', 'e': // APPEND, APPENDS
		var items []any
		if u.op == 'a' {
			v, err := u.pop()
			if err != nil {
				return err
			}
			items = []any{v}
		} else {
			var err error
			if items, err = u.popMark(); err != nil {
				return err
			}
		}
		v, err := u.top()
		if err != nil {
			return err
		}
		l, ok := v.(*List)
		if !ok {
			return u.errorf("appending to %s, not a list", describe(v))
		}
		*l = append(*l, items...)
		return u.contain(l, items...)
	case '}': // EMPTY_DICT
		return u.push(&Dict{})
	case 'd': // DICT
		kv, err := u.popMark()
		if err != nil {
			return err
		}
		d := &Dict{}
		if err := u.setItems(d, kv); err != nil {
			return err
		}
		return u.push(d)
	case 's', 'u': // SETITEM, SETITEMS
		var kv []any
		if u.op == 's' {
			if len(u.stack)-u.base() < 2 {
				return u.errorf("stack holds fewer than 2 values (damaged file)")
			}
			kv = slices.Clone(u.stack[len(u.stack)-2:])
			u.stack = u.stack[:len(u.stack)-2]
		} else {
			var err error
			if kv, err = u.popMark(); err != nil {
				return err
			}
		}
		v, err := u.top()
		if err != nil {
			return err
		}
		d, ok := v.(*Dict)
		if !ok {
			return u.errorf("setting items of %s, not a dict", describe(v))
		}
		return u.setItems(d, kv)

	case 'p', 'q', 'r': // PUT, BINPUT, LONG_BINPUT
		i, err := u.memoIndex()
		if err != nil {
			return err
		}
		return u.memoPut(i)
	case 0x94: // MEMOIZE
		return u.memoPut(uint64(len(u.memo)))
	case 'g', 'h', 'j': // GET, BINGET, LONG_BINGET
		i, err := u.memoIndex()
		if err != nil {
			return err
		}
		return u.memoGet(i)

	case 'c': // GLOBAL
		module, err := u.line()
		if err != nil {
			return err
		}
		name, err := u.line()
		if err != nil {
			return err
		}
		return u.global(module, name)
	case 0x93: // STACK_GLOBAL
		n, err := u.pop()
		if err != nil {
			return err
		}
		m, err := u.pop()
		if err != nil {
			return err
		}
		module, ok1 := m.(string)
		name, ok2 := n.(string)
		if !ok1 || !ok2 {
			return u.errorf("module and name are %s and %s, not strings", describe(m), describe(n))
		}
		return u.global(module, name)
	case 'R': // REDUCE
		a, err := u.pop()
		if err != nil {
			return err
		}
		f, err := u.pop()
		if err != nil {
			return err
		}
		args, ok := a.(*Tuple)
		if !ok {
			return u.errorf("arguments are %s, not a tuple", describe(a))
		}
		c, ok := f.(callable)
		if !ok {
			return u.errorf("calling %s, which this reader does not know", describe(f))
		}
		if err := u.charge(workOf(args)); err != nil {
			return err
		}
		v, err := c.call(*args)
		if err != nil {
			return u.errorf("%v", err)
		}
		return u.push(v)
	case 'b': // BUILD
		state, err := u.pop()
		if err != nil {
			return err
		}
		v, err := u.top()
		if err != nil {
			return err
		}
		switch obj := v.(type) {
		case stateSetter:
			if err := obj.setState(state); err != nil {
				return u.errorf("%v", err)
			}
		case *Dict:
			// An OrderedDict's attributes, such as the _metadata torch.save keeps with a
			// state dict; its entries came by SETITEMS. Nothing here needs them.
			if _, ok := state.(*Dict); !ok && state != nil {
				return u.errorf("state of a dict is %s, not a dict of attributes", describe(state))
			}
		default:
			return u.errorf("setting the state of %s, which this reader does not know", describe(v))
		}
	case 'P', 'Q': // PERSID, BINPERSID
		var pid any
		if u.op == 'P' {
			s, err := u.line()
			if err != nil {
				return err
			}
			pid = s
		} else {
			var err error
			if pid, err = u.pop(); err != nil {
				return err
			}
		}
		if u.persistentLoad == nil {
			return u.errorf("persistent id %s, which a plain pickle has no use for", describe(pid))
		}
		v, err := u.persistentLoad(pid)
		if err != nil {
			return u.errorf("%v", err)
		}
		return u.push(v)

	case 'i', 'o', 0x81, 0x92, 0x82, 0x83, 0x84, 0x8f, 0x90, 0x91, 0x97, 0x98:
		return u.errorf("not supported by this reader (no file it reads uses it)")
	default:
		return u.errorf("unknown opcode 0x%02x (damaged file, or not a pickle)", u.op)
	}
	return nil
}

// sized runs the opcodes whose argument is a length followed by that many bytes.
func (u *unpickler) sized() error {
	size := map[byte]int{'T': 4, 'U': 1, 'X': 4, 0x8c: 1, 0x8d: 8, 'B': 4, 'C': 1, 0x8e: 8, 0x96: 8}[u.op]
	n, err := u.uintLE(size, "length")
	if err != nil {
		return err
	}
	if u.op == 'T' && n > math.MaxInt32 { // BINSTRING's length is signed
		return u.errorf("negative string length %d (damaged file)", int32(uint32(n)))
	}
	b, err := u.take(n, "string")
	if err != nil {
		return err
	}
	switch u.op {
	case 'T', 'U': // BINSTRING, SHORT_BINSTRING: a Python 2 str, kept as its bytes
		return u.push(string(b))
	case 'X', 0x8c, 0x8d: // BINUNICODE, SHORT_BINUNICODE, BINUNICODE8
		s, err := u.utf8String(b)
		if err != nil {
			return err
		}
		return u.push(s)
	}
	return u.push(slices.Clone(b)) // BINBYTES, SHORT_BINBYTES, BINBYTES8, BYTEARRAY8
}

// global pushes the class or function a GLOBAL or STACK_GLOBAL names, as the caller's
// find resolves it: a name it does not know is refused at once, so a pickle cannot build
// anything this reader's caller has not chosen.
func (u *unpickler) global(module, name string) error {
	if len(module) > 200 || len(name) > 200 {
		return u.errorf("class name of %d bytes (damaged file)", len(module)+len(name))
	}
	if u.find == nil {
		return u.errorf("unsupported pickled class %s.%s", module, name)
	}
	v, err := u.find(module, name)
	if err != nil {
		return u.errorf("%v", err)
	}
	return u.push(v)
}

// unquote decodes the repr of a Python 2 str, as the STRING opcode carries it.
func unquote(s string) (string, error) {
	if len(s) < 2 || (s[0] != '\'' && s[0] != '"') || s[len(s)-1] != s[0] {
		return "", fmt.Errorf("string %q is not quoted", truncate(s))
	}
	s = s[1 : len(s)-1]
	var b []byte
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c != '\\' {
			b = append(b, c)
			continue
		}
		if i++; i >= len(s) {
			return "", fmt.Errorf("string ends in a backslash")
		}
		switch c = s[i]; c {
		case '\\', '\'', '"':
			b = append(b, c)
		case 'n':
			b = append(b, '\n')
		case 'r':
			b = append(b, '\r')
		case 't':
			b = append(b, '\t')
		case 'a':
			b = append(b, '\a')
		case 'b':
			b = append(b, '\b')
		case 'f':
			b = append(b, '\f')
		case 'v':
			b = append(b, '\v')
		case '\n': // a line continuation
		case 'x':
			if i+3 > len(s) {
				return "", fmt.Errorf("string has a short \\x escape")
			}
			v, err := strconv.ParseUint(s[i+1:i+3], 16, 8)
			if err != nil {
				return "", fmt.Errorf("string has a bad \\x escape")
			}
			b = append(b, byte(v))
			i += 2
		default:
			if c >= '0' && c <= '7' {
				v := 0
				j := i
				for ; j < len(s) && j < i+3 && s[j] >= '0' && s[j] <= '7'; j++ {
					v = v*8 + int(s[j]-'0')
				}
				b = append(b, byte(v))
				i = j - 1
				continue
			}
			b = append(b, '\\', c) // Python keeps unknown escapes as they are
		}
	}
	return string(b), nil
}

// rawUnicodeEscape decodes Python's raw-unicode-escape, which UNICODE carries: bytes are
// Latin-1 code points, and \uXXXX and \UXXXXXXXX are escapes.
func rawUnicodeEscape(s string) (string, error) {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c == '\\' && i+1 < len(s) && (s[i+1] == 'u' || s[i+1] == 'U') {
			n := 4
			if s[i+1] == 'U' {
				n = 8
			}
			if i+2+n > len(s) {
				return "", fmt.Errorf("short \\%c escape", s[i+1])
			}
			v, err := strconv.ParseUint(s[i+2:i+2+n], 16, 32)
			if err != nil || v > utf8.MaxRune {
				return "", fmt.Errorf("bad \\%c escape %q", s[i+1], s[i:i+2+n])
			}
			b.WriteRune(rune(v))
			i += 1 + n
			continue
		}
		b.WriteRune(rune(c))
	}
	return b.String(), nil
}

// opName names an opcode as Python's pickletools does.
func opName(op byte) string {
	if n, ok := opNames[op]; ok {
		return n
	}
	return fmt.Sprintf("0x%02x", op)
}

var opNames = map[byte]string{
	'(': "MARK", '.': "STOP", '0': "POP", '1': "POP_MARK", '2': "DUP", 'F': "FLOAT",
	'I': "INT", 'J': "BININT", 'K': "BININT1", 'L': "LONG", 'M': "BININT2", 'N': "NONE",
	'P': "PERSID", 'Q': "BINPERSID", 'R': "REDUCE", 'S': "STRING", 'T': "BINSTRING",
	'U': "SHORT_BINSTRING", 'V': "UNICODE", 'X': "BINUNICODE", 'a': "APPEND", 'b': "BUILD",
	'c': "GLOBAL", 'd': "DICT", '}': "EMPTY_DICT", 'e': "APPENDS", 'g': "GET", 'h': "BINGET",
	'i': "INST", 'j': "LONG_BINGET", 'l': "LIST", ']': "EMPTY_LIST", 'o': "OBJ", 'p': "PUT",
	'q': "BINPUT", 'r': "LONG_BINPUT", 's': "SETITEM", 't': "TUPLE", ')': "EMPTY_TUPLE",
	'u': "SETITEMS", 'G': "BINFLOAT", 0x80: "PROTO", 0x81: "NEWOBJ", 0x82: "EXT1",
	0x83: "EXT2", 0x84: "EXT4", 0x85: "TUPLE1", 0x86: "TUPLE2", 0x87: "TUPLE3",
	0x88: "NEWTRUE", 0x89: "NEWFALSE", 0x8a: "LONG1", 0x8b: "LONG4", 'B': "BINBYTES",
	'C': "SHORT_BINBYTES", 0x8c: "SHORT_BINUNICODE", 0x8d: "BINUNICODE8", 0x8e: "BINBYTES8",
	0x8f: "EMPTY_SET", 0x90: "ADDITEMS", 0x91: "FROZENSET", 0x92: "NEWOBJ_EX",
	0x93: "STACK_GLOBAL", 0x94: "MEMOIZE", 0x95: "FRAME", 0x96: "BYTEARRAY8",
	0x97: "NEXT_BUFFER", 0x98: "READONLY_BUFFER",
}
