package main

import (
	"slices"
	"strconv"
	"strings"

	"github.com/nasanalysis/nasanalysis/nasanalysis/arch"
)

// reducedHelp is the help of --reduced: the released names of each family, and how
// the flag combines with the other restrictions.
func reducedHelp() string {
	var fams []string
	for _, f := range []string{arch.OFAMBv3, arch.ProxylessNAS} {
		fams = append(fams, f+": "+strings.Join(arch.ReleasedSpaceNames(f), ", "))
	}
	return "BlockProfile's released reduced space of --space's family (" + strings.Join(fams, "; ") +
		"): its supernet width, dropped blocks and stage-depth caps (arch.ReleasedSpace). Both apply with --drop, --min-depth, --max-depth, --res " +
		"and --space's restrictions: their dropped blocks are added to the released ones, and a --min-depth or --max-depth narrows the released depths; " +
		"a --max-depth above a released cap, or another width, is refused as a conflict"
}

// withReduced restricts sp, the space the other flags give, to the released reduced
// space name of its family: the released width, the union of the dropped blocks, and
// the released depth caps unless sp has its own, which may only be lower or equal. A
// name the family lacks, another width or a higher cap is a usage error; the caller
// validates the result (a --min-depth above a released cap, or drops that leave no
// block).
func withReduced(sp arch.Space, name string) (arch.Space, error) {
	r, err := arch.ReleasedSpace(sp.Family, name)
	if err != nil {
		return arch.Space{}, usagef("--reduced: %v", err)
	}
	if sp.Width != 0 && sp.Width != r.Width {
		return arch.Space{}, usagef("--reduced %s is %s at width %v; width %v (from --width or --space) conflicts with it", name, sp.Family, r.Width, sp.Width)
	}
	sp.Width = r.Width
	for _, b := range r.Drop {
		if !slices.Contains(sp.Drop, b) {
			sp.Drop = append(sp.Drop, b)
		}
	}
	// Keep the family's block order, as arch.Blocks lists them, whatever order the flags gave.
	all, _ := arch.Blocks(sp.Family)
	if sp.Drop = slices.DeleteFunc(all, func(b arch.Block) bool { return !slices.Contains(sp.Drop, b) }); len(sp.Drop) == 0 {
		sp.Drop = nil
	}
	if sp.MaxDepth == nil {
		sp.MaxDepth = r.MaxDepth
	} else if r.MaxDepth != nil {
		for i, d := range sp.MaxDepth {
			if i < len(r.MaxDepth) && d > r.MaxDepth[i] {
				return arch.Space{}, usagef("max-depth %s (from --max-depth or --space) raises d[%d] to %d above --reduced %s's cap %d (its caps: %s); a restriction given with --reduced may only narrow it",
					joinInts(sp.MaxDepth), i, d, name, r.MaxDepth[i], joinInts(r.MaxDepth))
			}
		}
	}
	return sp, nil
}

func joinInts(v []int) string {
	s := make([]string, len(v))
	for i, x := range v {
		s[i] = strconv.Itoa(x)
	}
	return strings.Join(s, ",")
}
