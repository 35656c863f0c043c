package profile

import (
	"slices"
	"strings"
	"testing"

	"github.com/nasanalysis/nasanalysis/nasanalysis/arch"
	"github.com/nasanalysis/nasanalysis/nasanalysis/metric"
)

// handAgreement: 10 seeds; k3e3 dropped by 9, k3e4 by 8, k5e3 by 3, the rest by none.
func handAgreement() DropAgreement {
	blocks, _ := arch.Blocks(arch.OFAMBv3)
	drops := make([]int, len(blocks))
	drops[0], drops[1], drops[3] = 9, 8, 3
	return DropAgreement{Accuracy: "acc", Device: "note10_r224", Space: arch.Space{Family: arch.OFAMBv3, Resolutions: []int{224}}, N: 100,
		Seeds: []uint64{1, 2, 3, 4, 5, 6, 7, 8, 9, 10}, Blocks: blocks, Drops: drops, Agree: 0.8, Evaluations: 181000}
}

func TestDropAgreementByHand(t *testing.T) {
	d := handAgreement()
	if got := d.Drop(); len(got) != 2 || got[0].String() != "k3e3" || got[1].String() != "k3e4" {
		t.Errorf("agreed drops %v, want k3e3 and k3e4 (9 and 8 of 10 >= 80 %%)", got)
	}
	sp, err := d.Reduced()
	if err != nil || sp.String() != "ofa-mbv3:res=224:drop=k3e3,k3e4" {
		t.Errorf("reduced space %s (%v)", sp, err)
	}
	want := "On note10_r224, over 10 profile seeds of 100 networks per group, at least 80 % of the seeds drop k3e3 (9 of 10) and k3e4 (8 of 10); too few seeds agree on k5e3 (3). Choosing it cost 181,000 network evaluations."
	if s := AgreementSentence(d); s != want {
		t.Errorf("sentence\n%s\nwant\n%s", s, want)
	}
	d.Agree = 0.95
	if s := AgreementSentence(d); len(d.Drop()) != 0 || !strings.Contains(s, "no block is dropped by at least 95 % of the seeds, so the stable rule keeps the full space") {
		t.Errorf("at 95 %%: drops %v, sentence %q", d.Drop(), s)
	}
	all := handAgreement()
	for i := range all.Drops {
		all.Drops[i] = 10
	}
	if _, err := all.Reduced(); err == nil {
		t.Error("a reduction dropping every block was accepted")
	}
	if f := AgreementFrame([]DropAgreement{handAgreement()}); f.Nrow() != 9 || f.Elem(0, 1).Float() != 90 {
		t.Errorf("frame %v", f)
	}
}

// TestAgreeOnDropsCountsSeeds checks the counting against each seed's own reduction,
// with FLOPs as the cost and parameters as the "accuracy" (no data needed), and the
// evaluations against 181 groups (baseline, 9 blocks x 20 positions) of N networks.
func TestAgreeOnDropsCountsSeeds(t *testing.T) {
	spec := Spec{Space: arch.Space{Family: arch.OFAMBv3, Resolutions: []int{160}}, N: 4, Metrics: []string{"params", "flops"}}
	seeds := []uint64{1, 2, 3}
	ds, err := AgreeOnDrops(spec, metric.Options{}, "params", []string{"flops"}, seeds, 0.5, nil)
	if err != nil {
		t.Fatal(err)
	}
	counts := make([]int, 9)
	for _, s := range seeds {
		sp := spec
		sp.Seed = s
		r, err := sp.Run()
		if err != nil {
			t.Fatal(err)
		}
		reds, _ := r.Reduce("params", "flops")
		for _, b := range reds[0].Drop() {
			counts[slices.Index(ds[0].Blocks, b)]++
		}
	}
	if !slices.Equal(counts, ds[0].Drops) {
		t.Errorf("drop counts %v, each seed's own reductions give %v", ds[0].Drops, counts)
	}
	if ds[0].Evaluations != 3*181*4 {
		t.Errorf("%d evaluations, want 3 seeds x 181 groups x 4 networks = %d", ds[0].Evaluations, 3*181*4)
	}
	if _, err := AgreeOnDrops(spec, metric.Options{}, "params", []string{"flops"}, seeds, 0, nil); err == nil {
		t.Error("agreement share 0 accepted")
	}
}

func TestAgreementCaption(t *testing.T) {
	want := "Share of 10 profile seeds (100 random networks per group, ofa-mbv3:res=224; accuracy: acc) whose rule of dominated blocks drops each block, per latency source; the stable rule drops a block when at least 80 % of the seeds do."
	if got := AgreementCaption([]DropAgreement{handAgreement()}); got != want {
		t.Errorf("caption\n%s\nwant\n%s", got, want)
	}
}
