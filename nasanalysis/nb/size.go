package nb

import (
	"fmt"
	"os"
)

// SizeEnv is the environment variable that sets how big the notebooks' studies are:
// "small" (fewer seeds, generations and samples: what `make test` runs, so CI stays
// within its time budget) or "paper" (the scale the reports are written at, and the
// default). Every study states the size it ran at next to its results.
const SizeEnv = "NASANALYSIS_SIZE"

// Size is the study size named by SizeEnv: "small" or "paper" (also when unset). Any
// other value panics, failing the notebook's cell: a misspelt size must not silently
// run a study at a scale nobody asked for.
func Size() string {
	switch v := os.Getenv(SizeEnv); v {
	case "", "paper":
		return "paper"
	case "small":
		return "small"
	default:
		panic(fmt.Sprintf("%s=%q: want small or paper", SizeEnv, v))
	}
}

// BySize returns small when Size is "small" and paper otherwise, for the knobs of a study
// (seeds, population, generations, samples).
func BySize[T any](small, paper T) T {
	if Size() == "small" {
		return small
	}
	return paper
}
