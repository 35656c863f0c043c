// Package par runs independent loop iterations on all cores.
package par

import (
	"runtime"
	"sync"
)

// For calls f(0), ..., f(n-1) on GOMAXPROCS goroutines and returns when all are done.
// Iterations must be independent; results are deterministic when each writes only its
// own slot.
func For(n int, f func(i int)) {
	workers := min(runtime.GOMAXPROCS(0), n)
	var wg sync.WaitGroup
	next := make(chan int)
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				f(i)
			}
		}()
	}
	for i := 0; i < n; i++ {
		next <- i
	}
	close(next)
	wg.Wait()
}
