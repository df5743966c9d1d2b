#!/usr/bin/env bash
# Runs the benchmarks of issue 7 and writes BENCHMARKS.md at the repository root.
#
#   escalation-benchmarks/run.sh quick     # ≤ 15 minutes on a 2-core machine: 1 fork, short iterations, peers at 1 thread
#   escalation-benchmarks/run.sh full      # 2 forks, long iterations, peers at 1 and 2 threads, larger heap samples
#   escalation-benchmarks/run.sh smoke     # the CI smoke check: one 100 ms iteration of the in-memory lifecycle
#
# The long-log benchmark (LongLogBenchmark: one command on a 10-entry vs a 2,000-entry log, interleaved) runs as a
# JMH invocation of its own after the main one: it compares its two figures within itself, and a single-shot mode
# with its own iteration counts suits it. It runs in memory, on H2 and, when configured, on PostgreSQL.
#
# Environment: SKIP_BUILD=1 reuses escalation-benchmarks/target/benchmarks.jar; JAVA=/path/to/java picks the JDK;
# NO_REPORT=1 keeps BENCHMARKS.md as it is (results stay in escalation-benchmarks/target/results/<profile>).
#
# PostgreSQL: the caller provides it; this script starts nothing. With ESCALATION_TEST_PG_URL (and _USER, _PASSWORD)
# set, the SDK's postgres backend, Flowable on PostgreSQL, the commit-ceiling probe and the overdue query on
# PostgreSQL run in the same JMH invocation (they drop and re-create the schemas escalation_bench, flowable_bench and
# commit_probe_bench of that database). Without it they are left out and BENCHMARKS.md says "not measured: PostgreSQL
# not configured". For example, as root:
#   export CI_STATE=$(mktemp -d); chmod 1777 "$CI_STATE"; apt_install() { :; }
#   source .ci/components/10-postgresql.sh; start_postgresql; escalation-benchmarks/run.sh quick; stop_postgresql
set -euo pipefail
profile=${1:-quick}
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
JAVA=${JAVA:-java}
jar=escalation-benchmarks/target/benchmarks.jar
results=escalation-benchmarks/target/results/$profile
log() { echo "[run.sh $(date +%H:%M:%S)] $*"; }

if [ "${SKIP_BUILD:-0}" != 1 ]; then
  log "building the benchmarks jar"
  ./mvnw -q -B -pl escalation-benchmarks -am package -DskipTests
fi
[ -f "$jar" ] || { echo "missing $jar" >&2; exit 1; }

if [ "$profile" = smoke ]; then
  exec bash .ci/checks/benchmarks-smoke.sh
fi

case "$profile" in
  quick)
    jmh_opts=(-f 1 -wi 3 -w 2s -i 3 -r 2s)
    # Flowable runs at 2 threads too: the PostgreSQL target compares the 2-thread figures
    exclude='StatemachineLifecycleBenchmark\.lifecycle_2t|SdkOverduePgBenchmark\.storeDue'
    longlog_opts=(-f 1 -wi 5 -i 5)
    heap=("sdk 20000" "statemachine 10000" "flowable 500")
    cold_runs=5
    cold_runs_flowable=3
    prof_opts=(-f 1 -wi 2 -w 2s -i 3 -r 8s)
    ;;
  full)
    jmh_opts=(-f 2 -wi 5 -w 5s -i 10 -r 5s)
    exclude='^$'
    longlog_opts=(-f 2 -wi 10 -i 15)
    heap=("sdk 100000" "statemachine 100000" "flowable 5000")
    cold_runs=11
    cold_runs_flowable=5
    prof_opts=(-f 1 -wi 5 -w 5s -i 3 -r 10s)
    ;;
  *) echo "usage: $0 quick|full|smoke" >&2; exit 2 ;;
esac

rm -rf "$results"
mkdir -p "$results"
started=$(date +%s)
{
  echo "started=$(date -u +%Y-%m-%dT%H:%M:%SZ)"
  echo "load_start=$(cut -d' ' -f1-3 /proc/loadavg)"
} > "$results/run.env"

# 0. PostgreSQL, if the caller configured one (never started here)
if [ -n "${ESCALATION_TEST_PG_URL:-}" ]; then
  log "PostgreSQL: $ESCALATION_TEST_PG_URL"
  "$JAVA" -cp "$jar" dev.escalation.benchmarks.harness.PgInfo > "$results/postgres.txt" \
    || { echo "PostgreSQL at $ESCALATION_TEST_PG_URL is not reachable" >&2; exit 1; }
  backends=(-p backend=memory,h2,postgres -p db=h2,postgres)
  longlog_backends=(-p backend=memory,h2,postgres)
else
  log "PostgreSQL not configured (ESCALATION_TEST_PG_URL unset): the postgres benchmarks are left out"
  echo "not configured" > "$results/postgres.txt"
  backends=(-p backend=memory,h2 -p db=h2)
  longlog_backends=(-p backend=memory,h2)
  exclude="$exclude|CommitCeilingBenchmark|SdkOverduePgBenchmark"
fi
# the long-log benchmark has its own invocation (step 1b), the 1,000,000-row retention its own too (step 5)
exclude="$exclude|LongLogBenchmark|RetentionPgBenchmark"

# 1. JMH: every benchmark in one invocation, so that ratios compare figures taken under the same conditions
jmh_cmd=("$JAVA" -jar "$jar" 'dev\.escalation\.benchmarks\..*' -e "$exclude" "${backends[@]}" "${jmh_opts[@]}" -foe true
  -rf json -rff "$results/jmh.json")
echo "${jmh_cmd[*]}" > "$results/command-jmh.txt"
log "JMH: ${jmh_cmd[*]}"
"${jmh_cmd[@]}" > "$results/jmh.log" 2>&1 || { tail -50 "$results/jmh.log" >&2; exit 1; }

# 1b. Long log: one command on an escalation with 10 vs 2,000 log entries, interleaved in one JMH invocation
longlog_cmd=("$JAVA" -jar "$jar" 'dev\.escalation\.benchmarks\.sdk\.LongLogBenchmark' "${longlog_backends[@]}"
  "${longlog_opts[@]}" -foe true -rf json -rff "$results/longlog.json")
echo "${longlog_cmd[*]}" > "$results/command-longlog.txt"
log "long log: ${longlog_cmd[*]}"
"${longlog_cmd[@]}" > "$results/longlog.log" 2>&1 || { tail -50 "$results/longlog.log" >&2; exit 1; }

# 2. Heap per open escalation in mid-life: a separate JVM per subject
: > "$results/heap.jsonl"
for h in "${heap[@]}"; do
  set -- $h
  cmd=("$JAVA" -Xms1g -Xmx8g -Dorg.jboss.logging.provider=slf4j -cp "$jar"
    dev.escalation.benchmarks.harness.HeapPerEscalation "$1" "$2")
  echo "${cmd[*]}" >> "$results/command-heap.txt"
  log "heap: ${cmd[*]}"
  "${cmd[@]}" | grep '^{' >> "$results/heap.jsonl"
done

# 3. Cold JVM to the first escalate receipt (and Flowable to its first process instance): median of several runs
: > "$results/coldstart.txt"
for subject in sdk flowable; do
  cmd=("$JAVA" -Dorg.jboss.logging.provider=slf4j -cp "$jar" dev.escalation.benchmarks.harness.ColdStart "$subject")
  echo "${cmd[*]}" >> "$results/command-coldstart.txt"
  runs=$cold_runs
  [ "$subject" = flowable ] && runs=$cold_runs_flowable
  log "cold start ($runs runs): ${cmd[*]}"
  for _ in $(seq "$runs"); do
    t0=$(date +%s%3N)
    line=$("${cmd[@]}" | grep '^receipt')
    t1=$(date +%s%3N)
    main=$(sed -E 's/.* main=([0-9]+).*/\1/' <<< "$line")
    built=$(sed -E 's/.* built=([0-9]+).*/\1/' <<< "$line")
    at=$(sed -E 's/.* at=([0-9]+).*/\1/' <<< "$line")
    echo "$subject receipt_ms=$((at - t0)) exit_ms=$((t1 - t0)) main_ms=$((main - t0)) built_ms=$((built - t0))" \
      >> "$results/coldstart.txt"
  done
done

# 4. Profile of the in-memory lifecycle (JFR through JMH): hot frames and allocation sites for the report
prof_cmd=("$JAVA" -jar "$jar" 'dev\.escalation\.benchmarks\.sdk\.SdkLifecycleBenchmark\.lifecycle_1t' "${prof_opts[@]}"
  -foe true -prof "jfr:dir=$results/jfr")
echo "${prof_cmd[*]}" > "$results/command-profile.txt"
log "profile: ${prof_cmd[*]}"
"${prof_cmd[@]}" > "$results/profile.log" 2>&1 || { tail -30 "$results/profile.log" >&2; exit 1; }
jfr_file=$(find "$results/jfr" -name '*.jfr' | head -1)
if [ -n "$jfr_file" ]; then
  python3 escalation-benchmarks/jfr_summary.py "$jfr_file" > "$results/profile.json"
fi

# 5. Retention on 1,000,000 closed escalations (PostgreSQL only): one single shot, the load before it not measured
if [ -n "${ESCALATION_TEST_PG_URL:-}" ]; then
  retention_cmd=("$JAVA" -jar "$jar" 'dev\.escalation\.benchmarks\.jdbc\.RetentionPgBenchmark' -foe true
    -rf json -rff "$results/retention.json")
  echo "${retention_cmd[*]}" > "$results/command-retention.txt"
  log "retention: ${retention_cmd[*]}"
  "${retention_cmd[@]}" > "$results/retention.log" 2>&1 || { tail -50 "$results/retention.log" >&2; exit 1; }
fi

# 6. scale-out: the lifecycle from 1, 2 and 4 engine instances (each its own pool and background delivery) on one
#    PostgreSQL schema (escalation_scale, dropped and re-created), against the commit ceiling of the same run; its
#    required checks (no lost update, each key delivered once, no deadlock) fail the run (PostgreSQL only)
if [ -n "${ESCALATION_TEST_PG_URL:-}" ]; then
  case "$profile" in
    full) scale_opts=(--jvm-warmup 10 --warmup 5 --seconds 20 --ceiling-seconds 5) ;;
    *) scale_opts=(--jvm-warmup 5 --warmup 2 --seconds 5 --ceiling-seconds 2) ;;
  esac
  scale_cmd=("$JAVA" -Xms512m -Xmx2g -cp "$jar" dev.escalation.benchmarks.scale.ScaleOut --instances 1,2,4 --threads 2
    "${scale_opts[@]}" --out "$results/scaleout.json")
  echo "${scale_cmd[*]}" > "$results/command-scaleout.txt"
  log "scale-out: ${scale_cmd[*]}"
  "${scale_cmd[@]}" > "$results/scaleout.log" 2>&1 || { tail -50 "$results/scaleout.log" >&2; exit 1; }
fi

{
  echo "finished=$(date -u +%Y-%m-%dT%H:%M:%SZ)"
  echo "seconds=$(( $(date +%s) - started ))"
  echo "load_end=$(cut -d' ' -f1-3 /proc/loadavg)"
} >> "$results/run.env"
log "done in $(( $(date +%s) - started )) s"

if [ "${NO_REPORT:-0}" != 1 ]; then
  python3 escalation-benchmarks/report.py "$profile" "$results" > BENCHMARKS.md
  log "wrote BENCHMARKS.md"
fi
