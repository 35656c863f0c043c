package arch

import (
	"math"
	"reflect"
	"testing"
)

func TestCountOp(t *testing.T) {
	cells := []string{
		"|nor_conv_3x3~0|+|nor_conv_3x3~0|none~1|+|avg_pool_3x3~0|nor_conv_3x3~1|nor_conv_1x1~2|", // three 3x3 convolutions
		"|none~0|+|none~0|none~1|+|none~0|none~1|none~2|",                                         // none
	}
	got, err := CountOp(cells, OpConv3x3)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, []int{3, 0}) {
		t.Errorf("CountOp = %v, want [3 0]", got)
	}
	if n, _ := CountOp(cells[1:], OpNone); n[0] != 6 {
		t.Errorf("six none edges counted as %d", n[0])
	}
	if _, err := CountOp([]string{"|bad~0|"}, OpNone); err == nil {
		t.Error("a malformed cell should be an error")
	}
}

func TestOpNames(t *testing.T) {
	want := []string{"none", "skip_connect", "nor_conv_1x1", "nor_conv_3x3", "avg_pool_3x3"}
	if got := OpNames(); !reflect.DeepEqual(got, want) {
		t.Errorf("OpNames = %v, want %v", got, want)
	}
}

// FLOPsTableCount against an independent re-implementation in Python of OFA's
// FLOPsTable with thop's 2020 counting rules (the layer list of flops_table.py:74-98,
// int(round(c * 1.2)) channels, round(in * e) hidden widths, 2 per batch-norm element,
// 1 per bias), and the stem by hand: at 224 px a 3x3 stride-2 convolution from 4 to 19
// channels gives 19 x 112 x 112 outputs of 4 x 9 multiply-accumulates each, 8,580,096,
// and its batch norm 2 x 19 x 112 x 112 = 476,672.
func TestFLOPsTableCount(t *testing.T) {
	stem, out := thopConv(4, 19, 3, 1, 224, 2, false, true)
	if stem != 8580096+476672 || out != 112 {
		t.Errorf("stem: %v ops, side %d", stem, out)
	}
	mixed := MBArch{KS: []int{3, 5, 7, 3, 5, 7, 3, 5, 7, 3, 5, 7, 3, 5, 7, 3, 5, 7, 3, 5},
		E: []int{3, 4, 6, 6, 4, 3, 6, 4, 6, 6, 3, 4, 4, 3, 3, 6, 6, 4, 3, 4}, D: []int{2, 3, 4, 3, 4}}
	at := func(a MBArch, r int) MBArch { a.R = r; return a }
	for _, c := range []struct {
		name string
		a    MBArch
		want float64
	}{
		{"smallest at 224", uniformMB(MBv3, 3, 3, 2), 180712513},
		{"largest at 224", uniformMB(MBv3, 7, 6, 4), 799269834},
		{"mixed at 160", at(mixed, 160), 186546960},
		{"mixed at 176", at(mixed, 176), 219879324}, // 176/16 = 11: the table's own odd sides
		{"mixed at 208", at(mixed, 208), 306092088},
		{"mixed at 224", at(mixed, 224), 360831792},
	} {
		got, err := c.a.FLOPsTableCount()
		if err != nil || got != c.want {
			t.Errorf("%s: %v, %v; want %v", c.name, got, err, c.want)
		}
	}
	for _, a := range []MBArch{at(uniformMB(MBv3, 3, 3, 2), 236), func() MBArch { a := uniformMB(MBv3, 3, 3, 2); a.W = 1.0; return a }(), uniformMB(MBv3, 3, 3, 2).In(Proxyless)} {
		if _, err := a.FLOPsTableCount(); err == nil {
			t.Errorf("%v (width %g, %s) priced by the table", a, a.Width(), a.Space().Name)
		}
	}
}

// Twice FLOPsTable's count reproduces BlockProfile's published FLOPs panel (fig/ofa_bp.png,
// rows expand 3, 4, 6, columns kernel 3, 5, 7) under the released deepening rule: the
// exact block means (every position, every depth and every other slot's choice averaged
// out, which the count's additivity allows) are the Python re-implementation's
// 785.82 ... 820.10 M, each 3.5-4.4 M below the published one; under the rule that keeps
// the block they lie 3.5-16 M above.
func TestFLOPsTableCountReproducesThePaper(t *testing.T) {
	paper := [3][3]float64{{790, 792, 796}, {797, 800, 805}, {812, 817, 824}}
	python := map[Deepen][3][3]float64{
		DeepenAsReleased: {{785.8153, 788.1348, 791.6141}, {793.3625, 796.4552, 801.0943}, {808.4991, 813.1382, 820.0968}},
		DeepenToInclude:  {{793.5375, 796.7358, 801.5331}, {803.6577, 807.9221, 814.3186}, {823.9575, 830.3540, 839.9487}},
	}
	fixed, slots := flopsTable(224)
	mean := func(m map[Block]float64) float64 {
		s := 0.0
		for _, v := range m {
			s += v
		}
		return s / float64(len(m))
	}
	for rule, want := range python {
		for ei, e := range MBExpands {
			for ki, k := range MBKernels {
				total := 0.0
				for stage := 0; stage < mbStages; stage++ {
					for layer := 0; layer < mbSlots; layer++ {
						for _, d := range MBDepths { // the fixed stage's drawn depth, then the rule
							v := fixed
							for s := 0; s < mbStages; s++ {
								depths := MBDepths
								if s == stage {
									fixedDepth := max(d, layer+1)
									if rule == DeepenAsReleased {
										fixedDepth = max(d, layer)
									}
									depths = []int{fixedDepth}
								}
								for _, dd := range depths {
									for j := 0; j < dd; j++ {
										slot := slots[s*mbSlots+j]
										c := mean(slot)
										if s == stage && j == layer {
											c = slot[Block{k, float64(e)}]
										}
										v += c / float64(len(depths))
									}
								}
							}
							total += v / float64(len(MBDepths))
						}
					}
				}
				got := 2 * total / float64(mbStages*mbSlots) / 1e6
				if math.Abs(got-want[ei][ki]) > 1e-3 {
					t.Errorf("rule %d, k%de%d: %.4f M, Python %.4f M", rule, k, e, got, want[ei][ki])
				}
				if d := got - paper[ei][ki]; rule == DeepenAsReleased && (d < -4.4 || d > -3.5) {
					t.Errorf("released rule, k%de%d: %.2f M from the paper's %v", k, e, d, paper[ei][ki])
				}
			}
		}
	}
}
