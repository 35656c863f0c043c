package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/nasanalysis/nasanalysis/nasanalysis/nb/ledger"
)

// The summary of notebook 04 was cut at the end of its first line, mid-sentence, where
// the sentence went on into a list: the summary keeps the list, each item shortened.
func TestIndexSummaryIsNeverCut(t *testing.T) {
	nbDir := t.TempDir()
	nb := `{"cells":[{"cell_type":"markdown","source":["# Trainable predictors\n","\n",
"A NAS researcher rarely has every architecture measured. This notebook trains predictors\n",
"and asks how well they rank all the others:\n","\n",
"* **MLP** on the one-hot encoding (6 edges × 5 operations), 2 layers;\n",
"* **GCN** on the operations graph (BRP-NAS style: one node per operation (and more)), 3 layers;\n",
"* two baselines: **linear** (ridge regression) and **FLOPs** (a straight line).\n","\n",
"Data: ` + "`nb201/accuracy.csv`" + ` (15,625 cells).\n"]}],"metadata":{},"nbformat":4,"nbformat_minor":5}`
	p := filepath.Join(nbDir, "04.ipynb")
	if err := os.WriteFile(p, []byte(nb), 0o644); err != nil {
		t.Fatal(err)
	}
	in, err := notebookIntro(p)
	if err != nil {
		t.Fatal(err)
	}
	want := "A NAS researcher rarely has every architecture measured. This notebook trains predictors and asks how well they rank all the others: " +
		"MLP on the one-hot encoding; GCN on the operations graph; two baselines: linear and FLOPs."
	if in.title != "Trainable predictors" || in.summary != want {
		t.Errorf("intro = %q / %q,\nwant summary %q", in.title, in.summary, want)
	}
	if got := dataLine(nil, in.data); got != "Data: <code>nb201/accuracy.csv</code> (15,625 cells)." {
		t.Errorf("data line from the intro = %q", got)
	}
}

// writeExecuted writes notebook <name> and its executed copy showing the given outputs
// (one code cell each), the output ledger recording entries, and both HTML reports.
func writeExecuted(t *testing.T, nbDir, repDir, name string, entries []ledger.Entry, outputs ...string) {
	t.Helper()
	src := `{"cells":[{"cell_type":"markdown","source":["# Study ` + name + `\n","\n","What it shows.\n"]}],"metadata":{},"nbformat":4,"nbformat_minor":5}`
	must(t, os.WriteFile(filepath.Join(nbDir, name+".ipynb"), []byte(src), 0o644))
	type out struct {
		OutputType string            `json:"output_type"`
		Data       map[string]string `json:"data"`
	}
	cells := []map[string]any{{"cell_type": "markdown", "source": "# Study " + name + "\n\nWhat it shows.\n"}}
	for i, o := range outputs {
		cells = append(cells, map[string]any{"cell_type": "code", "execution_count": i + 1, "source": "%%\nnb.Check(nb.Show(f))",
			"metadata": map[string]any{"execution": map[string]string{
				"iopub.execute_input": "2026-11-29T12:00:00.000000Z", "shell.execute_reply": "2026-11-29T12:01:35.000000Z"}},
			"outputs": []out{{OutputType: "display_data", Data: map[string]string{"text/html": o}}}})
	}
	raw, err := json.Marshal(map[string]any{"cells": cells, "metadata": map[string]any{}, "nbformat": 4, "nbformat_minor": 5})
	must(t, err)
	must(t, os.MkdirAll(filepath.Join(repDir, executedDir), 0o755))
	must(t, os.MkdirAll(filepath.Join(repDir, codeDir), 0o755))
	must(t, os.WriteFile(filepath.Join(repDir, executedDir, name+".ipynb"), raw, 0o644))
	var ledgerText strings.Builder
	for _, e := range entries {
		line, _ := json.Marshal(e)
		ledgerText.Write(append(line, '\n'))
	}
	must(t, os.WriteFile(filepath.Join(repDir, executedDir, name+ledgerExt), []byte(ledgerText.String()), 0o644))
	must(t, os.WriteFile(filepath.Join(repDir, name+".html"), []byte("<html></html>"), 0o644))
	must(t, os.WriteFile(filepath.Join(repDir, codeDir, name+".html"), []byte("<html></html>"), 0o644))
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

// The case of notebook 02, section 4: a cell displayed two figures and the executed
// notebook holds one. index --check must fail and name the cell and the figure.
func TestIndexCheckFailsOnALostFigure(t *testing.T) {
	nbDir, repDir := t.TempDir(), t.TempDir()
	first := ledger.Entry{ID: "nbo-a-1", Kind: "figure", Label: "all 1999 cells", Proc: "a", Seq: 1}
	second := ledger.Entry{ID: "nbo-a-2", Kind: "figure", Label: "Worst Pareto reuse: the two fronts", Proc: "a", Seq: 2}
	data := ledger.DataNote{Dataset: "nb201", N: 1999, Unit: "cells", Note: "18 devices"}
	note := ledger.Entry{ID: "nbo-b-1", Kind: "data", Label: "nb201", Proc: "b", Seq: 1}
	writeExecuted(t, nbDir, repDir, "02-mono", []ledger.Entry{first, second, note},
		`<figure class="nasanalysis-figure"`+first.Marker()+`><svg></svg></figure>`,
		`<p`+data.Attrs()+note.Marker()+`>Data: nb201</p>`)

	if code, _, errOut := runCLI("index", "--notebooks", nbDir, "--reports", repDir); code != 0 {
		t.Fatalf("without --check the index is written and the run passes: exit %d: %s", code, errOut)
	}
	code, _, errOut := runCLI("index", "--notebooks", nbDir, "--reports", repDir, "--check")
	if code == 0 {
		t.Fatal("index --check passed a notebook that lost a figure")
	}
	for _, want := range []string{"cell 2 (In [1]: nb.Check(nb.Show(f))) shows 1 of 2 figures", "missing: figure, output 2 of its cell: Worst Pareto reuse: the two fronts"} {
		if !strings.Contains(errOut, want) {
			t.Errorf("stderr lacks %q:\n%s", want, errOut)
		}
	}
	idx, err := os.ReadFile(filepath.Join(repDir, "index.html"))
	must(t, err)
	for _, want := range []string{`<li class="missing"><a href="02-mono.html">Study 02-mono</a> (<a href="code/02-mono.html">with code</a>)`,
		"Data: <code>nb201</code>: 1,999 cells (18 devices).", "executed 2026-11-29 12:00 UTC in 95 s", "1 of 2 figures, 1 data note: 1 missing",
		"Worst Pareto reuse: the two fronts"} {
		if !strings.Contains(string(idx), want) {
			t.Errorf("index.html lacks %q:\n%s", want, idx)
		}
	}

	// With both figures shown, the check passes.
	writeExecuted(t, nbDir, repDir, "02-mono", []ledger.Entry{first, second},
		`<figure class="nasanalysis-figure"`+first.Marker()+`><svg></svg></figure>`,
		`<figure class="nasanalysis-figure"`+second.Marker()+`><svg></svg></figure>`)
	if code, _, errOut := runCLI("index", "--notebooks", nbDir, "--reports", repDir, "--check"); code != 0 {
		t.Fatalf("complete notebook: exit %d: %s", code, errOut)
	}
}

// An executed notebook without its ledger (not run by scripts/run-notebooks.sh, or the
// ledger variable did not reach the kernel) cannot pass the check by having nothing to
// compare with.
func TestIndexCheckNeedsTheLedger(t *testing.T) {
	nbDir, repDir := t.TempDir(), t.TempDir()
	writeExecuted(t, nbDir, repDir, "01", nil, `<p>hi</p>`)
	must(t, os.Remove(filepath.Join(repDir, executedDir, "01"+ledgerExt)))
	code, _, errOut := runCLI("index", "--notebooks", nbDir, "--reports", repDir, "--check")
	if code == 0 || !strings.Contains(errOut, "no output ledger") {
		t.Errorf("exit %d, stderr:\n%s", code, errOut)
	}
}
