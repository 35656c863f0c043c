#!/usr/bin/env bash
# Executes every notebook headless and exports it as reports/<notebook>.html, then writes
# reports/index.html. Exits non-zero if any cell of any notebook failed (all notebooks
# are still run, so one failure does not hide another).
set -uo pipefail
cd "$(dirname "$0")/.."
GOBIN="$(go env GOBIN)"; GOBIN="${GOBIN:-$(go env GOPATH)/bin}"
export PATH="$GOBIN:$PATH"
export PYDEVD_DISABLE_FILE_VALIDATION=1
out=${REPORTS_DIR:-reports}
mkdir -p "$out"
failed=()
for nb in notebooks/*.ipynb; do
  name=$(basename "$nb" .ipynb)
  echo "== executing $nb"
  start=$(date +%s)
  if /usr/bin/jupyter nbconvert --to html --execute "$nb" --output-dir "$out" \
      --ExecutePreprocessor.timeout=900 >"$out/$name.log" 2>&1; then
    echo "   ok in $(( $(date +%s) - start )) s -> $out/$name.html"
    rm -f "$out/$name.log"
  else
    echo "   FAILED after $(( $(date +%s) - start )) s; the failing cell:"
    grep -A 25 'CellExecutionError\|Error' "$out/$name.log" | head -60 | sed 's/^/   | /'
    echo "   (full log: $out/$name.log)"
    failed+=("$nb")
  fi
done
go run ./cmd/nasanalysis index --notebooks notebooks --reports "$out" || failed+=("index")
if [ ${#failed[@]} -gt 0 ]; then
  echo "notebooks failed: ${failed[*]}"
  exit 1
fi
echo "notebooks: all passed"
