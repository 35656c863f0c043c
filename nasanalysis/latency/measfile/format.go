package measfile

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

// Format is one kind of file measure writes: its columns and what it is called.
type Format struct {
	// Kind names the format in errors, e.g. "measured-latency file".
	Kind string
	// Header is the columns measure writes, in order. Do not modify it.
	Header []string
	// Leading is how many of Header's first columns every file of this kind has,
	// older layouts included: all a reader (Read) requires.
	Leading int
	// EmptyLast says that the last column is empty as written, so an unterminated last
	// row with every field is complete (Repair); otherwise an empty last field is a
	// write torn after the last comma.
	EmptyLast bool
}

// Measured is the measured-latency file: one row per network (Row). Every row carries
// its own provenance, so files of several runs, shards or machines can be checked and
// joined. arch, resolution and median_ms come first, as in the project's older GoMLX
// files (datasets/ofa-mbv3-*-measured.csv), which Read therefore accepts.
//
// A row of the paired protocol (protocol "paired:...") also holds the network's time
// over the reference network measured in the same rounds (ratio_ref, with its 95 %
// interval ratio_lo..ratio_hi), the reference (ref_arch) and its calm time in this file
// (ref_calm_ms), and scaled_ms = ratio_ref x ref_calm_ms: the network's latency on this
// host as it runs when calm, which survives the host's speed changing. median_ms keeps
// its raw meaning. A row of the single-network protocol leaves those columns NaN and
// empty.
var Measured = Format{
	Kind: "measured-latency file",
	Header: []string{"arch", "resolution", "median_ms", "q1_ms", "q3_ms", "min_ms", "max_ms", "rel_ci",
		"repeats", "warmup", "engine", "engine_version", "library_sha256", "threads", "opt_level", "target_ci",
		"space", "sample", "shard", "ref_ms", "disturbed", "machine", "cpu", "cores", "go_version", "date",
		"protocol", "ratio_ref", "ratio_lo", "ratio_hi", "scaled_ms", "ref_arch", "ref_calm_ms", "macs_m",
		"sample_index", "merge_note"},
	Leading:   3,
	EmptyLast: true, // merge_note: only merge writes it
}

// measuredV2Header is the Measured layout of the paired protocol before sample_index and
// merge_note: still read by analyses (Read), never appended to nor merged.
var measuredV2Header = Measured.Header[:len(Measured.Header)-2]

// measuredV1Header is the Measured layout before the paired protocol: still read by
// analyses (Read), never appended to.
var measuredV1Header = []string{"arch", "resolution", "median_ms", "q1_ms", "q3_ms", "min_ms", "max_ms", "rel_ci",
	"repeats", "warmup", "engine", "engine_version", "library_sha256", "threads", "opt_level", "target_ci",
	"space", "sample", "shard", "ref_ms", "disturbed", "machine", "cpu", "cores", "go_version", "date", "macs_m"}

// Blocks is the per-block file: one row per block of a network (BlockRow), its arch
// the Measured file's key. run_ms and sum_ms are the network's profiled end-to-end time
// and the sum of its blocks' times, repeated on each of its rows. A reader needs the
// columns up to sum_ms.
var Blocks = Format{
	Kind: "per-block file",
	Header: []string{"arch", "resolution", "block", "stage", "layer", "kernel", "expand", "in_size", "ms", "run_ms", "sum_ms",
		"runs", "engine", "threads", "opt_level"},
	Leading: 11,
}

// Read reads a file of this kind as an analysis does: its header must start with the
// first Leading columns of Header, and it must hold at least one row; every row must
// have as many fields as the header. Errors name the file and line (data.InputError).
func (f Format) Read(path string) (*data.CSVFile, error) {
	t, err := data.ReadCSVFile(path)
	if err != nil {
		return nil, err
	}
	if err := t.RequirePrefix(f.Header[:f.Leading], "a "+f.Kind); err != nil {
		return nil, err
	}
	return t, nil
}

// table is a file of exactly f's layout, read whole to be appended to or merged.
type table struct {
	path string
	rows [][]string
	col  map[string]int
}

// get is row i's cell in the named column (one of the format's).
func (t *table) get(i int, col string) string { return t.rows[i][t.col[col]] }

// line is the file line of row i: the header is line 1.
func line(i int) int { return i + 2 }

// readCurrent reads a file to be appended to or merged. Its header must be exactly
// f.Header: rows of another layout would not line up with the rows appended. A missing
// file (when missingOK) or an empty one is an empty table; a header alone is one too.
func (f Format) readCurrent(path string, missingOK bool) (*table, error) {
	t := &table{path: path, col: map[string]int{}}
	for i, h := range f.Header {
		t.col[h] = i
	}
	st, err := os.Stat(path)
	if errors.Is(err, os.ErrNotExist) && missingOK || err == nil && st.Size() == 0 {
		return t, nil
	}
	c, err := data.ReadCSVFileRows(path, 0)
	if err != nil {
		return nil, err
	}
	if f.Kind == Measured.Kind && slices.Equal(c.Header(), measuredV1Header) {
		return nil, fmt.Errorf("%s line 1: a %s of the older layout (no ratio_ref column: measured with the single-network protocol, before the paired one); rows of the two protocols do not mix, so nothing is appended to it: measure into a new --out", path, f.Kind)
	}
	if f.Kind == Measured.Kind && slices.Equal(c.Header(), measuredV2Header) {
		return nil, fmt.Errorf("%s line 1: a %s of the older layout (no sample_index column: a row does not say where in its sample it stands, so merge cannot tell what is missing); nothing is appended to it nor merged: measure into a new --out", path, f.Kind)
	}
	if !slices.Equal(c.Header(), f.Header) {
		return nil, fmt.Errorf("%s line 1: not a %s as measure writes it: header %q, want %s",
			path, f.Kind, strings.Join(c.Header(), ","), strings.Join(f.Header, ","))
	}
	for i := range c.Len() {
		t.rows = append(t.rows, c.Row(i))
	}
	return t, nil
}

// checkWidth refuses rows that do not have one field per column: appended, they would
// make the file unreadable.
func (f Format) checkWidth(rows [][]string) error {
	for _, r := range rows {
		if len(r) != len(f.Header) {
			return fmt.Errorf("a row of a %s has %d fields, not %d: %q", f.Kind, len(r), len(f.Header), r)
		}
	}
	return nil
}

// encode is the CSV text of rows, after the header when withHeader.
func (f Format) encode(withHeader bool, rows [][]string) []byte {
	var buf bytes.Buffer
	w := csv.NewWriter(&buf)
	if withHeader {
		w.Write(f.Header)
	}
	w.WriteAll(rows) // flushes; a bytes.Buffer cannot fail
	return buf.Bytes()
}

// Append appends whole rows to path, writing the header first into a new or empty
// file, in one write followed by fsync: measure appends each network's row as soon as
// it is measured, so an interruption loses at most the row being written (which Repair
// then cuts off) and a crash after Append returns loses nothing. Append does not read
// the file: Resume checks what is in it.
func (f Format) Append(path string, rows ...[]string) error {
	if err := f.checkWidth(rows); err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	file, err := os.OpenFile(path, os.O_APPEND|os.O_CREATE|os.O_WRONLY, 0o644)
	if err != nil {
		return err
	}
	st, err := file.Stat()
	if err == nil {
		_, err = file.Write(f.encode(st.Size() == 0, rows)) // one write: the rows land whole or not at all
	}
	if err == nil {
		err = file.Sync()
	}
	if cerr := file.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	return nil
}

// Replace replaces path with the header and rows, atomically (renameio: a synced
// temporary file renamed over it), so an interruption leaves the old file or the new
// one, never a torn one.
func (f Format) Replace(path string, rows [][]string) error {
	if err := f.checkWidth(rows); err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	if err := renameio.WriteFile(path, f.encode(true, rows), 0o644); err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	return nil
}

// Stream writes a file of one format to a writer that cannot be resumed from (standard
// output): the header before the first row, then each row flushed at once, so a pipe
// sees every network as it is measured.
type Stream struct {
	f      Format
	w      *csv.Writer
	headed bool
}

// NewStream returns a Stream of this format writing to w.
func (f Format) NewStream(w io.Writer) *Stream { return &Stream{f: f, w: csv.NewWriter(w)} }

// Write writes one row (the header first, once) and flushes; it returns any write
// error.
func (s *Stream) Write(row []string) error {
	if err := s.f.checkWidth([][]string{row}); err != nil {
		return err
	}
	if !s.headed {
		s.w.Write(s.f.Header)
		s.headed = true
	}
	s.w.Write(row)
	s.w.Flush()
	return s.w.Error()
}

// Repair makes a file of this format safe to append to when its last line has no
// newline. Either an editor dropped the final newline after a complete row (as many
// fields as the header, the last one not empty unless EmptyLast), which then gets its newline (appending
// would glue the next row onto it), or a write was interrupted mid-row, and the torn
// row is cut off, with a message on warn naming its line, so that its network is
// measured again. A missing or empty file, one ending in a newline, and one that is not
// of this format (another header) are left alone.
//
// A row torn inside its last field cannot be told from a complete one: for Measured
// that field is merge_note, which measure leaves empty, and for Blocks opt_level, a
// setting the reader checks, never a measurement.
func (f Format) Repair(path string, warn io.Writer) error {
	raw, err := os.ReadFile(path)
	if errors.Is(err, os.ErrNotExist) || err == nil && (len(raw) == 0 || raw[len(raw)-1] == '\n') {
		return nil
	}
	if err != nil {
		return err
	}
	// Nothing is changed in a file that is not of this format (its first line is not the
	// header, or, for a file of one unterminated line, not the start of it): the reader
	// refuses it by name, and a user's file is left whole.
	header := strings.TrimSuffix(string(f.encode(true, nil)), "\n")
	if first, _, complete := bytes.Cut(raw, []byte{'\n'}); complete && string(first) != header || !complete && !strings.HasPrefix(header, string(raw)) {
		return nil
	}
	cut := bytes.LastIndexByte(raw, '\n') + 1 // 0: the whole file is one unterminated line
	lineNo := bytes.Count(raw, []byte{'\n'}) + 1
	rec, perr := csv.NewReader(bytes.NewReader(raw[cut:])).Read()
	if cut > 0 && perr == nil && len(rec) == len(f.Header) && (f.EmptyLast || rec[len(rec)-1] != "") {
		file, err := os.OpenFile(path, os.O_APPEND|os.O_WRONLY, 0)
		if err != nil {
			return err
		}
		_, err = file.Write([]byte{'\n'})
		if cerr := file.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			return fmt.Errorf("%s: %w", path, err)
		}
		fmt.Fprintf(warn, "%s line %d: complete last row without a final newline; newline added before appending\n", path, lineNo)
		return nil
	}
	if err := os.Truncate(path, int64(cut)); err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	fmt.Fprintf(warn, "%s line %d: torn last row (%d bytes, %d of %d fields: an interrupted write) dropped; it will be measured again\n",
		path, lineNo, len(raw)-cut, len(rec), len(f.Header))
	return nil
}

// CheckRegular refuses a path that exists but is not a regular file (/dev/full, a
// FIFO, a directory): a run resumes from and appends to its files, which a device
// cannot support (reading /dev/full never ends). A path that does not exist is fine.
func CheckRegular(path string) error {
	st, err := os.Stat(path)
	if errors.Is(err, os.ErrNotExist) {
		return nil
	}
	if err != nil {
		return err
	}
	if !st.Mode().IsRegular() {
		return fmt.Errorf("%s is not a regular file (%s): a measured file is resumed from and appended to", path, fileKind(st.Mode()))
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
