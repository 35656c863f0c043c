package latency

import (
	"fmt"
	"math/rand/v2"
	"strings"

	. "github.com/gomlx/gomlx/core/graph"
	"github.com/gomlx/gomlx/core/tensors"

	"github.com/nasanalysis/nasanalysis/nasanalysis/arch"
	"github.com/nasanalysis/nasanalysis/nasanalysis/internal/backend"
	"github.com/nasanalysis/nasanalysis/nasanalysis/ort"
)

// Engine names, as the command line's --engine and the measured files' engine column
// spell them.
const (
	EngineORT   = "onnxruntime"
	EngineGoMLX = "gomlx"
)

// Engine runs networks of the OFA design spaces and times them with a Protocol.
type Engine interface {
	Name() string
	// Version and LibrarySHA256 identify the engine in a measurement's provenance.
	Version() string
	LibrarySHA256() string
	Measure(a arch.Arch, p Protocol) (Timing, error)
}

// NewEngine returns the named engine. ONNX Runtime's error, when its library is
// missing, says how to install it or to choose gomlx; it is never replaced silently,
// since the two engines' numbers differ by orders of magnitude.
func NewEngine(name string) (Engine, error) {
	switch name {
	case EngineORT, "ort":
		if err := ort.Init(); err != nil {
			return nil, err
		}
		sum, err := ort.FileSHA256(ort.LoadedLibrary())
		if err != nil {
			return nil, err
		}
		return &ORT{sha: sum}, nil
	case EngineGoMLX:
		return GoMLX{}, nil
	}
	return nil, fmt.Errorf("unknown engine %q (want %s or %s)", name, EngineORT, EngineGoMLX)
}

// ORT runs ONNX networks (ONNXNetwork) with ONNX Runtime on the CPU.
type ORT struct{ sha string }

// Name is EngineORT.
func (*ORT) Name() string { return EngineORT }

// Version is the loaded library's version.
func (*ORT) Version() string { return ort.RuntimeVersion() }

// LibrarySHA256 is the loaded library's checksum.
func (e *ORT) LibrarySHA256() string { return e.sha }

// inputFor fills an NCHW input with the protocol's seeded normal values (the same
// values, in channels-last order, as the GoMLX engine's input).
func inputFor(in []float32, r int, seed uint64) {
	rng := rand.New(rand.NewPCG(seed, 3))
	for y := range r {
		for x := range r {
			for c := range 3 {
				in[(c*r+y)*r+x] = float32(rng.NormFloat64())
			}
		}
	}
}

func (e *ORT) session(a arch.Arch, p Protocol, profile string) (*ort.Session, *Network, error) {
	if err := p.Check(); err != nil {
		return nil, nil, err
	}
	net, err := ONNXNetwork(a, p.Seed)
	if err != nil {
		return nil, nil, err
	}
	s, err := ort.NewSession(net.Model, net.InShape, net.OutShape, ort.Options{Threads: p.Threads, OptLevel: p.OptLevel, ProfilePrefix: profile})
	if err != nil {
		return nil, nil, fmt.Errorf("%s: %w", a, err)
	}
	inputFor(s.Input(), int(net.InShape[2]), p.Seed)
	return s, net, nil
}

// Measure times a network end to end.
func (e *ORT) Measure(a arch.Arch, p Protocol) (Timing, error) {
	s, _, err := e.session(a, p, "")
	if err != nil {
		return Timing{}, err
	}
	defer s.Close()
	return timeRuns(p, s.Run)
}

// GoMLX runs networks as GoMLX graphs on the pure-Go backend (no cgo, no library).
type GoMLX struct{}

// Name is EngineGoMLX.
func (GoMLX) Name() string { return EngineGoMLX }

// Version is GoMLX's backend name, and whether its SIMD kernels ran (backend.Name).
func (GoMLX) Version() string { return backend.Name() }

// LibrarySHA256 is empty: GoMLX is compiled in.
func (GoMLX) LibrarySHA256() string { return "" }

// Measure times a network end to end; the protocol's Threads and OptLevel do not apply.
func (g GoMLX) Measure(a arch.Arch, p Protocol) (Timing, error) {
	if err := p.Check(); err != nil {
		return Timing{}, err
	}
	r, err := g.Open(a, p)
	if err != nil {
		return Timing{}, err
	}
	defer r.Close()
	return timeRuns(p, r.Run)
}

// Open compiles a network's GoMLX graph for repeated runs, each one inference on the
// protocol's seeded input waited for on the host.
func (GoMLX) Open(a arch.Arch, p Protocol) (Runner, error) {
	if err := a.Validate(); err != nil {
		return nil, err
	}
	var build func(x *Node) *Node
	var r int
	switch a := a.(type) {
	case arch.MBArch:
		build, r = buildMB(a, p.Seed), a.R
	case arch.ResNetArch:
		build, r = buildResNet(a, p.Seed), a.R
	default:
		return nil, fmt.Errorf("no GoMLX network for %T", a)
	}
	exec, err := NewExec(backend.Get(), build)
	if err != nil {
		return nil, err
	}
	nchw := make([]float32, 3*r*r)
	inputFor(nchw, r, p.Seed)
	nhwc := make([]float32, len(nchw))
	for y := range r {
		for x := range r {
			for c := range 3 {
				nhwc[(y*r+x)*3+c] = nchw[(c*r+y)*r+x]
			}
		}
	}
	in := tensors.FromFlatDataAndDimensions(nhwc, 1, r, r, 3)
	return funcRunner{run: func() error {
		out, err := exec.Call1(in)
		if err != nil {
			return err
		}
		_ = tensors.MustCopyFlatData[float32](out) // wait for the result on the host
		out.FinalizeAll()
		return nil
	}, close: func() error { exec.Finalize(); return nil }}, nil
}

// blockOf is the block a profiled node belongs to: the prefix of its name before "/"
// (see Network), or "" for nodes the optimiser added without one.
func blockOf(node string) string {
	b, _, ok := strings.Cut(node, "/")
	if !ok {
		return ""
	}
	return b
}
