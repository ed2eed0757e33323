#!/usr/bin/env bash
# Builds and runs the saga benchmark: three-step sagas on one node of the distribution against a
# hand-written kafka-clients transactional request/reply loop doing the same message exchange, on one
# embedded broker. Writes benchmarks/results/<yyyy-MM-dd>-saga.md.
#
#   benchmarks/saga/run.sh                    # the full run (20,000 sagas per run)
#   benchmarks/saga/run.sh -n 5000            # fewer sagas, a quicker look
#   benchmarks/saga/run.sh --profile          # also JFR profiles of the node and the raw loop
#   benchmarks/saga/run.sh -- --rounds 3      # any benchmark option after --; '-- --help' lists them
set -euo pipefail

module_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root_dir="$(cd "$module_dir/../.." && pwd)"

sagas=20000
build=true
profile=false
timeout_minutes=45
extra=()

usage() {
  cat <<USAGE
usage: $0 [-n SAGAS] [--profile] [--skip-build] [--timeout-min M] [-- BENCHMARK_OPTIONS...]
  -n, --sagas N       sagas per throughput run (default $sagas)
  --profile           record JFR profiles of the node and the raw loop into target/work/profiles
  --skip-build        use the jars already built in target/
  --timeout-min M     kill the whole run after M minutes (default $timeout_minutes)
Benchmark options after --: run with '-- --help' to list them.
USAGE
}

while [[ $# -gt 0 ]]; do
  case "$1" in
    -n|--sagas) sagas="$2"; shift 2 ;;
    --profile) profile=true; shift ;;
    --skip-build) build=false; shift ;;
    --timeout-min) timeout_minutes="$2"; shift 2 ;;
    -h|--help) usage; exit 0 ;;
    --) shift; extra=("$@"); break ;;
    *) echo "unknown option $1" >&2; usage >&2; exit 2 ;;
  esac
done

target="$module_dir/target"
work_dir="$target/work"
build_note="$target/built-from.txt"

if [[ "$build" == true ]]; then
  # What is measured: the commit the node was built from, and whether the coordinator's sources
  # differed from it. Noted at build time, so that a later --skip-build run reports the same.
  note="built from commit $(git -C "$root_dir" rev-parse --short HEAD 2>/dev/null || echo unknown)"
  if [[ -n "$(git -C "$root_dir" status --porcelain -- bundles 2>/dev/null)" ]]; then
    note="$note plus uncommitted changes in bundles/"
  fi
  (cd "$root_dir" && mvn -o -B -q -DskipTests install -pl benchmarks/saga -am)
  echo "$note" > "$build_note"
fi
note="$(cat "$build_note" 2>/dev/null || echo "built from an unknown commit (target/ built without run.sh)")"

options=()
if [[ "$profile" == true ]]; then
  options+=(--profile)
fi

# The benchmark stops its broker, node and raw loop itself (also from a shutdown hook); this covers a
# benchmark JVM killed hard.
cleanup() {
  local pid_file
  for pid_file in "$work_dir/broker/broker.pid" "$work_dir/node/run/karaf.pid"; do
    if [[ -f "$pid_file" ]] && kill -0 "$(cat "$pid_file")" 2>/dev/null; then
      echo "Stopping $(cat "$pid_file") left behind ($pid_file)" >&2
      kill "$(cat "$pid_file")" 2>/dev/null || true
    fi
  done
}
trap cleanup EXIT

cd "$module_dir"
status=0
timeout --signal=TERM --kill-after=60 "$((timeout_minutes * 60))" \
  java -Xms512m -Xmx512m -jar "$target/saga-benchmark.jar" \
    --sagas "$sagas" \
    --broker-classpath "$target/broker" \
    --distribution "$(echo "$target"/distribution/hyperiot-streaming-distribution-*)" \
    --participants-bundle "$target/saga-benchmark-participants.jar" \
    --work-dir "$work_dir" \
    --results-dir "$root_dir/benchmarks/results" \
    --note "$note" \
    "${options[@]}" "${extra[@]}" || status=$?

if [[ "$profile" == true && -d "$work_dir/profiles" ]]; then
  for profile_file in "$work_dir"/profiles/*.jfr; do
    echo
    echo "Hottest top frames of $(basename "$profile_file" .jfr)"
    echo "('jfr print --stack-depth 64 --events jdk.ExecutionSample FILE' for whole stacks):"
    jfr print --events jdk.ExecutionSample "$profile_file" 2>/dev/null \
      | awk '/stackTrace = \[/ { getline; sub(/^[ \t]+/, ""); sub(/[ \t]+line:.*/, ""); count[$0]++ }
             END { for (frame in count) printf "%7d  %s\n", count[frame], frame }' \
      | sort -rn | head -25 || true
  done
fi
exit "$status"
