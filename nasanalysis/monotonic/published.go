package monotonic

import (
	"cmp"
	"fmt"
	"math"
	"path/filepath"
	"slices"

	"github.com/go-gota/gota/dataframe"
	"github.com/go-gota/gota/series"

	"github.com/nasanalysis/nasanalysis/nasanalysis/data"
	"github.com/nasanalysis/nasanalysis/nasanalysis/prose"
	"github.com/nasanalysis/nasanalysis/nasanalysis/stats"
)

// This file sets nb201's SRCC matrix beside the heatmap OneProxy publishes
// (data.PublishedSRCCFile) and computes it the authors' way, failed runs ranked as
// latencies, to show where the two differ and why.

// FailedRunLatency is the latency OneProxy's latency pickles (latency_data/*.pickle of
// github.com/Ren-Research/OneProxy) store for a run that failed: HW-NAS-Bench's Edge TPU
// has 259 of them among the 1,999 nb201 cells. The shared latency.csv leaves those
// cells empty (../shared/datasets/nb201/README.md), and data.ReadLatencyFile reads an
// empty cell as missing (NaN).
const FailedRunLatency = -1.0

// PublishedStep is the precision of the values OneProxy's heatmap prints: two decimals.
const PublishedStep = 0.01

// SRCCFailedAsLatency is Spearman's rho between every pair of t's devices (in
// t.Devices order) computed as OneProxy's heatmap was: each missing latency is a failed
// run that stands as FailedRunLatency, so a device's failed runs rank as its fastest
// architectures (tied with each other, average ranks) instead of being left out of its
// pairs, as section 1's matrix leaves them (pairwise deletion).
func SRCCFailedAsLatency(t *data.LatencyTable) ([][]float64, error) {
	cols := make([][]float64, len(t.Latency))
	for d, col := range t.Latency {
		cols[d] = slices.Clone(col)
		for i, v := range cols[d] {
			if math.IsNaN(v) {
				cols[d][i] = FailedRunLatency
			}
		}
	}
	m, err := stats.CorrelationMatrix(cols, stats.Spearman)
	if err != nil {
		return nil, fmt.Errorf("%s with failed runs as %g ms: %w", t.Path, FailedRunLatency, err)
	}
	return m, nil
}

// PairDifference is one device pair's SRCC computed here beside the published value.
type PairDifference struct {
	A, B            string
	Ours, Published float64
	Diff            float64 // Ours - Published
}

// DeviceDifference is how far one device's correlations here lie from its published
// ones, over its pairs with the other published devices.
type DeviceDifference struct {
	Device  string
	MeanAbs float64 // mean |ours - published|
	MaxAbs  float64 // the largest |ours - published|
	MaxWith string  // the other device of that pair
}

// DisplayCheck counts the pairs whose published value is the value computed here
// truncated (cut towards zero) or rounded to PublishedStep: which of the two the figure
// printed is read off pairs that no convention of the computation touches.
type DisplayCheck struct {
	Pairs     int
	Truncated int // |published| <= |ours| < |published| + step, same sign
	Rounded   int // |ours - published| <= step / 2
}

// Truncates reports whether truncation explains more of the pairs than rounding.
func (d DisplayCheck) Truncates() bool { return d.Truncated > d.Rounded }

// Rule names the display rule that explains more pairs: "truncated" or "rounded".
func (d DisplayCheck) Rule() string {
	if d.Truncates() {
		return "truncated"
	}
	return "rounded"
}

// FailedColumn is the published column of a device with failed runs beside the same
// column computed here both ways.
type FailedColumn struct {
	Device string
	Failed int // its failed runs (missing latencies) among the cells
	// Authors holds, one per other published device (largest |Diff| first), SRCC with
	// the failed runs ranked as FailedRunLatency beside the published value; Ours the
	// same pairs with the failed runs left out.
	Authors, Ours []PairDifference
	AuthorsMaxAbs float64 // the largest |authors' way - published| over the column
	OursMaxAbs    float64 // the largest |ours - published| over the column
	// Display counts the column's authors'-way values that the published ones are
	// truncated or rounded from.
	Display DisplayCheck
}

// PublishedComparison is a dataset's SRCC matrix beside a published one.
type PublishedComparison struct {
	Dataset string
	Source  string // the published matrix's file, as its dataset folder and name
	Cells   int    // architectures of the latency table
	Devices []string
	Labels  []string // the publication's names for Devices
	// Ours (section 1's estimate: failed runs left out), Authors (failed runs ranked
	// as FailedRunLatency, SRCCFailedAsLatency) and Published, in Devices order.
	Ours, Authors, Published [][]float64
	Pairs                    []PairDifference   // ours vs published, each pair once, largest |Diff| first
	PerDevice                []DeviceDifference // in Devices order
	// Unaffected checks the display rule on the pairs neither of whose devices has a
	// failed run; Misfits are those of its pairs the rule that explains more of them
	// does not explain, largest |Diff| first.
	Unaffected DisplayCheck
	Misfits    []PairDifference
	Failed     []FailedColumn // one per published device with failed runs
}

// ComparePublished sets ours (section 1's Spearman matrix of t, CorrelationCI) beside
// pub, a published SRCC matrix of t's cells (data.LoadPublishedCorrelations of
// data.PublishedSRCCFile), for pub's devices in pub's order: each pair's difference,
// the largest first, each device's mean and largest absolute difference; which display
// rule (truncation or rounding to PublishedStep) the published values follow on the
// pairs without failed runs; and, for each device with failed runs, its column
// computed the authors' way (SRCCFailedAsLatency) beside the published one.
//
// On nb201 the published values are ours truncated to two decimals, except for pairs
// with rice_eyeriss: the authors' rice_eyeriss pickle splits ties that latency.csv
// (six significant digits) keeps, by float noise of about 4e-15 ms.
func ComparePublished(t *data.LatencyTable, ours Matrix, pub *data.PublishedCorrelations) (PublishedComparison, error) {
	c := PublishedComparison{Dataset: t.Dataset.Name, Source: datasetFile(pub.Path), Cells: t.Len(), Devices: pub.Devices, Labels: pub.Labels, Published: pub.Value}
	if ours.Method != stats.Spearman {
		return c, fmt.Errorf("compare with %s: our matrix is %s, the published one SRCC", c.Source, ours.Method)
	}
	authors, err := SRCCFailedAsLatency(t)
	if err != nil {
		return c, err
	}
	missing := t.Missing()
	n := len(pub.Devices)
	inOurs, inT := make([]int, n), make([]int, n)
	for k, dev := range pub.Devices {
		inOurs[k], inT[k] = slices.Index(ours.Devices, dev), slices.Index(t.Devices, dev)
		if inOurs[k] < 0 || inT[k] < 0 {
			return c, fmt.Errorf("compare with %s: published device %q is not among %s's devices", c.Source, dev, t.Dataset.Name)
		}
	}
	c.Ours, c.Authors = make([][]float64, n), make([][]float64, n)
	for i := range n {
		c.Ours[i], c.Authors[i] = make([]float64, n), make([]float64, n)
		for j := range n {
			c.Ours[i][j], c.Authors[i][j] = ours.Value[inOurs[i]][inOurs[j]], authors[inT[i]][inT[j]]
			if math.IsNaN(c.Ours[i][j]) || math.IsNaN(c.Authors[i][j]) {
				return c, fmt.Errorf("compare with %s: SRCC of %s / %s is undefined", c.Source, pub.Devices[i], pub.Devices[j])
			}
		}
	}
	pair := func(m [][]float64, i, j int) PairDifference {
		return PairDifference{A: pub.Devices[i], B: pub.Devices[j], Ours: m[i][j], Published: pub.Value[i][j], Diff: m[i][j] - pub.Value[i][j]}
	}
	for i := range n {
		dd := DeviceDifference{Device: pub.Devices[i]}
		for j := range n {
			if j == i {
				continue
			}
			d := math.Abs(c.Ours[i][j] - pub.Value[i][j])
			dd.MeanAbs += d / float64(n-1)
			if d > dd.MaxAbs || dd.MaxWith == "" {
				dd.MaxAbs, dd.MaxWith = d, pub.Devices[j]
			}
			if j < i {
				continue
			}
			p := pair(c.Ours, i, j)
			c.Pairs = append(c.Pairs, p)
			if missing[inT[i]] == 0 && missing[inT[j]] == 0 {
				c.Unaffected.add(p)
			}
		}
		c.PerDevice = append(c.PerDevice, dd)
	}
	sortByAbsDiff(c.Pairs)
	truncates := c.Unaffected.Truncates()
	for _, p := range c.Pairs {
		if missing[slices.Index(t.Devices, p.A)] == 0 && missing[slices.Index(t.Devices, p.B)] == 0 && !displayed(p, truncates) {
			c.Misfits = append(c.Misfits, p)
		}
	}
	for i, dev := range pub.Devices {
		if missing[inT[i]] == 0 {
			continue
		}
		fc := FailedColumn{Device: dev, Failed: missing[inT[i]]}
		for j := range n {
			if j == i {
				continue
			}
			a, o := pair(c.Authors, i, j), pair(c.Ours, i, j)
			fc.Authors, fc.Ours = append(fc.Authors, a), append(fc.Ours, o)
			fc.AuthorsMaxAbs, fc.OursMaxAbs = max(fc.AuthorsMaxAbs, math.Abs(a.Diff)), max(fc.OursMaxAbs, math.Abs(o.Diff))
			fc.Display.add(a)
		}
		sortByAbsDiff(fc.Authors)
		sortByAbsDiff(fc.Ours)
		c.Failed = append(c.Failed, fc)
	}
	return c, nil
}

// displayTolerance absorbs the float error of a difference of two-decimal values.
const displayTolerance = 1e-9

// truncatedTo reports whether published is ours cut towards zero to PublishedStep.
func truncatedTo(ours, published float64) bool {
	if ours < 0 {
		ours, published = -ours, -published
	}
	d := ours - published
	return d >= -displayTolerance && d < PublishedStep-displayTolerance
}

// roundedTo reports whether published is ours rounded to PublishedStep.
func roundedTo(ours, published float64) bool {
	return math.Abs(ours-published) <= PublishedStep/2+displayTolerance
}

// displayed reports whether the pair's published value is its value here under the
// display rule (truncation or rounding).
func displayed(p PairDifference, truncates bool) bool {
	if truncates {
		return truncatedTo(p.Ours, p.Published)
	}
	return roundedTo(p.Ours, p.Published)
}

func (d *DisplayCheck) add(p PairDifference) {
	d.Pairs++
	if truncatedTo(p.Ours, p.Published) {
		d.Truncated++
	}
	if roundedTo(p.Ours, p.Published) {
		d.Rounded++
	}
}

// Explained is how many of the pairs the display rule that explains more explains.
func (d DisplayCheck) Explained() int { return max(d.Truncated, d.Rounded) }

// sortByAbsDiff orders pairs by |Diff|, largest first, then by name.
func sortByAbsDiff(ps []PairDifference) {
	slices.SortStableFunc(ps, func(a, b PairDifference) int {
		return cmp.Or(cmp.Compare(math.Abs(b.Diff), math.Abs(a.Diff)), cmp.Compare(a.A, b.A), cmp.Compare(a.B, b.B))
	})
}

// datasetFile names a dataset file as the captions do, by its dataset folder and
// name ("nb201/published_srcc_oneproxy.csv"), never by the machine's path.
func datasetFile(path string) string {
	return filepath.ToSlash(filepath.Join(filepath.Base(filepath.Dir(path)), filepath.Base(path)))
}

// Column is the comparison's column of a device with failed runs; false when it has none.
func (c PublishedComparison) Column(device string) (FailedColumn, bool) {
	for _, fc := range c.Failed {
		if fc.Device == device {
			return fc, true
		}
	}
	return FailedColumn{}, false
}

// Reproduces reports whether every value of the column computed the authors' way
// gives the published one under the display rule the published pairs without failed
// runs follow (truncation or rounding to PublishedStep).
func (c PublishedComparison) Reproduces(fc FailedColumn) bool {
	explained := fc.Display.Rounded
	if c.Unaffected.Truncates() {
		explained = fc.Display.Truncated
	}
	return explained == fc.Display.Pairs
}

// ColumnFrame tabulates each column of a device with failed runs: device_a (the
// failed device), device_b, published, failed_left_out (SRCC here, section 1) and
// failed_as_latency (the authors' way), in the published matrix's order.
func (c PublishedComparison) ColumnFrame() dataframe.DataFrame {
	var a, b []string
	var pub, ours, auth []float64
	for _, fc := range c.Failed {
		i := slices.Index(c.Devices, fc.Device)
		for j, dev := range c.Devices {
			if j != i {
				a, b = append(a, fc.Device), append(b, dev)
				pub, ours, auth = append(pub, c.Published[i][j]), append(ours, c.Ours[i][j]), append(auth, c.Authors[i][j])
			}
		}
	}
	return dataframe.New(series.New(a, series.String, "device_a"), series.New(b, series.String, "device_b"),
		series.New(pub, series.Float, "published"), series.New(ours, series.Float, "failed_left_out"), series.New(auth, series.Float, "failed_as_latency"))
}

// ColumnCaption is ColumnFrame's caption: what each column holds, over how many cells.
func (c PublishedComparison) ColumnCaption() string {
	var cols []string
	for _, fc := range c.Failed {
		cols = append(cols, fmt.Sprintf("%s (%s failed runs)", fc.Device, prose.Num(fc.Failed)))
	}
	if len(cols) == 0 {
		return fmt.Sprintf("No device of %s's %d published ones has a failed run.", c.Dataset, len(c.Devices))
	}
	return fmt.Sprintf("The published column of %s beside the same SRCC over the %s %s cells computed two ways: failed_left_out leaves the failed runs out of each pair (pairwise deletion, as section 1), failed_as_latency ranks them as latencies of %g ms, as the authors' files store them. Published values as the figure prints them (two decimals; %s).",
		prose.JoinAnd(cols), prose.Num(c.Cells), c.Dataset, FailedRunLatency, c.Source)
}

// PublishedSentences states the comparison: how far our matrix lies from the
// published one and where, which display rule the published values follow, and, for
// each device with failed runs, whether ranking them as latencies reproduces its
// published column.
func PublishedSentences(c PublishedComparison) []string {
	if len(c.Pairs) == 0 {
		return []string{fmt.Sprintf("The published matrix (`%s`) has fewer than two devices to compare.", c.Source)}
	}
	top := c.Pairs[0]
	worst, next := c.PerDevice[0], DeviceDifference{}
	for _, d := range c.PerDevice[1:] {
		if d.MeanAbs > worst.MeanAbs {
			worst, next = d, worst
		} else if d.MeanAbs > next.MeanAbs {
			next = d
		}
	}
	out := []string{fmt.Sprintf("Against OneProxy's published heatmap (`%s`: %d devices, %s pairs, two decimals), our SRCC differs by up to **%s** (`%s` / `%s`: %s here, %.2f published); per device the mean absolute difference is largest for `%s` (%s), next %s for `%s`.",
		c.Source, len(c.Devices), prose.Num(len(c.Pairs)), prose.Num(math.Abs(top.Diff)), top.A, top.B, prose.Num(top.Ours), top.Published,
		worst.Device, prose.Num(worst.MeanAbs), prose.Num(next.MeanAbs), next.Device)}
	if u := c.Unaffected; u.Pairs > 0 {
		s := fmt.Sprintf("On the %s pairs without failed runs the published values are ours **%s** to two decimals on %s (%s on %s)",
			prose.Num(u.Pairs), u.Rule(), prose.Num(u.Explained()), otherRule(u), prose.Num(min(u.Truncated, u.Rounded)))
		switch len(c.Misfits) {
		case 0:
		case 1:
			m := c.Misfits[0]
			s += fmt.Sprintf("; the other pair, `%s` / `%s`, differs by %s", m.A, m.B, prose.Num(math.Abs(m.Diff)))
		default:
			s += fmt.Sprintf("; the %s others differ by up to %s", prose.Num(len(c.Misfits)), prose.Num(math.Abs(c.Misfits[0].Diff)))
			if dev := commonDevice(c.Misfits); dev != "" {
				s += fmt.Sprintf(", all pairs with `%s`", dev)
			}
		}
		s += "."
		out = append(out, s)
	}
	for _, fc := range c.Failed {
		verb, how := "reproduces", fmt.Sprintf("all %s values lie within %s of the published ones, which are these values %s to two decimals",
			prose.Num(fc.Display.Pairs), prose.Num(fc.AuthorsMaxAbs), c.Unaffected.Rule())
		if !c.Reproduces(fc) {
			explained := fc.Display.Rounded
			if c.Unaffected.Truncates() {
				explained = fc.Display.Truncated
			}
			verb = "does not reproduce"
			how = fmt.Sprintf("%s to two decimals leaves %s of its %s values unexplained (largest difference %s)",
				ruleNoun(c.Unaffected), prose.Num(fc.Display.Pairs-explained), prose.Num(fc.Display.Pairs), prose.Num(fc.AuthorsMaxAbs))
		}
		out = append(out, fmt.Sprintf("Ranking `%s`'s %s failed runs as latencies of %g ms, as the authors' files store them, **%s** the published `%s` column: %s. Leaving them out, as this report does, moves that column by up to %s.",
			fc.Device, prose.Num(fc.Failed), FailedRunLatency, verb, fc.Device, how, prose.Num(fc.OursMaxAbs)))
	}
	return out
}

// ruleNoun names the display rule that explains more of d's pairs: "truncation" or
// "rounding".
func ruleNoun(d DisplayCheck) string {
	if d.Truncates() {
		return "truncation"
	}
	return "rounding"
}

// otherRule names the display rule that explains fewer of d's pairs, as "rounding
// would fit" or "truncation would fit".
func otherRule(d DisplayCheck) string {
	if d.Truncates() {
		return "rounding would fit"
	}
	return "truncation would fit"
}

// commonDevice is the device every pair of ps involves, or "" when there is none (or
// two, for a single pair: then neither is singled out).
func commonDevice(ps []PairDifference) string {
	if len(ps) < 2 {
		return ""
	}
	for _, dev := range []string{ps[0].A, ps[0].B} {
		if !slices.ContainsFunc(ps, func(p PairDifference) bool { return p.A != dev && p.B != dev }) {
			return dev
		}
	}
	return ""
}
