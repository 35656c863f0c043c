//go:build pins

// Package nasanalysis is the repository root. This file is never built; it keeps the
// GoMLX pure-Go backend in go.mod (through `go mod tidy`) until the predictor and
// latency packages import it, so every notebook resolves the same pinned version.
package nasanalysis

import (
	_ "github.com/gomlx/compute/gobackend"
	_ "github.com/gomlx/gomlx/core/graph"
)
