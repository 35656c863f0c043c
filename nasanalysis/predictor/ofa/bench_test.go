package ofa

import (
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

	"github.com/nasanalysis/nasanalysis/nasanalysis/arch"
	"github.com/nasanalysis/nasanalysis/nasanalysis/datatest"
	"github.com/nasanalysis/nasanalysis/nasanalysis/stats"
)

// BenchmarkPredictMBv3_10000 times one batched prediction of 10,000 sampled
// OFA-MobileNetV3 networks: the call a profiling run makes. Run it with and without
// GOEXPERIMENT=simd to see what GoMLX's SIMD matmul kernels buy.
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
// core (GOMAXPROCS 1; OPENBLAS_NUM_THREADS=1), measured in the same run and alternated:
// x_numpy is Go's median time over numpy's, x_numpy_avx512 over numpy with OpenBLAS's
// AVX-512 kernels (OPENBLAS_CORETYPE=SkylakeX). It first checks that numpy computed the
// same predictions. Skipped, saying so, where python3 has no numpy (make bench installs
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
	numpy := func(env ...string) float64 {
		cmd := exec.Command(python, "../../../scripts/numpy-predict.py", file, strconv.Itoa(repeats), out)
		cmd.Env = append(append(os.Environ(), "OPENBLAS_NUM_THREADS=1"), env...)
		text, err := cmd.Output()
		if err != nil {
			b.Fatalf("numpy: %v", err)
		}
		s, err := strconv.ParseFloat(strings.TrimSpace(string(text)), 64)
		if err != nil {
			b.Fatalf("numpy printed %q", text)
		}
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
	// The same network: numpy's predictions against this package's.
	numpy()
	f, err := os.Open(out)
	if err != nil {
		b.Fatal(err)
	}
	var ref []float64
	err = npyio.Read(f, &ref)
	f.Close()
	got, perr := p.Predict(X)
	if err != nil || perr != nil || len(ref) != len(got) {
		b.Fatalf("predictions: %d from numpy (%v), %d here (%v)", len(ref), err, len(got), perr)
	}
	for i := range got {
		if math.Abs(got[i]-ref[i]) > 1e-5 {
			b.Fatalf("network %d: %.6f here, %.6f by numpy: not the same network", i, got[i], ref[i])
		}
	}
	b.ResetTimer()
	var goT, npT, avxT []float64
	for range b.N {
		npT = append(npT, numpy())
		goT = append(goT, goPass())
		avxT = append(avxT, numpy("OPENBLAS_CORETYPE=SkylakeX"))
	}
	b.StopTimer()
	b.ReportMetric(med(goT), "s_go")
	b.ReportMetric(med(npT), "s_numpy")
	b.ReportMetric(med(goT)/med(npT), "x_numpy")
	b.ReportMetric(med(goT)/med(avxT), "x_numpy_avx512")
}
