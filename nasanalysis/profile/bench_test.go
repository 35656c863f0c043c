package profile

import (
	"testing"

	"github.com/nasanalysis/nasanalysis/nasanalysis/arch"
	"github.com/nasanalysis/nasanalysis/nasanalysis/datatest"
	"github.com/nasanalysis/nasanalysis/nasanalysis/metric"
)

func benchMetrics(b *testing.B, names ...string) []*metric.Metric {
	var ms []*metric.Metric
	for _, n := range names {
		m, err := metric.New(n, arch.OFAMBv3, metric.Options{GPUTrain: 1000, GPUSeed: 1})
		datatest.Check(b, err)
		ms = append(ms, m)
	}
	return ms
}

// BenchmarkProfileMBv3All is the study's full run: all 180 OFA-MobileNetV3 fixes and
// the baseline at N = 100 (18,100 networks) on accuracy, FLOPs, the five Note10 tables
// and a trained GPU latency predictor (its training is BenchmarkGPUMetricTrain).
func BenchmarkProfileMBv3All(b *testing.B) {
	ms := benchMetrics(b, "acc", "flops", "note10_r160", "note10_r176", "note10_r192", "note10_r208", "note10_r224", "gpu_2080ti_1")
	b.ResetTimer()
	for range b.N {
		if _, err := Run(Config{Space: arch.Space{Family: arch.OFAMBv3, Resolutions: []int{224}}, Metrics: ms, N: 100, Seed: 1}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkGPUMetricTrain trains the GPU latency predictor behind gpu_<column> (1,000
// labelled networks of one column) and scores it on the other 4,000.
func BenchmarkGPUMetricTrain(b *testing.B) {
	for range b.N {
		benchMetrics(b, "gpu_2080ti_1")
	}
}
