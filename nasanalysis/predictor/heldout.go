package predictor

import (
	"fmt"
	"math/rand/v2"
	"slices"

	"github.com/go-gota/gota/dataframe"
	"github.com/go-gota/gota/series"

	"github.com/nasanalysis/nasanalysis/nasanalysis/arch"
	"github.com/nasanalysis/nasanalysis/nasanalysis/data"
	"github.com/nasanalysis/nasanalysis/nasanalysis/prose"
	"github.com/nasanalysis/nasanalysis/nasanalysis/stats"
)

// DataFile names the file a task's target comes from, relative to the datasets folder
// (or datasets/ in the repository for the measured datasets), and says what the target
// is, for a notebook's data line.
func DataFile(dataset, target string) (file, about string, err error) {
	if IsMeasured(dataset) {
		return "datasets/" + measuredDomains[dataset].file, "median latency on this machine, ONNX Runtime", nil
	}
	ds, err := data.Lookup(dataset)
	if err != nil {
		return "", "", &NameError{What: "dataset", Name: dataset, Known: TaskDatasets()}
	}
	if slices.Contains(data.AccuracyColumns, target) {
		return data.AccuracyFile, target, nil
	}
	return ds.LatencyFile, "latency on " + target, nil
}

// HeldOutView is a fitted predictor's predictions of the architectures it did not see,
// with a random subset of them to plot.
type HeldOutView struct {
	Spec        FitSpec
	Score       Score
	Test        []int     // the held-out architectures' positions in the task
	Pred, Truth []float64 // over Test
	Plotted     []int     // positions in Test drawn at random to plot
	PlotSeed    uint64
}

// ViewHeldOut predicts f's held-out architectures of t and draws plotted of them at
// random (seed) to plot (all of them when there are fewer).
func ViewHeldOut(t *Task, f Fitted, plotted int, seed uint64) (HeldOutView, error) {
	test, pred, truth, err := HeldOut(t, f.P, f.Spec.N, f.Spec.Seed)
	if err != nil {
		return HeldOutView{}, err
	}
	pick := rand.New(rand.NewPCG(seed, 0)).Perm(len(truth))
	return HeldOutView{Spec: f.Spec, Score: f.Score, Test: test, Pred: pred, Truth: truth, Plotted: pick[:min(plotted, len(pick))], PlotSeed: seed}, nil
}

// Cells parses the held-out architectures of an NB201 task.
func (v HeldOutView) Cells(t *Task) ([]arch.Cell, error) {
	out := make([]arch.Cell, len(v.Test))
	for k, i := range v.Test {
		c, err := arch.ParseCell(t.Archs[i])
		if err != nil {
			return nil, fmt.Errorf("%s/%s architecture %d: %w", t.Dataset, t.Target, i, err)
		}
		out[k] = c
	}
	return out, nil
}

// RankCheck is a predictor's ranking of architectures against their true values: its
// first Top architectures with their true values and true ranks, where it places the
// truly best one, and how deep in the true order its first Top reach.
type RankCheck struct {
	Total       int
	Top         []Ranked
	TrueValue   []float64 // of Top
	TrueRank    []int     // of Top, 1 = truly best
	BestPlaced  int       // the predictor's rank of the truly best architecture
	WorstOfTopQ float64   // the deepest true rank among Top, as a share of Total (0.01 = top 1 %)
}

// CheckRanking ranks archs with p (HighestFirst) and sets its first top against truth
// (truth[i] the true value of archs[i]; higher is better).
func CheckRanking(p Predictor, archs []arch.Arch, truth []float64, top int) (RankCheck, error) {
	if len(truth) != len(archs) || top < 1 {
		return RankCheck{}, fmt.Errorf("check ranking: %d architectures, %d true values, top %d", len(archs), len(truth), top)
	}
	ranked, err := Rank(p, archs, HighestFirst)
	if err != nil {
		return RankCheck{}, err
	}
	trueRank := make([]int, len(truth)) // by input index; ties share the better rank
	byTruth := make([]int, len(truth))
	for i := range byTruth {
		byTruth[i] = i
	}
	slices.SortStableFunc(byTruth, func(a, b int) int {
		switch {
		case truth[a] > truth[b]:
			return -1
		case truth[a] < truth[b]:
			return 1
		}
		return 0
	})
	for k, i := range byTruth {
		trueRank[i] = k + 1
		if k > 0 && truth[i] == truth[byTruth[k-1]] {
			trueRank[i] = trueRank[byTruth[k-1]]
		}
	}
	c := RankCheck{Total: len(archs), Top: ranked[:min(top, len(ranked))]}
	worst := 0
	for _, r := range c.Top {
		c.TrueValue, c.TrueRank = append(c.TrueValue, truth[r.Index]), append(c.TrueRank, trueRank[r.Index])
		worst = max(worst, trueRank[r.Index])
	}
	c.WorstOfTopQ = float64(worst) / float64(c.Total)
	for _, r := range ranked {
		if r.Index == byTruth[0] {
			c.BestPlaced = r.Rank
		}
	}
	return c, nil
}

// Frame lists the predictor's first architectures: rank, arch, predicted, true,
// true_rank.
func (c RankCheck) Frame() dataframe.DataFrame {
	var rank []int
	var names []string
	var pred []float64
	for _, r := range c.Top {
		rank, names, pred = append(rank, r.Rank), append(names, r.Arch.String()), append(pred, r.Value)
	}
	return dataframe.New(series.New(rank, series.Int, "rank"), series.New(names, series.String, "arch"),
		series.New(pred, series.Float, "predicted"), series.New(c.TrueValue, series.Float, "true"),
		series.New(c.TrueRank, series.Int, "true_rank"))
}

// RankFinding states how deep in the true order the predictor's first architectures
// reach and where it places the truly best one.
func RankFinding(c RankCheck, method string) string {
	mean, _, err := stats.MeanSD(c.TrueValue)
	if err != nil {
		return ""
	}
	return fmt.Sprintf("The %s's %d best-predicted of the %s held-out cells are all within the true top %s %% (deepest true rank %s; mean true accuracy %s %%); the truly best held-out cell is its number %s.",
		MethodName(method), len(c.Top), prose.Num(c.Total), prose.Num(100*c.WorstOfTopQ), prose.Num(slices.Max(c.TrueRank)), prose.Num(mean), prose.Num(c.BestPlaced))
}
