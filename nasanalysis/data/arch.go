package data

import (
	"encoding/json"
	"fmt"
	"slices"
	"strings"
)

// ValidateArch checks an architecture string of the given space ("nb201", "fbnet" or
// "ofa-mbv3") and returns a description of what is wrong with it.
func ValidateArch(space, arch string) error {
	switch space {
	case "nb201":
		_, err := ParseCell(arch)
		return err
	case "fbnet":
		return validateFBNet(arch)
	case "ofa-mbv3":
		return validateOFAMBv3(arch)
	}
	return fmt.Errorf("unknown architecture space %q", space)
}

// FBNetChoices lists the per-layer choices of the FBNet space as HW-NAS-Bench writes them.
var FBNetChoices = []string{"k3_e1", "k3_e1_g2", "k3_e3", "k3_e6", "k5_e1", "k5_e1_g2", "k5_e3", "k5_e6", "skip"}

// FBNetLayers is the number of searchable layers of the FBNet macro network.
const FBNetLayers = 22

func validateFBNet(arch string) error {
	layers := strings.Split(arch, "-")
	if len(layers) != FBNetLayers {
		return fmt.Errorf("malformed FBNet architecture %q: %d layers, want %d joined by '-'", arch, len(layers), FBNetLayers)
	}
	for i, l := range layers {
		if !slices.Contains(FBNetChoices, l) {
			return fmt.Errorf("malformed FBNet architecture %q: layer %d is %q, want one of %s", arch, i, l, strings.Join(FBNetChoices, ", "))
		}
	}
	return nil
}

// OFAArch is the OFA dictionary form of a MobileNetV3 sub-network: kernel size and
// expand ratio for 20 block slots, the depth of the 5 stages, and the input resolution.
type OFAArch struct {
	KS []int `json:"ks"`
	E  []int `json:"e"`
	D  []int `json:"d"`
	R  int   `json:"r"`
}

func validateOFAMBv3(arch string) error {
	var a OFAArch
	dec := json.NewDecoder(strings.NewReader(arch))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&a); err != nil {
		return fmt.Errorf("malformed OFA-MobileNetV3 architecture %q: %v", arch, err)
	}
	bad := func(what string) error { return fmt.Errorf("invalid OFA-MobileNetV3 architecture %q: %s", arch, what) }
	if len(a.KS) != 20 || len(a.E) != 20 || len(a.D) != 5 {
		return bad(fmt.Sprintf("want 20 ks, 20 e and 5 d values, got %d, %d, %d", len(a.KS), len(a.E), len(a.D)))
	}
	for i := range a.KS {
		if !slices.Contains([]int{3, 5, 7}, a.KS[i]) {
			return bad(fmt.Sprintf("ks[%d]=%d not in {3,5,7}", i, a.KS[i]))
		}
		if !slices.Contains([]int{3, 4, 6}, a.E[i]) {
			return bad(fmt.Sprintf("e[%d]=%d not in {3,4,6}", i, a.E[i]))
		}
	}
	for i, d := range a.D {
		if d < 2 || d > 4 {
			return bad(fmt.Sprintf("d[%d]=%d not in {2,3,4}", i, d))
		}
	}
	if a.R < 128 || a.R > 224 || a.R%4 != 0 {
		return bad(fmt.Sprintf("r=%d not in 128..224 step 4", a.R))
	}
	return nil
}
