package ledger_test

import (
	"fmt"

	"github.com/nasanalysis/nasanalysis/nasanalysis/nb/ledger"
)

// A notebook's second code cell asked for two figures (its program recorded both in the
// ledger), but the executed notebook holds only the first: Check finds the lost one and
// names the cell by its first line of code.
func ExampleCheck() {
	entries := []ledger.Entry{ // as nb records them: one program per cell execution
		{ID: "nbo-p1-1", Kind: "table", Label: "The devices", Proc: "p1", Seq: 1},
		{ID: "nbo-p2-1", Kind: "figure", Label: "Latency by device", Proc: "p2", Seq: 1},
		{ID: "nbo-p2-2", Kind: "figure", Label: "SRCC heatmap", Proc: "p2", Seq: 2},
	}
	executed := `{"cells": [
	  {"cell_type": "markdown", "source": ["## Devices\n"]},
	  {"cell_type": "code", "execution_count": 1, "source": ["nb.Check(nb.ShowTable(devs, 0))\n"],
	   "outputs": [{"output_type": "display_data", "data": {"text/html": ["<table data-nb-output=\"nbo-p1-1\"></table>"]}}]},
	  {"cell_type": "code", "execution_count": 2, "source": ["// two figures\n", "nb.Check(nb.Show(lat))\n", "nb.Check(nb.Show(heat))\n"],
	   "outputs": [{"output_type": "display_data", "data": {"text/html": ["<figure data-nb-output=\"nbo-p2-1\"></figure>"]}}]}
	]}`
	nb, err := ledger.ParseNotebook([]byte(executed))
	if err != nil {
		fmt.Println(err)
		return
	}
	r := ledger.Check(nb, entries)
	fmt.Println(r.Summary())
	for _, line := range r.Describe(nb) {
		fmt.Println(line)
	}
	// Output:
	// 1 of 2 figures, 1 table: 1 missing
	// cell 3 (In [2]: nb.Check(nb.Show(lat))) shows 1 of 2 figures
	//   missing: figure, output 2 of its cell: SRCC heatmap
}
