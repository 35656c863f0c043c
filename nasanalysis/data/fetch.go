package data

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
	for _, d := range nb201Devices {
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

// ConvertNB201 turns the raw public files below rawDir (layout of RawFiles) into
// outDir/nb201/accuracy.csv, latency.csv and devices.csv:
//   - accuracy.csv: row i of nats_bench.csv is NATS-Bench topology index i; accuracies
//     are written with 4 decimals.
//   - latency.csv: row k decodes row k of encode.pickle (the 31-number one-hot) into a
//     cell string and finds its arch_index in nats_bench.csv; latencies are written with
//     6 significant digits, and OneProxy's -1 (a failed Edge TPU run) becomes an empty cell.
func ConvertNB201(rawDir, outDir string) error {
	natsPath := filepath.Join(rawDir, "nats-bench", "nats_bench.csv")
	f, err := readCSVFile(natsPath)
	if err != nil {
		return err
	}
	accCols := []string{"CIFAR10TestAccuracy200Epochs", "CIFAR100TestAccuracy200Epochs", "ImageNetTestAccuracy200Epochs"}
	if err := f.requireColumns(append(append([]string(nil), accCols...), "ArchitectureString", "UniqueString")); err != nil {
		return err
	}
	if len(f.rows) != NumNB201Cells {
		return &InputError{File: natsPath, Reason: fmt.Sprintf("%d rows, want %d", len(f.rows), NumNB201Cells)}
	}
	index := make(map[string]int, NumNB201Cells)
	accRows := [][]string{append([]string{"arch_index", "arch"}, AccuracyColumns...)}
	for i := range f.rows {
		arch := f.str(i, "ArchitectureString")
		c, err := ParseCell(arch)
		if err != nil {
			return &InputError{File: natsPath, Line: f.line(i), Column: "ArchitectureString", Value: arch, Reason: err.Error()}
		}
		if c.String() != arch {
			return &InputError{File: natsPath, Line: f.line(i), Column: "ArchitectureString", Value: arch, Reason: "not in canonical form"}
		}
		if _, dup := index[arch]; dup {
			return &InputError{File: natsPath, Line: f.line(i), Column: "ArchitectureString", Value: arch, Reason: "cell listed twice"}
		}
		index[arch] = i
		row := []string{strconv.Itoa(i), arch}
		for _, col := range accCols {
			v, err := f.float(i, col, false)
			if err != nil {
				return err
			}
			row = append(row, strconv.FormatFloat(v, 'f', 4, 64))
		}
		accRows = append(accRows, row)
	}

	enc, err := pickleMatrix(filepath.Join(rawDir, "oneproxy", "encode.pickle"))
	if err != nil {
		return err
	}
	cols := make([][]float64, len(nb201Devices))
	for d, dev := range nb201Devices {
		p := filepath.Join(rawDir, "oneproxy", "latency_data", dev+".pickle")
		if cols[d], err = pickleFloats(p); err != nil {
			return err
		}
		if len(cols[d]) != len(enc) {
			return fmt.Errorf("%s: %d latencies, but encode.pickle has %d cells", p, len(cols[d]), len(enc))
		}
	}
	latRows := [][]string{append([]string{"arch_index", "arch"}, nb201Devices...)}
	for k, x := range enc {
		c, err := CellFromOneHot(x)
		if err != nil {
			return fmt.Errorf("encode.pickle element %d: %w", k, err)
		}
		idx, ok := index[c.String()]
		if !ok {
			return fmt.Errorf("encode.pickle element %d decodes to %s, which is not in %s", k, c, natsPath)
		}
		row := []string{strconv.Itoa(idx), c.String()}
		for d := range nb201Devices {
			v := cols[d][k]
			switch {
			case v == -1: // OneProxy marks failed runs with -1
				row = append(row, "")
			case v < 0 || math.IsNaN(v) || math.IsInf(v, 0):
				return fmt.Errorf("%s.pickle element %d: invalid latency %v", nb201Devices[d], k, v)
			default:
				row = append(row, strconv.FormatFloat(v, 'g', 6, 64))
			}
		}
		latRows = append(latRows, row)
	}

	devRows := [][]string{{"device", "source", "hardware", "kind"}}
	for _, d := range nb201Devices {
		info := nb201DeviceInfo[d]
		devRows = append(devRows, []string{d, info[0], info[1], info[2]})
	}

	dir := filepath.Join(outDir, "nb201")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	for name, rows := range map[string][][]string{"accuracy.csv": accRows, "latency.csv": latRows, "devices.csv": devRows} {
		if err := writeCSV(filepath.Join(dir, name), rows); err != nil {
			return err
		}
	}
	return nil
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
