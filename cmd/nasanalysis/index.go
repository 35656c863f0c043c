package main

import (
	"encoding/json"
	"fmt"
	"html"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"
)

func runIndex(args []string, stdout, stderr io.Writer) error {
	fs := newFlags("index", "[--notebooks DIR] [--reports DIR]", stderr)
	nbDir := fs.String("notebooks", "notebooks", "folder of the .ipynb notebooks")
	repDir := fs.String("reports", "reports", "folder of the exported HTML reports; index.html is written here")
	if err := fs.parse(args); err != nil {
		return err
	}
	paths, err := filepath.Glob(filepath.Join(*nbDir, "*.ipynb"))
	if err != nil {
		return err
	}
	if len(paths) == 0 {
		return fmt.Errorf("no notebooks in %s", *nbDir)
	}
	sort.Strings(paths)
	var b strings.Builder
	b.WriteString("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>nasanalysis reports</title>" +
		"<style>body{font-family:sans-serif;max-width:50em;margin:2em auto}li{margin:.8em 0}.missing{color:#a00}</style></head><body>\n" +
		"<h1>nasanalysis reports</h1>\n<ul>\n")
	for _, p := range paths {
		title, summary, err := notebookSummary(p)
		if err != nil {
			return err
		}
		base := strings.TrimSuffix(filepath.Base(p), ".ipynb")
		report := base + ".html"
		if _, err := os.Stat(filepath.Join(*repDir, report)); err != nil {
			fmt.Fprintf(&b, "<li class=\"missing\">%s: not executed (no %s)<br>%s</li>\n", html.EscapeString(title), report, html.EscapeString(summary))
			continue
		}
		fmt.Fprintf(&b, "<li><a href=\"%s\">%s</a><br>%s</li>\n", report, html.EscapeString(title), html.EscapeString(summary))
	}
	fmt.Fprintf(&b, "</ul>\n<p style=\"color:#666;font-size:85%%\">Generated %s by <code>nasanalysis index</code>.</p>\n</body></html>\n",
		time.Now().UTC().Format("2006-01-02 15:04 UTC"))
	out := filepath.Join(*repDir, "index.html")
	if err := os.WriteFile(out, []byte(b.String()), 0o644); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "wrote %s (%d notebooks)\n", out, len(paths))
	return nil
}

// notebookSummary returns a notebook's title (its first "# " heading) and one-line
// summary (the first line of prose after it).
func notebookSummary(path string) (title, summary string, err error) {
	raw, err := os.ReadFile(path)
	if err != nil {
		return "", "", err
	}
	var nb struct {
		Cells []struct {
			CellType string          `json:"cell_type"`
			Source   json.RawMessage `json:"source"`
		} `json:"cells"`
	}
	if err := json.Unmarshal(raw, &nb); err != nil {
		return "", "", fmt.Errorf("%s: not a notebook: %w", path, err)
	}
	for _, c := range nb.Cells {
		if c.CellType != "markdown" {
			continue
		}
		var lines []string
		var s string
		if json.Unmarshal(c.Source, &lines) != nil {
			if err := json.Unmarshal(c.Source, &s); err != nil {
				return "", "", fmt.Errorf("%s: bad cell source: %w", path, err)
			}
			lines = strings.SplitAfter(s, "\n")
		}
		for _, l := range lines {
			l = strings.TrimSpace(l)
			switch {
			case title == "" && strings.HasPrefix(l, "# "):
				title = strings.TrimPrefix(l, "# ")
			case title != "" && summary == "" && l != "" && !strings.HasPrefix(l, "#"):
				summary = l
			}
		}
		if title != "" && summary != "" {
			return title, summary, nil
		}
	}
	if title == "" {
		title = filepath.Base(path)
	}
	return title, summary, nil
}
