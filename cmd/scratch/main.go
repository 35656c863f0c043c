package main

import (
	"log"

	"github.com/nasanalysis/nasanalysis/nasanalysis/data"
	"github.com/nasanalysis/nasanalysis/nasanalysis/plots"
	"github.com/nasanalysis/nasanalysis/nasanalysis/stats"
)

func main() {
	lat, err := data.LoadLatency("", "nb201")
	if err != nil {
		log.Fatal(err)
	}
	devs, _ := data.LoadDevices("", "nb201")
	names := data.DeviceNames(data.SortByKind(devs))
	tab, _ := lat.Select(names)
	m := stats.CorrelationMatrix(tab.Latency, stats.Spearman)
	h := plots.Heatmap{Title: "SRCC nb201", Values: m, RowLabels: names, ColLabels: names, Caption: "x"}
	f, err := h.Figure()
	if err != nil {
		log.Fatal(err)
	}
	if err := f.Save("/tmp/scratch/heat.png"); err != nil {
		log.Fatal(err)
	}
	var ds []plots.Distribution
	for d, n := range tab.Devices {
		ds = append(ds, plots.Distribution{Name: n, Values: tab.Latency[d]})
	}
	b, err := plots.BoxPlots(plots.Axes{Title: "lat", LogY: true, YLabel: "ms"}, ds...)
	if err != nil {
		log.Fatal(err)
	}
	b.Save("/tmp/scratch/box.png")
}
