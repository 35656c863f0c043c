package stats

// Test helpers of package stats, exported to the external test package (stats_test),
// whose tests on the real datasets cannot live here: data imports stats.
var (
	Near          = near
	Value         = value
	BruteSpearman = bruteSpearman
	BruteKendall  = bruteKendall
	HasMissing    = hasMissing
	ProcessCPU    = processCPU
)
