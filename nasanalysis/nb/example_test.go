package nb_test

import (
	"fmt"
	"os"

	"github.com/nasanalysis/nasanalysis/nasanalysis/nb"
)

func ExampleMatrixFrame() {
	df := nb.MatrixFrame("device", []string{"true_vpu", "eagle_gtx"}, [][]float64{{1, 0.6905}, {0.6905, 1}})
	fmt.Println(df.Names())
	fmt.Println(df.Col("eagle_gtx").Float())
	// Output:
	// [device true_vpu eagle_gtx]
	// [0.6905 1]
}

// A cell computes a value once under a key naming the computation and its inputs; a later
// cell (another program under GoNB) reads it back instead of computing it again.
func ExampleCached() {
	dir, _ := os.MkdirTemp("", "nb-cache")
	defer os.RemoveAll(dir)
	os.Setenv(nb.CacheDirEnv, dir)
	defer os.Unsetenv(nb.CacheDirEnv)

	key := nb.Key("mean-latency", "nb201", "eagle_gtx")
	first := nb.Cached(key, func() (float64, error) { fmt.Println("computing"); return 12.5, nil })
	later := nb.Recall[float64](key) // in a later cell
	fmt.Println(first, later)
	// Output:
	// computing
	// 12.5 12.5
}
