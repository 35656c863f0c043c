package data

import "fmt"

// LoadByKind loads a dataset's latency table with its devices grouped by hardware kind
// (SortByKind: desktop GPUs first, simulated accelerators last), the order the
// notebooks' heatmaps use.
func LoadByKind(dataDir, name string) (*LatencyTable, error) {
	lat, err := LoadLatency(dataDir, name)
	if err != nil {
		return nil, err
	}
	devs, err := LoadDevices(dataDir, name)
	if err != nil {
		return nil, err
	}
	t, err := lat.Select(DeviceNames(SortByKind(devs)))
	if err != nil {
		return nil, fmt.Errorf("%s: devices by kind: %w", name, err)
	}
	return t, nil
}
