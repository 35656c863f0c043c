package arch

import (
	"fmt"
	"math/rand/v2"
	"strings"
)

// Arch is what every architecture family shares: a canonical text form that parses back
// to the same architecture, validation whose error names the field and value, and the
// two encodings predictors take — a flat vector of one-hot choices (Flat: linear
// models, MLPs, AdaProxy) and an operations graph (Graph: GCNs).
type Arch interface {
	String() string
	Validate() error
	Flat() []float64
	Graph() Graph
}

// Evolvable is an architecture a search can explore: random mutation of each choice
// with probability p, and uniform crossover with another architecture of its family.
// T is the family's own type, so a search keeps concrete types end to end.
type Evolvable[T any] interface {
	Arch
	Mutate(rng *rand.Rand, p float64) T
	Crossover(rng *rand.Rand, other T) T
}

// Space names, the --space of the command line: every design space this package can
// parse and sample.
const (
	NB201        = "nb201"
	FBNet        = "fbnet"
	OFAMBv3      = "ofa-mbv3"
	ProxylessNAS = "proxylessnas"
	OFAResNet50  = "ofa-resnet50"
)

// Spaces lists the design spaces in the order the project presents them.
func Spaces() []string { return []string{NB201, FBNet, OFAMBv3, ProxylessNAS, OFAResNet50} }

// UnknownSpaceError is a space name this package does not know.
type UnknownSpaceError struct{ Name string }

func (e *UnknownSpaceError) Error() string {
	return fmt.Sprintf("unknown design space %q (known: %s)", e.Name, strings.Join(Spaces(), ", "))
}

// Parse reads an architecture of the named space from its text form and validates it.
func Parse(space, s string) (Arch, error) {
	switch space {
	case NB201:
		return ParseCell(s)
	case FBNet:
		return ParseFBNet(s)
	case OFAMBv3:
		return ParseMB(MBv3, s)
	case ProxylessNAS:
		return ParseMB(Proxyless, s)
	case OFAResNet50:
		return ParseResNet(s)
	}
	return nil, &UnknownSpaceError{space}
}

// Sample draws one architecture of the named space uniformly per choice (the OFA mobile
// spaces at their default width); Space.Sample draws from a restricted space. A nil rng
// is ErrNilRand.
func Sample(space string, rng *rand.Rand) (Arch, error) {
	if rng == nil {
		return nil, fmt.Errorf("sample of %s: %w", space, ErrNilRand)
	}
	switch space {
	case NB201:
		return SampleCell(rng), nil
	case FBNet:
		return SampleFBNet(rng), nil
	case OFAMBv3:
		return MBv3.Sample(rng, 0), nil
	case ProxylessNAS:
		return Proxyless.Sample(rng, 0), nil
	case OFAResNet50:
		return SampleResNet(rng), nil
	}
	return nil, &UnknownSpaceError{space}
}

// Costed is an architecture with an analytic cost model: its multiply-accumulates.
type Costed interface {
	MACs() float64
}

// Every family has the common shape; the OFA families and the NB201 cell have a cost.
var (
	_ Evolvable[Cell]       = Cell{}
	_ Evolvable[FBNetArch]  = FBNetArch{}
	_ Evolvable[MBArch]     = MBArch{}
	_ Evolvable[ResNetArch] = ResNetArch{}
	_ Costed                = Cell{}
	_ Costed                = MBArch{}
	_ Costed                = ResNetArch{}
)
