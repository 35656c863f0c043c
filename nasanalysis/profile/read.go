package profile

import (
	"fmt"
	"strings"

	"github.com/nasanalysis/nasanalysis/nasanalysis/arch"
	"github.com/nasanalysis/nasanalysis/nasanalysis/data"
)

// ReadTable reads a profile written by `nasanalysis profile` (Table's layout) back as a
// Result of statistics only (no architectures or per-network values): enough for
// CompareTruth and the shift and mean of every group. It is how a run that
// cannot be repeated cheaply — directly measured latency — is committed and reread.
// space is the space the profile ran on, at its one resolution (none: sampled), which
// the table does not record; the Result's N and Seed are left for the caller to state.
func ReadTable(path string, space arch.Space) (*Result, error) {
	if err := space.Validate(); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	if len(space.Resolutions) > 1 {
		return nil, fmt.Errorf("%s: space %s has %d resolutions, but a profile runs at one (or none: sampled)", path, space, len(space.Resolutions))
	}
	f, err := data.ReadCSVFile(path)
	if err != nil {
		return nil, err
	}
	lead := []string{"stage", "layer", "kernel", "expand", "resolution"}
	if err := f.RequirePrefix(lead, "a profile table"); err != nil {
		return nil, err
	}
	rows := append([][]string{f.Header()}, make([][]string, f.Len())...)
	for i := range f.Len() {
		rows[i+1] = f.Row(i)
	}
	if len(rows[0]) < len(lead)+len(StatColumns) || (len(rows[0])-len(lead))%len(StatColumns) != 0 {
		return nil, fmt.Errorf("%s: not a profile table (want stage,layer,kernel,expand,resolution then %d columns per metric)", path, len(StatColumns))
	}
	r := &Result{Config: Config{Space: space}}
	for c := len(lead); c < len(rows[0]); c += len(StatColumns) {
		name, ok := strings.CutSuffix(rows[0][c], "_mean")
		if !ok {
			return nil, fmt.Errorf("%s: column %d is %q, want <metric>_mean", path, c+1, rows[0][c])
		}
		r.Names = append(r.Names, name)
	}
	for i, row := range rows[1:] {
		line := i + 2
		num := func(c int) (float64, error) {
			v, err := data.ParseNumber(row[c], true)
			if err != nil {
				return 0, fmt.Errorf("%s line %d, column %s: %w", path, line, rows[0][c], err)
			}
			return v, nil
		}
		g := &Group{Present: 1}
		if row[0] != "" {
			var v [4]float64
			for c := range 4 {
				if c == 2 && row[2] == "" { // OFA-ResNet50 has no kernel
					continue
				}
				if v[c], err = num(c); err != nil {
					return nil, err
				}
			}
			g.Fix = &arch.Fix{Stage: int(v[0]), Layer: int(v[1]), Block: arch.Block{Kernel: int(v[2]), Expand: v[3]}}
		}
		if row[4] != "" {
			v, err := num(4)
			if err != nil {
				return nil, err
			}
			g.Resolution = int(v)
		}
		for c := len(lead); c < len(row); c += len(StatColumns) {
			var v [11]float64
			for j := range v {
				if v[j], err = num(c + j); err != nil {
					return nil, err
				}
			}
			g.Stats = append(g.Stats, Stats{Mean: v[0], Std: v[1], Min: v[2], Q01: v[3], Q05: v[4], Q95: v[5], Q99: v[6], Max: v[7], Shift: v[8], ShiftLo: v[9], ShiftHi: v[10]})
		}
		if i == 0 {
			if g.Fix != nil {
				return nil, fmt.Errorf("%s line 2: the first row must be the baseline (empty stage)", path)
			}
			r.Baseline = g
			continue
		}
		r.Groups = append(r.Groups, g)
		if g.Fix != nil {
			r.Fixes = append(r.Fixes, *g.Fix)
		}
	}
	return r, nil
}

// MeasuredProfileFile is the project's committed profile of OFA-MobileNetV3 on latency
// measured directly with ONNX Runtime (in datasets/; see its README).
const MeasuredProfileFile = "profile-ofa-mbv3-r160-measured.csv"
