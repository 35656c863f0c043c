package data

import (
	"github.com/nasanalysis/nasanalysis/nasanalysis/arch"

	"fmt"
	"path/filepath"

	"github.com/go-gota/gota/dataframe"
	"github.com/go-gota/gota/series"
)

// AccuracyFile is the NAS-Bench-201 accuracy table, relative to a datasets directory.
const AccuracyFile = "nb201/accuracy.csv"

// AccuracyColumns are the NAS-Bench-201 200-epoch test accuracies (percent).
var AccuracyColumns = []string{"cifar10_acc", "cifar100_acc", "imagenet16_acc"}

// NumNB201Cells is the number of cells in the NAS-Bench-201 space.
const NumNB201Cells = 15625

// AccuracyTable holds NAS-Bench-201 accuracies indexed by arch_index:
// Acc[c][k] is accuracy column Columns[c] of the cell with arch_index k.
type AccuracyTable struct {
	Path    string
	Archs   []string    // Archs[k] is the cell string of arch_index k
	Cells   []arch.Cell // Cells[k] is the same cell parsed
	Columns []string
	Acc     [][]float64
}

// LoadAccuracy reads nb201/accuracy.csv from the directory Resolve finds.
func LoadAccuracy(dataDir string) (*AccuracyTable, error) {
	dir, err := Resolve(dataDir, AccuracyFile)
	if err != nil {
		return nil, err
	}
	return ReadAccuracyFile(filepath.Join(dir, filepath.FromSlash(AccuracyFile)))
}

// ReadAccuracyFile reads an accuracy table strictly: exactly the columns arch_index,
// arch and AccuracyColumns; every arch_index 0..15624 exactly once; valid cells;
// accuracies that are numbers in [0, 100].
func ReadAccuracyFile(path string) (*AccuracyTable, error) {
	f, err := ReadCSVFile(path)
	if err != nil {
		return nil, err
	}
	if err := f.RequireColumns(append([]string{"arch_index", "arch"}, AccuracyColumns...)); err != nil {
		return nil, err
	}
	if len(f.rows) != NumNB201Cells {
		return nil, &InputError{File: path, Reason: fmt.Sprintf("%d data rows, want one per NAS-Bench-201 cell (%d)", len(f.rows), NumNB201Cells)}
	}
	t := &AccuracyTable{Path: path, Archs: make([]string, NumNB201Cells), Cells: make([]arch.Cell, NumNB201Cells), Columns: append([]string(nil), AccuracyColumns...)}
	t.Acc = make([][]float64, len(t.Columns))
	for c := range t.Acc {
		t.Acc[c] = make([]float64, NumNB201Cells)
	}
	for i := range f.rows {
		k, err := f.Int(i, "arch_index")
		if err != nil {
			return nil, err
		}
		if k >= NumNB201Cells {
			return nil, &InputError{File: path, Line: f.Line(i), Column: "arch_index", Value: fmt.Sprint(k), Reason: "outside 0..15624"}
		}
		if t.Archs[k] != "" {
			return nil, &InputError{File: path, Line: f.Line(i), Column: "arch_index", Value: fmt.Sprint(k), Reason: "duplicate arch_index"}
		}
		s := f.Str(i, "arch")
		c, err := arch.ParseCell(s)
		if err != nil {
			return nil, &InputError{File: path, Line: f.Line(i), Column: "arch", Value: s, Reason: err.Error()}
		}
		t.Archs[k], t.Cells[k] = s, c
		for c, col := range t.Columns {
			v, err := f.Float(i, col, false)
			if err != nil {
				return nil, err
			}
			if v < 0 || v > 100 {
				return nil, &InputError{File: path, Line: f.Line(i), Column: col, Value: f.Str(i, col), Reason: "accuracy outside [0, 100]"}
			}
			t.Acc[c][k] = v
		}
	}
	return t, nil
}

// Column returns one accuracy column indexed by arch_index.
func (t *AccuracyTable) Column(name string) ([]float64, error) {
	for c, col := range t.Columns {
		if col == name {
			return t.Acc[c], nil
		}
	}
	return nil, fmt.Errorf("unknown accuracy column %q (known: %v)", name, t.Columns)
}

// DataFrame returns the table with columns arch_index, arch and the accuracy columns.
func (t *AccuracyTable) DataFrame() dataframe.DataFrame {
	idx := make([]int, len(t.Archs))
	for k := range idx {
		idx[k] = k
	}
	cols := []series.Series{series.New(idx, series.Int, "arch_index"), series.New(t.Archs, series.String, "arch")}
	for c, name := range t.Columns {
		cols = append(cols, series.New(t.Acc[c], series.Float, name))
	}
	return dataframe.New(cols...)
}

// AccuracyFor returns accuracy column name aligned with the rows of an NB201 latency
// table, checking that both files name the same cell for each arch_index.
func AccuracyFor(lat *LatencyTable, acc *AccuracyTable, name string) ([]float64, error) {
	if lat.Dataset.Space != "nb201" {
		return nil, fmt.Errorf("dataset %s has no NAS-Bench-201 accuracies", lat.Dataset.Name)
	}
	col, err := acc.Column(name)
	if err != nil {
		return nil, err
	}
	out := make([]float64, lat.Len())
	for i, k := range lat.IDs {
		if k >= len(acc.Archs) {
			return nil, fmt.Errorf("%s: arch_index %d (row %d) is not a NAS-Bench-201 cell", lat.Path, k, i+2)
		}
		if acc.Archs[k] != lat.Archs[i] {
			return nil, fmt.Errorf("%s line %d names cell %q for arch_index %d, but %s names %q",
				lat.Path, i+2, lat.Archs[i], k, acc.Path, acc.Archs[k])
		}
		out[i] = col[k]
	}
	return out, nil
}

// JoinAccuracy returns the wide latency table of an NB201 dataset with the accuracy
// columns added, row for row (an inner join on arch_index that also checks the cells).
func JoinAccuracy(lat *LatencyTable, acc *AccuracyTable) (dataframe.DataFrame, error) {
	df := lat.Wide()
	for _, name := range acc.Columns {
		col, err := AccuracyFor(lat, acc, name)
		if err != nil {
			return dataframe.DataFrame{}, err
		}
		df = df.Mutate(series.New(col, series.Float, name))
	}
	return df, df.Error()
}
