package fetch

import (
	"context"
	"encoding/csv"
	"math"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/nasanalysis/nasanalysis/nasanalysis/data"
	"github.com/nasanalysis/nasanalysis/nasanalysis/datatest"
)

// The converter turns the publishers' raw files into the same tables as
// ../shared/datasets/nb201, to 6 significant digits.
func TestConvertNB201ReproducesSharedTables(t *testing.T) {
	shared, err := data.Resolve("", "raw/oneproxy/encode.pickle")
	datatest.Check(t, err)
	out := t.TempDir()
	if err := ConvertNB201(filepath.Join(shared, "raw"), out); err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"latency.csv", "accuracy.csv", "devices.csv"} {
		got, want := readRows(t, filepath.Join(out, "nb201", name)), readRows(t, filepath.Join(shared, "nb201", name))
		if len(got) != len(want) || strings.Join(got[0], ",") != strings.Join(want[0], ",") {
			t.Fatalf("%s: header or row count differs", name)
		}
		for i := range want {
			for j := range want[i] {
				g, w := got[i][j], want[i][j]
				if g == w {
					continue
				}
				gv, e1 := strconv.ParseFloat(g, 64)
				wv, e2 := strconv.ParseFloat(w, 64)
				if e1 != nil || e2 != nil || math.Abs(gv-wv) > 5e-6*math.Abs(wv) {
					t.Fatalf("%s line %d column %s: got %q, want %q", name, i+1, want[0][j], g, w)
				}
			}
		}
	}
}

// Download fetches the raw files over HTTP (here from a loopback server holding the
// shared raw copies), skips those already present, and the result converts.
func TestDownloadThenConvert(t *testing.T) {
	shared, err := data.Resolve("", "raw/oneproxy/encode.pickle")
	datatest.Check(t, err)
	var requests int
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		requests++
		http.ServeFile(w, r, filepath.Join(shared, "raw", filepath.FromSlash(strings.TrimPrefix(r.URL.Path, "/"))))
	}))
	defer srv.Close()
	var files []RawFile
	for _, f := range RawFiles() {
		files = append(files, RawFile{URL: srv.URL + "/" + f.Path, Path: f.Path})
	}
	raw := t.TempDir()
	var log strings.Builder
	if err := Download(context.Background(), srv.Client(), raw, files, &log); err != nil {
		t.Fatal(err)
	}
	if requests != len(files) {
		t.Errorf("%d requests for %d files", requests, len(files))
	}
	if err := Download(context.Background(), srv.Client(), raw, files, &log); err != nil || requests != len(files) {
		t.Errorf("second download re-fetched files (%d requests) or failed: %v", requests, err)
	}
	out := t.TempDir()
	if err := ConvertNB201(raw, out); err != nil {
		t.Fatal(err)
	}
	if _, err := data.LoadLatency(out, "nb201"); err != nil {
		t.Fatal(err)
	}
	bad := []RawFile{{URL: srv.URL + "/no/such.pickle", Path: "x.pickle"}}
	if err := Download(context.Background(), srv.Client(), raw, bad, &log); err == nil || !strings.Contains(err.Error(), "404") {
		t.Errorf("missing remote file: %v", err)
	}
}

func readRows(t *testing.T, path string) [][]string {
	t.Helper()
	return datatest.ReadCSV(t, path)
}

// Issue 25: a raw table that converts to an accuracy of 101 % is refused before any
// file is replaced: the files a previous fetch wrote stay whole, and no staging file is
// left behind.
func TestConvertRefusesInvalidTables(t *testing.T) {
	shared, err := data.Resolve("", "raw/oneproxy/encode.pickle")
	datatest.Check(t, err)
	raw := t.TempDir()
	if err := os.CopyFS(raw, os.DirFS(filepath.Join(shared, "raw"))); err != nil {
		t.Fatal(err)
	}
	out := t.TempDir()
	if err := ConvertNB201(raw, out); err != nil {
		t.Fatal(err)
	}
	before, _ := os.ReadFile(filepath.Join(out, "nb201", "accuracy.csv"))
	nats := filepath.Join(raw, "nats-bench", "nats_bench.csv")
	rows := readRows(t, nats)
	col := slices.Index(rows[0], "CIFAR10TestAccuracy200Epochs")
	if col < 0 {
		t.Fatalf("no CIFAR-10 column in %v", rows[0])
	}
	rows[1][col] = "101"
	var b strings.Builder
	w := csv.NewWriter(&b)
	w.WriteAll(rows)
	os.WriteFile(nats, []byte(b.String()), 0o644)
	if err := ConvertNB201(raw, out); err == nil || !strings.Contains(err.Error(), "accuracy.csv is not valid") {
		t.Errorf("accuracy 101: %v", err)
	}
	after, _ := os.ReadFile(filepath.Join(out, "nb201", "accuracy.csv"))
	if string(after) != string(before) {
		t.Error("the earlier accuracy.csv was replaced")
	}
	if left, _ := filepath.Glob(filepath.Join(out, "nb201", ".*.fetching")); len(left) > 0 {
		t.Errorf("staging files left: %v", left)
	}
}
