package main

import (
	"bytes"
	"encoding/csv"
	"io"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/nasanalysis/nasanalysis/nasanalysis/arch"
	"github.com/nasanalysis/nasanalysis/nasanalysis/data"
	"github.com/nasanalysis/nasanalysis/nasanalysis/datatest"
	"github.com/nasanalysis/nasanalysis/nasanalysis/latency"
	"github.com/nasanalysis/nasanalysis/nasanalysis/ort"
	"github.com/nasanalysis/nasanalysis/nasanalysis/predictor/ofa"
	"github.com/nasanalysis/nasanalysis/nasanalysis/stats"
)

// needData skips the test when the shared data it reads is absent (or fails it when
// NASANALYSIS_REQUIRE_DATA=1): the NB201 tables and the given files, relative to a
// datasets directory.
func needData(t testing.TB, rels ...string) {
	t.Helper()
	for _, rel := range append([]string{"nb201/latency.csv", data.AccuracyFile, data.DevicesFile}, rels...) {
		_, err := data.Resolve("", rel)
		datatest.Check(t, err)
	}
}

func runCLI(args ...string) (code int, stdout, stderr string) {
	var o, e bytes.Buffer
	code = run(args, &o, &e)
	return code, o.String(), e.String()
}

func readMatrixCSV(t *testing.T, text string) (header []string, rows [][]string) {
	t.Helper()
	recs, err := csv.NewReader(strings.NewReader(text)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	return recs[0], recs[1:]
}

// The printed matrix agrees with SciPy's (nasanalysis/stats/testdata) to 1e-9.
func TestSRCCMatchesSciPy(t *testing.T) {
	needData(t, "ofa/gpu_latency.csv")
	for _, c := range []struct{ space, method, ref string }{
		{"nb201", "spearman", "nb201_spearman_scipy.csv"},
		{"nb201", "kendall", "nb201_kendall_scipy.csv"},
		{"ofa-mbv3-gpu", "spearman", "ofa-mbv3-gpu_spearman_scipy.csv"},
	} {
		code, out, errOut := runCLI("srcc", "--dataset", c.space, "--method", c.method)
		if code != 0 {
			t.Fatalf("exit %d: %s", code, errOut)
		}
		raw, err := os.ReadFile(filepath.Join("..", "..", "nasanalysis", "stats", "testdata", c.ref))
		if err != nil {
			t.Fatal(err)
		}
		gh, got := readMatrixCSV(t, out)
		wh, want := readMatrixCSV(t, string(raw))
		if strings.Join(gh, ",") != strings.Join(wh, ",") || len(got) != len(want) {
			t.Fatalf("%s %s: header %v, want %v", c.space, c.method, gh, wh)
		}
		for i := range want {
			for j := 1; j < len(want[i]); j++ {
				g, _ := strconv.ParseFloat(got[i][j], 64)
				w, _ := strconv.ParseFloat(want[i][j], 64)
				if math.Abs(g-w) > 1e-9 {
					t.Errorf("%s %s [%s,%s] = %s, SciPy %s", c.space, c.method, got[i][0], gh[j], got[i][j], want[i][j])
				}
			}
		}
	}
}

func TestSRCCAllDatasetsAndSubsets(t *testing.T) {
	needData(t, "nb201/latency_full.csv", "fbnet/latency.csv")
	for _, space := range []string{"nb201-full", "fbnet"} {
		code, out, errOut := runCLI("srcc", "--dataset", space, "--devices", "pixel3,raspi4,fpga")
		if code != 0 {
			t.Fatalf("%s: exit %d: %s", space, code, errOut)
		}
		h, rows := readMatrixCSV(t, out)
		if strings.Join(h, ",") != "device,pixel3,raspi4,fpga" || len(rows) != 3 || rows[1][2] != "1" {
			t.Errorf("%s: unexpected output\n%s", space, out)
		}
	}
	// HW-NAS-Bench's pixel3 column is the same in latency.csv (rice_pixel3) and
	// latency_full.csv (pixel3); the README says so; the SRCC within one file is 1 on
	// the diagonal and a real correlation off it.
	code, out, _ := runCLI("srcc", "--dataset", "nb201", "--devices", "rice_pixel3,eagle_jetson_16", "--format", "table")
	if code != 0 || !strings.Contains(out, "0.32") {
		t.Errorf("table output (lowest pair, published about 0.32):\n%s", out)
	}
}

func TestCLIBadInput(t *testing.T) {
	cases := []struct {
		args []string
		code int
		want string
		data bool // needs the shared data
	}{
		{[]string{"srcc", "--dataset", "nb202"}, 2, `unknown dataset "nb202"`, false},
		{[]string{"srcc", "--space", "nb202"}, 2, `unknown dataset "nb202"`, false},
		{[]string{"srcc", "--devices", "eagle_gtx,bogus"}, 2, `unknown device "bogus"`, false},
		{[]string{"srcc", "--devices", "eagle_gtx"}, 2, "at least two devices", true},
		{[]string{"srcc", "--method", "pearson"}, 2, `unknown correlation method "pearson"`, false},
		{[]string{"srcc", "--format", "xml"}, 2, `unknown format "xml"`, false},
		{[]string{"srcc", "--nope"}, 2, "flag provided but not defined: -nope", false},
		{[]string{"srcc", "extra"}, 2, `unexpected argument "extra"`, false},
		{[]string{"frobnicate"}, 2, `unknown command "frobnicate"`, false},
		{[]string{}, 2, "usage: nasanalysis", false},
		{[]string{"srcc", "--data", "/nonexistent/dir"}, 1, "/nonexistent/dir/nb201/latency.csv", false},
		{[]string{"fetch", "--from", "/nonexistent/raw", "--out", "/tmp/x"}, 1, "/nonexistent/raw/nats-bench/nats_bench.csv", false},
	}
	for _, c := range cases {
		t.Run(strings.Join(c.args, " "), func(t *testing.T) {
			if c.data {
				needData(t)
			}
			code, _, errOut := runCLI(c.args...)
			if code != c.code || !strings.Contains(errOut, c.want) {
				t.Errorf("%v: exit %d, stderr %q; want exit %d mentioning %q", c.args, code, errOut, c.code, c.want)
			}
		})
	}
}

func TestHelpOnEveryCommand(t *testing.T) {
	for name := range commands {
		code, _, errOut := runCLI(name, "--help")
		if code != 0 || !strings.Contains(errOut, "usage: nasanalysis "+name) {
			t.Errorf("%s --help: exit %d, %q", name, code, errOut)
		}
	}
}

func TestFetchFromLocalCopies(t *testing.T) {
	needData(t, "raw/oneproxy/encode.pickle", "raw/nats-bench/nats_bench.csv")
	shared, err := data.Resolve("", "raw/oneproxy/encode.pickle")
	datatest.Check(t, err)
	out := t.TempDir()
	code, stdout, errOut := runCLI("fetch", "--from", filepath.Join(shared, "raw"), "--out", out)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	if !strings.Contains(stdout, "wrote") {
		t.Errorf("stdout %q", stdout)
	}
	// The converted tables load and give the published OneProxy example SRCC.
	code, csvOut, errOut := runCLI("srcc", "--data", out, "--devices", "true_vpu,eagle_gtx")
	if code != 0 {
		t.Fatalf("srcc on fetched data: exit %d: %s", code, errOut)
	}
	_, rows := readMatrixCSV(t, csvOut)
	if v, _ := strconv.ParseFloat(rows[0][2], 64); math.Abs(v-0.6905) > 5e-5 {
		t.Errorf("SRCC(true_vpu, eagle_gtx) on fetched data = %v, published 0.6905", v)
	}
}

func TestIndexListsNotebooks(t *testing.T) {
	nbDir, repDir := t.TempDir(), t.TempDir()
	nb := `{"cells":[{"cell_type":"markdown","source":["# Data tour\n","\n","Every dataset at a glance.\n"]}],"metadata":{},"nbformat":4,"nbformat_minor":5}`
	os.WriteFile(filepath.Join(nbDir, "01-tour.ipynb"), []byte(nb), 0o644)
	os.WriteFile(filepath.Join(nbDir, "02-next.ipynb"), []byte(strings.Replace(nb, "Data tour", "Next <study>", 1)), 0o644)
	os.WriteFile(filepath.Join(repDir, "01-tour.html"), []byte("<html></html>"), 0o644)
	if code, _, errOut := runCLI("index", "--notebooks", nbDir, "--reports", repDir); code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	idx, err := os.ReadFile(filepath.Join(repDir, "index.html"))
	if err != nil {
		t.Fatal(err)
	}
	s := string(idx)
	for _, want := range []string{`<a href="01-tour.html">Data tour</a>`, "Every dataset at a glance.", "Next &lt;study&gt;: not executed"} {
		if !strings.Contains(s, want) {
			t.Errorf("index.html lacks %q:\n%s", want, s)
		}
	}
}

func TestAdaptCommand(t *testing.T) {
	needData(t)
	code, out, errOut := runCLI("adapt", "--dataset", "nb201", "--proxy", "true_vpu", "--target", "eagle_gtx",
		"--train", "60", "--val", "10", "--seeds", "4", "--method", "adaproxy-cv", "--format", "csv")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	h, rows := readMatrixCSV(t, out)
	if strings.Join(h[:3], ",") != "seed,srcc_before,srcc_after" || len(rows) != 4 {
		t.Fatalf("output:\n%s", out)
	}
	for _, r := range rows {
		before, _ := strconv.ParseFloat(r[1], 64)
		after, _ := strconv.ParseFloat(r[2], 64)
		if math.Abs(before-0.6905) > 5e-5 || after < 0.8 {
			t.Errorf("row %v: before %.4f (published 0.6905), after %.4f", r, before, after)
		}
	}
	bad := []struct {
		args []string
		want string
	}{
		{[]string{"adapt", "--proxy", "true_vpu", "--target", "nope"}, `unknown device "nope"`},
		{[]string{"adapt", "--proxy", "true_vpu"}, "--proxy and --target are required"},
		{[]string{"adapt", "--proxy", "true_vpu", "--target", "true_vpu"}, "same device"},
		{[]string{"adapt", "--proxy", "true_vpu", "--target", "eagle_gtx", "--train", "1990", "--val", "10"}, "only 1999"},
		{[]string{"adapt", "--proxy", "true_vpu", "--target", "rice_edgetpu", "--seeds", "3"}, "has no latency for arch_index"},
		{[]string{"adapt", "--proxy", "true_vpu", "--target", "eagle_gtx", "--method", "magic"}, `unknown method "magic"`},
	}
	for _, c := range bad {
		code, _, errOut := runCLI(c.args...)
		if code != 2 || !strings.Contains(errOut, c.want) {
			t.Errorf("%v: exit %d, %q; want 2 mentioning %q", c.args, code, errOut, c.want)
		}
	}
	// With --skip-missing the Edge TPU target works and reports SRCC over its 1,740 cells.
	if code, _, errOut := runCLI("adapt", "--proxy", "true_vpu", "--target", "rice_edgetpu", "--skip-missing"); code != 0 {
		t.Errorf("--skip-missing: exit %d: %s", code, errOut)
	}
}

func TestAdaptGridAndFinetune(t *testing.T) {
	needData(t)
	code, out, errOut := runCLI("adapt-grid", "--devices", "true_vpu,eagle_gtx,rice_pixel3", "--method", "target-only", "--seeds", "3")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	h, rows := readMatrixCSV(t, out)
	if strings.Join(h, ",") != "proxy,target,srcc_before,srcc_after,srcc_after_sd" || len(rows) != 6 {
		t.Fatalf("output:\n%s", out)
	}
	// target-only ignores the proxy: both proxies of one target give the same result.
	after := map[string][]string{}
	for _, r := range rows {
		after[r[1]] = append(after[r[1]], r[3])
	}
	for target, v := range after {
		if len(v) != 2 || v[0] != v[1] {
			t.Errorf("target-only results for %s differ by proxy: %v", target, v)
		}
	}
	if code, _, errOut := runCLI("adapt-grid", "--devices", "true_vpu,nope"); code != 2 || !strings.Contains(errOut, `"nope"`) {
		t.Errorf("unknown device: exit %d, %q", code, errOut)
	}
	// The GoMLX fine-tuned predictor beats the unadapted proxy on the anchor pair.
	code, out, errOut = runCLI("adapt", "--proxy", "true_vpu", "--target", "eagle_gtx", "--method", "finetune", "--seeds", "1")
	if code != 0 {
		t.Fatalf("finetune: exit %d: %s", code, errOut)
	}
	_, rows = readMatrixCSV(t, out)
	if v, _ := strconv.ParseFloat(rows[0][2], 64); v < 0.8 {
		t.Errorf("finetune SRCC after = %v, want > 0.8 (before: 0.6905)", v)
	}
}

func TestSRCCBootstrap(t *testing.T) {
	needData(t)
	code, out, errOut := runCLI("srcc", "--devices", "true_vpu,eagle_gtx", "--bootstrap", "100")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	h, rows := readMatrixCSV(t, out)
	if strings.Join(h, ",") != "device_a,device_b,spearman,lo,hi" || len(rows) != 1 {
		t.Fatalf("output:\n%s", out)
	}
	v, _ := strconv.ParseFloat(rows[0][2], 64)
	lo, _ := strconv.ParseFloat(rows[0][3], 64)
	hi, _ := strconv.ParseFloat(rows[0][4], 64)
	if math.Abs(v-0.6905) > 5e-5 || !(lo < v && v < hi) || hi-lo > 0.1 {
		t.Errorf("estimate %v with interval [%v, %v]", v, lo, hi)
	}
	if code, _, _ := runCLI("srcc", "--bootstrap", "-3"); code != 2 {
		t.Errorf("negative --bootstrap: exit %d, want 2", code)
	}
}

func withStdin(t *testing.T, s string) {
	t.Helper()
	old := stdin
	stdin = strings.NewReader(s)
	t.Cleanup(func() { stdin = old })
}

func uniformMBv3JSON(k, e, d, r int) string {
	rep := func(v, n int) string { return strings.TrimSuffix(strings.Repeat(strconv.Itoa(v)+",", n), ",") }
	return `{"ks":[` + rep(k, 20) + `],"e":[` + rep(e, 20) + `],"d":[` + rep(d, 5) + `],"r":` + strconv.Itoa(r) + `}`
}

// eval prints the README's reference accuracies (75.31 % and 83.59 %) for the two
// uniform networks, in the requested column order.
func TestEvalReferenceAccuracies(t *testing.T) {
	needData(t, ofa.MBv3File, latency.Note10File(160), latency.Note10File(224))
	withStdin(t, uniformMBv3JSON(3, 3, 2, 160)+"\n\n"+uniformMBv3JSON(7, 6, 4, 224)+"\n")
	code, out, errOut := runCLI("eval", "--space", "ofa-mbv3", "--metrics", "params,acc,note10")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	h, rows := readMatrixCSV(t, out)
	if strings.Join(h, ",") != "line,arch,params,acc,note10" || len(rows) != 2 || rows[1][0] != "3" || rows[1][1] != uniformMBv3JSON(7, 6, 4, 224) {
		t.Fatalf("output:\n%s", out)
	}
	for i, want := range []float64{75.31, 83.59} {
		got, _ := strconv.ParseFloat(rows[i][3], 64)
		if math.Abs(got-want) > 0.01 {
			t.Errorf("acc row %d = %v, reference %v", i, got, want)
		}
	}
	small, _ := strconv.ParseFloat(rows[0][4], 64)
	large, _ := strconv.ParseFloat(rows[1][4], 64)
	if !(small < large) {
		t.Errorf("Note10 latency small %v, large %v", small, large)
	}
}

func TestEvalAndSampleBadInput(t *testing.T) {
	good := uniformMBv3JSON(3, 3, 2, 160)
	cases := []struct {
		in   string
		args []string
		want string
	}{
		{good + "\n{oops\n", []string{"eval", "--metrics", "flops"}, "stdin line 2: malformed"},
		{strings.Replace(good, `"r":160`, `"r":1025`, 1), []string{"eval", "--metrics", "flops"}, "stdin line 1: ofa-mbv3: r = 1025"},
		{strings.Replace(good, `}`, `} trailing`, 1), []string{"eval", "--metrics", "flops"}, "text after the JSON object"},
		{good + good, []string{"eval", "--metrics", "flops"}, "text after the JSON object"},
		{good, []string{"eval", "--metrics", "flops,speed"}, `metric "speed" is not available for ofa-mbv3`},
		{good, []string{"eval", "--space", "mnasnet"}, `unknown space "mnasnet"`},
		{"", []string{"sample", "--space", "ofa-mbv3", "--n", "0"}, "invalid value \"0\" for flag -n: want a whole number from 1 to"},
		{"", []string{"sample", "--space", "ofa-mbv3", "--width", "2"}, "width = 2, want one of [1 1.2]"},
	}
	for _, c := range cases {
		withStdin(t, c.in)
		code, _, errOut := runCLI(c.args...)
		if code != 2 || !strings.Contains(errOut, c.want) {
			t.Errorf("%v: exit %d, %q; want 2 mentioning %q", c.args, code, errOut, c.want)
		}
	}
	// Sampled architectures are valid input for eval, and the same seed gives the same lines.
	_, a, _ := runCLI("sample", "--space", "proxylessnas", "--n", "5", "--seed", "3")
	_, b, _ := runCLI("sample", "--space", "proxylessnas", "--n", "5", "--seed", "3")
	if a != b || strings.Count(a, "\n") != 5 {
		t.Fatalf("sample not reproducible:\n%s\n%s", a, b)
	}
	withStdin(t, a)
	if code, out, errOut := runCLI("eval", "--space", "proxylessnas", "--metrics", "flops,params"); code != 0 || strings.Count(out, "\n") != 6 {
		t.Errorf("eval of sampled proxylessnas: exit %d, %s %s", code, out, errOut)
	}
}

// eval for 1,000 architectures with acc, flops and note10: the target is well
// under a second (tables and predictor loading included).
func BenchmarkEval1000(b *testing.B) {
	needData(b, ofa.MBv3File, latency.Note10File(160), latency.Note10File(176), latency.Note10File(192), latency.Note10File(208), latency.Note10File(224))
	_, lines, _ := runCLI("sample", "--space", "ofa-mbv3", "--n", "1000", "--seed", "5")
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		stdin = strings.NewReader(lines)
		if code, _, errOut := runCLI("eval", "--space", "ofa-mbv3", "--metrics", "acc,flops,note10"); code != 0 {
			b.Fatal(errOut)
		}
	}
}

// measure appends one row per network with its provenance, resumes without measuring
// twice, and refuses a file that is not a measured-latency file or was measured
// another way.
func TestMeasureResumable(t *testing.T) {
	out := filepath.Join(t.TempDir(), "m.csv")
	args := []string{"measure", "--engine", "gomlx", "--space", "ofa-mbv3", "--n", "1", "--seed", "3", "--res", "160", "--repeats", "1", "--warmup", "0", "--ref-every", "0", "--out", out}
	if code, _, errOut := runCLI(args...); code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	code, _, errOut := runCLI(args...)
	if code != 0 || !strings.Contains(errOut, "1 of 1 architectures already in") {
		t.Errorf("second run: exit %d, %q", code, errOut)
	}
	raw, _ := os.ReadFile(out)
	h, rows := readMatrixCSV(t, string(raw))
	if len(rows) != 1 || h[2] != "median_ms" || rows[0][1] != "160" || rows[0][10] != "gomlx" || rows[0][8] != "1" {
		t.Fatalf("file:\n%s", raw)
	}
	if v, _ := strconv.ParseFloat(rows[0][2], 64); v <= 0 {
		t.Errorf("median %v", v)
	}
	other := slices.Clone(args)
	other[len(other)-5] = "2" // --repeats stays 1; --warmup 2 is another protocol
	if code, _, errOut := runCLI(other...); code != 1 || !strings.Contains(errOut, `warmup is "0", this run's is "2"`) {
		t.Errorf("appending another protocol: exit %d, %q", code, errOut)
	}
	os.WriteFile(out, []byte("a,b\n1,2\n"), 0o644)
	if code, _, errOut := runCLI(args...); code != 1 || !strings.Contains(errOut, "not a measured-latency file") {
		t.Errorf("foreign file: exit %d, %q", code, errOut)
	}
}

// train prints one CSV row per seed with the columns the issue names; bad targets and
// budgets are usage errors that say what is wrong.
func TestTrainCommand(t *testing.T) {
	needData(t, "fbnet/latency.csv")
	code, out, errOut := runCLI("train", "--dataset", "nb201", "--target", "eagle_gtx", "--model", "linear", "--train", "100", "--seed", "3", "--seeds", "2")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	header, rows := readMatrixCSV(t, out)
	if strings.Join(header, ",") != "n_train,seed,srcc,kendall,rmse" || len(rows) != 2 || rows[0][1] != "3" || rows[1][1] != "4" {
		t.Fatalf("output:\n%s", out)
	}
	for _, r := range rows {
		// A per-operation linear model of log latency on a GPU ranks NB201 cells well.
		if v, _ := strconv.ParseFloat(r[2], 64); !(v > 0.8 && v <= 1) {
			t.Errorf("SRCC %s of the linear model on eagle_gtx, want > 0.8", r[2])
		}
	}
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"--target", "cifar10"}, `unknown target "cifar10" for dataset nb201`},
		{[]string{"--dataset", "nb201", "--target", "eagle_gtx", "--train", "1998"}, "only 1999"},
		{[]string{"--model", "xgboost"}, `unknown model "xgboost"`},
		{[]string{"--model", "flops", "--model-dir", "/tmp/x"}, "--model-dir needs --model mlp or gcn"},
		{[]string{"--dataset", "fbnet", "--target", "1080ti_1", "--model", "flops"}, ""},
	} {
		code, _, errOut := runCLI(append([]string{"train"}, c.args...)...)
		if c.want == "" { // FBNet has no cost model: a failed run, not a usage error
			if code != 1 || !strings.Contains(errOut, "no FLOPs baseline") {
				t.Errorf("%v: exit %d, %q", c.args, code, errOut)
			}
			continue
		}
		if code != 2 || !strings.Contains(errOut, c.want) {
			t.Errorf("%v: exit %d, stderr %q; want 2 and %q", c.args, code, errOut, c.want)
		}
	}
}

// A predictor saved by train predicts architectures read by predict.
func TestTrainSavePredict(t *testing.T) {
	needData(t)
	dir := filepath.Join(t.TempDir(), "model")
	code, _, errOut := runCLI("train", "--dataset", "nb201", "--target", "eagle_gtx", "--model", "mlp", "--train", "200", "--ensemble", "1", "--model-dir", dir)
	if code != 0 {
		t.Fatalf("train: exit %d: %s", code, errOut)
	}
	lat, err := data.LoadLatency("", "nb201")
	if err != nil {
		t.Fatal(err)
	}
	withStdin(t, strings.Join(lat.Archs[:50], "\n")+"\n")
	code, out, errOut := runCLI("predict", "--model-dir", dir)
	if code != 0 {
		t.Fatalf("predict: exit %d: %s", code, errOut)
	}
	header, rows := readMatrixCSV(t, out)
	if strings.Join(header, ",") != "arch,predicted_eagle_gtx" || len(rows) != 50 {
		t.Fatalf("predict output header %v, %d rows", header, len(rows))
	}
	gtx, _ := lat.Column("eagle_gtx")
	pred := make([]float64, 50)
	for i, r := range rows {
		pred[i], _ = strconv.ParseFloat(r[1], 64)
		if r[0] != lat.Archs[i] {
			t.Fatalf("row %d is %s, want %s", i, r[0], lat.Archs[i])
		}
	}
	if rho, err := stats.SpearmanRho(pred, gtx[:50]); err != nil || rho < 0.8 {
		t.Errorf("predicted vs measured eagle_gtx latency: SRCC %.3f (%v), want > 0.8", rho, err)
	}
	withStdin(t, "|nor_conv_3x3~0|+|none~0|\n")
	if code, _, errOut := runCLI("predict", "--model-dir", dir); code != 2 || !strings.Contains(errOut, "stdin line 1") {
		t.Errorf("malformed cell: exit %d, %q", code, errOut)
	}
}

// eval's measured metric times each architecture with the chosen engine and protocol:
// ONNX Runtime under the paired protocol by default, under either of which the smallest
// network (k3 e3 d2, 100 M MACs at 160 px) must come out faster than the largest (k7 e6
// d4, 434 M MACs); a bad --repeats or --rounds, or one of the other protocol, is a
// usage error.
func TestEvalMeasured(t *testing.T) {
	datatest.CheckORT(t, ort.Init())
	calm := filepath.Join(t.TempDir(), "calm.csv")
	for _, flags := range [][]string{{"--protocol", "single", "--repeats", "15"}, {"--rounds", "3", "--calm", calm}} {
		withStdin(t, uniformMBv3JSON(3, 3, 2, 160)+"\n"+uniformMBv3JSON(7, 6, 4, 160)+"\n")
		code, out, errOut := runCLI(append([]string{"eval", "--space", "ofa-mbv3", "--metrics", "flops,measured"}, flags...)...)
		if code != 0 {
			t.Fatalf("eval %v: exit %d: %s", flags, code, errOut)
		}
		_, rows := readMatrixCSV(t, out)
		if len(rows) != 2 {
			t.Fatalf("eval %v printed %q", flags, out)
		}
		small, _ := strconv.ParseFloat(rows[0][3], 64)
		large, _ := strconv.ParseFloat(rows[1][3], 64)
		if !(small > 0 && small < large) {
			t.Errorf("eval %v: measured latencies %q: want the smallest network faster than the largest", flags, out)
		}
	}
	for _, c := range []struct {
		flags []string
		want  string
	}{
		{[]string{"--protocol", "single", "--repeats", "-1"}, "--repeats -1"},
		{[]string{"--rounds", "1"}, "--rounds 1"},
		{[]string{"--rounds", "20000"}, "--rounds 20000"},
		{[]string{"--repeats", "5"}, "--repeats is the single protocol's"},
		{[]string{"--protocol", "single", "--rounds", "5"}, "are the paired protocol's"},
		{[]string{"--protocol", "twice"}, `--protocol "twice"`},
	} {
		withStdin(t, uniformMBv3JSON(3, 3, 2, 160)+"\n")
		if code, _, errOut := runCLI(append([]string{"eval", "--metrics", "measured"}, c.flags...)...); code != 2 || !strings.Contains(errOut, c.want) {
			t.Errorf("%v: exit %d, %q; want 2 and %q", c.flags, code, errOut, c.want)
		}
	}
}

// eval's predicted metric prices architectures with a saved measured-latency predictor
// and refuses a predictor of something else.
func TestEvalPredicted(t *testing.T) {
	needData(t)
	dir := filepath.Join(t.TempDir(), "gcn")
	if code, _, errOut := runCLI("train", "--dataset", "ofa-mbv3-measured", "--target", "median_ms", "--model", "mlp", "--ensemble", "1", "--train", "100", "--model-dir", dir); code != 0 {
		t.Fatalf("train: exit %d: %s", code, errOut)
	}
	a, b := uniformMBv3JSON(3, 3, 2, 160), uniformMBv3JSON(7, 6, 4, 160)
	withStdin(t, a+"\n"+b+"\n")
	code, out, errOut := runCLI("eval", "--space", "ofa-mbv3", "--metrics", "flops,predicted", "--model-dir", dir)
	if code != 0 {
		t.Fatalf("eval: exit %d: %s", code, errOut)
	}
	_, rows := readMatrixCSV(t, out)
	small, _ := strconv.ParseFloat(rows[0][3], 64)
	large, _ := strconv.ParseFloat(rows[1][3], 64)
	// The smallest network must be predicted faster than the largest.
	if len(rows) != 2 || !(small > 0 && small < large) {
		t.Errorf("predicted latencies %q: want the smallest network (k3 e3 d2) faster than the largest (k7 e6 d4)", out)
	}
	withStdin(t, uniformMBv3JSON(3, 3, 2, 224)+"\n")
	if code, _, errOut := runCLI("eval", "--space", "ofa-mbv3", "--metrics", "predicted", "--model-dir", dir); code != 1 || !strings.Contains(errOut, "outside the measured data") {
		t.Errorf("224 px: exit %d, %q", code, errOut)
	}
	withStdin(t, a+"\n")
	if code, _, errOut := runCLI("eval", "--space", "ofa-mbv3", "--metrics", "predicted"); code != 2 || !strings.Contains(errOut, "--model-dir") {
		t.Errorf("no --model-dir: exit %d, %q", code, errOut)
	}
	other := filepath.Join(t.TempDir(), "acc")
	// The old names --save and --predictor still work, each saying once that it is deprecated.
	code, _, errOut = runCLI("train", "--dataset", "nb201", "--target", "eagle_gtx", "--model", "mlp", "--ensemble", "1", "--train", "100", "--save", other)
	if code != 0 {
		t.Fatalf("train: exit %d: %s", code, errOut)
	}
	if want := "nasanalysis train: --save is deprecated; use --model-dir " + other + "\n"; errOut != want {
		t.Errorf("train --save: stderr %q, want %q", errOut, want)
	}
	withStdin(t, a+"\n")
	code, _, errOut = runCLI("eval", "--space", "ofa-mbv3", "--metrics", "predicted", "--predictor", other)
	if code != 1 || !strings.Contains(errOut, "not this machine's measured latency") ||
		!strings.HasPrefix(errOut, "nasanalysis eval: --predictor is deprecated; use --model-dir "+other+"\n") {
		t.Errorf("an NB201 predictor: exit %d, %q", code, errOut)
	}
}

// adapt-grid --format table prints every ordered pair of NB201's 18 devices, 306 rows
// under one header, aligned; not gota's 10-row preview. Its summary goes to stderr.
func TestAdaptGridTableAllPairs(t *testing.T) {
	needData(t)
	code, out, errOut := runCLI("adapt-grid", "--dataset", "nb201", "--method", "proxy", "--format", "table")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	lines := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
	if len(lines) != 1+18*17 {
		t.Fatalf("%d lines, want a header and 306 rows:\n%s", len(lines), out)
	}
	if h := strings.Join(strings.Fields(lines[0]), ","); h != "proxy,target,srcc_before,srcc_after,srcc_after_sd" {
		t.Errorf("header %q", h)
	}
	pairs := map[string]bool{}
	for _, l := range lines[1:] {
		f := strings.Fields(l)
		if len(f) != 5 || f[0] == f[1] || len(l) != len(lines[0]) {
			t.Fatalf("row %q (want 5 aligned fields, proxy != target, width %d)", l, len(lines[0]))
		}
		pairs[f[0]+" "+f[1]] = true
	}
	if len(pairs) != 306 {
		t.Errorf("%d distinct pairs, want 306", len(pairs))
	}
	if !strings.Contains(errOut, "of 306 pairs reach SRCC >= 0.9") || strings.Count(errOut, "\n") != 1 {
		t.Errorf("stderr %q, want the one summary line", errOut)
	}
}

// The dataset commands still take --space for one release: same output, one line on stderr.
func TestDeprecatedSpaceNamesADataset(t *testing.T) {
	needData(t)
	_, want, _ := runCLI("srcc", "--dataset", "nb201", "--devices", "true_vpu,eagle_gtx")
	code, got, errOut := runCLI("srcc", "--space", "nb201", "--devices", "true_vpu,eagle_gtx")
	if code != 0 || got != want {
		t.Fatalf("srcc --space: exit %d, output %q, want %q", code, got, want)
	}
	const line = ": --space is deprecated here; it names a dataset, use --dataset nb201\n"
	if errOut != "nasanalysis srcc"+line {
		t.Errorf("stderr %q", errOut)
	}
	for _, args := range [][]string{
		{"adapt", "--space", "nb201", "--proxy", "true_vpu", "--target", "eagle_gtx", "--method", "proxy"},
		{"adapt-grid", "--space", "nb201", "--devices", "true_vpu,eagle_gtx", "--method", "proxy", "--seeds", "1"},
		{"train", "--space", "nb201", "--target", "eagle_gtx", "--model", "linear", "--train", "50"},
	} {
		code, out, errOut := runCLI(args...)
		if code != 0 || errOut != "nasanalysis "+args[0]+line || out == "" {
			t.Errorf("%v: exit %d, stderr %q", args, code, errOut)
		}
	}
}

// CSV floats read back to exactly the float64 computed independently (stats.SpearmanRho
// on the same columns), in the shortest form; a missing value is written NaN.
func TestCSVFloatsRoundTrip(t *testing.T) {
	needData(t)
	devs := []string{"true_vpu", "eagle_gtx", "rice_pixel3"}
	code, out, errOut := runCLI("srcc", "--dataset", "nb201", "--devices", strings.Join(devs, ","))
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	lat, err := data.LoadLatency("", "nb201")
	if err != nil {
		t.Fatal(err)
	}
	_, rows := readMatrixCSV(t, out)
	for i, a := range devs {
		for j, b := range devs {
			x, _ := lat.Column(a)
			y, _ := lat.Column(b)
			want := 1.0
			if i != j {
				if want, err = stats.SpearmanRho(x, y); err != nil {
					t.Fatal(err)
				}
			}
			cell := rows[i][j+1]
			got, err := strconv.ParseFloat(cell, 64)
			if err != nil || got != want || cell != strconv.FormatFloat(want, 'g', -1, 64) {
				t.Errorf("[%s,%s] = %q, want %v exactly", a, b, cell, want)
			}
		}
	}
	// One seed has no spread: srcc_after_sd is missing, written NaN.
	code, out, errOut = runCLI("adapt-grid", "--dataset", "nb201", "--devices", "true_vpu,eagle_gtx", "--method", "proxy", "--seeds", "1")
	if code != 0 {
		t.Fatalf("adapt-grid: exit %d: %s", code, errOut)
	}
	_, rows = readMatrixCSV(t, out)
	for _, r := range rows {
		if v, err := strconv.ParseFloat(r[4], 64); r[4] != "NaN" || err != nil || !math.IsNaN(v) {
			t.Errorf("srcc_after_sd %q, want NaN", r[4])
		}
	}
}

// The writer every command uses: CSV round-trips floats bit for bit, and a table keeps
// every row, aligned.
func TestWriteRows(t *testing.T) {
	vals := []float64{0.1 + 0.2, 1.0 / 3, 5e-324, 1e300, -2.5, math.NaN(), 0}
	header := []string{"name", "n", "value"}
	var rows [][]any
	for i := 0; i < 25; i++ {
		rows = append(rows, []any{"row" + strconv.Itoa(i), i, vals[i%len(vals)]})
	}
	var b bytes.Buffer
	if err := writeRows(&b, "csv", header, rows); err != nil {
		t.Fatal(err)
	}
	_, recs := readMatrixCSV(t, b.String())
	for i, r := range recs {
		want := vals[i%len(vals)]
		got, err := strconv.ParseFloat(r[2], 64)
		if err != nil || !(got == want || math.IsNaN(got) && math.IsNaN(want)) {
			t.Errorf("row %d: %q reads back as %v, want %v", i, r[2], got, want)
		}
	}
	b.Reset()
	if err := writeRows(&b, "table", header, rows); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSuffix(b.String(), "\n"), "\n")
	if len(lines) != 26 || lines[4] != "row3    3  1.0000e+300" || lines[5] != "row4    4      -2.5000" || lines[6] != "row5    5          NaN" || lines[3] != "row2    2  4.9407e-324" {
		t.Errorf("table:\n%s", b.String())
	}
}

// A bad flag value is a usage error (exit 2) that names the flag or value.
func TestBadFlagValues(t *testing.T) {
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"adapt-grid", "--seeds", "ten"}, `invalid value "ten" for flag -seeds`},
		{[]string{"adapt-grid", "--seeds", "0"}, "invalid value \"0\" for flag -seeds: want a whole number from 1 to"},
		{[]string{"train", "--seed", "1.5"}, `invalid value "1.5" for flag -seed`},
		{[]string{"sample", "--seed", "x"}, `invalid value "x" for flag -seed`},
		{[]string{"train", "--format", "html"}, `unknown format "html" (want csv or table)`},
		{[]string{"adapt", "--proxy", "true_vpu", "--target", "eagle_gtx", "--format", "xml"}, `unknown format "xml"`},
		{[]string{"eval", "--format", "json"}, `unknown format "json"`},
		{[]string{"predict", "--model-dir", "/nonexistent", "--format", "xml"}, `unknown format "xml"`},
		{[]string{"predict"}, "--model-dir is required"},
		{[]string{"measure", "--space", "fbnet", "--out", "/tmp/x.csv"}, `design space "fbnet" is not supported here`},
		{[]string{"measure", "--shard", "3/3", "--out", "/tmp/x.csv"}, `--shard "3/3": want I/N with 0 <= I < N`},
		{[]string{"measure", "--engine", "gomlx", "--per-block", "/tmp/b.csv", "--out", "/tmp/x.csv"}, "--per-block needs --engine onnxruntime"},
		// sample's --space is a design space; a dataset name there says so.
		{[]string{"sample", "--space", "ofa-mbv3-gpu"}, "that is a dataset, not a design space"},
		{[]string{"sample", "--space", "nb201"}, `design space "nb201" is not supported here`},
		{[]string{"srcc", "--space", "fbnet", "--dataset", "nb201"}, "--space fbnet and --dataset nb201 disagree"},
	} {
		withStdin(t, "")
		code, _, errOut := runCLI(c.args...)
		if code != 2 || !strings.Contains(errOut, c.want) {
			t.Errorf("%v: exit %d, %q; want 2 mentioning %q", c.args, code, errOut, c.want)
		}
	}
}

// The shared flags have one type and one help text in every subcommand, and --space
// means a dataset (deprecated) only where --dataset exists.
func TestSharedFlagsSameEverywhere(t *testing.T) {
	same := map[string]string{
		"format": "  -format string\n    \t" + formatHelp + " (default \"csv\")\n",
		"data":   "  -data string\n    \t" + dataHelp + "\n",
		"seed":   "  -seed uint\n    \trandom seed (uint64): ",
		"seeds":  "  -seeds int\n    \tnumber of seeds N; runs seeds ",
	}
	datasetCmds := map[string]bool{"srcc": true, "adapt": true, "adapt-grid": true, "train": true}
	for name := range commands {
		_, _, help := runCLI(name, "--help")
		for flagName, want := range same {
			if strings.Contains(help, "  -"+flagName+" ") && !strings.Contains(help, want) {
				t.Errorf("%s --%s: help differs from %q:\n%s", name, flagName, want, help)
			}
		}
		hasSpace := strings.Contains(help, "  -space ")
		switch {
		case datasetCmds[name]:
			if !strings.Contains(help, "  -dataset string\n") || !strings.Contains(help, "  -space value\n    \tdeprecated: use --dataset") {
				t.Errorf("%s: want --dataset and a deprecated --space:\n%s", name, help)
			}
		case hasSpace && !strings.Contains(help, "  -space string\n    \tdesign space: "):
			t.Errorf("%s: --space should name a design space:\n%s", name, help)
		}
		for _, old := range []string{"save", "predictor"} {
			if strings.Contains(help, "  -"+old+" ") && !strings.Contains(help, "deprecated: use --model-dir") {
				t.Errorf("%s --%s is not marked deprecated", name, old)
			}
		}
	}
}

// Progress bars are drawn only when stderr is a terminal; the output is the same.
func TestProgressOnlyOnTerminal(t *testing.T) {
	needData(t)
	args := []string{"train", "--dataset", "nb201", "--target", "eagle_gtx", "--model", "linear", "--train", "50", "--seeds", "3"}
	code, plain, errOut := runCLI(args...)
	if code != 0 || errOut != "" {
		t.Fatalf("not a terminal: exit %d, stderr %q (want nothing)", code, errOut)
	}
	old := isTerminal
	isTerminal = func(io.Writer) bool { return true }
	t.Cleanup(func() { isTerminal = old })
	code, out, errOut := runCLI(args...)
	if code != 0 || out != plain || !strings.Contains(errOut, "training") {
		t.Errorf("terminal: exit %d, stderr %q, stdout changed: %v", code, errOut, out != plain)
	}
}

// sample --drop emits only architectures without the dropped blocks; eval --drop refuses
// one that has them, naming the slot; eval's flops are twice its macs.
func TestSampleEvalDrop(t *testing.T) {
	code, out, errOut := runCLI("sample", "--space", "ofa-mbv3", "--n", "50", "--seed", "2", "--drop", "k7e3,k7e4,k7e6")
	if code != 0 || strings.Count(out, "\n") != 50 {
		t.Fatalf("sample: exit %d: %s", code, errOut)
	}
	for _, line := range strings.Split(strings.TrimSpace(out), "\n") {
		a, err := arch.ParseMB(arch.MBv3, line)
		if err != nil {
			t.Fatal(err)
		}
		if slices.Contains(a.KS, 7) {
			t.Fatalf("sample --drop k7* emitted %s", line)
		}
	}
	withStdin(t, out)
	code, csvOut, errOut := runCLI("eval", "--space", "ofa-mbv3", "--drop", "k7e3,k7e4,k7e6", "--metrics", "macs,flops")
	if code != 0 {
		t.Fatalf("eval: exit %d: %s", code, errOut)
	}
	_, rows := readMatrixCSV(t, csvOut)
	for _, r := range rows {
		m, _ := strconv.ParseFloat(r[2], 64)
		f, _ := strconv.ParseFloat(r[3], 64)
		if f != 2*m {
			t.Errorf("flops %v, macs %v", f, m)
		}
	}
	withStdin(t, uniformMBv3JSON(7, 6, 4, 160)+"\n")
	if code, _, errOut := runCLI("eval", "--drop", "k7e6", "--metrics", "macs"); code != 2 || !strings.Contains(errOut, "slot 0 (stage 0, layer 0) holds k7e6") {
		t.Errorf("eval of a dropped block: exit %d, %q", code, errOut)
	}
	if code, _, errOut := runCLI("sample", "--drop", "k9e6"); code != 2 || !strings.Contains(errOut, `block "k9e6" is not a block of ofa-mbv3`) {
		t.Errorf("bad token: exit %d, %q", code, errOut)
	}
}

// profile prints the baseline and one row per fix with the documented columns, the
// same bytes for the same seed; a malformed --blocks item is a usage error.
func TestProfileCommand(t *testing.T) {
	needData(t, ofa.MBv3File, latency.Note10File(224))
	args := []string{"profile", "--space", "ofa-mbv3", "--metrics", "acc,flops,note10_r224", "--n", "20", "--seed", "5", "--res", "224", "--blocks", "0:0:k3e3,4:3:k7e6"}
	code, out, errOut := runCLI(args...)
	if code != 0 {
		t.Fatalf("profile: exit %d: %s", code, errOut)
	}
	header, rows := readMatrixCSV(t, out)
	if !slices.Equal(header[:8], []string{"stage", "layer", "kernel", "expand", "resolution", "acc_mean", "acc_std", "acc_min"}) || len(header) != 5+3*11 {
		t.Errorf("header %v", header)
	}
	if len(rows) != 3 || rows[0][0] != "" || rows[0][4] != "224" || rows[2][0] != "4" || rows[2][1] != "3" || rows[2][2] != "7" || rows[2][3] != "6" {
		t.Errorf("rows %v", rows)
	}
	// The baseline's shift is 0 by definition; k7e6 at the last layer adds a block
	// (depth raised to 4 where it was 2 or 3) and a larger one, so FLOPs rise.
	fs := slices.Index(header, "flops_shift")
	if rows[0][fs] != "0" {
		t.Errorf("baseline flops shift %s", rows[0][fs])
	}
	if v, _ := strconv.ParseFloat(rows[2][fs], 64); !(v > 0) {
		t.Errorf("flops shift of 4:3:k7e6 %v", v)
	}
	if _, again, _ := runCLI(args...); again != out {
		t.Error("the same seed printed different bytes")
	}
	if code, _, errOut := runCLI("profile", "--blocks", "0:9:k3e3"); code != 2 || !strings.Contains(errOut, "no position stage 0 layer 9") {
		t.Errorf("bad position: exit %d, %q", code, errOut)
	}
}

// search prints one architecture that meets its budget, the same for the same seed, and
// never one holding a dropped block; by default as a JSON line eval reads; --multi
// worst keeps every device within its budget; malformed constraints are usage errors.
func TestSearchCommand(t *testing.T) {
	needData(t, ofa.MBv3File, latency.Note10File(224))
	args := []string{"search", "--constraint", "note10_r224<=28", "--population", "12", "--generations", "3", "--seed", "2", "--drop", "k7e6", "--format", "csv"}
	code, out, errOut := runCLI(args...)
	if code != 0 {
		t.Fatalf("search: exit %d: %s", code, errOut)
	}
	header, rows := readMatrixCSV(t, out)
	if len(rows) != 1 || !slices.Equal(header, []string{"arch", "acc", "note10_r224"}) {
		t.Fatalf("search printed %q", out)
	}
	if v, _ := strconv.ParseFloat(rows[0][2], 64); !(v > 0 && v <= 28) {
		t.Errorf("note10_r224 %v outside the 28 ms budget", v)
	}
	a, err := arch.ParseMB(arch.MBv3, rows[0][0])
	if err != nil {
		t.Fatal(err)
	}
	for i := range a.KS {
		if a.KS[i] == 7 && a.E[i] == 6 {
			t.Fatalf("dropped block k7e6 in slot %d of %s", i, rows[0][0])
		}
	}
	if _, again, _ := runCLI(args...); again != out {
		t.Error("the same seed found another architecture")
	}
	code, line, errOut := runCLI("search", "--multi", "worst", "--devices", "note10_r224,flops", "--budgets", "30,800", "--population", "12", "--generations", "2")
	if code != 0 {
		t.Fatalf("search --multi: exit %d: %s", code, errOut)
	}
	withStdin(t, line)
	code, out, errOut = runCLI("eval", "--metrics", "note10_r224,flops")
	if code != 0 {
		t.Fatalf("eval of the found architecture: exit %d: %s", code, errOut)
	}
	_, rows = readMatrixCSV(t, out)
	n10, _ := strconv.ParseFloat(rows[0][0], 64)
	fl, _ := strconv.ParseFloat(rows[0][1], 64)
	if !(n10 <= 30 && fl <= 800) {
		t.Errorf("worst-case search found note10 %v ms, flops %v M; budgets 30 and 800", n10, fl)
	}
	for _, bad := range [][]string{{"--constraint", "note10_r224<25"}, {"--multi", "avg", "--devices", "flops", "--budgets", "1"}, {"--multi", "worst", "--devices", "flops,note10", "--budgets", "1"}} {
		if code, _, errOut := runCLI(append([]string{"search"}, bad...)...); code != 2 {
			t.Errorf("%v: exit %d, %q", bad, code, errOut)
		}
	}
}

// pareto prints exactly the cells no other cell dominates, by brute force over the
// table, sorted by latency; multihw divides by the reference cell's latency, so the
// reference itself has every ratio 1, and leaves out rice_edgetpu's 259 failed cells.
func TestParetoAndMultiHW(t *testing.T) {
	needData(t)
	code, out, errOut := runCLI("pareto", "--dataset", "nb201", "--acc", "cifar10_acc", "--device", "eagle_gtx")
	if code != 0 {
		t.Fatalf("pareto: exit %d: %s", code, errOut)
	}
	_, rows := readMatrixCSV(t, out)
	lat, _ := data.LoadLatency("", "nb201")
	accTab, _ := data.LoadAccuracy("")
	acc, _ := data.AccuracyFor(lat, accTab, "cifar10_acc")
	cost, _ := lat.Column("eagle_gtx")
	var want []string
	for i := range cost {
		dominated := false
		for j := range cost {
			if cost[j] <= cost[i] && acc[j] >= acc[i] && (cost[j] < cost[i] || acc[j] > acc[i]) {
				dominated = true
				break
			}
		}
		if !dominated {
			want = append(want, strconv.Itoa(lat.IDs[i]))
		}
	}
	var got []string
	prev := 0.0
	for _, r := range rows {
		got = append(got, r[0])
		v, _ := strconv.ParseFloat(r[3], 64)
		if v < prev {
			t.Errorf("front not sorted by latency at %v", r)
		}
		prev = v
	}
	slices.Sort(got)
	slices.Sort(want)
	if !slices.Equal(got, want) {
		t.Errorf("front %v, brute force %v", got, want)
	}
	ref := strconv.Itoa(lat.IDs[1]) // row 0 (cell 910) failed on rice_edgetpu, which is refused as a reference
	code, out, errOut = runCLI("multihw", "--dataset", "nb201", "--devices", "eagle_gtx,rice_edgetpu", "--ref", ref)
	if code != 0 || !strings.Contains(errOut, "259 left out") {
		t.Fatalf("multihw: exit %d: %s", code, errOut)
	}
	header, rows := readMatrixCSV(t, out)
	if len(rows) != 1740 || !slices.Equal(header, []string{"arch_index", "avg_norm", "worst_norm", "eagle_gtx_norm", "rice_edgetpu_norm"}) {
		t.Fatalf("multihw printed %d rows, header %v", len(rows), header)
	}
	for _, r := range rows {
		if r[0] == ref && (r[1] != "1" || r[2] != "1") {
			t.Errorf("the reference's own row %v", r)
		}
	}
	if code, _, _ := runCLI("multihw", "--devices", "eagle_gtx", "--ref", "3", "--budgets", "1"); code != 2 {
		t.Errorf("--ref and --budgets together: exit %d", code)
	}
}
