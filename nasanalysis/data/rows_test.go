package data

import (
	"math"
	"reflect"
	"testing"

	"github.com/nasanalysis/nasanalysis/nasanalysis/arch"
)

func TestRowsWhereRowsOf(t *testing.T) {
	p := writeNB201Latency(t, nb201Header(), [][]string{goodRow(0, cellA), goodRow(1, cellB)})
	lat, err := ReadLatencyFile(mustDataset(t, "nb201"), p)
	if err != nil {
		t.Fatal(err)
	}
	lat.Latency[0][0], lat.Latency[0][1] = 7, 9 // first device: 7 ms for cellA, 9 for cellB
	// cellB has a 3x3 convolution on two edges, cellA on one.
	idx := lat.Where(func(a arch.Arch) bool { return a.(arch.Cell).Count(arch.OpConv3x3) == 2 })
	if !reflect.DeepEqual(idx, []int{1}) {
		t.Fatalf("Where = %v, want [1]", idx)
	}
	sub := lat.Rows([]int{1, 0})
	if sub.Len() != 2 || sub.Archs[0] != cellB || sub.IDs[0] != 1 || sub.Latency[0][0] != 9 || sub.Latency[0][1] != 7 || len(sub.Latency) != len(lat.Latency) {
		t.Errorf("Rows([1 0]) = archs %v ids %v first device %v", sub.Archs, sub.IDs, sub.Latency[0])
	}
	sub.Latency[0][0] = math.NaN()
	if lat.Latency[0][1] != 9 {
		t.Error("Rows shares its columns with the table")
	}
	c, _ := arch.ParseCell(cellA)
	at, err := RowsOf(lat, []arch.Cell{c})
	if err != nil || !reflect.DeepEqual(at, []int{0}) {
		t.Errorf("RowsOf(cellA) = %v, %v", at, err)
	}
	if _, err := RowsOf(lat, []arch.Cell{{}}); err == nil {
		t.Error("a cell not in the table should be an error")
	}
}
