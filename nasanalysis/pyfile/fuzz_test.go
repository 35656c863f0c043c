package pyfile

import "testing"

// FuzzUnpickle runs the pickle reader on any input, as Load does (numpy's classes) and
// as the state dict loaders do (torch's classes and persistent ids). It must return a
// value or an error, promptly and within bounded memory, and never panic; what it
// returns must be describable, which touches every type it can make. The seed corpus,
// testdata/fuzz/FuzzUnpickle, holds Python's pickles of each protocol
// (testdata/gen_seeds.py), hand-made ones, and the inputs that once broke the reader.
func FuzzUnpickle(f *testing.F) {
	f.Fuzz(func(t *testing.T, data []byte) {
		if v, err := unpickle(data, findNumpy); err == nil {
			_ = describe(v)
			if l, ok := v.(*List); ok {
				for _, x := range *l {
					_, _ = toFloat(x)
				}
			}
		}
		d := &decoder{storages: map[string]*storage{}, maxBytes: len(data)}
		u := newUnpickler(data, findTorch)
		u.persistentLoad = func(pid any) (any, error) { return d.persistentID(pid, len(data)%2 == 0) }
		if v, err := u.load(); err == nil {
			_ = describe(v)
			_, _ = stateDict(v)
		}
	})
}

// FuzzStateDict runs the .pth loader (zip or legacy container, pickles, storages) on
// any input and reads every tensor it accepts at its own shape: no input may make it
// panic, hang or allocate more than the input can back. The seed corpus,
// testdata/fuzz/FuzzStateDict, holds small state dicts of both formats (pthtest, and
// testdata/gen_seeds.py's), and the inputs that once broke the loader.
func FuzzStateDict(f *testing.F) {
	f.Fuzz(func(t *testing.T, data []byte) {
		sd, err := decodeStateDict(data)
		if err != nil {
			return
		}
		for _, name := range sd.Names() {
			shape, ok := sd.Shape(name)
			if !ok {
				t.Fatalf("Names lists %q, which Shape does not know", name)
			}
			if x, err := sd.Float32(name, shape...); err == nil {
				n := 1
				for _, d := range shape {
					n *= d
				}
				if len(x) != n {
					t.Fatalf("tensor %q of shape %v: %d values", name, shape, len(x))
				}
			}
		}
	})
}
