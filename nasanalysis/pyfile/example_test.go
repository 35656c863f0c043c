package pyfile_test

import (
	"fmt"
	"os"
	"path/filepath"

	"github.com/nasanalysis/nasanalysis/nasanalysis/pyfile"
)

// pickle.dumps([1.5, 2, -0.25], protocol=2), opcode by opcode.
var listPickle = []byte("\x80\x02" + // PROTO 2
	"]q\x00" + // EMPTY_LIST, BINPUT 0
	"(" + // MARK
	"G\x3f\xf8\x00\x00\x00\x00\x00\x00" + // BINFLOAT: big-endian IEEE 754 0x3FF8000000000000 = 1.5
	"K\x02" + // BININT1 2
	"G\xbf\xd0\x00\x00\x00\x00\x00\x00" + // BINFLOAT 0xBFD0000000000000 = -0.25
	"e" + // APPENDS (the items since MARK)
	".") // STOP

func ExampleFloats() {
	dir, err := os.MkdirTemp("", "nasanalysis-example")
	if err != nil {
		fmt.Println(err)
		return
	}
	defer os.RemoveAll(dir)
	path := filepath.Join(dir, "latency.pickle")
	if err := os.WriteFile(path, listPickle, 0o644); err != nil {
		fmt.Println(err)
		return
	}
	xs, err := pyfile.Floats(path)
	fmt.Println(xs, err)
	// Output: [1.5 2 -0.25] <nil>
}
