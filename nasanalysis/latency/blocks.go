package latency

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sort"

	"github.com/nasanalysis/nasanalysis/nasanalysis/arch"
	"github.com/nasanalysis/nasanalysis/nasanalysis/stats"
)

// BlockTiming is one block's median time over profiled runs.
type BlockTiming struct {
	Block
	MS float64
}

// BlockProfile is a network's per-block times from ONNX Runtime's per-node profiler,
// next to the end-to-end time of the same profiled runs.
type BlockProfile struct {
	Blocks []BlockTiming // in network order
	// RunMS is the median end-to-end time of the profiled runs (ONNX Runtime's
	// model_run events); SumMS the sum of the blocks' medians. Their difference is the
	// executor's own work between nodes.
	RunMS, SumMS float64
	Runs         int
}

// profileEvent is one event of ONNX Runtime's JSON trace (Chrome trace format).
type profileEvent struct {
	Cat  string  `json:"cat"`
	Name string  `json:"name"`
	TS   float64 `json:"ts"`  // µs
	Dur  float64 `json:"dur"` // µs
}

// ProfileBlocks runs a network p.Warmup times untimed, then runs times with ONNX
// Runtime's profiler on, and sums the kernel time of each block's nodes per run. Nodes
// the optimiser adds without a block name (layout reorders around NCHWc kernels) count
// to the block executed before them, or the first block. Each block's time is its
// median over the runs. A node's time runs from its start to the next node's start, so
// the executor's work between nodes counts to the block that needs it.
func (e *ORT) ProfileBlocks(a arch.Arch, p Protocol, runs int) (BlockProfile, error) {
	if runs < 1 {
		return BlockProfile{}, fmt.Errorf("profile: need at least 1 run, got %d", runs)
	}
	dir, err := os.MkdirTemp("", "nasanalysis-profile-")
	if err != nil {
		return BlockProfile{}, err
	}
	defer os.RemoveAll(dir)
	// Warm-up in a session of its own, so the trace holds only the profiled runs.
	s, net, err := e.session(a, p, "")
	if err != nil {
		return BlockProfile{}, err
	}
	for range p.Warmup {
		if err := s.Run(); err != nil {
			s.Close()
			return BlockProfile{}, err
		}
	}
	s.Close()
	s, _, err = e.session(a, p, filepath.Join(dir, "profile"))
	if err != nil {
		return BlockProfile{}, err
	}
	for range runs {
		if err := s.Run(); err != nil {
			s.Close()
			return BlockProfile{}, err
		}
	}
	path, err := s.Close()
	if err != nil {
		return BlockProfile{}, err
	}
	b, err := os.ReadFile(path)
	if err != nil {
		return BlockProfile{}, err
	}
	var events []profileEvent
	if err := json.Unmarshal(b, &events); err != nil {
		return BlockProfile{}, fmt.Errorf("ONNX Runtime profile %s: %w", path, err)
	}
	return blockTimes(events, net.Blocks, runs, path)
}

// blockTimes attributes the trace's node events to blocks, run by run.
func blockTimes(events []profileEvent, blocks []Block, runs int, path string) (BlockProfile, error) {
	var modelRuns, nodes []profileEvent
	for _, ev := range events {
		switch {
		case ev.Cat == "Session" && ev.Name == "model_run":
			modelRuns = append(modelRuns, ev)
		case ev.Cat == "Node" && len(ev.Name) > len("_kernel_time") && ev.Name[len(ev.Name)-len("_kernel_time"):] == "_kernel_time":
			nodes = append(nodes, ev)
		}
	}
	if len(modelRuns) != runs {
		return BlockProfile{}, fmt.Errorf("ONNX Runtime profile %s: %d model_run events, want %d", path, len(modelRuns), runs)
	}
	sort.Slice(nodes, func(i, j int) bool { return nodes[i].TS < nodes[j].TS })
	index := map[string]int{}
	for i, b := range blocks {
		index[b.Name] = i
	}
	perRun := make([][]float64, len(blocks)) // perRun[block][run], ms
	for i := range perRun {
		perRun[i] = make([]float64, runs)
	}
	runMS := make([]float64, runs)
	for r, mr := range modelRuns {
		runMS[r] = mr.Dur / 1000
		var inRun []profileEvent
		for _, n := range nodes {
			if n.TS >= mr.TS && n.TS <= mr.TS+mr.Dur {
				inRun = append(inRun, n)
			}
		}
		current := 0
		for k, n := range inRun {
			if b, ok := index[blockOf(n.Name)]; ok {
				current = b
			} else if blockOf(n.Name) != "" {
				return BlockProfile{}, fmt.Errorf("ONNX Runtime profile %s: node %s names no block of this network", path, n.Name)
			}
			// A node owns the time until the next node starts: its kernel and the
			// executor's work to dispatch what follows, which the block costs too.
			span := n.Dur
			if k+1 < len(inRun) {
				span = inRun[k+1].TS - n.TS
			}
			perRun[current][r] += span / 1000
		}
	}
	runMedian, err := stats.Quantile(runMS, 0.5)
	if err != nil {
		return BlockProfile{}, fmt.Errorf("ONNX Runtime profile %s: median run time: %w", path, err)
	}
	prof := BlockProfile{Runs: runs, RunMS: runMedian}
	for i, b := range blocks {
		ms, err := stats.Quantile(perRun[i], 0.5)
		if err != nil {
			return BlockProfile{}, fmt.Errorf("ONNX Runtime profile %s: block %s: median time: %w", path, b.Name, err)
		}
		prof.Blocks = append(prof.Blocks, BlockTiming{Block: b, MS: ms})
		prof.SumMS += ms
	}
	return prof, nil
}
