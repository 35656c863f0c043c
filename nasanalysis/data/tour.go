package data

import (
	"cmp"
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"strings"

	"github.com/go-gota/gota/dataframe"
	"github.com/go-gota/gota/series"

	"github.com/nasanalysis/nasanalysis/nasanalysis/arch"
	"github.com/nasanalysis/nasanalysis/nasanalysis/prose"
	"github.com/nasanalysis/nasanalysis/nasanalysis/stats"
)

// This file holds the facts of the data tour (notebook 01) that describe the datasets
// themselves: where latencies are missing, which device columns look duplicated, how
// far latencies spread, and how latency relates to accuracy. Each fact comes with the
// sentence that states it; the words of each sentence are chosen from the numbers.

// Gap is one device column of a dataset that lacks some latencies.
type Gap struct {
	Dataset, Device string
	Missing, Cells  int // latencies missing in the column, and the dataset's architectures
}

// Gaps lists, for every dataset (DatasetNames order) and device column (file order),
// the columns with missing latencies.
func Gaps(dataDir string) ([]Gap, error) {
	var out []Gap
	for _, name := range DatasetNames() {
		t, err := LoadLatency(dataDir, name)
		if err != nil {
			return nil, err
		}
		for d, m := range t.Missing() {
			if m > 0 {
				out = append(out, Gap{Dataset: name, Device: t.Devices[d], Missing: m, Cells: t.Len()})
			}
		}
	}
	return out, nil
}

// GapsSentence states where latencies are missing and how the figures treat them.
func GapsSentence(gaps []Gap) string {
	const treatment = "Figures and correlations leave them out (pairwise deletion); they are never ranked."
	var parts []string
	for _, g := range gaps {
		parts = append(parts, fmt.Sprintf("`%s` on `%s` (%s of %s cells)", g.Dataset, g.Device, prose.Num(g.Missing), prose.Num(g.Cells)))
	}
	switch len(parts) {
	case 0:
		return "No dataset has a missing latency."
	case 1:
		return fmt.Sprintf("The only missing latencies are those of %s, failed runs according to the dataset's README. %s", parts[0], treatment)
	}
	return fmt.Sprintf("Missing latencies: %s. %s", strings.Join(parts, "; "), treatment)
}

// MeasuredNote names, for a caption, each device of t that lacks some latencies with how
// many cells it has: " (rice_edgetpu: 1,740 measured, 259 missing and left out)"; ""
// when no device lacks any. A caption that gives t.Len() cells per device needs it.
func (t *LatencyTable) MeasuredNote() string {
	var parts []string
	for d, m := range t.Missing() {
		if m > 0 {
			parts = append(parts, fmt.Sprintf("%s: %s measured, %s missing and left out", t.Devices[d], prose.Num(t.Len()-m), prose.Num(m)))
		}
	}
	if len(parts) == 0 {
		return ""
	}
	return " (" + strings.Join(parts, "; ") + ")"
}

// Two device columns count as one measurement published twice when they rank the
// architectures with SRCC at least DuplicateSRCC and their latencies differ, cell by
// cell, by less than DuplicateRelDiff (relative) at the 90th percentile.
const (
	DuplicateSRCC    = 0.99
	DuplicateRelDiff = 0.05
)

// ColumnPair compares two device columns of one table cell by cell.
type ColumnPair struct {
	A, B                 string
	HardwareA, HardwareB string
	Cells                int     // architectures measured on both
	MedianRelDiff        float64 // median of |a - b| / b over those cells
	P90RelDiff           float64 // its 90th percentile
	SRCC                 float64 // Spearman's rho of the two columns
}

// CompareColumns compares devices a and b of t; devs (LoadDevices) gives their hardware.
func CompareColumns(t *LatencyTable, devs []Device, a, b string) (ColumnPair, error) {
	x, err := t.Column(a)
	if err != nil {
		return ColumnPair{}, err
	}
	y, err := t.Column(b)
	if err != nil {
		return ColumnPair{}, err
	}
	p := ColumnPair{A: a, B: b}
	for _, d := range devs {
		switch d.Name {
		case a:
			p.HardwareA = d.Hardware
		case b:
			p.HardwareB = d.Hardware
		}
	}
	var rel []float64
	for i := range x {
		if !math.IsNaN(x[i]) && !math.IsNaN(y[i]) {
			rel = append(rel, math.Abs(x[i]-y[i])/y[i])
		}
	}
	p.Cells = len(rel)
	q, err := stats.Quantiles(rel, 0.5, 0.9)
	if err != nil {
		return ColumnPair{}, fmt.Errorf("%s: %s and %s share no measured cell: %w", t.Path, a, b, err)
	}
	p.MedianRelDiff, p.P90RelDiff = q[0], q[1]
	if p.SRCC, err = stats.SpearmanRho(x, y); err != nil {
		return ColumnPair{}, fmt.Errorf("%s: %s vs %s: %w", t.Path, a, b, err)
	}
	return p, nil
}

// LikelyDuplicate reports whether the two columns agree as closely as one measurement
// published twice (DuplicateSRCC, DuplicateRelDiff).
func (p ColumnPair) LikelyDuplicate() bool {
	return p.SRCC >= DuplicateSRCC && p.P90RelDiff < DuplicateRelDiff
}

// DuplicateSentence states how closely the two columns agree and what that means, for
// a pair the dataset's README flags as likely duplicated upstream (nb201's eagle_gtx
// and eagle_i7).
func (p ColumnPair) DuplicateSentence() string {
	verdict := "The dataset README flags the pair as possibly duplicated upstream; by these numbers the two columns are distinct measurements."
	if p.LikelyDuplicate() {
		verdict = "Two different processors are not expected to agree this closely: the dataset README flags the pair as most likely duplicated upstream, and the correlation heatmaps below show it as a block of near-ones."
		if p.HardwareA == p.HardwareB {
			verdict = "The two columns agree as closely as one measurement published twice; the dataset README flags them as duplicated upstream."
		}
	}
	return fmt.Sprintf("Note the pair `%s` (%s) and `%s` (%s): cell by cell their latencies differ by a median of %s %% (90th percentile %s %%), and they rank the %s cells with SRCC %s. %s",
		p.A, p.HardwareA, p.B, p.HardwareB, prose.Num(100*p.MedianRelDiff), prose.Num(100*p.P90RelDiff), prose.Num(p.Cells), prose.Num(p.SRCC), verdict)
}

// Batches returns the distinct batch sizes of devs, smallest first.
func Batches(devs []Device) []int { return distinctOf(devs, func(d Device) int { return d.Batch }) }

// hardwareOf returns the distinct hardware of devs, sorted.
func hardwareOf(devs []Device) []string {
	return distinctOf(devs, func(d Device) string { return d.Hardware })
}

// distinctOf returns the distinct values of key over devs, in increasing order (nil
// for no device).
func distinctOf[T cmp.Ordered](devs []Device, key func(Device) T) []T {
	var out []T
	for _, d := range devs {
		out = append(out, key(d))
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// ConfigurationsCaption captions the device table of dataset a (devsA, from
// LoadDevices) and says how the configurations of dataset b (devsB) compare: the same
// columns, the same hardware at other batch sizes, or other hardware. HELP measured
// nb201-full's GPUs at batch 1, 32 and 256 and fbnet's at 1, 32 and 64.
func ConfigurationsCaption(a string, devsA []Device, b string, devsB []Device) string {
	hw := hardwareOf(devsA)
	s := fmt.Sprintf("The %d configurations of %s (%d pieces of hardware), grouped by kind; batch size is part of the device.", len(devsA), a, len(hw))
	switch {
	case slices.Equal(DeviceNames(devsA), DeviceNames(devsB)):
		return s + fmt.Sprintf(" %s has the same %d configurations.", b, len(devsB))
	case slices.Equal(hw, hardwareOf(devsB)):
		ba, bb := Batches(devsA), Batches(devsB)
		if slices.Equal(ba, bb) {
			return s + fmt.Sprintf(" %s has the same hardware at the same batch sizes, in %d configurations.", b, len(devsB))
		}
		return s + fmt.Sprintf(" %s has the same hardware in %d configurations, at batch sizes %s where %s has %s.",
			b, len(devsB), joinInts(bb), a, joinInts(ba))
	}
	return s + fmt.Sprintf(" %s has %d configurations of %d pieces of hardware.", b, len(devsB), len(hardwareOf(devsB)))
}

func joinInts(v []int) string {
	s := make([]string, len(v))
	for i, x := range v {
		s[i] = prose.Num(x)
	}
	return prose.JoinAnd(s)
}

// MedianRange is the device with the lowest and the one with the highest median
// latency in a table.
type MedianRange struct {
	Low, High             string
	LowMedian, HighMedian float64 // ms
}

// MedianLatencyRange finds the devices of t with the lowest and highest median latency
// (over each device's measured cells).
func MedianLatencyRange(t *LatencyTable) (MedianRange, error) {
	var r MedianRange
	for d, col := range t.Latency {
		med, err := stats.Quantile(col, 0.5)
		if err != nil {
			return MedianRange{}, fmt.Errorf("%s: column %s: %w", t.Path, t.Devices[d], err)
		}
		if r.Low == "" || med < r.LowMedian {
			r.Low, r.LowMedian = t.Devices[d], med
		}
		if r.High == "" || med > r.HighMedian {
			r.High, r.HighMedian = t.Devices[d], med
		}
	}
	if r.Low == "" {
		return MedianRange{}, fmt.Errorf("%s: no device columns", t.Path)
	}
	return r, nil
}

// LogScaleRatio is the ratio of the highest to the lowest median latency from which a
// figure of latencies needs a log scale: an order of magnitude.
const LogScaleRatio = 10

// Sentence states the range of median latencies, and that it is why the figure uses a
// log scale when it spans at least LogScaleRatio.
func (r MedianRange) Sentence() string {
	ratio := r.HighMedian / r.LowMedian
	scale := ""
	if ratio >= LogScaleRatio {
		scale = ", hence the log scale"
	}
	return fmt.Sprintf("The median latency runs from %s ms on `%s` to %s ms on `%s`: a factor of %s%s.",
		prose.Num(r.LowMedian), r.Low, prose.Num(r.HighMedian), r.High, prose.Num(ratio), scale)
}

// WholeMilliseconds lists the devices of t whose every measured latency is a whole
// number of milliseconds (released rounded, so their distributions are coarse).
func WholeMilliseconds(t *LatencyTable) []string {
	var out []string
	for d, col := range t.Latency {
		whole, any := true, false
		for _, v := range col {
			if math.IsNaN(v) {
				continue
			}
			any = true
			if v != math.Trunc(v) {
				whole = false
				break
			}
		}
		if whole && any {
			out = append(out, t.Devices[d])
		}
	}
	return out
}

// WholeMillisecondsNote is the caption sentence for the devices WholeMilliseconds
// found: " The latencies of a, b are whole milliseconds, as released, so their boxes
// are coarse."; "" for none.
func WholeMillisecondsNote(devices []string) string {
	if len(devices) == 0 {
		return ""
	}
	return fmt.Sprintf(" The latencies of %s are whole milliseconds, as released, so their boxes are coarse.", strings.Join(devices, ", "))
}

// ResolutionRange returns the smallest and largest input resolution (px) of t's
// OFA-MobileNetV3 sub-networks; ok is false for other spaces.
func ResolutionRange(t *LatencyTable) (lo, hi int, ok bool) {
	for _, a := range t.Parsed {
		m, isMB := a.(arch.MBArch)
		if !isMB {
			return 0, 0, false
		}
		if !ok || m.R < lo {
			lo = m.R
		}
		if !ok || m.R > hi {
			hi = m.R
		}
		ok = true
	}
	return lo, hi, ok
}

// AccuracyLabel names an accuracy column (AccuracyColumns) in prose: "CIFAR-10".
func AccuracyLabel(column string) string {
	switch column {
	case "cifar10_acc":
		return "CIFAR-10"
	case "cifar100_acc":
		return "CIFAR-100"
	case "imagenet16_acc":
		return "ImageNet16-120"
	}
	return column
}

// Rank correlations of at most ModerateRho in absolute value are called weak, up to
// StrongRho moderate, beyond it strong (the usual reading of Spearman's rho).
const (
	ModerateRho = 0.3
	StrongRho   = 0.6
)

// Strength words the size of a rank correlation: "weak", "moderate" or "strong" (see
// ModerateRho, StrongRho) for the absolute value r.
func Strength(r float64) string {
	switch r = math.Abs(r); {
	case r > StrongRho:
		return "strong"
	case r > ModerateRho:
		return "moderate"
	}
	return "weak"
}

// AccuracyLatency is how accuracy relates to latency among the architectures of an
// NB201 latency table, and where those architectures sit in the whole space.
type AccuracyLatency struct {
	Column           string // accuracy column, e.g. cifar10_acc
	Cells            int    // architectures of the latency table
	Min, Median, Max float64
	SpaceCells       int     // cells of the whole NAS-Bench-201 space
	SpaceMedian      float64 // their median accuracy
	AtLeastMin       int     // cells of the space at least as accurate as Min
	Devices          []string
	Rho              []stats.Interval // Spearman(latency, accuracy) per device, percentile bootstrap
	Resamples        int
	Seed             uint64
}

// TopShare is the share of the space's cells at least as accurate as the table's least
// accurate one: 1 for a table spanning the space, small for a table of its best cells.
func (a AccuracyLatency) TopShare() float64 { return float64(a.AtLeastMin) / float64(a.SpaceCells) }

// AccuracyVsLatency measures, for accuracy column of acc over the cells of lat, where
// those cells sit in the space and how strongly latency on each of devices ranks them
// like accuracy: Spearman's rho with a 95 % percentile-bootstrap interval from
// resamples resamples, each device's drawn from a generator seeded (seed, 1), so every
// device sees the same resampled cells.
func AccuracyVsLatency(lat *LatencyTable, acc *AccuracyTable, column string, devices []string, resamples int, seed uint64) (AccuracyLatency, error) {
	all, err := acc.Column(column)
	if err != nil {
		return AccuracyLatency{}, err
	}
	mine, err := AccuracyFor(lat, acc, column)
	if err != nil {
		return AccuracyLatency{}, err
	}
	a := AccuracyLatency{Column: column, Cells: lat.Len(), SpaceCells: len(all), Devices: devices, Resamples: resamples, Seed: seed}
	q, err := stats.Quantiles(mine, 0, 0.5, 1)
	if err != nil {
		return AccuracyLatency{}, fmt.Errorf("%s: %s: %w", lat.Path, column, err)
	}
	a.Min, a.Median, a.Max = q[0], q[1], q[2]
	if a.SpaceMedian, err = stats.Quantile(all, 0.5); err != nil {
		return AccuracyLatency{}, fmt.Errorf("%s: %s: %w", acc.Path, column, err)
	}
	a.AtLeastMin = stats.CountAtLeast(all, a.Min)
	for _, d := range devices {
		col, err := lat.Column(d)
		if err != nil {
			return AccuracyLatency{}, err
		}
		iv, err := stats.BootstrapCorrelation(col, mine, stats.Spearman, resamples, 0.95, rand.New(rand.NewPCG(seed, 1)))
		if err != nil {
			return AccuracyLatency{}, fmt.Errorf("%s: %s latency vs %s: %w", lat.Path, d, column, err)
		}
		a.Rho = append(a.Rho, iv)
	}
	return a, nil
}

// Frame lists the correlations as rows device, spearman, lo, hi.
func (a AccuracyLatency) Frame() dataframe.DataFrame {
	var rho, lo, hi []float64
	for _, iv := range a.Rho {
		rho, lo, hi = append(rho, iv.Estimate), append(lo, iv.Lo), append(hi, iv.Hi)
	}
	return dataframe.New(series.New(a.Devices, series.String, "device"), series.New(rho, series.Float, "spearman"),
		series.New(lo, series.Float, "lo"), series.New(hi, series.Float, "hi"))
}

// Largest is the largest absolute end of the correlations' intervals: the strongest
// relation the data allow on any of the devices.
func (a AccuracyLatency) Largest() float64 {
	m := 0.0
	for _, iv := range a.Rho {
		m = math.Max(m, math.Max(math.Abs(iv.Lo), math.Abs(iv.Hi)))
	}
	return m
}

// Sentences states where the table's cells sit in the space (a random-looking sample
// when at least half the space is as accurate as its worst cell, its top otherwise) and
// how strongly latency relates to accuracy on each device.
func (a AccuracyLatency) Sentences() []string {
	share := prose.Num(100 * a.TopShare())
	sample := fmt.Sprintf("They are not a random sample of the space: all of them come from its most accurate %s %%.", share)
	if a.TopShare() >= 0.5 {
		sample = fmt.Sprintf("They span most of the space: %s %% of all cells are at least as accurate as the least accurate of them.", share)
	}
	label := AccuracyLabel(a.Column)
	first := fmt.Sprintf("The %s cells score %s %% on %s (median %s %%); over all %s NAS-Bench-201 cells the median is %s %%, and %s cells reach %s %% or more. %s",
		prose.Num(a.Cells), prose.Interval(a.Min, a.Max), label, prose.Num(a.Median), prose.Num(a.SpaceCells), prose.Num(a.SpaceMedian), prose.Num(a.AtLeastMin), prose.Num(a.Min), sample)
	var per []string
	for k, d := range a.Devices {
		per = append(per, fmt.Sprintf("%s on `%s`", prose.Est(a.Rho[k].Estimate, a.Rho[k].Lo, a.Rho[k].Hi), d))
	}
	second := fmt.Sprintf("Within these cells the rank correlation between latency and accuracy is %s (95 %% intervals): at most %s, a %s relation on all %s devices.",
		strings.Join(per, ", "), prose.Num(a.Largest()), Strength(a.Largest()), prose.Num(len(a.Devices)))
	return []string{first, second}
}

// Takeaway restates the relation for a summary: how strongly latency and accuracy are
// related among the table's cells, and what follows for Pareto fronts.
func (a AccuracyLatency) Takeaway() string {
	lo, hi := math.Inf(1), math.Inf(-1)
	for _, iv := range a.Rho {
		lo, hi = math.Min(lo, iv.Lo), math.Max(hi, iv.Hi)
	}
	adverb := map[string]string{"weak": "only weakly", "moderate": "moderately", "strong": "strongly"}[Strength(a.Largest())]
	where := fmt.Sprintf("all from the most accurate %s %% of NAS-Bench-201", prose.Num(100*a.TopShare()))
	if a.TopShare() >= 0.5 {
		where = fmt.Sprintf("spanning %s %% of NAS-Bench-201", prose.Num(100*a.TopShare()))
	}
	return fmt.Sprintf("Among the %s cells measured (%s), latency and %s accuracy are %s related: every 95 %% interval of Spearman's rho on the %s devices lies within %s. Which cells form the accuracy–latency Pareto front is therefore decided by latency on the device at hand; notebook 02, section 4, measures what a proxy's front loses on a target.",
		prose.Num(a.Cells), where, AccuracyLabel(a.Column), adverb, prose.Num(len(a.Devices)), prose.Interval(lo, hi))
}
