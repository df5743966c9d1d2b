#!/usr/bin/env bash
# Fails unless every PostgreSQL test class of escalation-spring-boot-starter ran on the real PostgreSQL started by
# .ci/components/10-postgresql.sh: a surefire report must exist for each Postgres*Test class, with at least one test,
# none skipped, none failed. (Locally, without ESCALATION_TEST_PG_URL, those classes skip with the message
# "PostgreSQL tests skipped: ESCALATION_TEST_PG_URL not set"; in CI that must not pass unnoticed.)
set -euo pipefail
cd "$(dirname "$0")/../.."

module=escalation-spring-boot-starter
reports="$module/target/surefire-reports"
mapfile -t classes < <(grep -rl --include='Postgres*Test.java' -E '^class |^public class |^final class ' \
  "$module/src/test/java" | sed -e "s#^$module/src/test/java/##" -e 's#\.java$##' -e 's#/#.#g' | sort)

if [ ${#classes[@]} -eq 0 ]; then
  echo "starter-postgresql-not-skipped: no Postgres*Test classes found in $module/src/test/java" >&2
  exit 1
fi

failed=0
for class in "${classes[@]}"; do
  report="$reports/TEST-$class.xml"
  if [ ! -f "$report" ]; then
    echo "FAIL $class: no surefire report ($report) - did the tests of $module run?" >&2
    failed=1
    continue
  fi
  header=$(grep -m1 -o '<testsuite [^>]*>' "$report")
  attr() { echo "$header" | grep -o " $1=\"[0-9]*\"" | grep -o '[0-9]*'; }
  tests=$(attr tests); skipped=$(attr skipped); errors=$(attr errors); failures=$(attr failures)
  if [ "${tests:-0}" -eq 0 ] || [ "${skipped:-0}" -ne 0 ] || [ "${errors:-0}" -ne 0 ] || [ "${failures:-0}" -ne 0 ]; then
    echo "FAIL $class: tests=$tests skipped=$skipped errors=$errors failures=$failures" >&2
    grep -m1 -o 'PostgreSQL tests skipped[^]]*' "$report" >&2 || true
    failed=1
  else
    echo "ok   $class: $tests tests on PostgreSQL, none skipped"
  fi
done
exit $failed
