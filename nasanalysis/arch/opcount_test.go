package arch

import (
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
