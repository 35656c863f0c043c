package latency

import (
	"fmt"

	"github.com/nasanalysis/nasanalysis/nasanalysis/arch"
)

// Source gives the latency (ms) of an architecture of an OFA mobile space. Lookup
// tables, measurements on this machine and recorded measurements all implement it, so
// studies can swap one for another.
type Source interface {
	Name() string
	Latency(a arch.MBArch) (float64, error)
}

var (
	_ Source = (*Note10)(nil)
	_ Source = (*ProxylessMobile)(nil)
	_ Source = Measurer{}
	_ Source = (*Recorded)(nil)
)

// Name identifies the source.
func (n *Note10) Name() string { return "note10" }

// Name identifies the source.
func (p *ProxylessMobile) Name() string { return "pn_mobile" }

// Measurer measures each architecture end to end on this machine with an engine and a
// protocol.
type Measurer struct {
	Engine   Engine
	Protocol Protocol
}

// Name identifies the source.
func (Measurer) Name() string { return "measured" }

// Latency returns the median of the timed runs.
func (m Measurer) Latency(a arch.MBArch) (float64, error) {
	t, err := m.Engine.Measure(a, m.Protocol)
	return t.MedianMS, err
}

// Name identifies the source.
func (r *Recorded) Name() string { return "recorded:" + r.Path }

// Latency looks the architecture up in the recorded table; one that was not measured is
// an error naming it, never an estimate.
func (r *Recorded) Latency(a arch.MBArch) (float64, error) {
	key := a.String()
	for i, b := range r.Archs {
		if b.String() == key {
			return r.MS[i], nil
		}
	}
	return 0, fmt.Errorf("%s has no measurement of %s", r.Path, key)
}
