package latency

import (
	"fmt"
	"math"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/nasanalysis/nasanalysis/nasanalysis/arch"
	"github.com/nasanalysis/nasanalysis/nasanalysis/datatest"
)

// A hand-made trace of two runs: block a's nodes take 1+2 and 3+1 ms and the unnamed
// reorder after them 0.5 ms (counted to a), block b 4 and 6 ms, the runs 10 and 12 ms;
// each node's time runs to the next node's start (here back to back), the last's is
// its duration.
func TestBlockTimesByHand(t *testing.T) {
	ev := []profileEvent{
		{Cat: "Session", Name: "model_run", TS: 0, Dur: 10000},
		{Cat: "Node", Name: "a/Conv1_kernel_time", TS: 100, Dur: 1000},
		{Cat: "Node", Name: "a/Relu2_kernel_time", TS: 1100, Dur: 2000},
		{Cat: "Node", Name: "ReorderOutput_kernel_time", TS: 3100, Dur: 500},
		{Cat: "Node", Name: "b/Conv3_fence_before", TS: 3600, Dur: 0},
		{Cat: "Node", Name: "b/Conv3_kernel_time", TS: 3600, Dur: 4000},
		{Cat: "Session", Name: "model_run", TS: 20000, Dur: 12000},
		{Cat: "Node", Name: "a/Conv1_kernel_time", TS: 20100, Dur: 3000},
		{Cat: "Node", Name: "a/Relu2_kernel_time", TS: 23100, Dur: 1000},
		{Cat: "Node", Name: "ReorderOutput_kernel_time", TS: 24100, Dur: 500},
		{Cat: "Node", Name: "b/Conv3_kernel_time", TS: 24600, Dur: 6000},
	}
	p, err := blockTimes(ev, []Block{{Name: "a"}, {Name: "b"}}, 2, "trace")
	if err != nil {
		t.Fatal(err)
	}
	// a: 3.5 and 4.5 ms -> median 4; b: 4 and 6 -> 5; runs 10 and 12 -> 11.
	if p.Blocks[0].MS != 4 || p.Blocks[1].MS != 5 || p.SumMS != 9 || p.RunMS != 11 {
		t.Errorf("got a %v, b %v, sum %v, run %v; want 4, 5, 9, 11", p.Blocks[0].MS, p.Blocks[1].MS, p.SumMS, p.RunMS)
	}
	if _, err := blockTimes(ev, []Block{{Name: "a"}}, 2, "trace"); err == nil {
		t.Error("a node of an unknown block was accepted")
	}
	if _, err := blockTimes(ev, []Block{{Name: "a"}, {Name: "b"}}, 3, "trace"); err == nil {
		t.Error("a trace with 2 runs passed as 3")
	}
}

// On a real network every block has a time and the blocks add up to the profiled
// end-to-end time within 10 % (the rest is the executor's work between nodes). A host
// busy on its other core stretches some profiled runs and not others, and the blocks'
// medians then drift from the runs' median (45 % apart, seen with a measurement running
// beside the tests): each network gets three attempts, and one that adds up is enough.
func TestProfileBlocksAddUp(t *testing.T) {
	e, err := NewEngine(EngineORT)
	datatest.CheckORT(t, err)
	rng := rand.New(rand.NewPCG(3, 3))
	for _, a := range []arch.Arch{arch.MBv3.Sample(rng, 0), arch.Proxyless.Sample(rng, 0), arch.SampleResNet(rng)} {
		var gaps []string
		for attempt := 0; attempt < 3; attempt++ {
			p, err := e.(*ORT).ProfileBlocks(a, DefaultProtocol, 10)
			if err != nil {
				t.Fatal(err)
			}
			for _, b := range p.Blocks {
				if !(b.MS > 0) {
					t.Errorf("%s: block %s has time %v", a, b.Name, b.MS)
				}
			}
			gap := math.Abs(p.RunMS-p.SumMS) / p.RunMS
			if gap <= 0.1 {
				t.Logf("%T: %d blocks sum to %.3f ms of %.3f ms per run (%.1f %%)", a, len(p.Blocks), p.SumMS, p.RunMS, 100*p.SumMS/p.RunMS)
				gaps = nil
				break
			}
			gaps = append(gaps, fmt.Sprintf("%.3f of %.3f ms (%.0f %% apart)", p.SumMS, p.RunMS, 100*gap))
		}
		if gaps != nil {
			t.Errorf("%s: in 3 attempts the blocks never added up to the run within 10 %%: %s", a, strings.Join(gaps, "; "))
		}
	}
}
