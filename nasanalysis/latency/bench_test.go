package latency

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/nasanalysis/nasanalysis/nasanalysis/arch"
	"github.com/nasanalysis/nasanalysis/nasanalysis/datatest"
	"github.com/nasanalysis/nasanalysis/nasanalysis/onnx"
	"github.com/nasanalysis/nasanalysis/nasanalysis/ort"
	"gonum.org/v1/gonum/stat"
)

// The engine's throughput is reported against a practical ceiling: one large
// single-precision matrix product run by the same ONNX Runtime (its MLAS kernels are the
// ones its convolutions use), so "GMAC/s" means the same thing in both.

const matDim = 1024 // 1024^3 = 1.07 G multiply-adds per run

func benchSession(b *testing.B, model []byte, in, out []int64, threads int) *ort.Session {
	b.Helper()
	datatest.CheckORT(b, ort.Init())
	s, err := ort.NewSession(model, in, out, ort.Options{Threads: threads, OptLevel: 3})
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { s.Close() })
	rng := rand.New(rand.NewPCG(1, 2))
	x := s.Input()
	for i := range x {
		x[i] = float32(rng.NormFloat64())
	}
	return s
}

// runBench times b.N runs after 5 warm-up runs and reports GMAC/s.
func runBench(b *testing.B, s *ort.Session, macs float64) {
	for range 5 {
		if err := s.Run(); err != nil {
			b.Fatal(err)
		}
	}
	b.ResetTimer()
	for range b.N {
		if err := s.Run(); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(macs*float64(b.N)/b.Elapsed().Seconds()/1e9, "GMAC/s")
}

func benchMatMul(b *testing.B, threads int) {
	g := onnx.NewGraph("matmul", "input", matDim, matDim)
	w := make([]float32, matDim*matDim)
	rng := rand.New(rand.NewPCG(3, 4))
	for i := range w {
		w[i] = float32(rng.NormFloat64())
	}
	g.Output(g.Op("MatMul", []string{"input", g.Const(w, matDim, matDim)}), matDim, matDim)
	model, err := g.Model()
	if err != nil {
		b.Fatal(err)
	}
	runBench(b, benchSession(b, model, []int64{matDim, matDim}, []int64{matDim, matDim}, threads), math.Pow(matDim, 3))
}

func BenchmarkMatMulCeiling1Thread(b *testing.B)  { benchMatMul(b, 1) }
func BenchmarkMatMulCeilingAllCores(b *testing.B) { benchMatMul(b, 0) }

// benchNet is OFA-MobileNetV3's middle network (kernel 5, expand 4, depth 3 everywhere,
// width 1.2), the drift reference of `measure`, at resolution r.
func benchNet(b *testing.B, r, threads int) {
	a := arch.MBArch{KS: make([]int, 20), E: make([]int, 20), D: []int{3, 3, 3, 3, 3}, R: r, W: 1.2}
	for i := range a.KS {
		a.KS[i], a.E[i] = 5, 4
	}
	net, err := ONNXNetwork(a, 1)
	if err != nil {
		b.Fatal(err)
	}
	runBench(b, benchSession(b, net.Model, net.InShape, net.OutShape, threads), a.MACs())
}

func BenchmarkMBv3At160_1Thread(b *testing.B) { benchNet(b, 160, 1) }
func BenchmarkMBv3At224_1Thread(b *testing.B) { benchNet(b, 224, 1) }
func BenchmarkMBv3At160AllCores(b *testing.B) { benchNet(b, 160, 0) }
func BenchmarkMBv3At224AllCores(b *testing.B) { benchNet(b, 224, 0) }

// BenchmarkMedianCV measures the same network's median ten times with the default
// protocol (each a fresh session) and reports the coefficient of variation of those
// medians: how far apart two measurements of one network are expected to land.
func BenchmarkMedianCV(b *testing.B) {
	datatest.CheckORT(b, ort.Init())
	eng, err := NewEngine(EngineORT)
	if err != nil {
		b.Fatal(err)
	}
	a := arch.MBArch{KS: make([]int, 20), E: make([]int, 20), D: []int{3, 3, 3, 3, 3}, R: 192, W: 1.2}
	for i := range a.KS {
		a.KS[i], a.E[i] = 5, 4
	}
	for range b.N {
		medians := make([]float64, 10)
		for i := range medians {
			t, err := eng.Measure(a, DefaultProtocol)
			if err != nil {
				b.Fatal(err)
			}
			medians[i] = t.MedianMS
		}
		mean, sd := stat.MeanStdDev(medians, nil)
		b.ReportMetric(100*sd/mean, "cv_%")
		b.ReportMetric(mean, "median_ms")
	}
}
