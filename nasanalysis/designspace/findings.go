package designspace

import (
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/nasanalysis/nasanalysis/nasanalysis/prose"
	"github.com/nasanalysis/nasanalysis/nasanalysis/stats"
)

// est writes an estimate with its interval: "0.824 (0.811–0.837)".
func est(iv stats.Interval) string { return prose.Est(iv.Estimate, iv.Lo, iv.Hi) }

// sci writes a count too large to spell out: sci(1.09e20) = "1.09 × 10²⁰".
func sci(x float64) string {
	e := int(math.Floor(math.Log10(x)))
	sup := strings.NewReplacer("-", "⁻", "0", "⁰", "1", "¹", "2", "²", "3", "³", "4", "⁴", "5", "⁵", "6", "⁶", "7", "⁷", "8", "⁸", "9", "⁹")
	return prose.Num(x/math.Pow10(e)) + " × 10" + sup.Replace(strconv.Itoa(e))
}

// rangeText describes several estimates with their intervals: the range of the
// estimates, and the range their 95 % intervals cover.
func rangeText(ivs []stats.Interval) string {
	if len(ivs) == 1 {
		return est(ivs[0])
	}
	e, lo, hi := make([]float64, len(ivs)), make([]float64, len(ivs)), make([]float64, len(ivs))
	for i, iv := range ivs {
		e[i], lo[i], hi[i] = iv.Estimate, iv.Lo, iv.Hi
	}
	return fmt.Sprintf("%s (95 %% intervals within %s)", prose.Interval(slices.Min(e), slices.Max(e)), prose.Interval(slices.Min(lo), slices.Max(hi)))
}

// pxRange writes a range of resolutions: "160–224 px".
func pxRange(res []int) string {
	return fmt.Sprintf("%d–%d px", slices.Min(res), slices.Max(res))
}

// bySign picks the words for an interval of a difference: above zero, below zero, or
// containing it.
func bySign(iv stats.Interval, above, below, none string) string {
	switch iv.Sign() {
	case 1:
		return above
	case -1:
		return below
	}
	return none
}

// SpacesFinding states each space's size and the MACs range of its random sample.
func SpacesFinding(s Samples) string {
	mobile := fmt.Sprintf("Both mobile spaces hold %s networks each", sci(s.MBv3Size))
	if s.MBv3Size != s.ProxylessSize {
		mobile = fmt.Sprintf("OFA-MobileNetV3 holds %s networks and ProxylessNAS %s", sci(s.MBv3Size), sci(s.ProxylessSize))
	}
	mb, pl, rs := s.MACs[0], s.MACs[1], s.MACs[2]
	return fmt.Sprintf("%s (%s block configurations per stage, %s stages, %d resolutions); OFA-ResNet50 %s. Their %s random networks (seed %d) span %s M MACs in OFA-MobileNetV3 (w%.1f), %s M in ProxylessNAS (w%.1f) and %s G in ResNet50.",
		mobile, prose.Num(s.PerStage), prose.Num(s.Stages), s.Resolutions, sci(s.ResNetSize), prose.Num(s.N), s.Seed,
		prose.Interval(slices.Min(mb), slices.Max(mb)), s.MBv3Width, prose.Interval(slices.Min(pl), slices.Max(pl)), s.ProxylessWidth,
		prose.Interval(slices.Min(rs)/1000, slices.Max(rs)/1000))
}

// ParamsFinding states the parameter counts' mean and median per space, with enough
// digits to compare them (millions with decimals).
func ParamsFinding(s Samples) (string, error) {
	var parts []string
	for k, p := range s.Params {
		q, err := stats.Quantiles(p, 0.5)
		if err != nil {
			return "", fmt.Errorf("parameters of %s: %w", s.Spaces[k], err)
		}
		mean, _, err := stats.MeanSD(p)
		if err != nil {
			return "", fmt.Errorf("parameters of %s: %w", s.Spaces[k], err)
		}
		parts = append(parts, fmt.Sprintf("%s mean %s M, median %s M", spaceName(s.Spaces[k]), prose.Num(mean), prose.Num(q[0])))
	}
	return fmt.Sprintf("Parameters of the same random networks: %s.", strings.Join(parts, "; ")), nil
}

// AccuracyFinding says how predicted top-1 follows Note10 latency over the random
// networks, and how widely it spreads among networks of similar latency.
func AccuracyFinding(a Accuracy) string {
	trend := bySign(a.Rho, "rises", "falls", "shows no clear trend")
	med, err := stats.Quantile(a.Spread, 0.5)
	if err != nil {
		med = math.NaN()
	}
	return fmt.Sprintf("Over the %s random networks predicted top-1 %s with Note10 latency, SRCC %s, but among networks of similar Note10 latency (each tenth of them by latency) the middle 80 %% of predicted top-1 spans %s points (median over the ten groups %s): the room a hardware-aware search exploits.",
		prose.Num(a.N), trend, est(a.Rho), prose.Interval(slices.Min(a.Spread), slices.Max(a.Spread)), prose.Num(med))
}

// MeasuredFinding reads the table of Measured: the agreement over all networks, how
// much of it the resolution carries (paired), and how parameters rank latency.
func MeasuredFinding(m Measured) string {
	n10, macs, params := m.SRCC.must(NameNote10Own), m.SRCC.must(NameMACs), m.SRCC.must(NameParams)
	within := append(slices.Clone(m.Within["Note10"]), m.Within["MACs"]...)
	dn, dm := m.AllMinusWithin["Note10"], m.AllMinusWithin["MACs"]
	s := fmt.Sprintf("Over the %s networks at %s, latency measured here ranks like the Note10 table at SRCC %s and like MACs at %s",
		prose.Num(m.N), pxRange(m.Resolutions), est(n10), est(macs))
	paired := fmt.Sprintf("over the same resamples of the networks the SRCC over all networks minus the mean within one resolution is %s for the Note10 table and %s for MACs", est(dn), est(dm))
	switch {
	case dn.Sign() > 0 && dm.Sign() > 0:
		s += fmt.Sprintf(", but within one resolution only at %s; %s: most of the agreement is \"larger inputs cost more everywhere\".", rangeText(within), paired)
	case dn.Sign() < 0 && dm.Sign() < 0:
		s += fmt.Sprintf(", and within one resolution even more closely, at %s; %s: the resolution does not make the agreement.", rangeText(within), paired)
	default:
		s += fmt.Sprintf(", and within one resolution at %s; %s, so the resolution does not explain the agreement for both.", rangeText(within), paired)
	}
	word := "moderately"
	switch {
	case params.Hi < 0.5:
		word = "poorly"
	case params.Lo >= 0.8:
		word = "well"
	}
	return s + fmt.Sprintf(" Parameters rank it %s: SRCC %s.", word, est(params))
}

// describeGPUs names a group of configurations of all: "all 4 GPUs at batch 64,
// titan_rtx_32 and titan_xp_32" (the rest in all's order).
func describeGPUs(group, all []string) string {
	byBatch := map[int][]string{}
	var batches []int
	for _, d := range all {
		b := batchOf(d)
		if byBatch[b] == nil {
			batches = append(batches, b)
		}
		byBatch[b] = append(byBatch[b], d)
	}
	slices.Sort(batches)
	var parts []string
	covered := map[string]bool{}
	for _, b := range batches {
		full := len(byBatch[b]) > 1
		for _, d := range byBatch[b] {
			full = full && slices.Contains(group, d)
		}
		if full {
			parts = append(parts, fmt.Sprintf("all %d GPUs at batch %d", len(byBatch[b]), b))
			for _, d := range byBatch[b] {
				covered[d] = true
			}
		}
	}
	for _, d := range all {
		if slices.Contains(group, d) && !covered[d] {
			parts = append(parts, d)
		}
	}
	return prose.JoinAnd(parts)
}

// splitText says which GPU configurations a latency ranks most and least like, and
// whether resampling the networks keeps the two groups' mean SRCC apart.
func splitText(sp GPUSplit) string {
	s := fmt.Sprintf("most like %s, at SRCC %s, and least like %s, at %s; the largest gap between the sorted estimates, %s, separates the two groups. ",
		describeGPUs(sp.Most, sp.All), rangeText(sp.MostCIs), describeGPUs(sp.Least, sp.All), rangeText(sp.LeastCIs), prose.Num(sp.Gap))
	return s + bySign(sp.Diff,
		fmt.Sprintf("Resampling the networks (paired bootstrap) keeps the first group's mean SRCC above the second's: difference %s, though the groups were chosen on these same networks.", est(sp.Diff)),
		fmt.Sprintf("Resampling the networks (paired bootstrap) puts the first group's mean SRCC below the second's: difference %s.", est(sp.Diff)),
		fmt.Sprintf("Resampling the networks (paired bootstrap) does not separate the groups' mean SRCC: difference %s.", est(sp.Diff)))
}

// HELPFinding reads HELP: how the Note10 table ranks HELP's networks against MACs and
// the GPU configurations.
func HELPFinding(h HELP) string {
	s := fmt.Sprintf("On the %s networks of HELP's table at %s, the Note10 table ranks networks like MACs at SRCC %s. Of the %d GPU configurations it ranks ",
		prose.Num(h.N), pxRange(h.Resolutions), est(h.SRCC.must(NameMACs)), len(h.Devices))
	s += splitText(h.Split)
	ones, allOnesLeast := 0, true
	for _, d := range h.Devices {
		if batchOf(d) == 1 {
			ones++
			allOnesLeast = allOnesLeast && slices.Contains(h.Split.Least, d)
		}
	}
	if ones > 0 && allOnesLeast {
		s += " Every GPU at batch 1 is in the second group, as expected if per-layer overheads rather than arithmetic set a GPU's latency at batch 1."
	}
	return s
}

// EngineFinding reads Engine: which GPU configurations the engine ranks like, and
// whether resampling the networks separates the two groups.
func EngineFinding(e Engine) string {
	return fmt.Sprintf("**%s** on these %d networks: SRCC %s with the Note10 table and %s with MACs. Of the GPU configurations it ranks %s",
		e.Label, e.N, est(e.SRCC.must(NameNote10At160)), est(e.SRCC.must(NameMACs)), splitText(e.Split))
}

// TwoEnginesFinding reads TwoEngines: how much slower GoMLX is, how alike the engines
// rank, and which follows MACs and the Note10 table more closely (paired).
func TwoEnginesFinding(t TwoEngines) string {
	agree := t.SRCC.must(PairEngines)
	q := t.SlowdownQuantiles
	s := fmt.Sprintf("On the same %d networks at 160 px the GoMLX pure-Go backend runs %s times slower than ONNX Runtime (median %s), and the two engines rank the networks alike at SRCC %s",
		t.N, prose.Interval(q[0], q[2]), prose.Num(q[1]), est(agree))
	if agree.Hi < OneProxyThreshold {
		s += fmt.Sprintf(", below the %g that Lu et al. require before one device's ranking stands in for another's: which engine measures \"latency on this machine\" changes which networks count as fast, which is why the project's measured column is now the deployment engine's.", OneProxyThreshold)
	} else {
		s += "."
	}
	for _, c := range []struct {
		name     string
		diff     stats.Interval
		ort, gml string
	}{{"MACs", t.MACsDiff, PairORTMACs, PairGoMLXMACs}, {"the Note10 table", t.Note10Diff, PairORTNote10, PairGoMLXN10}} {
		s += fmt.Sprintf(" GoMLX follows %s %s ONNX Runtime: SRCC %s against %s, paired difference %s.", c.name,
			bySign(c.diff, "more closely than", "less closely than", "about as closely as"), est(t.SRCC.must(c.gml)), est(t.SRCC.must(c.ort)), est(c.diff))
	}
	return s
}

// DriftFinding says how correcting each latency for the host's speed changes its SRCC
// with MACs, in each per-space file, and what that says about the machine.
func DriftFinding(d Drift) string {
	var parts, raised []string
	hows := map[string]bool{}
	for _, s := range d.Spaces {
		parts = append(parts, fmt.Sprintf("%s %s → %s, change %s", s.Space, prose.Num(s.Raw), prose.Num(s.Corrected), est(s.Change)))
		if s.Change.Sign() > 0 {
			raised = append(raised, s.Space)
		}
		hows[s.Correction] = true
	}
	how := "each file as its protocol allows"
	if len(hows) == 1 {
		for h := range hows {
			how = h
		}
	}
	out := "Correcting each raw median for the host's speed (" + how + ") changes its SRCC with MACs (change with its paired bootstrap interval): " + strings.Join(parts, "; ") + "."
	if len(raised) == 0 {
		return out + " It raises the correlation in no space, so the machine's wandering speed is not why latency measured here departs from MACs; the runtime's own costs (depthwise and memory-bound layers cost more than their MACs say) are the likelier cause."
	}
	return out + fmt.Sprintf(" It raises the correlation in %s: there the machine's wandering speed hid part of the order MACs give.", prose.JoinAnd(raised))
}

// BlocksFinding says how much of a network's profiled time its blocks cover.
func BlocksFinding(b Blocks) string {
	q := b.CoverageQ
	s := fmt.Sprintf("The blocks account for %s %% of the profiled end-to-end time at the median network (%s %% for the middle 90 %% of the %d networks, %s %% for all of them",
		prose.Num(100*q[2]), prose.Interval(100*q[1], 100*q[3]), len(b.Coverage), prose.Interval(100*q[0], 100*q[4]))
	if b.Above1 > 0 {
		s += fmt.Sprintf("; in %s the sum of the blocks' median times exceeds the median run, as a sum of medians can", prose.Num(b.Above1))
	}
	return s + "); the rest is the executor's own work outside any node."
}

// Findings gathers the study's results for Takeaways.
type Findings struct {
	Samples    Samples
	Accuracy   Accuracy
	Measured   Measured
	HELP       HELP
	ORT, GoMLX Engine
	Two        TwoEngines
	Drift      Drift
	Blocks     Blocks
	// Repeats and Tables are section 8's (none: no bullet for it).
	Repeats []Repeat
	Tables  []TableCheck
}

// Takeaways states the study's findings, one bullet each (Markdown emphasis on the
// bullet's head), from the results of every section.
func Takeaways(f Findings) []string {
	out := []string{
		"**Sizes.** " + SpacesFinding(f.Samples),
		"**Compute orders the table latencies.** " + HELPFinding(f.HELP),
		"**This machine, with ONNX Runtime.** " + MeasuredFinding(f.Measured) + " " + DriftFinding(f.Drift),
		fmt.Sprintf("**HELP's %d networks, timed here.** %s %s", f.ORT.N, EngineFinding(f.ORT), EngineFinding(f.GoMLX)),
		"**Two engines.** " + TwoEnginesFinding(f.Two),
		"**Accuracy is not free.** " + AccuracyFinding(f.Accuracy),
		"**Where a network's time goes.** " + BlocksFinding(f.Blocks),
	}
	if len(f.Repeats) > 0 && len(f.Tables) > 0 {
		out = append(out, "**This machine as a device.** "+RepeatFinding(f.Repeats)+" "+TableFinding(f.Tables))
	}
	return out
}
