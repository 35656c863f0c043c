package prose_test

import (
	"fmt"

	"github.com/nasanalysis/nasanalysis/nasanalysis/prose"
)

func Example() {
	fmt.Printf("SRCC %s, interval %s; %s pairs, on %s\n",
		prose.Est(0.731, 0.712, 0.745), prose.Interval(-0.123, 0.31), prose.Num(1999),
		prose.JoinAnd([]string{"Note10", "GPU", "CPU"}))
	// Output:
	// SRCC 0.731 (0.712–0.745), interval -0.123 to 0.310; 1,999 pairs, on Note10, GPU and CPU
}

func ExampleOrdinal() {
	for _, n := range []int{1, 2, 3, 4, 11, 12, 13, 21, 22, 111} {
		fmt.Print(prose.Ordinal(n), " ")
	}
	fmt.Println()
	// Output: 1st 2nd 3rd 4th 11th 12th 13th 21st 22nd 111th
}
