package monotonic

import (
	"math"
	"strings"
	"testing"
)

// One definition of the method names, which the command line parses with ParseMethod.
func TestParseMethodAndPrepare(t *testing.T) {
	for _, m := range Methods {
		got, err := ParseMethod(string(m))
		if err != nil || got != m {
			t.Errorf("ParseMethod(%q) = %q, %v", m, got, err)
		}
	}
	_, err := ParseMethod("magic")
	if err == nil || !strings.Contains(err.Error(), `unknown method "magic"`) || !strings.Contains(err.Error(), "finetune") {
		t.Errorf("ParseMethod(magic) error %v: want it to list the methods", err)
	}
	if _, err := Method("magic").Prepare(nil, nil); err == nil {
		t.Error("Prepare of an unknown method accepted")
	}
	// Prepare of a method without a model is its Run: the proxy's own ranking here.
	n := 12
	p := &Pair{Proxy: make([]float64, n), Target: make([]float64, n)}
	for i := range n {
		p.Proxy[i], p.Target[i] = float64(i+1), float64(n-i)
	}
	run, err := MethodProxy.Prepare(nil, p.Proxy)
	if err != nil {
		t.Fatal(err)
	}
	if r, err := run(p, Split{}); err != nil || r.SRCCAfter != -1 {
		t.Errorf("prepared proxy run: %v, %v; want SRCC -1", r.SRCCAfter, err)
	}
}

func TestMethodDescribe(t *testing.T) {
	for m, want := range map[Method]string{
		MethodAdaProxyVal: "OneProxy's rule: fitted on 60 target cells, λ chosen on the other 10",
		MethodAdaProxy:    "λ by generalised cross-validation on all 70 target cells",
		MethodTargetOnly:  "the per-operator model fitted on the 70 target cells alone",
		Method("other"):   "other",
	} {
		if got := m.Describe(60, 10); got != want {
			t.Errorf("%s: %q, want %q", m, got, want)
		}
	}
}

// Two jobs over three seeds: (0.5, NaN, 0.7) and (0.3, 0.4, NaN): per-seed means 0.4,
// 0.4 (the NaN left out), 0.7; with no value at all, NaN.
func TestSeedMeans(t *testing.T) {
	nan := math.NaN()
	got := seedMeans([][]float64{{0.5, nan, 0.7}, {0.3, 0.4, nan}}, 3)
	if math.Abs(got[0]-0.4) > 1e-12 || got[1] != 0.4 || got[2] != 0.7 {
		t.Errorf("seedMeans = %v, want 0.4, 0.4, 0.7", got)
	}
	if got := seedMeans([][]float64{{nan}}, 1); !math.IsNaN(got[0]) {
		t.Errorf("no value: %v, want NaN", got)
	}
}
