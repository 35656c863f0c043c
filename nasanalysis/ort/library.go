package ort

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
)

// The ONNX Runtime release this project measures with, and its shared library as the
// npm package onnxruntime-node@1.30.0 ships it (package/bin/napi-v6/linux/x64/).
const (
	Version       = "1.30.0"
	LibraryFile   = "libonnxruntime.so.1"
	LibrarySHA256 = "ffb75a925ba05e47b235bb66e3e3911714a80b328a9c9425539feb204aa32a23"
	// LibraryEnv overrides DefaultLibraryPath with the path of a libonnxruntime.so.
	LibraryEnv = "NASANALYSIS_ORT_LIB"
	// RequireEnv, set to 1, makes tests fail instead of skipping without the library.
	RequireEnv = "NASANALYSIS_REQUIRE_ORT"
)

// DefaultLibraryPath is where scripts/setup.sh installs the library:
// <user cache>/nasanalysis/onnxruntime/<Version>/libonnxruntime.so.1.
func DefaultLibraryPath() (string, error) {
	dir, err := os.UserCacheDir()
	if err != nil {
		return "", err
	}
	return filepath.Join(dir, "nasanalysis", "onnxruntime", Version, LibraryFile), nil
}

// LibraryPath returns $NASANALYSIS_ORT_LIB, or DefaultLibraryPath, checking that the
// file exists; the error (wrapping fs.ErrNotExist) says how to get it.
func LibraryPath() (string, error) {
	p := os.Getenv(LibraryEnv)
	origin := "$" + LibraryEnv
	if p == "" {
		var err error
		if p, err = DefaultLibraryPath(); err != nil {
			return "", err
		}
		origin = "the default place"
	}
	if _, err := os.Stat(p); err != nil {
		return "", fmt.Errorf("ONNX Runtime %s library not found at %s (%s): %w; run `make setup` (scripts/setup.sh "+
			"installs it from the npm package onnxruntime-node@%s), set $%s to a libonnxruntime.so, or measure with "+
			"--engine gomlx (GoMLX's pure-Go backend: different, much slower numbers)", Version, p, origin, fs.ErrNotExist, Version, LibraryEnv)
	}
	return p, nil
}

// FileSHA256 returns the hex SHA-256 of a file, for the provenance of measurements.
func FileSHA256(path string) (string, error) {
	f, err := os.Open(path)
	if err != nil {
		return "", err
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return "", fmt.Errorf("%s: %w", path, err)
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}
