package latency

import (
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"

	"github.com/nasanalysis/nasanalysis/nasanalysis/data"
)

// yamlMeans reads a table with yaml.v3, the reference the line parser must agree with.
func yamlMeans(t testing.TB, raw []byte) map[string]float64 {
	var entries map[string]struct {
		Mean float64 `yaml:"mean"`
	}
	if err := yaml.Unmarshal(raw, &entries); err != nil {
		t.Fatal(err)
	}
	out := map[string]float64{}
	for k, e := range entries {
		out[k] = e.Mean
	}
	return out
}

// Every real table, OFA's five Note10 tables, ProxylessNAS's mobile table and this
// project's own, reads to exactly the means yaml.v3 reads.
func TestParseLUTAgreesWithYAML(t *testing.T) {
	var files []string
	for _, rel := range append([]string{ProxylessMobileFile}, Note10File(160), Note10File(176), Note10File(192), Note10File(208), Note10File(224)) {
		if dir, err := data.Resolve("", rel); err == nil {
			files = append(files, filepath.Join(dir, rel))
		}
	}
	own, _ := filepath.Glob("../../datasets/lut-*.yaml")
	files = append(files, own...)
	if len(files) < 7 {
		t.Fatalf("found %d tables (%v); want the shared tables and this project's", len(files), files)
	}
	for _, f := range files {
		raw, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		got, err := parseLUT(f, raw)
		if err != nil {
			t.Errorf("%s: %v", f, err)
			continue
		}
		if want := yamlMeans(t, raw); !maps.Equal(got.Mean, want) {
			t.Errorf("%s: %d operators read, yaml.v3 reads %d, or a mean differs", f, len(got.Mean), len(want))
		}
	}
}

// What a YAML reader refuses, or what is outside the tables' form, is refused naming the
// line: a key or field twice, a mean that is not a plausible decimal number of
// milliseconds (0, hexadecimal, 1e308, NaN), a flow mapping, a tab.
func TestParseLUTRefuses(t *testing.T) {
	for _, c := range []struct{ text, want string }{
		{"a:\n  mean: 1\nb:\n  mean: 2\na:\n  mean: 3\n", `line 5: operator "a" given twice (first on line 1)`},
		{"a:\n  mean: 1\n  mean: 2\n", `line 3: operator "a": field "mean" given twice`},
		{"a:\n  mean: 0\n", "line 2: operator \"a\" has no valid mean latency: 0 ms is outside (0, 1e+06]"},
		{"a:\n  mean: 0x10\n", `"0x10" is not a decimal number`},
		{"a:\n  mean: 1e308\n", "outside (0, 1e+06]"},
		{"a:\n  mean: .nan\n", `".nan" is not a decimal number`},
		{"a:\n  mean: 1_000\n", `"1_000" is not a decimal number`},
		{"a: {count: 1, mean: 2}\n", "line 1: "},
		{"a:\n\tmean: 1\n", "line 2: a tab"},
		{"a:\n  count: 3\n", `operator "a" has no valid mean latency`},
		{"  mean: 1\n", "line 1: an indented line before any operator"},
		{"# only a comment\n", "no operators"},
	} {
		if _, err := parseLUT("t.yaml", []byte(c.text)); err == nil || !strings.Contains(err.Error(), c.want) || !strings.Contains(err.Error(), "t.yaml") {
			t.Errorf("%q: %v; want %q", c.text, err, c.want)
		}
	}
	// Quoted keys, comments and a document marker are part of the form.
	l, err := parseLUT("q.yaml", []byte("# head\n---\n\"a: b\":\n  mean: 1.5 # ms\n'it''s':\n  count: 2\n  mean: 2e-3\n...\n"))
	if err != nil || l.Mean["a: b"] != 1.5 || l.Mean["it's"] != 0.002 {
		t.Errorf("quoted keys: %v, %v", l, err)
	}
}

// syntheticLUT is a table of n operators in Note10's form.
func syntheticLUT(n int) []byte {
	var b strings.Builder
	for i := range n {
		fmt.Fprintf(&b, "Conv-input:%dx%dx3-output:80x80x24:\n  count: 498\n  mean: 0.%06d\n  std: 0.0102\n", i, i+1, i+1)
	}
	return []byte(b.String())
}

// BenchmarkParseLUT3MB parses a 3 MB table (the size yaml.v3 took 39 s over) with the
// line parser; BenchmarkParseLUT3MBYAML is yaml.v3 on a tenth of it, for the ratio.
func BenchmarkParseLUT3MB(b *testing.B) {
	raw := syntheticLUT(40000)
	b.SetBytes(int64(len(raw)))
	for b.Loop() {
		if _, err := parseLUT("bench.yaml", raw); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkParseLUT300kBYAML(b *testing.B) {
	raw := syntheticLUT(4000)
	b.SetBytes(int64(len(raw)))
	for b.Loop() {
		yamlMeans(b, raw)
	}
}
