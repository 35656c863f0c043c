package data

import (
	"fmt"
	"path/filepath"
	"strconv"
	"strings"
)

// PublishedSRCCFile is OneProxy's NAS-Bench-201 SRCC heatmap (Lu et al., SIGMETRICS
// 2022; image images/heatmap_rice_eagle.jpg of github.com/Ren-Research/OneProxy) as it
// prints its values, two decimals, transcribed by hand; relative to a datasets
// directory, whose nb201/README.md gives the source.
const PublishedSRCCFile = "nb201/published_srcc_oneproxy.csv"

// PublishedCorrelations is a device x device correlation matrix transcribed from a
// publication's figure, with the further per-device columns the figure prints.
type PublishedCorrelations struct {
	Path    string      // file it was read from
	Devices []string    // the rows, and the columns of the same names, in the file's order
	Labels  []string    // each device's name in the publication
	Value   [][]float64 // Value[i][j] between Devices[i] and Devices[j]; 1 on the diagonal
	// Extra names the columns after the device columns (e.g. adaproxy_from_true_vpu)
	// and ExtraValue[e][i] is column Extra[e] on row Devices[i].
	Extra      []string
	ExtraValue [][]float64
}

// LoadPublishedCorrelations reads the file rel (e.g. PublishedSRCCFile) from the
// datasets directory that Resolve finds (dataDir is the --data flag; "" to use the
// default order).
func LoadPublishedCorrelations(dataDir, rel string) (*PublishedCorrelations, error) {
	dir, err := Resolve(dataDir, rel)
	if err != nil {
		return nil, err
	}
	return ReadPublishedCorrelations(filepath.Join(dir, filepath.FromSlash(rel)))
}

// ReadPublishedCorrelations reads a transcribed correlation matrix, strictly. The
// header is "device,label", then one column per row device in the rows' order, then
// any further columns; each row names its device and the publication's label for it.
// Every cell holds a number in [-1, 1], the diagonal is 1 and the matrix is symmetric
// as transcribed (a cell that differs from its mirror is an error naming both: a slip
// of transcription). Errors name the file, line, column and value.
func ReadPublishedCorrelations(path string) (*PublishedCorrelations, error) {
	f, err := ReadCSVFileRows(path, 2)
	if err != nil {
		return nil, err
	}
	if err := f.RequirePrefix([]string{"device", "label"}, "a transcribed correlation matrix"); err != nil {
		return nil, err
	}
	n := f.Len()
	header := f.Header()
	if len(header) < 2+n {
		return nil, &InputError{File: path, Line: 1, Reason: fmt.Sprintf("%d device rows but only %d columns after device,label: want one column per row device", n, len(header)-2)}
	}
	p := &PublishedCorrelations{Path: path, Devices: make([]string, n), Labels: make([]string, n), Value: make([][]float64, n)}
	for i := 0; i < n; i++ {
		dev := strings.TrimSpace(f.Str(i, "device"))
		if want := header[2+i]; dev != want {
			return nil, &InputError{File: path, Line: f.Line(i), Column: "device", Value: dev,
				Reason: fmt.Sprintf("row %d's device must be column %d's, %q: rows and columns name the devices in one order", i+1, 3+i, want)}
		}
		p.Devices[i], p.Labels[i] = dev, strings.TrimSpace(f.Str(i, "label"))
	}
	p.Extra = header[2+n:]
	p.ExtraValue = make([][]float64, len(p.Extra))
	for e := range p.ExtraValue {
		p.ExtraValue[e] = make([]float64, n)
	}
	for i := 0; i < n; i++ {
		p.Value[i] = make([]float64, n)
		for j, col := range header[2:] {
			v, err := f.Float(i, col, false)
			if err != nil {
				return nil, err
			}
			if v < -1 || v > 1 {
				return nil, &InputError{File: path, Line: f.Line(i), Column: col, Value: f.Str(i, col), Reason: "a correlation must lie in [-1, 1]"}
			}
			if j >= n {
				p.ExtraValue[j-n][i] = v
				continue
			}
			p.Value[i][j] = v
			switch {
			case i == j && v != 1:
				return nil, &InputError{File: path, Line: f.Line(i), Column: col, Value: f.Str(i, col), Reason: "a device's correlation with itself must be 1"}
			case j < i && v != p.Value[j][i]:
				return nil, &InputError{File: path, Line: f.Line(i), Column: col, Value: f.Str(i, col),
					Reason: fmt.Sprintf("not symmetric: line %d, column %q holds %s", f.Line(j), p.Devices[i], strconv.FormatFloat(p.Value[j][i], 'g', -1, 64))}
			}
		}
	}
	return p, nil
}

// Index is the position of device among p.Devices, or -1.
func (p *PublishedCorrelations) Index(device string) int {
	for i, d := range p.Devices {
		if d == device {
			return i
		}
	}
	return -1
}
