package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"html"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"time"

	"github.com/google/renameio/v2"
	"github.com/nasanalysis/nasanalysis/nasanalysis/nb/ledger"
)

// The layout scripts/run-notebooks.sh writes into a reports folder, and the index reads:
//
//	<name>.html                    the report: prose, figures and tables, no code
//	code/<name>.html               the same executed notebook with its code
//	executed/<name>.ipynb          the executed notebook both are converted from
//	executed/<name>.outputs.jsonl  the output ledger of that execution (package ledger)
const (
	codeDir     = "code"
	executedDir = "executed"
	ledgerExt   = ".outputs.jsonl"
)

func runIndex(args []string, stdout, stderr io.Writer) error {
	fs := newFlags("index", "[--notebooks DIR] [--reports DIR] [--check]", stderr)
	nbDir := fs.String("notebooks", "notebooks", "folder of the .ipynb notebooks")
	repDir := fs.String("reports", "reports", "folder of the exported HTML reports; index.html is written here")
	check := fs.Bool("check", false, "fail unless every notebook was executed and shows every output its cells displayed\n"+
		"(compares <reports>/executed/<name>.ipynb with the output ledger of its execution)")
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
		"<style>body{font-family:sans-serif;max-width:50em;margin:2em auto}li{margin:.8em 0}.missing{color:#a00}" +
		".meta{color:#555;font-size:90%}.bad{color:#a00;font-weight:bold}</style></head><body>\n" +
		"<h1>nasanalysis reports</h1>\n" +
		"<p>Each report shows the prose, figures and tables of one executed notebook; the code that computed them is in its version <i>with code</i>.</p>\n<ul>\n")
	var problems []string
	for _, p := range paths {
		intro, err := notebookIntro(p)
		if err != nil {
			return err
		}
		base := strings.TrimSuffix(filepath.Base(p), ".ipynb")
		report := base + ".html"
		e := readExecution(*repDir, base)
		if _, err := os.Stat(filepath.Join(*repDir, report)); err != nil {
			fmt.Fprintf(&b, "<li class=\"missing\">%s: not executed (no %s)<br>%s</li>\n", inlineHTML(intro.title), report, inlineHTML(intro.summary))
			problems = append(problems, fmt.Sprintf("%s: not executed (no %s)", base, filepath.Join(*repDir, report)))
			continue
		}
		problems = append(problems, e.problems...)
		class := ""
		if len(e.problems) > 0 {
			class = ` class="missing"`
		}
		fmt.Fprintf(&b, "<li%s><a href=\"%s\">%s</a>", class, report, inlineHTML(intro.title))
		if _, err := os.Stat(filepath.Join(*repDir, codeDir, report)); err == nil {
			fmt.Fprintf(&b, " (<a href=\"%s/%s\">with code</a>)", codeDir, report)
		}
		fmt.Fprintf(&b, "<br>%s\n<br><span class=\"meta\">%s</span>", inlineHTML(intro.summary), dataLine(e.data, intro.data))
		if e.ran != "" || e.outputs != "" {
			fmt.Fprintf(&b, "\n<br><span class=\"meta\">%s</span>", html.EscapeString(strings.Trim(e.ran+"; "+e.outputs, "; ")))
		}
		for _, pr := range e.problems {
			fmt.Fprintf(&b, "\n<br><span class=\"bad\">%s</span>", html.EscapeString(pr))
		}
		b.WriteString("</li>\n")
	}
	fmt.Fprintf(&b, "</ul>\n<p style=\"color:#666;font-size:85%%\">Generated %s by <code>nasanalysis index</code>.</p>\n</body></html>\n",
		time.Now().UTC().Format("2006-01-02 15:04 UTC"))
	out := filepath.Join(*repDir, "index.html")
	if err := renameio.WriteFile(out, []byte(b.String()), 0o644); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "wrote %s (%d notebooks)\n", out, len(paths))
	if *check && len(problems) > 0 {
		for _, p := range problems {
			fmt.Fprintln(stderr, p)
		}
		return errors.New("index --check: the reports above are incomplete")
	}
	return nil
}

// execution is what the index says about one executed notebook.
type execution struct {
	data     []ledger.DataNote
	ran      string   // "executed 2026-11-29 08:15 UTC in 95 s"
	outputs  string   // "12 figures, 20 tables: all shown"
	problems []string // each a line naming what is wrong, with the notebook's name
}

// readExecution reads <repDir>/executed/<base>.ipynb and its output ledger, if there.
func readExecution(repDir, base string) execution {
	var e execution
	path := filepath.Join(repDir, executedDir, base+".ipynb")
	raw, err := os.ReadFile(path)
	if err != nil {
		e.problems = append(e.problems, fmt.Sprintf("%s: no executed notebook %s, so its outputs cannot be checked", base, path))
		return e
	}
	nb, err := ledger.ParseNotebook(raw)
	if err != nil {
		e.problems = append(e.problems, fmt.Sprintf("%s: %s: %v", base, path, err))
		return e
	}
	e.data = ledger.DataNotes(nb)
	e.ran = ranLine(nb)
	for _, c := range nb.Cells {
		for _, msg := range c.Errors {
			e.problems = append(e.problems, fmt.Sprintf("%s: %s failed: %s", base, c.Name(), msg))
		}
	}
	entries, err := ledger.Read(filepath.Join(repDir, executedDir, base+ledgerExt))
	switch {
	case errors.Is(err, os.ErrNotExist):
		e.problems = append(e.problems, fmt.Sprintf("%s: no output ledger %s (execute it with scripts/run-notebooks.sh, which sets $%s)",
			base, filepath.Join(repDir, executedDir, base+ledgerExt), ledger.Env))
		return e
	case err != nil:
		e.problems = append(e.problems, fmt.Sprintf("%s: %v", base, err))
		return e
	}
	r := ledger.Check(nb, entries)
	e.outputs = r.Summary()
	if !r.OK() {
		e.problems = append(e.problems, fmt.Sprintf("%s: %d output(s) displayed by its cells are missing from the executed notebook:", base, len(r.Missing)))
		for _, l := range r.Describe(nb) {
			e.problems = append(e.problems, base+":   "+l)
		}
	}
	return e
}

// ranLine says when a notebook was executed and for how long, from nbclient's timings.
func ranLine(nb *ledger.Notebook) string {
	var start, end time.Time
	for _, c := range nb.Cells {
		if t, err := time.Parse(time.RFC3339Nano, c.Start); err == nil && (start.IsZero() || t.Before(start)) {
			start = t
		}
		if t, err := time.Parse(time.RFC3339Nano, c.End); err == nil && t.After(end) {
			end = t
		}
	}
	if start.IsZero() || end.Before(start) {
		return ""
	}
	took := fmt.Sprintf("%.0f s", end.Sub(start).Seconds())
	if d := end.Sub(start); d >= 2*time.Minute {
		took = fmt.Sprintf("%.0f min", d.Minutes())
	}
	return fmt.Sprintf("executed %s in %s", start.UTC().Format("2006-01-02 15:04 UTC"), took)
}

// dataLine says which data a notebook rests on: the data notes its cells displayed
// (nb.Data), else the "Data:" paragraph of its introduction, else that it does not say.
func dataLine(notes []ledger.DataNote, introData string) string {
	if len(notes) > 0 {
		var parts []string
		for _, d := range notes {
			s := fmt.Sprintf("<code>%s</code>: %s %s", html.EscapeString(d.Dataset), groupThousands(d.N), html.EscapeString(d.Unit))
			if d.Note != "" {
				s += " (" + html.EscapeString(d.Note) + ")"
			}
			parts = append(parts, s)
		}
		return "Data: " + strings.Join(parts, "; ") + "."
	}
	if introData != "" {
		return inlineHTML(introData)
	}
	return "Data: not stated (the notebook displays no nb.Data line)."
}

func groupThousands(n int) string {
	s := fmt.Sprint(n)
	sign := ""
	if strings.HasPrefix(s, "-") {
		sign, s = "-", s[1:]
	}
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return sign + s
}

// intro is what the index takes from a notebook's own text.
type intro struct {
	title   string // its first "# " heading
	summary string // the first paragraph after it, whole (see notebookIntro)
	data    string // a paragraph of the introduction that starts with "Data:", if any
}

// notebookIntro reads a notebook's title, summary and data paragraph. The summary is the
// first paragraph of prose after the title, never cut: all its lines, and when it ends
// with a colon that opens a list, the list too, each item cut to its first clause
// (parentheses dropped, up to its first comma or semicolon), so the sentence ends. The
// data paragraph is a paragraph of the title's cell that starts with "Data:".
func notebookIntro(path string) (intro, error) {
	var in intro
	raw, err := os.ReadFile(path)
	if err != nil {
		return in, err
	}
	var nb struct {
		Cells []struct {
			CellType string          `json:"cell_type"`
			Source   json.RawMessage `json:"source"`
		} `json:"cells"`
	}
	if err := json.Unmarshal(raw, &nb); err != nil {
		return in, fmt.Errorf("%s: not a notebook: %w", path, err)
	}
	type tagged struct {
		block
		titleCell bool
	}
	var after []tagged // the blocks after the title
	for _, c := range nb.Cells {
		if c.CellType != "markdown" {
			continue
		}
		var lines []string
		var s string
		if json.Unmarshal(c.Source, &lines) != nil {
			if err := json.Unmarshal(c.Source, &s); err != nil {
				return in, fmt.Errorf("%s: bad cell source: %w", path, err)
			}
			lines = strings.SplitAfter(s, "\n")
		}
		titleCell := false
		for _, b := range blocks(lines) {
			switch {
			case in.title == "" && strings.HasPrefix(b.text, "# "):
				in.title, titleCell = strings.TrimPrefix(b.text, "# "), true
			case in.title != "":
				after = append(after, tagged{b, titleCell})
			}
		}
	}
	if in.title == "" {
		in.title = filepath.Base(path)
	}
	for i, b := range after {
		switch {
		case b.list != nil || strings.HasPrefix(b.text, "#"):
		case in.summary == "":
			in.summary = b.text
			if strings.HasSuffix(b.text, ":") && i+1 < len(after) && after[i+1].list != nil {
				in.summary += " " + shortItems(after[i+1].list)
			}
		case in.data == "" && b.titleCell && strings.HasPrefix(b.text, "Data:"):
			in.data = b.text
		}
	}
	return in, nil
}

// block is a paragraph (text: its lines joined) or a list (list: its items).
type block struct {
	text string
	list []string
}

var listItem = regexp.MustCompile(`^(?:[*+-]|\d+[.)])\s+`)

// blocks splits Markdown lines into paragraphs, headings and lists.
func blocks(lines []string) []block {
	var out []block
	var cur *block
	flush := func() {
		if cur != nil {
			out = append(out, *cur)
			cur = nil
		}
	}
	for _, l := range lines {
		t := strings.TrimSpace(l)
		switch {
		case t == "":
			flush()
		case strings.HasPrefix(t, "#"):
			flush()
			out = append(out, block{text: t})
		case listItem.MatchString(t):
			if cur == nil || cur.list == nil {
				flush()
				cur = &block{list: []string{}}
			}
			cur.list = append(cur.list, listItem.ReplaceAllString(t, ""))
		case cur != nil && cur.list != nil: // an item's continuation line
			cur.list[len(cur.list)-1] += " " + t
		case cur != nil:
			cur.text += " " + t
		default:
			cur = &block{text: t}
		}
	}
	flush()
	return out
}

var (
	parenthetical = regexp.MustCompile(`\s*\([^()]*\)`)
	emphasis      = regexp.MustCompile(`\*\*|__`)
)

// shortItems joins list items, each cut to its first clause: "MLP on the one-hot
// encoding; GCN on the operations graph; two baselines: linear and FLOPs."
func shortItems(items []string) string {
	var out []string
	for _, it := range items {
		it = emphasis.ReplaceAllString(it, "")
		for parenthetical.MatchString(it) { // innermost first, so nested ones go too
			it = parenthetical.ReplaceAllString(it, "")
		}
		if i := strings.IndexAny(it, ";,"); i >= 0 {
			it = it[:i]
		}
		it = strings.TrimRight(strings.TrimSpace(it), ".:")
		if it != "" {
			out = append(out, it)
		}
	}
	return strings.Join(out, "; ") + "."
}

var (
	mdCode   = regexp.MustCompile("`([^`]+)`")
	mdBold   = regexp.MustCompile(`\*\*([^*]+)\*\*`)
	mdItalic = regexp.MustCompile(`\*([^*\s][^*]*)\*`)
	mdLink   = regexp.MustCompile(`\[([^\]]+)\]\([^)]*\)`)
)

// inlineHTML renders the inline Markdown of a line of prose (code, bold, italics, link
// text) as escaped HTML.
func inlineHTML(s string) string {
	s = html.EscapeString(s)
	s = mdCode.ReplaceAllString(s, "<code>$1</code>")
	s = mdBold.ReplaceAllString(s, "<b>$1</b>")
	s = mdItalic.ReplaceAllString(s, "<i>$1</i>")
	return mdLink.ReplaceAllString(s, "$1")
}
