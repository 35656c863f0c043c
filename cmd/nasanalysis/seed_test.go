package main

import (
	"bytes"
	"math"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/nasanalysis/nasanalysis/nasanalysis/arch"
)

// --seed takes the whole uint64 range math/rand/v2's PCG takes, and nothing else: the
// largest seed samples from PCG(2^64-1, 0), a negative one is a usage error.
func TestSeedFlagIsUint64(t *testing.T) {
	code, out, errOut := runCLI("sample", "--space", "ofa-mbv3", "--n", "2", "--seed", "18446744073709551615")
	if code != 0 {
		t.Fatalf("largest seed: exit %d, %s", code, errOut)
	}
	rng := rand.New(rand.NewPCG(math.MaxUint64, 0))
	sp := arch.Space{Family: arch.OFAMBv3}
	var want []string
	for range 2 {
		a, err := sp.Sample(rng)
		if err != nil {
			t.Fatal(err)
		}
		want = append(want, a.String())
	}
	if got := strings.Split(strings.TrimSuffix(out, "\n"), "\n"); strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("largest seed drew\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	withStdin(t, "")
	if code, _, errOut := runCLI("sample", "--seed", "-1"); code != 2 || !strings.Contains(errOut, `invalid value "-1" for flag -seed`) {
		t.Errorf("--seed -1: exit %d, %q; want 2 naming the value", code, errOut)
	}
}

// A seed cell (uint64) is written in full, as a number: right-aligned in a table.
func TestWriteRowsSeedCell(t *testing.T) {
	rows := [][]any{{uint64(math.MaxUint64), 0.5}, {uint64(0), 0.25}}
	var b bytes.Buffer
	if err := writeRows(&b, "csv", []string{"seed", "v"}, rows); err != nil {
		t.Fatal(err)
	}
	if want := "seed,v\n18446744073709551615,0.5\n0,0.25\n"; b.String() != want {
		t.Errorf("csv %q, want %q", b.String(), want)
	}
	b.Reset()
	if err := writeRows(&b, "table", []string{"seed", "v"}, rows); err != nil {
		t.Fatal(err)
	}
	if want := "                seed       v\n18446744073709551615  0.5000\n                   0  0.2500\n"; b.String() != want {
		t.Errorf("table\n%s\nwant\n%s", b.String(), want)
	}
}
