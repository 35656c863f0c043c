package ofa

import (
	"testing"

	"github.com/nasanalysis/nasanalysis/nasanalysis/arch"
	"github.com/nasanalysis/nasanalysis/nasanalysis/datatest"
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
