package arch

import (
	"encoding/json"
	"fmt"
	"math"
	"math/rand/v2"
	"reflect"
	"slices"
	"testing"
	"time"

	"github.com/nasanalysis/nasanalysis/nasanalysis/datatest"
)

// The fuzz targets below cover every parser of outside input in this package: the
// NAS-Bench-201 cell string and FBNet's layer list (dataset columns, predict's stdin),
// OFA's JSON dictionary of each OFA space (the lines sample prints and eval, measure and
// the latency tables read), the --drop block list, a space's text form (--space) and the one-hot cell rows of OneProxy's
// pickles. Each checks what a parser of outside input owes its callers: it returns
// (never panics or hangs), what it accepts is valid in its space and usable by every
// encoding and cost model, and formatting what it accepted parses back to the same value.
// Their seed corpora (testdata/fuzz/<target>) hold small real examples and every input
// a fuzz run found failing.

// parseLimit bounds one parse. Parsing a line takes microseconds; a parser that has not
// returned after this long is taken to hang.
const parseLimit = 5 * time.Second

// FuzzParseCell: NAS-Bench-201 cell strings. The string is the cell's identity in every
// dataset, so an accepted string must be the canonical one, byte for byte.
func FuzzParseCell(f *testing.F) {
	f.Fuzz(func(t *testing.T, s string) {
		var c Cell
		var err error
		datatest.Bounded(t, parseLimit, "ParseCell", func() { c, err = ParseCell(s) })
		if err != nil {
			return
		}
		if err := c.Validate(); err != nil {
			t.Fatalf("ParseCell(%q) accepted an invalid cell: %v", s, err)
		}
		if got := c.String(); got != s {
			t.Fatalf("ParseCell(%q) accepted a non-canonical form of %q", s, got)
		}
		d, err := ParseCell(c.String())
		if err != nil || d != c {
			t.Fatalf("%q parsed as %v, its canonical form %q as %v (%v)", s, c, c.String(), d, err)
		}
		_, _, _ = c.Graph(), c.Flat(), c.MACs()
	})
}

// FuzzParseFBNet: FBNet's '-'-joined layer lists. As for cells, an accepted string is the
// canonical one.
func FuzzParseFBNet(f *testing.F) {
	f.Fuzz(func(t *testing.T, s string) {
		var a FBNetArch
		var err error
		datatest.Bounded(t, parseLimit, "ParseFBNet", func() { a, err = ParseFBNet(s) })
		if err != nil {
			return
		}
		if err := a.Validate(); err != nil {
			t.Fatalf("ParseFBNet(%q) accepted an invalid architecture: %v", s, err)
		}
		if got := a.String(); got != s {
			t.Fatalf("ParseFBNet(%q) accepted a non-canonical form of %q", s, got)
		}
		if b, err := ParseFBNet(a.String()); err != nil || b != a {
			t.Fatalf("%q parsed as %v, its canonical form as %v (%v)", s, a, b, err)
		}
		_, _ = a.Graph(), a.Flat()
	})
}

// jsonKeys are the keys OFA's dictionary form may have, per family.
var (
	mbKeys     = []string{"ks", "e", "d", "r", "w", "wid"}
	resNetKeys = []string{"d", "e", "w", "r"}
)

// checkOneJSONObject fails t unless s, accepted by a parser, is exactly one JSON object
// whose keys are spelt as the canonical form spells them: trailing text or a key in
// another case would be silently dropped or merged, so two different lines would
// denote one architecture.
func checkOneJSONObject(t *testing.T, s string, keys []string) {
	t.Helper()
	if !json.Valid([]byte(s)) {
		t.Fatalf("accepted %q, which is not one JSON value", s)
	}
	var m map[string]json.RawMessage
	if err := json.Unmarshal([]byte(s), &m); err != nil {
		t.Fatalf("accepted %q, which is not a JSON object: %v", s, err)
	}
	for k := range m {
		if !slices.Contains(keys, k) {
			t.Fatalf("accepted %q with key %q (keys: %v)", s, k, keys)
		}
	}
}

// FuzzParseMB: OFA's JSON dictionary of an OFA mobile architecture, read as
// OFA-MobileNetV3 and as OFA-ProxylessNAS.
func FuzzParseMB(f *testing.F) {
	f.Fuzz(func(t *testing.T, s string) {
		for _, sp := range []*MBSpace{MBv3, Proxyless} {
			var a MBArch
			var err error
			datatest.Bounded(t, parseLimit, "ParseMB", func() { a, err = ParseMB(sp, s) })
			if err != nil {
				continue
			}
			checkOneJSONObject(t, s, mbKeys)
			if err := a.Validate(); err != nil {
				t.Fatalf("%s: accepted %q, which is invalid: %v", sp.Name, s, err)
			}
			b, err := ParseMB(sp, a.JSON())
			if err != nil || !reflect.DeepEqual(a, b) {
				t.Fatalf("%s: %q parsed as %+v, its canonical form %s as %+v (%v)", sp.Name, s, a, a.JSON(), b, err)
			}
			if b.JSON() != a.JSON() {
				t.Fatalf("%s: canonical form not stable: %s then %s", sp.Name, a.JSON(), b.JSON())
			}
			datatest.Bounded(t, parseLimit, "encodings and cost of "+a.JSON(), func() { useMB(t, a) })
		}
	})
}

// useMB runs every encoding and cost model on an accepted architecture.
func useMB(t *testing.T, a MBArch) {
	c := a.Cost()
	if !(c.MACs > 0 && c.Params > 0) || math.IsInf(c.MACs, 0) {
		t.Errorf("%s: cost %+v", a, c)
	}
	_, _, _, _ = a.Flat(), a.Graph(), a.OFAFeatures(), a.Head()
}

// FuzzParseResNet: OFA's JSON dictionary of an OFA-ResNet50 architecture.
func FuzzParseResNet(f *testing.F) {
	f.Fuzz(func(t *testing.T, s string) {
		var a ResNetArch
		var err error
		datatest.Bounded(t, parseLimit, "ParseResNet", func() { a, err = ParseResNet(s) })
		if err != nil {
			return
		}
		checkOneJSONObject(t, s, resNetKeys)
		if err := a.Validate(); err != nil {
			t.Fatalf("accepted %q, which is invalid: %v", s, err)
		}
		b, err := ParseResNet(a.JSON())
		if err != nil || !reflect.DeepEqual(a, b) || b.JSON() != a.JSON() {
			t.Fatalf("%q parsed as %+v, its canonical form %s as %+v (%v)", s, a, a.JSON(), b, err)
		}
		datatest.Bounded(t, parseLimit, "encodings and cost of "+a.JSON(), func() {
			if c := a.Cost(); !(c.MACs > 0 && c.Params > 0) {
				t.Errorf("%s: cost %+v", a, c)
			}
			_, _, _ = a.Flat(), a.Graph(), a.OFAFeatures()
		})
	})
}

// FuzzParseBlocks: the --drop list of block tokens, for each OFA space. What it accepts
// are blocks of the space, each once, and the list of their tokens parses back to them.
func FuzzParseBlocks(f *testing.F) {
	f.Fuzz(func(t *testing.T, list string) {
		for _, space := range BlockSpaces {
			var bs []Block
			var err error
			datatest.Bounded(t, parseLimit, "ParseBlocks", func() { bs, err = ParseBlocks(space, list) })
			if err != nil {
				continue
			}
			all, _ := Blocks(space)
			for i, b := range bs {
				if !slices.Contains(all, b) || slices.Contains(bs[:i], b) {
					t.Fatalf("%s: %q gave %v: %s is not a block or is repeated", space, list, bs, b)
				}
			}
			again, err := ParseBlocks(space, blockList(bs))
			if err != nil || !slices.Equal(again, bs) {
				t.Fatalf("%s: %q gave %v, its tokens %q gave %v (%v)", space, list, bs, blockList(bs), again, err)
			}
			if err := (Space{Family: space, Drop: bs}).Validate(); (err == nil) != (len(bs) < len(all)) {
				t.Fatalf("%s without %v (%d of %d blocks): %v", space, bs, len(bs), len(all), err)
			}
		}
	})
}

// FuzzCellFromOneHot: the 30-number one-hot rows of OneProxy's pickles. Each byte of the
// input is one number: 0 and 1 (most bytes, so that valid rows occur) or another value.
func FuzzCellFromOneHot(f *testing.F) {
	f.Fuzz(func(t *testing.T, raw []byte) {
		x := make([]float64, len(raw))
		for i, b := range raw {
			switch b % 8 {
			case 0, 1, 2, 3:
				x[i] = 0
			case 4, 5, 6:
				x[i] = 1
			default:
				x[i] = float64(b) / 7
			}
		}
		var c Cell
		var err error
		datatest.Bounded(t, parseLimit, "CellFromOneHot", func() { c, err = CellFromOneHot(x) })
		if err != nil {
			return
		}
		if err := c.Validate(); err != nil {
			t.Fatalf("%v decoded to an invalid cell: %v", x, err)
		}
		if got := c.OneHot(); !slices.Equal(got, x[:len(got)]) {
			t.Fatalf("%v decoded to %s, whose one-hot is %v", x, c, got)
		}
		if d, err := ParseCell(c.String()); err != nil || d != c {
			t.Fatal(fmt.Sprint(c, d, err))
		}
	})
}

// FuzzParseSpace: a space's text form, as --space gives it. What it accepts is a valid
// space whose String parses back to the same space, and whose samples lie in it.
func FuzzParseSpace(f *testing.F) {
	for _, s := range []string{"ofa-mbv3", "proxylessnas:width=1:res=224:drop=k3e4,k5e4,k7e4:max-depth=3,4,4,4,4",
		"ofa-resnet50:drop=e0.35:min-depth=2,0,0,1,0", "ofa-mbv3:res=128,160:min-depth=2,3,2,3,2", "nb201", "fbnet:res=1"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		var s Space
		var err error
		datatest.Bounded(t, parseLimit, "ParseSpace", func() { s, err = ParseSpace(text) })
		if err != nil {
			return
		}
		if err := s.Validate(); err != nil {
			t.Fatalf("%q parsed to an invalid space %+v: %v", text, s, err)
		}
		again, err := ParseSpace(s.String())
		if err != nil || !reflect.DeepEqual(again, s) {
			t.Fatalf("%q parsed to %+v, its form %q to %+v (%v)", text, s, s.String(), again, err)
		}
		a, err := s.Sample(rand.New(rand.NewPCG(1, 2)))
		if err != nil || s.Check(a) != nil || a.Validate() != nil {
			t.Fatalf("%s sampled %v: %v, %v", s, a, err, s.Check(a))
		}
	})
}
