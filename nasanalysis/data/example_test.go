package data_test

import (
	"fmt"

	"github.com/nasanalysis/nasanalysis/nasanalysis/data"
)

func ExampleParseCell() {
	c, err := data.ParseCell("|nor_conv_3x3~0|+|none~0|skip_connect~1|+|none~0|none~1|none~2|")
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(c[0], c[2], "connected:", c.Connected())
	_, err = data.ParseCell("|conv~0|+|none~0|none~1|+|none~0|none~1|none~2|")
	fmt.Println(err)
	// Output:
	// nor_conv_3x3 skip_connect connected: false
	// malformed cell "|conv~0|+|none~0|none~1|+|none~0|none~1|none~2|": unknown NAS-Bench-201 operation "conv" (want one of none, skip_connect, nor_conv_1x1, nor_conv_3x3, avg_pool_3x3)
}

func ExampleLoadLatency() {
	lat, err := data.LoadLatency("", "nb201") // --data, $NASANALYSIS_DATA, ../shared/datasets, cache
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(lat.Len(), "cells x", len(lat.Devices), "devices; missing per device:", lat.Missing()[9], "on", lat.Devices[9])
	// Output: 1999 cells x 18 devices; missing per device: 259 on rice_edgetpu
}
