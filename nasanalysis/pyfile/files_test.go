package pyfile_test

import (
	"math/big"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/nasanalysis/nasanalysis/nasanalysis/pyfile"
)

// Pickles written by Python's pickle module (testdata/gen_seeds.py) at each protocol
// decode to what Python wrote.
func TestLoadPythonPickles(t *testing.T) {
	for file, want := range map[string][]float64{
		"numpy_p4.pkl":     {6.126977205276489, -1.5, 0.25, 2.5}, // float64, float32, big-endian float64
		"numpy_p2.pkl":     {1, 3.25},                            // the bytes via _codecs.encode
		"floats_p4.pkl":    {15.2742, 10.7663, 6.98873, 2, -3},
		"list_p2_hand.pkl": {1.5, 2, -0.25},
	} {
		got, err := pyfile.Floats(filepath.Join("testdata", "pickles", file))
		if err != nil || !slices.Equal(got, want) {
			t.Errorf("%s: %v, %v; want %v", file, got, err, want)
		}
	}
	m, err := pyfile.Matrix(filepath.Join("testdata", "pickles", "matrix_p4.pkl"))
	if err != nil || len(m) != 2 || !slices.Equal(m[0], []float64{1, 0, 1}) || !slices.Equal(m[1], []float64{0, 1, 0}) {
		t.Errorf("matrix_p4.pkl: %v, %v", m, err)
	}

	load := func(file string) any {
		t.Helper()
		v, err := pyfile.Load(filepath.Join("testdata", "pickles", file))
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	// [1, -7, 2.5, 'a\n', 'é€', (1, 2), {'k': None, 3: [True, False]}, 2**70, -2**65, b'\x00\xff']
	for _, file := range []string{"mixed_p0.pkl"} {
		l := *load(file).(*pyfile.List)
		big70 := new(big.Int).Lsh(big.NewInt(1), 70)
		neg65 := new(big.Int).Neg(new(big.Int).Lsh(big.NewInt(1), 65))
		if len(l) != 10 || l[0] != 1 || l[1] != -7 || l[2] != 2.5 || l[3] != "a\n" || l[4] != "é€" ||
			l[7].(*big.Int).Cmp(big70) != 0 || l[8].(*big.Int).Cmp(neg65) != 0 || string(l[9].([]byte)) != "\x00\xff" {
			t.Errorf("%s: %v", file, l)
		}
		if tu := *l[5].(*pyfile.Tuple); !slices.Equal(tu, []any{1, 2}) {
			t.Errorf("%s: tuple %v", file, tu)
		}
		d := l[6].(*pyfile.Dict)
		if v, ok := d.Get("k"); !ok || v != nil {
			t.Errorf("%s: dict['k'] = %v, %v", file, v, ok)
		}
		if v, ok := d.Get(3); !ok || !slices.Equal(*v.(*pyfile.List), []any{true, false}) {
			t.Errorf("%s: dict[3] = %v, %v", file, v, ok)
		}
	}
	// {'a': [1, -1, 300, 70000, 2**40, -2**63, 2**100], ('t', 1): (1.5, None, True, False), ...}
	d := load("mixed_p2.pkl").(*pyfile.Dict)
	a, _ := d.Get("a")
	if al := *a.(*pyfile.List); !slices.Equal(al[:6], []any{1, -1, 300, 70000, 1 << 40, -1 << 63}) || al[6].(*big.Int).BitLen() != 101 {
		t.Errorf("mixed_p2.pkl: a = %v", al)
	}
	if v, ok := d.Get(&pyfile.Tuple{"t", 1}); !ok || !slices.Equal(*v.(*pyfile.Tuple), []any{1.5, nil, true, false}) {
		t.Errorf("mixed_p2.pkl: [('t', 1)] = %v, %v", v, ok)
	}
	if u, _ := d.Get("u"); u != "ünïcode" {
		t.Errorf("mixed_p2.pkl: u = %q", u)
	}
	d = load("mixed_p5.pkl").(*pyfile.Dict)
	if ba, _ := d.Get("ba"); string(ba.([]byte)) != "abc" {
		t.Errorf("mixed_p5.pkl: ba = %v", ba)
	}
	// A list that holds itself twice, through the memo, as in Python.
	if l := load("self_list_p2.pkl").(*pyfile.List); len(*l) != 2 || (*l)[0] != l || (*l)[1] != l {
		t.Errorf("self_list_p2.pkl: not a list holding itself twice")
	}
	// Python 2 strings (STRING, BINSTRING, SHORT_BINSTRING) with escapes.
	if l := *load("py2_string_p0.pkl").(*pyfile.List); !slices.Equal(l, []any{"abc\n\x00'", "q", "abc\n\x00'"}) {
		t.Errorf("py2_string_p0.pkl: %q", l)
	}
	if l := *load("py2_binstring_p2.pkl").(*pyfile.List); !slices.Equal(l, []any{"abc", "xy", "abc"}) {
		t.Errorf("py2_binstring_p2.pkl: %q", l)
	}
	_, err = pyfile.Load(filepath.Join("testdata", "pickles", "evil_global.pkl"))
	if err == nil || !strings.Contains(err.Error(), "unsupported pickled class os.system") {
		t.Errorf("evil_global.pkl: err = %v", err)
	}
}

// A state dict in the zip format as torch.save writes it since PyTorch 1.6, stored and
// deflated (testdata/gen_seeds.py): OrderedDict with _metadata, views into a shared
// storage, a 0-d, an empty, a float64 tensor and an nn.Parameter.
func TestLoadStateDictModernZip(t *testing.T) {
	for _, file := range []string{"modern.pth", "modern_deflated.pth"} {
		sd, err := pyfile.LoadStateDict(filepath.Join("testdata", file))
		if err != nil {
			t.Fatal(err)
		}
		want := []string{"conv.weight", "view", "transposed", "scalar", "double", "empty", "param"}
		if !slices.Equal(sd.Names(), want) {
			t.Errorf("%s: names %v, want %v", file, sd.Names(), want)
		}
		check := func(name string, shape []int, want []float32, wantErr string) {
			t.Helper()
			got, err := sd.Float32(name, shape...)
			if wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), wantErr) || !strings.Contains(err.Error(), file) {
					t.Errorf("%s: %s: err = %v, want %q", file, name, err, wantErr)
				}
				return
			}
			if err != nil || !slices.Equal(got, want) {
				t.Errorf("%s: %s = %v, %v; want %v", file, name, got, err, want)
			}
		}
		var all []float32
		for i := range 24 {
			all = append(all, float32(i))
		}
		check("conv.weight", []int{2, 3, 4}, all, "")
		check("conv.weight", []int{6, 4}, nil, `tensor "conv.weight" has shape [2 3 4], want [6 4]`)
		check("view", []int{3, 4}, all[12:], "")
		check("transposed", []int{4, 3}, nil, `tensor "transposed" is not contiguous (size [4 3], stride [1 4])`)
		check("scalar", nil, []float32{0.5}, "")
		check("double", []int{2}, nil, `tensor "double" holds float64 (torch.DoubleStorage), want float32`)
		check("empty", []int{0, 5}, []float32{}, "")
		check("param", []int{1}, []float32{0.5}, "")
		check("missing", nil, nil, `no tensor "missing"`)
	}
}
