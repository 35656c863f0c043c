package data

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/nasanalysis/nasanalysis/nasanalysis/datatest"
)

func writePublished(t *testing.T, lines ...string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), "published.csv")
	if err := os.WriteFile(p, []byte(strings.Join(lines, "\n")+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestReadPublishedCorrelations(t *testing.T) {
	p := writePublished(t,
		"device,label,a,b,c,adapted",
		"a,Device A,1.00,0.50,-0.25,0.9",
		"b,Device B,0.50,1,0.75,0.8",
		"c,Device C,-0.25,0.75,1.00,1.00")
	got, err := ReadPublishedCorrelations(p)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(got.Devices, []string{"a", "b", "c"}) || !slices.Equal(got.Labels, []string{"Device A", "Device B", "Device C"}) {
		t.Errorf("devices %v, labels %v", got.Devices, got.Labels)
	}
	want := [][]float64{{1, 0.5, -0.25}, {0.5, 1, 0.75}, {-0.25, 0.75, 1}}
	for i := range want {
		if !slices.Equal(got.Value[i], want[i]) {
			t.Errorf("row %d = %v, want %v", i, got.Value[i], want[i])
		}
	}
	if !slices.Equal(got.Extra, []string{"adapted"}) || !slices.Equal(got.ExtraValue[0], []float64{0.9, 0.8, 1}) {
		t.Errorf("extra %v %v", got.Extra, got.ExtraValue)
	}
	if got.Index("c") != 2 || got.Index("z") != -1 {
		t.Errorf("Index: c at %d, z at %d", got.Index("c"), got.Index("z"))
	}
}

// Each bad file is refused with an error naming the line, the column and the value.
func TestReadPublishedCorrelationsBadInput(t *testing.T) {
	const head = "device,label,a,b"
	cases := []struct {
		name  string
		lines []string
		want  []string
	}{
		{"prefix", []string{"dev,label,a,b", "a,A,1,0.5", "b,B,0.5,1"}, []string{"line 1", "want one starting device,label"}},
		{"too few columns", []string{"device,label,a", "a,A,1", "b,B,0.5"}, []string{"line 1", "2 device rows but only 1 columns"}},
		{"row order", []string{head, "b,B,1,0.5", "a,A,0.5,1"}, []string{"line 2", `column "device"`, `value "b"`, `column 3's, "a"`}},
		{"range", []string{head, "a,A,1,1.5", "b,B,1.5,1"}, []string{"line 2", `column "b"`, `value "1.5"`, "[-1, 1]"}},
		{"diagonal", []string{head, "a,A,0.99,0.5", "b,B,0.5,1"}, []string{"line 2", `column "a"`, `value "0.99"`, "with itself must be 1"}},
		{"asymmetric", []string{head, "a,A,1,0.5", "b,B,0.55,1"}, []string{"line 3", `column "a"`, `value "0.55"`, `line 2, column "b" holds 0.5`}},
		{"empty", []string{head, "a,A,1,", "b,B,0.5,1"}, []string{"line 2", `column "b"`, "empty cell"}},
		{"not a number", []string{head, "a,A,1,half", "b,B,0.5,1"}, []string{"line 2", `column "b"`, `value "half"`, "not a number"}},
		{"one row", []string{head, "a,A,1,0.5"}, []string{"1 data rows, want at least 2"}},
	}
	for _, c := range cases {
		p := writePublished(t, c.lines...)
		_, err := ReadPublishedCorrelations(p)
		if err == nil {
			t.Errorf("%s: no error", c.name)
			continue
		}
		for _, w := range append(c.want, p) {
			if !strings.Contains(err.Error(), w) {
				t.Errorf("%s: error %q lacks %q", c.name, err, w)
			}
		}
	}
}

// The transcription of OneProxy's heatmap: 17 x 17 as its README says, the nb201 devices
// but eagle_tpu (which the figure does not show), one extra row for AdaProxy.
func TestLoadPublishedSRCC(t *testing.T) {
	p, err := LoadPublishedCorrelations("", PublishedSRCCFile)
	datatest.Check(t, err)
	want := slices.DeleteFunc(slices.Clone(nb201Devices), func(d string) bool { return d == "eagle_tpu" })
	got := slices.Sorted(slices.Values(p.Devices))
	if !slices.Equal(got, want) {
		t.Errorf("devices %v, want %v", got, want)
	}
	if i := p.Index("rice_edgetpu"); i < 0 || p.Labels[i] != "Edge TPU" {
		t.Errorf("rice_edgetpu at %d, labels %v", i, p.Labels)
	}
	if !slices.Equal(p.Extra, []string{"adaproxy_from_true_vpu"}) {
		t.Errorf("extra columns %v", p.Extra)
	}
}
