package figures

import (
	"math"
	"strings"
	"testing"

	"github.com/nasanalysis/nasanalysis/nasanalysis/arch"
	"github.com/nasanalysis/nasanalysis/nasanalysis/profile"
	"github.com/nasanalysis/nasanalysis/nasanalysis/stats"
)

// profileSample is a hand-made sample of 50 networks per fix.
var profileSample = profile.Sample{Space: arch.Space{Family: arch.OFAMBv3, Resolutions: []int{224}}, N: 50, Groups: 181, Fixes: 180, Positions: 20, Blocks: []string{"k3e3", "k3e4", "k3e6", "k5e3", "k5e4", "k5e6", "k7e3", "k7e4", "k7e6"}, Seed: 2021}

func profileCaption(t *testing.T, name, caption string, wants ...string) {
	t.Helper()
	for _, w := range wants {
		if !strings.Contains(caption, w) {
			t.Errorf("%s caption %q lacks %q", name, caption, w)
		}
	}
}

// The study's figures draw from hand-made results; their captions state the sample and
// the unit.
func TestProfileFigures(t *testing.T) {
	resp := profile.Response{Sample: profileSample, Metric: "note10_r224", Unit: "ms", About: "Note10 table", Baseline: 42}
	for i, b := range profileSample.Blocks {
		bs, _ := arch.ParseBlocks(arch.OFAMBv3, b)
		mean := 41 + float64(i)/4
		if i == 4 {
			mean = math.NaN()
		}
		resp.Blocks = append(resp.Blocks, profile.BlockMean{Block: bs[0], Mean: mean, SE: 0.05, N: 1000})
	}
	f, err := ProfileResponse(resp)
	if err != nil {
		t.Fatal(err)
	}
	searchRender(t, "response", f)
	profileCaption(t, "response", f.Caption, "Mean note10_r224 (ms) of the 1,000 networks", "50 random ofa-mbv3 networks per fix (180 fixes and a baseline: 9,050 networks), 224 px, seed 2021",
		"baseline's mean is 42 ms", "at most 0.0500 ms", "Grey cells", "note10_r224: Note10 table.")

	var ps []profile.TestedPosition
	for s := range 5 {
		for l := range 4 {
			v := float64(s + l)
			ps = append(ps, profile.TestedPosition{Position: profile.Position{Stage: s, Layer: l, Spread: stats.Interval{Estimate: v, Lo: v - 1, Hi: v + 1}},
				Test: stats.PermutationResult{Observed: v, P: 0.5, Shuffles: 999}})
		}
	}
	pt := profile.PlacementTest{Sample: profileSample, Metric: "acc", Unit: "%", Bootstrap: 1000, Positions: ps}
	f, err = ProfilePlacement(pt)
	if err != nil {
		t.Fatal(err)
	}
	searchRender(t, "placement", f)
	profileCaption(t, "placement", f.Caption, "9 block means of acc (%)", "each mean over 50 networks", "999 shuffles per position")

	pos := []profile.Position{{Stage: 0, Layer: 0}, {Stage: 0, Layer: 2}}
	c := profile.DeepeningComparison{Sample: profileSample, PresentByLayer: []float64{1, 1, 0.6}, Metrics: []profile.RuleSpreads{
		{Metric: "flops", Unit: "M", Positions: pos, Included: []float64{3, 5}, Released: []float64{3, 2}, IncludedBeyond: []bool{true, true}, ReleasedBeyond: []bool{true, false}}}}
	figs, err := ProfileDeepening(c)
	if err != nil || len(figs) != 1 {
		t.Fatalf("%d deepening figures, %v", len(figs), err)
	}
	searchRender(t, "deepening", figs[0])
	profileCaption(t, "deepening", figs[0].Caption, "50 networks per fix, 224 px, seed 2021", "One colour scale")

	tc := profile.TruthComparison{Sample: profileSample, Metric: "measured", Shift: []float64{1, 2, 3}, Measured: []float64{0.5, 1, 1.2}, TruthNetworks: 300, TruthMinN: 12, TruthMaxN: 150}
	tc.Space.Resolutions = []int{160}
	f, err = ProfileTruth(tc, "datasets/profile.csv, ONNX Runtime")
	if err != nil {
		t.Fatal(err)
	}
	searchRender(t, "truth", f)
	profileCaption(t, "truth", f.Caption, "3 fixes at 160 px", "the 12–150 of the 300 networks", "shift of measured from 50 networks per fix (seed 2021), datasets/profile.csv, ONNX Runtime.")
}

// ProfileResponses draws one figure per named metric of a run, and refuses a metric the
// profile does not have.
func TestProfileResponses(t *testing.T) {
	r, err := profile.Spec{Space: arch.Space{Family: arch.OFAMBv3, Resolutions: []int{160}}, N: 2, Seed: 1, Metrics: []string{"flops", "params"}}.Run()
	if err != nil {
		t.Fatal(err)
	}
	figs, err := ProfileResponses(r, "flops", "params")
	if err != nil || len(figs) != 2 {
		t.Fatalf("%d figures, %v", len(figs), err)
	}
	profileCaption(t, "flops", figs[0].Caption, "Mean flops (M) of the 40 networks", "2 random ofa-mbv3 networks per fix (180 fixes and a baseline: 362 networks), 160 px, seed 1")
	if _, err := ProfileResponses(r, "acc"); err == nil {
		t.Error("a metric the profile lacks gave no error")
	}
}

// The paper comparison's figure: one per named panel, captioned with its metric and
// sample; a metric that is not a panel is refused.
func TestProfilePaperRules(t *testing.T) {
	offset := func(add float64) profile.PaperOffset {
		o := profile.PaperOffset{PaperPanel: profile.PaperPanels[3], Unit: "ms"}
		for i := range 9 {
			v := 41 + float64(i)/4
			o.PaperBlocks, o.Ours, o.SE = append(o.PaperBlocks, v), append(o.Ours, v+add), append(o.SE, 0.1)
		}
		return o
	}
	p := profile.PaperRules{Sample: profileSample, Released: []profile.PaperOffset{offset(0)}, Included: []profile.PaperOffset{offset(0.5)}}
	figs, err := ProfilePaperRules(p, "note10_r224")
	if err != nil || len(figs) != 1 {
		t.Fatalf("%d figures, %v", len(figs), err)
	}
	profileCaption(t, "paper rules", figs[0].Caption, "(note10_r224)", "50 random ofa-mbv3 networks per fix", "released: BlockProfile's released deepening rule")
	if _, err := figs[0].Bytes("svg"); err != nil {
		t.Error(err)
	}
	if _, err := ProfilePaperRules(p, "params"); err == nil {
		t.Error("params drawn as a panel")
	}
}
