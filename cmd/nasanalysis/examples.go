package main

// examples is each command's example, printed by its --help as "example: ..." and run,
// in exampleOrder, by make test (TestExamples) from a fresh folder holding a copy of
// datasets/: paths under /tmp/ are rewritten to that folder. A trailing "# not run:
// REASON" skips one; "# fails: MESSAGE" expects it to fail with that message.
var examples = map[string]string{
	"sample":         "nasanalysis sample --space ofa-mbv3 --n 3 --seed 1 > /tmp/archs.jsonl",
	"eval":           "nasanalysis eval --space ofa-mbv3 --metrics acc,macs,note10,local_lut --format table < /tmp/archs.jsonl",
	"measure":        "nasanalysis measure --space ofa-mbv3 --n 2 --seed 1 --res 160 --calm datasets/calm-onnxruntime.csv --out /tmp/example.csv",
	"merge":          "nasanalysis merge --out /tmp/merged.csv /tmp/example.csv",
	"compare-runs":   "nasanalysis compare-runs --a datasets/repeat-quiet-1.csv --b datasets/repeat-quiet-2.csv --format table",
	"measure-lut":    "nasanalysis measure-lut --space proxylessnas --from datasets/lut-proxylessnas-w1.3.csv --tables /tmp/lut",
	"srcc":           "nasanalysis srcc --dataset nb201 --devices true_vpu,eagle_gtx,eagle_i7 --format table",
	"adapt":          "nasanalysis adapt --dataset nb201 --proxy true_vpu --target eagle_gtx --seeds 3 --format table",
	"adapt-grid":     "nasanalysis adapt-grid --dataset nb201 --devices true_vpu,eagle_gtx,eagle_i7 --seeds 3 --summary --format table",
	"pareto":         "nasanalysis pareto --dataset nb201 --acc cifar10_acc --device eagle_gtx --format table",
	"multihw":        "nasanalysis multihw --dataset fbnet --devices 1080ti_1,1080ti_32 --budgets 20,30 > /tmp/multihw.csv",
	"profile":        "nasanalysis profile --space ofa-mbv3 --res 160 --metrics acc,flops,note10_r160 --n 10 --blocks 0:0:k3e3,0:0:k7e6 --format table",
	"search":         "nasanalysis search --space ofa-mbv3 --res 160 --objective acc --constraint 'note10_r160<=15' --population 20 --generations 5",
	"compare-spaces": "nasanalysis compare-spaces --space ofa-mbv3 --objective acc --latency note10_r224 --reduced bp-note10 --controls 2 --seeds 2 --evaluations 300 --summary --format table",
	"train":          "nasanalysis train --dataset nb201 --target cifar10_acc --model mlp --train 100 --model-dir /tmp/mlp",
	"predict":        "echo '|avg_pool_3x3~0|+|nor_conv_1x1~0|skip_connect~1|+|nor_conv_1x1~0|skip_connect~1|skip_connect~2|' | nasanalysis predict --model-dir /tmp/mlp",
	"fetch":          "nasanalysis fetch --if-missing   # the data is there: nothing is fetched",
	"index":          "nasanalysis index --check   # not run: needs the notebooks executed by make report",
	"timings":        "nasanalysis timings --reports build/test-reports   # not run: needs the timings make test writes",
}

// exampleOrder runs the examples so that each finds what an earlier one wrote.
var exampleOrder = []string{"sample", "eval", "measure", "merge", "compare-runs", "measure-lut", "srcc", "adapt", "adapt-grid",
	"pareto", "multihw", "profile", "search", "compare-spaces", "train", "predict", "fetch", "index", "timings"}
