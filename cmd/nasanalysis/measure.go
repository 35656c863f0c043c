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

	"github.com/nasanalysis/nasanalysis/nasanalysis/arch"
	"github.com/nasanalysis/nasanalysis/nasanalysis/data"
	"github.com/nasanalysis/nasanalysis/nasanalysis/latency"
)

// measuredHeader is the column layout of a measured-latency file. Every row carries its
// own provenance, so files from several runs or machines can be concatenated.
var measuredHeader = []string{"arch", "resolution", "median_ms", "min_ms", "max_ms", "repeats", "warmup",
	"backend", "machine", "cpu", "cores", "go_version", "date", "macs_m"}

// measureOptions are measure's flags.
type measureOptions struct {
	space, out, dataDir, archFile     string
	n, res, repeats, warmup, gpuArchs int
	seed                              int64
	width                             float64
}

func runMeasure(args []string, stdout, stderr io.Writer) error {
	o, sp, err := parseMeasureFlags(args, stderr)
	if err != nil {
		return err
	}
	done, err := readMeasured(o.out)
	if err != nil {
		return err
	}
	archs, err := o.architectures(sp)
	if err != nil {
		return err
	}
	var todo []arch.MBArch
	for _, a := range archs {
		if !done[a.JSON()] {
			todo = append(todo, a)
		}
	}
	fmt.Fprintf(stderr, "%d of %d architectures already in %s; measuring %d\n", len(archs)-len(todo), len(archs), o.out, len(todo))
	if len(todo) == 0 {
		return nil
	}
	return o.measureAll(todo, len(done) == 0, stderr)
}

func parseMeasureFlags(args []string, stderr io.Writer) (measureOptions, *arch.MBSpace, error) {
	var o measureOptions
	fs := newFlags("measure", "--space S --n N --seed K --out FILE [--res R] [--repeats K]", stderr)
	fs.StringVar(&o.space, "space", arch.OFAMBv3, "design space: "+strings.Join(mbSpaces, ", "))
	fs.IntVar(&o.n, "n", 300, "number of sampled architectures")
	fs.Int64Var(&o.seed, "seed", 1, "random seed (int64): the sampling (the same sequence as 'sample')")
	fs.StringVar(&o.out, "out", "", "CSV file to append to (required); architectures already in it are skipped")
	fs.IntVar(&o.res, "res", 0, "input resolution for every architecture (0: keep the sampled one)")
	fs.Float64Var(&o.width, "width", 0, "supernet width multiplier (0: the space's default)")
	fs.IntVar(&o.repeats, "repeats", 3, "timed runs per architecture; the median is recorded")
	fs.IntVar(&o.warmup, "warmup", 1, "untimed runs first (the first also compiles the graph)")
	fs.IntVar(&o.gpuArchs, "gpu-archs", 0, "measure the first N networks of the ofa-mbv3-gpu dataset whose resolution is --res, so this machine can be compared with the GPUs on the same networks")
	fs.StringVar(&o.dataDir, "data", "", dataHelp)
	fs.StringVar(&o.archFile, "archs", "", "measure the architectures in this file (JSON lines) instead of sampling; --n, --seed, --res and --width are ignored")
	if err := fs.parse(args); err != nil {
		return o, nil, err
	}
	sp, err := mbSpace(o.space)
	if err != nil {
		return o, nil, err
	}
	if o.out == "" {
		return o, nil, usagef("--out is required")
	}
	if o.n < 1 || o.repeats < 1 || o.warmup < 0 {
		return o, nil, usagef("need --n >= 1, --repeats >= 1 and --warmup >= 0")
	}
	return o, sp, nil
}

// architectures returns the networks to measure: --gpu-archs, --archs or a seeded sample.
func (o measureOptions) architectures(sp *arch.MBSpace) ([]arch.MBArch, error) {
	switch {
	case o.gpuArchs > 0:
		return gpuNetworks(o.dataDir, o.gpuArchs, o.res)
	case o.archFile != "":
		return readArchLines(o.archFile, sp)
	}
	return sampleMB(sp, o.n, uint64(o.seed), o.width, o.res)
}

// measureAll times each architecture and appends its row to --out at once, so an
// interrupted run resumes where it stopped. fresh says the file had no rows yet.
func (o measureOptions) measureAll(todo []arch.MBArch, fresh bool, stderr io.Writer) error {
	f, err := os.OpenFile(o.out, os.O_APPEND|os.O_CREATE|os.O_WRONLY, 0o644)
	if err != nil {
		return err
	}
	defer f.Close()
	w := csv.NewWriter(f)
	if fresh {
		if st, _ := f.Stat(); st.Size() == 0 {
			w.Write(measuredHeader)
		}
	}
	prov := provenance()
	bar := newProgress(stderr, len(todo), "measuring")
	defer bar.Clear()
	cfg := latency.MeasureConfig{Warmup: o.warmup, Repeats: o.repeats, Seed: 1}
	for _, a := range todo {
		m, err := latency.MeasureMB(a, cfg)
		if err != nil {
			return fmt.Errorf("%s: %w", a.JSON(), err)
		}
		w.Write(measuredRow(a, m, prov))
		w.Flush()
		if err := w.Error(); err != nil {
			return err
		}
		bar.Add(1)
	}
	return nil
}

// machine is the provenance every measured row carries.
type machine struct{ host, cpu string }

func provenance() machine {
	host, _ := os.Hostname()
	return machine{host, cpuModel()}
}

// measuredRow is one line of a measured-latency file (measuredHeader's columns).
func measuredRow(a arch.MBArch, m latency.Measurement, p machine) []string {
	return []string{a.JSON(), strconv.Itoa(a.R), formatCSVFloat(m.MedianMS), formatCSVFloat(m.MinMS), formatCSVFloat(m.MaxMS),
		strconv.Itoa(m.Repeats), strconv.Itoa(m.Warmup), m.Backend, p.host, p.cpu, strconv.Itoa(runtime.NumCPU()),
		runtime.Version(), time.Now().UTC().Format(time.RFC3339), formatCSVFloat(a.Cost().MACs / 1e6)}
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
