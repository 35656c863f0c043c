package arch

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"slices"
	"strconv"
	"strings"
)

// Space is a design space to sample, search and profile: an architecture family (one of
// Spaces()), optionally restricted to one supernet width, some input resolutions, fewer
// blocks and a range of depths per stage. The restricted spaces are the hardware-specific
// spaces of Mills et al.'s BlockProfile: its released code drops the blocks a device
// runs badly and caps the stage depths, e.g. OFA-MobileNetV3 for the Samsung Note10 at
// depths at most 3, 4, 4, 4, 4.
//
// A zero field leaves its choice unrestricted: Sample draws it as the family does (the
// default width, the family's sampled resolutions, every block and depth) and Check
// accepts any valid value. Only the OFA families (BlockSpaces) have restrictions; a
// NAS-Bench-201 or FBNet space is its family alone.
//
// The text form (String, ParseSpace) is the family followed by the restrictions as
// key=value fields joined by ':', named as the command line's flags:
//
//	proxylessnas:width=1:res=224:drop=k3e4,k5e4,k7e4:max-depth=3,4,4,4,4
type Space struct {
	// Family is the architecture family: nb201, fbnet, ofa-mbv3, proxylessnas or
	// ofa-resnet50.
	Family string
	// Width is the supernet width multiplier of the mobile families, one of
	// MBSpace.Widths (0: the family's default when sampling, any width when checking).
	Width float64
	// Resolutions are the input resolutions in px, each at most once (nil: the family's
	// sampled ones, MBResolutions or ResNetResolutions, when sampling; any resolution the
	// networks run at when checking).
	Resolutions []int
	// Drop are the blocks left out, in every block slot (Blocks lists a family's).
	Drop []Block
	// MinDepth and MaxDepth bound, entry by entry, the architectures' "d" list (nil: the
	// family's range). The mobile families have 5 entries, the stages' depths 2..4; OFA-
	// ResNet50 has 5 too: the input stem's (0 or 2), then the 4 stages' extra blocks 0..2.
	MinDepth, MaxDepth []int
}

// ErrNilRand is the error of Space.Sample and Space.Repair given a nil *rand.Rand: every
// draw of this project comes from an explicit, seeded generator.
var ErrNilRand = errors.New("nil *rand.Rand: give a seeded generator, e.g. rand.New(rand.NewPCG(seed, 0))")

// mbSpaceOf is the macro network of a mobile family, nil for another family.
func mbSpaceOf(family string) *MBSpace {
	switch family {
	case OFAMBv3:
		return MBv3
	case ProxylessNAS:
		return Proxyless
	}
	return nil
}

// The values each entry of the "d" list takes: 5 stages of 2..4 blocks in the mobile
// families; OFA-ResNet50's input stem (0 or 2), then 4 stages of 0..2 extra blocks.
var (
	mbDepthChoices     = slices.Repeat([][]int{MBDepths}, mbStages)
	resNetDepthChoices = append([][]int{{0, 2}}, slices.Repeat([][]int{ResNetDepths}, len(resNetBaseDepth))...)
)

// familyDepths are the values each entry of a family's "d" list takes (nil: a family
// without stage depths). The caller must not change them.
func familyDepths(family string) [][]int {
	switch family {
	case OFAMBv3, ProxylessNAS:
		return mbDepthChoices
	case OFAResNet50:
		return resNetDepthChoices
	}
	return nil
}

// isFamily reports whether name is one of Spaces(), without building the list.
func isFamily(name string) bool {
	switch name {
	case NB201, FBNet, OFAMBv3, ProxylessNAS, OFAResNet50:
		return true
	}
	return false
}

// familyBlocks is the number of a family's blocks (Blocks), without building the list.
func familyBlocks(family string) int {
	switch family {
	case OFAMBv3, ProxylessNAS:
		return len(MBKernels) * len(MBExpands)
	case OFAResNet50:
		return len(ResNetExpands)
	}
	return 0
}

// familyResolutions are the resolutions a family's networks are sampled at (nil: a
// family without a resolution choice).
func familyResolutions(family string) []int {
	switch family {
	case OFAMBv3, ProxylessNAS:
		return MBResolutions
	case OFAResNet50:
		return ResNetResolutions
	}
	return nil
}

// isBlockOf reports whether b is one of family's blocks, without building the list.
func isBlockOf(family string, b Block) bool {
	switch family {
	case OFAMBv3, ProxylessNAS:
		return slices.Contains(MBKernels, b.Kernel) && b.Expand == float64(int(b.Expand)) && slices.Contains(MBExpands, int(b.Expand))
	case OFAResNet50:
		return b.Kernel == 0 && slices.Contains(ResNetExpands, b.Expand)
	}
	return false
}

// Validate checks the space against its family: a known family; a width, resolutions
// and depth caps the family has, each depth range holding at least one of the family's
// depths; dropped blocks of the family, not all of them. The error names the field and
// value, as the command line's flags name them.
func (s Space) Validate() error {
	if !isFamily(s.Family) {
		return &UnknownSpaceError{s.Family}
	}
	if familyBlocks(s.Family) == 0 {
		if s.Width != 0 || len(s.Resolutions) > 0 || len(s.Drop) > 0 || s.MinDepth != nil || s.MaxDepth != nil {
			return fmt.Errorf("space %s: %s has no width, resolution, block or depth to restrict (only %s do)", s, s.Family, strings.Join(BlockSpaces, ", "))
		}
		return nil
	}
	if s.Width != 0 {
		sp := mbSpaceOf(s.Family)
		if sp == nil {
			return fmt.Errorf("space %s: width = %v, but %s has no supernet width (its widths are per stage, in each architecture's \"w\")", s.Family, s.Width, s.Family)
		}
		if !slices.Contains(sp.Widths, s.Width) {
			return fmt.Errorf("space %s: width = %v, want one of %v", s.Family, s.Width, sp.Widths)
		}
	}
	for i, r := range s.Resolutions {
		if !RunResolutions.Contains(r) {
			return fmt.Errorf("space %s: res = %d, want an input resolution of %s", s.Family, r, RunResolutions)
		}
		if slices.Contains(s.Resolutions[:i], r) {
			return fmt.Errorf("space %s: res %d is listed twice", s.Family, r)
		}
	}
	if err := s.validateDrop(); err != nil {
		return err
	}
	return s.validateDepths()
}

func (s Space) validateDrop() error {
	if len(s.Drop) == 0 {
		return nil
	}
	var distinct []Block
	for _, b := range s.Drop {
		if !isBlockOf(s.Family, b) {
			all, _ := Blocks(s.Family)
			return fmt.Errorf("space %s: block %s is not a block of %s (blocks: %s)", s.Family, b, s.Family, blockList(all))
		}
		if !slices.Contains(distinct, b) {
			distinct = append(distinct, b)
		}
	}
	if len(distinct) == familyBlocks(s.Family) {
		return fmt.Errorf("space %s: drop = %s leaves no block", s.Family, blockList(s.Drop))
	}
	return nil
}

func (s Space) validateDepths() error {
	if s.MinDepth == nil && s.MaxDepth == nil {
		return nil
	}
	choices := familyDepths(s.Family)
	for _, c := range []struct {
		flag string
		v    []int
	}{{"min-depth", s.MinDepth}, {"max-depth", s.MaxDepth}} {
		if c.v == nil {
			continue
		}
		if len(c.v) != len(choices) {
			return fmt.Errorf("space %s: %s has %d values (%s), want %d, one per entry of the architectures' \"d\" list", s.Family, c.flag, len(c.v), intList(c.v), len(choices))
		}
		for i, d := range c.v {
			lo, hi := slices.Min(choices[i]), slices.Max(choices[i])
			if d < lo || d > hi {
				return fmt.Errorf("space %s: %s value %d (d[%d]) = %d, want %d..%d", s.Family, c.flag, i+1, i, d, lo, hi)
			}
		}
	}
	for i := range choices {
		if lo, hi := s.depthBounds(i, choices); !slices.ContainsFunc(choices[i], func(d int) bool { return d >= lo && d <= hi }) {
			return fmt.Errorf("space %s: d[%d] range %d..%d (min-depth %d, max-depth %d) holds none of its depths %v", s.Family, i, lo, hi, lo, hi, choices[i])
		}
	}
	return nil
}

// depthBounds is the range of entry i of the "d" list.
func (s Space) depthBounds(i int, choices [][]int) (lo, hi int) {
	lo, hi = slices.Min(choices[i]), slices.Max(choices[i])
	if s.MinDepth != nil {
		lo = s.MinDepth[i]
	}
	if s.MaxDepth != nil {
		hi = s.MaxDepth[i]
	}
	return lo, hi
}

// depthsAt lists the family's depths for entry i of the "d" list that the space allows.
func (s Space) depthsAt(i int, choices [][]int) []int {
	lo, hi := s.depthBounds(i, choices)
	var out []int
	for _, d := range choices[i] {
		if d >= lo && d <= hi {
			out = append(out, d)
		}
	}
	return out
}

// Depths lists, for each entry of the architectures' "d" list, the depths the space
// allows (nil for a family without depths). The space must be valid.
func (s Space) Depths() [][]int {
	choices := familyDepths(s.Family)
	if choices == nil {
		return nil
	}
	out := make([][]int, len(choices))
	for i := range choices {
		out[i] = s.depthsAt(i, choices)
	}
	return out
}

// Keep lists the blocks of the space: the family's blocks without the dropped ones
// (nil for a family without blocks).
func (s Space) Keep() []Block {
	all, err := Blocks(s.Family)
	if err != nil {
		return nil
	}
	return slices.DeleteFunc(all, func(b Block) bool { return slices.Contains(s.Drop, b) })
}

// SampleWidth is the supernet width Sample draws at: Width, or the mobile family's
// default (0 for the other families).
func (s Space) SampleWidth() float64 {
	if s.Width != 0 {
		return s.Width
	}
	if sp := mbSpaceOf(s.Family); sp != nil {
		return sp.DefaultWidth
	}
	return 0
}

// SampleResolutions are the resolutions Sample draws from: Resolutions, or the family's
// (nil for a family without a resolution choice).
func (s Space) SampleResolutions() []int {
	if len(s.Resolutions) > 0 {
		return s.Resolutions
	}
	return familyResolutions(s.Family)
}

// Restricted reports whether the space is smaller than its family.
func (s Space) Restricted() bool {
	return s.Width != 0 || len(s.Resolutions) > 0 || len(s.Drop) > 0 || s.MinDepth != nil || s.MaxDepth != nil
}

// Sample draws one architecture of the space: the family's sample at the space's width,
// with its resolution drawn uniformly from Resolutions when there are several, then
// Repair. Every choice is then uniform over what the space allows (the family draws
// each uniformly, and Repair redraws the ones outside uniformly among the allowed), and
// an unrestricted space draws exactly the family's sample, from the same random numbers.
// A nil rng is ErrNilRand.
func (s Space) Sample(rng *rand.Rand) (Arch, error) {
	if rng == nil {
		return nil, fmt.Errorf("space %s: Sample: %w", s, ErrNilRand)
	}
	if err := s.Validate(); err != nil {
		return nil, err
	}
	var a Arch
	if sp := mbSpaceOf(s.Family); sp != nil {
		a = sp.Sample(rng, s.Width)
	} else {
		var err error
		if a, err = Sample(s.Family, rng); err != nil {
			return nil, err
		}
	}
	if len(s.Resolutions) > 1 {
		a = withResolution(a, s.Resolutions[rng.IntN(len(s.Resolutions))])
	}
	return s.repairOwned(a, rng)
}

// withResolution returns an OFA architecture of its own (fresh from a sample) at
// resolution r.
func withResolution(a Arch, r int) Arch {
	switch a := a.(type) {
	case MBArch:
		a.R = r
		return a
	case ResNetArch:
		a.R = r
		return a
	}
	return a
}

// familyOf names the family of an architecture.
func familyOf(a Arch) string {
	switch a := a.(type) {
	case MBArch:
		return a.Space().Name
	case ResNetArch:
		return OFAResNet50
	case Cell:
		return NB201
	case FBNetArch:
		return FBNet
	}
	return fmt.Sprintf("%T", a)
}

// Repair returns a copy of a inside the space: every slot holding a dropped block (the
// inactive slots too: a mutation can make them active) redrawn uniformly among the kept
// blocks, every stage depth outside its range redrawn uniformly within it, the width set
// to the space's, and a resolution outside Resolutions set to the one resolution or
// drawn uniformly among several. It is how a search keeps mutants and children inside
// the space; an architecture already inside comes back unchanged and draws nothing. An
// architecture of another family is an error, and so is a nil rng (ErrNilRand).
func (s Space) Repair(a Arch, rng *rand.Rand) (Arch, error) {
	if rng == nil {
		return nil, fmt.Errorf("space %s: Repair: %w", s, ErrNilRand)
	}
	if err := s.Validate(); err != nil {
		return nil, err
	}
	return s.repair(a, rng)
}

// repair is Repair for a valid space and a non-nil rng: it changes a copy of a.
func (s Space) repair(a Arch, rng *rand.Rand) (Arch, error) {
	switch b := a.(type) {
	case MBArch:
		a = b.Clone()
	case ResNetArch:
		a = b.Clone()
	}
	return s.repairOwned(a, rng)
}

// repairOwned is repair changing a itself, an architecture no one else holds (a fresh
// sample or copy).
func (s Space) repairOwned(a Arch, rng *rand.Rand) (Arch, error) {
	if f := familyOf(a); f != s.Family {
		return nil, fmt.Errorf("%s is an architecture of %s, not of the space %s", a, f, s)
	}
	var keep []Block // built on the first dropped block found
	redraw := func() Block {
		if keep == nil {
			keep = s.Keep()
		}
		return keep[rng.IntN(len(keep))]
	}
	depths := func(d []int) {
		if s.MinDepth == nil && s.MaxDepth == nil {
			return
		}
		choices := familyDepths(s.Family)
		for i := range d {
			if lo, hi := s.depthBounds(i, choices); d[i] < lo || d[i] > hi {
				allowed := s.depthsAt(i, choices)
				d[i] = allowed[rng.IntN(len(allowed))]
			}
		}
	}
	resolution := func(r *int) {
		if len(s.Resolutions) == 0 || slices.Contains(s.Resolutions, *r) {
			return
		}
		if len(s.Resolutions) == 1 {
			*r = s.Resolutions[0]
			return
		}
		*r = s.Resolutions[rng.IntN(len(s.Resolutions))]
	}
	switch a := a.(type) {
	case MBArch:
		for i := range a.KS {
			if slices.Contains(s.Drop, Block{a.KS[i], float64(a.E[i])}) {
				b := redraw()
				a.KS[i], a.E[i] = b.Kernel, int(b.Expand)
			}
		}
		depths(a.D)
		if s.Width != 0 && a.Width() != s.Width {
			a.W = s.Width
		}
		resolution(&a.R)
		return a, nil
	case ResNetArch:
		for i, e := range a.E {
			if slices.Contains(s.Drop, Block{Expand: e}) {
				a.E[i] = redraw().Expand
			}
		}
		depths(a.D)
		resolution(&a.R)
		return a, nil
	}
	return a, nil
}

// Check returns nil when a lies in the space, else an error naming the first choice
// outside it: the family, the width, the resolution, a slot holding a dropped block
// (inactive slots included: a mutation can make them active) or a stage depth.
func (s Space) Check(a Arch) error {
	if f := familyOf(a); f != s.Family {
		return fmt.Errorf("%s is an architecture of %s, not of the space %s", a, f, s)
	}
	var d []int
	switch a := a.(type) {
	case MBArch:
		if s.Width != 0 && a.Width() != s.Width {
			return fmt.Errorf("%s: w = %v, but the space %s has width %v", a, a.Width(), s, s.Width)
		}
		if len(s.Resolutions) > 0 && !slices.Contains(s.Resolutions, a.R) {
			return fmt.Errorf("%s: r = %d, but the space %s has resolutions %s", a, a.R, s, intList(s.Resolutions))
		}
		for i := range a.KS {
			if b := (Block{a.KS[i], float64(a.E[i])}); slices.Contains(s.Drop, b) {
				return fmt.Errorf("%s: slot %d (stage %d, layer %d) holds %s, which the space %s drops", a, i, i/mbSlots, i%mbSlots, b, s)
			}
		}
		d = a.D
	case ResNetArch:
		if len(s.Resolutions) > 0 && !slices.Contains(s.Resolutions, a.R) {
			return fmt.Errorf("%s: r = %d, but the space %s has resolutions %s", a, a.R, s, intList(s.Resolutions))
		}
		for i, e := range a.E {
			if b := (Block{Expand: e}); slices.Contains(s.Drop, b) {
				return fmt.Errorf("%s: slot %d holds %s, which the space %s drops", a, i, b, s)
			}
		}
		d = a.D
	}
	if s.MinDepth != nil || s.MaxDepth != nil {
		choices := familyDepths(s.Family)
		for i := range min(len(d), len(choices)) {
			if lo, hi := s.depthBounds(i, choices); d[i] < lo || d[i] > hi {
				return fmt.Errorf("%s: d[%d] = %d, but the space %s allows %d..%d", a, i, d[i], s, lo, hi)
			}
		}
	}
	return nil
}

// Contains reports whether a lies in the space (Check returns nil).
func (s Space) Contains(a Arch) bool { return s.Check(a) == nil }

// FixError is a block fix outside a space: its block is dropped, or its position
// needs a stage deeper than the space allows.
type FixError struct {
	Fix   Fix
	Space Space
	Why   string
}

func (e *FixError) Error() string {
	return fmt.Sprintf("fix %s is outside the space %s: %s", e.Fix, e.Space, e.Why)
}

// CheckFix returns a *FixError when fixing f with deepening d can leave the space: its
// block is dropped, or its position needs a stage deeper than MaxDepth (the fix raises
// a shallower stage to layer+1 blocks, or to layer under DeepenAsReleased). A fix that
// passes keeps every architecture of the space inside it.
func (s Space) CheckFix(f Fix, d Deepen) error {
	if slices.Contains(s.Drop, f.Block) {
		return &FixError{f, s, "its block " + f.Block.String() + " is dropped"}
	}
	if s.MaxDepth == nil {
		return nil
	}
	entry, need := f.Stage, f.Layer+1 // the "d" entry the fix deepens, and to what
	if s.Family == OFAResNet50 {
		entry, need = f.Stage+1, f.Layer+1-resNetBaseDepth[min(max(f.Stage, 0), len(resNetBaseDepth)-1)]
	}
	if d == DeepenAsReleased {
		need--
	}
	if entry >= 0 && entry < len(s.MaxDepth) && need > s.MaxDepth[entry] {
		return &FixError{f, s, fmt.Sprintf("it needs d[%d] = %d, above max-depth %d", entry, need, s.MaxDepth[entry])}
	}
	return nil
}

// Space field keys of the text form, in the order String writes them.
const (
	spaceWidth    = "width"
	spaceRes      = "res"
	spaceDrop     = "drop"
	spaceMinDepth = "min-depth"
	spaceMaxDepth = "max-depth"
)

var spaceKeys = []string{spaceWidth, spaceRes, spaceDrop, spaceMinDepth, spaceMaxDepth}

// String is the text form ParseSpace reads: the family, then each restriction as
// key=value, joined by ':' (ofa-mbv3:drop=k7e6:max-depth=3,4,4,4,4).
func (s Space) String() string {
	parts := []string{s.Family}
	if s.Width != 0 {
		parts = append(parts, spaceWidth+"="+strconv.FormatFloat(s.Width, 'g', -1, 64))
	}
	if len(s.Resolutions) > 0 {
		parts = append(parts, spaceRes+"="+intList(s.Resolutions))
	}
	if len(s.Drop) > 0 {
		parts = append(parts, spaceDrop+"="+blockList(s.Drop))
	}
	if s.MinDepth != nil {
		parts = append(parts, spaceMinDepth+"="+intList(s.MinDepth))
	}
	if s.MaxDepth != nil {
		parts = append(parts, spaceMaxDepth+"="+intList(s.MaxDepth))
	}
	return strings.Join(parts, ":")
}

func intList(v []int) string {
	s := make([]string, len(v))
	for i, x := range v {
		s[i] = strconv.Itoa(x)
	}
	return strings.Join(s, ",")
}

// ParseInts reads a comma-separated list of integers, such as a --max-depth value; the
// error names the item that is not one.
func ParseInts(list string) ([]int, error) {
	var out []int
	for _, tok := range strings.Split(list, ",") {
		v, err := strconv.Atoi(strings.TrimSpace(tok))
		if err != nil {
			return nil, fmt.Errorf("%q in %q is not an integer", strings.TrimSpace(tok), list)
		}
		out = append(out, v)
	}
	return out, nil
}

// ParseSpace reads a space's text form (String) and validates it: a family alone
// (ofa-mbv3) or followed by key=value fields joined by ':' — width=W, res=R[,R...],
// drop=BLOCK[,BLOCK...], min-depth=D,D,D,D,D and max-depth=D,D,D,D,D, each at most
// once. The error names the field and value.
func ParseSpace(text string) (Space, error) {
	fields := strings.Split(text, ":")
	s := Space{Family: strings.TrimSpace(fields[0])}
	if !isFamily(s.Family) {
		return Space{}, &UnknownSpaceError{s.Family}
	}
	seen := map[string]bool{}
	for _, f := range fields[1:] {
		key, val, ok := strings.Cut(f, "=")
		key, val = strings.TrimSpace(key), strings.TrimSpace(val)
		if !ok || !slices.Contains(spaceKeys, key) {
			return Space{}, fmt.Errorf("space %q: field %q, want key=value with key one of %s", text, f, strings.Join(spaceKeys, ", "))
		}
		if seen[key] {
			return Space{}, fmt.Errorf("space %q: %s given twice", text, key)
		}
		seen[key] = true
		var err error
		switch key {
		case spaceWidth:
			s.Width, err = strconv.ParseFloat(val, 64)
			if err == nil && !(s.Width > 0) {
				err = fmt.Errorf("want a positive width")
			}
			if err != nil {
				err = fmt.Errorf("width = %q is not a width multiplier: %w", val, err)
			}
		case spaceRes:
			s.Resolutions, err = ParseInts(val)
		case spaceDrop:
			s.Drop, err = ParseBlocks(s.Family, val)
			if err == nil && len(s.Drop) == 0 {
				err = fmt.Errorf("drop = %q lists no block", val)
			}
		case spaceMinDepth:
			s.MinDepth, err = ParseInts(val)
		case spaceMaxDepth:
			s.MaxDepth, err = ParseInts(val)
		}
		if err != nil {
			return Space{}, fmt.Errorf("space %q: %s: %w", text, key, err)
		}
	}
	if err := s.Validate(); err != nil {
		return Space{}, err
	}
	return s, nil
}
