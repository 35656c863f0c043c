package ort_test

import (
	"errors"
	"flag"
	"fmt"
	"io/fs"
	"os"
	"testing"

	"github.com/nasanalysis/nasanalysis/nasanalysis/datatest"
	"github.com/nasanalysis/nasanalysis/nasanalysis/onnx"
	"github.com/nasanalysis/nasanalysis/nasanalysis/ort"
)

// TestMain leaves the Examples out when ONNX Runtime's library is absent (a clone
// before scripts/setup.sh) unless datatest.ORTRequireEnv=1: the tests skip themselves
// then (datatest.CheckORT), but an Example cannot skip, and would print Init's error.
func TestMain(m *testing.M) {
	flag.Parse()
	if err := ort.Init(); errors.Is(err, fs.ErrNotExist) && os.Getenv(datatest.ORTRequireEnv) != "1" {
		skip := "^Example"
		if old := flag.Lookup("test.skip").Value.String(); old != "" {
			skip = old + "|" + skip
		}
		flag.Set("test.skip", skip)
		fmt.Fprintf(os.Stderr, "ort: Examples skipped: ONNX Runtime library absent (set %s=1 to fail instead): %v\n", datatest.ORTRequireEnv, err)
	}
	os.Exit(m.Run())
}

// A one-node model, a 1x1 convolution with weight 2 and bias 1, then ReLU, run on the
// input -1, 0, 1, 2: the outputs are max(0, 2x+1) = 0, 1, 3, 5, exact in float32.
func ExampleNewSession() {
	g := onnx.NewGraph("affine", "input", 1, 1, 2, 2)
	y := g.Conv("input", []float32{2}, []float32{1}, 1, 1, 1, 1, 1)
	g.Output(g.Op("Relu", []string{y}), 1, 1, 2, 2)
	model, err := g.Model()
	if err != nil {
		fmt.Println(err)
		return
	}
	s, err := ort.NewSession(model, []int64{1, 1, 2, 2}, []int64{1, 1, 2, 2}, ort.Options{Threads: 1, OptLevel: 3})
	if err != nil {
		fmt.Println(err)
		return
	}
	copy(s.Input(), []float32{-1, 0, 1, 2})
	if err := s.Run(); err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(s.Output())
	if _, err := s.Close(); err != nil {
		fmt.Println(err)
	}
	// Output:
	// [0 1 3 5]
}
