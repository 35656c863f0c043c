package latency_test

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/nasanalysis/nasanalysis/nasanalysis/arch"
	"github.com/nasanalysis/nasanalysis/nasanalysis/latency"
)

// Four entries of OFA's Samsung Note10 table for 160 px (ofa/note10/160_lookup_table.yaml):
// the operators after the last MBConv block of every OFA-MobileNetV3 network at width 1.2.
const note10Tail = `AvgPool2D-input:5x5x1152-output:1x1x1152:
  count: 491
  mean: 0.008482688391038698
  std: 0.0006733248071883371
Conv_1-input:5x5x192-output:5x5x1152:
  count: 498
  mean: 0.4456807228915663
  std: 0.021099412568183217
Conv_2-input:1x1x1152-output:1x1x1536:
  count: 498
  mean: 0.7474116465863454
  std: 0.09968561638146704
Logits-input:1x1x1536-output:1000:
  count: 499
  mean: 0.656440881763527
  std: 0.07729654276272765
`

// A network's table latency is the sum of its operators' means; here the head's four
// operators: 0.00848 + 0.44568 + 0.74741 + 0.65644 = 1.85802 ms. An operator the table
// lacks is an error naming it, never a zero.
func ExampleLUT_Sum() {
	dir, err := os.MkdirTemp("", "nasanalysis-example")
	if err != nil {
		fmt.Println(err)
		return
	}
	defer os.RemoveAll(dir)
	path := filepath.Join(dir, "160_lookup_table.yaml")
	if err := os.WriteFile(path, []byte(note10Tail), 0o644); err != nil {
		fmt.Println(err)
		return
	}
	lut, err := latency.ReadLUT(path)
	if err != nil {
		fmt.Println(err)
		return
	}
	head := []string{
		"Conv_1-input:5x5x192-output:5x5x1152",
		"AvgPool2D-input:5x5x1152-output:1x1x1152",
		"Conv_2-input:1x1x1152-output:1x1x1536",
		"Logits-input:1x1x1536-output:1000",
	}
	ms, err := lut.Sum(head)
	fmt.Printf("%d operators, head %.5f ms, err %v\n", len(lut.Mean), ms, err)
	_, err = lut.Sum(append(head, "Conv-input:160x160x3-output:80x80x24"))
	fmt.Println(strings.ReplaceAll(err.Error(), path, "160_lookup_table.yaml"))
	// Output:
	// 4 operators, head 1.85802 ms, err <nil>
	// 160_lookup_table.yaml has no entry for operator "Conv-input:160x160x3-output:80x80x24"
}

// The lookup-table keys of the smallest OFA-ResNet50 network at 128 px: its input stem,
// its ten bottlenecks (the shape-changing first of each stage with downsample:1) and
// its head.
func ExampleResNetKeys() {
	a := arch.ResNetArch{D: []int{0, 0, 0, 0, 0}, E: slices.Repeat([]float64{0.2}, 18), W: make([]int, 6), R: 128}
	for _, k := range latency.ResNetKeys(a) {
		fmt.Println(k)
	}
	// Output:
	// input_stem-input:128x128x3-mid:24-output:32x32x40-middle:0
	// bottleneck-input:32x32x40-mid:32-output:32x32x168-stride:1-downsample:1
	// bottleneck-input:32x32x168-mid:32-output:32x32x168-stride:1-downsample:0
	// bottleneck-input:32x32x168-mid:64-output:16x16x336-stride:2-downsample:1
	// bottleneck-input:16x16x336-mid:64-output:16x16x336-stride:1-downsample:0
	// bottleneck-input:16x16x336-mid:136-output:8x8x664-stride:2-downsample:1
	// bottleneck-input:8x8x664-mid:136-output:8x8x664-stride:1-downsample:0
	// bottleneck-input:8x8x664-mid:136-output:8x8x664-stride:1-downsample:0
	// bottleneck-input:8x8x664-mid:136-output:8x8x664-stride:1-downsample:0
	// bottleneck-input:8x8x664-mid:264-output:4x4x1328-stride:2-downsample:1
	// bottleneck-input:4x4x1328-mid:264-output:4x4x1328-stride:1-downsample:0
	// head-input:4x4x1328-output:1000
}
