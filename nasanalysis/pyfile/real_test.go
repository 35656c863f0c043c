package pyfile_test

import (
	"math"
	"path/filepath"
	"slices"
	"testing"

	"github.com/nasanalysis/nasanalysis/nasanalysis/data"
	"github.com/nasanalysis/nasanalysis/nasanalysis/datatest"
	"github.com/nasanalysis/nasanalysis/nasanalysis/pyfile"
)

// The public files this package exists for decode as Python's own pickle module decodes
// them (the figures were computed with it, numpy's two classes stood in for by hand).
func TestReadsOneProxyPickles(t *testing.T) {
	dir, err := data.Resolve("", "raw/oneproxy/encode.pickle")
	datatest.Check(t, err)
	dir = filepath.Join(dir, "raw", "oneproxy")
	enc, err := pyfile.Matrix(filepath.Join(dir, "encode.pickle"))
	if err != nil {
		t.Fatal(err)
	}
	ones := 0.0
	for _, row := range enc {
		for _, x := range row {
			ones += x
		}
	}
	if len(enc) != 1999 || len(enc[0]) != 31 || ones != 13993 {
		t.Errorf("encode.pickle: %d rows of %d, %v ones; Python: 1999 rows of 31, 13993 ones", len(enc), len(enc[0]), ones)
	}
	for _, c := range []struct {
		file             string
		first, last, sum float64
	}{
		{"eagle_gtx.pickle", 6.126977205276489, 6.855933666229248, 12316.844265287997}, // numpy float64 scalars
		{"rice_fpga.pickle", 5.31536, 5.42096, 10243.89104000002},                      // Python floats
	} {
		xs, err := pyfile.Floats(filepath.Join(dir, "latency_data", c.file))
		if err != nil {
			t.Fatal(err)
		}
		sum := 0.0
		for _, x := range xs {
			sum += x
		}
		if len(xs) != 1999 || xs[0] != c.first || xs[len(xs)-1] != c.last || math.Abs(sum-c.sum) > 1e-9 {
			t.Errorf("%s: %d values, first %v, last %v, sum %v; Python: 1999, %v, %v, %v", c.file, len(xs), xs[0], xs[len(xs)-1], sum, c.first, c.last, c.sum)
		}
	}
}

// OFA's two predictors hold the tensors their README lists, in that order.
func TestReadsOFAStateDicts(t *testing.T) {
	for file, want := range map[string][]string{
		"ofa/acc_predictor.pth":              {"0.weight", "0.bias", "2.weight", "2.bias", "4.weight", "4.bias", "6.weight", "6.bias"},
		"ofa/ofa_resnet50_acc_predictor.pth": {"base_acc", "layers.0.0.weight", "layers.0.0.bias", "layers.1.0.weight", "layers.1.0.bias", "layers.2.0.weight", "layers.2.0.bias", "layers.3.weight"},
	} {
		dir, err := data.Resolve("", file)
		datatest.Check(t, err)
		sd, err := pyfile.LoadStateDict(filepath.Join(dir, file))
		if err != nil {
			t.Fatal(err)
		}
		if got := sd.Names(); !slices.Equal(got, want) {
			t.Errorf("%s: tensors %v, want %v", file, got, want)
		}
		for _, name := range want {
			shape, _ := sd.Shape(name)
			n := 1
			for _, d := range shape {
				n *= d
			}
			if w, err := sd.Float32(name, shape...); err != nil || len(w) != n {
				t.Errorf("%s: %s: %d values, want %d (shape %v); %v", file, name, len(w), n, shape, err)
			}
		}
	}
}
