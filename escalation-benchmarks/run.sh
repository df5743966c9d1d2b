#!/usr/bin/env bash
# Runs the benchmarks of issues 7 and 17 and writes BENCHMARKS.md at the repository root.
#
#   escalation-benchmarks/run.sh quick     # ~20 minutes on a 2-core machine: every benchmark with short iterations
#   escalation-benchmarks/run.sh full      # <= 40 minutes on a 2-core machine with PostgreSQL (the figures of #17)
#   escalation-benchmarks/run.sh smoke     # the CI smoke check: one 100 ms iteration of the in-memory lifecycle
#
# full: 1 fork per benchmark, and each benchmark's own warm-up and measurement times (its @Warmup/@Measurement
# annotations: long enough for >= 1,000 lifecycles of the JDBC and Flowable lifecycles at the expected rates, short
# for the microsecond benchmarks); quick overrides them with 3 x 2 s. Fewer forks and iterations than a textbook run
# (2-core budget of 40 minutes, see README.md); the report prints the lifecycles each figure rests on.
#
# Steps: 1 every JMH benchmark in one invocation (peers included; among them SdkOwnEngineBenchmark, the 2-thread
# control: the in-memory lifecycle with an engine per thread, ~2 minutes of full; and EscalateControlBenchmark, the
# escalate tail's control: a pure CPU op of escalate's median and allocation, no SDK code, with escalate's warm-up and
# measurement, so its p99 is the host's own tail in the same run, ~50 s of full) | 1b long log (own invocation, single shot) |
# 2 heap per open escalation | 2b outbox memory after many drained lifecycles | 3 cold start | 4 JFR profiles
# (in-memory 1 thread, in-memory 2 threads with every lock wait, H2 1 thread) | 5 retention of 1,000,000 closed
# escalations on PostgreSQL (issue 16; only with RETENTION=1: it loads for ~9 minutes) | 6 scale-out on one PostgreSQL |
# 7 the PostgreSQL server's writes per lifecycle (harness.PgWork: rows per table, index insertions, WAL; ~1.5 minutes).
#
# The long-log benchmark (LongLogBenchmark: one command on a 10-entry vs a 2,000-entry log, interleaved) runs as a
# JMH invocation of its own after the main one: it compares its two figures within itself, and a single-shot mode
# with its own iteration counts suits it. It runs in memory, on H2 and, when configured, on PostgreSQL.
#
# Environment: SKIP_BUILD=1 reuses escalation-benchmarks/target/benchmarks.jar; JAVA=/path/to/java picks the JDK;
# NO_REPORT=1 keeps BENCHMARKS.md as it is (results stay in escalation-benchmarks/target/results/<profile>);
# RETENTION=1 adds step 5.
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
# the machine's load after each step (report.py prints them next to the load at start and end)
mark() {
  echo "load_after_$1=$(cut -d' ' -f1-3 /proc/loadavg) at $(date -u +%H:%M:%S)" >> "$results/run.env"
  echo "cpu_after_$1=$(head -1 /proc/stat)" >> "$results/run.env"
}

if [ "${SKIP_BUILD:-0}" != 1 ]; then
  log "building the benchmarks jar"
  ./mvnw -q -B -pl escalation-benchmarks -am package -DskipTests
fi
[ -f "$jar" ] || { echo "missing $jar" >&2; exit 1; }

if [ "$profile" = smoke ]; then
  exec bash .ci/checks/benchmarks-smoke.sh
fi

# benchmarks left out of both profiles: labelled side paths and 2-thread peers no floor needs
exclude='StatemachineLifecycleBenchmark\.lifecycle_2t|BaselineLifecycleBenchmark\.lifecycle_2t|SdkOverdueBenchmark\.storeDue|SdkOverduePgBenchmark\.storeDue'
case "$profile" in
  quick)
    jmh_opts=(-f 1 -wi 3 -w 2s -i 3 -r 2s)
    longlog_opts=(-f 1 -wi 5 -i 5)
    heap=("sdk 20000" "statemachine 10000" "flowable 500")
    outbox_lifecycles=20000
    cold_runs=5
    cold_runs_flowable=3
    prof_opts=(-f 1 -wi 3 -w 3s -i 2 -r 8s)
    ;;
  full)
    # warm-up and measurement per benchmark from its annotations; the double click is a labelled side path
    jmh_opts=(-f 1 -p open=1000000)
    exclude="$exclude|SdkEscalateBenchmark\.escalateExisting_1t"
    longlog_opts=(-f 1 -wi 5 -i 10)
    heap=("sdk 50000" "statemachine 20000" "flowable 1000")
    outbox_lifecycles=200000
    cold_runs=7
    cold_runs_flowable=3
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
  echo "cpu_start=$(head -1 /proc/stat)" # the machine's CPU counters: report.py prints the hypervisor's steal per step
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
#    (HostSteal: the share of the machine's CPU time the hypervisor stole in each iteration, a secondary result)
jmh_cmd=("$JAVA" -jar "$jar" 'dev\.escalation\.benchmarks\..*' -e "$exclude" "${backends[@]}" "${jmh_opts[@]}" -foe true
  -prof dev.escalation.benchmarks.HostSteal -rf json -rff "$results/jmh.json")
echo "${jmh_cmd[*]}" > "$results/command-jmh.txt"
log "JMH: ${jmh_cmd[*]}"
"${jmh_cmd[@]}" > "$results/jmh.log" 2>&1 || { tail -50 "$results/jmh.log" >&2; exit 1; }
mark jmh

# 1b. Long log: one command on an escalation with 10 vs 2,000 log entries, interleaved in one JMH invocation
longlog_cmd=("$JAVA" -jar "$jar" 'dev\.escalation\.benchmarks\.sdk\.LongLogBenchmark' "${longlog_backends[@]}"
  "${longlog_opts[@]}" -foe true -rf json -rff "$results/longlog.json")
echo "${longlog_cmd[*]}" > "$results/command-longlog.txt"
log "long log: ${longlog_cmd[*]}"
"${longlog_cmd[@]}" > "$results/longlog.log" 2>&1 || { tail -50 "$results/longlog.log" >&2; exit 1; }
mark longlog

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

# 2b. The in-memory outbox after many drained lifecycles and the clock moved past the de-duplication window
opens=(--add-opens java.base/java.util=ALL-UNNAMED --add-opens java.base/java.lang=ALL-UNNAMED
  --add-opens java.base/java.time=ALL-UNNAMED --add-opens java.base/java.math=ALL-UNNAMED
  --add-opens java.base/java.util.concurrent=ALL-UNNAMED --add-opens java.base/java.util.concurrent.atomic=ALL-UNNAMED
  --add-opens java.base/java.util.concurrent.locks=ALL-UNNAMED)
outbox_cmd=("$JAVA" -Xms1g -Xmx8g "${opens[@]}" -Dorg.jboss.logging.provider=slf4j -cp "$jar"
  dev.escalation.benchmarks.harness.OutboxMemory "$outbox_lifecycles")
echo "${outbox_cmd[*]}" > "$results/command-outbox.txt"
log "outbox memory: ${outbox_cmd[*]}"
"${outbox_cmd[@]}" | grep '^{' > "$results/outbox.json"
mark outbox

# 4. JFR profiles (AFTER; profiles/before holds main's before #17): hot frames, allocation sites, lock waits
# (the JFR options are prepended: an appended one on the command line would replace BenchJvm's heap options; the
# recording of jfr-init.jfc, which enables no event, initialises JFR when the fork starts: JMH's profiler starts its
# own recording with the measurement, and JFR's initialisation there disturbed the compiled code being measured)
: > "$results/command-profile.txt"
for p in "memory-1t lifecycle_1t memory" "memory-2t lifecycle_2t memory" "h2-1t lifecycle_1t h2"; do
  set -- $p
  prof_cmd=("$JAVA" -jar "$jar" "dev\\.escalation\\.benchmarks\\.sdk\\.SdkLifecycleBenchmark\\.$2" -p "backend=$3"
    "${prof_opts[@]}" -foe true -jvmArgsPrepend "-XX:FlightRecorderOptions:stackdepth=256 -XX:StartFlightRecording:name=jfr-init,settings=$PWD/escalation-benchmarks/jfr-init.jfc"
    -rf json -rff "$results/profile-$1-jmh.json" -prof "jfr:dir=$results/jfr-$1;configName=$PWD/escalation-benchmarks/locks.jfc")
  echo "${prof_cmd[*]}" >> "$results/command-profile.txt"
  log "profile $1: ${prof_cmd[*]}"
  "${prof_cmd[@]}" > "$results/profile-$1.log" 2>&1 || { tail -30 "$results/profile-$1.log" >&2; exit 1; }
  jfr_file=$(find "$results/jfr-$1" -name '*.jfr' | head -1)
  if [ -n "$jfr_file" ]; then
    python3 escalation-benchmarks/jfr_summary.py "$jfr_file" "$results/profile-$1-jmh.json" > "$results/profile-$1.json"
  fi
done
mark profiles

# 5. Retention on 1,000,000 closed escalations (PostgreSQL only, RETENTION=1): one single shot, the load not measured
if [ -n "${ESCALATION_TEST_PG_URL:-}" ] && [ "${RETENTION:-0}" = 1 ]; then
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
  # a failed check still gets its report (BENCHMARKS.md shows which check failed), then fails the run
  "${scale_cmd[@]}" > "$results/scaleout.log" 2>&1 || { tail -50 "$results/scaleout.log" >&2; scale_failed=1; }
fi

# 7. The PostgreSQL server's writes per lifecycle: rows per table, index insertions, WAL (counts, not timings; its own
#    schema reset as the lifecycle benchmark's; PostgreSQL only)
if [ -n "${ESCALATION_TEST_PG_URL:-}" ]; then
  case "$profile" in
    full) pgwork_args=(2000 2 500) ;;
    *) pgwork_args=(200 2 50) ;;
  esac
  pgwork_cmd=("$JAVA" -Dorg.jboss.logging.provider=slf4j -cp "$jar" dev.escalation.benchmarks.harness.PgWork
    "${pgwork_args[@]}")
  echo "${pgwork_cmd[*]}" > "$results/command-pgwork.txt"
  log "PostgreSQL work per lifecycle: ${pgwork_cmd[*]}"
  "${pgwork_cmd[@]}" 2> "$results/pgwork.log" | grep '^{' > "$results/pgwork.json" \
    || { tail -30 "$results/pgwork.log" >&2; exit 1; }
  mark pgwork
fi

{
  echo "finished=$(date -u +%Y-%m-%dT%H:%M:%SZ)"
  echo "seconds=$(( $(date +%s) - started ))"
  echo "load_end=$(cut -d' ' -f1-3 /proc/loadavg)"
  echo "cpu_end=$(head -1 /proc/stat)"
} >> "$results/run.env"
log "done in $(( $(date +%s) - started )) s"

if [ "${NO_REPORT:-0}" != 1 ]; then
  python3 escalation-benchmarks/report.py "$profile" "$results" > BENCHMARKS.md
  log "wrote BENCHMARKS.md"
fi
if [ "${scale_failed:-0}" = 1 ]; then
  echo "scale-out: a required check failed (see $results/scaleout.log)" >&2
  exit 1
fi
