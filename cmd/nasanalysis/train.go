package main

import (
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/nasanalysis/nasanalysis/nasanalysis/data"
	"github.com/nasanalysis/nasanalysis/nasanalysis/predictor"
)

var trainModels = []string{predictor.KindMLP, predictor.KindGCN, predictor.BaselineLinear, predictor.BaselineFLOPs}

func runTrain(args []string, stdout, stderr io.Writer) error {
	fs := newFlags("train", "--dataset D --target T --model mlp|gcn|linear|flops --train N [--seed K] [--seeds N] [--model-dir DIR] [--format csv|table]", stderr)
	dataset := fs.datasetFlag("nb201", predictor.TaskDatasets())
	target := fs.String("target", "cifar10_acc", "an NB201 accuracy column ("+strings.Join(data.AccuracyColumns, ", ")+"), a device of the dataset, or "+predictor.MeasuredTarget+" (raw) and "+predictor.ScaledTarget+" (the paired protocol's, scaled to the calm reference) for "+predictor.MeasuredDataset+" and "+predictor.MeasuredAllResDataset)
	kind := fs.String("model", predictor.KindMLP, "predictor: "+strings.Join(trainModels, ", ")+" (the last two are baselines)")
	n := fs.intIn("train", 100, 2, 1000000, "labelled architectures, drawn at random; 20% of them are held out for early stopping")
	seed := fs.seedFlag(0, "the draw, the initial weights and the batch order; the first of --seeds")
	seeds := fs.seedsFlag(1, "--seed..--seed+N-1 (0..N-1 by default), one row each")
	ensemble := fs.intIn("ensemble", 0, 0, 20, "ensemble members (0: the model's default, 3 for mlp, 1 for gcn)")
	macs := fs.Bool("macs", false, "give mlp/gcn the network's log MACs as an extra input (not for fbnet)")
	format := fs.formatFlag()
	modelDir := fs.modelDirFlag("directory to save the trained predictor to (mlp or gcn, one seed); read by predict and eval", "save")
	dataDir := fs.dataFlag()
	if err := fs.parse(args); err != nil {
		return err
	}
	if !slices.Contains(trainModels, *kind) {
		return usagef("unknown model %q (want %s)", *kind, strings.Join(trainModels, ", "))
	}
	if err := checkFormat(*format); err != nil {
		return err
	}
	if *seeds < 1 || *ensemble < 0 {
		return usagef("need --seeds >= 1 and --ensemble >= 0 (got %d, %d)", *seeds, *ensemble)
	}
	baseline := *kind == predictor.BaselineLinear || *kind == predictor.BaselineFLOPs
	if *modelDir != "" && (baseline || *seeds != 1) {
		return usagef("--model-dir needs --model mlp or gcn and a single seed")
	}
	task, err := predictor.LoadTask(*dataDir, *dataset, *target)
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
			return usagef("--macs needs --model mlp or gcn and a dataset with a cost model (not fbnet)")
		}
		cfg.MACs = true
	}
	rows, err := trainSeeds(task, cfg, *kind, *n, *seed, *seeds, *modelDir, stderr)
	if err != nil {
		return err
	}
	return writeRows(stdout, *format, []string{"n_train", "seed", "srcc", "kendall", "rmse"}, rows)
}

// trainSeeds fits and scores one predictor (or baseline) per seed first..first+seeds-1
// and returns one row n_train, seed, srcc, kendall, rmse each; with modelDir it saves the
// predictor there.
func trainSeeds(task *predictor.Task, cfg predictor.Config, kind string, n int, first uint64, seeds int, modelDir string, stderr io.Writer) ([][]any, error) {
	baseline := kind == predictor.BaselineLinear || kind == predictor.BaselineFLOPs
	var rows [][]any
	bar := newProgress(stderr, seeds, "training")
	defer bar.Clear()
	for k := range uint64(seeds) { // counted: a --seed near 2^64 still gives --seeds rows (the seeds wrap)
		s := first + k
		var sc predictor.Score
		var err error
		if baseline {
			sc, err = predictor.EvaluateBaseline(task, kind, n, s)
		} else {
			var p *predictor.Trained
			sc, p, err = predictor.Evaluate(task, cfg, n, s)
			if err == nil && modelDir != "" {
				err = p.Save(modelDir)
			}
		}
		if err != nil {
			return nil, err
		}
		rows = append(rows, []any{sc.NTrain, sc.Seed, sc.SRCC, sc.Kendall, sc.RMSE})
		bar.Add(1)
	}
	return rows, nil
}

func runPredict(args []string, stdout, stderr io.Writer) error {
	fs := newFlags("predict", "--model-dir DIR [--format csv|table] < archs.txt", stderr)
	dir := fs.modelDirFlag("directory of a predictor saved by 'nasanalysis train --model-dir DIR' (required)", "")
	format := fs.formatFlag()
	if err := fs.parse(args); err != nil {
		return err
	}
	if *dir == "" {
		return usagef("--model-dir is required")
	}
	if err := checkFormat(*format); err != nil {
		return err
	}
	p, err := predictor.Load(*dir)
	if err != nil {
		return err
	}
	if p.Dataset == "" || p.Target == "" {
		return fmt.Errorf("%s does not say which dataset and target the predictor was trained for", *dir)
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
	rows := make([][]any, len(archs))
	for i, a := range archs {
		rows[i] = []any{a, pred[i]}
	}
	return writeRows(stdout, *format, []string{"arch", "predicted_" + p.Target}, rows)
}
