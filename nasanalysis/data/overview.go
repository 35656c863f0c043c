package data

import (
	"github.com/go-gota/gota/dataframe"
	"github.com/go-gota/gota/series"
)

// Overview loads every dataset and returns one row each: name, what it is,
// architectures, devices, missing latencies, whether accuracies are public, and the
// file it was read from, relative to the datasets directory (a report shows no path
// of the machine it ran on).
func Overview(dataDir string) (dataframe.DataFrame, error) {
	var name, desc, acc, file []string
	var archs, devs, missing []int
	for _, n := range DatasetNames() {
		t, err := LoadLatency(dataDir, n)
		if err != nil {
			return dataframe.DataFrame{}, err
		}
		miss := 0
		for _, m := range t.Missing() {
			miss += m
		}
		hasAcc := "no"
		if t.Dataset.AccuracyFile != "" {
			hasAcc = "CIFAR-10/100, ImageNet16-120"
		}
		name, desc, acc, file = append(name, n), append(desc, t.Dataset.Description), append(acc, hasAcc), append(file, t.Dataset.LatencyFile)
		archs, devs, missing = append(archs, t.Len()), append(devs, len(t.Devices)), append(missing, miss)
	}
	return dataframe.New(
		series.New(name, series.String, "dataset"),
		series.New(desc, series.String, "description"),
		series.New(archs, series.Int, "architectures"),
		series.New(devs, series.Int, "devices"),
		series.New(missing, series.Int, "missing_latencies"),
		series.New(acc, series.String, "accuracy"),
		series.New(file, series.String, "file"),
	), nil
}
