// Package ledger records every output the nb package displays in a notebook, outside
// the notebook, so that an output GoNB fails to deliver cannot go unnoticed.
//
// Each output nb shows carries a marker attribute (Attr) with an id unique to it. When
// the environment variable Env names a file, nb also appends one JSON line per output
// (an Entry) to that file before displaying it: the file is written by the cell's
// program itself, synchronously, so it holds every output a cell asked for even when
// the display message never reaches the notebook. Check then compares that ledger with
// the outputs an executed notebook (.ipynb) actually holds, cell by cell.
//
// scripts/run-notebooks.sh sets Env for each notebook it executes, and `nasanalysis
// index --check` fails when an executed notebook lacks an output its ledger records.
package ledger

import (
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"os"
	"sort"
	"strings"
	"sync"

	"github.com/nasanalysis/nasanalysis/nasanalysis/internal/jsonl"
)

// Env names the ledger file. Unset (an interactive session), nothing is recorded.
const Env = "NASANALYSIS_OUTPUT_LEDGER"

// Attr is the HTML attribute whose value is an output's id: `data-nb-output="ID"`.
// Markdown outputs carry it inside an HTML comment.
const Attr = "data-nb-output"

// Entry is one output a cell's program displayed (or tried to).
type Entry struct {
	ID    string `json:"id"`
	Kind  string `json:"kind"`            // "figure", "table", "markdown" or "data"
	Label string `json:"label,omitempty"` // the figure's title or caption, the table's caption, ...
	Proc  string `json:"proc"`            // the cell program (one per cell execution)
	Seq   int    `json:"seq"`             // position among that program's outputs, from 1
}

// Marker is the attribute that ties an element to e: ` data-nb-output="ID"` (with the
// leading space, ready to go inside an opening tag).
func (e Entry) Marker() string { return fmt.Sprintf(` %s="%s"`, Attr, e.ID) }

var (
	mu   sync.Mutex
	proc = newProc()
	seq  int
)

func newProc() string {
	b := make([]byte, 6)
	if _, err := rand.Read(b); err != nil {
		return fmt.Sprintf("p%d", os.Getpid())
	}
	return hex.EncodeToString(b)
}

// Next returns the entry of this program's next output, with a fresh id.
func Next(kind, label string) Entry {
	mu.Lock()
	defer mu.Unlock()
	seq++
	return Entry{ID: fmt.Sprintf("nbo-%s-%d", proc, seq), Kind: kind, Label: label, Proc: proc, Seq: seq}
}

// Record appends e to the ledger file named by Env; it does nothing when Env is unset.
func Record(e Entry) error {
	path := os.Getenv(Env)
	if path == "" {
		return nil
	}
	if err := jsonl.Append(path, e); err != nil {
		return fmt.Errorf("output ledger: %w", err)
	}
	return nil
}

// Read parses a ledger file.
func Read(path string) ([]Entry, error) {
	return jsonl.Read(path, "ledger entry", func(e Entry) bool { return e.ID != "" })
}

// Cell is one cell of an executed notebook, reduced to what Check and the index need.
type Cell struct {
	Index          int    // position in the notebook, from 0
	Type           string // "code" or "markdown"
	ExecutionCount int    // the In [N] of a code cell; 0 if it did not run
	Source         string
	Outputs        []string // each output's text: its rich data (HTML, Markdown, ...) or stream text
	Errors         []string // the ename: evalue of every error output
	Start, End     string   // when it ran (RFC 3339, from nbclient's cell metadata), if recorded
}

// Notebook is an executed notebook.
type Notebook struct {
	Cells []Cell
}

// ParseNotebook reads an .ipynb file's JSON.
func ParseNotebook(raw []byte) (*Notebook, error) {
	var doc struct {
		Cells []struct {
			CellType       string          `json:"cell_type"`
			Source         json.RawMessage `json:"source"`
			ExecutionCount *int            `json:"execution_count"`
			Metadata       struct {
				Execution map[string]string `json:"execution"`
			} `json:"metadata"`
			Outputs []struct {
				OutputType string                     `json:"output_type"`
				Data       map[string]json.RawMessage `json:"data"`
				Text       json.RawMessage            `json:"text"`
				Ename      string                     `json:"ename"`
				Evalue     string                     `json:"evalue"`
			} `json:"outputs"`
		} `json:"cells"`
	}
	if err := json.Unmarshal(raw, &doc); err != nil {
		return nil, fmt.Errorf("not a notebook: %w", err)
	}
	nb := &Notebook{}
	for i, c := range doc.Cells {
		src, err := multiline(c.Source)
		if err != nil {
			return nil, fmt.Errorf("cell %d: bad source: %w", i+1, err)
		}
		cell := Cell{Index: i, Type: c.CellType, Source: src,
			Start: c.Metadata.Execution["iopub.execute_input"], End: c.Metadata.Execution["shell.execute_reply"]}
		if c.ExecutionCount != nil {
			cell.ExecutionCount = *c.ExecutionCount
		}
		for _, o := range c.Outputs {
			if o.OutputType == "error" {
				cell.Errors = append(cell.Errors, o.Ename+": "+o.Evalue)
				continue
			}
			var b strings.Builder
			for _, d := range o.Data {
				if s, err := multiline(d); err == nil {
					b.WriteString(s)
				}
			}
			if s, err := multiline(o.Text); err == nil {
				b.WriteString(s)
			}
			cell.Outputs = append(cell.Outputs, b.String())
		}
		nb.Cells = append(nb.Cells, cell)
	}
	return nb, nil
}

// multiline decodes a notebook string field: a string or a list of lines (absent: "").
func multiline(raw json.RawMessage) (string, error) {
	if len(raw) == 0 || string(raw) == "null" {
		return "", nil
	}
	var lines []string
	if err := json.Unmarshal(raw, &lines); err == nil {
		return strings.Join(lines, ""), nil
	}
	var s string
	if err := json.Unmarshal(raw, &s); err != nil {
		return "", err
	}
	return s, nil
}

// Name says which cell c is, for a person: "cell 12 (In [6]: heat(...))".
func (c Cell) Name() string {
	first := ""
	for _, l := range strings.Split(c.Source, "\n") {
		l = strings.TrimSpace(l)
		if l == "" || l == "%%" || strings.HasPrefix(l, "//") {
			continue
		}
		first = l
		break
	}
	if r := []rune(first); len(r) > 60 {
		first = string(r[:57]) + "..."
	}
	in := "not run"
	if c.ExecutionCount > 0 {
		in = fmt.Sprintf("In [%d]", c.ExecutionCount)
	}
	if first == "" {
		return fmt.Sprintf("cell %d (%s)", c.Index+1, in)
	}
	return fmt.Sprintf("cell %d (%s: %s)", c.Index+1, in, first)
}

// CellCount is what one code cell asked for and what it shows, by kind.
type CellCount struct {
	Cell     int            // index into Notebook.Cells; -1 when no output of its program arrived
	After    int            // when Cell is -1: the last cell before the missing outputs (-1: none)
	Recorded map[string]int // outputs its program recorded, by kind
	Shown    map[string]int // of those, the ones the executed notebook holds
	Missing  []Entry        // recorded but absent, in order
}

// Result is Check's verdict on one notebook.
type Result struct {
	Recorded, Shown map[string]int // over the whole notebook, by kind
	Cells           []CellCount    // one per cell program that recorded anything, in ledger order
	Missing         []Entry
}

// OK reports whether every recorded output is in the notebook.
func (r Result) OK() bool { return len(r.Missing) == 0 }

// Check compares the ledger entries of one execution of a notebook with the outputs
// of the executed notebook: every entry must be found, by its marker, in some output.
// Entries are grouped by the cell program that recorded them, and each group is
// located by the outputs of it that did arrive (or, if none did, between its
// neighbours).
func Check(nb *Notebook, entries []Entry) Result {
	r := Result{Recorded: map[string]int{}, Shown: map[string]int{}}
	where := map[string]int{} // output id -> cell index
	for _, c := range nb.Cells {
		for _, o := range c.Outputs {
			for _, id := range markers(o) {
				where[id] = c.Index
			}
		}
	}
	byProc := map[string]int{} // proc -> index into r.Cells
	for _, e := range entries {
		k, ok := byProc[e.Proc]
		if !ok {
			k = len(r.Cells)
			byProc[e.Proc] = k
			r.Cells = append(r.Cells, CellCount{Cell: -1, After: -1, Recorded: map[string]int{}, Shown: map[string]int{}})
		}
		cc := &r.Cells[k]
		cc.Recorded[e.Kind]++
		r.Recorded[e.Kind]++
		if ci, found := where[e.ID]; found {
			cc.Cell = ci
			cc.Shown[e.Kind]++
			r.Shown[e.Kind]++
		} else {
			cc.Missing = append(cc.Missing, e)
			r.Missing = append(r.Missing, e)
		}
	}
	last := -1
	for i := range r.Cells {
		if r.Cells[i].Cell >= 0 {
			last = r.Cells[i].Cell
		} else {
			r.Cells[i].After = last
		}
	}
	return r
}

// markers returns the output ids marked in an output's text.
func markers(s string) []string {
	var ids []string
	needle := Attr + `="`
	for {
		i := strings.Index(s, needle)
		if i < 0 {
			return ids
		}
		s = s[i+len(needle):]
		j := strings.IndexByte(s, '"')
		if j < 0 {
			return ids
		}
		ids = append(ids, s[:j])
		s = s[j:]
	}
}

// Describe writes r as lines for a person: nothing when all is well, otherwise one line
// per cell that lost outputs, naming each lost output.
func (r Result) Describe(nb *Notebook) []string {
	var lines []string
	for _, cc := range r.Cells {
		if len(cc.Missing) == 0 {
			continue
		}
		where := ""
		switch {
		case cc.Cell >= 0:
			where = nb.Cells[cc.Cell].Name()
		case cc.After >= 0:
			where = "a cell after " + nb.Cells[cc.After].Name()
		default:
			where = "a cell before the first output"
		}
		var parts []string
		for _, kind := range kinds(cc.Recorded) {
			parts = append(parts, fmt.Sprintf("%d of %d %s", cc.Shown[kind], cc.Recorded[kind], plural(kind, cc.Recorded[kind])))
		}
		lines = append(lines, fmt.Sprintf("%s shows %s", where, strings.Join(parts, ", ")))
		for _, e := range cc.Missing {
			label := e.Label
			if label == "" {
				label = "(no title)"
			}
			lines = append(lines, fmt.Sprintf("  missing: %s, output %d of its cell: %s", e.Kind, e.Seq, label))
		}
	}
	return lines
}

// Summary is a one-line count of r, e.g. "12 figures, 20 tables, 9 markdown: all shown".
func (r Result) Summary() string {
	var parts []string
	for _, kind := range kinds(r.Recorded) {
		if r.Shown[kind] == r.Recorded[kind] {
			parts = append(parts, fmt.Sprintf("%d %s", r.Recorded[kind], plural(kind, r.Recorded[kind])))
		} else {
			parts = append(parts, fmt.Sprintf("%d of %d %s", r.Shown[kind], r.Recorded[kind], plural(kind, r.Recorded[kind])))
		}
	}
	if len(parts) == 0 {
		return "no outputs recorded"
	}
	if r.OK() {
		return strings.Join(parts, ", ") + ": all shown"
	}
	return strings.Join(parts, ", ") + fmt.Sprintf(": %d missing", len(r.Missing))
}

// kinds lists the kinds of m in a fixed order: figures, tables, data, markdown, others.
func kinds(m map[string]int) []string {
	var out []string
	for _, k := range []string{"figure", "table", "data", "markdown"} {
		if m[k] > 0 {
			out = append(out, k)
		}
	}
	var others []string
	for k := range m {
		switch k {
		case "figure", "table", "data", "markdown":
		default:
			others = append(others, k)
		}
	}
	sort.Strings(others)
	return append(out, others...)
}

func plural(kind string, n int) string {
	switch {
	case kind == "markdown":
		return "markdown"
	case kind == "data" && n == 1:
		return "data note"
	case kind == "data":
		return "data notes"
	case n == 1:
		return kind
	default:
		return kind + "s"
	}
}
