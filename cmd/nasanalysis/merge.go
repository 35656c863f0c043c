package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"

	"github.com/nasanalysis/nasanalysis/nasanalysis/latency/measfile"
)

// runMerge joins the files that `measure --shard I/N` wrote for one sample into one
// file; measfile.Merge refuses anything that would make the result wrong.
func runMerge(args []string, stdout, stderr io.Writer) error {
	fs := newFlags("merge", "--out FILE [--calm CALM.csv] SHARD.csv...", stderr)
	out := fs.String("out", "", "merged CSV to write (must not exist)")
	calmFile := fs.String("calm", "", "rescale every paired row to this file's calm time for its reference (scaled_ms = ratio_ref x it): shards calibrated on different machines or at different moments merge in one scale")
	if err := fs.Parse(args); err != nil { // flags first, then the shard files
		if errors.Is(err, flag.ErrHelp) {
			return err
		}
		return usageError{err.Error()}
	}
	files := fs.Args()
	if *out == "" || len(files) == 0 {
		return usagef("need --out FILE and at least one shard file")
	}
	if *out == "-" {
		return usagef("--out -: merge writes a file (checked whole, then renamed into place), not standard output")
	}
	if _, err := os.Stat(*out); err == nil {
		return usagef("%s exists; merge writes a new file", *out)
	}
	var calm map[string]float64
	if *calmFile != "" {
		if _, err := os.Stat(*calmFile); err != nil {
			return usagef("--calm %v", err)
		}
		var err error
		if calm, err = measfile.ReadCalm(*calmFile); err != nil {
			return err
		}
	}
	n, err := measfile.MergeRescaled(*out, calm, files...)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "wrote %s: %d networks from %d shards\n", *out, n, len(files))
	return nil
}
