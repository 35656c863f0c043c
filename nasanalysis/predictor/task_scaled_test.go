package predictor

import (
	"slices"
	"strconv"
	"testing"

	"github.com/nasanalysis/nasanalysis/nasanalysis/data"
	"github.com/nasanalysis/nasanalysis/nasanalysis/datatest"
	"github.com/nasanalysis/nasanalysis/nasanalysis/latency"
)

// A measured dataset offers the raw median and the paired protocol's scaled_ms as
// targets; the committed file was measured under the paired protocol, so each target's
// values are its own column, read here with encoding/csv (not the project's reader).
func TestMeasuredTargets(t *testing.T) {
	targets, err := TargetsOf(MeasuredDataset)
	if err != nil || !slices.Equal(targets, []string{MeasuredTarget, ScaledTarget}) {
		t.Fatalf("targets %v, %v", targets, err)
	}
	path, err := data.ProjectFile(latency.MeasuredFile)
	if err != nil {
		t.Fatal(err)
	}
	rows := datatest.ReadCSV(t, path)
	for _, target := range []string{MeasuredTarget, ScaledTarget} {
		task, err := LoadTask("", MeasuredDataset, target)
		if err != nil {
			t.Fatal(err)
		}
		col := slices.Index(rows[0], target)
		if task.Len() != len(rows)-1 {
			t.Fatalf("%s: %d networks, the file %d", target, task.Len(), len(rows)-1)
		}
		for i, row := range rows[1:] {
			want, _ := strconv.ParseFloat(row[col], 64)
			if task.Y[i] != want || task.Archs[i] != row[0] {
				t.Fatalf("%s row %d: %v %s, the file %v %s", target, i+2, task.Y[i], task.Archs[i], want, row[0])
			}
		}
	}
}
