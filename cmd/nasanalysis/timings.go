package main

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/nasanalysis/nasanalysis/nasanalysis/nb/ledger"
	"github.com/nasanalysis/nasanalysis/nasanalysis/timing"
)

// timingsExt is the timing file scripts/run-notebooks.sh writes beside each executed
// notebook (package timing).
const timingsExt = ".timings.jsonl"

// runTimings prints where the last `make test` (or `make report`) spent its time: the
// steps scripts/timed.sh recorded, and each executed notebook's compilation, training
// and the rest (package timing).
func runTimings(args []string, stdout, stderr io.Writer) error {
	fs := newFlags("timings", "[--steps FILE] [--reports DIR] [--slowest N]", stderr)
	steps := fs.String("steps", "build/timings/steps.jsonl", "the steps' timings (scripts/timed.sh); - for none")
	repDir := fs.String("reports", "build/test-reports", "the folder run-notebooks.sh executed the notebooks into; - for none")
	slowest := fs.Int("slowest", 10, "list this many of the slowest cells")
	if err := fs.parse(args); err != nil {
		return err
	}
	var st []timing.Event
	if *steps != "-" {
		var err error
		if st, err = timing.Read(*steps); err != nil {
			return fmt.Errorf("%w (make test writes it)", err)
		}
	}
	var nbs []timing.Notebook
	if *repDir != "-" {
		var err error
		if nbs, err = notebookTimings(*repDir); err != nil {
			return err
		}
	}
	fmt.Fprint(stdout, timing.Report(st, nbs, *slowest))
	return nil
}

// notebookTimings reads every executed notebook of a reports folder with its timings.
func notebookTimings(repDir string) ([]timing.Notebook, error) {
	files, err := filepath.Glob(filepath.Join(repDir, executedDir, "*"+timingsExt))
	if err != nil {
		return nil, err
	}
	if len(files) == 0 {
		return nil, fmt.Errorf("%s: no %s files: run make test (or scripts/run-notebooks.sh) first", filepath.Join(repDir, executedDir), timingsExt)
	}
	sort.Strings(files)
	var out []timing.Notebook
	for _, f := range files {
		name := strings.TrimSuffix(filepath.Base(f), timingsExt)
		events, err := timing.Read(f)
		if err != nil {
			return nil, err
		}
		var cells []timing.CellWindow
		raw, err := os.ReadFile(filepath.Join(repDir, executedDir, name+".ipynb"))
		switch {
		case errors.Is(err, fs.ErrNotExist): // a notebook that failed: its events alone
		case err != nil:
			return nil, err
		default:
			nb, err := ledger.ParseNotebook(raw)
			if err != nil {
				return nil, fmt.Errorf("%s: %w", name, err)
			}
			for _, c := range nb.Cells {
				start, err1 := time.Parse(time.RFC3339Nano, c.Start)
				end, err2 := time.Parse(time.RFC3339Nano, c.End)
				if c.Type == "code" && err1 == nil && err2 == nil {
					cells = append(cells, timing.CellWindow{Index: c.Index, Start: start, End: end})
				}
			}
		}
		out = append(out, timing.Breakdown(name, events, cells))
	}
	return out, nil
}
