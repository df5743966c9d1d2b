#!/usr/bin/env bash
# Runs docs/audit-verify.py again on the audit exports the tamper tests of escalation-jdbc wrote on H2 and on
# PostgreSQL (escalation-jdbc/target/audit-exports): every "-ok" export must verify (exit 0), every "-broken" one
# (edited, deleted, reordered, cut off, recomputed, forged signature) must fail (exit 1). Fails when python3 or
# openssl is missing, or when either database left no intact and no tampered export. The first intact and the first
# tampered export of each database go through the command line as a user runs it; the others through the script's
# own main() in one Python process (an interpreter start costs ~0.4 s on the CI machine, ~35 s for all exports).
set -euo pipefail
cd "$(dirname "$0")/../.."
command -v python3 >/dev/null || { echo "audit-exports: python3 missing" >&2; exit 1; }
command -v openssl >/dev/null || { echo "audit-exports: openssl missing" >&2; exit 1; }
dir=escalation-jdbc/target/audit-exports
failed=0
for db in h2 pg; do
  for kind in ok broken; do
    f=$(ls "$dir/$db"-*-"$kind".jsonl 2>/dev/null | head -n 1 || true)
    [ -n "$f" ] || continue
    want=0; [ "$kind" = ok ] || want=1
    set +e
    out=$(python3 docs/audit-verify.py "$f" --public-key "$dir/anchor-public-$db.pem" 2>&1); rc=$?
    set -e
    if [ "$rc" -ne "$want" ]; then
      echo "FAIL $f (command line): exit $rc, expected $want: $out" >&2
      failed=1
    fi
  done
done
python3 - "$dir" <<'PY' || failed=1
import contextlib, glob, importlib.util, io, sys

directory = sys.argv[1]
spec = importlib.util.spec_from_file_location("audit_verify", "docs/audit-verify.py")
verifier = importlib.util.module_from_spec(spec)
spec.loader.exec_module(verifier)
failed = False
for db in ("h2", "pg"):
    counts = {"ok": 0, "broken": 0}
    for kind, want in (("ok", 0), ("broken", 1)):
        for f in sorted(glob.glob("%s/%s-*-%s.jsonl" % (directory, db, kind))):
            counts[kind] += 1
            sys.argv = ["audit-verify.py", f, "--public-key", "%s/anchor-public-%s.pem" % (directory, db)]
            out = io.StringIO()
            with contextlib.redirect_stdout(out), contextlib.redirect_stderr(out):
                try:
                    verifier.main()
                    rc = 0
                except SystemExit as e:
                    rc = e.code if isinstance(e.code, int) else (0 if e.code is None else 1)
            if rc != want:
                print("FAIL %s: exit %s, expected %d: %s" % (f, rc, want, out.getvalue().strip()), file=sys.stderr)
                failed = True
    if counts["ok"] == 0 or counts["broken"] == 0:
        print("FAIL %s: %d intact and %d tampered exports in %s (did H2/PostgresAuditTamperTest run?)"
              % (db, counts["ok"], counts["broken"], directory), file=sys.stderr)
        failed = True
    else:
        print("ok   %s: %d intact exports verify, %d tampered exports fail" % (db, counts["ok"], counts["broken"]))
sys.exit(1 if failed else 0)
PY
exit $failed
