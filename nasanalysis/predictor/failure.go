package predictor

import (
	"fmt"
	"math"

	"github.com/go-gota/gota/dataframe"
	"github.com/go-gota/gota/series"

	"github.com/nasanalysis/nasanalysis/nasanalysis/arch"
	"github.com/nasanalysis/nasanalysis/nasanalysis/stats"
)

// OpMixError says where in the NAS-Bench-201 space a predictor ranks badly. Each cell's
// error is the distance, in percentile points, between its predicted and its true rank
// among the scored cells; MeanError[op][k] is the mean error over the cells with exactly
// k edges of operation op (k = 0..6), Count[op][k] how many there are (NaN mean when none).
type OpMixError struct {
	MeanError [][]float64
	Count     [][]int
}

// ByOpMix computes OpMixError for NB201 cells with predictions and true values.
func ByOpMix(cells []arch.Cell, pred, truth []float64) (OpMixError, error) {
	if len(cells) != len(pred) || len(cells) != len(truth) || len(cells) < 2 {
		return OpMixError{}, fmt.Errorf("op-mix error: %d cells, %d predictions, %d values", len(cells), len(pred), len(truth))
	}
	rp, rt := stats.Ranks(pred), stats.Ranks(truth)
	scale := 100 / float64(len(cells)-1)
	out := OpMixError{MeanError: make([][]float64, arch.NumOps), Count: make([][]int, arch.NumOps)}
	sum := make([][]float64, arch.NumOps)
	for op := range out.Count {
		out.Count[op], sum[op] = make([]int, arch.NumEdges+1), make([]float64, arch.NumEdges+1)
	}
	for i, c := range cells {
		var n [arch.NumOps]int
		for _, op := range c {
			n[op]++
		}
		e := math.Abs(rp[i]-rt[i]) * scale
		for op, k := range n {
			out.Count[op][k]++
			sum[op][k] += e
		}
	}
	for op := range sum {
		out.MeanError[op] = make([]float64, arch.NumEdges+1)
		for k, s := range sum[op] {
			out.MeanError[op][k] = math.NaN()
			if out.Count[op][k] > 0 {
				out.MeanError[op][k] = s / float64(out.Count[op][k])
			}
		}
	}
	return out, nil
}

// Frame returns the groups in long form: op, edges (k), cells, mean_error; empty groups
// are left out.
func (m OpMixError) Frame() dataframe.DataFrame {
	var ops []string
	var ks, ns []int
	var errs []float64
	for op, row := range m.Count {
		for k, n := range row {
			if n > 0 {
				ops, ks, ns = append(ops, arch.Op(op).String()), append(ks, k), append(ns, n)
				errs = append(errs, m.MeanError[op][k])
			}
		}
	}
	return dataframe.New(series.New(ops, series.String, "op"), series.New(ks, series.Int, "edges"),
		series.New(ns, series.Int, "cells"), series.New(errs, series.Float, "mean_error"))
}

// Masked returns MeanError with the groups of fewer than minCells cells set to NaN, so a
// single odd cell does not set a figure's colour scale.
func (m OpMixError) Masked(minCells int) [][]float64 {
	out := make([][]float64, len(m.MeanError))
	for op, row := range m.MeanError {
		out[op] = append([]float64(nil), row...)
		for k, n := range m.Count[op] {
			if n < minCells {
				out[op][k] = math.NaN()
			}
		}
	}
	return out
}
