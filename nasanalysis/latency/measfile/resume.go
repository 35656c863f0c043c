package measfile

import (
	"fmt"
	"io"
	"math"
	"slices"
	"strconv"

	"github.com/nasanalysis/nasanalysis/nasanalysis/data"
)

// ResumeOptions name a run's files and how the run measures.
type ResumeOptions struct {
	Measured string // the measured-latency file the run appends to
	Blocks   string // the per-block file it appends to; "" when it profiles no blocks
	// Settings and Shard are the run's: every row already in the files must share
	// them, or the files would mix measurements made differently, or two shards.
	Settings Settings
	Shard    Shard
	// RedoDisturbed drops the rows flagged disturbed, and their blocks, so that their
	// networks are measured again.
	RedoDisturbed bool
	Warn          io.Writer // told of every repair and dropped row; nil discards
}

// Done is what a run's files already hold, by architecture (Row.Arch).
type Done struct {
	Measured map[string]bool // networks with a row in the measured-latency file
	Profiled map[string]bool // networks with a complete set of blocks in the per-block file
	// RefCalmMS is the calm time of each reference network (ref_arch) the file's rows
	// were scaled by, so that a resumed run scales its rows by the same.
	RefCalmMS map[string]float64
}

// Resume readies a run's files for appending and says what they already hold. It
// repairs a torn last row of each file (Format.Repair); refuses a row measured with
// other settings or of another shard, and a network measured twice, naming the file,
// line, column and both values; drops the rows flagged disturbed when asked; and drops
// a network's blocks when they do not add up to the sum_ms written on each of them (a
// write interrupted after some of its rows, such as a full disk), so it is profiled
// again. A missing file holds nothing. Files are rewritten atomically (Format.Replace).
func Resume(o ResumeOptions) (Done, error) {
	warn := o.Warn
	if warn == nil {
		warn = io.Discard
	}
	done := Done{Measured: map[string]bool{}, Profiled: map[string]bool{}, RefCalmMS: map[string]float64{}}
	if err := Measured.Repair(o.Measured, warn); err != nil {
		return done, err
	}
	if o.Blocks != "" {
		if err := Blocks.Repair(o.Blocks, warn); err != nil {
			return done, err
		}
	}
	m, err := Measured.readCurrent(o.Measured, true)
	if err != nil {
		return done, err
	}
	want := o.Settings.cells()
	want["shard"] = o.Shard.String()
	firstLine := map[string]int{}
	disturbed := map[string]bool{}
	var keep [][]string
	checked := append(slices.Clone(settingsColumns), "shard")
	for i, row := range m.rows {
		for _, c := range checked {
			if got := m.get(i, c); got != want[c] {
				return done, fmt.Errorf("%s line %d: %s is %q, this run's is %q; measure into another file (and merge files of one sample)", m.path, line(i), c, got, want[c])
			}
		}
		a := m.get(i, "arch")
		if prev, dup := firstLine[a]; dup {
			return done, fmt.Errorf("%s line %d: %s measured twice (also on line %d)", m.path, line(i), a, prev)
		}
		firstLine[a] = line(i)
		if o.RedoDisturbed && m.get(i, "disturbed") == "true" {
			disturbed[a] = true
			continue
		}
		keep = append(keep, row)
		done.Measured[a] = true
		if ref := m.get(i, "ref_arch"); ref != "" {
			calm, err := strconv.ParseFloat(m.get(i, "ref_calm_ms"), 64)
			if prev, seen := done.RefCalmMS[ref]; err != nil || !(calm > 0) || seen && prev != calm {
				return done, fmt.Errorf("%s line %d: ref_calm_ms %q for reference %s, want one positive number per reference in a file", m.path, line(i), m.get(i, "ref_calm_ms"), ref)
			}
			done.RefCalmMS[ref] = calm
		}
	}
	if o.RedoDisturbed {
		if len(disturbed) > 0 {
			if err := Measured.Replace(o.Measured, keep); err != nil {
				return done, err
			}
		}
		fmt.Fprintf(warn, "dropped %d rows flagged disturbed from %s, to measure them again\n", len(disturbed), o.Measured)
	}
	if o.Blocks == "" {
		return done, nil
	}
	profiled, err := resumeBlocks(o.Blocks, o.Settings, disturbed, warn)
	done.Profiled = profiled
	return done, err
}

// resumeBlocks checks a per-block file against the run's settings, drops the blocks of
// the networks in drop and the incomplete sets of blocks, and returns the networks whose
// blocks remain.
func resumeBlocks(path string, s Settings, drop map[string]bool, warn io.Writer) (map[string]bool, error) {
	b, err := Blocks.readCurrent(path, true)
	if err != nil {
		return nil, err
	}
	want := map[string]string{"engine": s.Engine, "threads": strconv.Itoa(s.Threads), "opt_level": strconv.Itoa(s.OptLevel)}
	profiled := map[string]bool{}
	var keep [][]string
	changed := false
	for start := 0; start < len(b.rows); {
		a := b.get(start, "arch")
		end := start + 1
		for end < len(b.rows) && b.get(end, "arch") == a {
			end++
		}
		if profiled[a] {
			return nil, fmt.Errorf("%s line %d: a second set of blocks of %s", path, line(start), a)
		}
		sum, written := 0.0, 0.0
		for i := start; i < end; i++ {
			for c, v := range want {
				if got := b.get(i, c); got != v {
					return nil, fmt.Errorf("%s line %d: %s is %q, this run's is %q; profile into another file", path, line(i), c, got, v)
				}
			}
			ms, err := parseFloat(b, i, "ms")
			if err != nil {
				return nil, err
			}
			if written, err = parseFloat(b, i, "sum_ms"); err != nil {
				return nil, err
			}
			sum += ms
		}
		switch {
		case drop[a]:
			changed = true
		case math.Abs(sum-written) > 1e-9*math.Abs(written):
			changed = true
			lines := fmt.Sprintf("line %d", line(start))
			if end-start > 1 {
				lines = fmt.Sprintf("lines %d-%d", line(start), line(end-1))
			}
			fmt.Fprintf(warn, "%s %s: the blocks of %s add up to %g ms, not their sum_ms %g (a write cut short): dropped, to be profiled again\n",
				path, lines, a, sum, written)
		default:
			profiled[a] = true
			keep = append(keep, b.rows[start:end]...)
		}
		start = end
	}
	if changed {
		if err := Blocks.Replace(path, keep); err != nil {
			return nil, err
		}
	}
	return profiled, nil
}

// parseFloat reads row i's number in column col, or an error naming the file, line,
// column and text.
func parseFloat(t *table, i int, col string) (float64, error) {
	s := t.get(i, col)
	v, err := data.ParseNumber(s, true)
	if err != nil {
		return 0, &data.InputError{File: t.path, Line: line(i), Column: col, Value: s, Reason: "not a number: " + err.Error()}
	}
	return v, nil
}
