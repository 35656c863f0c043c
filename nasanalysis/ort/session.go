//go:build cgo

package ort

import (
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"sync"

	ortgo "github.com/yalue/onnxruntime_go"
)

var (
	initOnce sync.Once
	initErr  error
	libPath  string
)

// Init loads the library (LibraryPath) and creates ONNX Runtime's environment once per
// process, with telemetry disabled. Later calls return the first call's result.
func Init() error {
	initOnce.Do(func() {
		// Before the environment exists, or the library phones home (see the package doc).
		if initErr = os.Setenv("ORT_DISABLE_TELEMETRY", "1"); initErr != nil {
			return
		}
		if libPath, initErr = LibraryPath(); initErr != nil {
			return
		}
		ortgo.SetSharedLibraryPath(libPath)
		if err := ortgo.InitializeEnvironment(ortgo.WithLogLevelError()); err != nil {
			initErr = fmt.Errorf("ONNX Runtime from %s: %w", libPath, err)
		}
	})
	return initErr
}

// RuntimeVersion is the version the loaded library reports.
func RuntimeVersion() string { return ortgo.GetVersion() }

// LoadedLibrary is the path of the library Init loaded.
func LoadedLibrary() string { return libPath }

// Options are the session settings a measurement records.
type Options struct {
	Threads int // intra-op threads; 0 lets ONNX Runtime choose (all cores)
	// OptLevel is ONNX Runtime's graph optimisation level: 0 none, 1 basic, 2
	// extended, 3 all (the default for deployment).
	OptLevel int
	// ProfilePrefix, when set, turns on ONNX Runtime's per-node profiling; the JSON
	// trace is written when the session is closed (Session.Close returns its path).
	ProfilePrefix string
}

var optLevels = []ortgo.GraphOptimizationLevel{ortgo.GraphOptimizationLevelDisableAll, ortgo.GraphOptimizationLevelEnableBasic,
	ortgo.GraphOptimizationLevelEnableExtended, ortgo.GraphOptimizationLevelEnableAll}

// Session is one model loaded for repeated runs with one float32 input and output.
type Session struct {
	s       *ortgo.AdvancedSession
	in, out *ortgo.Tensor[float32]
	opts    Options
}

// NewSession loads an ONNX model whose input "input" and output "output" have the
// given shapes.
func NewSession(model []byte, inShape, outShape []int64, opts Options) (*Session, error) {
	if err := Init(); err != nil {
		return nil, err
	}
	if opts.OptLevel < 0 || opts.OptLevel >= len(optLevels) {
		return nil, fmt.Errorf("graph optimisation level %d, want 0..3", opts.OptLevel)
	}
	so, err := ortgo.NewSessionOptions()
	if err != nil {
		return nil, err
	}
	defer so.Destroy()
	if err := so.SetIntraOpNumThreads(opts.Threads); err != nil {
		return nil, err
	}
	if err := so.SetInterOpNumThreads(1); err != nil {
		return nil, err
	}
	if err := so.SetGraphOptimizationLevel(optLevels[opts.OptLevel]); err != nil {
		return nil, err
	}
	if opts.ProfilePrefix != "" {
		if err := so.EnableProfiling(opts.ProfilePrefix); err != nil {
			return nil, err
		}
	}
	in, err := ortgo.NewEmptyTensor[float32](ortgo.NewShape(inShape...))
	if err != nil {
		return nil, err
	}
	out, err := ortgo.NewEmptyTensor[float32](ortgo.NewShape(outShape...))
	if err != nil {
		in.Destroy()
		return nil, err
	}
	s, err := ortgo.NewAdvancedSessionWithONNXData(model, []string{"input"}, []string{"output"},
		[]ortgo.Value{in}, []ortgo.Value{out}, so)
	if err != nil {
		in.Destroy()
		out.Destroy()
		return nil, err
	}
	return &Session{s: s, in: in, out: out, opts: opts}, nil
}

// Input is the input tensor's data, to fill before Run.
func (s *Session) Input() []float32 { return s.in.GetData() }

// Run runs the model once; Output then holds the result.
func (s *Session) Run() error { return s.s.Run() }

// Output is the output tensor's data after Run.
func (s *Session) Output() []float32 { return s.out.GetData() }

// Close releases the session and its tensors. With profiling on, ONNX Runtime writes
// the trace as the session is released (the binding has no EndProfiling), as
// <ProfilePrefix>_<timestamp>.json, and Close returns its path.
func (s *Session) Close() (profile string, err error) {
	s.s.Destroy()
	s.in.Destroy()
	s.out.Destroy()
	if s.opts.ProfilePrefix == "" {
		return "", nil
	}
	matches, err := filepath.Glob(s.opts.ProfilePrefix + "*.json")
	if err != nil || len(matches) == 0 {
		return "", fmt.Errorf("no ONNX Runtime profile %s*.json after closing the session (%v)", s.opts.ProfilePrefix, err)
	}
	sort.Strings(matches) // the timestamp suffix sorts in time order
	return matches[len(matches)-1], nil
}
