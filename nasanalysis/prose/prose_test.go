package prose

import (
	"math"
	"testing"
)

func TestNumIntervalEst(t *testing.T) {
	for _, c := range []struct {
		got, want string
	}{
		{Num(0.74083), "0.741"},
		{Num(0.971), "0.971"},
		{Num(-0.002031), "-0.00203"},
		{Num(9.344e-05), "9.34×10⁻⁵"},
		{Num(1999), "1,999"},
		{Num(15625.0), "15,625"},
		{Num(-1234567), "-1,234,567"},
		{Num(12.345), "12.3"},
		{Num(9.9996), "10.0"},
		{Num(0.5), "0.500"},
		{Num(0), "0"},
		{Num(math.NaN()), "n/a"},
		{Num(float32(2.5)), "2.50"},
		{Interval(0.7118, 0.7452), "0.712–0.745"},
		{Interval(0.98712, 0.98749), "0.9871–0.9875"}, // more decimals until the ends differ
		{Interval(-0.123, 0.31), "-0.123 to 0.310"},
		{Interval(77.41, 77.62), "77.4–77.6"},
		{Interval(790, 824), "790–824"},
		{Interval(1.2e-05, 3.4e-05), "1.20×10⁻⁵ to 3.40×10⁻⁵"},
		{Interval(math.NaN(), 1.0), "n/a–1"},
		{Est(0.731, 0.712, 0.745), "0.731 (0.712–0.745)"},
		{Est(0.8741, 0.8702, 0.878), "0.874 (0.870–0.878)"},
		{Est(1999, 1800, 2100), "1,999 (1,800–2,100)"},
	} {
		if c.got != c.want {
			t.Errorf("got %q, want %q", c.got, c.want)
		}
	}
}

func TestJoinAnd(t *testing.T) {
	for _, c := range []struct {
		in   []string
		want string
	}{{nil, ""}, {[]string{"a"}, "a"}, {[]string{"a", "b"}, "a and b"}, {[]string{"a", "b", "c"}, "a, b and c"}} {
		if got := JoinAnd(c.in); got != c.want {
			t.Errorf("JoinAnd(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}
