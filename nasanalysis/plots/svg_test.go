package plots

import (
	"bytes"
	"encoding/xml"
	"io"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"
)

// svgText is one <text> element of a rendered figure.
type svgText struct {
	Text    string
	X, Y    float64 // as written; Y is negated by the element's scale(1, -1)
	Size    float64 // font size in px (points: vgsvg writes one for the other)
	Style   string
	Rotated bool // inside a rotate() group
}

// svgPath is one <path> element.
type svgPath struct {
	D, Style string
}

type svgDoc struct {
	Width, Height string
	Texts         []svgText
	Paths         []svgPath
}

var fontSizeRe = regexp.MustCompile(`font-size:([0-9.]+)px`)

// parseSVG reads the elements the tests look at; it fails the test on malformed XML.
func parseSVG(t *testing.T, b []byte) svgDoc {
	t.Helper()
	var doc svgDoc
	dec := xml.NewDecoder(bytes.NewReader(b))
	var groups []bool // per open <g>: whether it rotates
	var cur *svgText
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("SVG does not parse: %v", err)
		}
		switch e := tok.(type) {
		case xml.StartElement:
			attr := func(name string) string {
				for _, a := range e.Attr {
					if a.Name.Local == name {
						return a.Value
					}
				}
				return ""
			}
			switch e.Name.Local {
			case "svg":
				doc.Width, doc.Height = attr("width"), attr("height")
			case "g":
				groups = append(groups, strings.Contains(attr("transform"), "rotate"))
			case "path":
				doc.Paths = append(doc.Paths, svgPath{D: attr("d"), Style: attr("style")})
			case "text":
				st := svgText{Style: attr("style")}
				st.X, _ = strconv.ParseFloat(attr("x"), 64)
				st.Y, _ = strconv.ParseFloat(attr("y"), 64)
				if m := fontSizeRe.FindStringSubmatch(st.Style); m != nil {
					st.Size, _ = strconv.ParseFloat(m[1], 64)
				}
				for _, r := range groups {
					st.Rotated = st.Rotated || r
				}
				cur = &st
			}
		case xml.CharData:
			if cur != nil {
				cur.Text += string(e)
			}
		case xml.EndElement:
			switch e.Name.Local {
			case "g":
				groups = groups[:len(groups)-1]
			case "text":
				doc.Texts = append(doc.Texts, *cur)
				cur = nil
			}
		}
	}
	return doc
}

func render(t *testing.T, f *Figure, err error) svgDoc {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
	b, err := f.Bytes("svg")
	if err != nil {
		t.Fatal(err)
	}
	return parseSVG(t, b)
}

// has reports whether some text element reads s (trailing spaces ignored).
func (d svgDoc) has(s string) bool {
	for _, x := range d.Texts {
		if strings.TrimRight(x.Text, " ") == s {
			return true
		}
	}
	return false
}

// tickLabels splits the numeric, horizontal tick-size texts into the X axis's (the
// largest set sharing one baseline) and the Y axis's (the rest, bottom to top).
func (d svgDoc) tickLabels() (xs, ys []svgText) {
	var num []svgText
	for _, x := range d.Texts {
		if x.Rotated || x.Size != tickSize {
			continue
		}
		if _, err := strconv.ParseFloat(x.Text, 64); err == nil {
			num = append(num, x)
		}
	}
	count := map[float64]int{}
	for _, x := range num {
		count[x.Y]++
	}
	base, best := 0.0, 1
	for y, n := range count {
		if n > best || (n == best && y > base) {
			base, best = y, n
		}
	}
	for _, x := range num {
		if best > 1 && x.Y == base {
			xs = append(xs, x)
		} else {
			ys = append(ys, x)
		}
	}
	sort.Slice(xs, func(i, j int) bool { return xs[i].X < xs[j].X })
	sort.Slice(ys, func(i, j int) bool { return ys[i].Y > ys[j].Y }) // y is negated
	return xs, ys
}

func texts(ts []svgText) []string {
	out := make([]string, len(ts))
	for i, t := range ts {
		out[i] = t.Text
	}
	return out
}

// pathBounds is the bounding box of the coordinates in a path's data (in gonum's
// coordinates: y grows upwards, as the document's outer group flips it).
func pathBounds(d string) (x0, y0, x1, y1 float64, ok bool) {
	nums := regexp.MustCompile(`-?[0-9.]+(?:e-?[0-9]+)?`).FindAllString(d, -1)
	if len(nums) < 4 {
		return 0, 0, 0, 0, false
	}
	x0, y0, x1, y1 = 1e300, 1e300, -1e300, -1e300
	for i := 0; i+1 < len(nums); i += 2 {
		x, _ := strconv.ParseFloat(nums[i], 64)
		y, _ := strconv.ParseFloat(nums[i+1], 64)
		x0, x1 = min(x0, x), max(x1, x)
		y0, y1 = min(y0, y), max(y1, y)
	}
	return x0, y0, x1, y1, true
}
