//go:build !cgo

package ort

import "errors"

var errNoCgo = errors.New("ONNX Runtime needs cgo: this binary was built with CGO_ENABLED=0; rebuild with cgo or measure with --engine gomlx")

// Init fails: without cgo the library cannot be loaded.
func Init() error { return errNoCgo }

// RuntimeVersion is empty without cgo.
func RuntimeVersion() string { return "" }

// LoadedLibrary is empty without cgo.
func LoadedLibrary() string { return "" }

// Options are the session settings a measurement records.
type Options struct {
	Threads       int
	OptLevel      int
	ProfilePrefix string
}

// Session cannot be created without cgo.
type Session struct{}

// NewSession fails without cgo.
func NewSession(model []byte, inShape, outShape []int64, opts Options) (*Session, error) {
	return nil, errNoCgo
}

// Input is nil without cgo.
func (s *Session) Input() []float32 { return nil }

// Run fails without cgo.
func (s *Session) Run() error { return errNoCgo }

// Output is nil without cgo.
func (s *Session) Output() []float32 { return nil }

// Close does nothing without cgo.
func (s *Session) Close() (string, error) { return "", nil }
