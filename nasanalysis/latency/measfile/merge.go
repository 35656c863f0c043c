package measfile

import (
	"errors"
	"fmt"
	"os"
	"strconv"
	"strings"

	"github.com/nasanalysis/nasanalysis/nasanalysis/arch"
	"github.com/nasanalysis/nasanalysis/nasanalysis/data"
)

// Merge joins the Measured files that the N shards of one sample wrote (`measure
// --shard I/N`) into out, which must not exist, and returns how many rows it wrote, in
// the order of files. It refuses whatever would make the result wrong, naming the file
// and line: a file of another layout, a torn or empty file, rows of another sample,
// engine, protocol or CPU (Settings) than the first file's, a file holding rows of two
// shards, shards of different splits, a shard missing or given twice, a network
// measured twice, and one reference network scaled by two calm times (shards
// calibrated apart: MergeRescaled joins them). out is written atomically
// (Format.Replace).
func Merge(out string, files ...string) (int, error) { return MergeRescaled(out, nil, files...) }

// MergeRescaled is Merge that first rescales every paired row to the calm time calm
// holds for its reference and engine setting (ReadCalm's map, by CalmKey): scaled_ms =
// ratio_ref x that time. Shards measured on machines, or at moments, whose calibrations
// differ then merge in one scale; their ratios are untouched. nil calm rescales
// nothing, and refuses shards whose calm times differ.
func MergeRescaled(out string, calm map[string]float64, files ...string) (int, error) {
	if len(files) == 0 {
		return 0, errors.New("merge: no shard files")
	}
	if _, err := os.Stat(out); err == nil {
		return 0, fmt.Errorf("%s exists; merge writes a new file", out)
	}
	var all [][]string
	var shards []Shard
	owner := map[string]string{} // arch -> "file line N"
	var first *table
	n0 := 0                          // the first file's number of shards
	calmAt := map[string][2]string{} // ref_arch -> its calm time and where it was first met
	for _, path := range files {
		t, err := Measured.readCurrent(path, false)
		if err != nil {
			return 0, err
		}
		if len(t.rows) == 0 {
			return 0, fmt.Errorf("%s: no rows", path)
		}
		s, err := ParseShard(t.get(0, "shard"))
		if err != nil {
			return 0, fmt.Errorf("%s line %d: %w", path, line(0), err)
		}
		if first == nil {
			first, n0 = t, s.N
		}
		// Shards of another split would double-count or miss networks: check before rows.
		if s.N != n0 {
			return 0, fmt.Errorf("%s is shard %s, but %s is of %d shards", path, s, first.path, n0)
		}
		for i := range t.rows {
			if got, ref := t.get(i, "shard"), t.get(0, "shard"); got != ref {
				return 0, fmt.Errorf("%s line %d: shard is %q, but line %d has %q: one file holds one shard", path, line(i), got, line(0), ref)
			}
			for _, c := range settingsColumns {
				if got, ref := t.get(i, c), first.get(0, c); got != ref {
					return 0, fmt.Errorf("%s line %d: %s is %q, but %s line %d has %q: not the same measurement", path, line(i), c, got, first.path, line(0), ref)
				}
			}
			key, err := checkMeasuredRow(t, i)
			if err != nil {
				return 0, err
			}
			if prev, dup := owner[key]; dup {
				return 0, fmt.Errorf("%s line %d: %s was measured in %s too", path, line(i), t.get(i, "arch"), prev)
			}
			owner[key] = fmt.Sprintf("%s line %d", path, line(i))
			if err := scaleRow(t, i, calm, calmAt); err != nil {
				return 0, err
			}
		}
		shards = append(shards, s)
		all = append(all, t.rows...)
	}
	if err := checkShards(shards, files); err != nil {
		return 0, err
	}
	return len(all), Measured.Replace(out, all)
}

// checkMeasuredRow validates row i as the readers will (latency.ReadMeasured): an
// architecture of the row's space, at the resolution the row gives, a positive
// median_ms and, under the paired protocol, positive ratio_ref and scaled_ms. It returns
// the architecture's canonical form, which duplicates are found by.
func checkMeasuredRow(t *table, i int) (string, error) {
	a, err := arch.Parse(t.get(i, "space"), t.get(i, "arch"))
	if err != nil {
		return "", &data.InputError{File: t.path, Line: line(i), Column: "arch", Value: t.get(i, "arch"), Reason: err.Error()}
	}
	if r, ok := arch.InputResolution(a); !ok || strconv.Itoa(r) != t.get(i, "resolution") {
		return "", &data.InputError{File: t.path, Line: line(i), Column: "resolution", Value: t.get(i, "resolution"), Reason: fmt.Sprintf("the architecture's resolution is %d", r)}
	}
	cols := []string{"median_ms"}
	if t.get(i, "ref_arch") != "" {
		cols = append(cols, "ratio_ref", "scaled_ms")
	}
	for _, c := range cols {
		v, err := parseFloat(t, i, c)
		if err != nil {
			return "", err
		}
		if !(v > 0) {
			return "", &data.InputError{File: t.path, Line: line(i), Column: c, Value: t.get(i, c), Reason: "must be a positive number"}
		}
	}
	return a.String(), nil
}

// checkShards requires shards 0/N .. N-1/N, each once (files[k] holds shards[k]).
func checkShards(shards []Shard, files []string) error {
	seen := map[int]string{}
	n := shards[0].N
	for k, s := range shards {
		if prev, dup := seen[s.I]; dup {
			return fmt.Errorf("%s and %s are both shard %s", prev, files[k], s)
		}
		seen[s.I] = files[k]
	}
	var missing []string
	for i := range n {
		if _, ok := seen[i]; !ok {
			missing = append(missing, Shard{i, n}.String())
		}
	}
	if len(missing) > 0 {
		return fmt.Errorf("shards missing: %s", strings.Join(missing, ", "))
	}
	return nil
}

// scaleRow rescales row i of t to calm (when given) and checks that every row of one
// reference has one calm time (seen: the first row's time and place, by reference).
func scaleRow(t *table, i int, calm map[string]float64, seen map[string][2]string) error {
	ref := t.get(i, "ref_arch")
	if ref == "" {
		return nil // the single-network protocol
	}
	if calm != nil {
		k, err := rowCalmKey(t, i)
		if err != nil {
			return err
		}
		ms, ok := calm[k]
		if !ok {
			return fmt.Errorf("%s line %d: the calm-time file has no time for reference %s on %s, %s thread(s), optimisation %s", t.path, line(i), ref, t.get(i, "engine"), t.get(i, "threads"), t.get(i, "opt_level"))
		}
		ratio, err := parseFloat(t, i, "ratio_ref")
		if err != nil {
			return err
		}
		t.rows[i][t.col["ref_calm_ms"]], t.rows[i][t.col["scaled_ms"]] = formatFloat(ms), formatFloat(ratio*ms)
	}
	v, where := t.get(i, "ref_calm_ms"), fmt.Sprintf("%s line %d", t.path, line(i))
	if prev, ok := seen[ref]; !ok {
		seen[ref] = [2]string{v, where}
	} else if prev[0] != v {
		return fmt.Errorf("%s: reference %s scaled by a calm time of %s ms, but %s by %s ms: the shards calibrated apart; merge --calm FILE rescales them to one calm time (their ratio_ref as measured)", where, ref, v, prev[1], prev[0])
	}
	return nil
}
