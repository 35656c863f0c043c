package main

import (
	"bufio"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"os"
	"runtime"
	"strconv"
	"strings"
	"time"

	"github.com/schollz/progressbar/v3"

	"github.com/nasanalysis/nasanalysis/nasanalysis/arch"
	"github.com/nasanalysis/nasanalysis/nasanalysis/data"
	"github.com/nasanalysis/nasanalysis/nasanalysis/latency"
)

// measuredHeader is the column layout of a measured-latency file. Every row carries its
// own provenance, so files from several runs or machines can be concatenated.
var measuredHeader = []string{"arch", "resolution", "median_ms", "min_ms", "max_ms", "repeats", "warmup",
	"backend", "machine", "cpu", "cores", "go_version", "date", "macs_m"}

func runMeasure(args []string, stdout, stderr io.Writer) error {
	fs := newFlags("measure", "--space S --n N --seed K --out FILE [--res R] [--repeats K]", stderr)
	name := fs.String("space", "ofa-mbv3", "design space: ofa-mbv3 or proxylessnas")
	n := fs.Int("n", 300, "number of sampled architectures")
	seed := fs.Uint64("seed", 1, "sampling seed (the same sequence as 'sample')")
	out := fs.String("out", "", "CSV file to append to (required); architectures already in it are skipped")
	res := fs.Int("res", 0, "input resolution for every architecture (0: keep the sampled one)")
	width := fs.Float64("width", 0, "supernet width multiplier (0: the space's default)")
	repeats := fs.Int("repeats", 3, "timed runs per architecture; the median is recorded")
	warmup := fs.Int("warmup", 1, "untimed runs first (the first also compiles the graph)")
	gpuArchs := fs.Int("gpu-archs", 0, "measure the first N networks of ofa/gpu_latency.csv whose resolution is --res, so this machine can be compared with the GPUs on the same networks")
	dataDir := fs.String("data", "", "datasets directory (for --gpu-archs)")
	archFile := fs.String("archs", "", "measure the architectures in this file (JSON lines) instead of sampling; --n, --seed, --res and --width are ignored")
	if err := parse(fs, args); err != nil {
		return err
	}
	sp, err := mbSpace(*name)
	if err != nil {
		return err
	}
	if *out == "" {
		return usagef("--out is required")
	}
	if *n < 1 || *repeats < 1 || *warmup < 0 {
		return usagef("need --n >= 1, --repeats >= 1 and --warmup >= 0")
	}
	done, err := readMeasured(*out)
	if err != nil {
		return err
	}
	var archs []arch.MBArch
	if *gpuArchs > 0 {
		if archs, err = gpuNetworks(*dataDir, *gpuArchs, *res); err != nil {
			return err
		}
	} else if *archFile != "" {
		if archs, err = readArchLines(*archFile, sp); err != nil {
			return err
		}
	} else {
		if archs, err = sampleMB(sp, *n, *seed, *width, *res); err != nil {
			return err
		}
	}
	var todo []arch.MBArch
	for _, a := range archs {
		if !done[a.JSON()] {
			todo = append(todo, a)
		}
	}
	fmt.Fprintf(stderr, "%d of %d architectures already in %s; measuring %d\n", len(archs)-len(todo), len(archs), *out, len(todo))
	if len(todo) == 0 {
		return nil
	}
	f, err := os.OpenFile(*out, os.O_APPEND|os.O_CREATE|os.O_WRONLY, 0o644)
	if err != nil {
		return err
	}
	defer f.Close()
	w := csv.NewWriter(f)
	if len(done) == 0 {
		if st, _ := f.Stat(); st.Size() == 0 {
			w.Write(measuredHeader)
		}
	}
	host, _ := os.Hostname()
	cpu := cpuModel()
	bar := progressbar.NewOptions(len(todo), progressbar.OptionSetWriter(stderr), progressbar.OptionSetDescription("measuring"),
		progressbar.OptionShowCount(), progressbar.OptionSetPredictTime(true))
	cfg := latency.MeasureConfig{Warmup: *warmup, Repeats: *repeats, Seed: 1}
	for _, a := range todo {
		m, err := latency.MeasureMB(a, cfg)
		if err != nil {
			return fmt.Errorf("%s: %w", a.JSON(), err)
		}
		f3 := func(v float64) string { return strconv.FormatFloat(v, 'f', 3, 64) }
		w.Write([]string{a.JSON(), strconv.Itoa(a.R), f3(m.MedianMS), f3(m.MinMS), f3(m.MaxMS), strconv.Itoa(m.Repeats),
			strconv.Itoa(m.Warmup), m.Backend, host, cpu, strconv.Itoa(runtime.NumCPU()), runtime.Version(),
			time.Now().UTC().Format(time.RFC3339), f3(a.Cost().MACs / 1e6)})
		w.Flush() // a row per architecture, so an interrupted run resumes where it stopped
		if err := w.Error(); err != nil {
			return err
		}
		bar.Add(1)
	}
	fmt.Fprintln(stderr)
	return nil
}

// readMeasured returns the architectures already in a measured file (none if it does
// not exist), checking its header.
func readMeasured(path string) (map[string]bool, error) {
	done := map[string]bool{}
	f, err := os.Open(path)
	if errors.Is(err, os.ErrNotExist) {
		return done, nil
	}
	if err != nil {
		return nil, err
	}
	defer f.Close()
	r := csv.NewReader(f)
	rows, err := r.ReadAll()
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	if len(rows) == 0 {
		return done, nil
	}
	if strings.Join(rows[0], ",") != strings.Join(measuredHeader, ",") {
		return nil, fmt.Errorf("%s: header %q is not a measured-latency file's (%s)", path, strings.Join(rows[0], ","), strings.Join(measuredHeader, ","))
	}
	for _, row := range rows[1:] {
		done[row[0]] = true
	}
	return done, nil
}

func cpuModel() string {
	f, err := os.Open("/proc/cpuinfo")
	if err != nil {
		return runtime.GOARCH
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if k, v, ok := strings.Cut(sc.Text(), ":"); ok && strings.TrimSpace(k) == "model name" {
			return strings.TrimSpace(v)
		}
	}
	return runtime.GOARCH
}

// readArchLines reads JSON-line architectures of sp; a bad line is a usage error naming it.
func readArchLines(path string, sp *arch.MBSpace) ([]arch.MBArch, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var out []arch.MBArch
	sc := bufio.NewScanner(f)
	for line := 1; sc.Scan(); line++ {
		text := strings.TrimSpace(sc.Text())
		if text == "" {
			continue
		}
		a, err := arch.ParseMB(sp, text)
		if err != nil {
			return nil, usagef("%s line %d: %v", path, line, err)
		}
		out = append(out, a)
	}
	return out, sc.Err()
}

// gpuNetworks returns the first n OFA-MobileNetV3 networks of the recorded GPU table at
// resolution res, in file order.
func gpuNetworks(dataDir string, n, res int) ([]arch.MBArch, error) {
	if res == 0 {
		return nil, usagef("--gpu-archs needs --res")
	}
	t, err := data.LoadLatency(dataDir, "ofa-mbv3-gpu")
	if err != nil {
		return nil, err
	}
	var out []arch.MBArch
	for _, s := range t.Archs {
		a, err := arch.ParseMB(arch.MBv3, s)
		if err != nil {
			continue // resolutions between the space's steps (e.g. 164 px)
		}
		if a.R == res {
			out = append(out, a)
		}
		if len(out) == n {
			return out, nil
		}
	}
	return nil, usagef("%s has only %d networks at %d px, %d requested", t.Path, len(out), res, n)
}
