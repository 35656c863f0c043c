package figures

import (
	"fmt"
	"strconv"

	"github.com/nasanalysis/nasanalysis/nasanalysis/arch"
	"github.com/nasanalysis/nasanalysis/nasanalysis/plots"
	"github.com/nasanalysis/nasanalysis/nasanalysis/prose"
	"github.com/nasanalysis/nasanalysis/nasanalysis/search"
)

// The figures and tables of the search studies (notebooks 07 and 08). A size argument
// is the study size a notebook ran at ("small" or "paper"), stated in the caption; ""
// leaves it out.

// searchSize is the caption's clause naming the study size.
func searchSize(size string) string {
	if size == "" {
		return ""
	}
	return "; study size " + size
}

// searchAxisLabel labels a latency source's axis with its unit.
func searchAxisLabel(name, unit string) string { return name + " (" + unit + ")" }

// searchBand is a FrontBand as a Lines series: the median line in the worst-to-best band.
func searchBand(name string, style int, b search.FrontBand) plots.Series {
	s := plots.Band(name, b.Latency, b.Median, b.Worst, b.Best)
	s.Style = style
	return s
}

// searchNSGA describes the searches behind a figure, in space.
func searchNSGA(cfg search.NSGAConfig, space arch.Space, seeds int, size string) string {
	return fmt.Sprintf("NSGA-II fronts over %d seeds (population %d, %d generations, %s%s)", seeds, cfg.Population, cfg.Generations, searchResolution(space), searchSize(size))
}

// searchResolution states the resolution a space's networks run at.
func searchResolution(space arch.Space) string {
	switch len(space.Resolutions) {
	case 0:
		return "resolution searched"
	case 1:
		return fmt.Sprintf("%d px", space.Resolutions[0])
	}
	var rs []string
	for _, r := range space.Resolutions {
		rs = append(rs, strconv.Itoa(r))
	}
	return "resolution searched among " + prose.JoinAnd(rs) + " px"
}

// armPair is one pair of boxes of a hypervolume figure: two arms with their labels and
// the mean hypervolume both are divided by.
type armPair struct {
	names [2]string
	arms  [2]search.Arm
	base  float64
}

// searchBoxes draws two arms' hypervolumes per seed, each divided by its pair's base,
// as one pair of boxes per comparison; what names the figure in the error for none.
// The caption is built from the first comparison, once there is one.
func searchBoxes[C any](what, title, ylabel string, cs []C, pair func(C) armPair, caption func(first C) string) (*plots.Figure, error) {
	if len(cs) == 0 {
		return nil, fmt.Errorf("%s: no comparison", what)
	}
	var names []string
	var vals [][]float64
	for _, c := range cs {
		p := pair(c)
		for k, a := range p.arms {
			names, vals = append(names, p.names[k]), append(vals, a.HV.Relative(p.base))
		}
	}
	return plots.BoxPlots(plots.Axes{Title: title, YLabel: ylabel, KeepOrder: true, Caption: caption(cs[0])}, plots.Distributions(names, vals)...)
}

// boxCaption says what a box of hypervolumes per seed shows, then what is shown.
func boxCaption(seeds int, size, shown string) string {
	s := fmt.Sprintf("Each box summarises the hypervolumes of %d searches, one per seed: median, quartiles, whiskers to 1.5 times the interquartile range, and a point for a seed beyond them. %s", seeds, shown)
	if size != "" {
		s += " Study size " + size + "."
	}
	return s
}

// ReuseFronts draws a ReuseComparison's two arms as bands of fronts on the target.
func ReuseFronts(r search.ReuseComparison, size string) (*plots.Figure, error) {
	return plots.Lines(plots.Axes{Title: "Proxy reuse: " + r.Proxy + " -> " + r.Target, XLabel: r.Target + " latency (" + r.Unit + ")",
		YLabel: "predicted ImageNet top-1 (%)", LegendBottom: true,
		Caption: fmt.Sprintf("%s: median over seeds of the best accuracy within each latency, band from the worst to the best seed. %s", searchNSGA(r.Config, r.Space, len(r.Seeds), size), r.About)},
		true, searchBand("searched on "+r.Proxy+", shown on "+r.Target, 1, r.Reused.Band), searchBand("searched on "+r.Target, 2, r.Own.Band))
}

// ReuseHypervolumes draws, per target, the reused and the own search's hypervolume per
// seed relative to the own search's mean.
func ReuseHypervolumes(rs []search.ReuseComparison, size string) (*plots.Figure, error) {
	return searchBoxes("reuse hypervolumes", "Hypervolume on the target per seed, relative to searching on it", "hypervolume / target-search mean (ratio)", rs,
		func(r search.ReuseComparison) armPair {
			return armPair{[2]string{r.Target + " reused", r.Target + " own search"}, [2]search.Arm{r.Reused, r.Own}, r.Own.HV.Mean.Estimate}
		},
		func(r search.ReuseComparison) string {
			return boxCaption(len(r.Seeds), size, fmt.Sprintf("The %s fronts re-scored on each target, and the target's own searches, are divided by the mean of the target's own search.", r.Proxy))
		})
}
