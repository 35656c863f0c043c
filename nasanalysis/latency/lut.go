package latency

import (
	"fmt"
	"math"
	"os"
	"path/filepath"
	"slices"

	"gopkg.in/yaml.v3"

	"github.com/nasanalysis/nasanalysis/nasanalysis/arch"
	"github.com/nasanalysis/nasanalysis/nasanalysis/data"
)

// LUT is a per-operator latency lookup table: mean latency (ms) by operator key.
type LUT struct {
	Path string
	Mean map[string]float64
}

// ReadLUT reads a lookup table in the OFA/ProxylessNAS YAML form: each operator key
// maps to {count, mean, std or var}.
func ReadLUT(path string) (*LUT, error) {
	raw, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var entries map[string]struct {
		Count int      `yaml:"count"`
		Mean  *float64 `yaml:"mean"`
	}
	if err := yaml.Unmarshal(raw, &entries); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	if len(entries) == 0 {
		return nil, fmt.Errorf("%s: no operators", path)
	}
	l := &LUT{Path: path, Mean: make(map[string]float64, len(entries))}
	for k, e := range entries {
		if e.Mean == nil || math.IsNaN(*e.Mean) || math.IsInf(*e.Mean, 0) || *e.Mean < 0 {
			return nil, fmt.Errorf("%s: operator %q has no valid mean latency", path, k)
		}
		l.Mean[k] = *e.Mean
	}
	return l, nil
}

// Sum returns the summed mean latency of the given operators; a key the table lacks is
// an error that names it.
func (l *LUT) Sum(keys []string) (float64, error) {
	total := 0.0
	for _, k := range keys {
		v, ok := l.Mean[k]
		if !ok {
			return 0, fmt.Errorf("%s has no entry for operator %q", l.Path, k)
		}
		total += v
	}
	return total, nil
}

// Note10 holds OFA's Samsung Note10 tables for OFA-MobileNetV3 (width 1.2), one per
// input resolution.
type Note10 struct {
	byRes map[int]*LUT
}

// Note10File is the table of one resolution, relative to a datasets directory.
func Note10File(res int) string { return fmt.Sprintf("ofa/note10/%d_lookup_table.yaml", res) }

// LoadNote10 reads the five Note10 tables from the directory data.Resolve finds.
func LoadNote10(dataDir string) (*Note10, error) {
	n := &Note10{byRes: map[int]*LUT{}}
	for _, r := range arch.MBResolutions {
		dir, err := data.Resolve(dataDir, Note10File(r))
		if err != nil {
			return nil, err
		}
		l, err := ReadLUT(filepath.Join(dir, filepath.FromSlash(Note10File(r))))
		if err != nil {
			return nil, err
		}
		n.byRes[r] = l
	}
	return n, nil
}

// Latency returns the Note10 latency (ms) of an OFA-MobileNetV3 architecture at its
// resolution: the sum of its operators' table means.
func (n *Note10) Latency(a arch.MBArch) (float64, error) {
	if a.Space() != arch.MBv3 {
		return 0, fmt.Errorf("the Note10 tables cover OFA-MobileNetV3, not %s", a.Space().Name)
	}
	l, ok := n.byRes[a.R]
	if !ok {
		return 0, fmt.Errorf("no Note10 table for resolution %d (have %v)", a.R, arch.MBResolutions)
	}
	return l.Sum(keys(a))
}

func keys(a arch.MBArch) []string {
	var out []string
	for _, layer := range a.Layers() {
		out = append(out, layer.Key)
	}
	return out
}

// ProxylessMobileFile is ProxylessNAS's mobile table, relative to a datasets directory.
const ProxylessMobileFile = "proxylessnas/mobile_trim.yaml"

// ProxylessMobile is ProxylessNAS's mobile-phone table. It was measured for the
// original ProxylessNAS space: width 1.0, 224 px, expand ratios 3 and 6.
type ProxylessMobile struct{ *LUT }

// LoadProxylessMobile reads the table from the directory data.Resolve finds.
func LoadProxylessMobile(dataDir string) (*ProxylessMobile, error) {
	dir, err := data.Resolve(dataDir, ProxylessMobileFile)
	if err != nil {
		return nil, err
	}
	l, err := ReadLUT(filepath.Join(dir, filepath.FromSlash(ProxylessMobileFile)))
	if err != nil {
		return nil, err
	}
	return &ProxylessMobile{l}, nil
}

// Latency returns the table latency (ms) of a ProxylessNAS architecture. Only
// architectures inside the measured space (w 1.0, r 224, e in {3, 6}) are priced; any
// other operator is reported by key.
func (p *ProxylessMobile) Latency(a arch.MBArch) (float64, error) {
	if a.Space() != arch.Proxyless {
		return 0, fmt.Errorf("the ProxylessNAS mobile table covers the ProxylessNAS space, not %s", a.Space().Name)
	}
	if a.Width() != 1.0 || a.R != 224 {
		return 0, fmt.Errorf("the ProxylessNAS mobile table was measured at width 1.0 and 224 px, not w=%v r=%d", a.Width(), a.R)
	}
	for s := 0; s < 5; s++ {
		for l := 0; l < a.D[s]; l++ {
			if e := a.E[4*s+l]; !slices.Contains([]int{3, 6}, e) {
				return 0, fmt.Errorf("the ProxylessNAS mobile table has no expand ratio %d (stage %d, layer %d); it covers 3 and 6", e, s, l)
			}
		}
	}
	return p.Sum(keys(a))
}
