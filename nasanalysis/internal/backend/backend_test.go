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
