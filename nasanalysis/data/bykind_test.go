package data

import (
	"slices"
	"testing"

	"github.com/nasanalysis/nasanalysis/nasanalysis/datatest"
)

func TestLoadByKindGroupsDevicesByKind(t *testing.T) {
	lat, err := LoadByKind("", "nb201")
	datatest.Check(t, err)
	devs, err := LoadDevices("", "nb201")
	datatest.Check(t, err)
	kind := map[string]string{}
	for _, d := range devs {
		kind[d.Name] = d.Kind
	}
	if len(lat.Devices) != 18 {
		t.Fatalf("%d devices, want 18", len(lat.Devices))
	}
	// Kinds must appear in KindOrder order, never going back.
	last := -1
	for _, d := range lat.Devices {
		k := slices.Index(KindOrder, kind[d])
		if k < last {
			t.Errorf("device %s (kind %s) after a later kind: %v", d, kind[d], lat.Devices)
		}
		last = k
	}
	if _, err := LoadByKind("", "no-such-dataset"); err == nil {
		t.Error("an unknown dataset should be an error")
	}
}
