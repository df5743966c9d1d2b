#!/usr/bin/env bash
# Runs docs/audit-verify.py again on the audit exports the tamper tests of escalation-jdbc wrote on H2 and on
# PostgreSQL (escalation-jdbc/target/audit-exports): every "-ok" export must verify (exit 0), every "-broken" one
# (edited, deleted, reordered, cut off, recomputed, forged signature) must fail (exit 1). Fails when python3 or
# openssl is missing, or when either database left no intact and no tampered export.
set -euo pipefail
cd "$(dirname "$0")/../.."
command -v python3 >/dev/null || { echo "audit-exports: python3 missing" >&2; exit 1; }
command -v openssl >/dev/null || { echo "audit-exports: openssl missing" >&2; exit 1; }
dir=escalation-jdbc/target/audit-exports
failed=0
for db in h2 pg; do
  ok=0; broken=0
  for f in "$dir/$db"-*-ok.jsonl "$dir/$db"-*-broken.jsonl; do
    [ -e "$f" ] || continue
    set +e
    out=$(python3 docs/audit-verify.py "$f" --public-key "$dir/anchor-public-$db.pem" 2>&1); rc=$?
    set -e
    case "$f" in
      *-ok.jsonl) want=0; ok=$((ok + 1)) ;;
      *) want=1; broken=$((broken + 1)) ;;
    esac
    if [ "$rc" -ne "$want" ]; then
      echo "FAIL $f: exit $rc, expected $want: $out" >&2
      failed=1
    fi
  done
  if [ "$ok" -eq 0 ] || [ "$broken" -eq 0 ]; then
    echo "FAIL $db: $ok intact and $broken tampered exports in $dir (did H2/PostgresAuditTamperTest run?)" >&2
    failed=1
  else
    echo "ok   $db: $ok intact exports verify, $broken tampered exports fail"
  fi
done
exit $failed
