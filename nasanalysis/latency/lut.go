package latency

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"slices"

	"github.com/google/renameio/v2"
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
	return parseLUT(path, raw)
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

// Note10 holds OFA's Samsung Note10 tables for OFA-MobileNetV3, one per input
// resolution. OFA measured them for its width-1.2 supernet, ofa-mbv3's default width
// (Note10Width), at the five resolutions of Note10Resolutions.
type Note10 struct {
	byRes map[int]*LUT
}

// Where the lookup tables were measured: a network of another width or resolution has
// operators (channel counts, feature-map sides) that no table entry describes.
const (
	Note10Width          = 1.2
	ProxylessMobileWidth = 1.0
)

// The resolutions of the lookup tables (see the widths above).
var (
	Note10Resolutions          = arch.Resolutions{List: arch.MBResolutions}
	ProxylessMobileResolutions = arch.Resolutions{List: []int{224}}
)

// Note10File is the table of one resolution, relative to a datasets directory.
func Note10File(res int) string { return fmt.Sprintf("ofa/note10/%d_lookup_table.yaml", res) }

// LoadNote10 reads the five Note10 tables from the directory data.Resolve finds.
func LoadNote10(dataDir string) (*Note10, error) {
	n := &Note10{byRes: map[int]*LUT{}}
	for _, r := range Note10Resolutions.List {
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
// resolution: the sum of its operators' table means. A network of another width or
// resolution than the tables' is refused by name rather than by its first missing
// operator.
func (n *Note10) Latency(a arch.MBArch) (float64, error) {
	if a.Space() != arch.MBv3 {
		return 0, fmt.Errorf("the Note10 tables cover OFA-MobileNetV3, not %s", a.Space().Name)
	}
	if a.Width() != Note10Width {
		return 0, fmt.Errorf("the Note10 tables were measured at width %v (%s's default), not w = %v", Note10Width, arch.MBv3.Name, a.Width())
	}
	l, ok := n.byRes[a.R]
	if !ok {
		return 0, fmt.Errorf("the Note10 tables cover %s, not r = %d", Note10Resolutions, a.R)
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
	if a.Width() != ProxylessMobileWidth || !ProxylessMobileResolutions.Contains(a.R) {
		return 0, fmt.Errorf("the ProxylessNAS mobile table was measured at width %.1f and %s, not w = %v and r = %d",
			ProxylessMobileWidth, ProxylessMobileResolutions, a.Width(), a.R)
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

// TableEntry is one operator of a lookup table as WriteLUT writes it: the Note10
// tables' count and mean (ms), and, for a table measured under the paired protocol,
// the operator's ratio to the reference network with its 95 % interval.
type TableEntry struct {
	Count    int     `yaml:"count"`
	Mean     float64 `yaml:"mean"`
	RatioRef float64 `yaml:"ratio_ref,omitempty"`
	RatioLo  float64 `yaml:"ratio_lo,omitempty"`
	RatioHi  float64 `yaml:"ratio_hi,omitempty"`
}

// WriteLUT writes a lookup table in the YAML form of OFA's Note10 tables (ReadLUT reads
// it), its operators sorted by key, after comment lines that say how it was made; the
// file is replaced atomically.
func WriteLUT(path string, comments []string, entries map[string]TableEntry) error {
	if len(entries) == 0 {
		return fmt.Errorf("%s: no operators to write", path)
	}
	body, err := yaml.Marshal(entries)
	if err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	var buf bytes.Buffer
	for _, c := range comments {
		fmt.Fprintf(&buf, "# %s\n", c)
	}
	buf.Write(body)
	if err := renameio.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	return nil
}
