#!/usr/bin/env bash
# Prints how long the escalation-jdbc tests took: the surefire "time" of each test class (its <testsuite>), sorted,
# H2 and PostgreSQL subtotals and the total. Informational: fails only if there are no reports to read.
set -euo pipefail
cd "$(dirname "$0")/../.."

reports=escalation-jdbc/target/surefire-reports
shopt -s nullglob
files=("$reports"/TEST-*.xml)
if [ ${#files[@]} -eq 0 ]; then
  echo "jdbc-durations: no surefire reports in $reports - did the tests of escalation-jdbc run?" >&2
  exit 1
fi

for f in "${files[@]}"; do
  header=$(grep -m1 -o '<testsuite [^>]*>' "$f")
  name=$(sed -n 's/.* name="\([^"]*\)".*/\1/p' <<<"$header")
  time=$(sed -n 's/.* time="\([0-9.,]*\)".*/\1/p' <<<"$header" | tr -d ,)
  tests=$(sed -n 's/.* tests="\([0-9]*\)".*/\1/p' <<<"$header")
  printf '%s %s %s\n' "${time:-0}" "${tests:-0}" "${name#dev.escalation.jdbc.}"
done | sort -rn | awk '
  { printf "%9.1f s  %4d tests  %s\n", $1, $2, $3; total += $1; n += $2
    if ($3 ~ /^H2/) h2 += $1; else if ($3 ~ /^Postgres/) pg += $1; else other += $1 }
  END { printf "escalation-jdbc tests: %.1f s in %d tests (H2 classes %.1f s, PostgreSQL classes %.1f s, others %.1f s)\n",
               total, n, h2, pg, other }'
