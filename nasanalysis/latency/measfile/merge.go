package measfile

import (
	"cmp"
	"errors"
	"fmt"
	"maps"
	"os"
	"slices"
	"strconv"
	"strings"

	"github.com/nasanalysis/nasanalysis/nasanalysis/arch"
	"github.com/nasanalysis/nasanalysis/nasanalysis/data"
	"github.com/nasanalysis/nasanalysis/nasanalysis/stats"
)

// MaxSpeedSpread is how far apart (max/min - 1) the calm-state reference times of the
// machines that measured a campaign may be before Merge takes them for machines of
// different speeds, as the issue that asked for the check set it: a node type 10 %
// slower or faster changes the networks' ratios to the reference as well.
const MaxSpeedSpread = 0.10

// MergeOptions say what Merge may accept beyond a complete campaign measured at one
// speed, and how to scale it.
type MergeOptions struct {
	// Calm, when not nil, rescales every paired row to the calm time it holds for the
	// row's reference and engine setting (ReadCalm's map, by CalmKey): scaled_ms =
	// ratio_ref x that time. Shards calibrated on machines, or at moments, apart then
	// merge in one scale; their ratios are untouched. With nil Calm, shards whose calm
	// times differ are put on their median calm time.
	Calm map[string]float64
	// AllowIncomplete merges a campaign with networks or shards missing.
	AllowIncomplete bool
	// AllowMixedSpeed merges shards measured on machines of another CPU model, or whose
	// calm-state reference times are more than MaxSpeedSpread apart (checkSpeeds).
	AllowMixedSpeed bool
}

// Merged is what Merge wrote.
type Merged struct {
	Rows, Shards int
	Expected     int    // the networks of the sample (its n)
	Note         string // the merge_note written on every row ("" for none)
}

// Merge joins the Measured files that the N shards of one campaign wrote (`measure
// --shard I/N`) into out, which must not exist, with its rows in sample order
// (sample_index). It refuses whatever would make the result wrong, naming the file and
// line: a file of another layout, a torn or empty file, rows of another sample, engine
// or protocol (Settings) than the first file's, a file holding rows of two shards,
// shards of different splits, a shard given twice, a network measured twice, a row
// whose sample_index is not one of its shard's; unless o allows it, a network or shard
// missing (the sample column says how many networks the sample holds) and shards
// measured on machines of different speeds (checkSpeeds: another CPU model, or a
// reference more than MaxSpeedSpread slower). What it accepted or rescaled is written in the merge_note
// column of every row. out is written atomically (Format.Replace).
func Merge(out string, o MergeOptions, files ...string) (Merged, error) {
	if len(files) == 0 {
		return Merged{}, errors.New("merge: no shard files")
	}
	if _, err := os.Stat(out); err == nil {
		return Merged{}, fmt.Errorf("%s exists; merge writes a new file", out)
	}
	var shards []*shardFile
	owner := map[string]string{} // arch -> "file line N"
	for _, path := range files {
		t, err := Measured.readCurrent(path, false)
		if err != nil {
			return Merged{}, err
		}
		if len(t.rows) == 0 {
			return Merged{}, fmt.Errorf("%s: no rows", path)
		}
		s, err := ParseShard(t.get(0, "shard"))
		if err != nil {
			return Merged{}, fmt.Errorf("%s line %d: %w", path, line(0), err)
		}
		sf := &shardFile{t: t, shard: s, index: make([]int, len(t.rows))}
		first := t // the file every other is compared with
		if len(shards) > 0 {
			first = shards[0].t
			// Shards of another split would double-count or miss networks: check before rows.
			if n0 := shards[0].shard.N; s.N != n0 {
				return Merged{}, fmt.Errorf("%s is shard %s, but %s is of %d shards", path, s, first.path, n0)
			}
		}
		for i := range t.rows {
			if got, ref := t.get(i, "shard"), t.get(0, "shard"); got != ref {
				return Merged{}, fmt.Errorf("%s line %d: shard is %q, but line %d has %q: one file holds one shard", path, line(i), got, line(0), ref)
			}
			for _, c := range settingsColumns {
				if c == "cpu" {
					continue // machines of other CPUs: checkSpeeds decides
				}
				if got, ref := t.get(i, c), first.get(0, c); got != ref {
					return Merged{}, fmt.Errorf("%s line %d: %s is %q, but %s line %d has %q: not the same measurement", path, line(i), c, got, first.path, line(0), ref)
				}
			}
			key, err := checkMeasuredRow(t, i)
			if err != nil {
				return Merged{}, err
			}
			if prev, dup := owner[key]; dup {
				return Merged{}, fmt.Errorf("%s line %d: %s was measured in %s too", path, line(i), t.get(i, "arch"), prev)
			}
			owner[key] = fmt.Sprintf("%s line %d", path, line(i))
			if sf.index[i], err = parseIndex(t, i, s); err != nil {
				return Merged{}, err
			}
		}
		shards = append(shards, sf)
	}
	if err := checkShardsDistinct(shards); err != nil {
		return Merged{}, err
	}
	label := shards[0].t.get(0, "sample")
	n, err := SampleSize(label)
	if err != nil {
		return Merged{}, fmt.Errorf("%s line 2: %w", shards[0].t.path, err)
	}
	var notes []string
	missing, err := checkComplete(shards, n)
	if err != nil {
		return Merged{}, err
	}
	if missing != "" {
		if !o.AllowIncomplete {
			return Merged{}, fmt.Errorf("incomplete campaign (sample %s): %s; measure the missing shards again (measure resumes where a shard stopped), or merge --allow-incomplete", label, missing)
		}
		notes = append(notes, "accepted incomplete: "+missing)
	}
	speed, err := checkSpeeds(shards)
	if err != nil {
		return Merged{}, err
	}
	if speed != "" {
		if !o.AllowMixedSpeed {
			return Merged{}, fmt.Errorf("shards measured at different speeds: %s; measure every shard on one node type, or merge --allow-mixed-speed (ratios to the reference differ between machines too)", speed)
		}
		notes = append(notes, "accepted mixed speed: "+speed)
	}
	rescaled, err := rescale(shards, o.Calm)
	if err != nil {
		return Merged{}, err
	}
	if rescaled != "" {
		notes = append(notes, rescaled)
	}

	type indexed struct {
		i   int
		row []string
	}
	var all []indexed
	note := strings.Join(notes, "; ")
	for _, sf := range shards {
		for i, r := range sf.t.rows {
			r[sf.t.col["merge_note"]] = joinNotes(r[sf.t.col["merge_note"]], note)
			all = append(all, indexed{sf.index[i], r})
		}
	}
	slices.SortFunc(all, func(a, b indexed) int { return cmp.Compare(a.i, b.i) })
	rows := make([][]string, len(all))
	for k, r := range all {
		rows[k] = r.row
	}
	m := Merged{Rows: len(rows), Shards: len(shards), Expected: n, Note: note}
	return m, Measured.Replace(out, rows)
}

// shardFile is one shard's file as Merge reads it: its rows' positions in the sample.
type shardFile struct {
	t     *table
	shard Shard
	index []int // sample_index of each row
}

// joinNotes is a row's merge_note with note added.
func joinNotes(old, note string) string {
	switch {
	case old == "":
		return note
	case note == "":
		return old
	}
	return old + "; " + note
}

// SampleSize is the number of networks a sample label (the sample column) names: its
// "n=" field ("seed=1;n=300;res=160;width=0", "archs:sha256=...;n=200"), or N of
// "gpu-archs:N@R".
func SampleSize(label string) (int, error) {
	if rest, ok := strings.CutPrefix(label, "gpu-archs:"); ok {
		n, _, _ := strings.Cut(rest, "@")
		if v, err := strconv.Atoi(n); err == nil && v > 0 {
			return v, nil
		}
	}
	for f := range strings.SplitSeq(strings.TrimPrefix(label, "archs:"), ";") {
		if v, ok := strings.CutPrefix(f, "n="); ok {
			if n, err := strconv.Atoi(v); err == nil && n > 0 {
				return n, nil
			}
		}
	}
	return 0, fmt.Errorf("sample %q does not say how many networks it holds (no n=): merge cannot tell whether the campaign is complete", label)
}

// parseIndex is row i's sample_index, which must be one of shard s's positions.
func parseIndex(t *table, i int, s Shard) (int, error) {
	v := t.get(i, "sample_index")
	k, err := strconv.Atoi(v)
	if err != nil || k < 0 || k%s.N != s.I {
		return 0, &data.InputError{File: t.path, Line: line(i), Column: "sample_index", Value: v,
			Reason: fmt.Sprintf("want a position of shard %s in the sample (%d, %d, %d, ...)", s, s.I, s.I+s.N, s.I+2*s.N)}
	}
	return k, nil
}

// checkShardsDistinct refuses a shard given twice and two rows at one sample position.
func checkShardsDistinct(shards []*shardFile) error {
	seen := map[int]string{}
	for _, sf := range shards {
		if prev, dup := seen[sf.shard.I]; dup {
			return fmt.Errorf("%s and %s are both shard %s", prev, sf.t.path, sf.shard)
		}
		seen[sf.shard.I] = sf.t.path
		at := map[int]int{}
		for i, k := range sf.index {
			if prev, dup := at[k]; dup {
				return fmt.Errorf("%s line %d: sample_index %d, as on line %d: one network per position", sf.t.path, line(i), k, line(prev))
			}
			at[k] = i
		}
	}
	return nil
}

// checkComplete says what of a sample of n networks the shards lack ("" for nothing):
// the shards missing and, per shard, the positions missing. A position past n is an
// error.
func checkComplete(shards []*shardFile, n int) (string, error) {
	N := shards[0].shard.N
	var parts []string
	var absent []string
	lacking := 0
	have := map[int]*shardFile{}
	for _, sf := range shards {
		have[sf.shard.I] = sf
	}
	for i := range N {
		want := len(Select(Shard{i, N}, make([]struct{}, n)))
		sf, ok := have[i]
		if !ok {
			absent = append(absent, Shard{i, N}.String())
			lacking += want
			continue
		}
		got := map[int]bool{}
		for r, k := range sf.index {
			if k >= n {
				return "", &data.InputError{File: sf.t.path, Line: line(r), Column: "sample_index", Value: strconv.Itoa(k), Reason: fmt.Sprintf("the sample holds %d networks", n)}
			}
			got[k] = true
		}
		var miss []int
		for k := i; k < n; k += N {
			if !got[k] {
				miss = append(miss, k)
			}
		}
		if len(miss) > 0 {
			lacking += len(miss)
			parts = append(parts, fmt.Sprintf("%s has %d of %d (sample positions %s missing)", sf.t.path, want-len(miss), want, listInts(miss, 8)))
		}
	}
	if len(absent) > 0 {
		parts = append([]string{"shards missing: " + strings.Join(absent, ", ")}, parts...)
	}
	if lacking == 0 {
		return "", nil
	}
	return fmt.Sprintf("%d of %d networks missing: %s", lacking, n, strings.Join(parts, "; ")), nil
}

// listInts writes at most max of vs, then how many more.
func listInts(vs []int, max int) string {
	var b []string
	for k, v := range vs {
		if k == max {
			b = append(b, fmt.Sprintf("and %d more", len(vs)-max))
			break
		}
		b = append(b, strconv.Itoa(v))
	}
	return strings.Join(b, ", ")
}

// checkSpeeds says how the machines that measured the shards differ in speed ("" when
// they do not): their CPU models, and per reference network each machine's calm-state
// time for it, the fastest it ran there over every row the machine measured (the
// lowest ref_ms: under the paired protocol the reference's median in a network's
// rounds, under the single one the drift reference's time), when the slowest machine's
// is more than MaxSpeedSpread over the fastest's. Machines are told apart by the
// machine column (host name), so a shard resumed on another node counts for both.
// Shards one machine measured at different moments are not compared: its speed
// wanders (by 30 % within minutes on the shared machine this was built on), which the
// paired protocol's ratios cancel, and merge puts them on one calm time (rescale).
func checkSpeeds(shards []*shardFile) (string, error) {
	var parts []string
	cpus := map[string][]string{} // CPU model -> machines
	var models []string
	fastest := map[string]map[string]float64{} // reference -> machine -> ms
	where := map[string]map[string]string{}    // reference -> machine -> "file line N"
	for _, sf := range shards {
		t := sf.t
		for i := range t.rows {
			m, c := t.get(i, "machine"), t.get(i, "cpu")
			if _, ok := cpus[c]; !ok {
				models = append(models, c)
			}
			if !slices.Contains(cpus[c], m) {
				cpus[c] = append(cpus[c], m)
			}
			ref := t.get(i, "ref_arch")
			v, err := strconv.ParseFloat(t.get(i, "ref_ms"), 64)
			if err != nil || ref != "" && !(v > 0) {
				return "", &data.InputError{File: t.path, Line: line(i), Column: "ref_ms", Value: t.get(i, "ref_ms"), Reason: "must be a positive number"}
			}
			if !(v > 0) {
				continue // the single protocol, before its drift reference was timed
			}
			if fastest[ref] == nil {
				fastest[ref], where[ref] = map[string]float64{}, map[string]string{}
			}
			if prev, ok := fastest[ref][m]; !ok || v < prev {
				fastest[ref][m], where[ref][m] = v, fmt.Sprintf("%s line %d", t.path, line(i))
			}
		}
	}
	if len(models) > 1 {
		var s []string
		for _, c := range models {
			s = append(s, fmt.Sprintf("%q (machine %s)", c, strings.Join(cpus[c], ", ")))
		}
		parts = append(parts, "CPU models "+strings.Join(s, " and "))
	}
	refs := slices.Sorted(maps.Keys(fastest))
	for _, ref := range refs {
		machines := slices.Sorted(maps.Keys(fastest[ref]))
		lo, hi := machines[0], machines[0]
		for _, m := range machines {
			if fastest[ref][m] < fastest[ref][lo] {
				lo = m
			}
			if fastest[ref][m] > fastest[ref][hi] {
				hi = m
			}
		}
		if a, b := fastest[ref][lo], fastest[ref][hi]; b > a*(1+MaxSpeedSpread) {
			what := "reference " + ref
			if ref == "" {
				what = "the drift reference"
			}
			parts = append(parts, fmt.Sprintf("%s ran at best in %.4g ms on machine %s (%s) but %.4g ms on machine %s (%s): %.0f %% slower, more than %.0f %%",
				what, a, lo, where[ref][lo], b, hi, where[ref][hi], 100*(b/a-1), 100*MaxSpeedSpread))
		}
	}
	return strings.Join(parts, "; "), nil
}

// byReference is, per reference network (ref_arch) and shard, the shard's ref_calm_ms
// for it: one positive number per reference in a shard (paired rows only).
func byReference(shards []*shardFile) (map[string]map[*shardFile]float64, []string, error) {
	out := map[string]map[*shardFile]float64{}
	for _, sf := range shards {
		t := sf.t
		for i := range t.rows {
			ref := t.get(i, "ref_arch")
			if ref == "" {
				continue
			}
			v, err := strconv.ParseFloat(t.get(i, "ref_calm_ms"), 64)
			if err != nil || !(v > 0) {
				return nil, nil, &data.InputError{File: t.path, Line: line(i), Column: "ref_calm_ms", Value: t.get(i, "ref_calm_ms"), Reason: "must be a positive number"}
			}
			if out[ref] == nil {
				out[ref] = map[*shardFile]float64{}
			}
			if prev, seen := out[ref][sf]; seen && v != prev {
				return nil, nil, fmt.Errorf("%s line %d: reference %s scaled by a calm time of %s ms, but by %g ms on an earlier line: one calm time per reference in a shard", t.path, line(i), ref, t.get(i, "ref_calm_ms"), prev)
			}
			out[ref][sf] = v
		}
	}
	return out, slices.Sorted(maps.Keys(out)), nil
}

// rescale puts every paired row on one calm time per reference: calm's (when given) or
// the median of the shards' own, when they differ. It says what it changed ("" for
// nothing).
func rescale(shards []*shardFile, calm map[string]float64) (string, error) {
	if calm != nil {
		for _, sf := range shards {
			for i := range sf.t.rows {
				if err := scaleRow(sf.t, i, calm); err != nil {
					return "", err
				}
			}
		}
		return "", nil // merge --calm FILE: the user chose the scale, as the command line records
	}
	byShard, refs, err := byReference(shards)
	if err != nil {
		return "", err
	}
	var notes []string
	for _, ref := range refs {
		q, err := stats.Quantiles(slices.Collect(maps.Values(byShard[ref])), 0, 0.5, 1)
		if err != nil {
			return "", err
		}
		lo, med, hi := q[0], q[1], q[2]
		if lo == hi {
			continue
		}
		for _, sf := range shards {
			if _, ok := byShard[ref][sf]; !ok {
				continue
			}
			for i := range sf.t.rows {
				if sf.t.get(i, "ref_arch") == ref {
					if err := setCalm(sf.t, i, med); err != nil {
						return "", err
					}
				}
			}
		}
		notes = append(notes, fmt.Sprintf("scaled_ms on the shards' median calm time %.6g ms of reference %s (shards' %.6g to %.6g ms)", med, ref, lo, hi))
	}
	return strings.Join(notes, "; "), nil
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

// scaleRow rescales paired row i of t to the calm time calm holds for it.
func scaleRow(t *table, i int, calm map[string]float64) error {
	ref := t.get(i, "ref_arch")
	if ref == "" {
		return nil // the single-network protocol
	}
	k, err := rowCalmKey(t, i)
	if err != nil {
		return err
	}
	ms, ok := calm[k]
	if !ok {
		return fmt.Errorf("%s line %d: the calm-time file has no time for reference %s on %s, %s thread(s), optimisation %s", t.path, line(i), ref, t.get(i, "engine"), t.get(i, "threads"), t.get(i, "opt_level"))
	}
	return setCalm(t, i, ms)
}

// setCalm sets paired row i's calm time to ms and its scaled_ms to ratio_ref x ms.
func setCalm(t *table, i int, ms float64) error {
	ratio, err := parseFloat(t, i, "ratio_ref")
	if err != nil {
		return err
	}
	t.rows[i][t.col["ref_calm_ms"]], t.rows[i][t.col["scaled_ms"]] = formatFloat(ms), formatFloat(ratio*ms)
	return nil
}
