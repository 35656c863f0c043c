package arch

import (
	"fmt"
	"slices"
	"strings"
)

// ReleasedSource is where BlockProfile's released reduced spaces come from: the
// constants file of the authors' random-mutation search (Mills et al., BlockProfile,
// github.com/Ascend-Research/BlockProfile at commit 0a1d11d). Which constants make up
// one space is read from the same repository's search/rm_search/README.md, whose
// "With insight" commands pass one device name to -space_id (the blocks, through
// get_*_stage_level_cands in search/rm_search/ofa_profile/search_utils.py),
// -stage_block_count_type (the depth caps, get_*_max_n_blocks_per_stage) and
// -mutate_prob_type (the stage mutation probabilities, get_*_stage_level_mutate_probs).
const ReleasedSource = "github.com/Ascend-Research/BlockProfile@0a1d11d, search/rm_search/ofa_profile/constants.py"

// ReleasedReduction is one of BlockProfile's released hardware-reduced spaces: the
// space (the supernet width, the blocks dropped, the stage-depth caps) and the settings
// the released random-mutation search ran it with.
//
// Every released block list is the same in every stage (each stage's tuple of
// *_STAGE_WISE_BLOCK_CANDS_* in constants.py is identical), so one Drop holds it. The
// minimum stage depth is the family's 2 (the released sampler draws 2..cap, the
// mutator's min_stage_block_counts are 2), so MinDepth is nil. A device without a
// *_STAGE_N_BLOCKS_* constant (the NPU) was searched with the default caps 4,4,4,4,4
// (its README command sets no -stage_block_count_type), so MaxDepth is nil.
//
// BlockProfile's ProxylessNAS has a sixth stage of one block (the trailing 1 of
// OFA_PN_STAGE_N_BLOCKS_*), whose kernel and expand ratio its search draws from the
// same list; this project fixes that block at k3e6, which every released list keeps.
type ReleasedReduction struct {
	// Name is the space's name on the command line (--reduced), e.g. bp-note10.
	Name string
	// Device is the hardware the space was reduced for, as the released search
	// README's "Available Predictors" names it.
	Device string
	// Space is the reduced space: the family at BlockProfile's supernet width
	// (OFA_W_MBV3 = 1.2, OFA_W_PN = 1.3), with the blocks and depths it leaves out.
	Space Space
	// StageMutationProbs is the search setting *_STAGE_WISE_MUTATE_PROBS_*: the
	// probability that one mutation changes each of the 5 stages of the "d" list (the
	// released mutator draws every stage's coin and draws them all again until at least
	// one stage is chosen, then adds, removes or swaps one block in each chosen stage).
	StageMutationProbs []float64
	// LastBlockMutationProb is the released probability for ProxylessNAS's sixth,
	// one-block stage (0 for OFA-MobileNetV3, which has none). That block is fixed
	// here, so a search of this project's architectures cannot mutate it; the value
	// is kept so that a search can reproduce how often the released one picks only
	// that stage.
	LastBlockMutationProb float64
	// SearchResolution is the input resolution of the released searches (224 px, the
	// README commands' -resolution). It is a run setting, not part of constants.py,
	// so Space leaves the resolution free.
	SearchResolution int
	// Source names the constants of ReleasedSource the reduction is built from.
	Source string
}

// The devices of BlockProfile's released searches (search/rm_search/README.md,
// "Available Predictors").
const (
	deviceNote10 = "Samsung Note10"
	deviceNPU    = "Huawei NPU"
	deviceGPU    = "Nvidia RTX 2080 Ti"
	deviceCPU    = "AMD Threadripper 2990WX"
)

// BlockProfile's supernet widths, OFA_W_MBV3 and OFA_W_PN, and the resolution of every
// README search command (-resolution 224).
const (
	releasedWidthMBv3      = 1.2
	releasedWidthProxyless = 1.3
	releasedResolution     = 224
)

// released is every released reduction, OFA-MobileNetV3's then ProxylessNAS's, in the
// order ReleasedSpaceNames lists them. Blocks are in Blocks order (kernel-major);
// BlockProfile writes k7e3 as "mbconv3_e3_k7" (OFA-MobileNetV3) or "mbconv2_e3_k7"
// (ProxylessNAS).
var released = []ReleasedReduction{
	{
		Name: "bp-note10", Device: deviceNote10, SearchResolution: releasedResolution,
		// MBV3_STAGE_WISE_BLOCK_CANDS_N10: every stage "Dropped e3k7, e4k7";
		// OFA_MBV3_STAGE_N_BLOCKS_N10 = (3, 4, 4, 4, 4).
		Space: Space{Family: OFAMBv3, Width: releasedWidthMBv3,
			Drop:     []Block{{7, 3}, {7, 4}},
			MaxDepth: []int{3, 4, 4, 4, 4}},
		StageMutationProbs: []float64{0.5, 0.5, 0.5, 0.5, 0.5}, // MBV3_STAGE_WISE_MUTATE_PROBS_N10
		Source:             "MBV3_STAGE_WISE_BLOCK_CANDS_N10, OFA_MBV3_STAGE_N_BLOCKS_N10, MBV3_STAGE_WISE_MUTATE_PROBS_N10",
	},
	{
		Name: "bp-gpu", Device: deviceGPU, SearchResolution: releasedResolution,
		// MBV3_STAGE_WISE_BLOCK_CANDS_GPU: every stage "Dropped e3k3, e3k7, e4k3";
		// OFA_MBV3_STAGE_N_BLOCKS_GPU = (4, 3, 4, 3, 3).
		Space: Space{Family: OFAMBv3, Width: releasedWidthMBv3,
			Drop:     []Block{{3, 3}, {3, 4}, {7, 3}},
			MaxDepth: []int{4, 3, 4, 3, 3}},
		StageMutationProbs: []float64{0.5, 0.5, 0.5, 0.5, 0.5}, // MBV3_STAGE_WISE_MUTATE_PROBS_GPU
		Source:             "MBV3_STAGE_WISE_BLOCK_CANDS_GPU, OFA_MBV3_STAGE_N_BLOCKS_GPU, MBV3_STAGE_WISE_MUTATE_PROBS_GPU",
	},
	{
		Name: "bp-cpu", Device: deviceCPU, SearchResolution: releasedResolution,
		// MBV3_STAGE_WISE_BLOCK_CANDS_CPU: all 9 blocks in every stage;
		// OFA_MBV3_STAGE_N_BLOCKS_CPU = (3, 3, 3, 4, 4).
		Space: Space{Family: OFAMBv3, Width: releasedWidthMBv3,
			MaxDepth: []int{3, 3, 3, 4, 4}},
		StageMutationProbs: []float64{0.5, 0.5, 0.5, 0.5, 0.5}, // MBV3_STAGE_WISE_MUTATE_PROBS_CPU
		Source:             "MBV3_STAGE_WISE_BLOCK_CANDS_CPU, OFA_MBV3_STAGE_N_BLOCKS_CPU, MBV3_STAGE_WISE_MUTATE_PROBS_CPU",
	},
	{
		Name: "bp-npu", Device: deviceNPU, SearchResolution: releasedResolution,
		// MBV3_STAGE_WISE_BLOCK_CANDS_NPU: every stage "Dropped all k7"; no depth caps.
		Space: Space{Family: OFAMBv3, Width: releasedWidthMBv3,
			Drop: []Block{{7, 3}, {7, 4}, {7, 6}}},
		StageMutationProbs: []float64{0.25, 0.25, 0.25, 0.5, 0.5}, // MBV3_STAGE_WISE_MUTATE_PROBS_NPU
		Source:             "MBV3_STAGE_WISE_BLOCK_CANDS_NPU, MBV3_STAGE_WISE_MUTATE_PROBS_NPU",
	},
	{
		Name: "bp-gpu", Device: deviceGPU, SearchResolution: releasedResolution,
		// PN_STAGE_WISE_BLOCK_CANDS_GPU: every stage "Remove e3k3, e3k7, e4k3";
		// OFA_PN_STAGE_N_BLOCKS_GPU = (3, 3, 3, 4, 4, 1).
		Space: Space{Family: ProxylessNAS, Width: releasedWidthProxyless,
			Drop:     []Block{{3, 3}, {3, 4}, {7, 3}},
			MaxDepth: []int{3, 3, 3, 4, 4}},
		StageMutationProbs:    []float64{0.5, 0.5, 0.5, 0.5, 0.5}, // PN_STAGE_WISE_MUTATE_PROBS_GPU
		LastBlockMutationProb: 0.5,
		Source:                "PN_STAGE_WISE_BLOCK_CANDS_GPU, OFA_PN_STAGE_N_BLOCKS_GPU, PN_STAGE_WISE_MUTATE_PROBS_GPU",
	},
	{
		Name: "bp-cpu", Device: deviceCPU, SearchResolution: releasedResolution,
		// PN_STAGE_WISE_BLOCK_CANDS_CPU: all 9 blocks in every stage;
		// OFA_PN_STAGE_N_BLOCKS_CPU = (3, 3, 4, 4, 4, 1).
		Space: Space{Family: ProxylessNAS, Width: releasedWidthProxyless,
			MaxDepth: []int{3, 3, 4, 4, 4}},
		StageMutationProbs:    []float64{0.5, 0.5, 0.5, 0.5, 0.5}, // PN_STAGE_WISE_MUTATE_PROBS_CPU
		LastBlockMutationProb: 0.5,
		Source:                "PN_STAGE_WISE_BLOCK_CANDS_CPU, OFA_PN_STAGE_N_BLOCKS_CPU, PN_STAGE_WISE_MUTATE_PROBS_CPU",
	},
	{
		Name: "bp-npu", Device: deviceNPU, SearchResolution: releasedResolution,
		// PN_STAGE_WISE_BLOCK_CANDS_NPU: every stage "Dropped all k7"; no depth caps.
		Space: Space{Family: ProxylessNAS, Width: releasedWidthProxyless,
			Drop: []Block{{7, 3}, {7, 4}, {7, 6}}},
		StageMutationProbs:    []float64{0.25, 0.25, 0.25, 0.5, 0.5}, // PN_STAGE_WISE_MUTATE_PROBS_NPU
		LastBlockMutationProb: 0.5,
		Source:                "PN_STAGE_WISE_BLOCK_CANDS_NPU, PN_STAGE_WISE_MUTATE_PROBS_NPU",
	},
}

// ReleasedSpaceNames lists the released reduced spaces of a family (ReleasedSpace's
// names): bp-note10, bp-gpu, bp-cpu and bp-npu for ofa-mbv3; bp-gpu, bp-cpu and bp-npu
// for proxylessnas; nil for any other family, for which BlockProfile released none.
func ReleasedSpaceNames(family string) []string {
	var out []string
	for _, r := range released {
		if r.Space.Family == family {
			out = append(out, r.Name)
		}
	}
	return out
}

// Released returns the released reduction of a family by name, a copy the caller may
// change. An unknown family is an *UnknownSpaceError; a family without released
// reductions, or a name the family does not have, is an error listing the names that
// exist.
func Released(family, name string) (ReleasedReduction, error) {
	if !isFamily(family) {
		return ReleasedReduction{}, &UnknownSpaceError{family}
	}
	names := ReleasedSpaceNames(family)
	if len(names) == 0 {
		var have []string
		for _, f := range []string{OFAMBv3, ProxylessNAS} {
			have = append(have, f+" ("+strings.Join(ReleasedSpaceNames(f), ", ")+")")
		}
		return ReleasedReduction{}, fmt.Errorf("reduced space %q: BlockProfile released no reduced space of %s, only of %s", name, family, strings.Join(have, " and "))
	}
	for _, r := range released {
		if r.Space.Family == family && r.Name == name {
			r.Space.Drop = slices.Clone(r.Space.Drop)
			r.Space.MaxDepth = slices.Clone(r.Space.MaxDepth)
			r.StageMutationProbs = slices.Clone(r.StageMutationProbs)
			return r, nil
		}
	}
	return ReleasedReduction{}, fmt.Errorf("reduced space %q: %s has no such released reduced space (its names: %s)", name, family, strings.Join(names, ", "))
}

// ReleasedSpace returns a BlockProfile released reduced space of a family by name
// (ReleasedSpaceNames), e.g. ReleasedSpace("ofa-mbv3", "bp-note10") is
// ofa-mbv3:width=1.2:drop=k7e3,k7e4:max-depth=3,4,4,4,4. Its errors are Released's.
func ReleasedSpace(family, name string) (Space, error) {
	r, err := Released(family, name)
	return r.Space, err
}

// ReleasedFor names BlockProfile's released reduced space of OFA-MobileNetV3 for the
// kind of hardware a latency metric measures ("" for none): the Note10 tables
// (note10_r<RES>) get bp-note10, the RTX 2080 Ti predictors (gpu_2080ti_<batch>)
// bp-gpu (BlockProfile's GPU is an RTX 2080 Ti), and this machine's latency
// ("predicted", "measured", "local_lut": a desktop CPU) bp-cpu, which BlockProfile reduced for an AMD
// Threadripper 2990WX: the nearest kind, not the same hardware. FLOPs and the other
// devices have no released space.
func ReleasedFor(metric string) string {
	switch {
	case strings.HasPrefix(metric, "note10_"):
		return "bp-note10"
	case strings.HasPrefix(metric, "gpu_2080ti_"):
		return "bp-gpu"
	case metric == "predicted" || metric == "measured" || metric == "local_lut":
		return "bp-cpu"
	}
	return ""
}
