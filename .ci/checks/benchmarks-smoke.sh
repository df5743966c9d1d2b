#!/usr/bin/env bash
# Smoke check of escalation-benchmarks: runs one very short iteration of the in-memory lifecycle benchmark so the
# module cannot rot. It is no measurement (no fork, no warm-up, 100 ms). Runs after `./mvnw -B verify`, which
# built the shaded jar; fails if the jar is missing, the benchmark throws, or no score is produced, or the HostSteal
# profiler (which run.sh full uses) reported nothing, or the profile summary keeps a thread's first allocation sample.
set -euo pipefail
cd "$(dirname "$0")/../.."
jar=escalation-benchmarks/target/benchmarks.jar
if [ ! -f "$jar" ]; then
  echo "benchmarks-smoke: $jar is missing (did the build run?)" >&2
  exit 1
fi
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
start=$(date +%s)
java -Dorg.jboss.logging.provider=slf4j -jar "$jar" 'dev.escalation.benchmarks.sdk.SdkLifecycleBenchmark.lifecycle_1t' \
  -f 0 -wi 0 -i 1 -r 100ms -foe true -prof dev.escalation.benchmarks.HostSteal -rf json -rff "$out/smoke.json" > "$out/smoke.log" 2>&1 || {
  cat "$out/smoke.log" >&2
  echo "benchmarks-smoke: the benchmark failed" >&2
  exit 1
}
python3 - "$out/smoke.json" <<'PY'
import json, sys
runs = json.load(open(sys.argv[1]))
if not runs or not runs[0]["primaryMetric"]["score"] > 0:
    sys.exit("benchmarks-smoke: no positive score in the JMH result")
if "\u00b7steal" not in runs[0].get("secondaryMetrics", {}):
    sys.exit("benchmarks-smoke: the HostSteal profiler reported nothing (run.sh full prints its figures)")
m = runs[0]["primaryMetric"]
print("benchmarks-smoke: %s = %.1f %s" % (runs[0]["benchmark"], m["score"], m["scoreUnit"]))
PY
# the profile summary leaves out each worker thread's first allocation sample (its weight covers the warm-up before
# the recording; kept, it made one site a third of BENCHMARKS.md's allocation table)
python3 - <<'PY'
import sys
sys.path.insert(0, "escalation-benchmarks")
import jfr_summary
def sample(thread, at, weight):
    return {"values": {"eventThread": {"javaName": thread}, "startTime": at, "weight": weight}}
kept = jfr_summary.without_first_per_thread([
    sample("worker-1", "2026-12-03T06:00:01.5Z", 1), sample("worker-1", "2026-12-03T06:00:00.900000001Z", 10**10),
    sample("worker-2", "2026-12-03T06:00:02Z", 5), sample("worker-2", "2026-12-03T06:00:03.25Z", 7),
    sample("worker-1", "2026-12-03T06:00:01.75Z", 3)])
if [e["values"]["weight"] for e in kept] != [1, 7, 3]:
    sys.exit("benchmarks-smoke: jfr_summary kept %s, not every sample but each thread's first" % kept)
PY
echo "benchmarks-smoke: ok in $(( $(date +%s) - start )) s"
