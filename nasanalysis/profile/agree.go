package profile

import (
	"fmt"
	"slices"
	"strings"

	"github.com/go-gota/gota/dataframe"
	"github.com/go-gota/gota/series"

	"github.com/nasanalysis/nasanalysis/nasanalysis/arch"
	"github.com/nasanalysis/nasanalysis/nasanalysis/metric"
	"github.com/nasanalysis/nasanalysis/nasanalysis/prose"
)

// DropAgreement is the automatic reduction rule (Reduce, Reduction.Drop) made stable
// against the profile's own sampling: the space profiled once per seed, and for each
// block the number of seeds whose profile finds it dominated on Device. A block is
// dropped when at least the share Agree of the seeds drop it. One seed's drop set is
// not a finding: across profile seeds 1-5 at 100 networks per fix the Note10 drop set
// ranged from 4 to 7 of 9 blocks.
type DropAgreement struct {
	Accuracy, Device string
	Space            arch.Space
	N                int // networks per group in each seed's profile
	Seeds            []uint64
	Blocks           []arch.Block // the blocks profiled, in the family's order
	Drops            []int        // per block, the seeds whose profile drops it
	Agree            float64
	// Evaluations counts the networks the profiles scored, every seed's groups
	// together (each network scored on every metric): the search cost of choosing
	// the reduced space.
	Evaluations int
}

// Share is the share of seeds whose profile drops block i.
func (d DropAgreement) Share(i int) float64 { return float64(d.Drops[i]) / float64(len(d.Seeds)) }

// Drop lists the blocks at least the share Agree of the seeds drop, in family order.
func (d DropAgreement) Drop() []arch.Block {
	var out []arch.Block
	for i, b := range d.Blocks {
		if d.Share(i) >= d.Agree {
			out = append(out, b)
		}
	}
	return out
}

// Reduced is the space the agreed drops leave: Space without Drop(). A valid space
// keeps at least one block, so when the seeds agree on dropping every block the
// reduction is refused.
func (d DropAgreement) Reduced() (arch.Space, error) {
	s := d.Space
	s.Drop = append(append([]arch.Block(nil), s.Drop...), d.Drop()...)
	if err := s.Validate(); err != nil {
		return arch.Space{}, fmt.Errorf("agreed reduction on %s: %w", d.Device, err)
	}
	return s, nil
}

// AgreeOnDrops profiles spec's space once per seed (its metrics, which must include
// accuracy and the devices, are built once with opts and shared by every seed) and
// counts, per device, the seeds whose Reduce drops each block (AgreeOnConfig).
func AgreeOnDrops(spec Spec, opts metric.Options, accuracy string, devices []string, seeds []uint64, agree float64, progress func(done, total int)) ([]DropAgreement, error) {
	cfg := Config{Space: spec.Space, N: spec.N, Deepen: spec.Deepen}
	for _, name := range spec.Metrics {
		m, err := metric.New(name, spec.Space.Family, opts)
		if err != nil {
			return nil, err
		}
		cfg.Metrics = append(cfg.Metrics, m)
	}
	return AgreeOnConfig(cfg, accuracy, devices, seeds, agree, progress)
}

// AgreeOnConfig profiles cfg once per seed (cfg.Seed is replaced by each) and counts,
// per device, the seeds whose Reduce drops each block. agree is the share of seeds
// that must agree, in (0, 1]. progress, if not nil, is called after each seed.
func AgreeOnConfig(cfg Config, accuracy string, devices []string, seeds []uint64, agree float64, progress func(done, total int)) ([]DropAgreement, error) {
	if len(seeds) == 0 || !(agree > 0 && agree <= 1) {
		return nil, fmt.Errorf("drop agreement: %d seeds and share %v; want at least one seed and a share in (0, 1]", len(seeds), agree)
	}
	blocks, err := arch.Blocks(cfg.Space.Family)
	if err != nil {
		return nil, err
	}
	out := make([]DropAgreement, len(devices))
	for d, dev := range devices {
		out[d] = DropAgreement{Accuracy: accuracy, Device: dev, Space: cfg.Space, N: cfg.N, Seeds: seeds, Blocks: blocks, Drops: make([]int, len(blocks)), Agree: agree}
	}
	for k, seed := range seeds {
		cfg.Seed = seed
		r, err := Run(cfg)
		if err != nil {
			return nil, fmt.Errorf("profile seed %d: %w", seed, err)
		}
		reds, err := r.Reduce(accuracy, devices...)
		if err != nil {
			return nil, fmt.Errorf("profile seed %d: %w", seed, err)
		}
		n := len(r.Baseline.Archs)
		for _, g := range r.Groups {
			n += len(g.Archs)
		}
		for d, red := range reds {
			out[d].Evaluations += n
			for _, b := range red.Drop() {
				out[d].Drops[slices.Index(blocks, b)]++
			}
		}
		if progress != nil {
			progress(k+1, len(seeds))
		}
	}
	return out, nil
}

// AgreementFrame is the share of seeds that drop each block (rows) on each device
// (columns), in percent.
func AgreementFrame(ds []DropAgreement) dataframe.DataFrame {
	if len(ds) == 0 {
		return dataframe.New()
	}
	var names []string
	for _, b := range ds[0].Blocks {
		names = append(names, b.String())
	}
	cols := []series.Series{series.New(names, series.String, "block")}
	for _, d := range ds {
		v := make([]float64, len(d.Blocks))
		for i := range v {
			v[i] = 100 * d.Share(i)
		}
		cols = append(cols, series.New(v, series.Float, d.Device+" (% of seeds)"))
	}
	return dataframe.New(cols...)
}

// AgreementSentence states what the seeds agree on for one device: the blocks at or
// above the share, the blocks some but too few seeds drop, and the cost of the profiles.
func AgreementSentence(d DropAgreement) string {
	var agreed, split []string
	for i, b := range d.Blocks {
		switch s := d.Share(i); {
		case s >= d.Agree:
			agreed = append(agreed, fmt.Sprintf("%s (%d of %d)", b, d.Drops[i], len(d.Seeds)))
		case s > 0:
			split = append(split, fmt.Sprintf("%s (%d)", b, d.Drops[i]))
		}
	}
	var sb strings.Builder
	fmt.Fprintf(&sb, "On %s, over %d profile seeds of %d networks per group, ", d.Device, len(d.Seeds), d.N)
	if len(agreed) == 0 {
		fmt.Fprintf(&sb, "no block is dropped by at least %s of the seeds, so the stable rule keeps the full space", prose.Num(100*d.Agree)+" %")
	} else {
		fmt.Fprintf(&sb, "at least %s of the seeds drop %s", prose.Num(100*d.Agree)+" %", prose.JoinAnd(agreed))
	}
	if len(split) > 0 {
		fmt.Fprintf(&sb, "; too few seeds agree on %s", prose.JoinAnd(split))
	}
	fmt.Fprintf(&sb, ". Choosing it cost %s network evaluations.", prose.Num(float64(d.Evaluations)))
	return sb.String()
}

// AgreementCaption says what AgreementFrame's table rests on.
func AgreementCaption(ds []DropAgreement) string {
	if len(ds) == 0 {
		return ""
	}
	d := ds[0]
	return fmt.Sprintf("Share of %d profile seeds (%d random networks per group, %s; accuracy: %s) whose rule of dominated blocks drops each block, per latency source; the stable rule drops a block when at least %s of the seeds do.",
		len(d.Seeds), d.N, d.Space, d.Accuracy, prose.Num(100*d.Agree)+" %")
}
