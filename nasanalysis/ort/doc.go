// Package ort runs ONNX models with ONNX Runtime, the engine mobile networks are
// deployed with on CPUs, through its official shared library and the cgo binding
// github.com/yalue/onnxruntime_go.
//
// The library is not part of this repository: scripts/setup.sh takes it from the npm
// package onnxruntime-node@1.30.0, checks its SHA-256 (LibrarySHA256) and installs it
// at DefaultLibraryPath (~/.cache/nasanalysis/onnxruntime/1.30.0/libonnxruntime.so.1);
// $NASANALYSIS_ORT_LIB overrides the path. When it is missing, Init's error says how to
// get it, and wraps fs.ErrNotExist so tests can skip (unless NASANALYSIS_REQUIRE_ORT=1).
//
// ONNX Runtime's official build sends telemetry unless ORT_DISABLE_TELEMETRY=1 is in
// the environment when its environment is created; Init always sets it, so no run
// writes /tmp/mat-debug-*.log, /tmp/.ses or ~/.cache/Microsoft, nor looks up
// Microsoft's events host.
//
// The cgo code builds under the cgo build constraint; without cgo (CGO_ENABLED=0) Init
// returns an error and everything else in the project still builds.
package ort
