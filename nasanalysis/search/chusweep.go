package search

import (
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/nasanalysis/nasanalysis/nasanalysis/arch"
	"github.com/nasanalysis/nasanalysis/nasanalysis/data"
	"github.com/nasanalysis/nasanalysis/nasanalysis/metric"
)

// NamedArch is a reference architecture of a design space, named for the reader, with
// its latency on every device of a study.
type NamedArch struct {
	Name    string
	Arch    string
	Latency []float64 // per device, in the device's unit
}

// The NB201 reference cells of the multi-hardware sweep, both in OneProxy's latency
// table (latency.csv).
const (
	// NB201AllConv3x3 is the cell whose six edges are all 3×3 convolutions: the
	// largest cell of the space (NAS-Bench-201 index 1462).
	NB201AllConv3x3 = "|nor_conv_3x3~0|+|nor_conv_3x3~0|nor_conv_3x3~1|+|nor_conv_3x3~0|nor_conv_3x3~1|nor_conv_3x3~2|"
	// NB201BestCIFAR10 is the cell of highest CIFAR-10 test accuracy in accuracy.csv
	// (94.37 %, index 6111), the benchmark's optimum.
	NB201BestCIFAR10 = "|nor_conv_3x3~0|+|nor_conv_3x3~0|nor_conv_3x3~1|+|skip_connect~0|nor_conv_3x3~1|nor_conv_1x1~2|"
)

// NB201References are the named cells of NB201Sweep: the all-3×3 cell, whose latency
// scales the budgets, and the benchmark's optimum cell.
var NB201References = []NamedArch{{Name: "all-conv3x3 cell", Arch: NB201AllConv3x3}, {Name: "best CIFAR-10 cell", Arch: NB201BestCIFAR10}}

// UniformMB is the OFA mobile network with the same kernel, expand ratio and depth in
// every stage, at resolution res: the space's smallest network is UniformMB(3, 3, 2,
// res), its largest UniformMB(7, 6, 4, res).
func UniformMB(kernel, expand, depth, res int) arch.MBArch {
	a := arch.MBArch{R: res}
	for range 20 {
		a.KS, a.E = append(a.KS, kernel), append(a.E, expand)
	}
	for range 5 {
		a.D = append(a.D, depth)
	}
	return a
}

// OFAReferences are the named OFA-MobileNetV3 networks at res of the search sweep: the
// middle one (kernel 5, expand 4, depth 3 in every stage), whose latency scales the
// budgets, then the space's smallest and largest.
func OFAReferences(res int) []NamedArch {
	return []NamedArch{{Name: "middle network", Arch: UniformMB(5, 4, 3, res).String()},
		{Name: "smallest network", Arch: UniformMB(3, 3, 2, res).String()},
		{Name: "largest network", Arch: UniformMB(7, 6, 4, res).String()}}
}

// Sweep is Chu et al.'s multi-hardware comparison over a sweep of budgets: each
// device's budget is Levels[l] × the latency there of the reference architecture
// References[0]; the devices are grouped into hardware (Grouping), and under every rule
// of Rules(Grouping.Names()) the best architecture is chosen — exactly over a measured
// table (Exhaustive, one choice per rule) or by OFA's evolutionary search, once per
// seed. Choice ratios are latency over the level's budget.
type Sweep struct {
	Space      string // the space as the reports name it
	Devices    []string
	Units      []string
	Grouping   *Grouping
	References []NamedArch
	Levels     []float64
	Value      string       // the value maximised
	Choices    [][][]Choice // [level][rule][seed]
	Exhaustive bool
	// Table: architectures with a latency on every device, and those left out.
	Kept, Missing int
	// Search: its space, configuration and seeds; the random networks whose latencies
	// group the devices (SampleLatency[d], Sample of them drawn with SampleSeed); each
	// device's metric name and description.
	SearchSpace   arch.Space
	Config        EvoConfig
	Seeds         []uint64
	Sample        int
	SampleSeed    uint64
	SampleLatency [][]float64
	Metrics       []string
	Abouts        []string
}

// Budgets are the devices' budgets at level l.
func (s *Sweep) Budgets(l int) []float64 {
	out := make([]float64, len(s.Devices))
	for d, v := range s.References[0].Latency {
		out[d] = s.Levels[l] * v
	}
	return out
}

// nb201Columns loads NB201's latency table, the accuracy column maximised and the
// columns of devices.
func nb201Columns(dataDir string, devices []string) (*data.LatencyTable, []float64, [][]float64, error) {
	lat, err := data.LoadLatency(dataDir, "nb201")
	if err != nil {
		return nil, nil, nil, err
	}
	accs, err := data.LoadAccuracy(dataDir)
	if err != nil {
		return nil, nil, nil, err
	}
	acc, err := data.AccuracyFor(lat, accs, NB201Value)
	if err != nil {
		return nil, nil, nil, err
	}
	cols := make([][]float64, len(devices))
	for d, dev := range devices {
		if cols[d], err = lat.Column(dev); err != nil {
			return nil, nil, nil, err
		}
	}
	return lat, acc, cols, nil
}

// nb201Grouping groups NB201 devices by the hardware nb201/devices.csv names and by
// the SRCC of their columns (SameHardwareSRCC).
func nb201Grouping(dataDir string, devices []string, cols [][]float64) (*Grouping, error) {
	all, err := data.LoadDevices(dataDir, "nb201")
	if err != nil {
		return nil, err
	}
	hw := make([]string, len(devices))
	for d, name := range devices {
		k := slices.IndexFunc(all, func(x data.Device) bool { return x.Name == name })
		if k < 0 {
			return nil, fmt.Errorf("nb201 device %q not in %s", name, data.DevicesFile)
		}
		hw[d] = all[k].Hardware
	}
	return GroupDevices(devices, hw, cols, SameHardwareSRCC)
}

// tableReferences finds each named architecture in the table's rows and reads its
// latencies; one without a latency on every device is an error naming it.
func tableReferences(archs []string, cols [][]float64, devices []string, refs []NamedArch) ([]NamedArch, error) {
	out := make([]NamedArch, len(refs))
	for r, ref := range refs {
		i := slices.Index(archs, ref.Arch)
		if i < 0 {
			return nil, fmt.Errorf("reference %s (%s) is not in the latency table", ref.Name, ref.Arch)
		}
		out[r] = NamedArch{Name: ref.Name, Arch: ref.Arch, Latency: RefOf(cols, i)}
		for d, v := range out[r].Latency {
			if !(v > 0) {
				return nil, fmt.Errorf("reference %s (%s) has no latency on %s", ref.Name, ref.Arch, devices[d])
			}
		}
	}
	return out, nil
}

// NB201Sweep is the exhaustive multi-hardware sweep over NB201's cells measured on every
// one of devices: devices grouped by nb201Grouping, budgets levels × the latency of
// NB201References[0] (the all-conv3x3 cell), the most accurate cell under every rule.
func NB201Sweep(dataDir string, devices []string, levels []float64) (*Sweep, error) {
	lat, acc, cols, err := nb201Columns(dataDir, devices)
	if err != nil {
		return nil, err
	}
	g, err := nb201Grouping(dataDir, devices, cols)
	if err != nil {
		return nil, err
	}
	refs, err := tableReferences(lat.Archs, cols, devices, NB201References)
	if err != nil {
		return nil, err
	}
	return TableSweep("nb201", devices, cols, acc, NB201Value, g, refs, levels)
}

// TableSweep is the exhaustive sweep over a measured table: lat[d][i] is architecture
// i's latency on device d, value[i] its value; refs[0] scales the budgets; g groups the
// devices (nil: each device its own hardware, with no SRCC computed).
func TableSweep(space string, devices []string, lat [][]float64, value []float64, valueName string, g *Grouping, refs []NamedArch, levels []float64) (*Sweep, error) {
	if len(levels) == 0 || len(refs) == 0 {
		return nil, fmt.Errorf("multi-hardware sweep: %d levels, %d references", len(levels), len(refs))
	}
	units := make([]string, len(devices))
	for d := range units {
		units[d] = "ms"
	}
	if g == nil {
		groups, _ := singletons(devices)
		g = &Grouping{Devices: slices.Clone(devices), Hardware: make([]string, len(devices)), Threshold: math.NaN(), Groups: groups}
	}
	s := &Sweep{Space: space, Devices: devices, Units: units, Grouping: g, References: refs, Levels: levels, Value: valueName, Exhaustive: true}
	for l := range levels {
		m, err := NormaliseGrouped(devices, lat, s.Budgets(l), g)
		if err != nil {
			return nil, err
		}
		best, err := BestUnder(m, value)
		if err != nil {
			return nil, fmt.Errorf("level %v × %s: %w", levels[l], refs[0].Name, err)
		}
		s.Kept, s.Missing = len(m.Kept), m.Missing
		rules := make([][]Choice, len(best))
		for r, c := range best {
			rules[r] = []Choice{c}
		}
		s.Choices = append(s.Choices, rules)
	}
	return s, nil
}

// SearchSweep is the multi-hardware sweep by search over space (one resolution): the
// devices' latencies lats (names as the reports call them), grouped by hardware (named
// per device; "" for none) and by the SRCC of RuleSample random networks drawn with
// sampleSeed; budgets levels × the latency of refs[0]; OFA's evolutionary search of
// value under every rule, level and seed.
func SearchSweep(space arch.Space, value *metric.Metric, lats []*metric.Metric, names, hardware []string, refs []NamedArch, levels []float64, sampleSeed uint64, cfg EvoConfig, seeds []uint64) (*Sweep, error) {
	if _, err := oneResolution(space); err != nil {
		return nil, fmt.Errorf("multi-hardware sweep: the budgets are at one resolution: %w", err)
	}
	if len(names) != len(lats) || len(hardware) != len(lats) || len(levels) == 0 || len(refs) == 0 {
		return nil, fmt.Errorf("multi-hardware sweep: %d names and %d hardware for %d latency sources, %d levels, %d references", len(names), len(hardware), len(lats), len(levels), len(refs))
	}
	as, err := sampleN(space, RuleSample, sampleSeed)
	if err != nil {
		return nil, fmt.Errorf("multi-hardware sweep: %w", err)
	}
	s := &Sweep{Space: space.String(), Devices: names, Levels: levels, Value: value.Name, SearchSpace: space, Config: cfg, Seeds: seeds, Sample: RuleSample, SampleSeed: sampleSeed}
	s.References = make([]NamedArch, len(refs))
	for r, ref := range refs {
		a, err := arch.Parse(space.Family, ref.Arch)
		if err != nil {
			return nil, fmt.Errorf("reference %s: %w", ref.Name, err)
		}
		s.References[r] = NamedArch{Name: ref.Name, Arch: a.String()}
	}
	for _, m := range lats {
		v, err := m.Values(as)
		if err != nil {
			return nil, fmt.Errorf("multi-hardware sweep, random networks on %s: %w", m.Name, err)
		}
		s.Metrics, s.Units, s.Abouts, s.SampleLatency = append(s.Metrics, m.Name), append(s.Units, m.Unit), append(s.Abouts, m.About), append(s.SampleLatency, v)
		for r := range refs {
			a, _ := arch.Parse(space.Family, refs[r].Arch)
			v, err := m.Values([]arch.Arch{a})
			if err != nil {
				return nil, fmt.Errorf("reference %s on %s: %w", refs[r].Name, m.Name, err)
			}
			s.References[r].Latency = append(s.References[r].Latency, v[0])
		}
	}
	if s.Grouping, err = GroupDevices(names, hardware, s.SampleLatency, SameHardwareSRCC); err != nil {
		return nil, err
	}
	for l := range levels {
		cs, err := SearchGroupedRules(space, value, lats, s.Budgets(l), s.Grouping, cfg, seeds)
		if err != nil {
			return nil, fmt.Errorf("level %v × %s: %w", levels[l], refs[0].Name, err)
		}
		s.Choices = append(s.Choices, cs)
	}
	return s, nil
}

// RuleStudy is the sweep's level l as a RuleStudy of one set of budgets (for the
// chosen models' table, figure and measurements); the budgets' description names the
// level and the reference.
func (s *Sweep) RuleStudy(l int) *RuleStudy {
	return &RuleStudy{Space: s.SearchSpace, Devices: s.Devices, Metrics: s.Metrics, Units: s.Units, Abouts: s.Abouts, Budgets: s.Budgets(l),
		SampleLatency: s.SampleLatency, Sample: s.Sample, SampleSeed: s.SampleSeed, Value: s.Value, Config: s.Config, Seeds: s.Seeds, Choices: s.Choices[l],
		BudgetIs: fmt.Sprintf("%s × the latency of the %s", fmtLevel(s.Levels[l]), s.References[0].Name)}
}

// SearchGroupedRules runs Evolve on space once per rule and seed — each hardware
// group's budgets alone (every member within its budget on the group's mean), then all
// groups on average and in the worst case — and reports each result's value, latency
// ratios on every device and group, and the networks the search scored. g nil: every
// device its own hardware, rules named by the metrics; otherwise rules are named by
// g's group names (g.Devices as the reports call the devices).
func SearchGroupedRules(space arch.Space, value *metric.Metric, lats []*metric.Metric, budgets []float64, g *Grouping, cfg EvoConfig, seeds []uint64) ([][]Choice, error) {
	devices := make([]string, len(lats))
	for d, m := range lats {
		devices[d] = m.Name
	}
	groups, names := singletons(devices)
	if g != nil {
		if len(g.Devices) != len(lats) {
			return nil, fmt.Errorf("multi-hardware search: grouping of %d devices for %d latency sources", len(g.Devices), len(lats))
		}
		groups, names = g.Members(), g.Names()
	}
	if len(budgets) != len(lats) {
		return nil, fmt.Errorf("multi-hardware search: %d budgets for %d latency sources", len(budgets), len(lats))
	}
	for d, b := range budgets {
		if !(b > 0) || math.IsInf(b, 0) {
			return nil, fmt.Errorf("multi-hardware search: budget %v for %s is not a positive number", b, devices[d])
		}
	}
	var out [][]Choice
	for r, rule := range Rules(names) {
		var priced []int // devices the rule's evaluator prices
		switch {
		case r < len(groups):
			priced = groups[r]
		default:
			for d := range lats {
				priced = append(priced, d)
			}
		}
		ev := groupedEvaluator(value, lats, budgets, groups, names, priced, rule)
		perSeed, err := evolvePerSeed(space, ev, cfg, seeds, rule, func(res *EvoResult) (Choice, error) {
			ch := Choice{Rule: rule, Index: -1, Arch: res.Best.String(), Value: res.Fitness, Evaluated: res.Evaluated}
			for d, m := range lats {
				v, err := m.Values([]arch.Arch{res.Best})
				if err != nil {
					return Choice{}, err
				}
				ch.Ratio, ch.Latency = append(ch.Ratio, v[0]/budgets[d]), append(ch.Latency, v[0])
			}
			ch.GroupRatio, ch.Avg, ch.Worst = groupRatios(ch.Ratio, groups)
			return ch, nil
		})
		if err != nil {
			return nil, err
		}
		out = append(out, perSeed)
	}
	return out, nil
}

// groupedEvaluator maximises value under one rule: it prices each candidate on the
// devices priced (a group's members for a group's rule, every device for average and
// worst) and admits it by the rule on the group ratios.
func groupedEvaluator(value *metric.Metric, lats []*metric.Metric, budgets []float64, groups [][]int, names []string, priced []int, rule string) Evaluator {
	return func(as []arch.Arch) ([]float64, []bool, error) {
		fit, err := value.Values(as)
		if err != nil {
			return nil, nil, err
		}
		ratio := make([][]float64, len(as))
		for i := range as {
			ratio[i] = make([]float64, len(lats))
		}
		for _, d := range priced {
			v, err := lats[d].Values(as)
			if err != nil {
				return nil, nil, err
			}
			for i := range as {
				ratio[i][d] = v[i] / budgets[d]
			}
		}
		ok := make([]bool, len(as))
		for i := range as {
			gr, avg, worst := groupRatios(ratio[i], groups)
			ok[i] = admits(rule, names, gr, avg, worst)
		}
		return fit, ok, nil
	}
}

// fmtLevel writes a budget level as short as it is exact: 0.8, 1, 1.25.
func fmtLevel(x float64) string { return strconv.FormatFloat(x, 'f', -1, 64) }

// OFAHardware names the hardware behind each OFA-MobileNetV3 metric, for
// GroupDevices: a gpu_<column> predictor's GPU as the GPU dataset's device table names
// it (so the same GPU at two batch sizes is one hardware), the Note10 tables' phone,
// this machine for its predicted or measured latency, and "" (no hardware) for a count
// such as FLOPs.
func OFAHardware(dataDir string, metrics []string) ([]string, error) {
	out := make([]string, len(metrics))
	var gpus []data.Device
	for d, name := range metrics {
		switch {
		case strings.HasPrefix(name, "gpu_"):
			if gpus == nil {
				var err error
				if gpus, err = data.LoadDevices(dataDir, metric.GPUDataset); err != nil {
					return nil, err
				}
			}
			k := slices.IndexFunc(gpus, func(x data.Device) bool { return x.Name == strings.TrimPrefix(name, "gpu_") })
			if k < 0 {
				return nil, fmt.Errorf("metric %s: no device %q in dataset %s", name, strings.TrimPrefix(name, "gpu_"), metric.GPUDataset)
			}
			out[d] = gpus[k].Hardware
		case strings.HasPrefix(name, "note10"):
			out[d] = "Samsung Note10"
		case name == "predicted" || name == "measured" || name == "local_lut":
			out[d] = "this machine"
		}
	}
	return out, nil
}

// Scored is the number of networks the sweep's searches scored in all (0 for an
// exhaustive sweep).
func (s *Sweep) Scored() int {
	n := 0
	for _, rules := range s.Choices {
		for _, cs := range rules {
			for _, c := range cs {
				n += c.Evaluated
			}
		}
	}
	return n
}
