#!/usr/bin/env bash
# Runs the console demo as a named module (run-on-module-path.sh) in German, in French (a language the host adds with
# its own resource bundles, DemoTexts_fr) and in English (the host's override of one shipped text). Fails unless the
# German run prints German texts, the host's texts are found from the named module, missing French keys fall back to
# English (never a key name), and no run prints an ISO instant.
set -euo pipefail
cd "$(dirname "$0")/../.."
demo=escalation-examples/escalation-example-console
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
start=$(date +%s)
status=0
for lang in de fr en; do
  "$demo/run-on-module-path.sh" "$lang" > "$out/$lang.log" 2>&1 || {
    cat "$out/$lang.log" >&2; echo "console-texts-module-path: the demo failed in $lang" >&2; exit 1; }
  if grep -qE '[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}' "$out/$lang.log"; then
    echo "FAIL $lang run prints an ISO instant"; status=1
  fi
done
expect() { # language, fixed text
  if grep -qF -- "$2" "$out/$1.log"; then echo "ok   $1: $2"; else echo "FAIL $1 run lacks: $2"; status=1; fi
}
expect de "Eskaliert (hoch, Softwarefehler)"
expect de "Besprechungen per Videokonferenz, Intervall 1 Tag, erste am Di., 12. Jan. 2027, 13:00 MEZ"
expect fr "Réunion tenue: Daily call"
expect fr "SLA clock paused: Waiting for ACME"
expect en "Meeting of the communication plan held: Daily call"
if grep -qE '(entry|label|notification)\.[A-Za-z_]+' "$out/fr.log"; then echo "FAIL fr run shows a key name"; status=1; fi
[ $status -eq 0 ] || exit 1
echo "console-texts-module-path: ok in $(( $(date +%s) - start )) s"
