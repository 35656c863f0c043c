package metric_test

import (
	"fmt"

	"github.com/nasanalysis/nasanalysis/nasanalysis/arch"
	"github.com/nasanalysis/nasanalysis/nasanalysis/metric"
)

// ProxylessNAS's phone table (pn_mobile) was measured for the original ProxylessNAS
// space: width 1.0, 224 px, expand ratios 3 and 6. The family's default space is at
// width 1.3, samples five resolutions and keeps expand 4; CheckSpace says all of it at
// once, before anything is loaded or sampled, with the flags that fix it.
func ExampleCheckSpace() {
	err := metric.CheckNames(arch.Space{Family: arch.ProxylessNAS}, []string{"flops", "pn_mobile"})
	fmt.Println(err)
	phone, err := arch.ParseSpace("proxylessnas:width=1:res=224:drop=k3e4,k5e4,k7e4")
	if err != nil {
		panic(err)
	}
	fmt.Println(phone, metric.CheckNames(phone, []string{"flops", "pn_mobile"}))
	// Output:
	// the space proxylessnas leaves what its metrics cover in 3 way(s):
	//   pn_mobile: the space is at width 1.3; ProxylessNAS's mobile lookup table covers width 1 (use --width 1)
	//   pn_mobile: the space samples 160, 176, 192, 208 px; ProxylessNAS's mobile lookup table covers 224 px (use --res 224)
	//   pn_mobile: the space keeps k3e4,k5e4,k7e4; ProxylessNAS's mobile lookup table covers k3e3,k3e6,k5e3,k5e6,k7e3,k7e6 (use --drop k3e4,k5e4,k7e4)
	// run with --width 1 --res 224 --drop k3e4,k5e4,k7e4
	// proxylessnas:width=1:res=224:drop=k3e4,k5e4,k7e4 <nil>
}
