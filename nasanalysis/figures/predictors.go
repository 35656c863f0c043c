package figures

import (
	"fmt"

	"github.com/nasanalysis/nasanalysis/nasanalysis/arch"
	"github.com/nasanalysis/nasanalysis/nasanalysis/plots"
	"github.com/nasanalysis/nasanalysis/nasanalysis/predictor"
	"github.com/nasanalysis/nasanalysis/nasanalysis/prose"
	"github.com/nasanalysis/nasanalysis/nasanalysis/search"
)

// Figures of notebook 04 (package predictor, and the guided search of package search).

// PredictorCurves draws each method's mean Kendall tau against the labelled budget,
// with ± one standard deviation over seeds shaded.
func PredictorCurves(c predictor.CurveStudy, title string) (*plots.Figure, error) {
	var series []plots.Series
	for _, m := range c.Methods {
		n, k, sd := predictor.CurveBand(c.Sums, m)
		series = append(series, plots.MeanBand(m, n, k, sd))
	}
	caption := fmt.Sprintf("Line: mean Kendall tau over %d seeds (0–%d); shaded: ± 1 sd over the seeds. Each seed labels a random set of N of the %s cells of %s (%.0f %% train, %.0f %% early stopping) and scores the other %s − N.",
		c.Seeds, c.Seeds-1, prose.Num(c.Archs), c.DataFile, 100*(1-predictor.ValFraction), 100*predictor.ValFraction, prose.Num(c.Archs))
	return plots.Lines(plots.Axes{Title: title, XLabel: "labelled cells N (log scale)", YLabel: "Kendall tau on all other cells",
		LogX: true, LegendBottom: true, Caption: caption}, false, series...)
}

// PredictorHeldOut draws a predictor's held-out predictions against the true values
// (the plotted subset; the scores in the caption use them all).
func PredictorHeldOut(v predictor.HeldOutView) (*plots.Figure, error) {
	m := predictor.MethodName(v.Spec.Config.Kind)
	return plots.Scatter(plots.Axes{Title: fmt.Sprintf("%s, %d labelled cells: predicted vs true CIFAR-10 accuracy", m, v.Spec.N),
		XLabel: "true accuracy (%)", YLabel: "predicted accuracy (%)",
		Caption: fmt.Sprintf("%s trained on %d labelled NB201 cells (seed %d); scored on all %s held-out cells: SRCC %s, Kendall %s, RMSE %s points (one seed; the spread over seeds at this budget is in section 2's table). %s of the held-out cells, drawn at random (seed %d), are plotted. Predictions are a linear rescaling of a ranking score fitted on the labelled cells, so they are not bounded by 100 %%.",
			m, v.Spec.N, v.Spec.Seed, prose.Num(len(v.Truth)), prose.Num(v.Score.SRCC), prose.Num(v.Score.Kendall), prose.Num(v.Score.RMSE), prose.Num(len(v.Plotted)), v.PlotSeed)},
		plots.Subset("", v.Truth, v.Pred, v.Plotted))
}

// PredictorOpMix draws the mean rank error by operation and number of edges carrying
// it; groups of fewer than minCells cells are grey.
func PredictorOpMix(m predictor.OpMixError, v predictor.HeldOutView, minCells int) (*plots.Figure, error) {
	var cols []string
	for k := 0; k <= arch.NumEdges; k++ {
		cols = append(cols, fmt.Sprint(k))
	}
	return plots.Heatmap{Title: fmt.Sprintf("Mean rank error of the %s by operator count", predictor.MethodName(v.Spec.Config.Kind)), Values: m.Masked(minCells),
		RowLabels: arch.OpNames(), ColLabels: cols, Format: "%.1f", XLabel: "edges with this operation", ValueLabel: "mean |rank error| (percentile points)", Scale: plots.Sequential,
		Caption: fmt.Sprintf("%s trained on %d cells (seed %d), %s held-out NB201 cells; groups of fewer than %d cells are grey (their values and every count are in the table below). Colour scale fitted to the values shown.",
			predictor.MethodName(v.Spec.Config.Kind), v.Spec.N, v.Spec.Seed, prose.Num(len(v.Test)), minCells)}.Figure()
}

// PredictorSearch draws the best accuracy found against the cells queried, mean over
// seeds with ± one standard deviation shaded, for guided and random search.
func PredictorSearch(guided, random []search.Trace, cfg search.GuidedConfig, cells int, best float64) (*plots.Figure, error) {
	band := func(name string, trs []search.Trace) plots.Series {
		x, mean, sd := search.Curve(trs)
		return plots.MeanBand(name, x, mean, sd)
	}
	seeds := len(guided)
	return plots.Lines(plots.Axes{Title: "Best CIFAR-10 accuracy found vs cells queried", XLabel: "cells queried", YLabel: "best test accuracy so far (%)", LegendBottom: true,
		Caption: fmt.Sprintf("NB201 (%s cells), %d seeds (0–%d). Lines: mean over the seeds of the best accuracy found so far; shaded: ± 1 sd. Guided = MLP ensemble retrained every %d queries after %d random ones (random search draws the same first %d). Best of the space: %s %%.",
			prose.Num(cells), seeds, seeds-1, cfg.PerRound, cfg.Initial, cfg.Initial, prose.Num(best))},
		false, band("guided (MLP)", guided), band("random", random))
}
