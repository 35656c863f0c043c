package nb_test

import (
	"fmt"

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
