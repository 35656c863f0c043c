package nb

import (
	"fmt"
	"os"
	"path/filepath"
)

// SetupErrFile is the file, in GoNB's temporary folder, where a notebook's first cell
// writes what `go mod edit -replace` and `go get` said when they failed to point the
// notebook at this repository's module. GoNB does not fail a cell whose shell command
// exits non-zero, so the second cell calls SetupError to fail the run instead.
const SetupErrFile = "setup.err"

// SetupError returns an error holding what go said when the notebook's first cell could
// not point GoNB's module at this repository, and nil when it could (the file is absent).
func SetupError() error {
	out, err := os.ReadFile(filepath.Join(os.Getenv("GONB_TMP_DIR"), SetupErrFile))
	if err != nil {
		return nil
	}
	return fmt.Errorf("could not point the notebook at this repository's module:\n%s", out)
}
