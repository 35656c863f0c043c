package monotonic

import (
	"math"
	"strings"
	"testing"

	"github.com/nasanalysis/nasanalysis/nasanalysis/data"
	"github.com/nasanalysis/nasanalysis/nasanalysis/datatest"
	"github.com/nasanalysis/nasanalysis/nasanalysis/stats"
)

// publishedTable is a hand-made table of five cells on four devices; a has two failed
// runs (missing latencies).
func publishedTable() *data.LatencyTable {
	nan := math.NaN()
	ds, _ := data.Lookup("nb201")
	return &data.LatencyTable{Dataset: ds, Path: "/somewhere/nb201/latency.csv", Archs: []string{"v", "w", "x", "y", "z"},
		Devices: []string{"a", "b", "c", "d"},
		Latency: [][]float64{{nan, nan, 3, 1, 2}, {1, 2, 5, 3, 4}, {1, 2, 3, 4, 5}, {5, 4, 3, 2, 1}}}
}

// With the failed runs at -1 ms, a ranks the cells 1.5, 1.5, 5, 3, 4 (the two failed
// runs tied fastest). Against b's ranks 1, 2, 5, 3, 4, deviations from the mean rank 3
// are (-1.5, -1.5, 2, 0, 1) and (-2, -1, 2, 0, 1): rho = 9.5 / sqrt(9.5 * 10) =
// sqrt(0.95). Against c's ranks 1..5: 6.5 / sqrt(95); d is c reversed. Left out
// instead (pairwise deletion), a's three cells rank 3, 1, 2 against b's 3, 1, 2: rho 1.
func TestSRCCFailedAsLatency(t *testing.T) {
	m, err := SRCCFailedAsLatency(publishedTable())
	if err != nil {
		t.Fatal(err)
	}
	want := map[[2]int]float64{{0, 1}: math.Sqrt(0.95), {0, 2}: 6.5 / math.Sqrt(95), {0, 3}: -6.5 / math.Sqrt(95), {1, 2}: 0.7, {1, 3}: -0.7, {2, 3}: -1}
	for ij, w := range want {
		if got := m[ij[0]][ij[1]]; math.Abs(got-w) > 1e-12 || m[ij[1]][ij[0]] != got {
			t.Errorf("rho(%d, %d) = %v (mirror %v), want %v", ij[0], ij[1], got, m[ij[1]][ij[0]], w)
		}
	}
	left, err := stats.SpearmanRho([]float64{3, 1, 2}, []float64{5, 3, 4})
	if err != nil || math.Abs(left-1) > 1e-12 {
		t.Errorf("pairwise deletion check: %v, %v", left, err)
	}
}

// handPublished is a published matrix for publishedTable, in the order b, a, c, d. The
// authors' a column (0.9747, 0.6669, -0.6669) truncates to 0.97, 0.66, -0.66; the pairs
// without a: ours b/c 0.708 is published 0.70 (truncated, not rounded), b/d -0.70 as
// -0.69 (neither), c/d -1 as -1 (both).
func handPublished(ac float64) *data.PublishedCorrelations {
	return &data.PublishedCorrelations{Path: "/data/nb201/published.csv", Devices: []string{"b", "a", "c", "d"}, Labels: []string{"B", "A", "C", "D"},
		Value: [][]float64{{1, 0.97, 0.70, -0.69}, {0.97, 1, ac, -0.66}, {0.70, ac, 1, -1}, {-0.69, -0.66, -1, 1}}}
}

// handOurs is section 1's matrix for publishedTable, written by hand in another order
// (d, c, b, a), with b/c at 0.708 instead of its 0.7 to tell truncation from rounding.
func handOurs() Matrix {
	return Matrix{Devices: []string{"d", "c", "b", "a"}, Method: stats.Spearman,
		Value: [][]float64{{1, -1, -0.7, 0.5}, {-1, 1, 0.708, -0.5}, {-0.7, 0.708, 1, 1}, {0.5, -0.5, 1, 1}}}
}

func TestComparePublished(t *testing.T) {
	c, err := ComparePublished(publishedTable(), handOurs(), handPublished(0.66))
	if err != nil {
		t.Fatal(err)
	}
	if c.Source != "nb201/published.csv" || c.Cells != 5 || len(c.Pairs) != 6 {
		t.Fatalf("source %q, %d cells, %d pairs", c.Source, c.Cells, len(c.Pairs))
	}
	// ours - published: a/c -0.5-0.66 = -1.16, a/d 0.5+0.66 = 1.16, a/b 1-0.97 = 0.03,
	// b/d -0.7+0.69 = -0.01, b/c 0.008, c/d 0.
	wantPairs := []struct {
		a, b string
		diff float64
	}{{"a", "c", -1.16}, {"a", "d", 1.16}, {"b", "a", 0.03}, {"b", "d", -0.01}, {"b", "c", 0.008}, {"c", "d", 0}}
	for k, w := range wantPairs {
		if p := c.Pairs[k]; p.A != w.a || p.B != w.b || math.Abs(p.Diff-w.diff) > 1e-12 {
			t.Errorf("pair %d = %+v, want %s / %s %v", k, p, w.a, w.b, w.diff)
		}
	}
	// b: |0.03|, |0.008|, |-0.01| -> mean 0.016, largest with a; a: 0.03, 1.16, 1.16.
	if d := c.PerDevice[0]; d.Device != "b" || math.Abs(d.MeanAbs-0.016) > 1e-12 || math.Abs(d.MaxAbs-0.03) > 1e-12 || d.MaxWith != "a" {
		t.Errorf("b: %+v", d)
	}
	if d := c.PerDevice[1]; math.Abs(d.MeanAbs-(0.03+2.32)/3) > 1e-12 || math.Abs(d.MaxAbs-1.16) > 1e-12 || d.MaxWith != "c" {
		t.Errorf("a: %+v", d)
	}
	if c.Unaffected != (DisplayCheck{Pairs: 3, Truncated: 2, Rounded: 1}) || c.Unaffected.Rule() != "truncated" {
		t.Errorf("unaffected %+v", c.Unaffected)
	}
	if len(c.Misfits) != 1 || c.Misfits[0].A != "b" || c.Misfits[0].B != "d" {
		t.Errorf("misfits %+v", c.Misfits)
	}
	fc, ok := c.Column("a")
	if !ok || len(c.Failed) != 1 || fc.Failed != 2 || fc.Display != (DisplayCheck{Pairs: 3, Truncated: 3, Rounded: 1}) {
		t.Fatalf("failed columns %+v", c.Failed)
	}
	if want := 6.5/math.Sqrt(95) - 0.66; math.Abs(fc.AuthorsMaxAbs-want) > 1e-12 || math.Abs(fc.OursMaxAbs-1.16) > 1e-12 {
		t.Errorf("column a: authors within %v (want %v), ours within %v (want 1.16)", fc.AuthorsMaxAbs, want, fc.OursMaxAbs)
	}
	if !c.Reproduces(fc) {
		t.Error("column a should reproduce")
	}
	df := c.ColumnFrame()
	if got, want := c.ColumnCaption(), "The published column of a (2 failed runs) beside the same SRCC over the 5 nb201 cells computed two ways"; !strings.HasPrefix(got, want) || !strings.Contains(got, "ranks them as latencies of -1 ms") || !strings.HasSuffix(got, "(two decimals; nb201/published.csv).") {
		t.Errorf("caption %q", got)
	}
	if df.Nrow() != 3 || df.Col("device_b").Records()[0] != "b" || math.Abs(df.Col("failed_as_latency").Float()[0]-math.Sqrt(0.95)) > 1e-12 {
		t.Errorf("column frame\n%v", df)
	}

	// Published a/c at 0.68: the authors' 0.6669 truncates to 0.66, so the column no
	// longer reproduces.
	c2, err := ComparePublished(publishedTable(), handOurs(), handPublished(0.68))
	if err != nil {
		t.Fatal(err)
	}
	if fc, _ := c2.Column("a"); c2.Reproduces(fc) || fc.Display.Truncated != 2 {
		t.Errorf("published 0.68: %+v", fc.Display)
	}
}

func TestComparePublishedRefuses(t *testing.T) {
	m := handOurs()
	m.Method = stats.Kendall
	if _, err := ComparePublished(publishedTable(), m, handPublished(0.66)); err == nil || !strings.Contains(err.Error(), "kendall") {
		t.Errorf("Kendall matrix: %v", err)
	}
	p := handPublished(0.66)
	p.Devices = []string{"b", "a", "c", "e"}
	if _, err := ComparePublished(publishedTable(), handOurs(), p); err == nil || !strings.Contains(err.Error(), `"e"`) {
		t.Errorf("unknown device: %v", err)
	}
}

// handPublishedComparison is a comparison written by hand: 3 devices, x with 5 failed runs; its
// authors'-way column fits the published one when authorsFit, by truncation when
// truncates (else by rounding).
func handPublishedComparison(authorsFit, truncates bool, misfits []PairDifference) PublishedComparison {
	u := DisplayCheck{Pairs: 10, Truncated: 9, Rounded: 4}
	if !truncates {
		u.Truncated, u.Rounded = 4, 9
	}
	col := DisplayCheck{Pairs: 2, Truncated: 2, Rounded: 2}
	if !authorsFit {
		col.Truncated, col.Rounded = 1, 1
	}
	return PublishedComparison{Source: "nb201/p.csv", Devices: []string{"x", "y", "z"},
		Pairs:      []PairDifference{{A: "x", B: "y", Ours: 0.851, Published: 0.67, Diff: 0.181}},
		PerDevice:  []DeviceDifference{{Device: "x", MeanAbs: 0.0661}, {Device: "y", MeanAbs: 0.0199}, {Device: "z", MeanAbs: 0.009}},
		Unaffected: u, Misfits: misfits,
		Failed: []FailedColumn{{Device: "x", Failed: 5, AuthorsMaxAbs: 0.0092, OursMaxAbs: 0.181, Display: col}}}
}

func TestPublishedSentences(t *testing.T) {
	eyeriss := []PairDifference{{A: "y", B: "eyeriss", Diff: 0.0145}, {A: "eyeriss", B: "z", Diff: 0.012}}
	cases := []struct {
		name string
		c    PublishedComparison
		want []string
	}{
		{"reproduces", handPublishedComparison(true, true, eyeriss), []string{
			"(`nb201/p.csv`: 3 devices, 1 pairs, two decimals), our SRCC differs by up to **0.181** (`x` / `y`: 0.851 here, 0.67 published)",
			"largest for `x` (0.0661), next 0.0199 for `y`",
			"On the 10 pairs without failed runs the published values are ours **truncated** to two decimals on 9 (rounding would fit on 4); the 2 others differ by up to 0.0145, all pairs with `eyeriss`.",
			"Ranking `x`'s 5 failed runs as latencies of -1 ms, as the authors' files store them, **reproduces** the published `x` column: all 2 values lie within 0.00920 of the published ones, which are these values truncated to two decimals. Leaving them out, as this report does, moves that column by up to 0.181."}},
		{"does not reproduce", handPublishedComparison(false, true, nil), []string{
			"truncated** to two decimals on 9 (rounding would fit on 4).",
			"**does not reproduce** the published `x` column: truncation to two decimals leaves 1 of its 2 values unexplained (largest difference 0.00920)."}},
		{"rounding", handPublishedComparison(true, false, eyeriss[:1]), []string{
			"ours **rounded** to two decimals on 9 (truncation would fit on 4); the other pair, `y` / `eyeriss`, differs by 0.0145.",
			"which are these values rounded to two decimals."}},
	}
	for _, tc := range cases {
		got := strings.Join(PublishedSentences(tc.c), " ")
		for _, w := range tc.want {
			if !strings.Contains(got, w) {
				t.Errorf("%s: %q\nlacks %q", tc.name, got, w)
			}
		}
	}
}

// nb201 against OneProxy's heatmap. Reference numbers from an independent pure-Python
// Spearman (average ranks, pairwise deletion) over latency.csv and the transcribed CSV:
// ours differs most on rice_edgetpu / rice_eyeriss (0.8514 here, 0.67 published); the
// pairs without rice_edgetpu, 120, are ours truncated to two decimals on 114 (rounded
// on 56), the 6 others all with rice_eyeriss; with the 259 failed runs at -1 ms
// rice_edgetpu / rice_edgegpu is 0.63918 and the column lies within 0.0092 of the CSV.
func TestComparePublishedNB201(t *testing.T) {
	tab, err := data.LoadLatency("", "nb201")
	datatest.Check(t, err)
	pub, err := data.LoadPublishedCorrelations("", data.PublishedSRCCFile)
	datatest.Check(t, err)
	v, err := stats.CorrelationMatrix(tab.Latency, stats.Spearman)
	if err != nil {
		t.Fatal(err)
	}
	c, err := ComparePublished(tab, Matrix{Devices: tab.Devices, Method: stats.Spearman, Value: v}, pub)
	if err != nil {
		t.Fatal(err)
	}
	top := c.Pairs[0]
	if !((top.A == "rice_edgetpu" && top.B == "rice_eyeriss") || (top.B == "rice_edgetpu" && top.A == "rice_eyeriss")) || math.Abs(top.Ours-0.85136) > 5e-5 {
		t.Errorf("largest difference %+v", top)
	}
	if c.Unaffected != (DisplayCheck{Pairs: 120, Truncated: 114, Rounded: 56}) || len(c.Misfits) != 6 || commonDevice(c.Misfits) != "rice_eyeriss" {
		t.Errorf("display %+v, misfits %+v", c.Unaffected, c.Misfits)
	}
	fc, ok := c.Column("rice_edgetpu")
	if !ok || len(c.Failed) != 1 || fc.Failed != 259 {
		t.Fatalf("failed columns %+v", c.Failed)
	}
	i, j := pub.Index("rice_edgetpu"), pub.Index("rice_edgegpu")
	if math.Abs(c.Authors[i][j]-0.63918) > 5e-6 {
		t.Errorf("authors' rice_edgetpu / rice_edgegpu = %v, want 0.63918", c.Authors[i][j])
	}
	// Within the CSV's two decimals: each published value is the authors' one cut.
	for j, dev := range pub.Devices {
		if a, p := c.Authors[i][j], pub.Value[i][j]; j != i && !(p <= a && a < p+PublishedStep) {
			t.Errorf("rice_edgetpu / %s: authors' way %.4f, published %.2f", dev, a, p)
		}
	}
	if !c.Reproduces(fc) || math.Abs(fc.AuthorsMaxAbs-0.00918) > 5e-5 || math.Abs(fc.OursMaxAbs-0.18136) > 5e-5 {
		t.Errorf("rice_edgetpu column: authors within %v, ours within %v", fc.AuthorsMaxAbs, fc.OursMaxAbs)
	}
}
