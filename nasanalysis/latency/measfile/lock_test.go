package measfile

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// A second lock on the same file is refused, naming who holds it; once released the
// lock file is gone and the lock can be taken again. Held by another process (flock
// locks are per open file, so a second open in this process stands in for it).
func TestLock(t *testing.T) {
	out := filepath.Join(t.TempDir(), "m.csv")
	release, err := Lock(out)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := Lock(out); err == nil || !strings.Contains(err.Error(), "is being written by another run (process ") || !strings.Contains(err.Error(), "m.csv.lock") {
		t.Errorf("second lock: %v", err)
	}
	release()
	if _, err := os.Stat(out + ".lock"); !os.IsNotExist(err) {
		t.Errorf("lock file after release: %v", err)
	}
	again, err := Lock(out)
	if err != nil {
		t.Fatalf("lock after release: %v", err)
	}
	again()
}

// flock(1), where installed, sees the same lock: a shell script and a run exclude each
// other.
func TestLockSeenByFlock(t *testing.T) {
	if _, err := exec.LookPath("flock"); err != nil {
		t.Skip("no flock(1)")
	}
	out := filepath.Join(t.TempDir(), "m.csv")
	release, err := Lock(out)
	if err != nil {
		t.Fatal(err)
	}
	defer release()
	if err := exec.Command("flock", "--nonblock", out+".lock", "true").Run(); err == nil {
		t.Error("flock(1) took the lock a run holds")
	}
}
