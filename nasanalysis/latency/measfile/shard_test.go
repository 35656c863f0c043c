package measfile

import (
	"slices"
	"testing"
)

func TestParseShard(t *testing.T) {
	for _, c := range []struct {
		in   string
		want Shard
		err  string
	}{
		{"0/1", Shard{0, 1}, ""},
		{"2/3", Shard{2, 3}, ""},
		{"0/4", Shard{0, 4}, ""},
		{"3/3", Shard{}, `shard "3/3": want I/N with 0 <= I < N`},
		{"-1/3", Shard{}, `shard "-1/3"`},
		{"1/0", Shard{}, `shard "1/0"`},
		{"1", Shard{}, `shard "1"`},
		{"a/b", Shard{}, `shard "a/b"`},
		{"1/2/3", Shard{}, `shard "1/2/3"`},
		{"", Shard{}, `shard ""`},
	} {
		got, err := ParseShard(c.in)
		wantErr(t, c.in, err, c.err)
		if got != c.want {
			t.Errorf("%q: %v, want %v", c.in, got, c.want)
		}
		if c.err == "" && got.String() != c.in {
			t.Errorf("%q reads back as %q", c.in, got.String())
		}
	}
}

// Seven networks over three shards: positions 0,3,6 / 1,4 / 2,5 — disjoint, and
// together the whole sample.
func TestSelect(t *testing.T) {
	items := []string{"n0", "n1", "n2", "n3", "n4", "n5", "n6"}
	want := [][]string{{"n0", "n3", "n6"}, {"n1", "n4"}, {"n2", "n5"}}
	for i, w := range want {
		if got := Select(Shard{i, 3}, items); !slices.Equal(got, w) {
			t.Errorf("shard %d/3: %v, want %v", i, got, w)
		}
	}
	if got := Select(Whole, items); !slices.Equal(got, items) {
		t.Errorf("the whole: %v", got)
	}
	if got := Select(Shard{5, 8}, items); !slices.Equal(got, []string{"n5"}) {
		t.Errorf("shard 5/8 of 7: %v", got)
	}
	if got := Select(Shard{7, 8}, items); len(got) != 0 {
		t.Errorf("shard 7/8 of 7: %v, want none", got)
	}
	defer func() {
		if recover() == nil {
			t.Error("Select of shard 3/3 did not panic")
		}
	}()
	Select(Shard{3, 3}, items)
}
