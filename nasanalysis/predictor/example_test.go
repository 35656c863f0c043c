package predictor_test

import (
	"fmt"

	"github.com/nasanalysis/nasanalysis/nasanalysis/predictor"
)

// Four predictions that swap the order of the last two architectures: ranks differ by
// d = (0, 0, 1, -1), so Spearman's rho = 1 - 6·2/(4·(16-1)) = 0.8; one of the six pairs
// is discordant, so Kendall's tau = (5-1)/6 = 0.667; RMSE = sqrt((1+1)/4) = 0.707.
func ExampleScored() {
	truth := []float64{1, 2, 4, 3}
	pred := []float64{1, 2, 3, 4}
	s, err := predictor.Scored(pred, truth)
	if err != nil {
		panic(err)
	}
	fmt.Printf("SRCC %.3f, Kendall %.3f, RMSE %.3f\n", s.SRCC, s.Kendall, s.RMSE)
	// Output: SRCC 0.800, Kendall 0.667, RMSE 0.707
}

// The linear baseline recovers an exactly additive target, y = 1 + 2·x0 − 3·x1, and
// predicts an unseen combination: 1 + 2·1 − 3·1 = 0.
func ExampleFitLinear() {
	X := [][]float64{{0, 0}, {1, 0}, {0, 1}}
	y := []float64{1, 3, -2}
	lin, err := predictor.FitLinear(X, y, false, 0)
	if err != nil {
		fmt.Println(err)
		return
	}
	p := lin.Predict([][]float64{{1, 1}})
	fmt.Printf("intercept %.3f, coefficients %.3f, prediction for (1, 1): %.3f\n", lin.Intercept, lin.Coef, p[0])
	// Output: intercept 1.000, coefficients [2.000 -3.000], prediction for (1, 1): 0.000
}
