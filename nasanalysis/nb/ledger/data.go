package ledger

import (
	"fmt"
	"html"
	"regexp"
	"strconv"
)

// DataNote names a data set a notebook rests on and how many samples of it: what
// nb.Data displays and `nasanalysis index` lists for each notebook.
type DataNote struct {
	Dataset string // e.g. "nb201" or "datasets/ort-ofa-mbv3-r160.csv"
	N       int    // samples used
	Unit    string // what a sample is: "cells", "networks", ...
	Note    string // anything else a reader needs, e.g. "18 devices"; may be empty
}

// DataClass is the class of the element nb.Data displays.
const DataClass = "nasanalysis-data"

// Attrs are the attributes that carry d in its element (leading space included).
func (d DataNote) Attrs() string {
	return fmt.Sprintf(` class="%s" data-dataset="%s" data-n="%d" data-unit="%s" data-note="%s"`, DataClass,
		html.EscapeString(d.Dataset), d.N, html.EscapeString(d.Unit), html.EscapeString(d.Note))
}

var dataTag = regexp.MustCompile(`class="` + DataClass + `" data-dataset="([^"]*)" data-n="(-?\d+)" data-unit="([^"]*)" data-note="([^"]*)"`)

// DataNotes returns the data notes an executed notebook shows, in order, each distinct
// note once.
func DataNotes(nb *Notebook) []DataNote {
	var out []DataNote
	seen := map[DataNote]bool{}
	for _, c := range nb.Cells {
		for _, o := range c.Outputs {
			for _, m := range dataTag.FindAllStringSubmatch(o, -1) {
				n, _ := strconv.Atoi(m[2])
				d := DataNote{Dataset: html.UnescapeString(m[1]), N: n, Unit: html.UnescapeString(m[3]), Note: html.UnescapeString(m[4])}
				if !seen[d] {
					seen[d] = true
					out = append(out, d)
				}
			}
		}
	}
	return out
}
