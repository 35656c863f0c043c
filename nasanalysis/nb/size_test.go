package nb

import "testing"

func TestSizeFromEnvironment(t *testing.T) {
	for _, c := range []struct{ env, want string }{{"", "paper"}, {"paper", "paper"}, {"small", "small"}} {
		t.Setenv(SizeEnv, c.env)
		if got := Size(); got != c.want {
			t.Errorf("%s=%q: Size() = %q, want %q", SizeEnv, c.env, got, c.want)
		}
		if got := BySize(1, 2); (got == 1) != (c.want == "small") {
			t.Errorf("%s=%q: BySize(1, 2) = %d", SizeEnv, c.env, got)
		}
	}
	t.Setenv(SizeEnv, "large")
	defer func() {
		if r := recover(); r == nil {
			t.Error("an unknown size did not panic")
		}
	}()
	Size()
}
