#!/usr/bin/env bash
# Runs the console demo with `java --module-path … -m …` (run-on-module-path.sh) twice on one H2 file database, so
# the Flyway migrations (SQL scripts and the Java migration V3) run from the named module dev.escalation.jdbc. Fails
# unless every library module and the demo resolve as named (explicit) modules, both runs walk an escalation to
# CLOSED, and the second run finds the first run's escalation in the database.
set -euo pipefail
cd "$(dirname "$0")/../.."
demo=escalation-examples/escalation-example-console
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
start=$(date +%s)

run() { # log file, demo args...
  local log=$1; shift
  JAVA_OPTS="--show-module-resolution" "$demo/run-on-module-path.sh" "$@" > "$log" 2>&1 || {
    cat "$log" >&2
    echo "console-module-path: the demo failed on the module path" >&2
    exit 1
  }
}
run "$out/first.log" --h2 "$out/demo-db"
run "$out/second.log" --h2 "$out/demo-db"

status=0
for module in dev.escalation.spi dev.escalation.core dev.escalation.holidays dev.escalation.jdbc \
    dev.escalation.examples.console; do
  line=$(grep -m1 -E "^(root )?$module file:" "$out/first.log" || grep -m1 -E " (requires|binds) $module file:" "$out/first.log" || true)
  if [ -z "$line" ]; then
    echo "FAIL $module was not resolved"; status=1
  elif [[ "$line" == *automatic ]]; then
    echo "FAIL $module resolved as an automatic module (no module-info.class?): $line"; status=1
  else
    echo "ok   $module is a named module"
  fi
done
expect() { # log file, fixed text
  if grep -qF -- "$2" "$1"; then echo "ok   $(basename "$1" .log) run: $2"; else
    echo "FAIL $(basename "$1" .log) run lacks: $2"; status=1; fi
}
expect "$out/first.log" "found 0 escalation(s) from earlier runs"
expect "$out/first.log" "final state: CLOSED"
expect "$out/second.log" "found 1 escalation(s) from earlier runs"
expect "$out/second.log" "→ E-43 REQUESTED"
expect "$out/second.log" "final state: CLOSED"
if [ $status -ne 0 ]; then
  grep -v -E '^(root |[a-z0-9.]+ (requires|binds) )' "$out/first.log" | tail -20 >&2
  exit 1
fi
echo "console-module-path: ok in $(( $(date +%s) - start )) s"
