package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"

	"github.com/nasanalysis/nasanalysis/nasanalysis/latency/measfile"
)

// runMerge joins the files that `measure --shard I/N` wrote for one campaign into one
// file in sample order; measfile.Merge refuses anything that would make the result wrong.
func runMerge(args []string, stdout, stderr io.Writer) error {
	fs := newFlags("merge", "--out FILE [--calm CALM.csv] [--allow-incomplete] [--allow-mixed-speed] SHARD.csv...", stderr)
	var o measfile.MergeOptions
	fs.BoolVar(&o.AllowIncomplete, "allow-incomplete", false, "merge a campaign with networks or whole shards missing (each row's merge_note says which)")
	fs.BoolVar(&o.AllowMixedSpeed, "allow-mixed-speed", false, fmt.Sprintf("merge shards of another CPU model or whose calm reference times are more than %.0f %% apart (each row's merge_note says which)", 100*measfile.MaxSpeedSpread))
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
	if *calmFile != "" {
		if _, err := os.Stat(*calmFile); err != nil {
			return usagef("--calm %v", err)
		}
		var err error
		if o.Calm, err = measfile.ReadCalm(*calmFile); err != nil {
			return err
		}
	}
	m, err := measfile.Merge(*out, o, files...)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "wrote %s: %d of the sample's %d networks from %d shards, in sample order\n", *out, m.Rows, m.Expected, m.Shards)
	if m.Note != "" {
		fmt.Fprintf(stderr, "merge_note on every row: %s\n", m.Note)
	}
	return nil
}
