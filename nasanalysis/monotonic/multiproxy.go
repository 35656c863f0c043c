package monotonic

import (
	"fmt"
	"math"
	"sort"

	"github.com/nasanalysis/nasanalysis/nasanalysis/stats"
)

// FewShot is the outcome of adapting several candidate proxies to one target with a
// handful of target measurements (the HELP protocol: 10 samples).
type FewShot struct {
	Ranked   []int   // candidate indices, best SRCC on the sampled cells first
	Selected Result  // the best-ranked proxy, unadapted
	Adapted  Result  // AdaProxy-CV from the best-ranked proxy
	Ensemble Result  // mean of the standardised log-latencies of the top K proxies
	Oracle   float64 // the best candidate's SRCC on all cells (not knowable from the samples)
}

// MultiProxy ranks the candidate proxies (latency columns over the same cells as target)
// by how well they rank the sampled target cells, then predicts the target three ways:
// with the best-ranked proxy as it is; adapted from it by AdaProxyCV on the samples; and
// as the average of the top k proxies' standardised log-latencies, which cancels some of
// each proxy's idiosyncrasies. X encodes the cells for the adaptation.
func MultiProxy(X [][]float64, candidates [][]float64, target []float64, cells []int, k int) (FewShot, error) {
	if len(candidates) == 0 {
		return FewShot{}, fmt.Errorf("multi-proxy: no candidate proxies")
	}
	for _, i := range cells {
		if math.IsNaN(target[i]) {
			return FewShot{}, fmt.Errorf("multi-proxy: sampled cell %d has no target latency", i)
		}
	}
	yt := stats.Take(target, cells)
	score := make([]float64, len(candidates))
	var fs FewShot
	fs.Oracle = math.Inf(-1)
	for c, col := range candidates {
		var err error
		if score[c], err = stats.SpearmanRho(stats.Take(col, cells), yt); err != nil {
			score[c] = -2 // undefined on the sampled cells (e.g. constant there): ranked last
		}
		oracle, err := stats.SpearmanRho(col, target)
		if err != nil {
			return FewShot{}, fmt.Errorf("multi-proxy: candidate %d against the target: %w", c, err)
		}
		fs.Oracle = math.Max(fs.Oracle, oracle)
		fs.Ranked = append(fs.Ranked, c)
	}
	sort.SliceStable(fs.Ranked, func(a, b int) bool { return score[fs.Ranked[a]] > score[fs.Ranked[b]] })
	best := &Pair{X: X, Proxy: candidates[fs.Ranked[0]], Target: target}
	sampled := Split{Train: cells}
	var err error
	if fs.Selected, err = ProxyOnlyOn(best, sampled); err != nil {
		return FewShot{}, fmt.Errorf("multi-proxy: %w", err)
	}
	if fs.Adapted, err = AdaProxyCV(best, sampled, DefaultLambdaFracs, len(cells)); err != nil {
		return FewShot{}, err
	}
	k = min(max(k, 1), len(candidates))
	ens := make([]float64, len(target))
	for _, c := range fs.Ranked[:k] {
		z := standardLog(candidates[c])
		for i := range ens {
			ens[i] += z[i] / float64(k)
		}
	}
	fs.Ensemble = Result{Pred: ens, Lambda: math.NaN(), LambdaFrac: math.NaN(), ValSRCC: math.NaN()}
	if err := best.score(sampled, &fs.Ensemble); err != nil {
		return FewShot{}, fmt.Errorf("multi-proxy: ensemble: %w", err)
	}
	return fs, nil
}

// standardLog returns (log v − mean) / std over the present values (NaN stays NaN).
func standardLog(v []float64) []float64 {
	out := make([]float64, len(v))
	var s, ss float64
	n := 0
	for i, x := range v {
		out[i] = math.Log(x)
		if !math.IsNaN(out[i]) && !math.IsInf(out[i], 0) {
			s += out[i]
			ss += out[i] * out[i]
			n++
		}
	}
	m := s / float64(n)
	sd := math.Sqrt(math.Max(ss/float64(n)-m*m, 1e-300))
	for i := range out {
		out[i] = (out[i] - m) / sd
	}
	return out
}

// HELP's NAS-Bench-201 device split (github.com/HayeonLee/HELP): the unseen test devices
// and the devices its meta-learner trained and validated on, which here serve as the
// candidate proxies.
var (
	HELPTestDevices  = []string{"titan_rtx_256", "gold_6226", "fpga", "pixel2", "raspi4", "eyeriss"}
	HELPProxyDevices = []string{"1080ti_1", "1080ti_32", "1080ti_256", "silver_4114", "silver_4210r", "samsung_a50",
		"pixel3", "essential_ph_1", "samsung_s7", "titanx_1", "titanx_32", "titanx_256", "gold_6240"}
)
