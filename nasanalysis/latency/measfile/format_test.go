package measfile

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// A file whose last row lacks its newline: a complete row gets the newline (appending
// used to glue the next row onto it), a torn row (an interrupted write) is cut off and
// its network measured again. Then a row appended lands on a line of its own.
func TestRepair(t *testing.T) {
	f := Format{Kind: "test file", Header: []string{"arch", "ms", "note"}, Leading: 1}
	cases := []struct {
		name, in, want, warn string
	}{
		{"complete", "arch,ms,note\nA,1,x\nB,2,y", "arch,ms,note\nA,1,x\nB,2,y\n", "f.csv line 3: complete last row"},
		{"quoted complete", "arch,ms,note\n\"{\"\"k\"\":[1,2]}\",1,x", "arch,ms,note\n\"{\"\"k\"\":[1,2]}\",1,x\n", "f.csv line 2: complete last row"},
		{"torn", "arch,ms,note\nA,1,x\nB,2", "arch,ms,note\nA,1,x\n", "f.csv line 3: torn last row (3 bytes, 2 of 3 fields"},
		// Three fields, but cut right after the last comma: the last field is empty.
		{"torn at the last comma", "arch,ms,note\nA,1,x\nB,2,", "arch,ms,note\nA,1,x\n", "f.csv line 3: torn last row (4 bytes, 3 of 3 fields"},
		{"torn quote", "arch,ms,note\nA,1,x\n\"{\"\"k\"\":[1,", "arch,ms,note\nA,1,x\n", "f.csv line 3: torn last row"},
		{"too many fields", "arch,ms,note\nA,1,x\nB,2,y,z", "arch,ms,note\nA,1,x\n", "line 3: torn last row (7 bytes, 4 of 3 fields"},
		{"torn header", "arch,m", "", "f.csv line 1: torn last row"},
		{"terminated", "arch,ms,note\nA,1,x\n", "arch,ms,note\nA,1,x\n", ""},
		{"empty", "", "", ""},
	}
	for _, c := range cases {
		path := writeFile(t, t.TempDir(), "f.csv", c.in)
		var warn bytes.Buffer
		if err := f.Repair(path, &warn); err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		got, _ := os.ReadFile(path)
		if string(got) != c.want || (c.warn == "") != (warn.Len() == 0) || !strings.Contains(warn.String(), c.warn) {
			t.Errorf("%s: file %q, warning %q; want %q, %q", c.name, got, warn.String(), c.want, c.warn)
		}
		if err := f.Append(path, []string{"C", "3", "z"}); err != nil {
			t.Fatal(err)
		}
		got, _ = os.ReadFile(path)
		want := c.want + "C,3,z\n"
		if c.want == "" {
			want = "arch,ms,note\nC,3,z\n"
		}
		if string(got) != want {
			t.Errorf("%s: after appending %q, want %q", c.name, got, want)
		}
	}
	if err := f.Repair(filepath.Join(t.TempDir(), "none.csv"), nil); err != nil {
		t.Errorf("a missing file needs no repair: %v", err)
	}
}

// Repair changes no byte of a file that is not of its format (issue 25, A): a JSON
// file with no newline, notes of two lines, a file of another layout with a torn last
// row: all are left whole, for the reader to refuse by name.
func TestRepairLeavesOtherFiles(t *testing.T) {
	f := Format{Kind: "test file", Header: []string{"arch", "ms", "note"}, Leading: 1}
	for _, in := range []string{`{"config": "important"}`, "my notes\nline two", "arch,ms\nA,1\nB,", "arch,ms,note,x\nA,1,x,y\nB,2"} {
		path := writeFile(t, t.TempDir(), "f.csv", in)
		var warn bytes.Buffer
		if err := f.Repair(path, &warn); err != nil {
			t.Errorf("%q: %v", in, err)
		}
		if got, _ := os.ReadFile(path); string(got) != in || warn.Len() > 0 {
			t.Errorf("%q: became %q, warning %q; want it untouched", in, got, warn.String())
		}
	}
}

// Append writes the header into a new file only, quotes what CSV must quote, and
// refuses a row of the wrong width (it would make the file unreadable) without
// touching the file.
func TestAppend(t *testing.T) {
	f := Format{Kind: "test file", Header: []string{"arch", "ms"}, Leading: 2}
	path := filepath.Join(t.TempDir(), "a.csv")
	if err := f.Append(path, []string{`{"k":[3,5]}`, "1.5"}, []string{"b", "2"}); err != nil {
		t.Fatal(err)
	}
	if err := f.Append(path, []string{"c", "NaN"}); err != nil {
		t.Fatal(err)
	}
	wantErr(t, "short row", f.Append(path, []string{"d"}), path+`: a row of a test file has 1 fields, not 2: ["d"]`)
	got, _ := os.ReadFile(path)
	if want := "arch,ms\n\"{\"\"k\"\":[3,5]}\",1.5\nb,2\nc,NaN\n"; string(got) != want {
		t.Errorf("file %q, want %q", got, want)
	}
	wantErr(t, "a directory", f.Append(t.TempDir(), []string{"a", "1"}), "is a directory")
}

// Replace writes header and rows whole, over what was there.
func TestReplace(t *testing.T) {
	f := Format{Kind: "test file", Header: []string{"arch", "ms"}, Leading: 2}
	path := writeFile(t, t.TempDir(), "r.csv", "arch,ms\na,1\nb,2\n")
	if err := f.Replace(path, [][]string{{"b", "2"}}); err != nil {
		t.Fatal(err)
	}
	if got, _ := os.ReadFile(path); string(got) != "arch,ms\nb,2\n" {
		t.Errorf("file %q", got)
	}
	if err := f.Replace(path, nil); err != nil {
		t.Fatal(err)
	}
	if got, _ := os.ReadFile(path); string(got) != "arch,ms\n" {
		t.Errorf("file %q", got)
	}
}

// Read accepts any header that starts with the format's leading columns (the GoMLX
// files' among them) and refuses another, an empty table and a ragged row, naming the
// line; readCurrent wants exactly the header measure writes now.
func TestRead(t *testing.T) {
	dir := t.TempDir()
	gomlx := "arch,resolution,median_ms,min_ms,max_ms,repeats,warmup,backend\n" + `"{""r"":160}",160,12.5,12,13,10,5,go` + "\n"
	for _, c := range []struct {
		name, text, read, current string
	}{
		{"current", measuredText(row("a", Whole, 2)), "", ""},
		{"current, missing final newline", strings.TrimSuffix(measuredText(row("a", Whole, 2)), "\n"), "", ""},
		{"GoMLX layout", gomlx, "", "line 1: not a measured-latency file as measure writes it: header \"arch,resolution,median_ms,min_ms"},
		{"foreign", "a,b\n1,2\n", `line 1, value "": not a measured-latency file: header "a,b", want one starting arch,resolution,median_ms`,
			"line 1: not a measured-latency file as measure writes it"},
		{"header only", strings.Join(Measured.Header, ",") + "\n", "no data rows", ""},
		{"ragged", measuredText(row("a", Whole, 2)) + "b,160\n", "m.csv, line 3", "m.csv, line 3"},
		{"torn quote", measuredText(row("a", Whole, 2)) + `"{""k`, "m.csv, line 3", "m.csv, line 3"},
	} {
		path := writeFile(t, dir, "m.csv", c.text)
		_, err := Measured.Read(path)
		wantErr(t, c.name+": Read", err, c.read)
		_, err = Measured.readCurrent(path, false)
		wantErr(t, c.name+": readCurrent", err, c.current)
	}
	if _, err := Measured.readCurrent(filepath.Join(dir, "none.csv"), false); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("missing file to merge: %v", err)
	}
	if m, err := Measured.readCurrent(filepath.Join(dir, "none.csv"), true); err != nil || len(m.rows) != 0 {
		t.Errorf("missing file to resume: %v, %v", m, err)
	}
}

// failingWriter fails every write, as a closed pipe does.
type failingWriter struct{}

func (failingWriter) Write([]byte) (int, error) { return 0, errors.New("broken pipe") }

// A Stream writes the header once, before the first row, and returns write errors.
func TestStream(t *testing.T) {
	f := Format{Kind: "test file", Header: []string{"arch", "ms"}, Leading: 2}
	var b bytes.Buffer
	s := f.NewStream(&b)
	for _, r := range [][]string{{"a", "1"}, {"b,c", "2"}} {
		if err := s.Write(r); err != nil {
			t.Fatal(err)
		}
	}
	if want := "arch,ms\na,1\n\"b,c\",2\n"; b.String() != want {
		t.Errorf("stream %q, want %q", b.String(), want)
	}
	wantErr(t, "short row", s.Write([]string{"x"}), "has 1 fields, not 2")
	wantErr(t, "broken pipe", f.NewStream(failingWriter{}).Write([]string{"a", "1"}), "broken pipe")
}

// A device, a directory or a pipe cannot be resumed from; a regular file or a new path
// can.
func TestCheckRegular(t *testing.T) {
	dir := t.TempDir()
	wantErr(t, "new path", CheckRegular(filepath.Join(dir, "new.csv")), "")
	wantErr(t, "regular file", CheckRegular(writeFile(t, dir, "m.csv", "")), "")
	wantErr(t, "directory", CheckRegular(dir), dir+" is not a regular file (directory)")
	if _, err := os.Stat("/dev/null"); err == nil {
		wantErr(t, "/dev/null", CheckRegular("/dev/null"), "/dev/null is not a regular file (character device)")
	}
}
