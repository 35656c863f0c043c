package backend

import (
	"testing"

	"github.com/gomlx/compute/gobackend"
)

// The configuration must be one GoMLX's Go backend knows (an option renamed in a GoMLX
// upgrade would otherwise panic at the first graph), and an unknown one is refused.
func TestConfigKnown(t *testing.T) {
	if _, err := gobackend.New(PredictorConfig); err != nil {
		t.Fatalf("PredictorConfig %q: %v", PredictorConfig, err)
	}
	if _, err := gobackend.New("no_such_option"); err == nil {
		t.Error("an unknown option was accepted: the check above proves nothing")
	}
}

// Float32Matrix refuses a row of the wrong width, naming it.
func TestFloat32MatrixWidth(t *testing.T) {
	if _, err := Float32Matrix([][]float64{{1, 2}, {3}}, 2); err == nil || err.Error() != "encoding 1 has 1 features, want 2" {
		t.Errorf("error %v", err)
	}
	m, err := Float32Matrix([][]float64{{1, 2}, {3, 4}}, 2)
	if err != nil || m.Shape().Dimensions[0] != 2 || m.Shape().Dimensions[1] != 2 {
		t.Errorf("%v, %v", m, err)
	}
}
