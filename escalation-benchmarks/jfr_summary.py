#!/usr/bin/env python3
"""Summarises a JFR recording of a benchmark: hot frames (CPU samples), allocation (sampled bytes) and the time the
benchmark threads spent blocked or parked on locks.

Usage: jfr_summary.py recording.jfr [jmh-result.json] > profile.json  (needs the JDK's `jfr` tool on the PATH)
       jfr_summary.py --markdown profile.json > profile.md             (the summary as a Markdown section)

The lock summary needs a recording whose jdk.JavaMonitorEnter and jdk.ThreadPark thresholds are 0 (locks.jfc next
to this script; JFR's own profiles drop waits under 10 or 20 ms). It sums the durations of those events on the JMH
worker threads and divides by the threads' time: per worker thread the span from its first to its last event in the
recording (JMH starts the recording with the first measurement iteration), summed over the workers. "Engine or
adapter locks" are the events with an escalation frame on the stack (dev.escalation.*, not the benchmarks' own
classes, not the test kit): a lock taken inside the SDK or its in-memory/JDBC adapters. The rest (JMH's iteration barriers, HikariCP's
pool, JDBC drivers called from outside the SDK) is reported apart. With a JMH result file the summary also carries
the run's score and CPU time per operation, so report.py can show before and after side by side.
"""
import collections
import datetime
import json
import re
import subprocess
import sys


def frame_name(f, line=False):
    m = f.get("method", {})
    t = m.get("type", {})
    cls = (t.get("name") if isinstance(t, dict) else str(t)) or "?"
    cls = cls.replace("/", ".")
    name = "%s.%s" % (cls, m.get("name", "?"))
    if line and f.get("lineNumber", -1) >= 0:
        name += ":%d" % f["lineNumber"]
    return name


def frames(ev):
    st = ev.get("values", {}).get("stackTrace") or {}
    return st.get("frames") or []


def worker(ev, field):
    """Only the benchmark's own threads (JMH names them ...-jmh-worker-N), not JMH, JFR or JVM threads."""
    return "jmh-worker" in thread_name(ev, field)


def measured(ev):
    """In the measured loop: JMH's generated code calls the @Benchmark method from a method named *_jmhStub, and the
    @Setup/@TearDown methods from elsewhere, so this leaves out fixture work (schema migration, loading) that runs on
    the same worker threads between iterations. A stack deeper than the recording's stack depth loses its outer
    frames, the stub's among them: such a sample counts as measured unless it shows the schema migration (run.sh
    records with a stack depth of 256, where this is rare)."""
    names = [frame_name(f) for f in frames(ev)]
    if any(n.endswith("_jmhStub") for n in names):
        return True
    truncated = (ev.get("values", {}).get("stackTrace") or {}).get("truncated")
    return bool(truncated) and not any("flywaydb" in n or "JdbcSchema.migrate" in n for n in names)


def without_first_per_thread(samples):
    """The allocation samples but each thread's earliest (by start time)."""
    first = {}
    for i, e in enumerate(samples):
        key = thread_name(e, "eventThread")
        at = instant(e.get("values", {}).get("startTime")) or 0.0
        if key not in first or at < first[key][0]:
            first[key] = (at, i)
    dropped = {i for _, i in first.values()}
    return [e for i, e in enumerate(samples) if i not in dropped]


def thread_name(ev, field):
    t = ev.get("values", {}).get(field) or {}
    return (t.get("javaName") or t.get("osName") or "") if isinstance(t, dict) else str(t)


def ours(name):
    """The SDK's own code: escalation-core, -spi, -jdbc (not the benchmarks, not the test kit's clock they use)."""
    return name.startswith("dev.escalation.") and not name.startswith(("dev.escalation.benchmarks.", "dev.escalation.test."))


def top(counter, total, n):
    return [{"frame": k, "share": round(100.0 * v / total, 1)} for k, v in counter.most_common(n)] if total else []


def instant(text):
    """JFR's ISO instant (nanosecond digits) as seconds since the epoch."""
    m = re.match(r"(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d)(?:\.(\d+))?", text or "")
    if not m:
        return None
    base = datetime.datetime.strptime(m.group(1), "%Y-%m-%dT%H:%M:%S").replace(tzinfo=datetime.timezone.utc)
    return base.timestamp() + (float("0." + m.group(2)) if m.group(2) else 0.0)


def seconds(text):
    """JFR's ISO duration (PT0.000123S, PT1M2.5S) in seconds."""
    m = re.match(r"PT(?:(\d+)H)?(?:(\d+)M)?(?:([\d.]+)S)?", text or "")
    if not m:
        return 0.0
    return int(m.group(1) or 0) * 3600 + int(m.group(2) or 0) * 60 + float(m.group(3) or 0)


def thread_name(ev, field):
    t = ev.get("values", {}).get(field) or {}
    return (t.get("javaName") or t.get("osName") or "") if isinstance(t, dict) else str(t)


def lock_summary(events):
    """Blocked (monitor enter) and parked time of the JMH worker threads, in total and on SDK locks."""
    spans = {}
    for e in events:
        field = "sampledThread" if e["type"] == "jdk.ExecutionSample" else "eventThread"
        name = thread_name(e, field)
        if "jmh-worker" not in name:
            continue
        v = e.get("values", {})
        start = instant(v.get("startTime"))
        if start is None:
            continue
        end = start + seconds(v.get("duration"))
        lo, hi = spans.get(name, (start, end))
        spans[name] = (min(lo, start), max(hi, end))
    thread_seconds = sum(hi - lo for lo, hi in spans.values())
    totals = collections.Counter()
    sites = collections.Counter()
    waits = [e for e in events if e["type"] in ("jdk.JavaMonitorEnter", "jdk.ThreadPark")
             and "jmh-worker" in thread_name(e, "eventThread") and measured(e)]
    for e in waits:
        d = seconds(e["values"].get("duration"))
        kind = "blocked" if e["type"] == "jdk.JavaMonitorEnter" else "parked"
        names = [frame_name(f, True) for f in frames(e)]
        # the innermost escalation frame decides: a wait inside the SDK (or its adapters) is an engine or adapter
        # lock; one inside the test kit's clock or the benchmarks' own classes is the harness's, even when the SDK
        # called it
        inner = next((n for n in names if n.startswith("dev.escalation.")), None)
        sdk = inner if inner and ours(inner.split(":")[0]) else None
        totals[kind] += d
        totals["events"] += 1
        if sdk:
            totals["sdk_" + kind] += d
            totals["sdk_events"] += 1
            lock = (e["values"].get("monitorClass") or e["values"].get("parkedClass") or {})
            lock = (lock.get("name") if isinstance(lock, dict) else str(lock)) or "?"
            sites["%s %s on %s" % (kind, sdk, lock.replace("/", "."))] += d

    def share(x):
        return round(100.0 * x / thread_seconds, 3) if thread_seconds else None

    return {
        "workerThreads": len(spans),
        "threadSeconds": round(thread_seconds, 3),
        "waitEvents": int(totals["events"]),
        "blockedSeconds": round(totals["blocked"], 4),
        "parkedSeconds": round(totals["parked"], 4),
        "allWaitsPercent": share(totals["blocked"] + totals["parked"]),
        "sdkWaitEvents": int(totals["sdk_events"]),
        "sdkBlockedPercent": share(totals["sdk_blocked"]),
        "sdkParkedPercent": share(totals["sdk_parked"]),
        "sdkLockPercent": share(totals["sdk_blocked"] + totals["sdk_parked"]),
        "sdkSites": [{"site": k, "seconds": round(v, 4), "percent": share(v)} for k, v in sites.most_common(10)],
    }


def jmh_figures(path):
    """Score, unit and CPU µs per operation of the (single) benchmark in a JMH JSON result."""
    try:
        runs = json.load(open(path))
    except (OSError, ValueError):
        return None
    if not runs:
        return None
    b = runs[0]
    s = b.get("secondaryMetrics", {})
    cpu = None
    if "cpuNanos" in s and "cpuOps" in s and s["cpuOps"]["score"]:
        cpu = s["cpuNanos"]["score"] / s["cpuOps"]["score"] / 1000.0
    return {"benchmark": b["benchmark"], "params": b.get("params", {}), "threads": b.get("threads"),
            "score": b["primaryMetric"]["score"], "unit": b["primaryMetric"]["scoreUnit"], "cpuMicrosPerOp": cpu,
            "ops": int(s["cpuOps"]["score"]) if "cpuOps" in s else None}


def markdown(summary, title):
    """The summary as Markdown lines (report.py shows before and after with the same tables)."""
    lines = ["### " + title, ""]
    j = summary.get("jmh")
    if j:
        lines.append("JMH: %s %s, %.1f %s, %s µs CPU per operation, %s operations measured." % (
            j["benchmark"].replace("dev.escalation.benchmarks.", ""), j.get("params") or "", j["score"], j["unit"],
            "{:,.0f}".format(j["cpuMicrosPerOp"]) if j.get("cpuMicrosPerOp") else "n/a", j.get("ops")))
        lines.append("")
    lk = summary.get("locks") or {}
    if lk:
        lines.append("Locks: %s worker thread(s), %.1f thread-seconds; blocked or parked on engine or adapter locks "
                     "**%s %%** of the threads' time (all waits of the workers in the measured loop: %s %%)."
                     % (lk.get("workerThreads"), lk.get("threadSeconds") or 0, lk.get("sdkLockPercent"),
                        lk.get("allWaitsPercent")))
        lines.append("")
        if lk.get("sdkSites"):
            lines += ["| % of time | wait |", "|---:|---|"]
            lines += ["| %s | `%s` |" % (x["percent"], x["site"]) for x in lk["sdkSites"][:8]]
            lines.append("")
    lines.append("%s CPU samples, %s allocation samples. SDK methods on the stack (inclusive share of CPU samples):"
                 % (summary.get("cpuSamples"), summary.get("allocSamples")))
    lines += ["", "| share | method |", "|---:|---|"]
    lines += ["| %s %% | `%s` |" % (t["share"], t["frame"]) for t in summary.get("sdkInclusiveTop", [])[:15]]
    lines += ["", "Hottest frames (self):", "", "| share | frame |", "|---:|---|"]
    lines += ["| %s %% | `%s` |" % (t["share"], t["frame"]) for t in summary.get("selfTop", [])[:10]]
    lines += ["", "Allocation by SDK site (share of the sampled bytes; each worker thread's first sample, whose weight "
              "covers the warm-up before the recording, left out):", "", "| share | site |", "|---:|---|"]
    lines += ["| %s %% | `%s` |" % (t["share"], t["frame"]) for t in summary.get("allocBySite", [])[:8]]
    lines.append("")
    return lines


def main():
    if sys.argv[1] == "--markdown":
        print("\n".join(markdown(json.load(open(sys.argv[2])), sys.argv[3] if len(sys.argv) > 3 else sys.argv[2])))
        return
    path = sys.argv[1]
    out = subprocess.run(["jfr", "print", "--json", "--stack-depth", "300", "--events",
                          "jdk.ExecutionSample,jdk.ObjectAllocationSample,jdk.JavaMonitorEnter,jdk.ThreadPark", path],
                         check=True, capture_output=True, text=True).stdout
    events = json.loads(out)["recording"]["events"]
    cpu = [e for e in events if e["type"] == "jdk.ExecutionSample" and worker(e, "sampledThread") and measured(e)]
    # allocation samples inside the SDK only (a sample's weight covers the bytes since the thread's last sample,
    # so samples taken in the JMH harness between iterations would otherwise show up as large phantom sites), and not
    # a thread's first sample of the recording: its weight covers everything the thread allocated before the recording
    # began (the whole warm-up: 15.7 GB, 37.6 % of all weight in one sample of a 2026-12-03 trial)
    samples = [e for e in events if e["type"] == "jdk.ObjectAllocationSample" and worker(e, "eventThread")]
    alloc = [e for e in without_first_per_thread(samples)
             if measured(e) and any(ours(frame_name(f)) for f in frames(e))]

    self_frames = collections.Counter()
    inclusive = collections.Counter()
    for e in cpu:
        fs = frames(e)
        if not fs:
            continue
        self_frames[frame_name(fs[0])] += 1
        seen = set()
        for f in fs:
            n = frame_name(f)
            if ours(n) and n not in seen:
                seen.add(n)
                inclusive[n] += 1

    by_class = collections.Counter()
    by_site = collections.Counter()
    total_weight = 0
    for e in alloc:
        v = e.get("values", {})
        w = v.get("weight", 0) or 0
        total_weight += w
        oc = v.get("objectClass") or {}
        by_class[(oc.get("name") if isinstance(oc, dict) else str(oc)) or "?"] += w
        fs = frames(e)
        site = next((frame_name(f, True) for f in fs if ours(frame_name(f))), None)
        if site is None and fs:
            site = frame_name(fs[0], True)
        # the SDK frame plus the library frame it called, so "validator" vs "record copy" is visible
        lib = frame_name(fs[0]) if fs else "?"
        by_site["%s  (allocating in %s)" % (site, lib)] += w

    json.dump({
        "jmh": jmh_figures(sys.argv[2]) if len(sys.argv) > 2 else None,
        "locks": lock_summary(events),
        "cpuSamples": len(cpu),
        "selfTop": top(self_frames, len(cpu), 20),
        "sdkInclusiveTop": top(inclusive, len(cpu), 25),
        "allocSamples": len(alloc),
        "allocByClass": top(by_class, total_weight, 15),
        "allocBySite": top(by_site, total_weight, 20),
    }, sys.stdout, indent=1)


if __name__ == "__main__":
    main()
