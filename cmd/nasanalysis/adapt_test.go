package main

import (
	"math"
	"strconv"
	"strings"
	"testing"

	"github.com/nasanalysis/nasanalysis/nasanalysis/data"
	"github.com/nasanalysis/nasanalysis/nasanalysis/monotonic"
	"github.com/nasanalysis/nasanalysis/nasanalysis/stats"
)

// heldOutSRCC is Spearman's rho of x and y over the cells seed's split does not sample
// (adapt draws 60 + 10 of all 1,999 cells), gathered here without the package's scoring.
func heldOutSRCC(t *testing.T, seed uint64, x, y []float64) float64 {
	t.Helper()
	cand := make([]int, len(y))
	for i := range cand {
		cand[i] = i
	}
	s, err := monotonic.SplitForSeed(seed, cand, 60, 10)
	if err != nil {
		t.Fatal(err)
	}
	sampled := map[int]bool{}
	for _, i := range s.Sampled() {
		sampled[i] = true
	}
	var hx, hy []float64
	for i := range y {
		if !sampled[i] {
			hx, hy = append(hx, x[i]), append(hy, y[i])
		}
	}
	if len(hy) != len(y)-70 {
		t.Fatalf("%d held-out cells, want %d", len(hy), len(y)-70)
	}
	rho, err := stats.SpearmanRho(hx, hy)
	if err != nil {
		t.Fatal(err)
	}
	return rho
}

func parseF(t *testing.T, s string) float64 {
	t.Helper()
	v, err := strconv.ParseFloat(s, 64)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

// adapt reports SRCC on all cells and on held-out cells by default; --score picks one.
// The unadapted proxy makes every figure checkable: its SRCC with the target over all
// 1,999 cells (published: 0.6905) and over the 1,929 each seed leaves out.
func TestAdaptScore(t *testing.T) {
	needData(t)
	lat, err := data.LoadLatency("", "nb201")
	if err != nil {
		t.Fatal(err)
	}
	pc, _ := lat.Column("true_vpu")
	tc, _ := lat.Column("eagle_gtx")
	all, err := stats.SpearmanRho(pc, tc)
	if err != nil {
		t.Fatal(err)
	}
	code, out, errOut := runCLI("adapt", "--proxy", "true_vpu", "--target", "eagle_gtx", "--method", "proxy", "--seeds", "3")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	h, rows := readMatrixCSV(t, out)
	if got := strings.Join(h, ","); got != "seed,srcc_before,srcc_after,srcc_before_heldout,srcc_after_heldout,lambda_frac,val_srcc,n_train,n_val,method" || len(rows) != 3 {
		t.Fatalf("header %s, %d rows", got, len(rows))
	}
	for k, r := range rows {
		held := heldOutSRCC(t, uint64(k), pc, tc)
		if parseF(t, r[1]) != all || parseF(t, r[2]) != all || parseF(t, r[3]) != held || parseF(t, r[4]) != held {
			t.Errorf("seed %d: %v; want %v on all cells, %v held out", k, r[1:5], all, held)
		}
		if math.Abs(all-0.6905) > 5e-5 || held == all {
			t.Errorf("seed %d: all cells %v (published 0.6905), held out %v: should differ", k, all, held)
		}
	}
	code, out, errOut = runCLI("adapt", "--proxy", "true_vpu", "--target", "eagle_gtx", "--method", "adaproxy-val", "--score", "heldout", "--seeds", "1")
	if code != 0 {
		t.Fatalf("--score heldout: exit %d: %s", code, errOut)
	}
	if h, _ := readMatrixCSV(t, out); strings.Join(h, ",") != "seed,srcc_before_heldout,srcc_after_heldout,lambda_frac,val_srcc,n_train,n_val,method" {
		t.Errorf("--score heldout header %v", h)
	}
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"adapt", "--proxy", "true_vpu", "--target", "eagle_gtx", "--score", "some"}, `unknown --score "some"`},
		{[]string{"adapt", "--proxy", "true_vpu", "--target", "eagle_gtx", "--method", "adaproxy,proxy"}, "adapt runs one --method"},
		{[]string{"adapt-grid", "--method", "proxy,adaproxy,proxy"}, `--method lists "proxy" twice`},
		{[]string{"adapt-grid", "--method", ","}, "--method is empty"},
	} {
		if code, _, errOut := runCLI(c.args...); code != 2 || !strings.Contains(errOut, c.want) {
			t.Errorf("%v: exit %d, %q; want 2 mentioning %q", c.args, code, errOut, c.want)
		}
	}
}

// adapt-grid with several methods runs them on the same cells: per-pair rows gain a
// leading method column, and --summary gives one row per method. The unadapted proxy's
// rows are the devices' own SRCC, computed here directly: its mean and worst pair over
// the six ordered pairs of three devices.
func TestAdaptGridMethodsAndSummary(t *testing.T) {
	needData(t)
	devs := []string{"true_vpu", "eagle_gtx", "rice_pixel3"}
	lat, err := data.LoadLatency("", "nb201")
	if err != nil {
		t.Fatal(err)
	}
	srcc := map[string]float64{}
	mean, worst, worstPair := 0.0, math.Inf(1), ""
	for _, a := range devs {
		for _, b := range devs {
			if a == b {
				continue
			}
			x, _ := lat.Column(a)
			y, _ := lat.Column(b)
			v, err := stats.SpearmanRho(x, y)
			if err != nil {
				t.Fatal(err)
			}
			srcc[a+" "+b] = v
			mean += v / 6
			if v < worst {
				worst, worstPair = v, a+" → "+b
			}
		}
	}
	args := []string{"adapt-grid", "--devices", strings.Join(devs, ","), "--method", "proxy,target-only", "--seeds", "2"}
	code, out, errOut := runCLI(args...)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	h, rows := readMatrixCSV(t, out)
	if strings.Join(h, ",") != "method,proxy,target,srcc_before,srcc_after,srcc_after_sd" || len(rows) != 12 {
		t.Fatalf("header %v, %d rows:\n%s", h, len(rows), out)
	}
	for _, r := range rows {
		if r[0] == "proxy" && parseF(t, r[4]) != srcc[r[1]+" "+r[2]] {
			t.Errorf("proxy row %v, want SRCC %v", r, srcc[r[1]+" "+r[2]])
		}
	}
	code, out, errOut = runCLI(append(args, "--summary", "--score", "both")...)
	if code != 0 {
		t.Fatalf("--summary: exit %d: %s", code, errOut)
	}
	h, rows = readMatrixCSV(t, out)
	col := map[string]int{}
	for i, name := range h {
		col[name] = i
	}
	if len(rows) != 2 || rows[0][0] != "proxy" || rows[1][0] != "target-only" || len(h) != 12 {
		t.Fatalf("summary:\n%s", out)
	}
	p := rows[0]
	if m := parseF(t, p[col["mean_srcc"]]); math.Abs(m-mean) > 1e-12 || parseF(t, p[col["worst_srcc"]]) != worst || p[col["worst_pair"]] != worstPair {
		t.Errorf("proxy: mean %s worst %s (%s); want %v, %v (%s)", p[col["mean_srcc"]], p[col["worst_srcc"]], p[col["worst_pair"]], mean, worst, worstPair)
	}
	// Every pair here is below 0.9 unadapted; 70 target cells lift each above the proxy.
	if p[col["pairs_srcc_ge_0.9"]] != "0" || p[col["below_target_only"]] != "6" || p[col["below_target_only_heldout"]] != "6" || rows[1][col["below_target_only"]] != "0" {
		t.Errorf("summary counts:\n%s", out)
	}
	// In table format the stderr summary has one line per method.
	code, _, errOut = runCLI(append(args, "--format", "table")...)
	if code != 0 || strings.Count(errOut, "\n") != 2 || !strings.Contains(errOut, "proxy, 60+10 target cells, 2 seeds: 0 of 6 pairs reach SRCC >= 0.9") ||
		!strings.Contains(errOut, "below target-only on 6 of 6 pairs") {
		t.Errorf("table stderr: exit %d, %q", code, errOut)
	}
}
