package latency

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"time"

	"github.com/nasanalysis/nasanalysis/nasanalysis/arch"
	"github.com/nasanalysis/nasanalysis/nasanalysis/ort"
	"github.com/nasanalysis/nasanalysis/nasanalysis/stats"
)

// PairedProtocol times a network in short alternation with a fixed reference network,
// so that what the host's speed does to one it does to the other: a round is Burst
// runs of the network then Burst runs of the reference, and the round's ratio is the
// median of the network's runs over the median of the reference's. Rounds repeat until
// the 95 % interval of the median ratio (distribution-free, as the median's in
// Protocol) is within TargetCI of it on each side, at least MinRounds and at most
// MaxRounds. A host that slows down by half between rounds moves the milliseconds by
// half and the ratio not at all; only a change within one round's few milliseconds
// reaches the ratio. Warmup, Threads, OptLevel and Seed are Protocol's, for both
// networks.
type PairedProtocol struct {
	Protocol
	Burst                int
	MinRounds, MaxRounds int
	TargetCI             float64 // on the ratio, e.g. 0.01: stop at ±1 %
}

// DefaultPaired is 3 runs of each network per round, 8 to 60 rounds, until the ratio is
// known to ±1 %, on one thread with every graph optimisation.
var DefaultPaired = PairedProtocol{Protocol: DefaultProtocol, Burst: 3, MinRounds: 8, MaxRounds: 60, TargetCI: 0.01}

// Check reports an unusable protocol.
func (p PairedProtocol) Check() error {
	if p.Warmup < 0 || p.Burst < 1 || p.MinRounds < 2 || p.MaxRounds < p.MinRounds || !(p.TargetCI >= 0 && p.TargetCI < 1) || p.Threads < 0 || p.OptLevel < 0 || p.OptLevel > 3 {
		return fmt.Errorf("paired measurement protocol %+v: need warm-up >= 0, burst >= 1, 2 <= min rounds <= max rounds, target CI in [0, 1), threads >= 0 and optimisation level 0..3", p)
	}
	return nil
}

// PairedTiming is one network timed against the reference. Net and Ref summarise all
// their timed runs (raw milliseconds, which move with the host); Ratio is the median
// over rounds of the per-round ratio network/reference, with its 95 % interval
// [RatioLo, RatioHi]; RefRoundMS are the reference's per-round medians, from which a
// run's calm reference time is drawn (CalmMS).
type PairedTiming struct {
	Net, Ref                Timing
	Ratio, RatioLo, RatioHi float64
	Rounds                  int
	RefRoundMS              []float64
}

// RelCI is the ratio interval's half-width over the ratio.
func (t PairedTiming) RelCI() float64 { return (t.RatioHi - t.RatioLo) / 2 / t.Ratio }

// Runner runs one network once per call to Run (an ONNX Runtime session, or a fake in
// tests).
type Runner interface {
	Run() error
	Close() error
}

// Clock reads a monotonic time: the elapsed time since some fixed start.
type Clock func() time.Duration

// WallClock is the host's monotonic clock.
func WallClock() Clock {
	start := time.Now()
	return func() time.Duration { return time.Since(start) }
}

// TimePaired applies the protocol to a network and its reference, already opened.
func TimePaired(net, ref Runner, p PairedProtocol, clock Clock) (PairedTiming, error) {
	if err := p.Check(); err != nil {
		return PairedTiming{}, err
	}
	for range p.Warmup {
		if err := net.Run(); err != nil {
			return PairedTiming{}, err
		}
		if err := ref.Run(); err != nil {
			return PairedTiming{}, err
		}
	}
	burst := func(r Runner, all *[]float64) (float64, error) {
		ms := make([]float64, p.Burst)
		for i := range ms {
			start := clock()
			if err := r.Run(); err != nil {
				return 0, err
			}
			ms[i] = float64(clock()-start) / float64(time.Millisecond)
		}
		*all = append(*all, ms...)
		return stats.Quantile(ms, 0.5)
	}
	var netMS, refMS, ratios, refRounds []float64
	for len(ratios) < p.MaxRounds {
		n, err := burst(net, &netMS)
		if err != nil {
			return PairedTiming{}, err
		}
		r, err := burst(ref, &refMS)
		if err != nil {
			return PairedTiming{}, err
		}
		if !(r > 0) {
			return PairedTiming{}, fmt.Errorf("paired timing: the reference's round median is %v ms, want > 0", r)
		}
		ratios, refRounds = append(ratios, n/r), append(refRounds, r)
		if len(ratios) < p.MinRounds {
			continue
		}
		if s, err := ratioSummary(ratios); err != nil {
			return PairedTiming{}, err
		} else if s.RelCI() <= p.TargetCI {
			break
		}
	}
	t, err := ratioSummary(ratios)
	if err != nil {
		return PairedTiming{}, err
	}
	if t.Net, err = summarise(netMS, p.Warmup); err != nil {
		return PairedTiming{}, err
	}
	if t.Ref, err = summarise(refMS, p.Warmup); err != nil {
		return PairedTiming{}, err
	}
	t.RefRoundMS = refRounds
	return t, nil
}

// ratioSummary is the median of the per-round ratios with its distribution-free 95 %
// interval.
func ratioSummary(ratios []float64) (PairedTiming, error) {
	s := slices.Clone(ratios)
	slices.Sort(s)
	med, err := stats.Quantile(s, 0.5)
	if err != nil {
		return PairedTiming{}, fmt.Errorf("paired timing: %w", err)
	}
	lo, hi := medianCI(s)
	return PairedTiming{Ratio: med, RatioLo: lo, RatioHi: hi, Rounds: len(s)}, nil
}

// CalmQuantile places a run's calm reference time among the reference's round medians:
// its 10th percentile, the time the host gives the reference when little else runs.
const CalmQuantile = 0.1

// CalmMS is the calm reference time of a run: the CalmQuantile quantile of the
// reference's round medians over the run (every network's rounds together). A
// network's scaled time is its ratio times CalmMS: its latency on this host as it runs
// when calm.
func CalmMS(refRoundMS []float64) (float64, error) {
	if len(refRoundMS) == 0 {
		return 0, fmt.Errorf("calm reference time: no reference round")
	}
	return stats.Quantile(refRoundMS, CalmQuantile)
}

// Opener opens a network for repeated runs (ORT and GoMLX do).
type Opener interface {
	Open(a arch.Arch, p Protocol) (Runner, error)
}

// MeasurePaired opens a and ref with the engine and times them with the protocol on
// the host's clock.
func MeasurePaired(e Opener, a, ref arch.Arch, p PairedProtocol) (PairedTiming, error) {
	net, err := e.Open(a, p.Protocol)
	if err != nil {
		return PairedTiming{}, err
	}
	defer net.Close()
	r, err := e.Open(ref, p.Protocol)
	if err != nil {
		return PairedTiming{}, fmt.Errorf("reference %s: %w", ref, err)
	}
	defer r.Close()
	return TimePaired(net, r, p, WallClock())
}

// funcRunner is a Runner of two functions: an ONNX Runtime session's, or a GoMLX
// executable's.
type funcRunner struct{ run, close func() error }

func (r funcRunner) Run() error   { return r.run() }
func (r funcRunner) Close() error { return r.close() }

// Open builds a network's ONNX session for repeated runs.
func (e *ORT) Open(a arch.Arch, p Protocol) (Runner, error) {
	s, _, err := e.session(a, p, "")
	if err != nil {
		return nil, err
	}
	return funcRunner{run: s.Run, close: func() error { _, err := s.Close(); return err }}, nil
}

// ReferenceArch is the fixed reference network a space's networks are timed against at
// resolution res: the space's middle network (every block kernel 5, expand 4, every
// stage 3 deep, for the OFA mobile spaces at their default width; every bottleneck
// expand 0.25, stage depth 1, width index 1 and the full input stem, depth 2, for
// OFA-ResNet50), as the measured files
// record it in ref_arch. It is fixed per space and resolution so that ratios measured
// in different runs compare.
func ReferenceArch(space string, res int) (arch.Arch, error) {
	rep := func(v string, n int) string { return strings.TrimSuffix(strings.Repeat(v+",", n), ",") }
	switch space {
	case arch.OFAMBv3, arch.ProxylessNAS:
		return arch.Parse(space, fmt.Sprintf(`{"ks":[%s],"e":[%s],"d":[%s],"r":%d}`, rep("5", 20), rep("4", 20), rep("3", 5), res))
	case arch.OFAResNet50:
		return arch.Parse(space, fmt.Sprintf(`{"d":[2,%s],"e":[%s],"w":[%s],"r":%d}`, rep("1", 4), rep("0.25", 18), rep("1", 6), res))
	}
	return nil, fmt.Errorf("no reference network for %q (spaces measured here: %s, %s, %s)", space, arch.OFAMBv3, arch.ProxylessNAS, arch.OFAResNet50)
}

// ReferenceAt is ReferenceArch at a supernet width (0: the space's default) for the
// mobile spaces.
func ReferenceAt(space string, width float64, res int) (arch.Arch, error) {
	ref, err := ReferenceArch(space, res)
	if mb, ok := ref.(arch.MBArch); ok && err == nil && width != 0 {
		mb.W = width
		ref = mb
	}
	return ref, err
}

// ReferenceFor is the reference network a network of the space is timed against under
// the paired protocol: the space's middle network (ReferenceArch) at the network's own
// resolution and width.
func ReferenceFor(space string, a arch.Arch) (arch.Arch, error) {
	width := 0.0
	if mb, ok := a.(arch.MBArch); ok {
		width = mb.W
	}
	res, ok := arch.InputResolution(a)
	if !ok {
		return nil, fmt.Errorf("no reference network for %s: its input resolution is not known", a)
	}
	return ReferenceAt(space, width, res)
}

// OpenNetwork opens an ONNX network for repeated runs (a lookup table's operator), its
// input filled with the protocol's seeded normal values.
func (e *ORT) OpenNetwork(net *Network, p Protocol) (Runner, error) {
	if err := p.Check(); err != nil {
		return nil, err
	}
	s, err := ort.NewSession(net.Model, net.InShape, net.OutShape, ort.Options{Threads: p.Threads, OptLevel: p.OptLevel})
	if err != nil {
		return nil, err
	}
	in := s.Input()
	rng := rand.New(rand.NewPCG(p.Seed, 3))
	for i := range in {
		in[i] = float32(rng.NormFloat64())
	}
	return funcRunner{run: s.Run, close: func() error { _, err := s.Close(); return err }}, nil
}
