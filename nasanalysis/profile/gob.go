package profile

import (
	"bytes"
	"encoding/gob"
)

// resultData is what a Result keeps through encoding/gob.
type resultData struct {
	Config   Config
	Names    []string
	Baseline *Group
	Groups   []*Group
}

// withoutArchs copies a group without its networks.
func withoutArchs(g *Group) *Group {
	c := *g
	c.Archs = nil
	return &c
}

// GobEncode encodes the profile for a cache (a notebook's nb.Cached): its configuration,
// metric names and every group's values and statistics. It leaves out what gob cannot
// carry: the groups' networks (Group.Archs, interface values), the metrics' functions
// and the progress callback. A decoded Result answers every question of this package
// (responses, placement, friendliness, truth); its metrics keep their names, units and
// descriptions but cannot evaluate networks.
func (r *Result) GobEncode() ([]byte, error) {
	d := resultData{Config: r.Config, Names: r.Names, Baseline: withoutArchs(r.Baseline)}
	d.Config.Progress = nil
	for _, g := range r.Groups {
		d.Groups = append(d.Groups, withoutArchs(g))
	}
	var buf bytes.Buffer
	if err := gob.NewEncoder(&buf).Encode(d); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// GobDecode decodes a profile encoded by GobEncode.
func (r *Result) GobDecode(b []byte) error {
	var d resultData
	if err := gob.NewDecoder(bytes.NewReader(b)).Decode(&d); err != nil {
		return err
	}
	*r = Result{Config: d.Config, Names: d.Names, Baseline: d.Baseline, Groups: d.Groups}
	return nil
}
