package latency

import (
	"maps"
	"math"
	"testing"
	"time"

	"github.com/nasanalysis/nasanalysis/nasanalysis/datatest"

	"gopkg.in/yaml.v3"
)

// parseLimit bounds one parse of a lookup table. The real tables (about 200 operators,
// 15 kB) parse in a millisecond; a parser that has not returned after this long is taken
// to hang.
const parseLimit = 5 * time.Second

// FuzzReadLUT: the YAML lookup tables of OFA (Note10) and ProxylessNAS, which come from
// outside the project. The reader must return (never panic or hang); a table it accepts
// has at least one operator and a finite, non-negative mean for each, since a latency
// sum would otherwise be silently wrong; and the table written back as YAML (operator ->
// mean) reads back to the same means. The seed corpus holds entries of the real tables
// and every input a fuzz run found failing.
func FuzzReadLUT(f *testing.F) {
	f.Fuzz(func(t *testing.T, raw []byte) {
		var l *LUT
		var err error
		datatest.Bounded(t, parseLimit, "parseLUT", func() { l, err = parseLUT("fuzz.yaml", raw) })
		if err != nil {
			return
		}
		if len(l.Mean) == 0 {
			t.Fatalf("accepted a table without operators: %q", raw)
		}
		out := make(map[string]map[string]float64, len(l.Mean))
		for k, v := range l.Mean {
			if math.IsNaN(v) || math.IsInf(v, 0) || v < 0 {
				t.Fatalf("accepted operator %q with mean %v from %q", k, v, raw)
			}
			out[k] = map[string]float64{"mean": v}
		}
		text, err := yaml.Marshal(out)
		if err != nil {
			t.Fatalf("writing %v back: %v", l.Mean, err)
		}
		back, err := parseLUT("again.yaml", text)
		if err != nil || !maps.Equal(back.Mean, l.Mean) {
			t.Fatalf("%q read as %v; written back as %q it reads as %v (%v)", raw, l.Mean, text, back, err)
		}
	})
}
