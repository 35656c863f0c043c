package pyfile_test

import (
	"encoding/binary"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/nasanalysis/nasanalysis/nasanalysis/pyfile"
)

// Lengths read from a pickle must be checked against what remains of the input before
// anything is allocated: a 20-byte file declaring a 2 GiB string once made the reader
// allocate 2 GiB first.
func TestLoadChecksLengthsBeforeAllocating(t *testing.T) {
	cases := map[string]string{
		"BINUNICODE 2^31":  "\x80\x02X\x00\x00\x00\x80abc.",
		"BINUNICODE8 2^62": "\x80\x04\x8d\x00\x00\x00\x00\x00\x00\x00\x40abc.",
		"BINBYTES 2^31":    "\x80\x03B\x00\x00\x00\x80abc.",
		"BINBYTES8 2^40":   "\x80\x04\x8e\x00\x00\x00\x00\x00\x01\x00\x00abc.",
		"BYTEARRAY8 2^40":  "\x80\x05\x96\x00\x00\x00\x00\x00\x01\x00\x00abc.",
		"BINSTRING 2^31-1": "\x80\x02T\xff\xff\xff\x7fabc.",
		"BINSTRING -1":     "\x80\x02T\xff\xff\xff\xffabc.",
		"LONG4 2^31-1":     "\x80\x02\x8b\xff\xff\xff\x7fabc.",
		"FRAME 2^40":       "\x80\x04\x95\x00\x00\x00\x00\x00\x01\x00\x00K\x01.",
	}
	for name, data := range cases {
		t.Run(name, func(t *testing.T) {
			path := writeFile(t, "x.pickle", []byte(data))
			var before, after runtime.MemStats
			runtime.ReadMemStats(&before)
			within(t, 10*time.Second, func() {
				_, err := pyfile.Load(path)
				if err == nil || !strings.Contains(err.Error(), path) {
					t.Errorf("err = %v, want an error naming %s", err, path)
				}
			})
			runtime.ReadMemStats(&after)
			if d := after.TotalAlloc - before.TotalAlloc; d > 1<<20 {
				t.Errorf("allocated %d bytes for a %d-byte file", d, len(data))
			}
		})
	}
}

// Containers nested a million deep (a 1-3 MB file) decode without recursion here, but
// any caller that walks or prints the result recursively would exhaust the stack; the
// reader refuses nesting no real file comes near.
func TestLoadRefusesDeepNesting(t *testing.T) {
	const n = 1 << 20
	cases := map[string]string{
		"tuples": "\x80\x02)" + strings.Repeat("\x85", n) + ".",                            // EMPTY_TUPLE, then TUPLE1 around it n times
		"lists":  "\x80\x02" + strings.Repeat("(", n) + "]" + strings.Repeat("l", n) + ".", // n MARKs, EMPTY_LIST, then LIST n times
	}
	for name, data := range cases {
		t.Run(name, func(t *testing.T) {
			path := writeFile(t, "deep.pickle", []byte(data))
			within(t, 20*time.Second, func() {
				_, err := pyfile.Load(path)
				if err == nil || !strings.Contains(err.Error(), path) || !strings.Contains(err.Error(), "nest") {
					t.Errorf("err = %.300v, want an error naming %s and the nesting", err, path)
				}
			})
		})
	}
}

// sharedString is a pickle whose memo entry 0 is a str of n bytes.
func sharedString(n int) []byte {
	b := []byte("\x80\x02X")
	b = binary.LittleEndian.AppendUint32(b, uint32(n))
	b = append(b, strings.Repeat("k", n)...)
	return append(b, "q\x00"...) // BINPUT 0
}

// Through the memo a pickle can use one large value many times for a few bytes each
// (BINGET): the reader must not spend time or memory in proportion to the value's size
// at each use. Both were found reading the reader after its first fuzzing run: a 256 KB
// str as the key of 200,000 SETITEMs (50 GB hashed, minutes), and _codecs.encode called
// 2,000 times on a 64 KB str (685 MB allocated).
func TestLoadBoundsWorkOnSharedValues(t *testing.T) {
	keys := sharedString(1 << 18)
	keys = append(keys, "0}("...) // POP, EMPTY_DICT, MARK
	for range 200000 {
		keys = append(keys, "h\x00K\x01"...) // key memo 0, value 1
	}
	keys = append(keys, "u."...)

	calls := sharedString(1 << 16)
	calls = append(calls, "X\x06\x00\x00\x00latin1\x86q\x01c_codecs\nencode\nq\x02("...) // args (s, "latin1") as memo 1, the function as memo 2
	for range 2000 {
		calls = append(calls, "h\x02h\x01R"...) // encode(*args)
	}
	calls = append(calls, "l."...)

	for name, data := range map[string][]byte{"dict keys": keys, "_codecs.encode": calls} {
		t.Run(name, func(t *testing.T) {
			path := writeFile(t, "shared.pickle", data)
			var before, after runtime.MemStats
			runtime.ReadMemStats(&before)
			within(t, 10*time.Second, func() {
				_, err := pyfile.Load(path)
				if err == nil || !strings.Contains(err.Error(), path) || !strings.Contains(err.Error(), "work") {
					t.Errorf("err = %.300v, want an error naming %s and the work", err, path)
				}
			})
			runtime.ReadMemStats(&after)
			if d := after.TotalAlloc - before.TotalAlloc; d > 64<<20 {
				t.Errorf("allocated %d MB for a %d KB file", d>>20, len(data)>>10)
			}
		})
	}
}
