package measfile

import (
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"syscall"
	"time"
)

// Lock takes the lock of a run's output file for the run: an exclusive flock(2) on
// path+".lock", which holds who took it (process, host, time) so that a second run on
// the same file is refused with that. The lock ends with the process, however it ends;
// release removes the lock file. A lock file left by a killed run is taken over.
func Lock(path string) (release func(), err error) {
	lockPath := path + ".lock"
	for {
		f, err := os.OpenFile(lockPath, os.O_RDWR|os.O_CREATE, 0o644)
		if err != nil {
			return nil, fmt.Errorf("locking %s: %w", path, err)
		}
		if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB); err != nil {
			holder, _ := io.ReadAll(io.LimitReader(f, 512))
			f.Close()
			if errors.Is(err, syscall.EWOULDBLOCK) {
				return nil, fmt.Errorf("%s is being written by another run (%s, lock %s): wait for it to end, or write to another file",
					path, strings.TrimSpace(string(holder)), lockPath)
			}
			return nil, fmt.Errorf("locking %s: %w", path, err)
		}
		// The holder before us may have removed the file between our open and our lock:
		// then we hold a lock nobody else can see; take the one at the path instead.
		held, err1 := f.Stat()
		now, err2 := os.Stat(lockPath)
		if err1 != nil || err2 != nil || !os.SameFile(held, now) {
			f.Close()
			continue
		}
		host, _ := os.Hostname()
		if err := f.Truncate(0); err == nil {
			fmt.Fprintf(f, "process %d on %s since %s\n", os.Getpid(), host, time.Now().UTC().Format(time.RFC3339))
		}
		return func() {
			os.Remove(lockPath)
			f.Close()
		}, nil
	}
}
