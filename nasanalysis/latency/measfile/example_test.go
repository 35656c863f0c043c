package measfile_test

import (
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/nasanalysis/nasanalysis/nasanalysis/arch"
	"github.com/nasanalysis/nasanalysis/nasanalysis/latency/measfile"
)

// Five networks measured by two processes, shards 0/2 and 1/2 of one sample. Shard 1
// is interrupted in the middle of writing its second row; resumed, it cuts the torn row
// and measures only what is missing; then the two files merge into one.
func Example() {
	dir, err := os.MkdirTemp("", "measfile-example")
	if err != nil {
		fmt.Println(err)
		return
	}
	defer os.RemoveAll(dir)
	// Five OFA-MobileNetV3 networks at 160 px (merge checks every row as the readers do),
	// named net0..net4 here.
	var sample []string
	name := map[string]string{}
	for i, a := range arch.MBv3.SampleN(5, 1) {
		a.R = 160
		sample = append(sample, a.String())
		name[a.String()] = fmt.Sprintf("net%d", i)
	}
	settings := measfile.Settings{Warmup: 5, Engine: "onnxruntime", EngineVersion: "1.30.0", Threads: 1, OptLevel: 3,
		TargetCI: 0.01, Space: "ofa-mbv3", Sample: "seed=1;n=5;res=160;width=0", CPU: "Example CPU"}
	index := map[string]int{}
	for i, a := range sample {
		index[a] = i
	}
	measure := func(arch string, s measfile.Shard) []string { // a stand-in for timing the network
		return measfile.Row{Arch: arch, Resolution: 160, MedianMS: 5, Repeats: 10, Settings: settings,
			Shard: s, RefMS: math.NaN(), Date: time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC), SampleIndex: index[arch]}.Record()
	}
	var files []string
	for i := range 2 {
		shard := measfile.Shard{I: i, N: 2}
		path := filepath.Join(dir, fmt.Sprintf("shard%d.csv", i))
		files = append(files, path)
		for _, arch := range measfile.Select(shard, sample) {
			if err := measfile.Measured.Append(path, measure(arch, shard)); err != nil {
				fmt.Println(err)
				return
			}
		}
	}
	// Shard 1 holds net1 and net3. Cut 20 bytes off net3's row: it is torn in its last
	// fields.
	raw, _ := os.ReadFile(files[1])
	os.WriteFile(files[1], raw[:len(raw)-20], 0o644)

	var warn strings.Builder
	done, err := measfile.Resume(measfile.ResumeOptions{Measured: files[1], Settings: settings, Shard: measfile.Shard{I: 1, N: 2}, Warn: &warn})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Print(strings.ReplaceAll(warn.String(), dir+string(filepath.Separator), ""))
	for _, arch := range measfile.Select(measfile.Shard{I: 1, N: 2}, sample) {
		if !done.Measured[arch] {
			fmt.Println("measuring", name[arch], "again")
			measfile.Measured.Append(files[1], measure(arch, measfile.Shard{I: 1, N: 2}))
		}
	}
	m, err := measfile.Merge(filepath.Join(dir, "merged.csv"), measfile.MergeOptions{}, files...)
	fmt.Println(m.Rows, "of", m.Expected, "networks merged, error:", err)
	// Output:
	// shard1.csv line 3: torn last row (263 bytes, 26 of 36 fields: an interrupted write) dropped; it will be measured again
	// measuring net3 again
	// 5 of 5 networks merged, error: <nil>
}
