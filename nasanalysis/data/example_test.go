package data_test

import (
	"fmt"
	"os"
	"path/filepath"

	"github.com/nasanalysis/nasanalysis/nasanalysis/data"
)

// The first two rows of nb201/latency.csv (OneProxy's NAS-Bench-201 table), written to
// a temporary file: cell 910 has no rice_edgetpu measurement. LoadLatency reads the
// whole table the same way from the directory Resolve finds.
const nb201TwoRows = `arch_index,arch,eagle_cpu_855,eagle_dsp_855,eagle_gpu_855,eagle_gtx,eagle_i7,eagle_jetson,eagle_jetson_16,eagle_tpu,rice_edgegpu,rice_edgetpu,rice_eyeriss,rice_fpga,rice_pixel3,rice_raspi4,true_630,true_640,true_a76,true_vpu
910,|none~0|+|nor_conv_3x3~0|none~1|+|nor_conv_3x3~0|avg_pool_3x3~1|nor_conv_3x3~2|,12.016,2.834,6.071,6.12698,6.135,18.6114,4.85295,1.01336,5.69305,,7.57778,5.31536,18.9483,54.3741,5.03201,4.12627,15.2742,3.791
16,|skip_connect~0|+|skip_connect~0|nor_conv_3x3~1|+|skip_connect~0|none~1|nor_conv_3x3~2|,8.927,2.619,4.871,5.47564,5.48282,14.6961,5.27723,1.05743,3.45532,0.803514,4.62866,3.64816,10.9348,34.9971,3.18319,2.81501,10.7663,3.946
`

func ExampleReadLatencyFile() {
	dir, err := os.MkdirTemp("", "nasanalysis-example")
	if err != nil {
		fmt.Println(err)
		return
	}
	defer os.RemoveAll(dir)
	path := filepath.Join(dir, "latency.csv")
	if err := os.WriteFile(path, []byte(nb201TwoRows), 0o644); err != nil {
		fmt.Println(err)
		return
	}
	ds, _ := data.Lookup("nb201")
	lat, err := data.ReadLatencyFile(ds, path)
	if err != nil {
		fmt.Println(err)
		return
	}
	edgetpu, _ := lat.Column("rice_edgetpu")
	gtx, _ := lat.Column("eagle_gtx")
	fmt.Println(lat.Len(), "cells x", len(lat.Devices), "devices; ids", lat.IDs)
	fmt.Println("rice_edgetpu:", edgetpu, "missing:", lat.Missing()[9])
	fmt.Printf("eagle_gtx mean: %.5f ms\n", (gtx[0]+gtx[1])/2)
	fmt.Println("long table rows:", lat.Long().Nrow())
	// Output:
	// 2 cells x 18 devices; ids [910 16]
	// rice_edgetpu: [NaN 0.803514] missing: 1
	// eagle_gtx mean: 5.80131 ms
	// long table rows: 35
}

// GapsSentence words where latencies are missing (Gaps finds them in the datasets).
func ExampleGapsSentence() {
	fmt.Println(data.GapsSentence([]data.Gap{{Dataset: "nb201", Device: "rice_edgetpu", Missing: 259, Cells: 1999}}))
	// Output:
	// The only missing latencies are those of `nb201` on `rice_edgetpu` (259 of 1,999 cells), failed runs according to the dataset's README. Figures and correlations leave them out (pairwise deletion); they are never ranked.
}
