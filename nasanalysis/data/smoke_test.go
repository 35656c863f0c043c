package data

import "testing"

func TestSmokeAll(t *testing.T) {
	for _, n := range DatasetNames() {
		tab, err := LoadLatency("", n)
		if err != nil {
			t.Fatal(err)
		}
		d, err := LoadDevices("", n)
		if err != nil {
			t.Fatal(err)
		}
		t.Log(n, tab.Len(), len(tab.Devices), tab.Missing(), len(d))
	}
	acc, err := LoadAccuracy("")
	if err != nil {
		t.Fatal(err)
	}
	lat, _ := LoadLatency("", "nb201")
	df, err := JoinAccuracy(lat, acc)
	t.Log(df.Dims())
	if err != nil {
		t.Fatal(err)
	}
}
