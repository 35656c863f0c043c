package nb

import (
	"errors"
	"strings"
	"testing"
)

func TestCachedComputesOnceAndSharesByKey(t *testing.T) {
	t.Setenv(CacheDirEnv, t.TempDir())
	calls := 0
	compute := func() ([]float64, error) { calls++; return []float64{1.5, 2.5}, nil }
	k := Key("trained-predictor", "nb201", 100, uint64(3))
	a := Cached(k, compute)
	b := Cached(k, compute)
	if calls != 1 {
		t.Fatalf("compute ran %d times for one key, want 1", calls)
	}
	if len(b) != 2 || b[0] != 1.5 || b[1] != 2.5 || a[1] != b[1] {
		t.Fatalf("read back %v, stored %v", b, a)
	}
	if got := Recall[[]float64](k); got[1] != 2.5 {
		t.Fatalf("Recall = %v", got)
	}
	// Another input is another key, so it computes again.
	Cached(Key("trained-predictor", "nb201", 100, uint64(4)), compute)
	if calls != 2 {
		t.Fatalf("a different seed did not recompute (calls %d)", calls)
	}
}

func TestKeyDependsOnInputsAndSize(t *testing.T) {
	t.Setenv(SizeEnv, "small")
	small := Key("profile", 224, "note10")
	t.Setenv(SizeEnv, "paper")
	if paper := Key("profile", 224, "note10"); paper == small {
		t.Fatal("the study size is not part of the key")
	}
	if Key("profile", 224, "note10") == Key("profile", 160, "note10") {
		t.Fatal("inputs are not part of the key")
	}
	if !strings.HasPrefix(small, "profile-") {
		t.Fatalf("key %q does not start with its computation", small)
	}
}

func TestRecallBeforeComputeFailsNamingTheKey(t *testing.T) {
	t.Setenv(CacheDirEnv, t.TempDir())
	k := Key("s1")
	defer func() {
		r := recover()
		if r == nil || !strings.Contains(r.(error).Error(), k) {
			t.Fatalf("panic %v does not name the key %q", r, k)
		}
	}()
	Recall[int](k)
}

func TestCachedErrorFailsTheCell(t *testing.T) {
	t.Setenv(CacheDirEnv, t.TempDir())
	defer func() {
		if r := recover(); r == nil {
			t.Fatal("an error from compute did not panic")
		}
	}()
	Cached(Key("broken"), func() (int, error) { return 0, errors.New("no data") })
}

func TestCacheDirOutsideANotebook(t *testing.T) {
	t.Setenv(CacheDirEnv, "")
	t.Setenv("GONB_DIR", "")
	if _, err := CacheDir(); err == nil {
		t.Fatal("no cache folder configured, yet no error")
	}
}
