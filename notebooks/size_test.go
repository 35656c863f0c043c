// Package notebooks holds the project's GoNB notebooks and the test that keeps them thin:
// a notebook narrates what the tested packages compute, so its Go stays short.
package notebooks

import (
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// The notebook budget (issue 22): a notebook calls the packages and shows what they
// return; statistics, verdicts and the sentences that state them live in tested code.
const (
	maxGoLinesPerNotebook = 150 // non-blank lines of Go, comments and %/! lines included
	maxGoLinesPerCell     = 30
	maxDeclLines          = 5 // a func or type declared in a notebook
)

type notebook struct {
	Cells []struct {
		CellType string          `json:"cell_type"`
		Source   json.RawMessage `json:"source"`
	} `json:"cells"`
}

// source joins a cell's source, which nbformat stores as a string or a list of lines.
func source(raw json.RawMessage) (string, error) {
	var lines []string
	if err := json.Unmarshal(raw, &lines); err == nil {
		return strings.Join(lines, ""), nil
	}
	var s string
	err := json.Unmarshal(raw, &s)
	return s, err
}

var declStart = regexp.MustCompile(`^(func|type)\b`)

// longDecls returns, for each top-level func or type declaration in code, its first line
// and its length in lines, found by balancing braces and parentheses from the line that
// starts it (the cells are gofmt-formatted Go, so a declaration starts at column 0).
func longDecls(code string) map[string]int {
	out := map[string]int{}
	lines := strings.Split(code, "\n")
	for i := 0; i < len(lines); i++ {
		if !declStart.MatchString(lines[i]) {
			continue
		}
		depth, j := 0, i
		for ; j < len(lines); j++ {
			depth += strings.Count(lines[j], "{") + strings.Count(lines[j], "(") -
				strings.Count(lines[j], "}") - strings.Count(lines[j], ")")
			if depth <= 0 {
				break
			}
		}
		if n := j - i + 1; n > maxDeclLines {
			out[strings.TrimSpace(lines[i])] = n
		}
		i = j
	}
	return out
}

func nonBlank(code string) int {
	n := 0
	for _, l := range strings.Split(code, "\n") {
		if strings.TrimSpace(l) != "" {
			n++
		}
	}
	return n
}

func TestNotebooksNarrate(t *testing.T) {
	files, err := filepath.Glob("*.ipynb")
	if err != nil || len(files) == 0 {
		t.Fatalf("no notebooks found (%v)", err)
	}
	for _, f := range files {
		t.Run(strings.TrimSuffix(f, ".ipynb"), func(t *testing.T) {
			b, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			var nb notebook
			if err := json.Unmarshal(b, &nb); err != nil {
				t.Fatalf("%s: %v", f, err)
			}
			total := 0
			for k, c := range nb.Cells {
				if c.CellType != "code" {
					continue
				}
				code, err := source(c.Source)
				if err != nil {
					t.Fatalf("%s cell %d: %v", f, k, err)
				}
				n := nonBlank(code)
				total += n
				if n > maxGoLinesPerCell {
					t.Errorf("%s cell %d: %d non-blank lines of Go, budget %d", f, k, n, maxGoLinesPerCell)
				}
				for decl, lines := range longDecls(code) {
					t.Errorf("%s cell %d: %q is %d lines, budget %d: move it into a package", f, k, decl, lines, maxDeclLines)
				}
			}
			if total > maxGoLinesPerNotebook {
				t.Errorf("%s: %d non-blank lines of Go, budget %d", f, total, maxGoLinesPerNotebook)
			}
		})
	}
}

func TestLongDeclsCountsBracesAndParens(t *testing.T) {
	code := "func short() int { return 1 }\n\nfunc long() {\n\ta()\n\tb()\n\tc()\n\td()\n}\ntype (\n\tA int\n)\n"
	got := longDecls(code)
	if len(got) != 1 || got["func long() {"] != 6 {
		t.Fatalf("longDecls = %v, want only func long() of 6 lines", got)
	}
}
