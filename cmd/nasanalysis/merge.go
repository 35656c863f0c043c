package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"
)

// runMerge joins the files that `measure --shard I/N` wrote for one sample into one
// file, refusing anything that would make the result wrong: files of another sample,
// engine, protocol or CPU (settingsColumns), a shard missing or given twice, a network
// measured twice.
func runMerge(args []string, stdout, stderr io.Writer) error {
	fs := newFlags("merge", "--out FILE SHARD.csv...", stderr)
	out := fs.String("out", "", "merged CSV to write (must not exist)")
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
	if _, err := os.Stat(*out); err == nil {
		return usagef("%s exists; merge writes a new file", *out)
	}
	var all [][]string
	var shards []string
	owner := map[string]string{} // arch -> file
	var first *measuredFile
	for _, path := range files {
		f, err := readMeasuredFile(path, measuredHeader, true)
		if err != nil {
			return err
		}
		if len(f.rows) == 0 {
			return fmt.Errorf("%s: no rows", path)
		}
		if first == nil {
			first = f
		}
		// Shards of another split would double-count or miss networks: check before rows.
		if _, n, err := parseShard(f.get(0, "shard")); err != nil {
			return fmt.Errorf("%s: %w", path, err)
		} else if _, n0, _ := parseShard(first.get(0, "shard")); n != n0 {
			return fmt.Errorf("%s is shard %s, but %s is of %d shards", path, f.get(0, "shard"), first.path, n0)
		}
		for i := range f.rows {
			for _, c := range append(slices.Clone(settingsColumns), "shard") {
				ref := first.get(0, c)
				if c == "shard" {
					ref = f.get(0, c) // one shard per file
				}
				if got := f.get(i, c); got != ref {
					return fmt.Errorf("%s line %d: %s is %q, but %s has %q: not the same measurement", path, i+2, c, got, first.path, ref)
				}
			}
			key := f.get(i, "arch")
			if prev, dup := owner[key]; dup {
				return fmt.Errorf("%s line %d: %s was measured in %s too", path, i+2, key, prev)
			}
			owner[key] = path
		}
		shards = append(shards, f.get(0, "shard"))
		all = append(all, f.rows...)
	}
	if err := checkShards(shards, files); err != nil {
		return err
	}
	if err := appendRows(*out, measuredHeader, all); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "wrote %s: %d networks from %d shards\n", *out, len(all), len(files))
	return nil
}

// checkShards requires shards "0/N" .. "N-1/N", each once.
func checkShards(shards, files []string) error {
	seen := map[int]string{}
	n := -1
	for k, s := range shards {
		i, m, err := parseShard(s)
		if err != nil {
			return fmt.Errorf("%s: %w", files[k], err)
		}
		if n >= 0 && m != n {
			return fmt.Errorf("%s is shard %s, but %s is of %d shards", files[k], s, files[0], n)
		}
		n = m
		if prev, dup := seen[i]; dup {
			return fmt.Errorf("%s and %s are both shard %d/%d", prev, files[k], i, n)
		}
		seen[i] = files[k]
	}
	var missing []string
	for i := range n {
		if _, ok := seen[i]; !ok {
			missing = append(missing, fmt.Sprintf("%d/%d", i, n))
		}
	}
	if len(missing) > 0 {
		return fmt.Errorf("shards missing: %s", strings.Join(missing, ", "))
	}
	return nil
}
