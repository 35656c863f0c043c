package profile

import (
	"math"
	"slices"
	"strings"
	"testing"

	"github.com/nasanalysis/nasanalysis/nasanalysis/arch"
)

// The published grids land on their blocks: rows are expand ratios 3, 4, 6 and columns
// kernels 3, 5, 7 in fig/ofa_bp.png (e.g. Note10-R224's top-right cell, e6 k7, reads
// 43.41 and its bottom-left, e3 k3, 41.14).
func TestPublishedBlocks(t *testing.T) {
	bs := publishedBlocks(PaperNote10R224)
	at := func(token string) float64 {
		i := slices.IndexFunc(bs, func(b BlockMean) bool { return b.Block.String() == token })
		return bs[i].Mean
	}
	for token, want := range map[string]float64{"k7e6": 43.41, "k3e3": 41.14, "k5e4": 41.82, "k7e3": 41.81, "k3e6": 42.12} {
		if got := at(token); got != want {
			t.Errorf("%s = %v, want %v", token, got, want)
		}
	}
	if !math.IsNaN(bs[0].SE) {
		t.Error("a published block mean has a standard error")
	}
}

// The released reductions as constants.py gives them (MBV3_STAGE_WISE_BLOCK_CANDS_N10
// "Dropped e3k7, e4k7"; _GPU "Dropped e3k3, e3k7, e4k3"; _CPU every block), in the
// family's block order.
func TestPaperReduction(t *testing.T) {
	for _, c := range []struct {
		metric, device string
		drop           []string
	}{{"note10_r160", "Samsung Note10", []string{"k7e3", "k7e4"}}, {"note10_r224", "Samsung Note10", []string{"k7e3", "k7e4"}},
		{"gpu_2080ti_64", "Nvidia RTX 2080 Ti", []string{"k3e3", "k3e4", "k7e3"}}, {"predicted", "AMD Threadripper 2990WX", nil}} {
		dev, drop, ok := PaperReduction(c.metric)
		if !ok || dev != c.device || !slices.Equal(drop, c.drop) {
			t.Errorf("%s: %s %v %v", c.metric, dev, drop, ok)
		}
	}
	for _, m := range []string{"flops", "gpu_titan_rtx_1", "acc"} {
		if _, _, ok := PaperReduction(m); ok {
			t.Errorf("%s has a paper reduction", m)
		}
	}
}

// A profile whose block means are the paper's (each block fixed at one position, values
// the published mean ± 0.01) compares as equal: every range within the paper's, the
// kernel-7 steps and the Note10 table's extra charge for the expand ratio those of the
// figure: steps 42.31 - 41.81 = 0.5 and 43.41 - 42.31 = 1.1 ms, and 1.2767 - 0.9367 =
// 0.34 ms (see TestPaperSentence); predicted accuracy's e6 - e3 is
// ((77.51 - 77.43) + (77.54 - 77.43) + (77.58 - 77.42)) / 3 = 0.1167 points and its k7 - k3
// ((77.42 - 77.43) + (77.49 - 77.44) + (77.58 - 77.51)) / 3 = 0.0367, in both.
func TestComparePaperOnThePapersMeans(t *testing.T) {
	grids := [][3][3]float64{PaperAccuracy, PaperFLOPs, PaperNote10R224, PaperRTX2080Ti, PaperRTX2080Ti}
	var groups []handGroup
	for i, b := range publishedBlocks(PaperNote10R224) {
		g := handGroup{fix: arch.Fix{Stage: 0, Layer: 0, Block: b.Block}}
		for _, grid := range grids {
			v := publishedBlocks(grid)[i].Mean
			g.values = append(g.values, []float64{v - 0.01, v + 0.01})
		}
		groups = append(groups, g)
	}
	base := [][]float64{{77, 78}, {800, 801}, {42, 43}, {8, 8.2}, {8, 8.2}}
	r := handResult(arch.OFAMBv3, []string{"acc", "flops_bp", "note10_r224", "gpu_2080ti_1", "gpu_2080ti_64"}, []string{"%", "M", "ms", "ms", "ms"}, base, groups...)
	r.Space.Resolutions = []int{224}
	if _, err := ComparePaper(r); err == nil || !strings.Contains(err.Error(), "released deepening rule") {
		t.Errorf("a profile under the project's rule compared with the figure: %v", err)
	}
	r.Deepen = arch.DeepenAsReleased
	c, err := ComparePaper(r)
	if err != nil {
		t.Fatal(err)
	}
	near := func(what string, got, want float64) {
		if math.Abs(got-want) > 1e-9 {
			t.Errorf("%s = %v, want %v", what, got, want)
		}
	}
	near("Note10 expand", c.Note10.Ours.Expand.Estimate, (0.98+1.25+1.60)/3)
	near("Note10 kernel", c.Note10.Ours.Kernel.Estimate, (0.67+0.85+1.29)/3)
	near("paper expand", c.Note10.Paper.Expand.Estimate, (0.98+1.25+1.60)/3)
	near("expand over kernel", c.Note10ExpandOverKernel.Estimate, (0.98+1.25+1.60)/3-(0.67+0.85+1.29)/3)
	near("k7 step 1", c.Note10K7Steps[0].Estimate, 0.5)
	near("k7 step 2", c.Note10K7Steps[1].Estimate, 1.1)
	near("FLOPs low", c.FLOPs.Ours.Low.Mean, 790)
	near("FLOPs high", c.FLOPs.Paper.High.Mean, 824)
	got := PaperSentence(c)
	for _, want := range []string{"predicted accuracy 77.4–77.6 % (lowest k7e3, highest k7e6), within the paper's range", "FLOPs counted BlockProfile's way 790–824 M",
		"holds, each step beyond noise", "as the paper's figure does", "flat within noise, as in the paper",
		"Predicted accuracy rises with the expand ratio (e6 − e3: 0.117 ± ", "the paper's figure: 0.117 points) and rises with the kernel size (k7 − k3: 0.0367 ± "} {
		if !strings.Contains(got, want) {
			t.Errorf("sentence lacks %q:\n%s", want, got)
		}
	}
	r.Space.Resolutions = []int{160}
	if _, err := ComparePaper(r); err == nil {
		t.Error("a 160-px profile compared with the 224-px figure")
	}
}
