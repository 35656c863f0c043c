package nb

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"

	"github.com/janpfeifer/gonb/cache"
)

// CacheDirEnv names the folder Cached keeps values in. scripts/run-notebooks.sh sets it
// to <reports folder>/cache and empties that folder before the first notebook runs, so
// the values of one `make report` or `make test` run never reach another run.
const CacheDirEnv = "NASANALYSIS_CACHE_DIR"

// CacheDir is the folder Cached keeps values in: $NASANALYSIS_CACHE_DIR when set;
// otherwise, inside a notebook, build/nb-cache in the repository above the notebook's
// folder ($GONB_DIR/..), which a user clears by deleting it. Outside both it is an
// error: a library caller decides for itself where its values live.
func CacheDir() (string, error) {
	if d := os.Getenv(CacheDirEnv); d != "" {
		return d, nil
	}
	if d := os.Getenv("GONB_DIR"); d != "" {
		return filepath.Join(d, "..", "build", "nb-cache"), nil
	}
	return "", fmt.Errorf("nb: no cache folder: set %s (or run inside a GoNB notebook)", CacheDirEnv)
}

var keyName = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9._-]*$`)

// Key names a cached value by the computation that makes it and every input it depends
// on, so that two notebooks asking for the same computation on the same inputs share one
// value, and a change of any input (a seed, a sample size, the study size) is a new key.
// The inputs are JSON-encoded and hashed; the study size (Size) is always one of them.
// computation must be a plain name (letters, digits, '.', '_', '-'); inputs must be
// JSON-encodable. A bad name or input panics: both are programming errors in a cell.
func Key(computation string, inputs ...any) string {
	if !keyName.MatchString(computation) {
		panic(fmt.Sprintf("nb.Key: computation %q is not a plain name", computation))
	}
	b, err := json.Marshal(append([]any{Size()}, inputs...))
	if err != nil {
		panic(fmt.Sprintf("nb.Key(%q): inputs cannot be encoded: %v", computation, err))
	}
	sum := sha256.Sum256(b)
	return computation + "-" + hex.EncodeToString(sum[:8])
}

// Cached returns the value kept under key (make keys with Key), computing it with
// compute and keeping it the first time. GoNB runs every cell as a program of its own,
// so this is how a later cell uses an earlier cell's result without computing it again.
// The value is stored with encoding/gob (GoNB's cache package) in CacheDir: cache only
// what gob encodes (plain structs, slices, maps; not gota frames or functions). An error
// from compute, or from the storage, panics, failing the cell as Must does.
func Cached[T any](key string, compute func() (T, error)) T {
	dir, err := CacheDir()
	Check(err)
	store, err := cache.New(dir)
	Check(err)
	return cache.CacheWith(store, key, func() T { return Must(compute()) })
}

// Recall returns the value an earlier cell kept under key with Cached, and fails the cell
// with a message naming the key when no cell has computed it yet in this run.
func Recall[T any](key string) T {
	return Cached(key, func() (T, error) {
		var zero T
		return zero, fmt.Errorf("nb: %q has not been computed in this run: run the cells above first", key)
	})
}
