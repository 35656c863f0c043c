package search

import (
	"fmt"
	"math/rand/v2"
	"sort"

	"gonum.org/v1/gonum/stat"

	"github.com/nasanalysis/nasanalysis/nasanalysis/internal/par"
	"github.com/nasanalysis/nasanalysis/nasanalysis/predictor"
)

// GuidedConfig sets a predictor-guided search: query Initial random architectures, then
// repeatedly train a predictor on everything queried so far and query the PerRound
// unqueried architectures it predicts best, until Budget queries.
type GuidedConfig struct {
	Initial, PerRound, Budget int
	Model                     predictor.Config
}

// DefaultGuided queries 20 random cells, then rounds of 10 up to 150, with the MLP.
var DefaultGuided = GuidedConfig{Initial: 20, PerRound: 10, Budget: 150, Model: predictor.DefaultConfig(predictor.KindMLP)}

// Trace is the order in which a search queried architectures and the best target value
// seen after each query (BestSoFar[k] after k+1 queries).
type Trace struct {
	Queried   []int
	BestSoFar []float64
}

func (tr *Trace) query(t *predictor.Task, i int) {
	v := t.Y[i]
	if k := len(tr.BestSoFar); k > 0 && tr.BestSoFar[k-1] > v {
		v = tr.BestSoFar[k-1]
	}
	tr.Queried, tr.BestSoFar = append(tr.Queried, i), append(tr.BestSoFar, v)
}

// RandomSearch queries budget architectures uniformly without replacement (seeded),
// maximising the target.
func RandomSearch(t *predictor.Task, budget int, seed uint64) (Trace, error) {
	if budget < 1 || budget > t.Len() {
		return Trace{}, fmt.Errorf("random search: budget %d outside 1..%d", budget, t.Len())
	}
	perm := rand.New(rand.NewPCG(seed, 0x5ea7c4)).Perm(t.Len())
	var tr Trace
	for _, i := range perm[:budget] {
		tr.query(t, i)
	}
	return tr, nil
}

// GuidedSearch maximises the target with a predictor in the loop (seeded). Its first
// Initial queries are the same as RandomSearch's with the same seed, so the two
// traces part only where the predictor starts choosing. Each round holds out
// predictor.ValFraction of the queried architectures for early stopping.
func GuidedSearch(t *predictor.Task, cfg GuidedConfig, seed uint64) (Trace, error) {
	if cfg.Initial < 3 || cfg.PerRound < 1 || cfg.Budget < cfg.Initial || cfg.Budget > t.Len() {
		return Trace{}, fmt.Errorf("guided search: need 3 <= initial <= budget <= %d and per-round >= 1 (got %d, %d, %d)",
			t.Len(), cfg.Initial, cfg.Budget, cfg.PerRound)
	}
	rng := rand.New(rand.NewPCG(seed, 0x5ea7c4))
	perm := rng.Perm(t.Len())
	var tr Trace
	queried := make([]bool, t.Len())
	for _, i := range perm[:cfg.Initial] {
		tr.query(t, i)
		queried[i] = true
	}
	for round := 0; len(tr.Queried) < cfg.Budget; round++ {
		labelled := append([]int(nil), tr.Queried...)
		rng.Shuffle(len(labelled), func(a, b int) { labelled[a], labelled[b] = labelled[b], labelled[a] })
		nVal := predictor.ValCount(len(labelled))
		val, fit := labelled[:nVal], labelled[nVal:]
		mc := cfg.Model
		mc.Seed = seed*1000 + uint64(round)
		p, err := predictor.Train(mc, t.Examples(fit), t.Values(fit), t.Examples(val), t.Values(val), t.Log)
		if err != nil {
			return Trace{}, fmt.Errorf("guided search round %d: %w", round, err)
		}
		var pool []int
		for i := range queried {
			if !queried[i] {
				pool = append(pool, i)
			}
		}
		pred, err := p.Predict(t.Examples(pool))
		if err != nil {
			return Trace{}, err
		}
		order := make([]int, len(pool))
		for k := range order {
			order[k] = k
		}
		sort.SliceStable(order, func(a, b int) bool { return pred[order[a]] > pred[order[b]] })
		for _, k := range order[:min(cfg.PerRound, cfg.Budget-len(tr.Queried))] {
			tr.query(t, pool[k])
			queried[pool[k]] = true
		}
	}
	return tr, nil
}

// CompareSearch runs GuidedSearch and RandomSearch with the same budget for seeds
// 0..seeds-1, the guided searches on all cores.
func CompareSearch(t *predictor.Task, cfg GuidedConfig, seeds int) (guided, random []Trace, err error) {
	guided, random = make([]Trace, seeds), make([]Trace, seeds)
	errs := make([]error, seeds)
	par.For(seeds, func(s int) {
		guided[s], errs[s] = GuidedSearch(t, cfg, uint64(s))
		if errs[s] == nil {
			random[s], errs[s] = RandomSearch(t, cfg.Budget, uint64(s))
		}
	})
	for s, err := range errs {
		if err != nil {
			return nil, nil, fmt.Errorf("seed %d: %w", s, err)
		}
	}
	return guided, random, nil
}

// Band returns, after each query k, the mean and sample standard deviation over the
// traces (seeds) of the best value found so far. Traces must have the same length.
func Band(trs []Trace) (mean, sd []float64) {
	if len(trs) == 0 {
		return nil, nil
	}
	v := make([]float64, len(trs))
	for k := range trs[0].BestSoFar {
		for s, tr := range trs {
			v[s] = tr.BestSoFar[k]
		}
		m, d := stat.MeanStdDev(v, nil)
		mean, sd = append(mean, m), append(sd, d)
	}
	return mean, sd
}
