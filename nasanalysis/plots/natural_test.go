package plots

import (
	"reflect"
	"testing"
)

func TestNaturalLess(t *testing.T) {
	for _, c := range []struct {
		a, b string
		want bool
	}{
		{"1080ti_32", "1080ti_256", true},
		{"1080ti_256", "1080ti_32", false},
		{"1080ti_1", "1080ti_32", true},
		{"s2l0", "s10l0", true},
		{"s10l0", "s2l1", false},
		{"7", "07", false}, // equal as numbers: string order, "07" < "7"
		{"07", "7", true},
		{"a", "a1", true},
		{"pixel2", "pixel3", true},
		{"x99999999999999999999", "x100000000000000000000", true}, // past int64
		{"", "a", true},
		{"a", "a", false},
	} {
		if got := NaturalLess(c.a, c.b); got != c.want {
			t.Errorf("NaturalLess(%q, %q) = %v, want %v", c.a, c.b, got, c.want)
		}
	}
}

func TestNaturalSort(t *testing.T) {
	names := []string{"1080ti_256", "titan_rtx_32", "1080ti_1", "1080ti_32", "titan_rtx_1", "2080ti_1"}
	NaturalSort(names)
	want := []string{"1080ti_1", "1080ti_32", "1080ti_256", "2080ti_1", "titan_rtx_1", "titan_rtx_32"}
	if !reflect.DeepEqual(names, want) {
		t.Errorf("NaturalSort = %q, want %q", names, want)
	}
}

// NaturalOrder sorts within a family but keeps every family in the positions it holds,
// so that devices grouped by kind stay grouped.
func TestNaturalOrderKeepsFamiliesInPlace(t *testing.T) {
	names := []string{"eagle_gtx", "1080ti_256", "true_vpu", "1080ti_32", "1080ti_1", "pixel3", "pixel2"}
	order := NaturalOrder(names)
	got := make([]string, len(order))
	for k, i := range order {
		got[k] = names[i]
	}
	want := []string{"eagle_gtx", "1080ti_1", "true_vpu", "1080ti_32", "1080ti_256", "pixel2", "pixel3"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("NaturalOrder = %q, want %q", got, want)
	}
	if o := NaturalOrder(nil); len(o) != 0 {
		t.Errorf("NaturalOrder(nil) = %v", o)
	}
}
