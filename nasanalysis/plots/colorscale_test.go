package plots

import (
	"bytes"
	"image/color"
	"image/png"
	"math"
	"testing"
)

// lightness is the CIE L* of a colour (D65 white), from the sRGB definition (IEC
// 61966-2-1) and CIE 1976, written here apart from the code under test.
func lightness(c color.Color) float64 {
	r, g, b, _ := c.RGBA()
	lin := func(v uint32) float64 {
		x := float64(v) / 0xffff
		if x <= 0.04045 {
			return x / 12.92
		}
		return math.Pow((x+0.055)/1.055, 2.4)
	}
	y := 0.2126*lin(r) + 0.7152*lin(g) + 0.0722*lin(b)
	const d = 6.0 / 29
	f := math.Cbrt(y)
	if y <= d*d*d {
		f = y/(3*d*d) + 4.0/29
	}
	return 116*f - 16
}

func rgb8(c color.Color) [3]int {
	r, g, b, _ := c.RGBA()
	return [3]int{int(r >> 8), int(g >> 8), int(b >> 8)}
}

func near8(a, b [3]int, tol int) bool {
	for i := range a {
		if a[i]-b[i] > tol || b[i]-a[i] > tol {
			return false
		}
	}
	return true
}

// The scale follows the caller's word: unsigned values (latency, SRCC) are
// sequential whatever their signs; signed shifts are diverging only when both signs
// occur; an explicit scale is kept.
func TestColorScaleChoice(t *testing.T) {
	both := [][]float64{{-0.4, 0}, {0.1, 0.4}}
	positive := [][]float64{{0.1, 0.2}, {0.3, 0.4}}
	labels := []string{"a", "b"}
	for _, c := range []struct {
		name   string
		values [][]float64
		signed bool
		scale  ColorScale
		want   ColorScale
	}{
		{"unsigned, both signs", both, false, AutoScale, Sequential},
		{"signed, both signs", both, true, AutoScale, Diverging},
		{"signed, one sign", positive, true, AutoScale, Sequential},
		{"explicit diverging", positive, false, Diverging, Diverging},
		{"explicit sequential", both, true, Sequential, Sequential},
	} {
		h := Heatmap{Values: c.values, RowLabels: labels, ColLabels: labels, Signed: c.signed, Scale: c.scale}
		if _, got := h.Colors(); got != c.want {
			t.Errorf("%s: %v, want %v", c.name, got, c.want)
		}
		if _, err := h.Figure(); err != nil {
			t.Errorf("%s: %v", c.name, err)
		}
	}
	if _, err := (Heatmap{Values: both, RowLabels: labels, ColLabels: labels, Scale: Diverging + 1}).Figure(); err == nil {
		t.Error("unknown scale accepted")
	}
	if _, err := (Heatmap{Values: both, RowLabels: labels, ColLabels: labels, Min: 1, Max: 1}).Figure(); err == nil {
		t.Error("empty colour range accepted")
	}
}

// A diverging map is centred on 0: Moreland's published cool-warm colours (Moreland
// 2009, "Diverging Color Maps for Scientific Visualization", table of the cool-warm
// map) are grey (221, 221, 221) at 0, blue (59, 76, 192) at -max and red (180, 4, 38)
// at +max, however lopsided the values.
func TestDivergingCentredOnZero(t *testing.T) {
	grey, blue, red := [3]int{221, 221, 221}, [3]int{59, 76, 192}, [3]int{180, 4, 38}
	for _, c := range []struct {
		values [][]float64
		m      float64 // the fitted range's larger end, by hand from SharedRange's rounding
	}{
		{[][]float64{{-0.4, 0, 0.1}, {0.4, -0.2, 0.3}}, 0.4},
		{[][]float64{{-0.1, 0, 0.5}, {0.8, 0.2, 0.3}}, 0.8}, // fitted -0.1 to 0.8: widened to ±0.8
	} {
		h := Heatmap{Values: c.values, RowLabels: []string{"a", "b"}, ColLabels: []string{"x", "y", "z"}, Signed: true}
		cm, s := h.Colors()
		if s != Diverging || math.Abs(cm.Min()+c.m) > 1e-12 || math.Abs(cm.Max()-c.m) > 1e-12 {
			t.Fatalf("%v: %v over [%g, %g], want Diverging over ±%g", c.values, s, cm.Min(), cm.Max(), c.m)
		}
		for _, p := range []struct {
			v    float64
			want [3]int
		}{{0, grey}, {-c.m, blue}, {c.m, red}} {
			col, err := cm.At(p.v)
			if err != nil {
				t.Fatal(err)
			}
			if got := rgb8(col); !near8(got, p.want, 1) {
				t.Errorf("%v: colour at %g is %v, want %v", c.values, p.v, got, p.want)
			}
		}
	}

	// The figure paints those colours: a cell of 0 in the centre grey, the cells of
	// ±0.4 in the end colours (whole cells of them, less their labels).
	h := Heatmap{Values: [][]float64{{-0.4, 0, 0.4}}, RowLabels: []string{"a"}, ColLabels: []string{"x", "y", "z"}, Signed: true, ValueLabel: "shift (ms)"}
	f, err := h.Figure()
	if err != nil {
		t.Fatal(err)
	}
	b, err := f.PNG(100)
	if err != nil {
		t.Fatal(err)
	}
	counts := colourCounts(t, b)
	cell := (maxCell / 72.0 * 100) * (maxCell / 72.0 * 100) // a 40 pt cell at 100 dpi, in pixels
	for name, want := range map[string][3]int{"centre": grey, "-max": blue, "+max": red} {
		n := 0
		for c, k := range counts {
			if near8(c, want, 1) {
				n += k
			}
		}
		if float64(n) < 0.5*cell {
			t.Errorf("%s colour %v fills %d pixels, want at least half a cell (%.0f)", name, want, n, cell/2)
		}
	}
}

func colourCounts(t *testing.T, b []byte) map[[3]int]int {
	t.Helper()
	img, err := png.Decode(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	counts := map[[3]int]int{}
	r := img.Bounds()
	for y := r.Min.Y; y < r.Max.Y; y++ {
		for x := r.Min.X; x < r.Max.X; x++ {
			counts[rgb8(img.At(x, y))]++
		}
	}
	return counts
}

// A sequential map runs from light to dark with lightness linear in the value, from
// ColorBrewer's lightest YlGnBu colour (#ffffd9, L* 99.14) at the low end to its
// darkest (#081d58, L* 13.44) at the high end; the L* values are computed from the hex
// codes with the CIE formulas (python3: see lightness).
func TestSequentialMonotoneInLightness(t *testing.T) {
	m, names := nearOne(6)
	cm, s := Heatmap{Values: m, RowLabels: names, ColLabels: names}.Colors()
	if s != Sequential {
		t.Fatalf("scale %v for SRCCs, want Sequential", s)
	}
	lo, hi := cm.Min(), cm.Max()
	const top, bottom = 99.139, 13.441
	const n = 256
	prev := math.Inf(1)
	for i := 0; i <= n; i++ {
		v := lo + (hi-lo)*float64(i)/n
		col, err := cm.At(v)
		if err != nil {
			t.Fatal(err)
		}
		l := lightness(col)
		if l >= prev {
			t.Fatalf("L* %.3f at %g not below %.3f just before: not monotone", l, v, prev)
		}
		prev = l
		if want := top + (bottom-top)*float64(i)/n; math.Abs(l-want) > 0.5 {
			t.Errorf("L* %.2f at %g, want %.2f on the line from %.2f to %.2f", l, v, want, top, bottom)
		}
	}
	// The figure's palette, end colours included, keeps the order.
	pal := cm.Palette(255).Colors()
	for i := 1; i < len(pal); i++ {
		if pal[i] == nil {
			t.Fatalf("palette colour %d of %d is nil", i, len(pal))
		}
		if lightness(pal[i]) >= lightness(pal[i-1]) {
			t.Fatalf("palette colour %d not darker than %d", i, i-1)
		}
	}
}
