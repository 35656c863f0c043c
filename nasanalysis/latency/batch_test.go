package latency

import (
	"errors"
	"reflect"
	"strings"
	"testing"

	"github.com/nasanalysis/nasanalysis/nasanalysis/arch"
)

// byResolution is a made-up source: latency = resolution / 10, refusing 999 px.
type byResolution struct{}

func (byResolution) Name() string { return "byres" }
func (byResolution) Latency(a arch.MBArch) (float64, error) {
	if a.R == 999 {
		return 0, errors.New("no table")
	}
	return float64(a.R) / 10, nil
}

func TestLatencies(t *testing.T) {
	as := []arch.MBArch{{R: 160}, {R: 224}}
	got, err := Latencies(byResolution{}, as)
	if err != nil || !reflect.DeepEqual(got, []float64{16, 22.4}) {
		t.Errorf("Latencies = %v, %v; want [16 22.4]", got, err)
	}
	as[1].R = 999
	if _, err := Latencies(byResolution{}, as); err == nil || !strings.Contains(err.Error(), "architecture 1") {
		t.Errorf("error should name architecture 1: %v", err)
	}
}
