package data

import (
	"fmt"
	"path/filepath"
	"sort"
	"strconv"
	"strings"

	"github.com/go-gota/gota/dataframe"
	"github.com/go-gota/gota/series"
)

// DevicesFile is the NB201 device metadata table, relative to a datasets directory.
const DevicesFile = "nb201/devices.csv"

// Device describes one latency column: the hardware behind it and its batch size.
type Device struct {
	Name     string // column name
	Hardware string
	Kind     string // desktop-gpu, desktop-cpu, server-cpu, mobile-cpu, mobile-gpu, ...
	Source   string // who released the measurements
	Batch    int    // batch size; 1 where the source states none
}

// KindOrder orders device kinds from large to small hardware; figures group devices by it.
var KindOrder = []string{"desktop-gpu", "desktop-cpu", "server-cpu", "edge-gpu", "mobile-gpu", "mobile-cpu",
	"embedded-cpu", "dsp", "tpu", "vpu", "asic", "fpga"}

// helpHardware describes the base devices of HELP's 27 configurations and of the OFA GPU
// table; the batch size is the column name's numeric suffix.
var helpHardware = map[string][2]string{ // base name -> hardware, kind
	"1080ti":         {"NVIDIA GTX 1080 Ti", "desktop-gpu"},
	"2080ti":         {"NVIDIA RTX 2080 Ti", "desktop-gpu"},
	"titanx":         {"NVIDIA Titan X", "desktop-gpu"},
	"titanxp":        {"NVIDIA Titan Xp", "desktop-gpu"},
	"titan_xp":       {"NVIDIA Titan Xp", "desktop-gpu"},
	"titan_rtx":      {"NVIDIA Titan RTX", "desktop-gpu"},
	"v100":           {"NVIDIA V100", "desktop-gpu"},
	"gold_6226":      {"Intel Xeon Gold 6226", "server-cpu"},
	"gold_6240":      {"Intel Xeon Gold 6240", "server-cpu"},
	"silver_4114":    {"Intel Xeon Silver 4114", "server-cpu"},
	"silver_4210r":   {"Intel Xeon Silver 4210R", "server-cpu"},
	"pixel2":         {"Google Pixel 2 CPU", "mobile-cpu"},
	"pixel3":         {"Google Pixel 3 CPU", "mobile-cpu"},
	"essential_ph_1": {"Essential PH-1 CPU", "mobile-cpu"},
	"samsung_a50":    {"Samsung Galaxy A50 CPU", "mobile-cpu"},
	"samsung_s7":     {"Samsung Galaxy S7 CPU", "mobile-cpu"},
	"raspi4":         {"Raspberry Pi 4 CPU", "embedded-cpu"},
	"eyeriss":        {"Eyeriss ASIC (simulated)", "asic"},
	"fpga":           {"FPGA (simulated)", "fpga"},
}

// LoadDevices returns the metadata of every device of the named dataset, in the
// dataset's column order. For nb201 it reads nb201/devices.csv; the other datasets'
// columns are HELP's device/batch configurations, described here.
func LoadDevices(dataDir, name string) ([]Device, error) {
	ds, err := Lookup(name)
	if err != nil {
		return nil, err
	}
	if name == "nb201" {
		dir, err := Resolve(dataDir, DevicesFile)
		if err != nil {
			return nil, err
		}
		return ReadDevicesFile(ds, filepath.Join(dir, filepath.FromSlash(DevicesFile)))
	}
	out := make([]Device, len(ds.Devices))
	for i, col := range ds.Devices {
		base, batch := col, 1
		if _, whole := helpHardware[col]; whole {
			// a name such as essential_ph_1 whose suffix is not a batch size
		} else if k := strings.LastIndexByte(col, '_'); k > 0 {
			if b, err := strconv.Atoi(col[k+1:]); err == nil {
				base, batch = col[:k], b
			}
		}
		hw, ok := helpHardware[base]
		if !ok {
			return nil, fmt.Errorf("dataset %s: no metadata for device %q", name, col)
		}
		out[i] = Device{Name: col, Hardware: hw[0], Kind: hw[1], Source: "HELP", Batch: batch}
	}
	return out, nil
}

// ReadDevicesFile reads a devices table (device, source, hardware, kind) that must
// describe exactly the devices of ds.
func ReadDevicesFile(ds Dataset, path string) ([]Device, error) {
	f, err := ReadCSVFile(path)
	if err != nil {
		return nil, err
	}
	if err := f.RequireColumns([]string{"device", "source", "hardware", "kind"}); err != nil {
		return nil, err
	}
	byName := map[string]Device{}
	for i := range f.rows {
		name := f.Str(i, "device")
		if _, err := ds.DeviceIndex([]string{name}); err != nil {
			return nil, &InputError{File: path, Line: f.Line(i), Column: "device", Value: name, Reason: err.Error()}
		}
		if _, dup := byName[name]; dup {
			return nil, &InputError{File: path, Line: f.Line(i), Column: "device", Value: name, Reason: "device listed twice"}
		}
		kind := f.Str(i, "kind")
		if kindRank(kind) == len(KindOrder) {
			return nil, &InputError{File: path, Line: f.Line(i), Column: "kind", Value: kind, Reason: "unknown device kind (known: " + strings.Join(KindOrder, ", ") + ")"}
		}
		byName[name] = Device{Name: name, Source: f.Str(i, "source"), Hardware: f.Str(i, "hardware"), Kind: kind, Batch: 1}
	}
	out := make([]Device, len(ds.Devices))
	for i, name := range ds.Devices {
		d, ok := byName[name]
		if !ok {
			return nil, &InputError{File: path, Column: "device", Value: name, Reason: "device of dataset " + ds.Name + " not described"}
		}
		out[i] = d
	}
	return out, nil
}

func kindRank(kind string) int {
	for i, k := range KindOrder {
		if k == kind {
			return i
		}
	}
	return len(KindOrder)
}

// SortByKind orders devices by KindOrder, then by name, so that figures group alike
// hardware together. It sorts a copy.
func SortByKind(devs []Device) []Device {
	out := append([]Device(nil), devs...)
	sort.SliceStable(out, func(i, j int) bool {
		ki, kj := kindRank(out[i].Kind), kindRank(out[j].Kind)
		if ki != kj {
			return ki < kj
		}
		return out[i].Name < out[j].Name
	})
	return out
}

// DeviceNames returns the names of devs.
func DeviceNames(devs []Device) []string {
	out := make([]string, len(devs))
	for i, d := range devs {
		out[i] = d.Name
	}
	return out
}

// DevicesFrame returns device metadata as a DataFrame (device, hardware, kind, source, batch).
func DevicesFrame(devs []Device) dataframe.DataFrame {
	n := len(devs)
	name, hw, kind, src, batch := make([]string, n), make([]string, n), make([]string, n), make([]string, n), make([]int, n)
	for i, d := range devs {
		name[i], hw[i], kind[i], src[i], batch[i] = d.Name, d.Hardware, d.Kind, d.Source, d.Batch
	}
	return dataframe.New(
		series.New(name, series.String, "device"),
		series.New(hw, series.String, "hardware"),
		series.New(kind, series.String, "kind"),
		series.New(src, series.String, "source"),
		series.New(batch, series.Int, "batch"),
	)
}
