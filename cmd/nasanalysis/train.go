package main

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"

	"github.com/nasanalysis/nasanalysis/nasanalysis/data"
	"github.com/nasanalysis/nasanalysis/nasanalysis/predictor"
)

var trainModels = []string{predictor.KindMLP, predictor.KindGCN, predictor.BaselineLinear, predictor.BaselineFLOPs}

func runTrain(args []string, stdout, stderr io.Writer) error {
	fs := newFlags("train", "--space S --target T --model mlp|gcn|linear|flops --train N [--seed K] [--save DIR]", stderr)
	spaceName := fs.String("space", "nb201", "dataset: "+strings.Join(predictor.TaskDatasets(), ", "))
	target := fs.String("target", "cifar10_acc", "an NB201 accuracy column ("+strings.Join(data.AccuracyColumns, ", ")+"), a device of the dataset, or "+predictor.MeasuredTarget+" for "+predictor.MeasuredDataset)
	kind := fs.String("model", predictor.KindMLP, "predictor: "+strings.Join(trainModels, ", ")+" (the last two are baselines)")
	n := fs.Int("train", 100, "labelled architectures, drawn at random; 20% of them are held out for early stopping")
	seed := fs.Int64("seed", 0, "seed of the draw, the initial weights and the batch order")
	seeds := fs.Int("seeds", 1, "run seeds seed..seed+seeds-1, one row each")
	ensemble := fs.Int("ensemble", 0, "ensemble members (0: the model's default, 3 for mlp, 1 for gcn)")
	macs := fs.Bool("macs", false, "give mlp/gcn the network's log MACs as an extra input (not for fbnet)")
	format := fs.String("format", "csv", "output: csv or table")
	save := fs.String("save", "", "directory to save the trained predictor to (mlp or gcn, one seed)")
	dataDir := fs.String("data", "", "datasets directory (default: $"+data.EnvDataDir+", then ../shared/datasets, then the fetch cache)")
	if err := parse(fs, args); err != nil {
		return err
	}
	if !slices.Contains(trainModels, *kind) {
		return usagef("unknown model %q (want %s)", *kind, strings.Join(trainModels, ", "))
	}
	if *format != "csv" && *format != "table" {
		return usagef("unknown format %q (want csv or table)", *format)
	}
	if *seeds < 1 || *ensemble < 0 {
		return usagef("need --seeds >= 1 and --ensemble >= 0 (got %d, %d)", *seeds, *ensemble)
	}
	baseline := *kind == predictor.BaselineLinear || *kind == predictor.BaselineFLOPs
	if *save != "" && (baseline || *seeds != 1) {
		return usagef("--save needs --model mlp or gcn and a single seed")
	}
	task, err := predictor.LoadTask(*dataDir, *spaceName, *target)
	if errors.As(err, new(*predictor.NameError)) {
		return usageError{err.Error()}
	}
	if err != nil {
		return err
	}
	if err := predictor.CheckBudget(task.Len(), *n); err != nil {
		return usagef("--train %d: %v", *n, err)
	}
	cfg := predictor.DefaultConfig(*kind)
	if *ensemble > 0 {
		cfg.Ensemble = *ensemble
	}
	if *macs {
		if baseline || task.MACs == nil {
			return usagef("--macs needs --model mlp or gcn and a space with a cost model (not fbnet)")
		}
		cfg.MACs = true
	}
	var rows [][]string
	for s := *seed; s < *seed+int64(*seeds); s++ {
		var sc predictor.Score
		if baseline {
			sc, err = predictor.EvaluateBaseline(task, *kind, *n, s)
		} else {
			var p *predictor.Trained
			sc, p, err = predictor.Evaluate(task, cfg, *n, s)
			if err == nil && *save != "" {
				err = p.Save(*save)
			}
		}
		if err != nil {
			return err
		}
		rows = append(rows, []string{strconv.Itoa(sc.NTrain), strconv.FormatInt(sc.Seed, 10),
			fmt.Sprintf("%.4f", sc.SRCC), fmt.Sprintf("%.4f", sc.Kendall), fmt.Sprintf("%.4g", sc.RMSE)})
	}
	return writeRows(stdout, *format, []string{"n_train", "seed", "srcc", "kendall", "rmse"}, rows)
}

func runPredict(args []string, stdout, stderr io.Writer) error {
	fs := newFlags("predict", "--model-dir DIR < archs.txt", stderr)
	dir := fs.String("model-dir", "", "directory written by 'nasanalysis train --save'")
	if err := parse(fs, args); err != nil {
		return err
	}
	if *dir == "" {
		return usagef("--model-dir is required")
	}
	p, err := predictor.Load(*dir)
	if err != nil {
		return err
	}
	if p.Dataset == "" || p.Target == "" {
		return fmt.Errorf("%s does not say which space and target the predictor was trained for", *dir)
	}
	// Read and encode every line first: a bad line fails before any prediction.
	var archs []string
	var ex []predictor.Example
	err = readStdinLines(func(line int, text string) error {
		e, err := predictor.EncodeArch(p.Dataset, text)
		if err != nil {
			return usagef("stdin line %d: %v", line, err)
		}
		archs, ex = append(archs, text), append(ex, e)
		return nil
	})
	if err != nil {
		return err
	}
	pred, err := p.Predict(ex)
	if err != nil {
		return err
	}
	w := csv.NewWriter(stdout)
	w.Write([]string{"arch", "predicted_" + p.Target})
	for i, a := range archs {
		w.Write([]string{a, fmt.Sprintf("%.6g", pred[i])})
	}
	w.Flush()
	return w.Error()
}
