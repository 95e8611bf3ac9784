#!/usr/bin/env bash
# Run Node's own test/parallel suite (Node 18.20.4, from Debian's source package) inside the
# sandbox and record which files pass.
#
# Usage: tools/conformance/run.sh [--check | --update] [--jobs N] [--only GLOB | --list FILE] [--dir DIR] [--timeout SEC] [--results FILE] [CLI]
#   CLI        the secure-exec binary (default: $(swift build --show-bin-path)/secure-exec, built
#              when missing)
#   --check    exit non-zero when a file listed in expected-pass.txt no longer passes
#   --update   rewrite expected-pass.txt with the files that pass now
#   --jobs N   files run in parallel (default: nproc)
#   --only G   run only the test/parallel files matching the glob G (e.g. 'test-buffer-*')
#   --list F   run only the files named in F, one per line (as in results.txt, e.g. a regression list)
#   --dir D    run the files of test/D instead of test/parallel (e.g. es-module); they are
#              named D/FILE in the results and in expected-pass.txt
#   --timeout  wall-clock seconds per file (default 10; the CPU limit is the same)
#   --results F  write the per-file results to F (default tools/conformance/results.txt, the
#              committed record of the last full run; the test suite's check writes elsewhere)
# CONFORMANCE_EXTRA_FLAGS adds CLI flags to every file's run. Every file may start `node` and use
# the loopback network; 'test-child-process-*' files may start any program (--allow-run).
# The suite is fetched once into .node-tests-cache/ (git-ignored) by node-tests.sh
# ($NODE_TESTS_SH, default /work/shared/tools/node-tests.sh).
#
# Each file runs as `secure-exec run` with read access to the staging tree (Node's test/ with our
# own tools/conformance/common as test/common), write access to a temporary folder of its own,
# the environment, the loopback network, `node` as a program, and timing mitigation off. A file passes when it exits 0, is skipped when it
# also printed Node's skip marker ("1..0 # Skipped:", common.skip), and fails otherwise (.mjs files
# run as ES modules, like any other file).
# Writes tools/conformance/results.txt ("pass|fail|skip NAME" per file), keeps every file's output
# in .node-tests-cache/logs/, and prints per-module counts and the summary line
# "conformance: N passed, M failed, K skipped".
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
cache="$root/.node-tests-cache"
mode=run
jobs="$(nproc)"
only='test-*'
list=
folder=parallel
timeout_s=10
cli=
results=

while [ $# -gt 0 ]; do
  case "$1" in
    --check) mode=check ;;
    --update) mode=update ;;
    --jobs) jobs="$2"; shift ;;
    --only) only="$2"; shift ;;
    --list) list="$2"; shift ;;
    --timeout) timeout_s="$2"; shift ;;
    --dir) folder="$2"; shift ;;
    --results) results="$2"; shift ;;
    -h|--help) sed -n '2,30p' "$0"; exit 0 ;;
    -*) echo "run.sh: unknown option $1" >&2; exit 2 ;;
    *) cli="$1" ;;
  esac
  shift
done

# --- the CLI ---------------------------------------------------------------------------------
if [ -z "$cli" ]; then
  cli="$(cd "$root" && swift build --show-bin-path)/secure-exec"
  [ -x "$cli" ] || (cd "$root" && swift build --product secure-exec)
fi
[ -x "$cli" ] || { echo "run.sh: no secure-exec binary at $cli" >&2; exit 2; }
cli="$(cd "$(dirname "$cli")" && pwd)/$(basename "$cli")"

# --- the suite and the staging tree ----------------------------------------------------------
tests="$cache/test"
if [ ! -d "$tests/parallel" ]; then
  tests="$("${NODE_TESTS_SH:-/work/shared/tools/node-tests.sh}" "$cache" 2>/dev/null | tail -1)"
fi
[ -d "$tests/parallel" ] || { echo "run.sh: could not fetch Node's test suite into $cache" >&2; exit 2; }

# <stage>/test and <stage>/doc are hard-linked copies of the cache (real files, so module
# resolution from a test file never leads back into Node's own test/common), except that
# <stage>/test/common is ours; <stage>/tmp/NAME is each test's writable folder.
stage="$cache/stage"
logs="$cache/logs"
rm -rf "$stage" "$logs"
mkdir -p "$stage/tmp" "$logs"
for dir in test doc; do
  [ -d "$cache/$dir" ] || continue
  cp -al "$cache/$dir" "$stage/$dir" 2>/dev/null || { rm -rf "$stage/$dir"; cp -R "$cache/$dir" "$stage/$dir"; }
done
rm -rf "$stage/test/common"
cp -R "$here/common" "$stage/test/common"
# Node's own helpers that ours does not replace (dns packets, TLS fixtures, snapshots, …) come
# from the fetched suite as they are.
for helper in "$cache/test/common/"*.js; do
  [ -e "$stage/test/common/$(basename "$helper")" ] || cp "$helper" "$stage/test/common/"
done

# --- one test file ---------------------------------------------------------------------------
run_one() {
  # NAME is a file of test/parallel, or DIR/FILE for another folder of Node's test/.
  local name="$1" file tmp status rc start log
  case "$name" in */*) file="$stage/test/$name" ;; *) file="$stage/test/parallel/$name" ;; esac
  log="${name//\//__}"
  tmp="$stage/tmp/$log"
  mkdir -p "$tmp"
  # Every file may start `node` (a nested sandboxed runtime, as Node's tests re-run themselves
  # with process.execPath) and use the loopback network (servers and clients on this machine);
  # child-process files may start any program.
  local run_grant=--allow-run=node
  [[ "${name##*/}" == test-child-process-* ]] && run_grant=--allow-run
  # The Node options a file asks for in its `// Flags:` line that the CLI has (as Node's runner).
  local node_flags=""
  local flags_line
  flags_line=$(grep -m1 -E '^// Flags:' "$file" || true)
  for option in expose-gc expose-internals abort-on-uncaught-exception no-warnings no-deprecation throw-deprecation experimental-vm-modules; do
    [[ "$flags_line" =~ --${option}( |$) || "$flags_line" =~ --${option//-/_}( |$) ]] && node_flags="$node_flags --$option"
  done
  start=$(date +%s%N)
  rc=0
  (cd "$stage" && env -i PATH="$PATH" HOME="$HOME" LANG=C.UTF-8 \
      SECURE_EXEC_TEST_TMPDIR="$tmp" NODE_COMMON_PORT="$(( 20000 + $(cksum <<<"$name" | cut -d' ' -f1) % 40000 ))" \
      timeout -k 2 "$timeout_s" "$cli" run \
        --allow-read="$stage" --allow-write="$tmp" --allow-env --allow-net=127.0.0.0/8,::1,localhost \
        --cpu-time-limit "$((timeout_s * 1000))" --timing-mitigation off ${CONFORMANCE_EXTRA_FLAGS:-} $node_flags $run_grant \
        "$file" </dev/null >"$logs/$log.out" 2>"$logs/$log.err") || rc=$?
  echo "$rc $(( ($(date +%s%N) - start) / 1000000 ))" >"$logs/$log.rc"
  if [ "$rc" -ne 0 ]; then
    status=fail
  elif grep -q '^1\.\.0 # Skipped:' "$logs/$log.out"; then
    status=skip
  else
    status=pass
  fi
  echo "$status $name" >"$logs/$log.status"
  rm -rf "$tmp"
}
export -f run_one
export stage logs cli timeout_s CONFORMANCE_EXTRA_FLAGS

start=$(date +%s)
prefix=""; [ "$folder" = parallel ] || prefix="$folder/"
if [ -n "${list:-}" ]; then grep -E '\.(js|mjs)$' "$list"; else
  (cd "$stage/test/$folder" && compgen -G "$only" | grep -E '\.(js|mjs)$' | sort | sed "s|^|$prefix|"); fi \
  | xargs -P "$jobs" -I{} bash -c 'run_one "$1"' _ {}
elapsed=$(( $(date +%s) - start ))

results="${results:-$here/results.txt}"
mkdir -p "$(dirname "$results")"
expected="$here/expected-pass.txt"
collect() { find "$logs" -name '*.status' -exec cat {} + | LC_ALL=C sort -k2 >"$results"; }
# Files listed in expected-pass.txt, run this time, and not passing now.
regressions() {
  LC_ALL=C comm -23 \
    <(LC_ALL=C comm -12 <(LC_ALL=C sort "$expected") <(cut -d' ' -f2 "$results" | LC_ALL=C sort)) \
    <(grep '^pass ' "$results" | cut -d' ' -f2 | LC_ALL=C sort) || true
}
collect
if [ "$mode" = check ]; then
  [ -f "$expected" ] || { echo "run.sh: no $expected (run with --update first)" >&2; exit 2; }
  # Timing-sensitive files (sockets, timers) can fail on a loaded machine: run each regression
  # again, alone, up to three times; it stays a regression only if it fails every time.
  for attempt in 1 2 3; do
    for name in $(regressions); do run_one "$name"; done
    collect
  done
fi

# --- report ----------------------------------------------------------------------------------
# Module: the word after "test-" (test-buffer-alloc.js -> buffer), except that the names Node
# spells with an underscore keep both words (test-string-decoder-end.js -> string_decoder),
# test-stream2-*/test-stream3-* count as stream and test-event-*/test-eventemitter-* as events.
awk '
  {
    m = $2; sub(/^.*\//, "", m); sub(/^test-/, "", m); sub(/\.m?js$/, "", m)
    if (m ~ /^(string-decoder|child-process|diagnostics-channel|worker-threads|trace-events)(-|$)/) {
      split(m, w, "-"); m = w[1] "_" w[2]
    } else { sub(/-.*$/, "", m) }
    if (m == "stream2" || m == "stream3") m = "stream"
    if (m == "event" || m == "eventemitter") m = "events"
    n[m]++; c[m, $1]++
  }
  END {
    printf "%-22s %6s %6s %6s %6s\n", "module", "pass", "fail", "skip", "total"
    for (m in n) printf "%-22s %6d %6d %6d %6d\n", m, c[m, "pass"], c[m, "fail"], c[m, "skip"], n[m] | "sort"
    close("sort")
  }' "$results"
timeouts=$(grep -l '^124 ' "$logs"/*.rc 2>/dev/null | wc -l || true)
echo "($(wc -l <"$results") files in ${elapsed}s with $jobs jobs; $timeouts timed out; logs in $logs)"
passed=$(grep -c '^pass ' "$results" || true)
failed=$(grep -c '^fail ' "$results" || true)
skipped=$(grep -c '^skip ' "$results" || true)
echo "conformance: $passed passed, $failed failed, $skipped skipped"

case "$mode" in
  update)
    # Files not run this time (--only) keep their entry.
    touch "$expected"
    { LC_ALL=C comm -23 <(LC_ALL=C sort "$expected") <(cut -d' ' -f2 "$results" | LC_ALL=C sort)
      grep '^pass ' "$results" | cut -d' ' -f2; } | LC_ALL=C sort -u >"$expected.new"
    mv "$expected.new" "$expected"
    echo "wrote $expected ($(wc -l <"$expected") files)"
    ;;
  check)
    found=$(regressions)
    if [ -n "$found" ]; then
      echo "regressions (in expected-pass.txt, no longer passing):"
      echo "$found" | sed 's/^/  /'
      exit 1
    fi
    echo "no regressions against expected-pass.txt"
    ;;
esac
