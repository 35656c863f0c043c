package profile

import (
	"bytes"
	"encoding/gob"
	"encoding/json"
	"math"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/nasanalysis/nasanalysis/nasanalysis/arch"
	"github.com/nasanalysis/nasanalysis/nasanalysis/data"
	"github.com/nasanalysis/nasanalysis/nasanalysis/datatest"
	"github.com/nasanalysis/nasanalysis/nasanalysis/latency"
	"github.com/nasanalysis/nasanalysis/nasanalysis/metric"
	"github.com/nasanalysis/nasanalysis/nasanalysis/predictor"
)

// A response table has a mean and a shift column per metric; its caption groups the
// metrics by unit and mentions left-out blocks only when a block is missing. By hand:
// k3e3's values 2, 4 (mean 3) against a baseline of 1, 1 shift by 2.
func TestResponseTable(t *testing.T) {
	r := handResult(arch.OFAMBv3, []string{"acc", "lat"}, []string{"%", "ms"}, [][]float64{{1, 1}, {10, 10}},
		handGroup{fix: fix(0, 0, 3, 3), values: [][]float64{{2, 4}, {11, 13}}})
	tab, err := r.ResponseTable("acc", "lat")
	if err != nil {
		t.Fatal(err)
	}
	df := tab.Frame()
	if !slices.Equal(df.Names(), []string{"block", "acc", "acc_shift", "lat", "lat_shift"}) || df.Nrow() != 9 {
		t.Fatalf("frame columns %v, %d rows", df.Names(), df.Nrow())
	}
	if df.Col("acc").Elem(0).Float() != 3 || df.Col("acc_shift").Elem(0).Float() != 2 || df.Col("lat_shift").Elem(0).Float() != 2 || !math.IsNaN(df.Col("acc").Elem(1).Float()) {
		t.Errorf("frame\n%v", df)
	}
	contains(t, "caption", ResponseCaption(tab), "acc in % (shifts in points); lat in ms", "mean of the 2-network baseline", "A row of n/a is a block left out")
	full := handResult(arch.OFAResNet50, []string{"acc"}, []string{"%"}, [][]float64{{1, 1}},
		handGroup{fix: fix(0, 0, 0, 0.2), values: [][]float64{{1, 2}}}, handGroup{fix: fix(0, 0, 0, 0.25), values: [][]float64{{1, 2}}}, handGroup{fix: fix(0, 0, 0, 0.35), values: [][]float64{{1, 2}}})
	ft, _ := full.ResponseTable("acc")
	lacks(t, "full caption", ResponseCaption(ft), "n/a")
	if _, err := r.ResponseTable("acc", "nope"); err == nil {
		t.Error("an unknown metric gave no error")
	}
}

// RunSentences describes the estimated metrics (a GPU predictor here, not accuracy) and
// the run's size.
func TestRunSentences(t *testing.T) {
	r := handResult(arch.OFAMBv3, []string{"acc", "gpu_2080ti_1"}, []string{"%", "ms"}, [][]float64{{1, 1}, {1, 1}},
		handGroup{fix: fix(0, 0, 3, 3), values: [][]float64{{1, 1}, {1, 1}}}, handGroup{fix: fix(0, 1, 3, 3), values: [][]float64{{1, 1}, {1, 1}}})
	r.Metrics[1].About = "GCN latency predictor, held-out SRCC 0.751."
	got := RunSentences(r, 1.5, "small")
	want := []string{"`gpu_2080ti_1`: GCN latency predictor, held-out SRCC 0.751.",
		"Profiled ofa-mbv3: 3 groups (2 block fixes and the baseline) x 2 networks on 2 metrics in 1.50 s (study size small)."}
	if !slices.Equal(got, want) {
		t.Errorf("run sentences %q, want %q", got, want)
	}
}

// pnDrop are the blocks ProxylessNAS's mobile lookup table lacks (expand ratio 4).
var pnDrop = []arch.Block{{Kernel: 3, Expand: 4}, {Kernel: 5, Expand: 4}, {Kernel: 7, Expand: 4}}

// A Spec runs the profile its Config would (the same seed gives the same table), and
// refuses a dropped block the space does not have and a space of two resolutions.
func TestSpecRun(t *testing.T) {
	spec := Spec{Space: arch.Space{Family: arch.ProxylessNAS, Width: 1, Resolutions: []int{224}, Drop: pnDrop}, N: 4, Seed: 3, Metrics: []string{"flops"}}
	r, err := spec.Run()
	if err != nil {
		t.Fatal(err)
	}
	flops, err := metric.New("flops", arch.ProxylessNAS, metric.Options{})
	if err != nil {
		t.Fatal(err)
	}
	want, err := Run(Config{Space: arch.Space{Family: arch.ProxylessNAS, Width: 1, Resolutions: []int{224}, Drop: pnDrop}, N: 4, Seed: 3, Metrics: []*metric.Metric{flops}})
	if err != nil {
		t.Fatal(err)
	}
	_, a := r.Table()
	_, b := want.Table()
	if len(a) != 121 || len(a) != len(b) || !slices.Equal(a[7], b[7]) {
		t.Errorf("spec ran %d groups, config %d; row 7 %v against %v", len(a), len(b), a[7], b[7])
	}
	if s := r.Sample(); s.Setting() != "224 px, width 1.0, without k3e4, k5e4 and k7e4" || s.Fixes != 120 || len(s.Blocks) != 6 {
		t.Errorf("sample %+v", s)
	}
	bad := spec
	bad.Space.Drop = []arch.Block{{Kernel: 9, Expand: 9}}
	if _, err := bad.Run(); err == nil || !strings.Contains(err.Error(), "k9e9") {
		t.Errorf("an unknown dropped block: %v", err)
	}
	bad = spec
	bad.Space.Resolutions = []int{192, 224}
	if _, err := bad.Run(); err == nil || !strings.Contains(err.Error(), "2 resolutions") {
		t.Errorf("a space of two resolutions: %v", err)
	}
}

// A Spec keys a notebook's cached profile: it survives encoding/json (nb.Key) and
// encoding/gob (nb.Cached) unchanged, its space's restrictions included.
func TestSpecEncodes(t *testing.T) {
	spec := Spec{Space: arch.Space{Family: arch.ProxylessNAS, Width: 1, Resolutions: []int{224}, Drop: pnDrop, MaxDepth: []int{3, 4, 4, 4, 4}},
		Deepen: arch.DeepenAsReleased, N: 4, Seed: 3, Metrics: []string{"flops"}, GPUSeed: 1}
	j, err := json.Marshal(spec)
	if err != nil {
		t.Fatal(err)
	}
	var fromJSON, fromGob Spec
	if err := json.Unmarshal(j, &fromJSON); err != nil || !reflect.DeepEqual(fromJSON, spec) {
		t.Errorf("through JSON %s: %+v, %v", j, fromJSON, err)
	}
	var buf bytes.Buffer
	if err := gob.NewEncoder(&buf).Encode(spec); err != nil {
		t.Fatal(err)
	}
	if err := gob.NewDecoder(&buf).Decode(&fromGob); err != nil || !reflect.DeepEqual(fromGob, spec) {
		t.Errorf("through gob: %+v, %v", fromGob, err)
	}
}

// The project's per-block file reads into block times with its name and counts.
func TestReadTruth(t *testing.T) {
	path, err := data.ProjectFile(latency.BlocksFile)
	datatest.Check(t, err)
	tr, err := ReadTruth(path)
	datatest.Check(t, err)
	dataset, n, _, _ := tr.DataLine()
	if tr.File != latency.BlocksFile || dataset != "datasets/"+latency.BlocksFile || n != tr.Networks || tr.Networks == 0 || tr.Rows <= tr.Networks || len(tr.MS) == 0 {
		t.Errorf("truth from %s: %d networks, %d rows, %d fixes; data line %s, %d", path, tr.Networks, tr.Rows, len(tr.MS), dataset, n)
	}
}

func TestMachineModelSentences(t *testing.T) {
	m := MachineModel{Measured: 300, Labelled: 240, Test: 60, Bootstrap: 1000, Kendall: 0.449, RMSE: 1.31}
	m.SRCC.Estimate, m.SRCC.Lo, m.SRCC.Hi = 0.64, 0.439, 0.766
	contains(t, "sentence", m.Sentence(), "trained on 240 of the 300 measured networks, on the 60 it did not see: SRCC 0.640 (0.439–0.766), Kendall 0.449, RMSE 1.31 ms", "1,000 resamples")
	_, n, _, note := m.DataLine()
	if n != 300 || !strings.Contains(note, "240 train the GCN that prices `predicted` (split seed 0), 60 test it") {
		t.Errorf("data line %d, %q", n, note)
	}
}

// ProfileMachine prices `predicted` with the fitted GCN and scores it on the measured
// networks it did not see (60 labelled here, to keep the training short); a fit on
// another dataset is refused.
func TestProfileMachine(t *testing.T) {
	if testing.Short() {
		t.Skip("trains a GCN")
	}
	spec := MachineSpec(60)
	fit, err := predictor.Fit("", spec)
	datatest.Check(t, err)
	mp, err := ProfileMachine(Spec{Space: arch.Space{Family: arch.OFAMBv3, Resolutions: []int{160}}, N: 2, Seed: 1, Metrics: []string{"predicted"}}, fit)
	datatest.Check(t, err)
	m := mp.Model
	if m.Labelled != 60 || m.Test != m.Measured-60 || !(m.SRCC.Lo <= m.SRCC.Estimate && m.SRCC.Estimate <= m.SRCC.Hi) || m.SRCC.Estimate != fit.Score.SRCC {
		t.Errorf("model %+v, fit score %+v", m, fit.Score)
	}
	resp, err := mp.Profile.Response("predicted")
	if err != nil || len(resp.Present()) != 9 || resp.Baseline <= 0 {
		t.Errorf("predicted response %+v, %v", resp, err)
	}
	fit.Spec.Dataset = "nb201"
	if _, err := ProfileMachine(Spec{Space: arch.Space{Family: arch.OFAMBv3}, N: 2, Metrics: []string{"predicted"}}, fit); err == nil {
		t.Error("a fit on another dataset was accepted")
	}
}
