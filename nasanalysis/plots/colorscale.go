package plots

import (
	"fmt"
	"image/color"
	"math"
	"slices"

	"gonum.org/v1/plot/palette"
	"gonum.org/v1/plot/palette/brewer"
	"gonum.org/v1/plot/palette/moreland"
)

// ColorScale is how a heatmap maps its values to colours.
type ColorScale int

const (
	// AutoScale, the zero value, is Diverging when the heatmap's values are Signed and
	// have both signs, and Sequential otherwise.
	AutoScale ColorScale = iota
	// Sequential runs from light at the low end to dark at the high end, its lightness
	// (CIE L*) linear in the value: for quantities that go one way, such as latency,
	// FLOPs, accuracy or a correlation. The colours are ColorBrewer's yellow-green-blue
	// (YlGnBu, rated safe for colour-blind readers), interpolated by moreland's
	// luminance map.
	Sequential
	// Diverging is neutral grey at 0 and darkens to blue below and red above, as fast
	// on either side: for signed shifts (a latency change, an accuracy difference),
	// where the sign is the news. Its range is centred on 0, from -m to m with m the
	// larger magnitude of the range's ends, so that equal shifts either way get equally
	// strong colours. The colours are Moreland's cool-warm map (moreland.SmoothBlueRed).
	Diverging
)

// String names the scale as its constant does.
func (s ColorScale) String() string {
	switch s {
	case AutoScale:
		return "AutoScale"
	case Sequential:
		return "Sequential"
	case Diverging:
		return "Diverging"
	}
	return fmt.Sprintf("ColorScale(%d)", int(s))
}

// sequentialBrewer names the ColorBrewer scheme and class count of the sequential map:
// nine classes, the most YlGnBu has, give the interpolation the most control points.
const (
	sequentialBrewer  = "YlGnBu"
	sequentialClasses = 9
)

// sequentialMap is a new Sequential colour map, light at its minimum.
func sequentialMap() palette.ColorMap {
	p, err := brewer.GetPalette(brewer.TypeSequential, sequentialBrewer, sequentialClasses)
	if err != nil {
		panic(fmt.Sprintf("plots: ColorBrewer %s with %d classes: %v", sequentialBrewer, sequentialClasses, err))
	}
	// moreland's luminance map wants its controls in rising lightness: YlGnBu runs
	// light to dark, so it goes in reversed and the map is reversed back.
	controls := slices.Clone(p.Colors())
	slices.Reverse(controls)
	cm, err := moreland.NewLuminance(controls)
	if err != nil {
		panic(fmt.Sprintf("plots: ColorBrewer %s is not monotone in lightness: %v", sequentialBrewer, err))
	}
	return reversed{cm}
}

// reversed is a colour map turned end for end. gonum's palette.Reverse does the same
// but its Palette leaves the middle colour of an odd count nil (plot v0.17.0), and a
// heatmap asks for 255.
type reversed struct{ palette.ColorMap }

// At is the colour of the mirror value: the map's minimum gets its maximum's colour.
func (r reversed) At(v float64) (color.Color, error) {
	return r.ColorMap.At(r.Max() - (v - r.Min()))
}

// Palette is n colours evenly over the range, from the minimum's.
func (r reversed) Palette(n int) palette.Palette {
	c := r.ColorMap.Palette(n).Colors()
	out := make([]color.Color, n)
	for i := range out {
		out[i] = c[n-1-i]
	}
	return colors(out)
}

// colors is a palette.Palette of the given colours.
type colors []color.Color

// Colors implements palette.Palette.
func (c colors) Colors() []color.Color { return c }

// divergingMap is a new Diverging colour map.
func divergingMap() palette.ColorMap { return moreland.SmoothBlueRed() }

// hasBothSigns reports whether the finite values include one below 0 and one above.
func hasBothSigns(m [][]float64) bool {
	neg, pos := false, false
	for _, row := range m {
		for _, v := range row {
			if finite(v) {
				neg, pos = neg || v < 0, pos || v > 0
			}
		}
	}
	return neg && pos
}

// scale is the colour scale the heatmap draws with: Scale when set, else Diverging for
// Signed values of both signs and Sequential for the rest.
func (h Heatmap) scale() ColorScale {
	if h.Scale != AutoScale {
		return h.Scale
	}
	if h.Signed && hasBothSigns(h.Values) {
		return Diverging
	}
	return Sequential
}

// Colors is the colour map the heatmap's figure draws with, its range set, and the
// scale it stands for: ColorMap when set, else the scale's map (see ColorScale), over
// [Min, Max] when either is set and else over the range SharedRange fits to the
// values; a Diverging range is widened to be centred on 0. Cells outside the range take
// its end colours.
func (h Heatmap) Colors() (palette.ColorMap, ColorScale) {
	s := h.scale()
	lo, hi := h.colorRange()
	if s == Diverging {
		m := math.Max(math.Abs(lo), math.Abs(hi))
		lo, hi = -m, m
	}
	cm := h.ColorMap
	switch {
	case cm != nil:
	case s == Diverging:
		cm = divergingMap()
	default:
		cm = sequentialMap()
	}
	// moreland's diverging map puts its centre at the midpoint of its ends: 0 here.
	cm.SetMin(lo)
	cm.SetMax(hi)
	return cm, s
}
