package latency

import (
	"fmt"
	"math"
	"path/filepath"
	"slices"
	"strings"

	"github.com/go-gota/gota/dataframe"
	"github.com/go-gota/gota/series"

	"github.com/nasanalysis/nasanalysis/nasanalysis/arch"
	"github.com/nasanalysis/nasanalysis/nasanalysis/data"
	"github.com/nasanalysis/nasanalysis/nasanalysis/latency/measfile"
	"github.com/nasanalysis/nasanalysis/nasanalysis/stats"
)

// The project's own measurements, in datasets/ (see its README; the ONNX Runtime files
// are made by scripts/measure-datasets.sh): files written by `nasanalysis measure`.
const (
	// MeasuredFile is the measured dataset (predictor.MeasuredDataset): 300
	// OFA-MobileNetV3 networks at 160 px timed end to end with ONNX Runtime.
	MeasuredFile = "ort-ofa-mbv3-r160.csv"
	// BlocksFile holds the per-block times of MeasuredFile's networks.
	BlocksFile = "ort-ofa-mbv3-r160-blocks.csv"
	// GPUComparisonFile holds 60 networks HELP's authors timed on GPUs, at 160 px.
	GPUComparisonFile = "ort-ofa-mbv3-gpu160.csv"
	// MBv3File, ProxylessFile and ResNet50File are random networks of each space at
	// their sampled resolutions: 2,000, 500 and 500.
	MBv3File      = "ort-ofa-mbv3.csv"
	ProxylessFile = "ort-proxylessnas.csv"
	ResNet50File  = "ort-ofa-resnet50.csv"
	// GoMLXMeasuredFile and GoMLXGPUComparisonFile are MeasuredFile's and
	// GPUComparisonFile's networks timed with GoMLX's pure-Go backend.
	GoMLXMeasuredFile      = "ofa-mbv3-r160-measured.csv"
	GoMLXGPUComparisonFile = "ofa-mbv3-gpu160-measured.csv"
)

// ReadProject reads one of the project's measured files (in the repository's datasets/)
// for the named design space.
func ReadProject(name, space string) (*Recorded, error) {
	path, err := data.ProjectFile(name)
	if err != nil {
		return nil, err
	}
	return ReadMeasured(path, space)
}

// Recorded is a table of measured latencies: one architecture and its latency per row,
// with the file's other columns (provenance, protocol) kept as text.
type Recorded struct {
	Path   string
	Space  string
	Header []string
	Archs  []arch.Arch
	// MS is the latency the studies use, ms: in a file of the paired protocol its
	// scaled_ms (the time at the reference's calm speed, which the host's drift does not
	// move), in a file of the single-network protocol its median_ms. MSColumn names which.
	MS       []float64
	MSColumn string
	RawMS    []float64 // median_ms: the raw median of the network's own runs
	Rows     [][]string
}

// Paired says whether the file was measured under the paired protocol (MS is scaled_ms).
func (r *Recorded) Paired() bool { return r.MSColumn == ScaledColumn }

// ScaledColumn and RawColumn are the two latency columns of a measured file.
const (
	ScaledColumn = "scaled_ms"
	RawColumn    = "median_ms"
)

// ReadMeasured reads a file written by `nasanalysis measure` (measfile.Measured) for the
// named design space, strictly: the header must start arch,resolution,median_ms (as the
// older GoMLX files' do too), every architecture must be a valid one of the space,
// measured once, and every latency a positive number; errors name the line. A file whose
// first row was measured under the paired protocol (protocol "paired:...") must be so in
// every row, each with a positive scaled_ms.
func ReadMeasured(path, space string) (*Recorded, error) {
	f, err := measfile.Measured.Read(path)
	if err != nil {
		return nil, err
	}
	r := &Recorded{Path: path, Space: space, Header: f.Header(), MSColumn: RawColumn}
	hasProtocol := slices.Contains(r.Header, "protocol")
	isPaired := func(i int) bool { return hasProtocol && strings.HasPrefix(f.Str(i, "protocol"), "paired") }
	if f.Len() > 0 && isPaired(0) {
		r.MSColumn = ScaledColumn
	}
	seen := map[string]int{}
	for i := 0; i < f.Len(); i++ {
		row := f.Row(i)
		a, err := arch.Parse(space, row[0])
		if err != nil {
			return nil, &data.InputError{File: path, Line: f.Line(i), Column: "arch", Value: row[0], Reason: err.Error()}
		}
		if prev, dup := seen[a.String()]; dup {
			return nil, &data.InputError{File: path, Line: f.Line(i), Column: "arch", Value: row[0], Reason: fmt.Sprintf("network measured twice (also on line %d)", f.Line(prev))}
		}
		seen[a.String()] = i
		ms, err := f.Float(i, "median_ms", false)
		if err != nil {
			return nil, err
		}
		if ms <= 0 {
			return nil, &data.InputError{File: path, Line: f.Line(i), Column: "median_ms", Value: row[2], Reason: "latency must be positive"}
		}
		use := ms
		if isPaired(i) != r.Paired() {
			return nil, &data.InputError{File: path, Line: f.Line(i), Column: "protocol", Value: f.Str(i, "protocol"),
				Reason: fmt.Sprintf("the file mixes protocols (line 2 is %q); measure each protocol into its own file", f.Str(0, "protocol"))}
		}
		if r.Paired() {
			if use, err = f.Float(i, ScaledColumn, false); err != nil {
				return nil, err
			}
			if use <= 0 {
				return nil, &data.InputError{File: path, Line: f.Line(i), Column: ScaledColumn, Value: f.Str(i, ScaledColumn), Reason: "latency must be positive"}
			}
		}
		r.Archs, r.MS, r.RawMS, r.Rows = append(r.Archs, a), append(r.MS, use), append(r.RawMS, ms), append(r.Rows, row)
	}
	return r, nil
}

// Len is the number of measured architectures.
func (r *Recorded) Len() int { return len(r.Archs) }

// Column is one column of the file as text, by header name.
func (r *Recorded) Column(name string) ([]string, error) {
	c := slices.Index(r.Header, name)
	if c < 0 {
		return nil, fmt.Errorf("%s has no column %q", r.Path, name)
	}
	out := make([]string, len(r.Rows))
	for i, row := range r.Rows {
		out[i] = row[c]
	}
	return out, nil
}

// Floats is one numeric column of the file, by header name; a cell that is not a
// number is an error naming its line.
func (r *Recorded) Floats(name string) ([]float64, error) {
	col, err := r.Column(name)
	if err != nil {
		return nil, err
	}
	out := make([]float64, len(col))
	for i, s := range col {
		if out[i], err = data.ParseNumber(s, true); err != nil {
			return nil, fmt.Errorf("%s line %d, column %s: %w", r.Path, i+2, name, err)
		}
	}
	return out, nil
}

// Disturbed counts the rows `measure` flagged as measured while its reference network
// drifted (none in a file without the column, such as the GoMLX files).
func (r *Recorded) Disturbed() int {
	col, err := r.Column("disturbed")
	if err != nil {
		return 0
	}
	n := 0
	for _, s := range col {
		if s == "true" {
			n++
		}
	}
	return n
}

// HostCorrected is the file's latency corrected for the host's speed, and how: under the
// paired protocol its scaled_ms (each network's ratio to the reference timed in the same
// window, times the reference's calm time); under the single protocol each median
// divided by the drift reference's latest time (ref_ms, re-timed every 50 networks); an
// error for a file with neither (the GoMLX files).
func (r *Recorded) HostCorrected() ([]float64, string, error) {
	if r.Paired() {
		return r.MS, "scaled to the reference timed in the same window: scaled_ms", nil
	}
	ref, err := r.Floats("ref_ms")
	if err != nil {
		return nil, "", fmt.Errorf("%s has no drift reference: %w", r.Path, err)
	}
	div := make([]float64, len(ref))
	for i := range ref {
		div[i] = r.RawMS[i] / ref[i]
	}
	return div, "divided by the drift reference's latest time: ref_ms", nil
}

// MB is the architectures as OFA mobile architectures (MobileNetV3 or ProxylessNAS).
func (r *Recorded) MB() ([]arch.MBArch, error) { return arch.AsMB(r.Archs) }

// SummaryFrame describes measured files, one row each: the file, its space, engine and
// protocol, how many networks and at which resolutions, how many rows were flagged
// disturbed, the latency's (MS: scaled_ms under the paired protocol) median and range,
// and the Spearman correlation with the networks' MACs of the raw median (median_ms)
// and of the host-corrected latency (HostCorrected; NaN for a file with neither): if
// the machine's speed wandered, the corrected latencies should rank more like the MACs.
func SummaryFrame(recs ...*Recorded) (dataframe.DataFrame, error) {
	n := len(recs)
	files, spaces, engines, resolutions := make([]string, n), make([]string, n), make([]string, n), make([]string, n)
	count, disturbed, protocols := make([]int, n), make([]int, n), make([]string, n)
	med, lo, hi, srcc, srccRef := make([]float64, n), make([]float64, n), make([]float64, n), make([]float64, n), make([]float64, n)
	for k, r := range recs {
		files[k], spaces[k], count[k], disturbed[k] = filepath.Base(r.Path), r.Space, r.Len(), r.Disturbed()
		engines[k] = EngineGoMLX // the GoMLX files predate the engine column
		if col, err := r.Column("engine"); err == nil {
			engines[k] = col[0]
		}
		res, err := r.Floats("resolution")
		if err != nil {
			return dataframe.DataFrame{}, err
		}
		lowR, highR := slices.Min(res), slices.Max(res)
		resolutions[k] = fmt.Sprintf("%g-%g", lowR, highR)
		if lowR == highR {
			resolutions[k] = fmt.Sprintf("%g", lowR)
		}
		q, err := stats.Quantiles(r.MS, 0.5, 0, 1)
		if err != nil {
			return dataframe.DataFrame{}, fmt.Errorf("%s: latency: %w", r.Path, err)
		}
		med[k], lo[k], hi[k] = q[0], q[1], q[2]
		macs := make([]float64, r.Len())
		for i, a := range r.Archs {
			c, ok := a.(arch.Costed)
			if !ok {
				return dataframe.DataFrame{}, fmt.Errorf("%s: %T has no cost model", r.Path, a)
			}
			macs[i] = c.MACs()
		}
		if srcc[k], err = stats.SpearmanRho(r.RawMS, macs); err != nil {
			return dataframe.DataFrame{}, fmt.Errorf("%s: SRCC of latency with MACs: %w", r.Path, err)
		}
		protocols[k] = "single"
		if r.Paired() {
			protocols[k] = "paired"
		}
		srccRef[k] = math.NaN()
		if corrected, _, err := r.HostCorrected(); err == nil {
			if srccRef[k], err = stats.SpearmanRho(corrected, macs); err != nil {
				return dataframe.DataFrame{}, fmt.Errorf("%s: SRCC of host-corrected latency with MACs: %w", r.Path, err)
			}
		}
	}
	return dataframe.New(
		series.New(files, series.String, "file"), series.New(spaces, series.String, "space"),
		series.New(engines, series.String, "engine"), series.New(protocols, series.String, "protocol"), series.New(count, series.Int, "networks"),
		series.New(resolutions, series.String, "resolution"), series.New(disturbed, series.Int, "disturbed"),
		series.New(med, series.Float, "median_ms"), series.New(lo, series.Float, "min_ms"),
		series.New(hi, series.Float, "max_ms"), series.New(srcc, series.Float, "srcc_macs_raw"),
		series.New(srccRef, series.Float, "srcc_macs_corrected"),
	), nil
}
