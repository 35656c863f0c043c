package main

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"path/filepath"
	"time"

	"github.com/nasanalysis/nasanalysis/nasanalysis/data"
	"github.com/nasanalysis/nasanalysis/nasanalysis/fetch"
)

func runFetch(args []string, stdout, stderr io.Writer) error {
	fs := newFlags("fetch", "[--from RAWDIR] [--out DIR] [--if-missing [--data DIR]]", stderr)
	from := fs.String("from", "", "convert local copies of the raw files from this directory (layout of ../shared/datasets/raw) instead of downloading")
	out := fs.String("out", "", "datasets directory to write (default: the user cache, the last place the loaders look)")
	rawDir := fs.String("raw", "", "where downloaded raw files are kept (default: OUT/raw)")
	ifMissing := fs.Bool("if-missing", false, "do nothing when the NB201 tables are already found where --data says (the only use of --data here)")
	dataDir := fs.dataFlag()
	if err := fs.parse(args); err != nil {
		return err
	}
	if *ifMissing {
		if dir, err := data.Resolve(*dataDir, data.AccuracyFile); err == nil {
			if _, err := data.Resolve(*dataDir, "nb201/latency.csv"); err == nil {
				fmt.Fprintf(stdout, "datasets found in %s; nothing to fetch\n", dir)
				return nil
			}
		}
	}
	if *out == "" {
		cache, err := data.CacheDir()
		if err != nil {
			return fmt.Errorf("no --out given and no user cache directory: %w", err)
		}
		*out = cache
	}
	src := *from
	if src == "" {
		src = *rawDir
		if src == "" {
			src = filepath.Join(*out, "raw")
		}
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Minute)
		defer cancel()
		client := &http.Client{Timeout: 2 * time.Minute}
		if err := fetch.Download(ctx, client, src, fetch.RawFiles(), stderr); err != nil {
			return fmt.Errorf("%w\n(no internet? copy the raw files and run 'nasanalysis fetch --from DIR')", err)
		}
	}
	if err := fetch.ConvertNB201(src, *out); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "wrote %s (accuracy.csv, latency.csv, devices.csv) from %s\n", filepath.Join(*out, "nb201"), src)
	fmt.Fprintln(stdout, "note: nb201/latency_full.csv, fbnet/ and ofa/ come from HELP's and OFA's releases and are not converted by this command yet; use ../shared/datasets for them")
	return nil
}
