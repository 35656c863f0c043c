// Package backend is the one place the project picks its GoMLX backend, and the host
// copies every GoMLX user needs. It imports only GoMLX's pure-Go backend: GoMLX's
// default backends would also register XLA, which downloads a PJRT plugin when no
// GOMLX_BACKEND is set, and nothing here may download at run time.
package backend

import (
	"fmt"
	"os"
	"sync"

	"github.com/gomlx/compute"
	"github.com/gomlx/compute/gobackend"
	"github.com/gomlx/gomlx/core/tensors"
)

// Get returns GoMLX's pure-Go backend in GoMLX's default configuration, created once:
// the one the latency package's GoMLX engine measures networks on, as its recorded files
// were measured.
func Get() compute.Backend { return gobackend.GetBackend() }

// Name is the GoMLX backend's name, with "(GOEXPERIMENT=simd)" when this build has
// GoMLX's SIMD matrix kernels: a latency measured on the GoMLX engine depends on which
// kernels ran, so measurements name it.
func Name() string {
	if SIMD {
		return Get().Name() + " (GOEXPERIMENT=simd)"
	}
	return Get().Name()
}

// PredictorConfig is the configuration of Predictors' backend unless
// $NASANALYSIS_GOBACKEND gives another (GoMLX's syntax: "" for its default,
// ops_parallel, parallelism=N, ...).
//
// ops_sequential runs a graph's operations one after another. By default GoMLX runs
// independent operations in parallel when nothing else executes, and our predictors'
// graphs are many small operations: on 400 NB201 cells here one MLP trained in 1.1 s
// instead of 1.7-2.1 s, and the GCN no slower (BenchmarkTrain400MLP and GCN, alternated
// with the build before the change), with a quarter less CPU time, which make test's
// other stream uses.
const PredictorConfig = "ops_sequential"

// EnvPredictorConfig names the variable that overrides PredictorConfig.
const EnvPredictorConfig = "NASANALYSIS_GOBACKEND"

// Predictors returns the backend that trains and evaluates the trainable predictors,
// created once with PredictorConfig or $NASANALYSIS_GOBACKEND. A configuration GoMLX
// does not know panics, naming it: there is no backend to return.
func Predictors() compute.Backend { return predictors() }

var predictors = sync.OnceValue(func() compute.Backend {
	config := PredictorConfig
	if c, ok := os.LookupEnv(EnvPredictorConfig); ok {
		config = c
	}
	b, err := gobackend.New(config)
	if err != nil {
		panic(fmt.Sprintf("$%s=%q: %v", EnvPredictorConfig, config, err))
	}
	return b
})

// Float32Rows converts rows of numbers to float32, checking every row has width numbers.
func Float32Rows(X [][]float64, width int) ([][]float32, error) {
	out := make([][]float32, len(X))
	for i, x := range X {
		if len(x) != width {
			return nil, fmt.Errorf("encoding %d has %d features, want %d", i, len(x), width)
		}
		out[i] = make([]float32, width)
		for j, v := range x {
			out[i][j] = float32(v)
		}
	}
	return out, nil
}

// Float64s copies a float32 tensor's values to the host as float64.
func Float64s(t *tensors.Tensor) []float64 {
	flat := tensors.MustCopyFlatData[float32](t)
	out := make([]float64, len(flat))
	for i, v := range flat {
		out[i] = float64(v)
	}
	return out
}
