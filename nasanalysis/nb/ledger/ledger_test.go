package ledger

import (
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"
)

// notebook builds an executed notebook: cells[i] is a code cell whose outputs are the
// given HTML strings (a markdown cell when nil).
func notebook(t *testing.T, cells ...[]string) *Notebook {
	t.Helper()
	type output struct {
		OutputType string            `json:"output_type"`
		Data       map[string]string `json:"data,omitempty"`
	}
	type cell struct {
		CellType       string   `json:"cell_type"`
		Source         []string `json:"source"`
		ExecutionCount *int     `json:"execution_count,omitempty"`
		Outputs        []output `json:"outputs,omitempty"`
	}
	var doc struct {
		Cells []cell `json:"cells"`
	}
	n := 0
	for _, outs := range cells {
		if outs == nil {
			doc.Cells = append(doc.Cells, cell{CellType: "markdown", Source: []string{"## a section\n"}})
			continue
		}
		n++
		count := n
		c := cell{CellType: "code", Source: []string{"%%\n", "// comment\n", "nb.Check(nb.Show(f))\n"}, ExecutionCount: &count}
		for _, o := range outs {
			c.Outputs = append(c.Outputs, output{OutputType: "display_data", Data: map[string]string{"text/html": o}})
		}
		doc.Cells = append(doc.Cells, c)
	}
	raw, err := json.Marshal(doc)
	if err != nil {
		t.Fatal(err)
	}
	nb, err := ParseNotebook(raw)
	if err != nil {
		t.Fatal(err)
	}
	return nb
}

func figure(e Entry) string {
	return `<figure class="nasanalysis-figure"` + e.Marker() + `><svg></svg></figure>`
}

// The case of notebook 02, section 4: a cell shows two figures and only the first
// arrives. Check must name the cell and the lost figure.
func TestCheckFindsALostFigure(t *testing.T) {
	path := filepath.Join(t.TempDir(), "ledger.jsonl")
	t.Setenv(Env, path)
	proc = "cellA"
	a1, a2 := Next("figure", "scatter"), Next("figure", "fronts")
	proc, seq = "cellB", 0
	b1 := Next("table", "a table")
	for _, e := range []Entry{a1, a2, b1} {
		if err := Record(e); err != nil {
			t.Fatal(err)
		}
	}
	entries, err := Read(path)
	if err != nil || len(entries) != 3 || entries[1] != a2 {
		t.Fatalf("Read = %v, %v", entries, err)
	}

	all := notebook(t, nil, []string{figure(a1), figure(a2)}, nil, []string{`<div class="nasanalysis-table"` + b1.Marker() + `>`})
	if r := Check(all, entries); !r.OK() || r.Summary() != "2 figures, 1 table: all shown" {
		t.Errorf("complete notebook: %+v %q", r, r.Summary())
	}

	lost := notebook(t, nil, []string{figure(a1)}, nil, []string{`<div class="nasanalysis-table"` + b1.Marker() + `>`})
	r := Check(lost, entries)
	if r.OK() || len(r.Missing) != 1 || r.Missing[0] != a2 || r.Summary() != "1 of 2 figures, 1 table: 1 missing" {
		t.Fatalf("lost figure not found: %+v %q", r, r.Summary())
	}
	d := strings.Join(r.Describe(lost), "\n")
	for _, want := range []string{"cell 2 (In [1]: nb.Check(nb.Show(f))) shows 1 of 2 figures", "missing: figure, output 2 of its cell: fronts"} {
		if !strings.Contains(d, want) {
			t.Errorf("Describe lacks %q:\n%s", want, d)
		}
	}
}

// A cell whose every output is lost is placed after the last cell that showed one.
func TestCheckPlacesAWhollyLostCell(t *testing.T) {
	proc, seq = "one", 0
	a := Next("figure", "first")
	proc, seq = "two", 0
	b := Next("markdown", "gone")
	nb := notebook(t, []string{figure(a)}, []string{})
	r := Check(nb, []Entry{a, b})
	if r.OK() || r.Cells[1].Cell != -1 || r.Cells[1].After != 0 {
		t.Fatalf("%+v", r)
	}
	if d := strings.Join(r.Describe(nb), "\n"); !strings.Contains(d, "a cell after cell 1 (In [1]") || !strings.Contains(d, "0 of 1 markdown") {
		t.Errorf("Describe:\n%s", d)
	}
}

func TestRecordWithoutLedgerDoesNothing(t *testing.T) {
	t.Setenv(Env, "")
	if err := Record(Next("figure", "x")); err != nil {
		t.Error(err)
	}
}

func TestDataNotesRoundTrip(t *testing.T) {
	d := DataNote{Dataset: `nb201 "full"`, N: 15625, Unit: "cells", Note: "27 devices & batches"}
	e := Next("data", d.Dataset)
	nb := notebook(t, []string{`<p` + d.Attrs() + e.Marker() + `>Data: ...</p>`, `<p` + d.Attrs() + `>again</p>`})
	got := DataNotes(nb)
	if len(got) != 1 || got[0] != d {
		t.Errorf("DataNotes = %+v, want [%+v]", got, d)
	}
	if r := Check(nb, []Entry{e}); !r.OK() {
		t.Errorf("the data note's marker is not found: %+v", r)
	}
}
