package fetch_test

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"

	"github.com/nasanalysis/nasanalysis/nasanalysis/fetch"
)

// The raw files behind nb201/*.csv: NATS-Bench's accuracy table, OneProxy's cell
// encodings and one latency pickle for each of OneProxy's 18 devices: 1 + 1 + 18 = 20.
func ExampleRawFiles() {
	files := fetch.RawFiles()
	fmt.Println(len(files), "files")
	for _, f := range files[:3] {
		fmt.Println(f.Path)
	}
	// Output:
	// 20 files
	// nats-bench/nats_bench.csv
	// oneproxy/encode.pickle
	// oneproxy/latency_data/eagle_cpu_855.pickle
}

// Download fetches only what is missing: the second call finds the file in place and
// makes no request.
func ExampleDownload() {
	requests := 0
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		requests++
		fmt.Fprint(w, "arch_index,arch\n")
	}))
	defer srv.Close()
	raw, err := os.MkdirTemp("", "nasanalysis-example")
	if err != nil {
		fmt.Println(err)
		return
	}
	defer os.RemoveAll(raw)
	files := []fetch.RawFile{{URL: srv.URL + "/nats_bench.csv", Path: "nats-bench/nats_bench.csv"}}
	var log strings.Builder
	for range 2 {
		if err := fetch.Download(context.Background(), srv.Client(), raw, files, &log); err != nil {
			fmt.Println(err)
			return
		}
	}
	got, _ := os.ReadFile(filepath.Join(raw, "nats-bench", "nats_bench.csv"))
	fmt.Printf("%d request(s), %d progress line(s), file holds %q\n", requests, strings.Count(log.String(), "\n"), got)
	// Output: 1 request(s), 1 progress line(s), file holds "arch_index,arch\n"
}
