package monotonic

import (
	"fmt"
	"strings"

	"github.com/nasanalysis/nasanalysis/nasanalysis/prose"
	"github.com/nasanalysis/nasanalysis/nasanalysis/stats"
)

// StudyFindings gathers the sections' results of the monotonicity study for its
// conclusions: each field is what one section's function returned.
type StudyFindings struct {
	Threshold  float64
	Agreement  CISummary        // section 1
	Proxies    []ProxyScore     // section 2: every candidate proxy (BestProxies)
	Batch      BatchRange       // section 3: the dataset with the least monotone batch pair
	Reuse      ReuseSummary     // section 4
	Grids      []GridFacts      // section 5, held-out cells
	Curves     []CurveFacts     // section 6, the anchor pair last
	Anchor     MethodComparison // section 7
	AnchorSeen float64          // section 7: the published SRCC after adaptation
	FineTune   FineTuneStudy    // section 7
	FewShot    FewShotResult    // section 8
}

// Takeaways states the study's conclusions on the paper's claims, one Markdown bullet
// each, from the sections' results; the words follow the numbers.
func (f StudyFindings) Takeaways() ([]string, error) {
	var b []string
	a := f.Agreement
	verdict := "Partly."
	switch share := float64(a.AtLeast) / float64(a.Pairs); {
	case share >= 0.9:
		verdict = "Yes, on these data."
	case share < 0.1:
		verdict = "Not as it stands."
	}
	maxLoss := 0.0
	for _, l := range f.Reuse.Loss {
		maxLoss = max(maxLoss, l)
	}
	reuse := fmt.Sprintf("reusing a proxy's Pareto set keeps a median %s of the target's hypervolume (%s for the pairs below %s), with a median accuracy loss of at most %s points at any budget, while it recovers a median %s %% of the target's front cells (section 4).",
		prose.Num(f.Reuse.HVRatio), prose.Num(f.Reuse.HVBelow), prose.Num(f.Threshold), prose.Num(maxLoss), prose.Num(100*f.Reuse.Recovered))
	if f.Reuse.HVBelow >= 0.95 {
		reuse = "But even for imperfect pairs the cost is small: " + reuse
	} else {
		reuse = "And " + reuse
	}
	if len(f.Proxies) == 0 {
		return nil, fmt.Errorf("takeaways need the scores of the candidate proxies")
	}
	ties := tiedWithBest(f.Proxies, func(s ProxyScore) stats.Interval { return s.Worst }, func(s ProxyScore) stats.Interval { return s.VsBestWorst })
	var names, falls []string
	for _, s := range ties {
		names, falls = append(names, "`"+s.Proxy+"`"), append(falls, fmt.Sprintf("%s on `%s`", prose.Num(s.Worst.Estimate), s.WorstTarget))
	}
	best := fmt.Sprintf("the best single proxy by worst case, %s, falls to %s", names[0], falls[0])
	if len(ties) > 1 {
		best = fmt.Sprintf("by worst case %s are tied for the best proxy, their intervals not separating them, and fall to %s", prose.JoinAnd(names), prose.JoinAnd(falls))
	}
	b = append(b, fmt.Sprintf("**\"One proxy device is enough.\"** %s On `nb201` %s of %s device pairs reach the paper's SRCC ≥ %s as they are (section 1), and %s (section 2). %s",
		verdict, prose.Num(a.AtLeast), prose.Num(a.Pairs), prose.Num(f.Threshold), best, reuse))

	w := f.Batch.Low
	if w.Spearman < f.Threshold {
		b = append(b, fmt.Sprintf("**Batch size matters.** The same GPU at batch %d and at batch %d ranks architectures with SRCC as low as %s (%s on `%s`, section 3): a proxy should be matched in batch size, not just in chip.",
			w.BatchA, w.BatchB, prose.Num(w.Spearman), w.Hardware, f.Batch.Dataset))
	} else {
		b = append(b, fmt.Sprintf("**Batch size.** Every GPU ranks architectures alike at all its batch sizes (lowest SRCC %s, section 3).", prose.Num(w.Spearman)))
	}

	p, gcv, val, cv, to := FactsOf(f.Grids, MethodProxy), FactsOf(f.Grids, MethodAdaProxy), FactsOf(f.Grids, MethodAdaProxyVal), FactsOf(f.Grids, MethodAdaProxyCV), FactsOf(f.Grids, MethodTargetOnly)
	if p.Pairs == 0 || gcv.Pairs == 0 || val.Pairs == 0 || to.Pairs == 0 {
		return nil, fmt.Errorf("takeaways need the proxy, adaproxy, adaproxy-val and target-only grids")
	}
	gain := pairedDiff(gcv.SeedMeans, p.SeedMeans)
	works := "Proxy adaptation works, but the baseline matters."
	switch {
	case gain.Sign() <= 0:
		works = "Proxy adaptation does not help here."
	case gain.Estimate < MeaningfulGain:
		works = "Proxy adaptation gains little."
	}
	than := "as many as"
	switch {
	case to.Reached > val.Reached:
		than = "more than"
	case to.Reached < val.Reached:
		than = "fewer than"
	}
	valAll, _, _ := f.Anchor.Of(MethodAdaProxyVal)
	position := PublishedPosition(f.AnchorSeen, valAll)
	anchor := fmt.Sprintf("its range over our %s seeds on the anchor pair (%s, mean %s) contains the published %s", prose.Num(valAll.N), prose.Interval(valAll.MinAfter, valAll.MaxAfter), prose.Num(valAll.MeanAfter), prose.Num(f.AnchorSeen))
	if position != "lies within our seeds' range" {
		anchor = fmt.Sprintf("the published anchor figure %s %s (mean %s over %s seeds)", prose.Num(f.AnchorSeen), position, prose.Num(valAll.MeanAfter), prose.Num(valAll.N))
	}
	b = append(b, fmt.Sprintf("**%s** Scored on held-out cells, adaptation with λ by GCV lifts the mean pair from SRCC %s to %s (a paired gain over seeds of %s; %s → %s pairs at ≥ %s; section 5). The same per-operator model fitted on the %s target cells *alone* (target-only) reaches %s pairs, %s OneProxy's own λ rule (adaproxy-val: %s pairs, %s). OneProxy's choice of λ on %s validation cells is the weak step: on the anchor pair it leaves the proxy's operator ratios uncorrected on %s of %s seeds (lowest seed %s), although %s (section 7). Choosing λ by GCV on all the cells (adaproxy) reaches %s pairs and is %s; 5-fold CV (adaproxy-cv) reaches %s.",
		works, prose.Num(p.Mean), prose.Num(gcv.Mean), intervalPhrase(gain), prose.Num(p.Reached), prose.Num(gcv.Reached), prose.Num(f.Threshold),
		prose.Num(to.NTrain+to.NVal), prose.Num(to.Reached), than, prose.Num(val.Reached), val.BelowText(),
		prose.Num(f.Anchor.NVal), prose.Num(f.Anchor.Kept(MethodAdaProxyVal)), prose.Num(valAll.N), prose.Num(valAll.MinAfter), anchor,
		prose.Num(gcv.Reached), gcv.BelowText(), prose.Num(cv.Reached)))

	if len(f.Curves) > 0 {
		toLeads, clear, valLowest, small := 0, 0, 0, 0
		for _, c := range f.Curves {
			if c.At10[0].Method == MethodTargetOnly {
				toLeads++
				if c.LeadClear {
					clear++
				}
			}
			valLowest, small = valLowest+c.ValLowest, small+c.SmallSizes
		}
		anchorCurve := f.Curves[len(f.Curves)-1]
		quality := "moderately good"
		switch {
		case anchorCurve.Before >= f.Threshold:
			quality = "good"
		case anchorCurve.Before < PoorProxy:
			quality = "poor"
		}
		sizes := len(anchorCurve.AboveTargetOnly) + len(anchorCurve.LevelTargetOnly) + len(anchorCurve.BelowTargetOnly)
		var vs []string
		for _, c := range []struct {
			word string
			n    int
		}{{"above", len(anchorCurve.AboveTargetOnly)}, {"level with", len(anchorCurve.LevelTargetOnly)}, {"below", len(anchorCurve.BelowTargetOnly)}} {
			if c.n > 0 {
				vs = append(vs, fmt.Sprintf("%s target-only at %s", c.word, prose.Num(c.n)))
			}
		}
		b = append(b, fmt.Sprintf("**With few target cells** (section 6), target-only has the highest mean at the fewest cells on %s of the %s pairs studied (%s of them clearly, by a paired interval over seeds), and OneProxy's validation rule has the lowest mean of the four methods at %s of the %s (pair, ≤ 30 cells) points. On the anchor pair, whose proxy is %s (SRCC %s), the best AdaProxy variant is %s of the %s sizes.",
			prose.Num(toLeads), prose.Num(len(f.Curves)), prose.Num(clear), prose.Num(valLowest), prose.Num(small), quality, prose.Num(anchorCurve.Before),
			prose.JoinAnd(vs), prose.Num(sizes)))
	}

	if ft := f.FineTune; len(ft.Pairs) > 0 {
		title := "A learned predictor."
		if ft.BelowAll() == len(ft.Pairs)-1 {
			title = "A learned predictor is not a free win."
		}
		last := len(ft.Methods) - 1
		var rest []string
		for k := 1; k < len(ft.Pairs); k++ {
			rest = append(rest, prose.Num(ft.After[k][last].MeanAfter))
		}
		b = append(b, fmt.Sprintf("**%s** The GoMLX MLP pre-trained on the proxy and fine-tuned on the same %s + %s cells reaches %s on the anchor pair, %s, and %s on the %s least monotone pairs, below all three AdaProxy variants on %s of them (section 7).",
			title, prose.Num(ft.NTrain), prose.Num(ft.NVal), prose.Num(ft.After[0][last].MeanAfter), ft.Position(0), strings.Join(rest, ", "), prose.Num(len(ft.Pairs)-1), prose.Num(ft.BelowAll())))
	}

	if len(f.FewShot.Targets) > 0 {
		vs, err := f.FewShot.VersusPublished("adapted", HELPSRCC)
		if err != nil {
			return nil, err
		}
		word := map[int]string{1: "above", -1: "below", 0: "level with"}[vs.Sign()]
		b = append(b, fmt.Sprintf("**Few-shot.** With %s target cells, choosing among several proxies and adapting the best one reaches a mean SRCC of %s on HELP's %s test devices, %s the %s reported for HELP's meta-learned predictor (section 8; difference over seeds %s), without meta-training.",
			prose.Num(f.FewShot.Shots), prose.Num(f.FewShot.Mean("adapted")), prose.Num(len(f.FewShot.Targets)), word, prose.Num(HELPSRCC), intervalPhrase(vs)))
	}
	return b, nil
}

// MeaningfulGain is the smallest gain in mean SRCC the conclusions call adaptation
// working rather than gaining little: a twentieth of the correlation scale.
const MeaningfulGain = 0.05

// PoorProxy is the SRCC below which the conclusions call a proxy poor.
const PoorProxy = 0.6
