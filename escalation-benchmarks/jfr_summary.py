#!/usr/bin/env python3
"""Summarises a JFR recording of a benchmark: hot frames (CPU samples) and allocation (sampled bytes).

Usage: jfr_summary.py recording.jfr > profile.json  (needs the JDK's `jfr` tool on the PATH)
"""
import collections
import json
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
    t = ev.get("values", {}).get(field) or {}
    name = (t.get("javaName") or t.get("osName") or "") if isinstance(t, dict) else str(t)
    return "jmh-worker" in name


def ours(name):
    return name.startswith("dev.escalation.") and not name.startswith("dev.escalation.benchmarks.")


def top(counter, total, n):
    return [{"frame": k, "share": round(100.0 * v / total, 1)} for k, v in counter.most_common(n)] if total else []


def main():
    path = sys.argv[1]
    out = subprocess.run(["jfr", "print", "--json", "--stack-depth", "96", "--events",
                          "jdk.ExecutionSample,jdk.ObjectAllocationSample", path],
                         check=True, capture_output=True, text=True).stdout
    events = json.loads(out)["recording"]["events"]
    cpu = [e for e in events if e["type"] == "jdk.ExecutionSample" and worker(e, "sampledThread")]
    # allocation samples inside the SDK only (a sample's weight covers the bytes since the thread's last sample,
    # so samples taken in the JMH harness between iterations would otherwise show up as large phantom sites)
    alloc = [e for e in events if e["type"] == "jdk.ObjectAllocationSample" and worker(e, "eventThread")
             and any(ours(frame_name(f)) for f in frames(e))]

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
        "cpuSamples": len(cpu),
        "selfTop": top(self_frames, len(cpu), 20),
        "sdkInclusiveTop": top(inclusive, len(cpu), 25),
        "allocSamples": len(alloc),
        "allocByClass": top(by_class, total_weight, 15),
        "allocBySite": top(by_site, total_weight, 20),
    }, sys.stdout, indent=1)


if __name__ == "__main__":
    main()
