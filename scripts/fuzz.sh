#!/usr/bin/env bash
# Runs every fuzz target of the module (func Fuzz* in any package) for FUZZTIME each
# (default 2s: the short run `make test` does; `make fuzz` runs 60s each), with
# FUZZ_PARALLEL workers (default 2). Each target's seed corpus (f.Add and
# testdata/fuzz/<target>/) also runs in every plain `go test`; a failure here leaves the
# crashing input in testdata/fuzz/<target>/ to commit as a regression seed.
set -euo pipefail
cd "$(dirname "$0")/.."
fuzztime=${1:-2s}
status=0
bins=build/fuzz
mkdir -p "$bins"
cachedir=$(go env GOCACHE)/fuzz
# The packages with fuzz targets, found in their test files: asking `go test -list` of
# every package built all 33 test binaries to find the 7 that have one.
for pkg in $(grep -rl --include='*_test.go' --exclude-dir=build --exclude-dir=deploy '^func Fuzz' . | xargs -n1 dirname | sort -u); do
  # One instrumented test binary per package, built as `go test -fuzz` builds it (-fuzz
  # turns the coverage instrumentation on; -c stops before running), then run once per
  # target: `go test -fuzz` per target linked the same binary again for each of them.
  bin=$(pwd)/$bins/$(echo "${pkg#./}" | tr / _).test
  if ! go test -c -fuzz . -ldflags=-w -o "$bin" "$pkg"; then status=1; continue; fi
  importpath=$(go list "$pkg")
  for target in $(grep -hoE '^func Fuzz[A-Za-z0-9_]*' "$pkg"/*_test.go | sed 's/^func //'); do
    echo "== $pkg $target ($fuzztime)"
    # Run in the package's folder, where its testdata/fuzz corpus is and a failing input
    # is written, with go test's own cache of generated inputs for the package. A
    # new-coverage input is minimised for up to 60 s by default, which stalls a short
    # run (and a run that ends mid-minimisation fails with "context deadline exceeded").
    run() {
      (cd "$pkg" && NASANALYSIS_REQUIRE_DATA=1 "$bin" -test.run '^$' -test.fuzz "^${target}\$" \
        -test.fuzztime "$fuzztime" -test.fuzzminimizetime 200x -test.parallel "${FUZZ_PARALLEL:-2}" \
        -test.fuzzcachedir "$cachedir/$importpath" -test.paniconexit0) >/tmp/fuzz.$$.log 2>&1
    }
    if ! run; then
      # A run whose time ran out inside one execution reports "context deadline
      # exceeded" and no failing input: no bug was found, so it is run once more. A
      # failing input is never retried.
      if grep -q "context deadline exceeded" /tmp/fuzz.$$.log && ! grep -q "Failing input written" /tmp/fuzz.$$.log; then
        echo "   (time ran out inside an execution; running $target once more)"
        run && continue
      fi
      cat /tmp/fuzz.$$.log
      status=1
    fi
  done
done
rm -f /tmp/fuzz.$$.log
exit $status
