package main

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/nasanalysis/nasanalysis/nasanalysis/data"
)

// example is one command line a user copies: from the README's sh blocks or a --help.
type example struct {
	where, line string
	notRun      string // the reason it is skipped
	fails       string // the message it must fail with
}

var markRe = regexp.MustCompile(`#\s*(not run|fails):\s*(.*)$`)

func newExample(where, line string) example {
	e := example{where: where, line: line}
	if m := markRe.FindStringSubmatch(line); m != nil {
		if m[1] == "not run" {
			e.notRun = m[2]
		} else {
			e.fails = m[2]
		}
	}
	return e
}

// readmeExamples are the `go run ./cmd/nasanalysis` lines of the README's ```sh blocks,
// continuation lines joined, in file order.
func readmeExamples(t *testing.T, path string) []example {
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out []example
	in, cont := false, ""
	sc := bufio.NewScanner(f)
	for n := 1; sc.Scan(); n++ {
		text := sc.Text()
		switch {
		case strings.HasPrefix(text, "```sh"):
			in = true
			continue
		case strings.HasPrefix(text, "```"):
			in = false
			continue
		case !in:
			continue
		}
		if strings.HasSuffix(text, "\\") {
			cont += strings.TrimSuffix(text, "\\") + " "
			continue
		}
		line := strings.TrimSpace(cont + text)
		cont = ""
		if strings.HasPrefix(line, "go run ./cmd/nasanalysis") {
			out = append(out, newExample(fmt.Sprintf("README.md line %d", n), line))
		}
	}
	return out
}

// TestExamples runs every example a user is shown, as a user would run it: the README's
// `go run ./cmd/nasanalysis` lines, then each command's --help example, in a fresh
// folder with a copy of datasets/ (as a checkout has it), /tmp/ paths rewritten into
// that folder, through bash with pipefail. A line marked "# not run: REASON" is skipped
// (at most 6); one marked "# fails: MESSAGE" must fail with that message; every other
// must succeed.
func TestExamples(t *testing.T) {
	if testing.Short() {
		t.Skip("runs every example")
	}
	needData(t)
	dataDir, err := data.Resolve("", data.AccuracyFile)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	bin := filepath.Join(dir, "bin", "nasanalysis")
	build := exec.Command("go", "build", "-o", bin, ".")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	// A checkout's layout: go.mod (so the project's datasets/ is found) and datasets/.
	if err := os.CopyFS(filepath.Join(dir, "datasets"), os.DirFS("../../datasets")); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "go.mod"), []byte("module "+data.ModulePath+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	all := readmeExamples(t, "../../README.md")
	if len(all) < 10 {
		t.Fatalf("found %d README examples; the extraction is broken", len(all))
	}
	for _, name := range exampleOrder {
		_, _, help := runCLI(name, "--help")
		ex := ""
		for _, l := range strings.Split(help, "\n") {
			if s, ok := strings.CutPrefix(l, "example: "); ok {
				ex = s
			}
		}
		if ex == "" {
			t.Errorf("%s --help has no example line", name)
			continue
		}
		all = append(all, newExample(name+" --help", ex))
	}
	for name := range commands {
		if _, ok := examples[name]; !ok {
			t.Errorf("command %s has no example", name)
		}
	}
	skipped := 0
	start := time.Now()
	for _, e := range all {
		if e.notRun != "" {
			skipped++
			continue
		}
		line := strings.ReplaceAll(e.line, "/tmp/", dir+"/")
		line = strings.ReplaceAll(line, "go run ./cmd/nasanalysis", bin)
		line = regexp.MustCompile(`(^|\|\s*)nasanalysis `).ReplaceAllString(line, "${1}"+bin+" ")
		ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
		cmd := exec.CommandContext(ctx, "bash", "-o", "pipefail", "-c", line)
		cmd.Dir = dir
		cmd.Env = append(os.Environ(), data.EnvDataDir+"="+dataDir, "NO_COLOR=1")
		began := time.Now()
		out, err := cmd.CombinedOutput()
		cancel()
		switch {
		case e.fails == "" && err != nil:
			t.Errorf("%s: %s\n%v\n%s", e.where, e.line, err, tail(out))
		case e.fails != "" && (err == nil || !strings.Contains(string(out), e.fails)):
			t.Errorf("%s: %s\nwant a failure saying %q, got %v\n%s", e.where, e.line, e.fails, err, tail(out))
		}
		t.Logf("%5.1f s  %s", time.Since(began).Seconds(), e.where)
	}
	if skipped > 6 {
		t.Errorf("%d examples marked not run; at most 6", skipped)
	}
	t.Logf("%d examples, %d not run, in %.0f s", len(all), skipped, time.Since(start).Seconds())
}

// tail is the end of a command's output, enough to see why it failed.
func tail(out []byte) string {
	if len(out) > 2000 {
		out = out[len(out)-2000:]
	}
	return string(out)
}
