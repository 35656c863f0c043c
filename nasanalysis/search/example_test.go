package search_test

import (
	"fmt"
	"slices"

	"github.com/nasanalysis/nasanalysis/nasanalysis/arch"
	"github.com/nasanalysis/nasanalysis/nasanalysis/predictor"
	"github.com/nasanalysis/nasanalysis/nasanalysis/search"
)

// Random search over four NAS-Bench-201 cells scored by their number of 3x3
// convolutions (counted by hand: 0, 2, 6 and 3). With a budget of all four it queries
// each cell once, in a seeded order, and the best value found is the third cell's 6.
func ExampleRandomSearch() {
	cells := []string{
		"|none~0|+|none~0|none~1|+|none~0|none~1|none~2|",
		"|nor_conv_3x3~0|+|skip_connect~0|none~1|+|nor_conv_3x3~0|avg_pool_3x3~1|none~2|",
		"|nor_conv_3x3~0|+|nor_conv_3x3~0|nor_conv_3x3~1|+|nor_conv_3x3~0|nor_conv_3x3~1|nor_conv_3x3~2|",
		"|nor_conv_3x3~0|+|nor_conv_1x1~0|nor_conv_3x3~1|+|skip_connect~0|nor_conv_3x3~1|none~2|",
	}
	var archs []arch.Arch
	var convs []float64
	for _, s := range cells {
		c, err := arch.ParseCell(s)
		if err != nil {
			fmt.Println(err)
			return
		}
		n := 0
		for _, op := range c {
			if op == arch.OpConv3x3 {
				n++
			}
		}
		archs, convs = append(archs, c), append(convs, float64(n))
	}
	task, err := predictor.NewTask("four-cells", "conv3x3", archs, convs, false)
	if err != nil {
		fmt.Println(err)
		return
	}
	tr, err := search.RandomSearch(task, 4, 1)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println("values:", convs)
	fmt.Println("each cell once:", slices.Sorted(slices.Values(tr.Queried)))
	fmt.Println("best after 4 queries:", tr.BestSoFar[3], "never decreasing:", slices.IsSorted(tr.BestSoFar))
	// Output:
	// values: [0 2 6 3]
	// each cell once: [0 1 2 3]
	// best after 4 queries: 6 never decreasing: true
}

// Band averages the best-so-far curves of several seeds: after the first query the two
// searches had found 1 and 3 (mean 2, sample standard deviation sqrt(2) = 1.414), after
// the second both had found 3.
func ExampleBand() {
	mean, sd := search.Band([]search.Trace{
		{Queried: []int{4, 2}, BestSoFar: []float64{1, 3}},
		{Queried: []int{2, 7}, BestSoFar: []float64{3, 3}},
	})
	fmt.Printf("mean %.3f, sd %.3f\n", mean, sd)
	// Output: mean [2.000 3.000], sd [1.414 0.000]
}

// JudgeRules and RulesSentence on one exhaustive comparison of two devices: the model for
// device a alone reaches 95 % but runs at twice b's reference; the worst-case model keeps
// both devices within their references at 92 %, 3 points below it.
func ExampleRulesSentence() {
	var choices [][]search.Choice
	for r, rule := range search.Rules([]string{"a", "b"}) {
		value, worst := []float64{95, 94, 93, 92}[r], []float64{2, 1.5, 1.2, 0.9}[r]
		choices = append(choices, []search.Choice{{Rule: rule, Value: value, Worst: worst}})
	}
	v, err := search.JudgeRules(choices, 2)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(search.RulesSentence(v))
	// Output:
	// The single-device models reach up to 95 % (*a only*) but their worst case over the devices is 1.50–2.00 × the references; the average-case model reaches 93 % (worst case 1.20), the worst-case model 92 % (worst case 0.900): 3 points below the best single-device model, within every device's reference.
}
