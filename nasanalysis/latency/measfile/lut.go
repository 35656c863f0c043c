package measfile

import (
	"fmt"
	"math"
	"strconv"
	"time"
)

// LUTRows is the measurement file of a lookup table (measure-lut): one row per operator
// and resolution, timed alone against the space's reference network at that resolution
// under the paired protocol. scaled_ms = ratio_ref x ref_calm_ms is the entry's mean in
// the YAML table written from these rows; the rows keep how it was measured.
var LUTRows = Format{
	Kind: "lookup-table measurement file",
	Header: []string{"key", "resolution", "space", "width", "block", "rounds", "ratio_ref", "ratio_lo", "ratio_hi", "scaled_ms",
		"ref_arch", "ref_calm_ms", "op_median_ms", "ref_median_ms", "engine", "engine_version", "threads", "opt_level",
		"protocol", "shard", "machine", "cpu", "date"},
	Leading: 10,
}

// LUTRow is one operator's row of a LUTRows file.
type LUTRow struct {
	Key                              string
	Resolution                       int
	Space                            string
	Width                            float64
	Block                            string
	Rounds                           int
	RatioRef, RatioLo, RatioHi       float64
	ScaledMS                         float64
	RefArch                          string
	RefCalmMS, OpMedianMS, RefMedian float64
	Engine, EngineVersion            string
	Threads, OptLevel                int
	Protocol                         string
	Shard                            Shard
	Machine, CPU                     string
	Date                             time.Time
}

// Record is the row's fields in LUTRows.Header's order.
func (r LUTRow) Record() []string {
	f, i := formatFloat, strconv.Itoa
	return []string{r.Key, i(r.Resolution), r.Space, f(r.Width), r.Block, i(r.Rounds), f(r.RatioRef), f(r.RatioLo), f(r.RatioHi),
		f(r.ScaledMS), r.RefArch, f(r.RefCalmMS), f(r.OpMedianMS), f(r.RefMedian), r.Engine, r.EngineVersion, i(r.Threads),
		i(r.OptLevel), r.Protocol, r.Shard.String(), r.Machine, r.CPU, r.Date.UTC().Format(time.RFC3339)}
}

// LUTEntry is what a lookup table keeps of an operator's row.
type LUTEntry struct {
	Key                                  string
	Resolution, Rounds                   int
	RatioRef, RatioLo, RatioHi, ScaledMS float64
	RefArch                              string
	RefCalmMS                            float64
}

// ReadLUTRows reads the entries of a lookup-table measurement file, refusing an operator
// measured twice at one resolution and a ratio or time that is not a positive number,
// naming the file, line and column. A missing file holds none when missingOK.
func ReadLUTRows(path string, missingOK bool) ([]LUTEntry, error) {
	t, err := LUTRows.readCurrent(path, missingOK)
	if err != nil {
		return nil, err
	}
	seen := map[string]int{}
	var out []LUTEntry
	for i := range t.rows {
		e := LUTEntry{Key: t.get(i, "key"), RefArch: t.get(i, "ref_arch")}
		for _, c := range []struct {
			col string
			v   *int
		}{{"resolution", &e.Resolution}, {"rounds", &e.Rounds}} {
			if *c.v, err = strconv.Atoi(t.get(i, c.col)); err != nil || *c.v < 1 {
				return nil, fmt.Errorf("%s line %d, column %s: %q is not a positive integer", path, line(i), c.col, t.get(i, c.col))
			}
		}
		for _, c := range []struct {
			col string
			v   *float64
		}{{"ratio_ref", &e.RatioRef}, {"ratio_lo", &e.RatioLo}, {"ratio_hi", &e.RatioHi}, {"scaled_ms", &e.ScaledMS}, {"ref_calm_ms", &e.RefCalmMS}} {
			if *c.v, err = parseFloat(t, i, c.col); err != nil {
				return nil, err
			}
			if !(*c.v > 0) || math.IsInf(*c.v, 0) {
				return nil, fmt.Errorf("%s line %d, column %s: %v is not a positive number", path, line(i), c.col, *c.v)
			}
		}
		id := fmt.Sprintf("%s@%d", e.Key, e.Resolution)
		if first, ok := seen[id]; ok {
			return nil, fmt.Errorf("%s line %d: operator %s at %d px measured twice (first on line %d)", path, line(i), e.Key, e.Resolution, line(first))
		}
		seen[id] = i
		out = append(out, e)
	}
	return out, nil
}

// Calm is the file of a machine's calm reference times: one row per reference network
// (space and ref_arch: the same architecture text is another network in another space,
// ProxylessNAS's middle network written as OFA-MobileNetV3's) and engine setting, the CalmQuantile quantile of the reference's round
// medians over a calibration of Rounds rounds. Every run that measures into the same
// directory scales its ratios by these, so runs made at different moments agree as
// their ratios do.
var Calm = Format{
	Kind:    "calm reference-time file",
	Header:  []string{"ref_arch", "space", "engine", "threads", "opt_level", "calm_ms", "rounds", "quantile", "engine_version", "machine", "cpu", "date"},
	Leading: 6,
}

// CalmRow is one reference's calm time.
type CalmRow struct {
	RefArch, Space    string
	Engine            string
	Threads, OptLevel int
	CalmMS            float64
	Rounds            int
	Quantile          float64
	EngineVersion     string
	Machine, CPU      string
	Date              time.Time
}

// Record is the row's fields in Calm.Header's order.
func (r CalmRow) Record() []string {
	f, i := formatFloat, strconv.Itoa
	return []string{r.RefArch, r.Space, r.Engine, i(r.Threads), i(r.OptLevel), f(r.CalmMS), i(r.Rounds), f(r.Quantile), r.EngineVersion,
		r.Machine, r.CPU, r.Date.UTC().Format(time.RFC3339)}
}

// CalmKey names a reference network of a space under an engine setting, the key of
// ReadCalm's map.
func CalmKey(space, refArch, engine string, threads, optLevel int) string {
	return fmt.Sprintf("%s|%s|%s|%d|%d", space, refArch, engine, threads, optLevel)
}

// rowCalmKey is the CalmKey of row i of a table with space, ref_arch, engine, threads
// and opt_level columns (a calm-time file, a measured-latency file, a table's rows).
func rowCalmKey(t *table, i int) (string, error) {
	th, err1 := strconv.Atoi(t.get(i, "threads"))
	ol, err2 := strconv.Atoi(t.get(i, "opt_level"))
	if err1 != nil || err2 != nil {
		return "", fmt.Errorf("%s line %d: threads %q and opt_level %q must be integers", t.path, line(i), t.get(i, "threads"), t.get(i, "opt_level"))
	}
	return CalmKey(t.get(i, "space"), t.get(i, "ref_arch"), t.get(i, "engine"), th, ol), nil
}

// ReadCalm reads a calm-time file into a map by CalmKey; a missing file holds none. A
// reference calibrated twice, or a calm time that is not a positive number, is an error
// naming the file and line.
func ReadCalm(path string) (map[string]float64, error) {
	t, err := Calm.readCurrent(path, true)
	if err != nil {
		return nil, err
	}
	out := map[string]float64{}
	for i := range t.rows {
		ms, err := parseFloat(t, i, "calm_ms")
		if err != nil {
			return nil, err
		}
		if !(ms > 0) || math.IsInf(ms, 0) {
			return nil, fmt.Errorf("%s line %d, column calm_ms: %v is not a positive time", path, line(i), ms)
		}
		k, err := rowCalmKey(t, i)
		if err != nil {
			return nil, err
		}
		if _, dup := out[k]; dup {
			return nil, fmt.Errorf("%s line %d: reference %s of %s calibrated twice for %s", path, line(i), t.get(i, "ref_arch"), t.get(i, "space"), t.get(i, "engine"))
		}
		out[k] = ms
	}
	return out, nil
}

// RescaleLUTRows rewrites a lookup-table measurement file (atomically) with every row's
// ref_calm_ms set to the time calm holds for its reference (ReadCalm's map) and its
// scaled_ms recomputed as ratio_ref times it; the ratios, as measured, are untouched. A
// reference calm lacks is an error naming the line.
func RescaleLUTRows(path string, calm map[string]float64) error {
	t, err := LUTRows.readCurrent(path, false)
	if err != nil {
		return err
	}
	for i := range t.rows {
		k, err := rowCalmKey(t, i)
		if err != nil {
			return err
		}
		ms, ok := calm[k]
		if !ok {
			return fmt.Errorf("%s line %d: the calm-time file has no time for reference %s of %s", path, line(i), t.get(i, "ref_arch"), t.get(i, "space"))
		}
		ratio, err := parseFloat(t, i, "ratio_ref")
		if err != nil {
			return err
		}
		t.rows[i][t.col["ref_calm_ms"]], t.rows[i][t.col["scaled_ms"]] = formatFloat(ms), formatFloat(ratio*ms)
	}
	return LUTRows.Replace(path, t.rows)
}
