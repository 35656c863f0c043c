package arch

import "testing"

func TestResolutions(t *testing.T) {
	for _, c := range []struct {
		s    Resolutions
		in   []int
		out  []int
		text string
	}{
		{RunResolutions, []int{32, 161, 1024}, []int{31, 1025, 0}, "32..1024 px"},
		{MBElasticResolutions, []int{128, 132, 224}, []int{124, 130, 228, 236}, "128..224 px in steps of 4"},
		{ResNetPredictorResolutions, []int{128, 256}, []int{208, 236}, "128, 144, 160, 176, 192, 224, 240 or 256 px"},
		{Resolutions{List: []int{224}}, []int{224}, []int{160}, "224 px"},
	} {
		for _, r := range c.in {
			if !c.s.Contains(r) {
				t.Errorf("%s does not contain %d", c.s, r)
			}
		}
		for _, r := range c.out {
			if c.s.Contains(r) {
				t.Errorf("%s contains %d", c.s, r)
			}
		}
		if c.s.String() != c.text {
			t.Errorf("String() = %q, want %q", c.s.String(), c.text)
		}
	}
	if r, ok := InputResolution(MBArch{R: 236}); r != 236 || !ok {
		t.Errorf("InputResolution(MBArch) = %d, %v", r, ok)
	}
	if _, ok := InputResolution(Cell{}); ok {
		t.Error("a NAS-Bench-201 cell has no input resolution of its own")
	}
}
