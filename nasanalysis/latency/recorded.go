package latency

import (
	"encoding/csv"
	"fmt"
	"math"
	"os"
	"strconv"

	"github.com/nasanalysis/nasanalysis/nasanalysis/arch"
)

// MeasuredFile is the project's own dataset of OFA-MobileNetV3 networks timed end to end
// at 160 px on the machine described in each row (see datasets/README.md).
const MeasuredFile = "ofa-mbv3-r160-measured.csv"

// Recorded is a table of measured latencies: one architecture and its median latency per row.
type Recorded struct {
	Path  string
	Archs []arch.MBArch
	MS    []float64 // median latency, ms
	Rows  [][]string
}

// ReadMeasured reads a file written by `nasanalysis measure`, strictly: the header must
// match, every architecture must be valid and every latency a positive number; errors
// name the line.
func ReadMeasured(path string, sp *arch.MBSpace) (*Recorded, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	want := []string{"arch", "resolution", "median_ms"}
	if len(rows) < 2 || len(rows[0]) < 3 || rows[0][0] != want[0] || rows[0][1] != want[1] || rows[0][2] != want[2] {
		return nil, fmt.Errorf("%s: not a measured-latency file (want a header starting arch,resolution,median_ms and at least one row)", path)
	}
	r := &Recorded{Path: path, Rows: rows[1:]}
	for i, row := range rows[1:] {
		a, err := arch.ParseMB(sp, row[0])
		if err != nil {
			return nil, fmt.Errorf("%s line %d: %w", path, i+2, err)
		}
		ms, err := strconv.ParseFloat(row[2], 64)
		if err != nil || ms <= 0 || math.IsNaN(ms) || math.IsInf(ms, 0) {
			return nil, fmt.Errorf("%s line %d, column median_ms: %q is not a positive latency", path, i+2, row[2])
		}
		r.Archs, r.MS = append(r.Archs, a), append(r.MS, ms)
	}
	return r, nil
}
