package ofa

import (
	"fmt"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"testing"
	"time"

	"codeberg.org/sbinet/npyio"
	"codeberg.org/sbinet/npyio/npz"
	"github.com/gomlx/gomlx/core/graph"
	"github.com/gomlx/gomlx/core/tensors"
	"github.com/gomlx/gomlx/ml/layers/activation"

	"github.com/nasanalysis/nasanalysis/nasanalysis/arch"
	"github.com/nasanalysis/nasanalysis/nasanalysis/datatest"
	"github.com/nasanalysis/nasanalysis/nasanalysis/internal/backend"
	"github.com/nasanalysis/nasanalysis/nasanalysis/stats"
)

// BenchmarkPredictMBv3_10000 times one batched prediction of 10,000 sampled
// OFA-MobileNetV3 networks: the call a profiling run makes.
func BenchmarkPredictMBv3_10000(b *testing.B) { benchPredictMBv3(b, 10000) }

// BenchmarkPredictMBv3_100 is one generation of an evolutionary search (population
// 100): the call a search repeats hundreds of times.
func BenchmarkPredictMBv3_100(b *testing.B) { benchPredictMBv3(b, 100) }

// benchPredictMBv3 times one batched prediction of n sampled networks.
func benchPredictMBv3(b *testing.B, n int) {
	p, err := LoadMBv3("")
	datatest.Check(b, err)
	as := arch.MBv3.SampleN(n, 1)
	X := make([][]float64, len(as))
	for i, a := range as {
		X[i] = a.OFAFeatures()
	}
	b.ResetTimer()
	for range b.N {
		if _, err := p.Predict(X); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkPredictVsNumpy10000 sets this package's prediction of 10,000 sampled
// OFA-MobileNetV3 networks beside numpy's, one batched float32 pass of the same weights
// (exported by WriteNPZ from what this package read) on the same encodings, both on one
// core (GOMAXPROCS 1; OPENBLAS_NUM_THREADS=1), measured in the same run and alternated.
// Two ways, each as Go's median time over numpy's:
//
//   - x_numpy_process: whole processes, as a user runs them. Go's is this test binary
//     started again (predictProcess): it reads the publisher's .pth, checks it, reads the
//     encodings from the .npz, predicts, writes the .npy. numpy's is
//     scripts/numpy-predict.py: start Python, import numpy, read the .npz, one pass,
//     write the .npy.
//   - x_numpy: one pass in a running process, after a first untimed one.
//
// The _avx512 ratios are over numpy with OpenBLAS's AVX-512 kernels
// (OPENBLAS_CORETYPE=SkylakeX), which Debian's numpy does not pick on this CPU. The
// benchmark first checks that numpy and the Go process computed this package's
// predictions. Skipped, saying so, where python3 has no numpy (make bench installs
// Debian's python3-numpy).
func BenchmarkPredictVsNumpy10000(b *testing.B) {
	python := "/usr/bin/python3" // Debian's, whose numpy make bench installs; not a pyenv one
	if err := exec.Command(python, "-c", "import numpy").Run(); err != nil {
		b.Skipf("%s with numpy not found (%v): make bench installs Debian's python3-numpy", python, err)
	}
	p, err := LoadMBv3("")
	datatest.Check(b, err)
	var X [][]float64
	for _, a := range arch.MBv3.SampleN(10000, 1) {
		X = append(X, a.OFAFeatures())
	}
	dir := b.TempDir()
	file, out := filepath.Join(dir, "ofa.npz"), filepath.Join(dir, "pred.npy")
	if err := p.WriteNPZ(file, X); err != nil {
		b.Fatal(err)
	}
	const repeats = 5
	run := func(cmd *exec.Cmd, env ...string) (float64, string) {
		cmd.Env = append(append(os.Environ(), "OPENBLAS_NUM_THREADS=1", "GOMAXPROCS=1"), env...)
		start := time.Now()
		text, err := cmd.Output()
		if err != nil {
			b.Fatalf("%s: %v", cmd, err)
		}
		return time.Since(start).Seconds(), strings.TrimSpace(string(text))
	}
	numpyCmd := func(repeats int) *exec.Cmd {
		return exec.Command(python, "../../../scripts/numpy-predict.py", file, strconv.Itoa(repeats), out)
	}
	numpy := func(env ...string) float64 {
		_, text := run(numpyCmd(repeats), env...)
		s, err := strconv.ParseFloat(text, 64)
		if err != nil {
			b.Fatalf("numpy printed %q", text)
		}
		return s
	}
	numpyProcess := func(env ...string) float64 {
		s, _ := run(numpyCmd(0), env...)
		return s
	}
	goProcess := func() float64 {
		s, _ := run(exec.Command(os.Args[0], "-test.run=^$", "-test.bench=^$"), predictProcessEnv+"="+file+string(os.PathListSeparator)+out)
		return s
	}
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(1))
	med := func(v []float64) float64 {
		m, err := stats.Quantile(v, 0.5)
		if err != nil {
			b.Fatal(err)
		}
		return m
	}
	goPass := func() float64 {
		var ts []float64
		for range repeats {
			start := time.Now()
			if _, err := p.Predict(X); err != nil {
				b.Fatal(err)
			}
			ts = append(ts, time.Since(start).Seconds())
		}
		return med(ts)
	}
	// The same network: numpy's predictions, and the Go process's, against this package's.
	got, err := p.Predict(X)
	if err != nil {
		b.Fatal(err)
	}
	for _, who := range []string{"numpy", "the Go process"} {
		if who == "numpy" {
			numpyProcess()
		} else {
			goProcess()
		}
		f, err := os.Open(out)
		if err != nil {
			b.Fatal(err)
		}
		var ref []float64
		err = npyio.Read(f, &ref)
		f.Close()
		if err != nil || len(ref) != len(got) {
			b.Fatalf("predictions: %d from %s (%v), %d here", len(ref), who, err, len(got))
		}
		for i := range got {
			if math.Abs(got[i]-ref[i]) > 1e-5 {
				b.Fatalf("network %d: %.6f here, %.6f by %s: not the same network", i, got[i], ref[i], who)
			}
		}
		os.Remove(out)
	}
	b.ResetTimer()
	var goT, npT, avxT, goP, npP, avxP []float64
	for range b.N {
		npP = append(npP, numpyProcess())
		goP = append(goP, goProcess())
		avxP = append(avxP, numpyProcess("OPENBLAS_CORETYPE=SkylakeX"))
		npT = append(npT, numpy())
		goT = append(goT, goPass())
		avxT = append(avxT, numpy("OPENBLAS_CORETYPE=SkylakeX"))
	}
	b.StopTimer()
	b.ReportMetric(med(goP), "s_go_process")
	b.ReportMetric(med(npP), "s_numpy_process")
	b.ReportMetric(med(goP)/med(npP), "x_numpy_process")
	b.ReportMetric(med(goP)/med(avxP), "x_numpy_avx512_process")
	b.ReportMetric(med(goT), "s_go")
	b.ReportMetric(med(npT), "s_numpy")
	b.ReportMetric(med(goT)/med(npT), "x_numpy")
	b.ReportMetric(med(goT)/med(avxT), "x_numpy_avx512")
}

// predictProcessEnv, set to "IN.npz:OUT.npy", makes this test binary the Go side of
// BenchmarkPredictVsNumpy10000's whole-process comparison instead of running tests.
const predictProcessEnv = "NASANALYSIS_OFA_PREDICT_PROCESS"

func TestMain(m *testing.M) {
	if v := os.Getenv(predictProcessEnv); v != "" {
		if err := predictProcess(v); err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		os.Exit(0)
	}
	os.Exit(m.Run())
}

// predictProcess is what a user's program does to score encodings: read OFA's
// MobileNetV3 predictor from the public data, the encodings X from IN.npz (as WriteNPZ
// wrote them), predict, write the predictions to OUT.npy.
func predictProcess(files string) error {
	in, out, ok := strings.Cut(files, string(os.PathListSeparator))
	if !ok {
		return fmt.Errorf("%s=%q: want IN.npz%sOUT.npy", predictProcessEnv, files, string(os.PathListSeparator))
	}
	p, err := LoadMBv3("")
	if err != nil {
		return err
	}
	f, err := os.Open(in)
	if err != nil {
		return err
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return err
	}
	z, err := npz.NewReader(f, st.Size())
	if err != nil {
		return fmt.Errorf("%s: %w", in, err)
	}
	var flat []float32
	var shape []int64
	if err := z.Read("X.npy", &flat); err != nil {
		return fmt.Errorf("%s: X: %w", in, err)
	}
	if err := z.Read("X_shape.npy", &shape); err != nil {
		return fmt.Errorf("%s: X_shape: %w", in, err)
	}
	if len(shape) != 2 || int(shape[0]*shape[1]) != len(flat) {
		return fmt.Errorf("%s: X_shape %v for %d values", in, shape, len(flat))
	}
	width := int(shape[1])
	X := make([][]float64, shape[0])
	for i := range X {
		X[i] = make([]float64, width)
		for k, v := range flat[i*width : (i+1)*width] {
			X[i][k] = float64(v)
		}
	}
	pred, err := p.Predict(X)
	if err != nil {
		return err
	}
	g, err := os.Create(out)
	if err != nil {
		return err
	}
	if err := npyio.Write(g, pred); err != nil {
		g.Close()
		return fmt.Errorf("%s: %w", out, err)
	}
	return g.Close()
}

// BenchmarkPredictVsGoMLX10000 sets Predict beside the GoMLX graph it replaced (the same
// MLP, weights transposed into constants, on the default pure-Go backend) on 10,000
// sampled OFA-MobileNetV3 networks, alternated in one run: x_gomlx is Predict's median
// time over GoMLX's. It first checks that both compute the same predictions.
func BenchmarkPredictVsGoMLX10000(b *testing.B) {
	p, err := LoadMBv3("")
	datatest.Check(b, err)
	var X [][]float64
	for _, a := range arch.MBv3.SampleN(10000, 1) {
		X = append(X, a.OFAFeatures())
	}
	exec, err := graph.NewExec(backend.Get(), func(x *graph.Node) *graph.Node {
		g, h := x.Graph(), x
		for i, l := range p.layers {
			h = graph.MatMul(h, graph.Const(g, transposed(l.W)))
			if l.B != nil {
				h = graph.Add(h, graph.ExpandDims(graph.Const(g, l.B), 0))
			}
			if i < len(p.layers)-1 {
				h = activation.Relu(h)
			}
		}
		return graph.AddScalar(graph.Reshape(h, -1), float64(p.base))
	})
	if err != nil {
		b.Fatal(err)
	}
	rows, err := backend.Float32Rows(X, p.InWidth)
	if err != nil {
		b.Fatal(err)
	}
	xs := tensors.FromValue(rows) // built once, outside the timed calls
	gomlx := func() []float64 {
		out, err := exec.Call1(xs)
		if err != nil {
			b.Fatal(err)
		}
		return backend.Float64s(out)
	}
	ours := func() []float64 {
		y, err := p.Predict(X)
		if err != nil {
			b.Fatal(err)
		}
		return y
	}
	ref, got := gomlx(), ours()
	for i := range got {
		if math.Abs(got[i]-ref[i]) > 1e-5 {
			b.Fatalf("network %d: %.6f here, %.6f by GoMLX: not the same network", i, got[i], ref[i])
		}
	}
	timed := func(f func() []float64) float64 {
		start := time.Now()
		f()
		return time.Since(start).Seconds()
	}
	b.ResetTimer()
	var oursT, gomlxT []float64
	for range b.N {
		gomlxT = append(gomlxT, timed(gomlx))
		oursT = append(oursT, timed(ours))
	}
	b.StopTimer()
	mo, _ := stats.Quantile(oursT, 0.5)
	mg, _ := stats.Quantile(gomlxT, 0.5)
	b.ReportMetric(mo, "s_mlp32")
	b.ReportMetric(mg, "s_gomlx")
	b.ReportMetric(mo/mg, "x_gomlx")
}

// transposed returns w's transpose: the graph multiplies activations (batch x in) by
// in x out constants.
func transposed(w [][]float32) [][]float32 {
	out := make([][]float32, len(w[0]))
	for j := range out {
		out[j] = make([]float32, len(w))
		for i := range w {
			out[j][i] = w[i][j]
		}
	}
	return out
}
