package main

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"

	"github.com/google/renameio/v2"

	"github.com/nasanalysis/nasanalysis/nasanalysis/data"
)

// measuredHeader is the column layout of a measured-latency file. Every row carries its
// own provenance (engine, its version and library checksum, the protocol, the sample it
// belongs to, the machine), so files from several runs, shards or machines can be
// checked and joined. arch, resolution and median_ms come first, as latency.ReadMeasured
// and the project's older GoMLX files have them.
var measuredHeader = []string{"arch", "resolution", "median_ms", "q1_ms", "q3_ms", "min_ms", "max_ms", "rel_ci",
	"repeats", "warmup", "engine", "engine_version", "library_sha256", "threads", "opt_level", "target_ci",
	"space", "sample", "shard", "ref_ms", "disturbed", "machine", "cpu", "cores", "go_version", "date", "macs_m"}

// settingsColumns must hold one value across every row of a sample's shards: rows that
// differ in any of them were not measured the same way and are never merged.
var settingsColumns = []string{"warmup", "engine", "engine_version", "library_sha256", "threads", "opt_level", "target_ci", "space", "sample", "cpu"}

// blockHeader is the per-block file's layout: one row per block of a network; arch is
// the end-to-end file's key. run_ms and sum_ms are the network's profiled end-to-end
// time and the sum of its blocks, repeated on each of its rows.
var blockHeader = []string{"arch", "resolution", "block", "stage", "layer", "kernel", "expand", "in_size", "ms", "run_ms", "sum_ms", "runs", "engine", "threads", "opt_level"}

// measuredFile is a measured-latency file read whole.
type measuredFile struct {
	path string
	rows [][]string
	col  map[string]int
}

// readMeasuredFile reads a file with the given header; a missing file is empty unless
// mustExist. A file with another header is refused, naming both.
func readMeasuredFile(path string, header []string, mustExist bool) (*measuredFile, error) {
	m := &measuredFile{path: path, col: map[string]int{}}
	for i, h := range header {
		m.col[h] = i
	}
	st, err := os.Stat(path)
	if errors.Is(err, os.ErrNotExist) && !mustExist || err == nil && st.Size() == 0 {
		return m, nil
	}
	f, err := data.ReadCSVFileRows(path, 0)
	if err != nil {
		return nil, err
	}
	if !slices.Equal(f.Header(), header) {
		return nil, fmt.Errorf("%s: header %q is not a measured-latency file's (%s)", path, strings.Join(f.Header(), ","), strings.Join(header, ","))
	}
	for i := range f.Len() {
		m.rows = append(m.rows, f.Row(i))
	}
	return m, nil
}

func (m *measuredFile) get(row int, col string) string { return m.rows[row][m.col[col]] }

// appendRows appends whole rows to path, writing the header first into a new or empty
// file, and syncs the file before returning: measure appends each row as soon as it is
// measured, so an interrupted run loses at most the row being written (which
// repairTail then drops) and a crash after return loses nothing.
func appendRows(path string, header []string, rows [][]string) error {
	f, err := os.OpenFile(path, os.O_APPEND|os.O_CREATE|os.O_WRONLY, 0o644)
	if err != nil {
		return err
	}
	var buf bytes.Buffer // one write per call: the rows land whole or not at all
	w := csv.NewWriter(&buf)
	if st, err := f.Stat(); err == nil && st.Size() == 0 {
		w.Write(header)
	}
	w.WriteAll(rows) // flushes; a bytes.Buffer cannot fail
	_, err = f.Write(buf.Bytes())
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	return nil
}

// checkOutputFile refuses an output path that exists but is not a regular file
// (/dev/full, /dev/stdout, a FIFO, a directory): measure reads its output to resume and
// appends to it, which a device cannot support (reading /dev/full never ends).
func checkOutputFile(flagName, path string) error {
	st, err := os.Stat(path)
	if errors.Is(err, os.ErrNotExist) {
		return nil
	}
	if err != nil {
		return err
	}
	if !st.Mode().IsRegular() {
		return usagef("%s %s is not a regular file (%s): measure resumes from and appends to a regular file; use %s - to write to standard output without resuming", flagName, path, fileKind(st.Mode()), flagName)
	}
	return nil
}

// fileKind names the kind of a file that is not a regular one.
func fileKind(m os.FileMode) string {
	switch {
	case m.IsDir():
		return "directory"
	case m&os.ModeCharDevice != 0:
		return "character device"
	case m&os.ModeDevice != 0:
		return "block device"
	case m&os.ModeNamedPipe != 0:
		return "named pipe"
	case m&os.ModeSocket != 0:
		return "socket"
	}
	return "special file"
}

// repairTail makes a measured file safe to resume and append to when its last line has
// no newline. Either an editor dropped the final newline after a complete row, which
// then gets its newline (appending would glue the next row onto it), or a run was
// interrupted mid-row, and the torn row is cut off, with a message on warn naming its
// line, so that its network is measured again.
func repairTail(path string, header []string, warn io.Writer) error {
	raw, err := os.ReadFile(path)
	if errors.Is(err, os.ErrNotExist) || len(raw) == 0 || raw[len(raw)-1] == '\n' {
		return nil
	}
	if err != nil {
		return err
	}
	cut := bytes.LastIndexByte(raw, '\n') + 1 // 0: the whole file is one unterminated line
	line := bytes.Count(raw, []byte{'\n'}) + 1
	rec, perr := csv.NewReader(bytes.NewReader(raw[cut:])).Read()
	if cut > 0 && perr == nil && len(rec) == len(header) {
		f, err := os.OpenFile(path, os.O_APPEND|os.O_WRONLY, 0)
		if err != nil {
			return err
		}
		_, err = f.Write([]byte{'\n'})
		if cerr := f.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			return fmt.Errorf("%s: %w", path, err)
		}
		fmt.Fprintf(warn, "%s line %d: complete last row without a final newline; newline added before appending\n", path, line)
		return nil
	}
	if err := os.Truncate(path, int64(cut)); err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	fmt.Fprintf(warn, "%s line %d: torn last row (%d bytes, %d of %d fields: an interrupted write) dropped; it will be measured again\n", path, line, len(raw)-cut, len(rec), len(header))
	return nil
}

// dropDisturbed rewrites a measured file without its rows flagged disturbed, and the
// per-block file (if any) without those networks' blocks; it returns how many rows it
// dropped. Each file is replaced whole, so an interruption leaves the old file or the
// new one, never a torn one.
func dropDisturbed(out, perBlock string) (int, error) {
	f, err := readMeasuredFile(out, measuredHeader, false)
	if err != nil || len(f.rows) == 0 {
		return 0, err
	}
	drop := map[string]bool{}
	var keep [][]string
	for i, row := range f.rows {
		if f.get(i, "disturbed") == "true" {
			drop[f.get(i, "arch")] = true
		} else {
			keep = append(keep, row)
		}
	}
	if len(drop) == 0 {
		return 0, nil
	}
	if perBlock != "" {
		b, err := readMeasuredFile(perBlock, blockHeader, false)
		if err != nil {
			return 0, err
		}
		var blocks [][]string
		for i, row := range b.rows {
			if !drop[b.get(i, "arch")] {
				blocks = append(blocks, row)
			}
		}
		if err := replaceRows(perBlock, blockHeader, blocks); err != nil {
			return 0, err
		}
	}
	return len(f.rows) - len(keep), replaceRows(out, measuredHeader, keep)
}

// replaceRows replaces path with header and rows, atomically (renameio: a synced
// temporary file renamed over it).
func replaceRows(path string, header []string, rows [][]string) error {
	var buf bytes.Buffer
	w := csv.NewWriter(&buf)
	w.Write(header)
	w.WriteAll(rows) // flushes; errors of a bytes.Buffer are impossible
	if err := renameio.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	return nil
}
