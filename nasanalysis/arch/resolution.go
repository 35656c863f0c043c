package arch

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
)

// A network of the OFA spaces runs at any input resolution: its layers are convolutions,
// its pooling is global, and its classifier sees only the pooled features. Validate
// therefore accepts every resolution from MinResolution to MaxResolution. What ties a
// number to particular resolutions is the data behind it (OFA's accuracy predictors
// encode a few, each lookup table was measured at one), so the metrics built on such data
// state where they are defined as a Resolutions set.
const (
	// MinResolution is the networks' total stride: the smallest input that every
	// downsampling layer still halves, leaving a 1x1 map before pooling. A smaller one
	// would only repeat that 1x1 map through the last stages.
	MinResolution = 32
	// MaxResolution is a sanity bound, four times the largest resolution any OFA
	// predictor or table covers (256 px): it stops a mistyped value such as 2240 from
	// starting a measurement that takes minutes and gigabytes.
	MaxResolution = 1024
)

// Resolutions is a set of input resolutions in px: Min to Max in steps of Step (1 when
// 0), or, when List is set, exactly the listed ones.
type Resolutions struct {
	Min, Max, Step int
	List           []int
}

// Contains reports whether r is in the set.
func (s Resolutions) Contains(r int) bool {
	if s.List != nil {
		return slices.Contains(s.List, r)
	}
	step := max(s.Step, 1)
	return r >= s.Min && r <= s.Max && (r-s.Min)%step == 0
}

// String describes the set for messages: "224 px", "160, 176 or 192 px", "32..1024 px",
// "128..224 px in steps of 4".
func (s Resolutions) String() string {
	if s.List != nil {
		v := make([]string, len(s.List))
		for i, r := range s.List {
			v[i] = strconv.Itoa(r)
		}
		switch len(v) {
		case 0:
			return "no resolution"
		case 1:
			return v[0] + " px"
		}
		return strings.Join(v[:len(v)-1], ", ") + " or " + v[len(v)-1] + " px"
	}
	if s.Step > 1 {
		return fmt.Sprintf("%d..%d px in steps of %d", s.Min, s.Max, s.Step)
	}
	return fmt.Sprintf("%d..%d px", s.Min, s.Max)
}

// The resolution sets of this package.
var (
	// RunResolutions are the resolutions Validate accepts in the OFA spaces.
	RunResolutions = Resolutions{Min: MinResolution, Max: MaxResolution}
	// MBElasticResolutions are the resolutions the OFA mobile supernets were trained at
	// (elastic resolution, 128..224 px in steps of 4) and HELP's GPU table holds. OFA's
	// MobileNetV3 accuracy predictor is defined on them: its encoding (OFAFeatures)
	// buckets them into 16-px slots.
	MBElasticResolutions = Resolutions{Min: MBMinResolution, Max: MBMaxResolution, Step: 4}
	// ResNetPredictorResolutions are the eight resolutions OFA's ResNet50 accuracy
	// predictor encodes (ResNetArch.OFAFeatures), one one-hot slot each.
	ResNetPredictorResolutions = Resolutions{List: ResNetResolutions}
)

// InputResolution returns the input resolution of an architecture of the OFA spaces;
// ok is false for a family without one (the NAS-Bench-201 cell and FBNet, whose
// benchmarks fix the input).
func InputResolution(a Arch) (r int, ok bool) {
	switch a := a.(type) {
	case MBArch:
		return a.R, true
	case ResNetArch:
		return a.R, true
	}
	return 0, false
}
