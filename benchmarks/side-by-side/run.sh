#!/usr/bin/env bash
# Builds and runs the side-by-side benchmark: our runtime (native and micro-batch on the kafka engine,
# and on the storm engine) against a hand-written kafka-clients loop, Kafka Streams and a hand-written
# Storm topology, on one embedded broker and the node's embedded Storm, over the same input, every
# output verified. Writes benchmarks/results/<yyyy-MM-dd>.md and .png. About 20 minutes on 2 quiet
# cores with the defaults (2026-12-07).
#
#   benchmarks/side-by-side/run.sh                          # the full run
#   benchmarks/side-by-side/run.sh -n 500000                # fewer records, a quicker look
#   benchmarks/side-by-side/run.sh --profile                # also JFR profiles of every contestant
#   benchmarks/side-by-side/run.sh -- --contestants raw-loop,hyperiot-native --scenarios stateless
#   benchmarks/side-by-side/run.sh -n 500000 -- --contestants raw-loop,storm-topology,hyperiot-native,hyperiot-storm --scenarios stateless
set -euo pipefail

module_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root_dir="$(cd "$module_dir/../.." && pwd)"

records=3000000
build=true
profile=false
timeout_minutes=60
extra=()

usage() {
  cat <<USAGE
usage: $0 [-n RECORDS] [--profile] [--skip-build] [--timeout-min M] [-- BENCHMARK_OPTIONS...]
  -n, --records N     input records (default $records)
  --profile           record JFR profiles of every contestant into target/work/profiles
  --skip-build        use the jars already built in target/
  --timeout-min M     kill the whole run after M minutes (default $timeout_minutes)
Benchmark options after --: run with '-- --help' to list them.
USAGE
}

while [[ $# -gt 0 ]]; do
  case "$1" in
    -n|--records) records="$2"; shift 2 ;;
    --profile) profile=true; shift ;;
    --skip-build) build=false; shift ;;
    --timeout-min) timeout_minutes="$2"; shift 2 ;;
    -h|--help) usage; exit 0 ;;
    --) shift; extra=("$@"); break ;;
    *) echo "unknown option $1" >&2; usage >&2; exit 2 ;;
  esac
done

if [[ "$build" == true ]]; then
  (cd "$root_dir" && mvn -o -B -q -DskipTests install -pl benchmarks/side-by-side -am)
fi

target="$module_dir/target"
work_dir="$target/work"
options=()
if [[ "$profile" == true ]]; then
  options+=(--profile)
fi

# What was measured: the commit, and whether the runtime's sources differ from it.
note="built from commit $(git -C "$root_dir" rev-parse --short HEAD 2>/dev/null || echo unknown)"
if [[ -n "$(git -C "$root_dir" status --porcelain -- bundles 2>/dev/null)" ]]; then
  note="$note plus uncommitted changes in bundles/"
fi

# The benchmark stops its broker, node (with its Storm) and contestants itself (also from a shutdown
# hook); this covers a benchmark JVM killed hard.
cleanup() {
  local pid_file cmdline pid
  for pid_file in "$work_dir/broker/broker.pid" "$work_dir/node/run/karaf.pid" \
      "$work_dir/node/run/storm-supervisor.pid" "$work_dir/node/run/storm-nimbus.pid" \
      "$work_dir/node/run/storm-zookeeper.pid"; do
    if [[ -f "$pid_file" ]] && kill -0 "$(cat "$pid_file")" 2>/dev/null; then
      echo "Stopping $(cat "$pid_file") left behind ($pid_file)" >&2
      kill "$(cat "$pid_file")" 2>/dev/null || true
    fi
  done
  # Storm's workers and their log writers, which the Supervisor leaves running: their command lines
  # name this node's Storm data folder.
  for cmdline in /proc/[0-9]*/cmdline; do
    pid=${cmdline#/proc/}; pid=${pid%/cmdline}
    if tr '\0' '\n' 2>/dev/null < "$cmdline" | grep -qxF -- "-Dstorm.local.dir=$work_dir/node/storm/data"; then
      echo "Stopping Storm worker $pid left behind" >&2
      kill "$pid" 2>/dev/null || true
    fi
  done
}
trap cleanup EXIT

cd "$module_dir"
status=0
timeout --signal=TERM --kill-after=60 "$((timeout_minutes * 60))" \
  java -Xms1g -Xmx1g -jar "$target/side-by-side-benchmark.jar" \
    --records "$records" \
    --broker-classpath "$target/broker" \
    --distribution "$(echo "$target"/distribution/hyperiot-streaming-distribution-*)" \
    --kafka-streams-app "$root_dir/benchmarks/side-by-side-kafka-streams/target/kafka-streams-app.jar" \
    --storm-topology-app "$root_dir/benchmarks/side-by-side-storm/target/storm-topology-app.jar" \
    --work-dir "$work_dir" \
    --results-dir "$root_dir/benchmarks/results" \
    --note "$note" \
    "${options[@]}" "${extra[@]}" || status=$?

if [[ "$profile" == true && -d "$work_dir/profiles" ]]; then
  echo
  echo "Profiles in $work_dir/profiles. Hottest top frames of the HyperIoT node"
  echo "('jfr print --stack-depth 64 --events jdk.ExecutionSample FILE' for whole stacks):"
  jfr print --events jdk.ExecutionSample "$work_dir/profiles/hyperiot-node.jfr" 2>/dev/null \
    | awk '/stackTrace = \[/ { getline; sub(/^[ \t]+/, ""); sub(/[ \t]+line:.*/, ""); count[$0]++ }
           END { for (frame in count) printf "%7d  %s\n", count[frame], frame }' \
    | sort -rn | head -25
fi
exit "$status"
