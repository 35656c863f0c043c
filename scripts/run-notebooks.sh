#!/usr/bin/env bash
# Executes every notebook headless once and exports it twice, then writes the index:
#
#   $REPORTS_DIR/executed/<name>.ipynb   the executed notebook (the one execution)
#   $REPORTS_DIR/<name>.html             the report: prose, figures and tables, no code
#   $REPORTS_DIR/code/<name>.html        the same executed notebook with its code
#   $REPORTS_DIR/index.html              links both, with the data each notebook rests on
#
# REPORTS_DIR defaults to reports/ (`make report`); `make test` uses build/test-reports.
# NOTEBOOK_LANES=2 runs the two lines of notebooks/lanes.txt for the run's study size
# side by side (each line's notebooks in order); the default, 1, runs every notebook in
# turn.
# NOTEBOOKS_DIR (default notebooks/) must sit beside notebooks/: a notebook's first cell
# finds the module one folder above its own.
#
# Every output the nb package displays (figure, table, Markdown, data line) is also
# recorded, by the cell's own program, in executed/<name>.outputs.jsonl; `nasanalysis
# index --check` then fails if an executed notebook lacks an output its cells displayed,
# so a figure GoNB drops cannot pass silently. Exits non-zero if any cell of any notebook
# failed or any output is missing (all notebooks still run, so one failure does not hide
# another).
set -uo pipefail
cd "$(dirname "$0")/.."
GOBIN="$(go env GOBIN)"; GOBIN="${GOBIN:-$(go env GOPATH)/bin}"
export PATH="$GOBIN:$PATH"
export PYDEVD_DISABLE_FILE_VALIDATION=1
out=${REPORTS_DIR:-reports}
nbdir=${NOTEBOOKS_DIR:-notebooks}
exe="$out/executed"
mkdir -p "$exe" "$out/code"
exe_abs=$(cd "$exe" && pwd)
# Values a cell keeps for later cells (nb.Cached) live in one folder per run, emptied
# here, so a report never shows a result computed by an earlier run or another size.
export NASANALYSIS_CACHE_DIR="$(cd "$out" && pwd)/cache"
rm -rf "$NASANALYSIS_CACHE_DIR"
# Timings (make timings): each notebook's execution and export, and every go and
# goimports run GoNB makes to compile its cells (timed by wrappers put first on the
# kernel's PATH), go to executed/<name>.timings.jsonl as timing.Event lines, as do the
# training spans its cells' programs mark (timing.Span). The wrappers write their line
# themselves: scripts/timed.sh's bookkeeping would add several processes to each of the
# hundreds of go runs a make test's notebooks make.
wrap="$(cd "$out" && pwd)/timing-bin"
mkdir -p "$wrap"
for tool in go goimports; do
  real=$(command -v "$tool") || continue
  {
    echo '#!/usr/bin/env bash'
    echo 'start=$(date -u +%Y-%m-%dT%H:%M:%S.%NZ)'
    echo "\"$real\" \"\$@\""
    echo 'status=$?'
    echo '[ -n "${NASANALYSIS_TIMINGS:-}" ] && printf '"'"'{"kind":"compile","name":"%s","start":"%s","end":"%s"}\n'"'"' \'
    echo "  \"$tool \${1:-}\" \"\$start\" \"\$(date -u +%Y-%m-%dT%H:%M:%S.%NZ)\" >>\"\$NASANALYSIS_TIMINGS\""
    echo 'exit $status'
  } >"$wrap/$tool"
  chmod +x "$wrap/$tool"
done
# timed KIND NAME FILE COMMAND...: runs COMMAND and appends its timing.Event to FILE.
timed() { TIMING_KIND=$1 TIMINGS_FILE=$3 scripts/timed.sh "$2" "${@:4}"; }
# The execute_reply of a cell can reach nbclient before the cell's last outputs; by
# default it waits 4 s for them and then carries on without them. Wait longer, and
# fail rather than carry on.
execute_opts=(--ExecutePreprocessor.timeout=900 --ExecutePreprocessor.iopub_timeout=60
  --ExecutePreprocessor.raise_on_iopub_timeout=True)
# A cell tagged remove_output keeps its output in the executed notebook but not in the
# reports: GoNB's %env always prints a "Set: ..." line, which is build plumbing.
html_opts=(--TagRemovePreprocessor.remove_all_outputs_tags=remove_output)
# run_notebook NB: executes and exports one notebook; on failure appends NB to $failures.
failures="$out/failed-notebooks"
: >"$failures"
run_notebook() {
  local nb=$1 name log ledger timings start
  name=$(basename "$nb" .ipynb)
  log="$exe/$name.log"
  ledger="$exe_abs/$name.outputs.jsonl"
  timings="$exe_abs/$name.timings.jsonl"
  : >"$timings"
  # A report that is not from this run must not stay behind looking current.
  rm -f "$out/$name.html" "$out/code/$name.html" "$exe/$name.ipynb" "$out/$name.log"
  : >"$ledger"
  echo "== executing $nb"
  start=$(date +%s)
  if timed execute "$name" "$timings" env NASANALYSIS_OUTPUT_LEDGER="$ledger" NASANALYSIS_TIMINGS="$timings" PATH="$wrap:$PATH" \
      /usr/bin/jupyter nbconvert --to notebook --execute "$nb" --output-dir "$exe" --output "$name" "${execute_opts[@]}" >"$log" 2>&1 &&
    timed export "$name" "$timings" /usr/bin/jupyter nbconvert --to html --no-input --no-prompt "${html_opts[@]}" \
      "$exe/$name.ipynb" --output-dir "$out" --output "$name" >>"$log" 2>&1 &&
    timed export "$name" "$timings" /usr/bin/jupyter nbconvert --to html "${html_opts[@]}" "$exe/$name.ipynb" \
      --output-dir "$out/code" --output "$name" >>"$log" 2>&1; then
    echo "   $name ok in $(( $(date +%s) - start )) s -> $out/$name.html (with code: $out/code/$name.html)"
    rm -f "$log"
  else
    # Written with one printf, so that the other lane's lines do not land inside it.
    printf '%s\n' "   $name FAILED after $(( $(date +%s) - start )) s; the failing cell:
$(grep -A 25 'CellExecutionError\|CellTimeoutError\|Error' "$log" | head -60 | sed 's/^/   | /')
   (full log: $log)"
    rm -f "$out/$name.html" "$out/code/$name.html"
    echo "$nb" >>"$failures"
  fi
}
case "${NOTEBOOK_LANES:-1}" in
1)
  for nb in "$nbdir"/*.ipynb; do run_notebook "$nb"; done ;;
2)
  # The two lines of this run's study size (nb.Size: paper when NASANALYSIS_SIZE is
  # unset). Every notebook must be on one of them (go test ./notebooks/ checks it; this
  # is the guard for a notebook added without a lane).
  size=${NASANALYSIS_SIZE:-paper}
  lanes=$(sed -n "s/^$size://p" notebooks/lanes.txt)
  for nb in "$nbdir"/*.ipynb; do
    grep -qw "$(basename "$nb" .ipynb)" <<<"$lanes" ||
      { echo "$nb is on no $size: line of notebooks/lanes.txt"; exit 1; }
  done
  while read -r lane; do
    ( for name in $lane; do
        [ -e "$nbdir/$name.ipynb" ] && run_notebook "$nbdir/$name.ipynb"
      done ) &
  done <<<"$lanes"
  wait ;;
*)
  echo "NOTEBOOK_LANES=${NOTEBOOK_LANES}: 1 or 2"; exit 1 ;;
esac
mapfile -t failed <"$failures"
rm -f "$failures"
# index --check also fails on a notebook whose executed copy lacks an output its cells
# displayed, and names the cell and the output.
go run ./cmd/nasanalysis index --notebooks "$nbdir" --reports "$out" --check || failed+=("index --check")
if [ ${#failed[@]} -gt 0 ]; then
  echo "notebooks failed: ${failed[*]}"
  exit 1
fi
echo "notebooks: all passed; open $out/index.html"
