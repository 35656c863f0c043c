package data

import (
	"fmt"
	"sort"
	"strings"
)

// Dataset describes one latency dataset: where its table lives relative to a datasets
// directory, which columns it must have, and how its architectures are written.
type Dataset struct {
	Name         string   // name used across the project, e.g. "nb201"
	LatencyFile  string   // path relative to the datasets directory
	IDColumn     string   // "arch_index" or "arch_id"
	Devices      []string // latency columns, in file order
	AccuracyFile string   // "" when no accuracies are public
	Space        string   // architecture space: "nb201", "fbnet" or "ofa-mbv3"
	Description  string
	// Rows is the published table's number of architectures: LoadLatency refuses a
	// file holding another (cut short, or edited), which would load without a word.
	Rows int
}

var nb201Devices = []string{
	"eagle_cpu_855", "eagle_dsp_855", "eagle_gpu_855", "eagle_gtx", "eagle_i7", "eagle_jetson",
	"eagle_jetson_16", "eagle_tpu", "rice_edgegpu", "rice_edgetpu", "rice_eyeriss", "rice_fpga",
	"rice_pixel3", "rice_raspi4", "true_630", "true_640", "true_a76", "true_vpu",
}

// helpConfigs lists HELP's 27 device/batch configurations with the GPU batch sizes given.
func helpConfigs(batches [3]string) []string {
	var out []string
	gpu := func(name string) {
		for _, b := range batches {
			out = append(out, name+"_"+b)
		}
	}
	gpu("1080ti")
	gpu("2080ti")
	out = append(out, "essential_ph_1", "eyeriss", "fpga", "gold_6226", "gold_6240", "pixel2",
		"pixel3", "raspi4", "samsung_a50", "samsung_s7", "silver_4114", "silver_4210r")
	gpu("titan_rtx")
	gpu("titanx")
	gpu("titanxp")
	return out
}

var datasets = map[string]Dataset{
	"nb201": {
		Name: "nb201", LatencyFile: "nb201/latency.csv", IDColumn: "arch_index",
		Devices: nb201Devices, AccuracyFile: "nb201/accuracy.csv", Space: "nb201",
		Description: "NAS-Bench-201: 1,999 cells on 18 devices (OneProxy)", Rows: 1999,
	},
	"nb201-full": {
		Name: "nb201-full", LatencyFile: "nb201/latency_full.csv", IDColumn: "arch_index",
		Devices: helpConfigs([3]string{"1", "256", "32"}), AccuracyFile: "nb201/accuracy.csv", Space: "nb201",
		Description: "NAS-Bench-201: all 15,625 cells on 27 device configurations (HELP)", Rows: 15625,
	},
	"fbnet": {
		Name: "fbnet", LatencyFile: "fbnet/latency.csv", IDColumn: "arch_id",
		Devices: helpConfigs([3]string{"1", "32", "64"}), Space: "fbnet",
		Description: "FBNet: 5,000 architectures on 27 device configurations (HELP)", Rows: 5000,
	},
	"ofa-mbv3-gpu": {
		Name: "ofa-mbv3-gpu", LatencyFile: "ofa/gpu_latency.csv", IDColumn: "arch_id",
		Devices: []string{"2080ti_1", "2080ti_32", "2080ti_64", "titan_rtx_1", "titan_rtx_32", "titan_rtx_64",
			"titan_xp_1", "titan_xp_32", "titan_xp_64", "v100_1", "v100_32", "v100_64"},
		Space:       "ofa-mbv3",
		Description: "OFA-MobileNetV3: 5,000 sub-networks on 4 GPUs x 3 batch sizes (HELP)", Rows: 5000,
	},
}

// DatasetNames lists the known dataset names in a stable order.
func DatasetNames() []string {
	return []string{"nb201", "nb201-full", "fbnet", "ofa-mbv3-gpu"}
}

// Lookup returns the dataset with the given name.
func Lookup(name string) (Dataset, error) {
	ds, ok := datasets[name]
	if !ok {
		return Dataset{}, fmt.Errorf("unknown dataset %q (known: %s)", name, strings.Join(DatasetNames(), ", "))
	}
	ds.Devices = append([]string(nil), ds.Devices...)
	return ds, nil
}

// DeviceIndex returns the column position of each named device, or an error naming the
// first unknown device and listing the known ones.
func (ds Dataset) DeviceIndex(names []string) ([]int, error) {
	pos := make(map[string]int, len(ds.Devices))
	for i, d := range ds.Devices {
		pos[d] = i
	}
	out := make([]int, len(names))
	seen := map[string]bool{}
	for k, n := range names {
		i, ok := pos[n]
		if !ok {
			known := append([]string(nil), ds.Devices...)
			sort.Strings(known)
			return nil, fmt.Errorf("unknown device %q in dataset %s (known: %s)", n, ds.Name, strings.Join(known, ", "))
		}
		if seen[n] {
			return nil, fmt.Errorf("device %q named twice", n)
		}
		seen[n] = true
		out[k] = i
	}
	return out, nil
}
