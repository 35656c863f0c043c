# make report  — set up what is missing, then execute every notebook into reports/: <name>.html
#                (prose, figures, tables), code/<name>.html (with code) and index.html
# make test    — set up, go vet, go test ./..., and execute every notebook into $(TEST_REPORTS_DIR)
#                (never reports/); fails on any failed cell or any output missing from a report
# make fuzz    — every fuzz target for 60 s (make test runs each for 2 s)
# make bench   — the benchmarks whose numbers the closing notes report
# make timings — where the last make test (or make report) spent its time

.PHONY: setup report test test-checks test-notebooks vet unit unit-quiet unit-rest race fuzz-short fuzz notebooks bench cluster-test cluster-slurm cluster-k8s timings timings-reset

# Where `make test` executes the notebooks, so that it never overwrites reports/, and at
# which study size (nb.Size: small in CI, the reports' own "paper" size in `make report`).
TEST_REPORTS_DIR ?= build/test-reports
TEST_SIZE ?= small

# Everything make builds (tests, notebooks, the command line) has GoMLX's SIMD matrix
# kernels. Since the predictors train with ops_sequential (internal/backend), they train
# faster with them: BenchmarkTrain400MLP 1.23-1.29 s -> 1.02-1.09 s, GCN 3.98-4.13 s ->
# 2.26-2.38 s (two binaries alternated, 2026-12-06). The notebooks set it too (%env), so
# a notebook opened in Jupyter computes what make report computed. With GoMLX's parallel
# executor it had made training slower, which is why the project once built without it.
export GOEXPERIMENT = simd

# Every step runs under scripts/timed.sh, which appends its wall and CPU time and the load
# average to build/timings/steps.jsonl; make timings prints them with each notebook's
# compilation, training and the rest (nasanalysis timings).
TIMED = scripts/timed.sh

setup:
	$(TIMED) setup scripts/setup.sh

report: timings-reset setup
	$(TIMED) fetch go run ./cmd/nasanalysis fetch --if-missing
	$(TIMED) notebooks env NASANALYSIS_SIZE=paper REPORTS_DIR=reports NOTEBOOK_LANES=2 scripts/run-notebooks.sh

vet:
	$(TIMED) vet go vet ./...
	@test -z "$$(gofmt -l .)" || { echo "gofmt needed:"; gofmt -l .; exit 1; }

# Tests that need the shared public data skip where it is absent (a fresh clone), so
# `go test ./...` passes anywhere; here NASANALYSIS_REQUIRE_DATA=1 turns those skips into
# failures, so `make test`, and CI with it, can never pass by skipping.
#
# The engine's timing tests (QUIET_PKGS: ONNX Runtime timed on one core, judged against
# bounds that a busy machine breaks) run on their own, before anything else starts: with
# the notebooks beside them, a ResNet's blocks added up to 74-87 % of its run instead of
# 90-110 %, and the reference ran 1.28x its calm time. -p 1 keeps even their own
# packages apart. The other packages (unit-rest) pass under load and run beside the
# notebooks in make test.
UNIT_ENV = env NASANALYSIS_REQUIRE_DATA=1 NASANALYSIS_REQUIRE_ORT=1
QUIET_PKGS = ./nasanalysis/latency ./nasanalysis/metric ./nasanalysis/ort
unit: unit-quiet unit-rest

unit-quiet:
	$(TIMED) unit-quiet $(UNIT_ENV) go test -p 1 $(QUIET_PKGS)

unit-rest:
	$(TIMED) unit $(UNIT_ENV) go test -p 1 $$(go list ./... | grep -vE '/nasanalysis/(latency|metric|ort)$$')

# The race detector over the packages that run goroutines (internal/par's workers, the
# statistics, adaptation, profiling and search loops, mlp32's workers and the OFA
# predictor's once-packed network, the output ledger). -race also turns on checkptr,
# which GoMLX's pure-Go matmul trips (nosimd_small.go's pointer arithmetic, not a race): checkptr is switched off for
# github.com/gomlx/... only, so our own code keeps it. -short skips the long trainings.
RACE_PKGS = ./nasanalysis/internal/par ./nasanalysis/internal/mlp32 ./nasanalysis/stats ./nasanalysis/monotonic ./nasanalysis/nb/... \
	./nasanalysis/pareto ./nasanalysis/profile ./nasanalysis/search ./nasanalysis/predictor/ofa
race:
	$(TIMED) race env NASANALYSIS_REQUIRE_DATA=1 go test -race -short -gcflags='github.com/gomlx/...=-d=checkptr=0' $(RACE_PKGS)

# One fuzzing worker per target in make test, where the notebooks have the other core.
fuzz-short:
	$(TIMED) fuzz env FUZZ_PARALLEL=1 scripts/fuzz.sh 2s

fuzz:
	scripts/fuzz.sh 60s

# The README's Slurm commands on a one-node Slurm cluster started for the test (Debian's
# slurm-wlm and munge, installed where missing; all state under build/cluster-test/),
# and the Kubernetes manifests checked and their pods' commands run here
# (scripts/cluster-test.sh, deploy/k8s/README.md).
cluster-test: cluster-slurm cluster-k8s

cluster-slurm:
	$(TIMED) cluster-slurm scripts/cluster-test.sh

cluster-k8s:
	$(TIMED) cluster-k8s bash -c 'cd deploy/k8s && NASANALYSIS_REQUIRE_ORT=1 go test -count=1 ./...'

# build/ holds only generated files: its own .gitignore keeps all of it out of git.
notebooks:
	@mkdir -p $(TEST_REPORTS_DIR)
	@case "$(TEST_REPORTS_DIR)" in build/*) test -e build/.gitignore || echo '*' > build/.gitignore;; esac
	$(TIMED) notebooks env NASANALYSIS_SIZE=$(TEST_SIZE) REPORTS_DIR=$(TEST_REPORTS_DIR) NOTEBOOK_LANES=2 scripts/run-notebooks.sh

# After set-up, vet and the timing tests, make test runs three streams side by side: the
# checks (the other unit tests, race, fuzz, the Kubernetes test, in that order), the
# notebooks, themselves in the two small-size lanes of notebooks/lanes.txt
# (NOTEBOOK_LANES=2; make report runs its paper-size lanes so), and the Slurm test,
# which mostly waits on its daemons (22 s of CPU in 87 s): on two cores one stream's
# pauses are another's time, and a stream that ends gives its job slot to the checks.
# Each stream's output is printed whole when it ends (-Otarget); make timings shows
# when each step started.
test: timings-reset setup vet unit-quiet
	@$(MAKE) --no-print-directory -j3 -Otarget test-checks test-notebooks cluster-slurm

test-checks:
	@$(MAKE) --no-print-directory unit-rest race fuzz-short cluster-k8s

test-notebooks:
	@$(MAKE) --no-print-directory notebooks

# A new run's steps replace the last run's.
timings-reset:
	@rm -f build/timings/steps.jsonl

# make timings REPORTS=reports after make report.
REPORTS ?= $(TEST_REPORTS_DIR)
timings:
	@go run ./cmd/nasanalysis timings --reports $(REPORTS)

# BenchmarkPredictVsNumpy10000 sets OFA's predictor beside numpy on the same weights and
# inputs: Debian's python3-numpy is installed where missing, or the benchmark says it
# skipped.
bench:
	@/usr/bin/python3 -c 'import numpy' 2>/dev/null || { echo "bench: installing Debian's python3-numpy (the predictor's numpy reference)"; \
	  if [ "$$(id -u)" = 0 ]; then s=; else s=sudo; fi; \
	  { $$s apt-get update -qq && $$s env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-numpy >/dev/null; } || \
	  echo "bench: python3-numpy could not be installed; BenchmarkPredictVsNumpy10000 will skip"; }
	go test -run '^$$' -bench . -benchmem ./...
