package main

import (
	"math"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/nasanalysis/nasanalysis/nasanalysis/arch"
	"github.com/nasanalysis/nasanalysis/nasanalysis/pareto"
)

// compare-spaces prints one row per seed and arm, the same seeds in every arm, the
// reduced arm with bp-note10's drops and caps, controls of its size and never itself,
// hypervolumes as shares of the reference box, and the evaluations asked for.
func TestCompareSpacesRows(t *testing.T) {
	needData(t, "ofa/acc_predictor.pth", "ofa/note10")
	code, out, errOut := runCLI("compare-spaces", "--latency", "note10_r224", "--reduced", "bp-note10", "--controls", "2", "--seeds", "3", "--evaluations", "300")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	header, rows := readMatrixCSV(t, out)
	if strings.Join(header, ",") != "seed,arm,hypervolume,evaluations,profile_evaluations,dropped,max_depth" || len(rows) != 4*3 {
		t.Fatalf("header %v and %d rows, want 4 arms x 3 seeds", header, len(rows))
	}
	for i, r := range rows {
		arm := []string{"full", "reduced", "control-1", "control-2"}[i/3]
		hv, _ := strconv.ParseFloat(r[2], 64)
		if r[0] != strconv.Itoa(i%3+1) || r[1] != arm || !(hv > 0 && hv < 1) || r[3] != "300" || r[4] != "0" {
			t.Errorf("row %d = %v: want seed %d, arm %s, a hypervolume share in (0, 1), 300 evaluations, 0 profiling", i, r, i%3+1, arm)
		}
		switch {
		case arm == "full" && (r[5] != "" || r[6] != ""):
			t.Errorf("full arm row %v drops or caps", r)
		case arm == "reduced" && (r[5] != "k7e3+k7e4" || r[6] != "3-4-4-4-4"):
			t.Errorf("reduced arm row %v, want k7e3+k7e4 and 3-4-4-4-4", r)
		case strings.HasPrefix(arm, "control") && (len(strings.Split(r[5], "+")) != 2 || r[5] == "k7e3+k7e4" || r[6] != "3-4-4-4-4"):
			t.Errorf("control row %v: want 2 other blocks dropped and the caps 3-4-4-4-4", r)
		}
	}
	code, out, errOut = runCLI("compare-spaces", "--latency", "note10_r224", "--reduced", "drop=k7e3+k7e4;max-depth=3-4-4-4-4", "--controls", "2", "--seeds", "3", "--evaluations", "300", "--summary")
	if code != 0 {
		t.Fatalf("summary: exit %d: %s", code, errOut)
	}
	header, rows = readMatrixCSV(t, out)
	if strings.Join(header, ",") != "arm,n_seeds,diff_pct,lo_pct,hi_pct,rank" || len(rows) != 4 || rows[0][5] != "" {
		t.Fatalf("summary %v %v", header, rows)
	}
	ranks := map[string]bool{}
	for _, r := range rows[1:] {
		d, _ := strconv.ParseFloat(r[2], 64)
		lo, _ := strconv.ParseFloat(r[3], 64)
		hi, _ := strconv.ParseFloat(r[4], 64)
		if !(lo <= d && d <= hi) || r[1] != "3" {
			t.Errorf("summary row %v: estimate outside its interval or seeds not 3", r)
		}
		ranks[r[5]] = true
	}
	if len(ranks) != 3 {
		t.Errorf("ranks %v, want 1, 2 and 3 once each", ranks)
	}
}

func TestCompareSpacesUsage(t *testing.T) {
	for _, args := range [][]string{
		{"--reduced", "bp-note10"},                         // no --latency
		{"--latency", "note10_r224"},                       // no --reduced
		{"--latency", "note10_r224", "--reduced", "bp-xx"}, // unknown name
		{"--latency", "note10_r224", "--reduced", "drop=k9e9"},
		{"--latency", "note10_r224", "--reduced", "bp-note10", "--seeds", "1"},
		{"--latency", "note10_r224", "--reduced", "bp-note10", "--controls", "1000"},
		{"--latency", "note10_r224", "--reduced", "bp-note10", "--evaluations", "2000"},
		{"--latency", "note10_r224", "--reduced", "bp-note10", "--search", "random"},
		{"--latency", "note10_r224", "--reduced", "bp-note10", "--space", "ofa-mbv3:drop=k3e3"},
	} {
		code, _, errOut := runCLI(append([]string{"compare-spaces"}, args...)...)
		if code != 2 || errOut == "" {
			t.Errorf("%v: exit %d (%q), want a usage error", args, code, errOut)
		}
	}
}

// search --algorithm mutation prints a front: no printed network dominates another, all
// at the asked resolution, cheapest first; nsga2 at the same evaluations too.
func TestSearchFrontAlgorithms(t *testing.T) {
	needData(t, "ofa/acc_predictor.pth", "ofa/note10")
	for _, alg := range []string{"mutation", "nsga2"} {
		code, out, errOut := runCLI("search", "--algorithm", alg, "--space", "ofa-mbv3", "--reduced", "bp-note10", "--res", "224", "--latency", "note10_r224", "--evaluations", "500", "--seed", "4")
		if code != 0 {
			t.Fatalf("%s: exit %d: %s", alg, code, errOut)
		}
		header, rows := readMatrixCSV(t, out)
		if strings.Join(header, ",") != "arch,acc,note10_r224" || len(rows) < 3 {
			t.Fatalf("%s: header %v, %d rows", alg, header, len(rows))
		}
		var pts [][]float64
		last := math.Inf(-1)
		for _, r := range rows {
			a, err := arch.ParseMB(arch.MBv3, r[0])
			if err != nil || a.R != 224 {
				t.Fatalf("%s: row %v: %v", alg, r, err)
			}
			acc, _ := strconv.ParseFloat(r[1], 64)
			lat, _ := strconv.ParseFloat(r[2], 64)
			if lat < last {
				t.Errorf("%s: latency %v after %v: not cheapest first", alg, lat, last)
			}
			last = lat
			pts = append(pts, []float64{-acc, lat})
		}
		front, _ := pareto.FrontK(pts)
		if len(front) != len(pts) {
			t.Errorf("%s: %d of %d printed networks are non-dominated", alg, len(front), len(pts))
		}
	}
	if code, _, _ := runCLI("search", "--algorithm", "mutation", "--res", "224", "--evaluations", "500"); code != 2 {
		t.Errorf("mutation without --latency: exit %d, want 2", code)
	}
}

// profile --seeds prints per metric and block the share of seeds dropping it; the agreed
// column is share >= --agree.
func TestProfileSeedsAgreement(t *testing.T) {
	code, out, errOut := runCLI("profile", "--metrics", "params,flops", "--res", "160", "--n", "4", "--seeds", "3", "--agree", "0.6")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	header, rows := readMatrixCSV(t, out)
	if strings.Join(header, ",") != "metric,block,drop_share,agreed" || len(rows) != 9 {
		t.Fatalf("header %v, %d rows, want 9 blocks of flops", header, len(rows))
	}
	for _, r := range rows {
		s, _ := strconv.ParseFloat(r[2], 64)
		third := math.Round(s * 3)
		if r[0] != "flops" || math.Abs(s*3-third) > 1e-9 || (r[3] == "true") != (s >= 0.6) {
			t.Errorf("row %v: want flops, a share in thirds, agreed = share >= 0.6", r)
		}
	}
	if !strings.Contains(errOut, "over 3 profile seeds") {
		t.Errorf("stderr %q lacks the agreement sentence", errOut)
	}
}

// compare-runs on a file against itself: every network agrees exactly; a bad column or
// a missing file is refused.
func TestCompareRunsSelf(t *testing.T) {
	f := filepath.Join(t.TempDir(), "m.csv")
	if code, _, errOut := runCLI("measure", "--space", "ofa-mbv3", "--n", "4", "--seed", "2", "--res", "128", "--engine", "gomlx", "--repeats", "1", "--warmup", "0", "--ref-every", "0", "--out", f); code != 0 {
		t.Fatalf("measure: exit %d: %s", code, errOut)
	}
	code, out, errOut := runCLI("compare-runs", "--a", f, "--b", f, "--column", "median_ms")
	if code != 0 || !strings.HasSuffix(strings.TrimSpace(out), "4,1,0,0,1,1,0,0") {
		t.Errorf("exit %d, %q %s", code, out, errOut)
	}
	if code, _, _ := runCLI("compare-runs", "--a", f, "--b", f, "--column", "q1"); code != 2 {
		t.Errorf("--column q1: exit %d, want 2", code)
	}
	if code, _, _ := runCLI("compare-runs", "--a", f, "--b", f+".missing"); code != 1 {
		t.Errorf("a missing file: exit %d, want 1", code)
	}
}
