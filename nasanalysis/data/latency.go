package data

import (
	"github.com/nasanalysis/nasanalysis/nasanalysis/arch"

	"fmt"
	"math"
	"path/filepath"

	"github.com/go-gota/gota/dataframe"
	"github.com/go-gota/gota/series"
)

// LatencyTable holds one dataset's latencies as plain slices: Latency[d][i] is the
// latency in milliseconds of architecture i on device Devices[d], NaN when missing.
type LatencyTable struct {
	Dataset Dataset
	Path    string      // file it was read from
	IDs     []int       // arch_index (NB201) or arch_id
	Archs   []string    // architecture strings, as written
	Parsed  []arch.Arch // the same architectures parsed (and validated) for Dataset.Space
	Devices []string    // device columns, in Latency order
	Latency [][]float64
}

// LoadLatency reads the named dataset's latency table from the datasets directory that
// Resolve finds (dataDir is the --data flag; "" to use the default order).
func LoadLatency(dataDir, name string) (*LatencyTable, error) {
	ds, err := Lookup(name)
	if err != nil {
		return nil, err
	}
	dir, err := Resolve(dataDir, ds.LatencyFile)
	if err != nil {
		return nil, err
	}
	t, err := ReadLatencyFile(ds, filepath.Join(dir, filepath.FromSlash(ds.LatencyFile)))
	if err == nil && ds.Rows > 0 && t.Len() != ds.Rows {
		return nil, fmt.Errorf("%s holds %d architectures; the published %s table has %d (a file cut short or edited: fetch it again)", t.Path, t.Len(), ds.Name, ds.Rows)
	}
	return t, err
}

// ReadLatencyFile reads a latency table for ds from path, strictly: the header must
// hold exactly the id column, "arch" and ds.Devices; ids and architectures must be
// unique (the same network twice would sit on both sides of a train/test split); every
// architecture must be valid for ds.Space; every non-empty latency must be a finite,
// positive number; and every device must have at least one latency.
func ReadLatencyFile(ds Dataset, path string) (*LatencyTable, error) {
	f, err := ReadCSVFile(path)
	if err != nil {
		return nil, err
	}
	want := append([]string{ds.IDColumn, "arch"}, ds.Devices...)
	if err := f.RequireColumns(want); err != nil {
		return nil, err
	}
	n := len(f.rows)
	t := &LatencyTable{
		Dataset: ds, Path: path,
		IDs: make([]int, n), Archs: make([]string, n), Parsed: make([]arch.Arch, n),
		Devices: append([]string(nil), ds.Devices...),
		Latency: make([][]float64, len(ds.Devices)),
	}
	for d := range t.Latency {
		t.Latency[d] = make([]float64, n)
	}
	seen := make(map[int]int, n)
	seenArch := make(map[string]int, n)
	for i := 0; i < n; i++ {
		id, err := f.Int(i, ds.IDColumn)
		if err != nil {
			return nil, err
		}
		if prev, dup := seen[id]; dup {
			return nil, &InputError{File: path, Line: f.Line(i), Column: ds.IDColumn, Value: fmt.Sprint(id),
				Reason: fmt.Sprintf("duplicate id (also on line %d)", f.Line(prev))}
		}
		seen[id] = i
		t.IDs[i] = id
		s := f.Str(i, "arch")
		a, err := arch.Parse(ds.Space, s)
		if err != nil {
			return nil, &InputError{File: path, Line: f.Line(i), Column: "arch", Value: s, Reason: err.Error()}
		}
		// The same network however it is spelled ("r":204 or "r":[204], a space): its
		// canonical form.
		if prev, dup := seenArch[a.String()]; dup {
			return nil, &InputError{File: path, Line: f.Line(i), Column: "arch", Value: s,
				Reason: fmt.Sprintf("duplicate architecture (the network of line %d)", f.Line(prev))}
		}
		seenArch[a.String()] = i
		t.Archs[i], t.Parsed[i] = s, a
		for d, dev := range ds.Devices {
			v, err := f.Float(i, dev, true)
			if err != nil {
				return nil, err
			}
			if v <= 0 {
				return nil, &InputError{File: path, Line: f.Line(i), Column: dev, Value: f.Str(i, dev), Reason: "latency must be positive (leave the cell empty for a missing value)"}
			}
			t.Latency[d][i] = v
		}
	}
	missing := t.Missing()
	for d, dev := range ds.Devices {
		if missing[d] == n {
			return nil, &InputError{File: path, Column: dev, Reason: fmt.Sprintf("device has no latency in any of the %d rows", n)}
		}
	}
	return t, nil
}

// Len is the number of architectures.
func (t *LatencyTable) Len() int { return len(t.Archs) }

// Column returns the latencies of one device (shared, not copied; NaN = missing).
func (t *LatencyTable) Column(device string) ([]float64, error) {
	for d, name := range t.Devices {
		if name == device {
			return t.Latency[d], nil
		}
	}
	if _, err := t.Dataset.DeviceIndex([]string{device}); err != nil {
		return nil, err
	}
	return nil, fmt.Errorf("device %q is not among the selected devices of this %s table", device, t.Dataset.Name)
}

// Select returns a table restricted to the named devices, in that order (nil or empty
// keeps all). Columns are shared, not copied.
func (t *LatencyTable) Select(devices []string) (*LatencyTable, error) {
	if len(devices) == 0 {
		return t, nil
	}
	out := *t
	out.Devices = make([]string, len(devices))
	out.Latency = make([][]float64, len(devices))
	for k, dev := range devices {
		col, err := t.Column(dev)
		if err != nil {
			return nil, err
		}
		out.Devices[k] = dev
		out.Latency[k] = col
	}
	return &out, nil
}

// Missing counts the missing latencies of each device.
func (t *LatencyTable) Missing() []int {
	out := make([]int, len(t.Devices))
	for d, col := range t.Latency {
		for _, v := range col {
			if math.IsNaN(v) {
				out[d]++
			}
		}
	}
	return out
}

// Wide returns the table as a DataFrame: id column, arch, then one float column per
// device (NaN where missing).
func (t *LatencyTable) Wide() dataframe.DataFrame {
	cols := []series.Series{
		series.Ints(t.IDs), series.Strings(t.Archs),
	}
	cols[0].Name, cols[1].Name = t.Dataset.IDColumn, "arch"
	for d, dev := range t.Devices {
		s := series.Floats(t.Latency[d])
		s.Name = dev
		cols = append(cols, s)
	}
	return dataframe.New(cols...)
}

// Long returns the table in long form with columns id, arch, device, latency_ms: one
// row per measured (architecture, device) pair; missing measurements have no row.
func (t *LatencyTable) Long() dataframe.DataFrame {
	var ids []int
	var archs, devs []string
	var lat []float64
	for d, dev := range t.Devices {
		for i, v := range t.Latency[d] {
			if math.IsNaN(v) {
				continue
			}
			ids = append(ids, t.IDs[i])
			archs = append(archs, t.Archs[i])
			devs = append(devs, dev)
			lat = append(lat, v)
		}
	}
	return dataframe.New(
		series.New(ids, series.Int, t.Dataset.IDColumn),
		series.New(archs, series.String, "arch"),
		series.New(devs, series.String, "device"),
		series.New(lat, series.Float, "latency_ms"),
	)
}
