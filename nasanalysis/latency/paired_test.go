package latency

import (
	"math"
	"strings"
	"testing"
	"time"

	"github.com/nasanalysis/nasanalysis/nasanalysis/arch"
	"github.com/nasanalysis/nasanalysis/nasanalysis/datatest"
)

// slowHost is a simulated host whose speed changes: every run costs its base time
// times the host's slowdown at that moment, on one shared fake clock.
type slowHost struct {
	now      time.Duration
	slowdown func(now time.Duration) float64
}

func (h *slowHost) clock() time.Duration { return h.now }

// fakeRunner is a network of base time ms on the host.
type fakeRunner struct {
	h    *slowHost
	base time.Duration
	runs int
}

func (f *fakeRunner) Run() error {
	f.runs++
	f.h.now += time.Duration(float64(f.base) * f.h.slowdown(f.h.now))
	return nil
}
func (f *fakeRunner) Close() error { return nil }

// On a host that runs at full speed for 300 ms, then at half speed, then at a third:
// the network (4 ms) over the reference (8 ms) stays at 0.5 within rounding while the
// milliseconds of either double and triple.
func TestTimePairedCancelsHostSpeed(t *testing.T) {
	h := &slowHost{slowdown: func(now time.Duration) float64 {
		switch {
		case now < 300*time.Millisecond:
			return 1
		case now < 900*time.Millisecond:
			return 2
		}
		return 3
	}}
	net, ref := &fakeRunner{h: h, base: 4 * time.Millisecond}, &fakeRunner{h: h, base: 8 * time.Millisecond}
	p := PairedProtocol{Protocol: Protocol{Warmup: 1}, Burst: 3, MinRounds: 20, MaxRounds: 20, TargetCI: 0.01}
	pt, err := TimePaired(net, ref, p, h.clock)
	if err != nil {
		t.Fatal(err)
	}
	if math.Abs(pt.Ratio-0.5) > 1e-9 || math.Abs(pt.RatioLo-0.5) > 1e-9 || math.Abs(pt.RatioHi-0.5) > 1e-9 {
		t.Errorf("ratio %v [%v, %v], want 0.5 exactly: the host's speed cancels", pt.Ratio, pt.RatioLo, pt.RatioHi)
	}
	if pt.Rounds != 20 || net.runs != 1+20*3 || ref.runs != 1+20*3 || pt.Net.Repeats != 60 || len(pt.RefRoundMS) != 20 {
		t.Errorf("rounds %d, runs %d and %d, repeats %d, reference rounds %d; want 20, 61, 61, 60, 20", pt.Rounds, net.runs, ref.runs, pt.Net.Repeats, len(pt.RefRoundMS))
	}
	// The milliseconds move: the network ran at 4, 8 and 12 ms.
	if pt.Net.MinMS != 4 || pt.Net.MaxMS != 12 || pt.Ref.MinMS != 8 || pt.Ref.MaxMS != 24 {
		t.Errorf("network %v-%v ms, reference %v-%v ms; want 4-12 and 8-24", pt.Net.MinMS, pt.Net.MaxMS, pt.Ref.MinMS, pt.Ref.MaxMS)
	}
	// The calm reference time is the low quantile of the reference's round medians:
	// the first 8 rounds (36 ms each, after a 12 ms warm-up) ran at 8 ms, so the 10th
	// percentile of the 20 rounds is 8 ms.
	calm, err := CalmMS(pt.RefRoundMS)
	if err != nil || calm != 8 {
		t.Errorf("calm reference %v ms (%v), want 8", calm, err)
	}
	// The scaled time, ratio x calm reference, is the network's calm 4 ms; timed alone
	// once the host has slowed (from 500 ms on), its median is 8 ms.
	if scaled := pt.Ratio * calm; math.Abs(scaled-4) > 1e-9 {
		t.Errorf("scaled %v ms, want 4", scaled)
	}
	h2 := &slowHost{now: 500 * time.Millisecond, slowdown: h.slowdown}
	alone := &fakeRunner{h: h2, base: 4 * time.Millisecond}
	if med := medianOfRuns(t, h2, alone, 60); med != 8 {
		t.Errorf("alone on the slowed host, median %v ms, want 8", med)
	}
}

// medianOfRuns times n runs of r on h's clock and returns their median.
func medianOfRuns(t *testing.T, h *slowHost, r *fakeRunner, n int) float64 {
	t.Helper()
	var ms []float64
	for range n {
		start := h.clock()
		_ = r.Run()
		ms = append(ms, float64(h.clock()-start)/float64(time.Millisecond))
	}
	tm, err := summarise(ms, 0)
	if err != nil {
		t.Fatal(err)
	}
	return tm.MedianMS
}

// A ratio that stays noisy stops at MaxRounds; a steady one at MinRounds.
func TestTimePairedStopping(t *testing.T) {
	h := &slowHost{slowdown: func(time.Duration) float64 { return 1 }}
	net, ref := &fakeRunner{h: h, base: 3 * time.Millisecond}, &fakeRunner{h: h, base: 6 * time.Millisecond}
	p := PairedProtocol{Burst: 2, MinRounds: 5, MaxRounds: 40, TargetCI: 0.01}
	pt, err := TimePaired(net, ref, p, h.clock)
	if err != nil || pt.Rounds != 5 || pt.Ratio != 0.5 {
		t.Errorf("steady host: %d rounds, ratio %v (%v); want 5 and 0.5", pt.Rounds, pt.Ratio, err)
	}
	k := 0
	jitter := &slowHost{slowdown: func(time.Duration) float64 { k++; return 1 + 0.5*float64(k%7)/7 }}
	n2, r2 := &fakeRunner{h: jitter, base: 3 * time.Millisecond}, &fakeRunner{h: jitter, base: 6 * time.Millisecond}
	p.TargetCI = 1e-6
	if pt, err := TimePaired(n2, r2, p, jitter.clock); err != nil || pt.Rounds != 40 {
		t.Errorf("jittery host, unreachable target: %d rounds (%v), want 40", pt.Rounds, err)
	}
	if _, err := TimePaired(net, ref, PairedProtocol{Burst: 0, MinRounds: 5, MaxRounds: 4}, h.clock); err == nil {
		t.Error("an unusable protocol was accepted")
	}
	if _, err := CalmMS(nil); err == nil {
		t.Error("a calm time of no rounds")
	}
}

// The reference networks parse, are the middle networks, and refuse a space without one.
func TestReferenceArch(t *testing.T) {
	for _, c := range []struct {
		space string
		res   int
		want  string
	}{{arch.OFAMBv3, 224, `"d":[3,3,3,3,3],"r":224`}, {arch.ProxylessNAS, 160, `"d":[3,3,3,3,3],"r":160`}, {arch.OFAResNet50, 192, `"d":[2,1,1,1,1]`}} {
		a, err := ReferenceArch(c.space, c.res)
		if err != nil || !strings.Contains(a.String(), c.want) {
			t.Errorf("%s at %d: %v (%v), want it to contain %s", c.space, c.res, a, err, c.want)
		}
	}
	if _, err := ReferenceArch(arch.NB201, 32); err == nil {
		t.Error("a reference for nb201")
	}
}

// On ONNX Runtime: a network against itself has a ratio near 1, and the largest
// network against the reference one well above 1, each ratio's interval around it.
func TestMeasurePairedORT(t *testing.T) {
	e, err := NewEngine(EngineORT)
	datatest.CheckORT(t, err)
	ref, err := ReferenceArch(arch.OFAMBv3, 160)
	if err != nil {
		t.Fatal(err)
	}
	p := DefaultPaired
	p.MaxRounds = 20
	self, err := MeasurePaired(e.(*ORT), ref, ref, p)
	if err != nil {
		t.Fatal(err)
	}
	if math.Abs(self.Ratio-1) > 0.1 || !(self.RatioLo <= self.Ratio && self.Ratio <= self.RatioHi) {
		t.Errorf("the reference against itself: ratio %v [%v, %v], want about 1", self.Ratio, self.RatioLo, self.RatioHi)
	}
	big, _ := arch.Parse(arch.OFAMBv3, `{"ks":[7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7,7],"e":[6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6,6],"d":[4,4,4,4,4],"r":160}`)
	large, err := MeasurePaired(e.(*ORT), big, ref, p)
	if err != nil {
		t.Fatal(err)
	}
	if !(large.Ratio > 1.5) {
		t.Errorf("the largest network against the middle one: ratio %v, want well above 1", large.Ratio)
	}
	t.Logf("self %.3f [%.3f, %.3f] in %d rounds; largest %.3f [%.3f, %.3f] in %d rounds", self.Ratio, self.RatioLo, self.RatioHi, self.Rounds, large.Ratio, large.RatioLo, large.RatioHi, large.Rounds)
}
