// Package pthtest writes small PyTorch state dicts without PyTorch, in the legacy format
// torch.save used before PyTorch 1.6 (the one OFA's released predictors are in) and in
// the zip format it has used since, so that the tests of package pyfile, and of the
// predictors that read state dicts through it, can make whole, damaged and truncated
// files of any shape on a machine without the public data.
//
// The pickles are the ones torch.save writes with pickle protocol 2: the same opcodes,
// classes and persistent ids, without the memo entries, which a reader does not need.
package pthtest

import (
	"archive/zip"
	"bytes"
	"encoding/binary"
	"fmt"
	"math"
)

// Tensor is one named float32 tensor of a state dict, its values in row-major order.
type Tensor struct {
	Name  string
	Shape []int
	Data  []float32
}

// Legacy returns the bytes of torch.save(state_dict, _use_new_zipfile_serialization=False):
// five pickles (magic number, protocol version, system info, the state dict, the
// storage keys) followed by each storage's element count and data, the storages in the
// order of ts, one per tensor. The last tensor's values are thus the file's last bytes,
// which lets a test damage a known value.
func Legacy(ts []Tensor) []byte {
	var b bytes.Buffer
	// The magic number 0x1950a86a20f9469cfc6c as LONG1: 10 little-endian bytes.
	b.WriteString("\x80\x02\x8a\x0a\x6c\xfc\x9c\x46\xf9\x20\x6a\xa8\x50\x19.")
	b.WriteString("\x80\x02M\xe9\x03.") // protocol version 1001
	b.WriteString("\x80\x02}(")
	str(&b, "protocol_version")
	b.WriteString("M\xe9\x03")
	str(&b, "little_endian")
	b.WriteString("\x88")
	str(&b, "type_sizes")
	b.WriteString("}(")
	for _, kv := range []struct {
		k string
		n byte
	}{{"short", 2}, {"int", 4}, {"long", 4}} {
		str(&b, kv.k)
		b.WriteString("K")
		b.WriteByte(kv.n)
	}
	b.WriteString("uu.")
	stateDict(&b, ts, true)
	b.WriteString("\x80\x02](")
	for i := range ts {
		str(&b, fmt.Sprint(i))
	}
	b.WriteString("e.")
	for _, t := range ts {
		binary.Write(&b, binary.LittleEndian, int64(len(t.Data)))
		b.Write(floats(t.Data))
	}
	return b.Bytes()
}

// Zip returns the bytes of torch.save(state_dict) in the zip format: archive/data.pkl
// (the state dict, whose persistent ids name the storages), archive/data/<key> (one
// storage per tensor, keys "0", "1", ...), archive/version and archive/byteorder, all
// stored uncompressed as PyTorch stores them.
func Zip(ts []Tensor) []byte {
	var pkl bytes.Buffer
	stateDict(&pkl, ts, false)
	var b bytes.Buffer
	w := zip.NewWriter(&b)
	put := func(name string, data []byte) {
		f, err := w.CreateHeader(&zip.FileHeader{Name: name, Method: zip.Store})
		if err == nil {
			_, err = f.Write(data)
		}
		if err != nil {
			panic(err) // writing to memory does not fail
		}
	}
	put("archive/data.pkl", pkl.Bytes())
	put("archive/byteorder", []byte("little"))
	for i, t := range ts {
		put(fmt.Sprintf("archive/data/%d", i), floats(t.Data))
	}
	put("archive/version", []byte("3\n"))
	if err := w.Close(); err != nil {
		panic(err)
	}
	return b.Bytes()
}

// stateDict writes the pickle of an OrderedDict of tensors, each rebuilt by
// torch._utils._rebuild_tensor_v2 from a storage named by a persistent id: a 6-tuple
// ending in a view (None) in the legacy format, a 5-tuple in the zip format.
func stateDict(b *bytes.Buffer, ts []Tensor, legacy bool) {
	b.WriteString("\x80\x02ccollections\nOrderedDict\n)R(")
	for i, t := range ts {
		str(b, t.Name)
		b.WriteString("ctorch._utils\n_rebuild_tensor_v2\n((")
		str(b, "storage")
		b.WriteString("ctorch\nFloatStorage\n")
		str(b, fmt.Sprint(i))
		str(b, "cpu")
		integer(b, len(t.Data))
		if legacy {
			b.WriteString("N")
		}
		b.WriteString("tQ")
		integer(b, 0) // storage offset
		b.WriteString("(")
		for _, d := range t.Shape {
			integer(b, d)
		}
		b.WriteString("t(")
		stride := 1
		strides := make([]int, len(t.Shape))
		for j := len(t.Shape) - 1; j >= 0; j-- {
			strides[j] = stride
			stride *= t.Shape[j]
		}
		for _, s := range strides {
			integer(b, s)
		}
		b.WriteString("t\x89ccollections\nOrderedDict\n)RtR") // requires_grad False, backward hooks OrderedDict()
	}
	b.WriteString("u.")
}

// str writes a BINUNICODE string.
func str(b *bytes.Buffer, s string) {
	b.WriteString("X")
	binary.Write(b, binary.LittleEndian, uint32(len(s)))
	b.WriteString(s)
}

// integer writes a BININT.
func integer(b *bytes.Buffer, n int) {
	b.WriteString("J")
	binary.Write(b, binary.LittleEndian, int32(n))
}

func floats(xs []float32) []byte {
	out := make([]byte, 4*len(xs))
	for i, x := range xs {
		binary.LittleEndian.PutUint32(out[4*i:], math.Float32bits(x))
	}
	return out
}
