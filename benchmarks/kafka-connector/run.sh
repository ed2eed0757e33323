#!/usr/bin/env bash
# Builds and runs the Kafka connector send benchmark: connector send vs plain KafkaProducer, same
# embedded broker, same settings, rounds interleaved. Writes results/<yyyy-MM-dd>.md.
#
#   benchmarks/kafka-connector/run.sh                      # 1,000,000 records, 2 warm-up + 3 measured rounds
#   benchmarks/kafka-connector/run.sh -n 2000000 -r 5      # more records, more rounds
#   benchmarks/kafka-connector/run.sh --profile            # also records a JFR profile
#   benchmarks/kafka-connector/run.sh -- --linger-ms 20    # anything after -- goes to the benchmark
set -euo pipefail

module_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root_dir="$(cd "$module_dir/../.." && pwd)"

records=1000000
rounds=3
warmup_rounds=2
build=true
profile=false
timeout_minutes=45
extra=()

usage() {
  cat <<USAGE
usage: $0 [-n RECORDS] [-r ROUNDS] [-w WARMUP_ROUNDS] [--profile] [--skip-build] [--timeout-min M] [-- BENCHMARK_OPTIONS...]
  -n, --records N        records per variant and round (default $records)
  -r, --rounds R         measured rounds (default $rounds)
  -w, --warmup-rounds W  discarded warm-up rounds (default $warmup_rounds)
  --profile              record a JFR profile to target/connector-benchmark.jfr
  --skip-build           use the jar already in target/
  --timeout-min M        kill the whole run after M minutes (default $timeout_minutes)
  JAVA_OPTS              extra JVM options for the benchmark JVM (default: -Xms1g -Xmx1g)
Benchmark options after --: run with '-- --help' to list them.
USAGE
}

while [[ $# -gt 0 ]]; do
  case "$1" in
    -n|--records) records="$2"; shift 2 ;;
    -r|--rounds) rounds="$2"; shift 2 ;;
    -w|--warmup-rounds) warmup_rounds="$2"; shift 2 ;;
    --profile) profile=true; shift ;;
    --skip-build) build=false; shift ;;
    --timeout-min) timeout_minutes="$2"; shift 2 ;;
    -h|--help) usage; exit 0 ;;
    --) shift; extra=("$@"); break ;;
    *) echo "unknown option $1" >&2; usage >&2; exit 2 ;;
  esac
done

if [[ "$build" == true ]]; then
  (cd "$root_dir" && mvn -o -B -q -DskipTests install -pl benchmarks/kafka-connector -am)
fi

target="$module_dir/target"
work_dir="$target/work"
pid_file="$work_dir/broker/broker.pid"

# The benchmark stops its broker itself (also from a shutdown hook); this covers a JVM killed hard.
stop_orphaned_broker() {
  if [[ -f "$pid_file" ]]; then
    local pid
    pid="$(cat "$pid_file")"
    if kill -0 "$pid" 2>/dev/null; then
      echo "Stopping the broker left behind (pid $pid)" >&2
      kill "$pid" 2>/dev/null || true
      for _ in $(seq 1 30); do kill -0 "$pid" 2>/dev/null || return 0; sleep 1; done
      kill -9 "$pid" 2>/dev/null || true
    fi
  fi
}
trap stop_orphaned_broker EXIT

read -r -a java_opts <<< "${JAVA_OPTS:--Xms1g -Xmx1g}"
if [[ "$profile" == true ]]; then
  java_opts+=("-XX:StartFlightRecording=filename=$target/connector-benchmark.jfr,settings=profile,dumponexit=true")
fi

# Which connector was measured: the commit, and whether the connector's sources differ from it.
note="connector built from commit $(git -C "$root_dir" rev-parse --short HEAD 2>/dev/null || echo unknown)"
if [[ -n "$(git -C "$root_dir" status --porcelain -- bundles/kafka-connector bundles/streaming-api 2>/dev/null)" ]]; then
  note="$note plus uncommitted changes in bundles/kafka-connector or bundles/streaming-api"
fi

cd "$module_dir"
status=0
timeout --signal=TERM --kill-after=60 "$((timeout_minutes * 60))" \
  java "${java_opts[@]}" -jar "$target/kafka-connector-benchmark.jar" \
    --broker-classpath "$target/broker" \
    --work-dir "$work_dir" \
    --results-dir "$module_dir/results" \
    --records "$records" --rounds "$rounds" --warmup-rounds "$warmup_rounds" \
    --note "$note" \
    "${extra[@]}" || status=$?

if [[ "$profile" == true && -f "$target/connector-benchmark.jfr" ]]; then
  echo
  echo "Profile: $target/connector-benchmark.jfr. Hottest top frames of the sampled Java threads"
  echo "(approximate for inlined code; 'jfr print --stack-depth 64 --events jdk.ExecutionSample' for whole stacks):"
  jfr print --events jdk.ExecutionSample "$target/connector-benchmark.jfr" \
    | awk '/stackTrace = \[/ { getline; sub(/^[ \t]+/, ""); sub(/[ \t]+line:.*/, ""); count[$0]++ }
           END { for (frame in count) printf "%7d  %s\n", count[frame], frame }' \
    | sort -rn | head -25
fi
exit "$status"
