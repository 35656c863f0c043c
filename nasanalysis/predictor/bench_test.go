package predictor

import (
	"testing"

	"github.com/nasanalysis/nasanalysis/nasanalysis/datatest"
)

func loadCIFAR10(b *testing.B) *Task {
	b.Helper()
	t, err := LoadTask("", "nb201", "cifar10_acc")
	datatest.Check(b, err)
	return t
}

// Training on a labelled budget of 400 NB201 cells (320 to fit, 80 to stop early) with
// the default configuration, and scoring on the other 15,225: the cost of one
// learning-curve point.
func benchmarkTrain400(b *testing.B, kind string) {
	t := loadCIFAR10(b)
	cfg := DefaultConfig(kind)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, _, err := Evaluate(t, cfg, 400, 0); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkTrain400MLP(b *testing.B) { benchmarkTrain400(b, KindMLP) }
func BenchmarkTrain400GCN(b *testing.B) { benchmarkTrain400(b, KindGCN) }

// Batched inference on all 15,625 NB201 cells; reports architectures per second.
func benchmarkPredict(b *testing.B, kind string) {
	t := loadCIFAR10(b)
	cfg := DefaultConfig(kind)
	cfg.MaxSteps = 50
	_, p, err := Evaluate(t, cfg, 100, 0)
	if err != nil {
		b.Fatal(err)
	}
	idx := make([]int, t.Len())
	for i := range idx {
		idx[i] = i
	}
	ex := t.Examples(idx)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := p.Predict(ex); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(len(ex)*b.N)/b.Elapsed().Seconds(), "archs/s")
}

func BenchmarkPredictMLP(b *testing.B) { benchmarkPredict(b, KindMLP) }
func BenchmarkPredictGCN(b *testing.B) { benchmarkPredict(b, KindGCN) }
