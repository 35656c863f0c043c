//go:build unix

package stats

import (
	"syscall"
	"time"
)

// processCPU returns the CPU time, user and system, this process has used so far. The
// matrix benchmarks report it per op next to the wall time, which the load of other
// processes inflates on a shared machine.
func processCPU() (time.Duration, bool) {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0, false
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano()), true
}
