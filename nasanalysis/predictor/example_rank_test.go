package predictor_test

import (
	"fmt"

	"github.com/nasanalysis/nasanalysis/nasanalysis/arch"
	"github.com/nasanalysis/nasanalysis/nasanalysis/predictor"
)

// Rank orders architectures by any predictor, here NB201's analytic MACs: the empty
// cell and the all-pooling cell cost the network's fixed 7.78 M (pooling is not
// counted) and share rank 1; one 1x1 convolution adds 15 x 262,144 MACs (11.7 M); six
// 3x3 convolutions give NAS-Bench-201's published maximum, 220.1 M. A trained
// predictor (*predictor.Trained) is used the same way.
func ExampleRank() {
	macs := predictor.PredictFunc(func(archs []arch.Arch) ([]float64, error) {
		out := make([]float64, len(archs))
		for i, a := range archs {
			out[i] = a.(arch.Costed).MACs() / 1e6
		}
		return out, nil
	})
	cells := []arch.Arch{
		arch.Cell{arch.OpConv3x3, arch.OpConv3x3, arch.OpConv3x3, arch.OpConv3x3, arch.OpConv3x3, arch.OpConv3x3},
		arch.Cell{},
		arch.Cell{arch.OpConv1x1},
		arch.Cell{arch.OpAvgPool, arch.OpAvgPool, arch.OpAvgPool, arch.OpAvgPool, arch.OpAvgPool, arch.OpAvgPool},
	}
	ranked, err := predictor.Rank(macs, cells, predictor.LowestFirst)
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, r := range ranked {
		fmt.Printf("%d. input %d, %.1f M MACs\n", r.Rank, r.Index, r.Value)
	}
	// Output:
	// 1. input 1, 7.8 M MACs
	// 1. input 3, 7.8 M MACs
	// 3. input 2, 11.7 M MACs
	// 4. input 0, 220.1 M MACs
}
