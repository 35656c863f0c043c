package predictor

import (
	"slices"
	"strings"
	"testing"
)

// A measured dataset offers the paired protocol's scaled_ms as a target; a file of the
// older layout, measured before that protocol, has none, and says so by name.
func TestScaledTargetOfOlderFile(t *testing.T) {
	targets, err := TargetsOf(MeasuredDataset)
	if err != nil || !slices.Equal(targets, []string{MeasuredTarget, ScaledTarget}) {
		t.Fatalf("targets %v, %v", targets, err)
	}
	_, err = LoadTask("", MeasuredDataset, ScaledTarget)
	if err == nil || !strings.Contains(err.Error(), "ort-ofa-mbv3-r160.csv has no scaled_ms (measured before the paired protocol") {
		t.Errorf("older file: %v", err)
	}
}
