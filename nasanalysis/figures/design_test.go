package figures

import (
	"strings"
	"testing"

	"github.com/nasanalysis/nasanalysis/nasanalysis/designspace"
	"github.com/nasanalysis/nasanalysis/nasanalysis/plots"
)

func designWantCaption(t *testing.T, what string, f *plots.Figure, err error, parts ...string) {
	t.Helper()
	if err != nil {
		t.Fatalf("%s: %v", what, err)
	}
	for _, p := range parts {
		if !strings.Contains(f.Caption, p) {
			t.Errorf("%s: caption %q lacks %q", what, f.Caption, p)
		}
	}
}

// Hand-made study results draw, and each caption states its sample from the result.
func TestDesignFigures(t *testing.T) {
	s := designspace.Samples{N: 3, Seed: 2021, Spaces: []string{"a (w1.2)", "b (w1.3)", "c"},
		MACs: [][]float64{{100, 200, 300}, {150, 250, 350}, {1000, 2000, 3000}}, Params: [][]float64{{5, 6, 7}, {4, 5, 6}, {20, 25, 30}},
		Priced: 2, PricedRes: []int{160, 224}, Note10: [][]float64{{20, 25}, {30, 40}}}
	macs, params, err := DesignCostBoxes(s)
	designWantCaption(t, "MACs", macs, err, "3 random architectures per space, seed 2021")
	designWantCaption(t, "params", params, err, "seed 2021")
	f, err := DesignNote10ByResolution(s)
	designWantCaption(t, "Note10", f, err, "the first 2 of the random ofa-mbv3 networks above (seed 2021), each priced at all 2 resolutions")

	a := designspace.Accuracy{N: 2, Seed: 2021, Width: 1.2, Top1: []float64{77, 79}, Note10: []float64{20, 30}, MACs: []float64{200, 300}, ResIndex: []int{0, 1},
		Resolutions: []int{160, 224}, ResNetMACs: []float64{1000, 2000}, ResNetTop1: []float64{78, 80}}
	f, err = DesignTop1VsNote10(a)
	designWantCaption(t, "top-1 vs Note10", f, err, "2 random ofa-mbv3 (w1.2) networks, seed 2021")
	f, err = DesignTop1VsMACs(a)
	designWantCaption(t, "top-1 vs MACs", f, err, "(w1.2)")
	f, err = DesignResNetTop1(a)
	designWantCaption(t, "ResNet", f, err, "2 random ofa-resnet50 networks, seed 2021")

	m := designspace.Measured{File: "m.csv", N: 2, Disturbed: 1, Repeats: [2]float64{10, 100}, Names: []string{"x", "y"},
		Cols: [][]float64{{1, 2}, {77, 78}}, Matrix: [][]float64{{1, 0.5}, {0.5, 1}}, ResIndex: []int{0, 1}, Resolutions: []int{160, 224}}
	f, err = DesignTop1VsMeasured(m)
	designWantCaption(t, "top-1 vs measured", f, err, "2 random ofa-mbv3 networks of datasets/m.csv", "median of 10–100 timed runs (1 rows flagged disturbed)")
	f, err = DesignMeasuredHeatmap(m)
	designWantCaption(t, "measured heatmap", f, err, "2 networks of datasets/m.csv (ONNX Runtime, 1 thread; 160–224 px)")

	h := designspace.HELP{N: 2, Resolutions: []int{160, 224}, Devices: []string{"g_1"}, GPU: [][]float64{{3, 4}}, Top1: []float64{77, 78},
		Names: []string{"Note10", "MACs", "g_1"}, Matrix: [][]float64{{1, 0.9, 0.3}, {0.9, 1, 0.2}, {0.3, 0.2, 1}}}
	f, err = DesignHELPTop1(h, "g_1")
	designWantCaption(t, "HELP scatter", f, err, "2 networks of ofa/gpu_latency.csv at 160–224 px")
	if _, err := DesignHELPTop1(h, "nope"); err == nil {
		t.Error("unknown configuration: no error")
	}
	f, err = DesignHELPHeatmap(h)
	designWantCaption(t, "HELP heatmap", f, err, "2 of the networks of ofa/gpu_latency.csv")

	f, err = DesignTwoEngines(designspace.TwoEngines{N: 2, Disturbed: 1, ORT: []float64{5, 6}, GoMLX: []float64{2000, 2500}})
	designWantCaption(t, "two engines", f, err, "2 ofa-mbv3 networks at 160 px", "(1 ONNX Runtime rows flagged disturbed)")
	f, err = DesignDrift(designspace.Drift{Spaces: []designspace.DriftSpace{{Space: "a", File: "a.csv", N: 2, MACs: []float64{1, 2}, MS: []float64{3, 4}}, {Space: "b", File: "b.csv", N: 2, MACs: []float64{1, 2}, MS: []float64{3, 5}}}})
	designWantCaption(t, "drift", f, err, "(datasets/a.csv, b.csv; network counts in the legend)")
	f, err = DesignBlocks(designspace.Blocks{File: "b.csv", Names: []string{"stem", "head"}, MS: [][]float64{{0.2, 0.3}, {0.5, 0.6}}, Coverage: []float64{0.9, 0.95}})
	designWantCaption(t, "blocks", f, err, "2 networks of datasets/b.csv")
}
