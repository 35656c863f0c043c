package metric

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/nasanalysis/nasanalysis/nasanalysis/arch"
)

// Mismatch is one way a design space leaves what a metric covers, with the flag that
// brings the space inside.
type Mismatch struct {
	Metric string
	// What says what the space holds and what the metric's data covers.
	What string
	// Flag and Value are the command-line flag that fixes it and its value, e.g.
	// "width" and "1"; Value may list alternatives ("one of 160, 176").
	Flag, Value string
}

func (m Mismatch) String() string {
	return fmt.Sprintf("%s: %s (use --%s %s)", m.Metric, m.What, m.Flag, m.Value)
}

// SpaceError is every mismatch between a space and the metrics to compute on it.
type SpaceError struct {
	Space      arch.Space
	Mismatches []Mismatch
}

func (e *SpaceError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "the space %s leaves what its metrics cover in %d way(s):", e.Space, len(e.Mismatches))
	for _, m := range e.Mismatches {
		b.WriteString("\n  " + m.String())
	}
	if flags, ok := e.Flags(); ok {
		b.WriteString("\nrun with " + flags)
	}
	return b.String()
}

// Flags joins every mismatch's flag into one set of flags that fixes them all (the
// blocks to drop are merged); ok is false when two mismatches want different values
// of one flag, or a choice among values.
func (e *SpaceError) Flags() (flags string, ok bool) {
	var order []string
	values := map[string]string{}
	for _, m := range e.Mismatches {
		v, seen := values[m.Flag]
		switch {
		case strings.HasPrefix(m.Value, "one of "):
			return "", false
		case !seen:
			order = append(order, m.Flag)
			values[m.Flag] = m.Value
		case m.Flag == "drop":
			values[m.Flag] = mergeTokens(v, m.Value)
		case v != m.Value:
			return "", false
		}
	}
	parts := make([]string, len(order))
	for i, f := range order {
		parts[i] = "--" + f + " " + values[f]
	}
	return strings.Join(parts, " "), true
}

// mergeTokens is the union of two comma-separated lists, in first-seen order.
func mergeTokens(a, b string) string {
	out := strings.Split(a, ",")
	for _, t := range strings.Split(b, ",") {
		if !slices.Contains(out, t) {
			out = append(out, t)
		}
	}
	return strings.Join(out, ",")
}

// CheckSpace checks, before anything is sampled or loaded for it, that every
// architecture the space can produce lies where each metric is defined: its family,
// the width it samples at (arch.Space.SampleWidth), every resolution it samples
// (SampleResolutions) and every block it keeps. It returns a *SpaceError listing every
// mismatch of every metric at once, each with the flag that fixes it — profiling
// ProxylessNAS on its phone table (pn_mobile) needs --width 1, --res 224 and
// --drop k3e4,k5e4,k7e4, and says so in one message — or the space's own Validate error.
func CheckSpace(space arch.Space, metrics []*Metric) error {
	if err := space.Validate(); err != nil {
		return err
	}
	e := &SpaceError{Space: space}
	for _, m := range metrics {
		e.Mismatches = append(e.Mismatches, m.Covers.mismatches(m.Name, space)...)
	}
	if len(e.Mismatches) > 0 {
		return e
	}
	return nil
}

// CheckNames is CheckSpace for metrics named as New names them, before any is built
// (building gpu_<column> trains a predictor): each name's CoverageOf. A name the
// family lacks is a *NameError.
func CheckNames(space arch.Space, names []string) error {
	ms := make([]*Metric, len(names))
	for i, n := range names {
		c, err := CoverageOf(n, space.Family)
		if err != nil {
			return err
		}
		ms[i] = &Metric{Name: n, Covers: c}
	}
	return CheckSpace(space, ms)
}

// mismatches lists the ways space leaves c.
func (c Coverage) mismatches(metric string, space arch.Space) []Mismatch {
	if c.Family != "" && c.Family != space.Family {
		return []Mismatch{{metric, fmt.Sprintf("%s %s, not %s", c.Source, c.Family, space.Family), "space", c.Family}}
	}
	var out []Mismatch
	if w := space.SampleWidth(); c.Widths != nil && w != 0 && !slices.Contains(c.Widths, w) {
		value := widthList(c.Widths)
		if len(c.Widths) > 1 {
			value = "one of " + value
		}
		out = append(out, Mismatch{metric, fmt.Sprintf("the space is at width %v; %s width %s", w, c.Source, widthList(c.Widths)), "width", value})
	}
	if rs := space.SampleResolutions(); c.Resolutions != nil && rs != nil {
		var outside, inside []int
		for _, r := range rs {
			if c.Resolutions.Contains(r) {
				inside = append(inside, r)
			} else {
				outside = append(outside, r)
			}
		}
		if len(outside) > 0 {
			if len(inside) == 0 { // suggest the family's sampled resolutions it covers
				for _, r := range (arch.Space{Family: space.Family}).SampleResolutions() {
					if c.Resolutions.Contains(r) {
						inside = append(inside, r)
					}
				}
			}
			value := intList(inside)
			switch {
			case len(inside) == 0:
				value = "R in " + c.Resolutions.String()
			case len(inside) > 1:
				value = "one of " + strings.ReplaceAll(value, ",", ", ")
			}
			out = append(out, Mismatch{metric, fmt.Sprintf("the space samples %s px; %s %s", strings.ReplaceAll(intList(outside), ",", ", "), c.Source, c.Resolutions), "res", value})
		}
	}
	if c.Blocks != nil {
		var uncovered []arch.Block
		for _, b := range space.Keep() {
			if !slices.Contains(c.Blocks, b) {
				uncovered = append(uncovered, b)
			}
		}
		if len(uncovered) > 0 {
			drop := slices.Clone(space.Drop)
			for _, b := range uncovered {
				if !slices.Contains(drop, b) {
					drop = append(drop, b)
				}
			}
			out = append(out, Mismatch{metric, fmt.Sprintf("the space keeps %s; %s %s", blockList(uncovered), c.Source, blockList(c.Blocks)), "drop", blockList(drop)})
		}
	}
	return out
}

func intList(v []int) string {
	s := make([]string, len(v))
	for i, x := range v {
		s[i] = strconv.Itoa(x)
	}
	return strings.Join(s, ",")
}
