package data_test

import (
	"fmt"

	"github.com/nasanalysis/nasanalysis/nasanalysis/data"
)

func ExampleLoadLatency() {
	lat, err := data.LoadLatency("", "nb201") // --data, $NASANALYSIS_DATA, ../shared/datasets, cache
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(lat.Len(), "cells x", len(lat.Devices), "devices; missing per device:", lat.Missing()[9], "on", lat.Devices[9])
	// Output: 1999 cells x 18 devices; missing per device: 259 on rice_edgetpu
}
