package latency

import (
	"math"
	"math/rand/v2"
	"slices"
	"testing"

	. "github.com/gomlx/gomlx/core/graph"
	"github.com/gomlx/gomlx/core/tensors"

	"github.com/nasanalysis/nasanalysis/nasanalysis/arch"
	"github.com/nasanalysis/nasanalysis/nasanalysis/datatest"
	"github.com/nasanalysis/nasanalysis/nasanalysis/internal/backend"
	"github.com/nasanalysis/nasanalysis/nasanalysis/ort"
)

// runBoth runs one network with the same weights and input through GoMLX (channels
// last) and ONNX Runtime (channels first) and returns both outputs.
func runBoth(t *testing.T, build func(x *Node) *Node, net *Network, r int) (gomlx, onnxrt []float32) {
	t.Helper()
	rng := rand.New(rand.NewPCG(5, 6))
	nhwc := make([]float32, r*r*3)
	for i := range nhwc {
		nhwc[i] = float32(rng.NormFloat64())
	}
	exec, err := NewExec(backend.Get(), build)
	if err != nil {
		t.Fatal(err)
	}
	defer exec.Finalize()
	out, err := exec.Call1(tensors.FromFlatDataAndDimensions(nhwc, 1, r, r, 3))
	if err != nil {
		t.Fatal(err)
	}
	gomlx = tensors.MustCopyFlatData[float32](out)

	s, err := ort.NewSession(net.Model, net.InShape, net.OutShape, ort.Options{Threads: 1, OptLevel: 3})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	in := s.Input()
	for y := range r {
		for x := range r {
			for c := range 3 {
				in[(c*r+y)*r+x] = nhwc[(y*r+x)*3+c]
			}
		}
	}
	if err := s.Run(); err != nil {
		t.Fatal(err)
	}
	return gomlx, slices.Clone(s.Output())
}

// maxRelDiff is the largest |a-b| over the largest |a|.
func maxRelDiff(a, b []float32) float64 {
	var d, m float64
	for i := range a {
		d = math.Max(d, math.Abs(float64(a[i]-b[i])))
		m = math.Max(m, math.Abs(float64(a[i])))
	}
	return d / m
}

// The ONNX network computes what the GoMLX graph computes, with the same weights: the
// same logits to 1e-4 of their largest magnitude, for both OFA mobile spaces (one
// network with every block type: squeeze-excite, h-swish, skips) and for ResNet50
// (at 64 px, so GoMLX's pure-Go convolutions finish in seconds).
func TestONNXMatchesGoMLX(t *testing.T) {
	datatest.CheckORT(t, ort.Init())
	rng := rand.New(rand.NewPCG(1, 1))
	for _, sp := range []*arch.MBSpace{arch.MBv3, arch.Proxyless} {
		a := sp.Sample(rng, 0)
		a.R = 128
		net, err := onnxMB(a, 7)
		if err != nil {
			t.Fatal(err)
		}
		g, o := runBoth(t, buildMB(a, 7), net, a.R)
		if len(g) != 1000 || len(o) != 1000 {
			t.Fatalf("%s: %d and %d logits", sp.Name, len(g), len(o))
		}
		if d := maxRelDiff(g, o); d > 1e-4 {
			t.Errorf("%s: GoMLX and ONNX Runtime differ by %.2g of the largest logit", sp.Name, d)
		} else {
			t.Logf("%s %s: max relative difference %.2g", sp.Name, a.JSON(), d)
		}
	}
	r := arch.SampleResNet(rng)
	r.R = 64
	net, err := onnxResNet(r, 7)
	if err != nil {
		t.Fatal(err)
	}
	g, o := runBoth(t, buildResNet(r, 7), net, r.R)
	if d := maxRelDiff(g, o); d > 1e-4 {
		t.Errorf("ofa-resnet50: GoMLX and ONNX Runtime differ by %.2g of the largest logit", d)
	} else {
		t.Logf("ofa-resnet50 %s: max relative difference %.2g", r.JSON(), d)
	}
}
