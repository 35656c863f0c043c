# make report  — set up what is missing, then execute every notebook into reports/*.html
# make test    — set up, go vet, go test ./..., and execute every notebook (fails on any failed cell)
# make bench   — the benchmarks whose numbers the closing notes report

.PHONY: setup report test vet unit notebooks bench

# GoMLX's pure-Go backend uses its SIMD matrix kernels only when the toolchain runs with
# this experiment: the OFA accuracy predictor's batch of 10,000 networks takes 0.58 s
# instead of 1.87 s on one core here (BenchmarkPredictMBv3_10000), and every notebook's
# predictor training speeds up with it. Exported, so GoNB's builds inside the notebooks
# get it too; a GOEXPERIMENT already set in the environment wins.
GOEXPERIMENT ?= simd
export GOEXPERIMENT

setup:
	scripts/setup.sh

report: setup
	go run ./cmd/nasanalysis fetch --if-missing
	scripts/run-notebooks.sh
	@echo "open reports/index.html"

vet:
	go vet ./...
	@test -z "$$(gofmt -l .)" || { echo "gofmt needed:"; gofmt -l .; exit 1; }

# Tests that need the shared public data skip where it is absent (a fresh clone), so
# `go test ./...` passes anywhere; here NASANALYSIS_REQUIRE_DATA=1 turns those skips into
# failures, so `make test`, and CI with it, can never pass by skipping. -p 1 runs one
# package's tests at a time: the engine tests time ONNX Runtime on one core, and another
# package's tests on the same 2 cores skewed a per-block profile past its bound (89 %
# of the end-to-end time instead of 94-98 %).
unit:
	NASANALYSIS_REQUIRE_DATA=1 NASANALYSIS_REQUIRE_ORT=1 go test -p 1 ./...

notebooks:
	scripts/run-notebooks.sh

test: setup vet unit notebooks

bench:
	go test -run '^$$' -bench . -benchmem ./...
