package pyfile_test

import (
	"archive/zip"
	"bytes"
	"encoding/binary"
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/nasanalysis/nasanalysis/nasanalysis/pyfile"
	"github.com/nasanalysis/nasanalysis/nasanalysis/pyfile/pthtest"
)

// small is a two-tensor state dict: a 2x3 weight and a bias of 2.
var small = []pthtest.Tensor{
	{Name: "w", Shape: []int{2, 3}, Data: []float32{1, 2, 3, 4, 5, 6}},
	{Name: "b", Shape: []int{2}, Data: []float32{0.5, -1}},
}

// within runs f and fails the test if it has not returned after d: the loaders once
// looped forever on an empty file, which would otherwise hang the whole test binary.
func within(t *testing.T, d time.Duration, f func()) {
	t.Helper()
	done := make(chan struct{})
	go func() {
		defer close(done)
		f()
	}()
	select {
	case <-done:
	case <-time.After(d):
		t.Fatalf("still running after %v", d)
	}
}

func writeFile(t *testing.T, name string, data []byte) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestLoadStateDictReadsBothFormats(t *testing.T) {
	for format, data := range map[string][]byte{"legacy": pthtest.Legacy(small), "zip": pthtest.Zip(small)} {
		sd, err := pyfile.LoadStateDict(writeFile(t, format+".pth", data))
		if err != nil {
			t.Fatalf("%s: %v", format, err)
		}
		w, err := sd.Float32("w", 2, 3)
		if err != nil || !slices.Equal(w, small[0].Data) {
			t.Errorf("%s: w = %v, %v", format, w, err)
		}
		b, err := sd.Float32("b", 2)
		if err != nil || !slices.Equal(b, small[1].Data) {
			t.Errorf("%s: b = %v, %v", format, b, err)
		}
	}
}

// rezip copies a zip archive, each member's body passed through edit, which drops
// the member by returning false.
func rezip(t *testing.T, data []byte, edit func(name string, body []byte) ([]byte, bool)) []byte {
	t.Helper()
	r, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	w := zip.NewWriter(&b)
	for _, f := range r.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		body, err := io.ReadAll(rc)
		if err != nil {
			t.Fatal(err)
		}
		body, keep := edit(f.Name, body)
		if !keep {
			continue
		}
		out, err := w.CreateHeader(&zip.FileHeader{Name: f.Name, Method: zip.Store})
		if err != nil {
			t.Fatal(err)
		}
		out.Write(body)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// withoutMember copies a zip archive leaving out one member.
func withoutMember(t *testing.T, data []byte, name string) []byte {
	return rezip(t, data, func(n string, body []byte) ([]byte, bool) { return body, n != name })
}

// Damaged files the command line once hung on (an empty file) or may meet: each must
// be refused, promptly, by an error that names the file.
func TestLoadStateDictRefusesDamagedFiles(t *testing.T) {
	legacy, zipped := pthtest.Legacy(small), pthtest.Zip(small)
	rng := rand.New(rand.NewPCG(1, 2))
	random := func(prefix string, n int) []byte {
		b := []byte(prefix)
		for len(b) < n {
			b = append(b, byte(rng.Uint32()))
		}
		return b
	}
	cases := map[string][]byte{
		"empty":                  {},
		"random bytes":           random("", 1000),
		"random after PROTO 2":   random("\x80\x02", 1000),
		"random after zip magic": random("PK\x03\x04", 1000),
		"zip without data.pkl":   withoutMember(t, zipped, "archive/data.pkl"),
		"zip without a storage":  withoutMember(t, zipped, "archive/data/1"),
		"legacy with junk after": append(slices.Clip(legacy), 0, 0, 0, 0),
	}
	for _, n := range []int{1, 2, 14, 15, 20, 100, 140, len(legacy) / 2, len(legacy) - 60, len(legacy) - 9, len(legacy) - 1} {
		cases["legacy cut at "+strconv.Itoa(n)] = legacy[:n]
	}
	for _, n := range []int{4, 30, len(zipped) / 2, len(zipped) - 1} {
		cases["zip cut at "+strconv.Itoa(n)] = zipped[:n]
	}
	for name, data := range cases {
		t.Run(name, func(t *testing.T) {
			path := writeFile(t, "acc_predictor.pth", data)
			within(t, 10*time.Second, func() {
				_, err := pyfile.LoadStateDict(path)
				t.Log(err)
				if err == nil || !strings.Contains(err.Error(), path) {
					t.Errorf("err = %v, want an error naming %s", err, path)
				}
			})
		})
	}
}

// withNumel rewrites the element count the state dict pickle declares for the storage of
// the tensor with n elements (pthtest writes it as a BININT after the location "cpu").
func withNumel(t *testing.T, data []byte, n, numel int32) []byte {
	t.Helper()
	old := binary.LittleEndian.AppendUint32([]byte("X\x03\x00\x00\x00cpuJ"), uint32(n))
	if bytes.Count(data, old) != 1 {
		t.Fatalf("the storage of %d elements is declared %d times", n, bytes.Count(data, old))
	}
	return bytes.Replace(bytes.Clone(data), old, binary.LittleEndian.AppendUint32([]byte("X\x03\x00\x00\x00cpuJ"), uint32(numel)), 1)
}

// A storage's element count comes from the file: it must be checked against what the
// file can hold before anything is allocated for it (gopickle allocated it whole).
func TestLoadStateDictChecksDeclaredSizes(t *testing.T) {
	for name, data := range map[string][]byte{
		"legacy": withNumel(t, pthtest.Legacy(small), 6, 1<<27),
		"zip": rezip(t, pthtest.Zip(small), func(name string, body []byte) ([]byte, bool) {
			if name == "archive/data.pkl" {
				body = withNumel(t, body, 6, 1<<27)
			}
			return body, true
		}),
	} {
		t.Run(name, func(t *testing.T) {
			path := writeFile(t, "acc_predictor.pth", data)
			var before, after runtime.MemStats
			runtime.ReadMemStats(&before)
			within(t, 10*time.Second, func() {
				_, err := pyfile.LoadStateDict(path)
				if err == nil || !strings.Contains(err.Error(), path) || !strings.Contains(err.Error(), `storage "0" declares 134217728 elements of FloatStorage, more than the file can hold`) {
					t.Errorf("err = %v, want one naming %s and the storage's size", err, path)
				}
			})
			runtime.ReadMemStats(&after)
			if d := after.TotalAlloc - before.TotalAlloc; d > 1<<20 {
				t.Errorf("allocated %d bytes for a %d-byte file", d, len(data))
			}
		})
	}
}
