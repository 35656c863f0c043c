package fetch

import (
	"context"
	"encoding/csv"
	"fmt"
	"io"
	"math"
	"net/http"
	"os"
	"path/filepath"
	"strconv"

	"github.com/nasanalysis/nasanalysis/nasanalysis/arch"
	"github.com/nasanalysis/nasanalysis/nasanalysis/data"
	"github.com/nasanalysis/nasanalysis/nasanalysis/pyfile"
)

// RawFile is one public file as its publisher released it: where it is fetched from and
// where it lives below a raw directory (the layout of ../shared/datasets/raw).
type RawFile struct {
	URL  string
	Path string // relative to the raw directory
}

const (
	oneProxyBase = "https://raw.githubusercontent.com/Ren-Research/OneProxy/main/"
	natsBenchURL = "https://raw.githubusercontent.com/v-tao/nats-bench-landscape/main/nats_bench.csv"
)

// RawFiles lists the public files that ConvertNB201 turns into nb201/latency.csv,
// nb201/accuracy.csv and nb201/devices.csv.
func RawFiles() []RawFile {
	files := []RawFile{
		{natsBenchURL, "nats-bench/nats_bench.csv"},
		{oneProxyBase + "encode.pickle", "oneproxy/encode.pickle"},
	}
	for _, d := range nb201Devices() {
		files = append(files, RawFile{oneProxyBase + "latency_data/" + d + ".pickle", "oneproxy/latency_data/" + d + ".pickle"})
	}
	return files
}

// Download fetches each of files (normally RawFiles()) that is missing from rawDir. It
// never overwrites a file that is already there, and writes through a ".part" file
// renamed on success, so an interrupted download resumes cleanly.
func Download(ctx context.Context, client *http.Client, rawDir string, files []RawFile, progress io.Writer) error {
	for _, f := range files {
		dst := filepath.Join(rawDir, filepath.FromSlash(f.Path))
		if _, err := os.Stat(dst); err == nil {
			continue
		}
		fmt.Fprintf(progress, "downloading %s\n", f.URL)
		if err := downloadFile(ctx, client, f.URL, dst); err != nil {
			return err
		}
	}
	return nil
}

func downloadFile(ctx context.Context, client *http.Client, url, dst string) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return err
	}
	resp, err := client.Do(req)
	if err != nil {
		return fmt.Errorf("download %s: %w", url, err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("download %s: %s", url, resp.Status)
	}
	if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
		return err
	}
	tmp := dst + ".part"
	out, err := os.Create(tmp)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, resp.Body); err != nil {
		out.Close()
		return fmt.Errorf("download %s: %w", url, err)
	}
	if err := out.Close(); err != nil {
		return err
	}
	return os.Rename(tmp, dst)
}

// nb201DeviceInfo describes the 18 devices of OneProxy's latency data (written to
// nb201/devices.csv by ConvertNB201): source, hardware, kind.
var nb201DeviceInfo = map[string][3]string{
	"eagle_cpu_855":   {"Eagle/BRP-NAS", "Snapdragon 855 Kryo CPU", "mobile-cpu"},
	"eagle_dsp_855":   {"Eagle/BRP-NAS", "Snapdragon 855 Hexagon DSP", "dsp"},
	"eagle_gpu_855":   {"Eagle/BRP-NAS", "Snapdragon 855 Adreno 640 GPU", "mobile-gpu"},
	"eagle_gtx":       {"Eagle/BRP-NAS", "NVIDIA GTX 1080 Ti", "desktop-gpu"},
	"eagle_i7":        {"Eagle/BRP-NAS", "Intel Core i7 CPU", "desktop-cpu"},
	"eagle_jetson":    {"Eagle/BRP-NAS", "NVIDIA Jetson Nano fp32", "edge-gpu"},
	"eagle_jetson_16": {"Eagle/BRP-NAS", "NVIDIA Jetson Nano fp16", "edge-gpu"},
	"eagle_tpu":       {"Eagle/BRP-NAS", "Google Edge TPU", "tpu"},
	"rice_edgegpu":    {"HW-NAS-Bench", "NVIDIA Jetson TX2 edge GPU", "edge-gpu"},
	"rice_edgetpu":    {"HW-NAS-Bench", "Google Edge TPU", "tpu"},
	"rice_eyeriss":    {"HW-NAS-Bench", "Eyeriss ASIC (simulated)", "asic"},
	"rice_fpga":       {"HW-NAS-Bench", "FPGA (simulated)", "fpga"},
	"rice_pixel3":     {"HW-NAS-Bench", "Google Pixel 3 CPU", "mobile-cpu"},
	"rice_raspi4":     {"HW-NAS-Bench", "Raspberry Pi 4 CPU", "embedded-cpu"},
	"true_630":        {"nn-Meter", "Adreno 630 GPU", "mobile-gpu"},
	"true_640":        {"nn-Meter", "Adreno 640 GPU", "mobile-gpu"},
	"true_a76":        {"nn-Meter", "Cortex-A76 CPU", "mobile-cpu"},
	"true_vpu":        {"nn-Meter", "Intel Myriad VPU", "vpu"},
}

// nb201Devices lists OneProxy's 18 devices, the columns of nb201/latency.csv.
func nb201Devices() []string {
	ds, err := data.Lookup("nb201")
	if err != nil {
		panic(err) // the registry always holds nb201
	}
	return ds.Devices
}

// ConvertNB201 turns the raw public files below rawDir (layout of RawFiles) into
// outDir/nb201/accuracy.csv, latency.csv and devices.csv:
//   - accuracy.csv: row i of nats_bench.csv is NATS-Bench topology index i; accuracies
//     are written with 4 decimals.
//   - latency.csv: row k decodes row k of encode.pickle (the 31-number one-hot) into a
//     cell string and finds its arch_index in nats_bench.csv; latencies are written with
//     6 significant digits, and OneProxy's -1 (a failed Edge TPU run) becomes an empty cell.
func ConvertNB201(rawDir, outDir string) error {
	accRows, index, err := convertAccuracy(filepath.Join(rawDir, "nats-bench", "nats_bench.csv"))
	if err != nil {
		return err
	}
	latRows, err := convertLatency(filepath.Join(rawDir, "oneproxy"), index)
	if err != nil {
		return err
	}
	devRows := [][]string{{"device", "source", "hardware", "kind"}}
	for _, d := range nb201Devices() {
		info := nb201DeviceInfo[d]
		devRows = append(devRows, []string{d, info[0], info[1], info[2]})
	}
	dir := filepath.Join(outDir, "nb201")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	// Each file is written beside its final name and checked with the reader the project
	// uses on it (an accuracy of 101 %, a duplicate cell, a missing device are refused
	// here, not when a study first loads them); only then do all three replace the old
	// ones, each by a rename, so a failed fetch leaves the old files whole.
	ds, err := data.Lookup("nb201")
	if err != nil {
		return err
	}
	files := []struct {
		name  string
		rows  [][]string
		check func(path string) error
	}{
		{"accuracy.csv", accRows, func(p string) error { _, err := data.ReadAccuracyFile(p); return err }},
		{"latency.csv", latRows, func(p string) error { _, err := data.ReadLatencyFile(ds, p); return err }},
		{"devices.csv", devRows, func(p string) error { _, err := data.ReadDevicesFile(ds, p); return err }},
	}
	var staged []string
	defer func() {
		for _, p := range staged {
			os.Remove(p)
		}
	}()
	for _, f := range files {
		tmp := filepath.Join(dir, "."+f.name+".fetching")
		staged = append(staged, tmp)
		if err := writeCSV(tmp, f.rows); err != nil {
			return err
		}
		if err := f.check(tmp); err != nil {
			return fmt.Errorf("fetch: the converted %s is not valid, nothing replaced: %w", f.name, err)
		}
	}
	for i, f := range files {
		if err := os.Rename(staged[i], filepath.Join(dir, f.name)); err != nil {
			return err
		}
	}
	return nil
}

// convertAccuracy reads NATS-Bench's table into accuracy.csv rows and the arch_index of
// every canonical cell string.
func convertAccuracy(natsPath string) (rows [][]string, index map[string]int, err error) {
	f, err := data.ReadCSVFile(natsPath)
	if err != nil {
		return nil, nil, err
	}
	accCols := []string{"CIFAR10TestAccuracy200Epochs", "CIFAR100TestAccuracy200Epochs", "ImageNetTestAccuracy200Epochs"}
	if err := f.RequireColumns(append(append([]string(nil), accCols...), "ArchitectureString", "UniqueString")); err != nil {
		return nil, nil, err
	}
	if f.Len() != data.NumNB201Cells {
		return nil, nil, &data.InputError{File: natsPath, Reason: fmt.Sprintf("%d rows, want %d", f.Len(), data.NumNB201Cells)}
	}
	index = make(map[string]int, data.NumNB201Cells)
	rows = [][]string{append([]string{"arch_index", "arch"}, data.AccuracyColumns...)}
	for i := range f.Len() {
		s := f.Str(i, "ArchitectureString")
		bad := func(reason string) error {
			return &data.InputError{File: natsPath, Line: f.Line(i), Column: "ArchitectureString", Value: s, Reason: reason}
		}
		c, err := arch.ParseCell(s)
		switch {
		case err != nil:
			return nil, nil, bad(err.Error())
		case c.String() != s:
			return nil, nil, bad("not in canonical form")
		}
		if _, dup := index[s]; dup {
			return nil, nil, bad("cell listed twice")
		}
		index[s] = i
		row := []string{strconv.Itoa(i), s}
		for _, col := range accCols {
			v, err := f.Float(i, col, false)
			if err != nil {
				return nil, nil, err
			}
			row = append(row, strconv.FormatFloat(v, 'f', 4, 64))
		}
		rows = append(rows, row)
	}
	return rows, index, nil
}

// convertLatency decodes OneProxy's pickles below dir into latency.csv rows, each cell
// placed by its arch_index in index.
func convertLatency(dir string, index map[string]int) ([][]string, error) {
	enc, err := pyfile.Matrix(filepath.Join(dir, "encode.pickle"))
	if err != nil {
		return nil, err
	}
	devices := nb201Devices()
	cols := make([][]float64, len(devices))
	for d, dev := range devices {
		p := filepath.Join(dir, "latency_data", dev+".pickle")
		if cols[d], err = pyfile.Floats(p); err != nil {
			return nil, err
		}
		if len(cols[d]) != len(enc) {
			return nil, fmt.Errorf("%s: %d latencies, but encode.pickle has %d cells", p, len(cols[d]), len(enc))
		}
	}
	rows := [][]string{append([]string{"arch_index", "arch"}, devices...)}
	for k, x := range enc {
		c, err := arch.CellFromOneHot(x)
		if err != nil {
			return nil, fmt.Errorf("encode.pickle element %d: %w", k, err)
		}
		idx, ok := index[c.String()]
		if !ok {
			return nil, fmt.Errorf("encode.pickle element %d decodes to %s, which is not in nats_bench.csv", k, c)
		}
		row := []string{strconv.Itoa(idx), c.String()}
		for d := range devices {
			v := cols[d][k]
			switch {
			case v == -1: // OneProxy marks failed runs with -1
				row = append(row, "")
			case v < 0 || math.IsNaN(v) || math.IsInf(v, 0):
				return nil, fmt.Errorf("%s.pickle element %d: invalid latency %v", devices[d], k, v)
			default:
				row = append(row, strconv.FormatFloat(v, 'g', 6, 64))
			}
		}
		rows = append(rows, row)
	}
	return rows, nil
}

func writeCSV(path string, rows [][]string) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	w := csv.NewWriter(f)
	if err := w.WriteAll(rows); err != nil {
		f.Close()
		return fmt.Errorf("%s: %w", path, err)
	}
	return f.Close()
}
