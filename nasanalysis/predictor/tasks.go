package predictor

import (
	"cmp"
	"fmt"
	"slices"
	"strings"

	"github.com/go-gota/gota/dataframe"
	"github.com/go-gota/gota/series"

	"github.com/nasanalysis/nasanalysis/nasanalysis/prose"
)

// TaskRef names one dataset and target.
type TaskRef struct{ Dataset, Target string }

// TaskResult is one task's learning curve at one budget: every method's scores over
// seeds, the best method by mean Kendall tau and its lead over the next, paired by seed.
type TaskResult struct {
	Ref      TaskRef
	DataFile string // the file the target comes from, relative to the datasets folder or the repository
	About    string // what the target is, for a data line
	Archs    int    // architectures with a value of the target
	N, Seeds int
	Points   []CurvePoint
	Sums     []CurveSummary // highest mean Kendall tau first
	// Lead is the best method minus the next, paired by seed (95 % t-interval).
	Lead PairedDiff
}

// CompareTasks runs a learning curve at one budget n over seeds 0..seeds-1 on each
// task with the GCN, the MLP, the linear baseline and (when the task has MACs) the FLOPs
// baseline.
func CompareTasks(dataDir string, tasks []TaskRef, n, seeds int) ([]TaskResult, error) {
	var out []TaskResult
	for _, ref := range tasks {
		t, err := LoadTask(dataDir, ref.Dataset, ref.Target)
		if err != nil {
			return nil, err
		}
		methods := []string{KindGCN, KindMLP, BaselineLinear}
		if t.MACs != nil {
			methods = append(methods, BaselineFLOPs)
		}
		pts, err := LearningCurve(t, methods, []int{n}, seeds, nil)
		if err != nil {
			return nil, fmt.Errorf("%s/%s: %w", ref.Dataset, ref.Target, err)
		}
		r := TaskResult{Ref: ref, Archs: t.Len(), N: n, Seeds: seeds, Points: pts, Sums: SummarizeCurve(pts)}
		if r.DataFile, r.About, err = DataFile(ref.Dataset, ref.Target); err != nil {
			return nil, err
		}
		if r, err = withLead(r); err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	return out, nil
}

// withLead orders r's summaries by mean Kendall tau and compares the first two, paired.
func withLead(r TaskResult) (TaskResult, error) {
	slices.SortStableFunc(r.Sums, func(a, b CurveSummary) int { return cmp.Compare(b.Kendall, a.Kendall) })
	if len(r.Sums) < 2 {
		return r, fmt.Errorf("%s/%s: %d methods, need two to compare", r.Ref.Dataset, r.Ref.Target, len(r.Sums))
	}
	d, err := ComparePaired(r.Points, r.Sums[0].Method, r.Sums[1].Method, []int{r.N}, 0.95)
	if err != nil {
		return r, fmt.Errorf("%s/%s: %w", r.Ref.Dataset, r.Ref.Target, err)
	}
	r.Lead = d[0]
	return r, nil
}

// TaskResultsFrame lists every task and method: dataset, device, architectures, then
// SummaryFrame's columns, in the tasks' order and CompareTasks' method order.
func TaskResultsFrame(rs []TaskResult) (dataframe.DataFrame, error) {
	var out dataframe.DataFrame
	for k, r := range rs {
		var sums []CurveSummary
		for _, m := range CurveMethods {
			if s, err := SummaryAt(r.Sums, m, r.N); err == nil {
				sums = append(sums, s)
			}
		}
		sf := SummaryFrame(sums)
		rows := sf.Nrow()
		ds, dev, archs := make([]string, rows), make([]string, rows), make([]int, rows)
		for i := range ds {
			ds[i], dev[i], archs[i] = r.Ref.Dataset, r.Ref.Target, r.Archs
		}
		df := dataframe.New(series.New(ds, series.String, "dataset"), series.New(dev, series.String, "device"),
			series.New(archs, series.Int, "architectures")).CBind(sf)
		if k == 0 {
			out = df
		} else {
			out = out.RBind(df)
		}
	}
	return out, out.Error()
}

// TaskFindings reads the task results: the best method on each task and whether its
// lead over the next survives pairing by seed; which methods win; where FLOPs win.
func TaskFindings(rs []TaskResult) string {
	var parts, flopsWin []string
	winners := map[string]bool{}
	for _, r := range rs {
		best, next := r.Sums[0], r.Sums[1]
		winners[best.Method] = true
		d := r.Lead.Diff
		lead := bySignWords(r.Lead, fmt.Sprintf("ahead by %s over %d paired seeds (95 %% t-interval %s)", prose.Num(d.Estimate), r.Lead.Seeds, prose.Interval(d.Lo, d.Hi)),
			fmt.Sprintf("a lead the %d seeds do not confirm (paired difference %s, 95 %% t-interval %s)", r.Lead.Seeds, prose.Num(d.Estimate), prose.Interval(d.Lo, d.Hi)))
		p := fmt.Sprintf("**%s / %s**: the %s is best, %s, before the %s, %s, %s", r.Ref.Dataset, r.Ref.Target, MethodName(best.Method), meanSDText(best.Kendall, best.KendallSD),
			MethodName(next.Method), meanSDText(next.Kendall, next.KendallSD), lead)
		if best.Method == BaselineLinear {
			p += ", as expected where latency is close to additive in the operations"
		}
		for _, s := range r.Sums[2:] {
			if s.Method == BaselineFLOPs {
				p += "; FLOPs line " + meanSDText(s.Kendall, s.KendallSD)
			}
		}
		parts = append(parts, p+".")
		if best.Method == BaselineFLOPs {
			flopsWin = append(flopsWin, r.Ref.Dataset)
		}
	}
	head := "No method wins everywhere"
	if len(winners) == 1 {
		for m := range winners {
			head = fmt.Sprintf("The %s wins on every dataset", MethodName(m))
		}
	}
	seeds := 0
	if len(rs) > 0 {
		seeds = rs[0].Seeds
	}
	s := fmt.Sprintf("**Reading the table** (mean Kendall tau ± sd over %d seeds). %s.\n\n- %s", seeds, head, strings.Join(parts, "\n- "))
	if len(flopsWin) > 0 {
		s += fmt.Sprintf("\n\nWhere the FLOPs line has the best mean (%s), MACs alone rank latency better than either learned model at %d labelled architectures; section 6 gives the GCN the MACs as an extra input.", prose.JoinAnd(flopsWin), rs[0].N)
	}
	return s
}

// bySignWords picks words for a positive lead or one whose interval reaches zero (a
// best-minus-next difference cannot be negative in its estimate).
func bySignWords(d PairedDiff, ahead, unconfirmed string) string {
	if d.Diff.Sign() > 0 {
		return ahead
	}
	return unconfirmed
}
