package arch

import (
	"math/rand/v2"
	"reflect"
	"strings"
	"testing"
)

// mbJSON is a valid OFA-MobileNetV3 line at 176 px with the given text in place of
// `"r":176`.
func mbJSON(r string) string {
	return `{"ks":[3,5,7,3,5,7,3,5,7,3,5,7,3,5,7,3,5,7,3,5],"e":[3,4,6,3,4,6,3,4,6,3,4,6,3,4,6,3,4,6,3,4],"d":[2,3,4,2,3],` + r + `}`
}

// The cell string is the cell's identity in every dataset, so the source of each input
// is accepted only as written in the canonical form: "~00" and "~-0" used to parse as
// node 0.
func TestParseCellRejectsNonCanonicalSource(t *testing.T) {
	const good = "|nor_conv_3x3~0|+|none~0|skip_connect~1|+|avg_pool_3x3~0|none~1|nor_conv_1x1~2|"
	if _, err := ParseCell(good); err != nil {
		t.Fatal(err)
	}
	for _, src := range []string{"~00", "~-0", "~0 "} {
		s := strings.Replace(good, "none~0", "none"+src, 1)
		if c, err := ParseCell(s); err == nil || !strings.Contains(err.Error(), "must come from node 0") {
			t.Errorf("ParseCell(%q) = %v, %v; want an error naming the source node", s, c, err)
		}
	}
}

// One JSON object per line, keys spelt as OFA spells them, each once: encoding/json
// alone read `{"KS": ...}` as "ks", kept the last of two "r", and ignored anything after
// the object, so a line with a typo or a pasted second architecture was read as another
// architecture without a word.
func TestParseOFAJSONIsStrict(t *testing.T) {
	good := mbJSON(`"r":176`)
	rn := `{"d":[2,1,0,0,2],"e":[0.2,0.2,0.35,0.2,0.25,0.35,0.2,0.35,0.35,0.25,0.25,0.35,0.25,0.2,0.2,0.35,0.2,0.2],"w":[2,1,0,1,2,0],"r":160}`
	if _, err := ParseMB(MBv3, good); err != nil {
		t.Fatal(err)
	}
	if _, err := ParseResNet(rn); err != nil {
		t.Fatal(err)
	}
	for bad, want := range map[string]string{
		good + " x":                              "text after the JSON object",
		good + good:                              "text after the JSON object",
		strings.Replace(good, `"ks"`, `"KS"`, 1): `unknown field "KS" (fields: d, e, ks, r, w, wid)`,
		mbJSON(`"r":176,"r":224`):                `field "r" given twice`,
		`[` + good + `]`:                         "want a JSON object",
		strings.Replace(good, `"d":[2,`, `"d":[2.5,`, 1): `field "d"`,
		`{"ks":[3,5`: "unexpected EOF",
	} {
		if a, err := ParseMB(MBv3, bad); err == nil || !strings.Contains(err.Error(), want) || !strings.Contains(err.Error(), "malformed ofa-mbv3 architecture") {
			t.Errorf("ParseMB(%s) = %v, %v; want an error with %q", bad, a, err, want)
		}
	}
	for bad, want := range map[string]string{
		rn + "\n{}":                          "text after the JSON object",
		strings.Replace(rn, `"w"`, `"W"`, 1): `unknown field "W" (fields: d, e, r, w)`,
	} {
		if a, err := ParseResNet(bad); err == nil || !strings.Contains(err.Error(), want) || !strings.Contains(err.Error(), "malformed OFA-ResNet50 architecture") {
			t.Errorf("ParseResNet(%s) = %v, %v; want an error with %q", bad, a, err, want)
		}
	}
}

// OFA writes the resolution as a list of one ("r": [224] in its evolution finder's and
// accuracy predictor's dictionaries, the form of its specialised networks' configs),
// with "wid": null beside it; both read as the number form does, in every OFA space.
// Before, `"r": [224]` was an error: "cannot unmarshal array into Go struct field
// MBArch.r of type int".
func TestParseOFAListResolution(t *testing.T) {
	want, err := ParseMB(MBv3, mbJSON(`"r":224`))
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range []string{mbJSON(`"r":[224]`), mbJSON(`"r": [ 224 ]`), `{"wid": null, ` + mbJSON(`"r": [224]`)[1:]} {
		for _, sp := range []*MBSpace{MBv3, Proxyless} {
			a, err := ParseMB(sp, s)
			if err != nil || !reflect.DeepEqual(a, want.In(sp)) || a.JSON() != want.JSON() {
				t.Errorf("%s: ParseMB(%s) = %s, %v; want %s", sp.Name, s, a, err, want)
			}
		}
	}
	rn := SampleResNet(rand.New(rand.NewPCG(1, 2)))
	rn.R = 192
	list := strings.Replace(rn.JSON(), `"r":192`, `"r":[192]`, 1)
	if b, err := ParseResNet(list); err != nil || !reflect.DeepEqual(b, rn) {
		t.Errorf("ParseResNet(%s) = %s, %v; want %s", list, b, err, rn)
	}
	for bad, want := range map[string]string{
		mbJSON(`"r":[224,160]`):                 `field "r": [224,160] holds 2 resolutions, want one (OFA's list form, e.g. [224])`,
		mbJSON(`"r":[]`):                        "holds 0 resolutions, want one",
		mbJSON(`"r":"224"`):                     `field "r": "224" is not a resolution: want a whole number of px, e.g. 224, or a list of one, e.g. [224]`,
		mbJSON(`"r":224.5`):                     "224.5 is not a resolution",
		mbJSON(`"r":[[224]]`):                   "is not a resolution",
		`{"wid": 1.0, ` + mbJSON(`"r":224`)[1:]: `field "wid" = 1.0, want null`,
	} {
		if a, err := ParseMB(MBv3, bad); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("ParseMB(%s) = %v, %v; want an error with %q", bad, a, err, want)
		}
	}
	if _, err := ParseResNet(strings.Replace(rn.JSON(), `"r":192`, `"r":[192,224]`, 1)); err == nil || !strings.Contains(err.Error(), "holds 2 resolutions") {
		t.Errorf("two ResNet resolutions: %v", err)
	}
}

// Every resolution from 32 to 1024 px is valid in the OFA spaces: the networks run at
// any of them, and FLOPs, parameters and measured latency are defined there. Before,
// OFA's published specialised networks at e.g. 236 px were invalid ("r = 236, want
// 128..224 in steps of 4").
func TestOFAResolutionBounds(t *testing.T) {
	mb, err := ParseMB(MBv3, mbJSON(`"r":176`))
	if err != nil {
		t.Fatal(err)
	}
	rn := SampleResNet(rand.New(rand.NewPCG(3, 4)))
	for _, r := range []int{32, 33, 130, 161, 236, 256, 300, 1024} {
		mb.R, rn.R = r, r
		if err := mb.Validate(); err != nil {
			t.Errorf("MB r = %d: %v", r, err)
		}
		if err := rn.Validate(); err != nil {
			t.Errorf("ResNet r = %d: %v", r, err)
		}
		if b, err := ParseMB(Proxyless, mb.JSON()); err != nil || b.R != r {
			t.Errorf("ParseMB at r = %d: %v, %v", r, b, err)
		}
		if mc, rc := mb.Cost(), rn.Cost(); !(mc.MACs > 0 && rc.MACs > 0) {
			t.Errorf("r = %d: MACs %v and %v", r, mc.MACs, rc.MACs)
		}
	}
	for _, r := range []int{-224, 0, 16, 31, 1025, 2240} {
		mb.R, rn.R = r, r
		for _, err := range []error{mb.Validate(), rn.Validate()} {
			if err == nil || !strings.Contains(err.Error(), "want an input resolution of 32..1024 px") {
				t.Errorf("r = %d: %v, want the bounds in the error", r, err)
			}
		}
	}
	mb.R, rn.R = 1024, 1024
	if _, err := AtResolution(mb, 2000); err == nil || !strings.Contains(err.Error(), "ofa-mbv3: r = 2000, want an input resolution of 32..1024 px") {
		t.Errorf("AtResolution 2000: %v", err)
	}
}

// OFA's predictor encodings have no slot for resolutions outside their sets; there the
// resolution's one-hot stays zero, where it used to index out of range (a panic at 240
// px and above for MobileNetV3, at any unlisted resolution for ResNet50).
func TestOFAFeaturesOutsideTheirResolutions(t *testing.T) {
	mb, err := ParseMB(MBv3, mbJSON(`"r":176`))
	if err != nil {
		t.Fatal(err)
	}
	rn := SampleResNet(rand.New(rand.NewPCG(3, 4)))
	for _, r := range []int{32, 100, 236, 240, 300, 1024} { // none of ResNetResolutions but 240
		mb.R, rn.R = r, r
		if r == 240 {
			rn.R = 239
		}
		x, y := mb.OFAFeatures(), rn.OFAFeatures()
		inMB := r >= 112 && r < 240 // the encoding's eight 16-px slots from 112 px
		if got := sum(x[120:]); got != map[bool]float64{true: 1, false: 0}[inMB] {
			t.Errorf("MB r = %d: resolution one-hot sums to %v", r, got)
		}
		if got := sum(y[:8]); got != 0 {
			t.Errorf("ResNet r = %d: resolution one-hot sums to %v, want 0", r, got)
		}
		if len(rn.Flat()) != 82 || len(mb.Flat()) != 141 {
			t.Errorf("r = %d: flat encodings of %d and %d numbers", r, len(rn.Flat()), len(mb.Flat()))
		}
	}
	for i, r := range ResNetResolutions {
		rn.R = r
		if y := rn.OFAFeatures(); y[i] != 1 || sum(y[:8]) != 1 {
			t.Errorf("ResNet r = %d: resolution one-hot %v", r, y[:8])
		}
	}
}
