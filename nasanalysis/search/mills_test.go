package search

import (
	"testing"

	"github.com/nasanalysis/nasanalysis/nasanalysis/arch"
	"github.com/nasanalysis/nasanalysis/nasanalysis/datatest"
	"github.com/nasanalysis/nasanalysis/nasanalysis/metric"
)

// MillsTrials on the Note10 table: bp-note10 and an auto space, each with the mutation
// search and controls, then with NSGA-II and none; every arm at the same evaluations.
func TestMillsTrialsArms(t *testing.T) {
	acc, err := metric.New("acc", arch.OFAMBv3, metric.Options{})
	datatest.Check(t, err)
	lat, err := metric.New("note10_r224", arch.OFAMBv3, metric.Options{})
	datatest.Check(t, err)
	space := arch.Space{Family: arch.OFAMBv3, Resolutions: []int{224}}
	auto := space
	auto.Drop = []arch.Block{{Kernel: 7, Expand: 6}}
	setup := MillsSetup{Space: space, Seeds: []uint64{1, 2}, Controls: 2, ControlSeed: 1, Initial: 20, Rounds: 2, PerRound: 20}
	calls := 0
	trials, err := MillsTrials(setup, acc, lat, auto, 1234, func(done, total int) {
		calls++
		if total != 2*(4*2+2*2) || done != calls {
			t.Errorf("progress %d of %d at call %d", done, total, calls)
		}
	})
	if err != nil {
		t.Fatal(err)
	}
	want := []struct {
		name, alg     string
		arms, profile int
	}{{"bp-note10", AlgorithmMutation, 4, 0}, {"bp-note10", AlgorithmNSGA2, 2, 0}, {"auto", AlgorithmMutation, 4, 1234}, {"auto", AlgorithmNSGA2, 2, 1234}}
	if len(trials) != len(want) {
		t.Fatalf("%d trials, want %d", len(trials), len(want))
	}
	for i, w := range want {
		tr := trials[i]
		if tr.Name != w.name || tr.Search.Algorithm != w.alg || len(tr.Arms) != w.arms || tr.ProfileEvaluations != w.profile {
			t.Errorf("trial %d: %s %s, %d arms, %d profiling; want %+v", i, tr.Name, tr.Search.Algorithm, len(tr.Arms), tr.ProfileEvaluations, w)
		}
		for _, a := range tr.Arms {
			if a.Evaluations != 60 || len(a.HV) != 2 {
				t.Errorf("trial %d arm %s: %d evaluations, %d seeds; want 60 and 2", i, a.Name, a.Evaluations, len(a.HV))
			}
		}
	}
	if got := trials[0].Arms[1].Space.String(); got != "ofa-mbv3:width=1.2:res=224:drop=k7e3,k7e4:max-depth=3,4,4,4,4" {
		t.Errorf("released arm space %s", got)
	}
}
