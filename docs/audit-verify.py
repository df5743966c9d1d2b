#!/usr/bin/env python3
"""Verifies a JSON Lines export of an escalation's audit chain, independently of the Escalation SDK.

Usage: audit-verify.py EXPORT.jsonl --public-key ANCHOR_PUBLIC_KEY.pem [--require-anchor]

Recomputes every entry hash from the exported fields with the canonical encoding of docs/audit.md (Python's
standard library only), checks each link, the genesis and that the latest anchor's head is the hash at the anchored
length; verifies the anchor's Ed25519 signature with `openssl pkeyutl -verify -pubin -rawin` (OpenSSL >= 3.0).
Exit status 0: intact (prints "OK ..."); 1: the first problem found (prints "BROKEN ..."); 2: bad usage, unreadable
input or openssl missing. Personal values are exported as commitments only; this script cannot and does not
check them against values (the engine's verify does, with the per-person keys).
"""
import argparse
import hashlib
import json
import os
import shutil
import subprocess
import sys
import tempfile

FORMAT = "escalation-audit/1"
ZEROS = "0" * 64


def fields(*values):
    out = bytearray()
    for v in values:
        b = v.encode("utf-8")
        out += len(b).to_bytes(4, "big") + b
    return bytes(out)


def instant(node):
    return [str(int(node["epochSecond"])), str(int(node["nano"]))]


def entry_hash(escalation, e):
    parts = [FORMAT, "entry", escalation, str(int(e["sequence"]))] + instant(e["at"])
    parts += [e["kind"], e["actor"]["kind"], e["actor"]["id"], e["visibility"]]
    if e.get("text") is None:
        parts.append("0")
    else:
        parts += ["1", e["text"]]
    params = e["params"]
    parts.append(str(len(params)))
    for p in params:
        if p["type"] not in ("T", "A", "S", "C", "R", "N"):
            raise ValueError("unknown parameter type " + p["type"])
        parts += [p["name"], p["type"]] + list(p["values"])
    parts.append(e["previous"])
    return hashlib.sha256(fields(*parts)).hexdigest()


def genesis_hash(escalation, unverified, first_at):
    return hashlib.sha256(fields(FORMAT, "genesis", escalation, str(unverified), *instant(first_at))).hexdigest()


def anchor_bytes(escalation, a):
    return fields(FORMAT, "anchor", escalation, str(int(a["length"])), a["head"], *instant(a["at"]))


def signature_holds(public_key, message, signature_hex):
    openssl = shutil.which("openssl")
    if openssl is None:
        print("ERROR openssl not found: anchor signatures cannot be verified", file=sys.stderr)
        sys.exit(2)
    with tempfile.TemporaryDirectory() as tmp:
        msg = os.path.join(tmp, "anchor.bin")
        sig = os.path.join(tmp, "anchor.sig")
        with open(msg, "wb") as f:
            f.write(message)
        with open(sig, "wb") as f:
            f.write(bytes.fromhex(signature_hex))
        result = subprocess.run(
            [openssl, "pkeyutl", "-verify", "-pubin", "-inkey", public_key, "-rawin", "-in", msg, "-sigfile", sig],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        return result.returncode == 0


def broken(sequence, reason):
    print("BROKEN at %s: %s" % (sequence, reason))
    sys.exit(1)


def main():
    parser = argparse.ArgumentParser(description="Verify an escalation audit export (JSON Lines).")
    parser.add_argument("export")
    parser.add_argument("--public-key", required=True, help="the anchors' Ed25519 public key (PEM)")
    parser.add_argument("--require-anchor", action="store_true", help="fail when the export has no anchor")
    args = parser.parse_args()
    try:
        with open(args.export, encoding="utf-8") as f:
            lines = [json.loads(line) for line in f if line.strip()]
    except (OSError, ValueError) as e:
        print("ERROR cannot read %s: %s" % (args.export, e), file=sys.stderr)
        sys.exit(2)
    if not lines or lines[0].get("type") != "header" or lines[0].get("format") != FORMAT:
        broken(0, "not an %s export" % FORMAT)
    escalation = lines[0]["escalation"]
    genesis = None
    entries = []
    anchor = None
    for n in lines[1:]:
        t = n.get("type")
        if t == "genesis" and genesis is None and not entries:
            genesis = n
        elif t == "entry" and anchor is None:
            entries.append(n)
        elif t == "anchor" and anchor is None:
            anchor = n
        else:
            broken(0, "unexpected line of type %r" % t)

    hashes = {}
    previous = None
    expected = None
    for e in entries:
        seq = int(e["sequence"])
        if previous is None:
            if genesis is not None:
                unverified = int(genesis["unverifiedEntries"])
                if seq != unverified + 1:
                    broken(seq, "the first entry does not follow the genesis")
                first = genesis_hash(escalation, unverified, genesis["unverifiedBefore"])
                if first != genesis["hash"] or instant(genesis["unverifiedBefore"]) != instant(e["at"]):
                    broken(seq, "the genesis does not match")
                previous = first
            elif seq != 1:
                broken(seq, "the chain starts after entry 1 without a genesis")
            else:
                previous = ZEROS
            expected = seq
        if seq != expected:
            broken(seq, "sequence gap (expected %d)" % expected)
        if e["previous"] != previous:
            broken(seq, "broken link (previous hash differs)")
        try:
            computed = entry_hash(escalation, e)
        except (KeyError, TypeError, ValueError) as err:
            broken(seq, "malformed entry: %s" % err)
        if computed != e["hash"]:
            broken(seq, "hash mismatch (the entry was changed)")
        hashes[seq] = computed
        previous = computed
        expected = seq + 1

    length = expected - 1 if entries else 0
    if anchor is None:
        if args.require_anchor:
            broken(length, "no anchor in the export")
        print("OK %s: %d entries verified, head %s, no anchor" % (escalation, len(entries), previous))
        return
    anchored = int(anchor["length"])
    if not signature_holds(args.public_key, anchor_bytes(escalation, anchor), anchor["signature"]):
        broken(anchored, "anchor signature does not verify")
    if anchored > length:
        broken(anchored, "the chain ends at %d, before the anchored length (tail cut off)" % length)
    if hashes.get(anchored) != anchor["head"]:
        broken(anchored, "the hash at the anchored length is not the anchored head (chain recomputed)")
    print("OK %s: %d entries verified, head %s, anchored at %d" % (escalation, len(entries), previous, anchored))


if __name__ == "__main__":
    main()
