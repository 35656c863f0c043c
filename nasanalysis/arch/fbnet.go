package arch

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
)

// FBNetChoices lists the per-layer choices of the FBNet space as HW-NAS-Bench writes
// them: kernel, expand ratio, and g2 for a grouped 1x1 convolution.
var FBNetChoices = []string{"k3_e1", "k3_e1_g2", "k3_e3", "k3_e6", "k5_e1", "k5_e1_g2", "k5_e3", "k5_e6", "skip"}

// FBNetLayers is the number of searchable layers of the FBNet macro network.
const FBNetLayers = 22

// FBNetArch is an FBNet network: the index into FBNetChoices of each searchable layer.
// Its text form joins the choice names with '-'.
type FBNetArch [FBNetLayers]uint8

// ParseFBNet reads the '-'-joined layer list HW-NAS-Bench uses.
func ParseFBNet(s string) (FBNetArch, error) {
	var a FBNetArch
	layers := strings.Split(s, "-")
	if len(layers) != FBNetLayers {
		return a, fmt.Errorf("malformed FBNet architecture %q: %d layers, want %d joined by '-'", s, len(layers), FBNetLayers)
	}
	for i, l := range layers {
		k := slices.Index(FBNetChoices, l)
		if k < 0 {
			return a, fmt.Errorf("malformed FBNet architecture %q: layer %d is %q, want one of %s", s, i, l, strings.Join(FBNetChoices, ", "))
		}
		a[i] = uint8(k)
	}
	return a, nil
}

// String returns the '-'-joined layer list.
func (a FBNetArch) String() string {
	names := make([]string, FBNetLayers)
	for i, k := range a {
		names[i] = FBNetChoices[k]
	}
	return strings.Join(names, "-")
}

// Validate checks that every layer's choice is one of FBNetChoices.
func (a FBNetArch) Validate() error {
	for i, k := range a {
		if int(k) >= len(FBNetChoices) {
			return fmt.Errorf("fbnet: layer %d holds choice %d, want 0..%d", i, k, len(FBNetChoices)-1)
		}
	}
	return nil
}

// SampleFBNet draws every layer's choice uniformly.
func SampleFBNet(rng *rand.Rand) FBNetArch {
	var a FBNetArch
	for i := range a {
		a[i] = uint8(rng.IntN(len(FBNetChoices)))
	}
	return a
}

// Mutate redraws each layer's choice with probability p.
func (a FBNetArch) Mutate(rng *rand.Rand, p float64) FBNetArch {
	s := SampleFBNet(rng)
	for i := range a {
		if rng.Float64() < p {
			a[i] = s[i]
		}
	}
	return a
}

// Crossover takes each layer's choice from a or b with equal probability.
func (a FBNetArch) Crossover(rng *rand.Rand, b FBNetArch) FBNetArch {
	for i := range a {
		if rng.IntN(2) == 1 {
			a[i] = b[i]
		}
	}
	return a
}

// Flat returns a one-hot of the 9 choices at each of the 22 layers (198 numbers).
func (a FBNetArch) Flat() []float64 {
	nc := len(FBNetChoices)
	x := make([]float64, FBNetLayers*nc)
	for l, k := range a {
		x[l*nc+int(k)] = 1
	}
	return x
}

// fbnetStage is the stage of the FBNet macro network a searchable layer belongs to:
// the stages hold 1, 4, 4, 4, 4, 4 and 1 layers.
func fbnetStage(l int) int {
	switch {
	case l == 0:
		return 0
	case l == FBNetLayers-1:
		return 6
	}
	return 1 + (l-1)/4
}

// Graph is the FBNet network as a chain: input, the 22 searchable layers (one-hot of
// the 9 choices plus a one-hot of the layer's stage), output.
func (a FBNetArch) Graph() Graph {
	nc := len(FBNetChoices)
	g := newGraph(FBNetLayers+2, 2+nc+7)
	g.Nodes[0][0] = 1
	g.Nodes[FBNetLayers+1][1] = 1
	for l, k := range a {
		g.Nodes[l+1][2+int(k)] = 1
		g.Nodes[l+1][2+nc+fbnetStage(l)] = 1
	}
	g.chain()
	return g
}
