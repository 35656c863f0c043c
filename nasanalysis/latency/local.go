package latency

import (
	"fmt"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"github.com/nasanalysis/nasanalysis/nasanalysis/arch"
	"github.com/nasanalysis/nasanalysis/nasanalysis/data"
)

// LocalLUT is this machine's own lookup tables of one space and width, as measure-lut
// writes them (lut-<space>-w<width>-r<res>.yaml, OFA-ResNet50's without the width), one
// per resolution. A network's table latency is the sum of its operators' entries at its
// own resolution (Sum). Latency calibrates it: Scale x Sum + Overhead, fitted on
// networks measured end to end (LoadProjectLUT), since operators timed alone do not add
// up exactly to a network: each alone pays a run's fixed cost, and the larger ones find
// their weights and inputs in cache more often than inside a network.
type LocalLUT struct {
	Space           string
	Width           float64
	Dir             string
	byRes           map[int]*LUT
	Scale, Overhead float64 // Latency = Scale x Sum + Overhead (ms); LoadLocalLUT sets 1 and 0
	CalibrationN    int     // networks Scale and Overhead were fitted on (LoadProjectLUT)
}

// minCalibration is the fewest calibration networks LoadProjectLUT fits two parameters on.
const minCalibration = 10

// LocalLUTStem is the tables' common file name: lut-<space>-w<width> (width: the
// space's default when 0), or lut-ofa-resnet50.
func LocalLUTStem(space string, width float64) (string, error) {
	switch space {
	case arch.OFAResNet50:
		return "lut-" + space, nil
	case arch.OFAMBv3, arch.ProxylessNAS:
		if width == 0 {
			width = arch.MBv3.DefaultWidth
			if space == arch.ProxylessNAS {
				width = arch.Proxyless.DefaultWidth
			}
		}
		return fmt.Sprintf("lut-%s-w%g", space, width), nil
	}
	return "", fmt.Errorf("no lookup table of %q on this machine (spaces: %s, %s, %s)", space, arch.OFAMBv3, arch.ProxylessNAS, arch.OFAResNet50)
}

// LoadLocalLUT reads every table of the space and width in dir.
func LoadLocalLUT(dir, space string, width float64) (*LocalLUT, error) {
	stem, err := LocalLUTStem(space, width)
	if err != nil {
		return nil, err
	}
	paths, err := filepath.Glob(filepath.Join(dir, stem+"-r*.yaml"))
	if err != nil {
		return nil, err
	}
	if len(paths) == 0 {
		return nil, fmt.Errorf("%s: no table %s-r<RES>.yaml (build them with `nasanalysis measure-lut --space %s`)", dir, stem, space)
	}
	l := &LocalLUT{Space: space, Width: width, Dir: dir, byRes: map[int]*LUT{}, Scale: 1}
	for _, p := range paths {
		r, err := strconv.Atoi(strings.TrimSuffix(strings.TrimPrefix(filepath.Base(p), stem+"-r"), ".yaml"))
		if err != nil {
			return nil, fmt.Errorf("%s: the resolution in the file name is not a number", p)
		}
		if l.byRes[r], err = ReadLUT(p); err != nil {
			return nil, err
		}
	}
	return l, nil
}

// Resolutions are the resolutions the tables cover, ascending.
func (l *LocalLUT) Resolutions() []int {
	var out []int
	for r := range l.byRes {
		out = append(out, r)
	}
	slices.Sort(out)
	return out
}

// Sum is the sum of a network's operators' entries at its resolution (ms), without the
// overhead; a network of another space or width, or at a resolution without a table,
// is refused by name.
func (l *LocalLUT) Sum(a arch.Arch) (float64, error) {
	switch a := a.(type) {
	case arch.MBArch:
		if a.Space().Name != l.Space {
			return 0, fmt.Errorf("the tables in %s are of %s, not %s", l.Dir, l.Space, a.Space().Name)
		}
		w := l.Width
		if w == 0 {
			w = a.Space().DefaultWidth
		}
		if a.Width() != w {
			return 0, fmt.Errorf("the tables in %s were measured at width %g, not w = %g", l.Dir, w, a.Width())
		}
	case arch.ResNetArch:
		if l.Space != arch.OFAResNet50 {
			return 0, fmt.Errorf("the tables in %s are of %s, not %s", l.Dir, l.Space, arch.OFAResNet50)
		}
	}
	r, _ := arch.InputResolution(a)
	t, ok := l.byRes[r]
	if !ok {
		return 0, fmt.Errorf("the tables in %s cover %v px, not r = %d", l.Dir, l.Resolutions(), r)
	}
	ops, err := Operators(a)
	if err != nil {
		return 0, err
	}
	keys := make([]string, len(ops))
	for i, op := range ops {
		keys[i] = op.Key
	}
	return t.Sum(keys)
}

// Latency is the calibrated sum, Scale x Sum + Overhead (ms).
func (l *LocalLUT) Latency(a arch.Arch) (float64, error) {
	s, err := l.Sum(a)
	return l.Scale*s + l.Overhead, err
}

// CalibrationFile is the file of networks, measured end to end, that a space's tables
// are calibrated on (its overhead), in the repository's datasets/.
func CalibrationFile(space string) string { return "lutcheck-" + space + "-calib.csv" }

// LoadProjectLUT reads this machine's tables of a space at its default width from the
// repository's datasets/ (where measure-lut writes them) and calibrates them on the
// space's calibration networks (CalibrationFile, measured with the same calm times): the
// least-squares Scale and Overhead of measured on Sum.
func LoadProjectLUT(space string) (*LocalLUT, error) {
	stem, err := LocalLUTStem(space, 0)
	if err != nil {
		return nil, err
	}
	calib, err := data.ProjectFile(CalibrationFile(space))
	if err != nil {
		return nil, fmt.Errorf("%s: the tables' calibration networks: %w", stem, err)
	}
	l, err := LoadLocalLUT(filepath.Dir(calib), space, 0)
	if err != nil {
		return nil, err
	}
	r, err := ReadMeasured(calib, space)
	if err != nil {
		return nil, err
	}
	meas, err := r.Floats("scaled_ms")
	if err != nil {
		return nil, err
	}
	// While a space's tables are being built, only the networks at resolutions with a
	// table calibrate them; a network the tables cannot price is still refused.
	var sums, covered []float64
	for i, a := range r.Archs {
		if r, _ := arch.InputResolution(a); l.byRes[r] == nil {
			continue
		}
		s, err := l.Sum(a)
		if err != nil {
			return nil, fmt.Errorf("%s line %d: %w", calib, i+2, err)
		}
		sums, covered = append(sums, s), append(covered, meas[i])
	}
	if len(sums) < minCalibration {
		return nil, fmt.Errorf("%s: %d networks at the tables' resolutions %v, want at least %d to calibrate them", calib, len(sums), l.Resolutions(), minCalibration)
	}
	l.CalibrationN = len(sums)
	m, err := FitLinearMap(sums, covered)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", calib, err)
	}
	l.Scale, l.Overhead = m.Slope, m.Intercept
	return l, nil
}
