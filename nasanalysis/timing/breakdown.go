package timing

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
	"text/tabwriter"
	"time"
)

// Cell is where one code cell of an executed notebook spent its time. Its window comes
// from nbclient's cell metadata, which GoNB's messages date to the second.
type Cell struct {
	Index          int // position in the notebook, from 0
	Start, End     time.Time
	Compile, Train time.Duration
	Compiles       int // go and goimports runs within the cell
}

// Wall is the cell's wall time, to the second.
func (c Cell) Wall() time.Duration { return c.End.Sub(c.Start) }

// Notebook is where one notebook's execution spent its time.
type Notebook struct {
	Name string
	// Execute is nbconvert's execution of every cell (kernel start included) and Export
	// the two HTML exports; CPU their processes' user + system time (s).
	Execute, Export time.Duration
	CPU             float64
	Load1           float64 // the load average when the execution ended
	// Compile sums GoNB's go and goimports runs (Compiles of them); Train is the wall
	// time covered by the spans the cells' programs marked as training (Trains of them),
	// spans that overlap (trainings run in parallel) counted once.
	Compile, Train   time.Duration
	Compiles, Trains int
	Cells            []Cell
}

// Rest is the execution's time outside compilation and training: the cells' programs
// otherwise (loading data, studies, figures), and the kernel.
func (n Notebook) Rest() time.Duration { return n.Execute - n.Compile - n.Train }

// CellWindow is a code cell's execution window as the executed notebook records it.
type CellWindow struct {
	Index      int
	Start, End time.Time
}

// Breakdown sums one notebook's events (the file its cells' programs and the
// compiler wrappers wrote) overall and per cell: a compilation or training span counts
// for the cell whose window holds its start (windows widened by a second at the end,
// the notebook's timestamps being truncated to seconds).
func Breakdown(name string, events []Event, cells []CellWindow) Notebook {
	n := Notebook{Name: name}
	var train []Event
	trainIn := map[*Cell][]Event{} // the training spans that started in each cell
	for _, c := range cells {
		n.Cells = append(n.Cells, Cell{Index: c.Index, Start: c.Start, End: c.End})
	}
	cellOf := func(t time.Time) *Cell {
		for i := range n.Cells {
			c := &n.Cells[i]
			if !t.Before(c.Start) && t.Before(c.End.Add(time.Second)) {
				return c
			}
		}
		return nil
	}
	for _, e := range events {
		switch e.Kind {
		case "execute":
			n.Execute += e.Wall()
			n.CPU += e.CPU
			n.Load1 = e.Load1
		case "export":
			n.Export += e.Wall()
			n.CPU += e.CPU
		case "compile":
			n.Compile += e.Wall()
			n.Compiles++
			if c := cellOf(e.Start); c != nil {
				c.Compile += e.Wall()
				c.Compiles++
			}
		case "span":
			if !strings.HasPrefix(e.Name, "train") {
				continue
			}
			n.Trains++
			train = append(train, e)
			if c := cellOf(e.Start); c != nil {
				trainIn[c] = append(trainIn[c], e)
			}
		}
	}
	n.Train = covered(train)
	for c, in := range trainIn {
		c.Train = covered(in)
	}
	return n
}

// covered is the wall time the spans cover, overlaps counted once.
func covered(spans []Event) time.Duration {
	spans = slices.Clone(spans)
	slices.SortFunc(spans, func(a, b Event) int { return a.Start.Compare(b.Start) })
	var total time.Duration
	var end time.Time
	for _, s := range spans {
		switch {
		case !s.Start.Before(end): // disjoint from what came before
			total += s.Wall()
			end = s.End
		case s.End.After(end): // overlaps, reaches further
			total += s.End.Sub(end)
			end = s.End
		}
	}
	return total
}

// secs writes d in seconds, one decimal.
func secs(d time.Duration) string { return fmt.Sprintf("%.1f", d.Seconds()) }

// Report is the breakdown as text: the steps (wall, CPU, load average at the end), then
// each notebook's execution split into compilation, training and the rest, its export,
// and the cells that took longest.
func Report(steps []Event, notebooks []Notebook, slowest int) string {
	var b strings.Builder
	w := tabwriter.NewWriter(&b, 0, 0, 2, ' ', tabwriter.AlignRight)
	if len(steps) > 0 {
		// make test runs some steps side by side (three streams): each step's start is
		// shown from the first one's, and the total is the time from the first start
		// to the last end, overlaps counted once, beside the steps' sum.
		first := slices.MinFunc(steps, func(a, b Event) int { return a.Start.Compare(b.Start) }).Start
		var sum time.Duration
		var cpu float64
		fmt.Fprintln(w, "step\tstart s\twall s\tCPU s\tCPU/wall\tload avg (1 min, at end)\t")
		for _, s := range steps {
			sum += s.Wall()
			cpu += s.CPU
			fmt.Fprintf(w, "%s\t%s\t%s\t%.1f\t%.2f\t%.2f\t\n", s.Name, secs(s.Start.Sub(first)), secs(s.Wall()), s.CPU, s.CPU/s.Wall().Seconds(), s.Load1)
		}
		elapsed := covered(steps)
		fmt.Fprintf(w, "total\t\t%s\t%.1f\t%.2f\t\t\n", secs(elapsed), cpu, cpu/elapsed.Seconds())
		if sum > elapsed+time.Second {
			fmt.Fprintf(w, "steps summed\t\t%s\t\t\t\t\n", secs(sum))
		}
		fmt.Fprintln(w, "\t\t\t\t\t\t")
	}
	if len(notebooks) > 0 {
		var tot Notebook
		fmt.Fprintln(w, "notebook\texecute s\tcompile s (runs)\ttrain s (runs)\trest s\texport s\tCPU s\tload avg\t")
		for _, n := range notebooks {
			fmt.Fprintf(w, "%s\t%s\t%s (%d)\t%s (%d)\t%s\t%s\t%.1f\t%.2f\t\n", n.Name, secs(n.Execute), secs(n.Compile), n.Compiles,
				secs(n.Train), n.Trains, secs(n.Rest()), secs(n.Export), n.CPU, n.Load1)
			tot.Execute += n.Execute
			tot.Export += n.Export
			tot.Compile += n.Compile
			tot.Compiles += n.Compiles
			tot.Train += n.Train
			tot.Trains += n.Trains
			tot.CPU += n.CPU
		}
		fmt.Fprintf(w, "all\t%s\t%s (%d)\t%s (%d)\t%s\t%s\t%.1f\t\t\n", secs(tot.Execute), secs(tot.Compile), tot.Compiles,
			secs(tot.Train), tot.Trains, secs(tot.Rest()), secs(tot.Export), tot.CPU)
	}
	w.Flush()
	if slowest > 0 {
		type ranked struct {
			nb string
			c  Cell
		}
		var all []ranked
		for _, n := range notebooks {
			for _, c := range n.Cells {
				all = append(all, ranked{n.Name, c})
			}
		}
		slices.SortStableFunc(all, func(a, b ranked) int { return cmp.Compare(b.c.Wall(), a.c.Wall()) })
		if len(all) > slowest {
			all = all[:slowest]
		}
		if len(all) > 0 {
			fmt.Fprintf(&b, "\nslowest cells (wall to the second; compile and train within it):\n")
			for _, r := range all {
				fmt.Fprintf(&b, "  %s cell %d: %s s (compile %s s, train %s s)\n", r.nb, r.c.Index, secs(r.c.Wall()), secs(r.c.Compile), secs(r.c.Train))
			}
		}
	}
	return b.String()
}
