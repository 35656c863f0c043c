package timing

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"
)

var t0 = time.Date(2026, 12, 6, 10, 0, 0, 0, time.UTC)

func at(s float64) time.Time { return t0.Add(time.Duration(s * float64(time.Second))) }

// A notebook of two code cells: the first compiled for 1.5 s and trained for 4 s (three
// overlapping trainings covering 2-6 s), the
// second compiled twice (0.5 + 0.25 s); a compilation that starts in the second's
// truncated last second still counts for it; a span not named train counts for nothing.
// Sums by hand.
func TestBreakdown(t *testing.T) {
	events := []Event{
		{Kind: "compile", Name: "go build", Start: at(0.2), End: at(1.7)},
		{Kind: "span", Name: "train GCN", Start: at(2), End: at(5)},
		{Kind: "span", Name: "train GCN", Start: at(3), End: at(6)}, // in parallel: 2-6 s covered once
		{Kind: "span", Name: "train MLP", Start: at(3.5), End: at(4)},
		{Kind: "span", Name: "load data", Start: at(6), End: at(7)},
		{Kind: "compile", Name: "goimports", Start: at(8.1), End: at(8.6)},
		{Kind: "compile", Name: "go build", Start: at(10.5), End: at(10.75)},
		{Kind: "execute", Name: "nb", Start: at(-3), End: at(11), CPU: 12.5, Load1: 1.5},
		{Kind: "export", Name: "nb", Start: at(11), End: at(13), CPU: 1.5},
	}
	cells := []CellWindow{{Index: 1, Start: at(0), End: at(7)}, {Index: 3, Start: at(8), End: at(10)}}
	n := Breakdown("nb", events, cells)
	want := func(what string, got, want time.Duration) {
		t.Helper()
		if got != want {
			t.Errorf("%s = %v, want %v", what, got, want)
		}
	}
	want("execute", n.Execute, 14*time.Second)
	want("export", n.Export, 2*time.Second)
	want("compile", n.Compile, 2250*time.Millisecond)
	want("train", n.Train, 4*time.Second)
	want("rest", n.Rest(), 7750*time.Millisecond)
	want("cell 1 compile", n.Cells[0].Compile, 1500*time.Millisecond)
	want("cell 1 train", n.Cells[0].Train, 4*time.Second)
	want("cell 3 compile", n.Cells[1].Compile, 750*time.Millisecond)
	if n.Compiles != 3 || n.Trains != 3 || n.Cells[1].Compiles != 2 || n.CPU != 14 || n.Load1 != 1.5 {
		t.Errorf("counts %d compiles, %d trains, cell 3 %d compiles; CPU %v, load %v", n.Compiles, n.Trains, n.Cells[1].Compiles, n.CPU, n.Load1)
	}
	r := Report([]Event{{Kind: "step", Name: "vet", Start: at(0), End: at(20), CPU: 30, Load1: 2}}, []Notebook{n}, 1)
	for _, s := range []string{"vet", "20.0", "30.0", "1.50", "nb", "14.0", "2.2 (3)", "4.0 (3)", "7.8", "nb cell 1: 7.0 s (compile 1.5 s, train 4.0 s)"} {
		if !strings.Contains(r, s) {
			t.Errorf("report lacks %q:\n%s", s, r)
		}
	}
}

// Steps run side by side: the total is first start to last end (0 to 30 s), not the
// sum (45 s), and each step's start is shown from the first one's.
func TestReportOverlappingSteps(t *testing.T) {
	at := func(s int) time.Time { return time.Date(2026, 12, 6, 12, 0, s, 0, time.UTC) }
	r := Report([]Event{
		{Kind: "step", Name: "vet", Start: at(0), End: at(5), CPU: 5},
		{Kind: "step", Name: "unit", Start: at(5), End: at(25), CPU: 20},
		{Kind: "step", Name: "notebooks", Start: at(10), End: at(30), CPU: 25},
	}, nil, 0)
	for _, line := range []string{`notebooks\s+10\.0\s+20\.0\s+25\.0\s+1\.25`, `total\s+30\.0\s+50\.0\s+1\.67`, `steps summed\s+45\.0`} {
		if !regexp.MustCompile(line).MatchString(r) {
			t.Errorf("report lacks a line matching %q:\n%s", line, r)
		}
	}
}

// Span records nothing without Env, and with it one span whose times enclose the work.
func TestSpanRecords(t *testing.T) {
	path := filepath.Join(t.TempDir(), "t.jsonl")
	Span("train x")() // Env unset: nothing
	t.Setenv(Env, path)
	before := time.Now()
	end := Span("train MLP")
	time.Sleep(20 * time.Millisecond)
	end()
	ev, err := Read(path)
	if err != nil || len(ev) != 1 {
		t.Fatalf("%v, %v", ev, err)
	}
	if e := ev[0]; e.Kind != "span" || e.Name != "train MLP" || e.Start.Before(before) || e.Wall() < 20*time.Millisecond {
		t.Errorf("span %+v", e)
	}
	os.WriteFile(path, []byte(`{"kind":"span"}`+"\n"+"not json\n"), 0o644)
	if _, err := Read(path); err == nil || !strings.Contains(err.Error(), "t.jsonl:2: not a timing event") {
		t.Errorf("a bad line: %v", err)
	}
}
