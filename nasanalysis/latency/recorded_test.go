package latency

import (
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// pairedText is a measured file of two networks under the paired protocol: raw medians
// 8 and 12 ms, scaled 6.5 and 9.75 ms (ratios 1.0 and 1.5 to a reference calm at 6.5 ms),
// the second row's protocol given.
func pairedText(secondProtocol string) string {
	k := strings.TrimSuffix(strings.Repeat("3,", 20), ",")
	arch := func(d int) string {
		return `"{""ks"":[` + k + `],""e"":[` + k + `],""d"":[` + string(rune('0'+d)) + `,2,2,2,2],""r"":160}"`
	}
	return "arch,resolution,median_ms,protocol,ratio_ref,scaled_ms,ref_calm_ms\n" +
		arch(2) + ",160,8,paired:burst=3,1.0,6.5,6.5\n" +
		arch(3) + ",160,12," + secondProtocol + ",1.5,9.75,6.5\n"
}

// A file of the paired protocol gives the studies its scaled_ms (the host's drift
// cancelled) and keeps median_ms as RawMS; one that mixes protocols is refused at the
// line where the protocol changes.
func TestReadMeasuredPaired(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "paired.csv")
	if err := os.WriteFile(path, []byte(pairedText("paired:burst=3")), 0o644); err != nil {
		t.Fatal(err)
	}
	r, err := ReadMeasured(path, "ofa-mbv3")
	if err != nil {
		t.Fatal(err)
	}
	if !r.Paired() || r.MSColumn != "scaled_ms" || r.MS[0] != 6.5 || r.MS[1] != 9.75 || r.RawMS[0] != 8 || r.RawMS[1] != 12 {
		t.Errorf("paired file: column %s, MS %v, raw %v; want scaled_ms [6.5 9.75], raw [8 12]", r.MSColumn, r.MS, r.RawMS)
	}
	if c, how, err := r.HostCorrected(); err != nil || c[1] != 9.75 || !strings.Contains(how, "scaled_ms") {
		t.Errorf("host-corrected latency of a paired file: %v, %q, %v; want its scaled_ms", c, how, err)
	}
	mixed := filepath.Join(dir, "mixed.csv")
	if err := os.WriteFile(mixed, []byte(pairedText("single")), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := ReadMeasured(mixed, "ofa-mbv3"); err == nil || !strings.Contains(err.Error(), "line 3") || !strings.Contains(err.Error(), "mixes protocols") {
		t.Errorf("mixed protocols: %v; want an error naming line 3", err)
	}
	bad := filepath.Join(dir, "bad.csv")
	if err := os.WriteFile(bad, []byte(strings.Replace(pairedText("paired:burst=3"), ",9.75,", ",-1,", 1)), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := ReadMeasured(bad, "ofa-mbv3"); err == nil || !strings.Contains(err.Error(), "scaled_ms") {
		t.Errorf("negative scaled_ms: %v; want an error naming the column", err)
	}
}

// Blocks profiled in a run of 10 ms, of a network whose paired time is 6.5 ms, are
// scaled by 0.65 (2 and 3 ms become 1.3 and 1.95); under the single protocol they stay;
// a network the end-to-end file lacks is an error.
func TestScaleBlocks(t *testing.T) {
	path := filepath.Join(t.TempDir(), "paired.csv")
	if err := os.WriteFile(path, []byte(pairedText("paired:burst=3")), 0o644); err != nil {
		t.Fatal(err)
	}
	nets, err := ReadMeasured(path, "ofa-mbv3")
	if err != nil {
		t.Fatal(err)
	}
	key := nets.Rows[0][0]
	recs := []BlockRecord{{Arch: key, RunMS: 10}, {Arch: key, RunMS: 10}}
	recs[0].MS, recs[1].MS = 2, 3
	got, err := ScaleBlocks(recs, nets)
	if err != nil {
		t.Fatal(err)
	}
	if math.Abs(got[0].MS-1.3) > 1e-12 || math.Abs(got[1].MS-1.95) > 1e-12 || recs[0].MS != 2 {
		t.Errorf("scaled blocks %v, %v (input now %v); want 1.3, 1.95 and the input untouched", got[0].MS, got[1].MS, recs[0].MS)
	}
	single := *nets
	single.MSColumn = RawColumn
	if same, _ := ScaleBlocks(recs, &single); same[0].MS != 2 {
		t.Errorf("single protocol: block %v ms, want 2 unchanged", same[0].MS)
	}
	if _, err := ScaleBlocks([]BlockRecord{{Arch: "elsewhere", RunMS: 1}}, nets); err == nil || !strings.Contains(err.Error(), "elsewhere") {
		t.Errorf("missing network: %v", err)
	}
}
