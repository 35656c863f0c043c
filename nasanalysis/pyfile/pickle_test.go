package pyfile

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestRefusesUnknownPickleClass(t *testing.T) {
	// protocol 2: GLOBAL 'os\nsystem\n', EMPTY_TUPLE, REDUCE, STOP
	p := filepath.Join(t.TempDir(), "evil.pickle")
	os.WriteFile(p, []byte("\x80\x02cos\nsystem\n)R."), 0o644)
	_, err := Floats(p)
	if err == nil || !strings.Contains(err.Error(), "unsupported pickled class os.system") {
		t.Errorf("err = %v", err)
	}
}
