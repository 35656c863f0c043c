package arch

import (
	"math"
	"testing"
)

// allCells enumerates the 15,625 NAS-Bench-201 cells.
func allCells() []Cell {
	var out []Cell
	for k := range 15625 {
		var c Cell
		v := k
		for e := range c {
			c[e] = Op(v % int(NumOps))
			v /= int(NumOps)
		}
		out = append(out, c)
	}
	return out
}

// NAS-Bench-201 publishes the CIFAR-10 FLOPs range 7.78305 M to 220.11969 M; the
// smallest network has no convolution in its cell, the largest six 3x3 convolutions.
func TestNB201MACsPublishedRange(t *testing.T) {
	lo, hi := math.Inf(1), math.Inf(-1)
	for _, c := range allCells() {
		m := c.MACs() / 1e6
		lo, hi = math.Min(lo, m), math.Max(hi, m)
	}
	if math.Abs(lo-7.78305) > 5e-6 || math.Abs(hi-220.11969) > 5e-6 {
		t.Errorf("MACs range %.6f..%.6f M, want 7.78305..220.11969", lo, hi)
	}
}

// A disconnected cell has no directed path from the input node to the output node.
func TestNB201GraphConnectivity(t *testing.T) {
	for _, c := range allCells() {
		g := c.Graph()
		reach := map[int]bool{0: true}
		for changed := true; changed; {
			changed = false
			for i := range g.Adj {
				for j, a := range g.Adj[i] {
					if a != 0 && reach[i] && !reach[j] {
						reach[j], changed = true, true
					}
				}
			}
		}
		if reach[len(g.Nodes)-1] != c.Connected() {
			t.Fatalf("cell %s: output reachable %v, Connected %v", c, reach[len(g.Nodes)-1], c.Connected())
		}
	}
}

const cellA = "|nor_conv_3x3~0|+|none~0|skip_connect~1|+|avg_pool_3x3~0|none~1|nor_conv_1x1~2|"

func TestParseCell(t *testing.T) {
	c, err := ParseCell(cellA)
	if err != nil {
		t.Fatal(err)
	}
	want := Cell{OpConv3x3, OpNone, OpSkip, OpAvgPool, OpNone, OpConv1x1}
	if c != want {
		t.Errorf("ParseCell = %v, want %v", c, want)
	}
	if c.String() != cellA {
		t.Errorf("String() = %q", c.String())
	}
	// 3 <- 0 by avg_pool: connected. Remove it and node 3 is reached only through
	// node 2 <- 1 <- 0 (conv3x3, skip) via edge 3<-2 (conv1x1): still connected.
	if !c.Connected() {
		t.Error("cell A should be connected")
	}
	d := Cell{OpConv3x3, OpNone, OpNone, OpNone, OpSkip, OpNone} // 1<-0, 3<-1 only
	if !d.Connected() {
		t.Error("0->1->3 should be connected")
	}
	e := Cell{OpNone, OpSkip, OpNone, OpNone, OpConv1x1, OpNone} // node 1 unreachable, 3 only from 1
	if e.Connected() {
		t.Error("output reachable only from an unreachable node should be disconnected")
	}
	for _, bad := range []string{
		"", "|none~0|", "|none~0|+|none~0|none~1|+|none~0|none~1|",
		"|none~1|+|none~0|none~1|+|none~0|none~1|none~2|",
		"none~0|+|none~0|none~1|+|none~0|none~1|none~2|",
		"|none0|+|none~0|none~1|+|none~0|none~1|none~2|",
	} {
		if _, err := ParseCell(bad); err == nil {
			t.Errorf("ParseCell(%q) accepted a malformed cell", bad)
		}
	}
	x := c.OneHot()
	back, err := CellFromOneHot(append(x, 1))
	if err != nil || back != c {
		t.Errorf("one-hot round trip: %v, %v", back, err)
	}
	x[0] = 1 // two ops on edge 0
	if _, err := CellFromOneHot(x); err == nil {
		t.Error("two hot entries accepted")
	}
}
