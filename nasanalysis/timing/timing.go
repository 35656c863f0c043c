package timing

import (
	"fmt"
	"os"
	"syscall"
	"time"

	"github.com/nasanalysis/nasanalysis/nasanalysis/internal/jsonl"
)

// Env names the file events are appended to. Unset, nothing is recorded.
const Env = "NASANALYSIS_TIMINGS"

// Event is one timed span: a step of a make target, a compilation GoNB ran, a span a
// program marked (training), or a notebook's execution or export.
type Event struct {
	Kind  string    `json:"kind"` // "step", "compile", "span", "execute", "export"
	Name  string    `json:"name"`
	Start time.Time `json:"start"`
	End   time.Time `json:"end"`
	// CPU is the user + system CPU time of the span (s), where it was measured (a
	// step's processes, or this process during a span); 0 when not.
	CPU float64 `json:"cpu_s,omitempty"`
	// Load1 is the 1-minute load average when the span ended, where recorded.
	Load1 float64 `json:"load1,omitempty"`
}

// Wall is the span's wall-clock duration.
func (e Event) Wall() time.Duration { return e.End.Sub(e.Start) }

// Record appends e to the file Env names; it does nothing when Env is unset.
func Record(e Event) error {
	path := os.Getenv(Env)
	if path == "" {
		return nil
	}
	if err := jsonl.Append(path, e); err != nil {
		return fmt.Errorf("timings: %w", err)
	}
	return nil
}

// Span starts timing a span of this program named name (e.g. "train GCN") and returns
// the function that ends and records it, with this process's CPU time over it:
//
//	defer timing.Span("train " + kind)()
//
// A failure to record is ignored: timing never fails the work it times.
func Span(name string) func() {
	if os.Getenv(Env) == "" {
		return func() {}
	}
	start, cpu0 := time.Now(), processCPU()
	return func() {
		_ = Record(Event{Kind: "span", Name: name, Start: start, End: time.Now(), CPU: processCPU() - cpu0})
	}
}

// processCPU is this process's user + system CPU time so far (s).
func processCPU() float64 {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	tv := func(t syscall.Timeval) float64 { return float64(t.Sec) + float64(t.Usec)/1e6 }
	return tv(ru.Utime) + tv(ru.Stime)
}

// Read parses a file of events; a line that is not one is an error naming it.
func Read(path string) ([]Event, error) {
	return jsonl.Read(path, "timing event", func(e Event) bool { return e.Kind != "" && !e.End.Before(e.Start) })
}
