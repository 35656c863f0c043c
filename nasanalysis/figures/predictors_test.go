package figures

import (
	"testing"

	"github.com/nasanalysis/nasanalysis/nasanalysis/arch"
	"github.com/nasanalysis/nasanalysis/nasanalysis/predictor"
	"github.com/nasanalysis/nasanalysis/nasanalysis/search"
)

// Hand-made predictor results draw, and each caption states its sample from the result.
func TestPredictorFigures(t *testing.T) {
	c := predictor.CurveStudy{DataFile: "nb201/accuracy.csv", Archs: 15625, Seeds: 5, Methods: []string{"gcn"},
		Sums: []predictor.CurveSummary{{Method: "gcn", NTrain: 25, Kendall: 0.57, KendallSD: 0.04}, {Method: "gcn", NTrain: 50, Kendall: 0.64, KendallSD: 0.03}}}
	f, err := PredictorCurves(c, "curves")
	designWantCaption(t, "curves", f, err, "over 5 seeds (0–4)", "15,625 cells of nb201/accuracy.csv (80 % train, 20 % early stopping)")

	v := predictor.HeldOutView{Spec: predictor.FitSpec{Config: predictor.DefaultConfig(predictor.KindGCN), N: 400}, Score: predictor.Score{SRCC: 0.936, Kendall: 0.783, RMSE: 8.67},
		Test: []int{0, 1, 2}, Pred: []float64{90, 80, 70}, Truth: []float64{91, 79, 72}, Plotted: []int{0, 2}, PlotSeed: 7}
	f, err = PredictorHeldOut(v)
	designWantCaption(t, "held out", f, err, "GCN trained on 400 labelled NB201 cells (seed 0); scored on all 3 held-out cells: SRCC 0.936, Kendall 0.783, RMSE 8.67 points", "2 of the held-out cells, drawn at random (seed 7)")
	mix, err := predictor.ByOpMix(make([]arch.Cell, 3), v.Pred, v.Truth)
	if err != nil {
		t.Fatal(err)
	}
	f, err = PredictorOpMix(mix, v, 1)
	designWantCaption(t, "op mix", f, err, "GCN trained on 400 cells (seed 0), 3 held-out NB201 cells; groups of fewer than 1 cells are grey")

	trace := func(best ...float64) search.Trace {
		return search.Trace{Queried: make([]int, len(best)), BestSoFar: best}
	}
	g := []search.Trace{trace(90, 92, 94), trace(91, 93, 94)}
	r := []search.Trace{trace(90, 91, 92), trace(91, 91, 93)}
	f, err = PredictorSearch(g, r, search.GuidedConfig{Initial: 1, PerRound: 1, Budget: 3}, 15625, 94.37)
	designWantCaption(t, "search", f, err, "NB201 (15,625 cells), 2 seeds (0–1)", "retrained every 1 queries after 1 random ones", "Best of the space: 94.4 %.")
}
