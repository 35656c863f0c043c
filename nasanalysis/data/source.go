package data

import (
	"bufio"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// EnvDataDir names the environment variable that points at a datasets directory.
const EnvDataDir = "NASANALYSIS_DATA"

// ModulePath is this repository's Go module path; Resolve looks for the go.mod that
// declares it to find ../shared/datasets beside the repository.
const ModulePath = "github.com/nasanalysis/nasanalysis"

// Candidate is one place Resolve looked for the datasets, and why it was considered.
type Candidate struct {
	Dir    string
	Origin string // "--data", EnvDataDir, "beside the repository", "user cache"
}

// Candidates lists, in resolution order, the directories that may hold the datasets:
// explicit (the --data flag, if not empty), then $NASANALYSIS_DATA, then
// ../shared/datasets beside the repository that contains the working directory (or
// $GONB_DIR, the folder of a running notebook), then the user cache directory that
// Fetch fills.
func Candidates(explicit string) []Candidate {
	var out []Candidate
	if explicit != "" {
		out = append(out, Candidate{explicit, "--data"})
	}
	if env := os.Getenv(EnvDataDir); env != "" {
		out = append(out, Candidate{env, "$" + EnvDataDir})
	}
	seen := map[string]bool{}
	for _, start := range repoSearchStarts() {
		if root, ok := findRepoRoot(start); ok && !seen[root] {
			seen[root] = true
			out = append(out, Candidate{filepath.Join(filepath.Dir(root), "shared", "datasets"), "beside the repository " + root})
		}
	}
	if cache, err := CacheDir(); err == nil {
		out = append(out, Candidate{cache, "user cache (filled by `nasanalysis fetch`)"})
	}
	return out
}

// CacheDir is where Fetch writes the datasets when no other directory is given.
func CacheDir() (string, error) {
	dir, err := os.UserCacheDir()
	if err != nil {
		return "", err
	}
	return filepath.Join(dir, "nasanalysis", "datasets"), nil
}

func repoSearchStarts() []string {
	var starts []string
	if wd, err := os.Getwd(); err == nil {
		starts = append(starts, wd)
	}
	if d := os.Getenv("GONB_DIR"); d != "" {
		starts = append(starts, d)
	}
	return starts
}

// findRepoRoot walks up from dir to the folder whose go.mod declares ModulePath.
func findRepoRoot(dir string) (string, bool) {
	dir, err := filepath.Abs(dir)
	if err != nil {
		return "", false
	}
	for {
		if declaresModule(filepath.Join(dir, "go.mod")) {
			return dir, true
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", false
		}
		dir = parent
	}
}

func declaresModule(gomod string) bool {
	f, err := os.Open(gomod)
	if err != nil {
		return false
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if strings.HasPrefix(line, "module ") {
			return strings.TrimSpace(strings.TrimPrefix(line, "module ")) == ModulePath
		}
	}
	return false
}

// ErrNotFound is wrapped by the error Resolve returns when no candidate holds a file. It
// wraps fs.ErrNotExist, so errors.Is(err, fs.ErrNotExist) also holds.
var ErrNotFound = fmt.Errorf("dataset file not found (%w)", fs.ErrNotExist)

// Resolve returns the first candidate directory (see Candidates) that holds rel, a path
// relative to a datasets directory such as "nb201/latency.csv". An explicit directory
// that lacks the file is an error rather than a fall-through: the user asked for it.
func Resolve(explicit, rel string) (string, error) {
	cands := Candidates(explicit)
	var tried []string
	for _, c := range cands {
		p := filepath.Join(c.Dir, filepath.FromSlash(rel))
		_, err := os.Stat(p)
		if err == nil {
			return c.Dir, nil
		}
		if !errors.Is(err, fs.ErrNotExist) { // a symlink loop, no permission: say so, not "missing"
			return "", fmt.Errorf("%s (%s): %w", p, c.Origin, err)
		}
		tried = append(tried, fmt.Sprintf("  %s (%s)", p, c.Origin))
		if c.Origin == "--data" {
			break
		}
	}
	return "", fmt.Errorf("%w: %s was looked for in:\n%s\nPoint --data or $%s at a datasets directory (e.g. ../shared/datasets), "+
		"or run `nasanalysis fetch` to download and convert the public files into the user cache",
		ErrNotFound, rel, strings.Join(tried, "\n"), EnvDataDir)
}

// ProjectFile returns the path of a file in this repository's own datasets/ folder (data
// the project measured itself), found from the working directory or $GONB_DIR.
func ProjectFile(name string) (string, error) {
	for _, start := range repoSearchStarts() {
		if root, ok := findRepoRoot(start); ok {
			p := filepath.Join(root, "datasets", name)
			if _, err := os.Stat(p); err != nil {
				return "", fmt.Errorf("%s: %w (measure it with `nasanalysis measure`)", p, err)
			}
			return p, nil
		}
	}
	return "", fmt.Errorf("datasets/%s: not inside the nasanalysis repository (no go.mod declaring %s above the working directory)", name, ModulePath)
}
