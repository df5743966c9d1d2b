#!/usr/bin/env bash
# Fails unless the Redmine integration tests ran against the real Redmine: their surefire report must exist,
# count at least one test, and count no skipped test (they skip themselves when ESCALATION_TEST_REDMINE_* is unset).
set -euo pipefail
cd "$(dirname "$0")/../.."
reports=escalation-examples/escalation-example-redmine/target/surefire-reports
required=(dev.escalation.examples.redmine.RedmineTicketingTest dev.escalation.examples.redmine.RedmineTicketingContractTest)
status=0
for class in "${required[@]}"; do
  report="$reports/TEST-$class.xml"
  if [ ! -s "$report" ]; then
    echo "FAIL: no surefire report for $class ($report): the Redmine integration tests did not run"
    status=1; continue
  fi
  suite=$(grep -m1 -o '<testsuite [^>]*>' "$report")
  attr() { sed -n "s/.* $1=\"\([0-9]*\)\".*/\1/p" <<<"$suite"; }
  tests=$(attr tests); skipped=$(attr skipped)
  # the contract kit skips a rule for an optional capability the adapter does not declare: that is a result, not a
  # missing Redmine, so such skips are allowed (and listed)
  capability=$(grep -c 'capability not declared' "$report" || true)
  if [ "${skipped:-0}" -ne 0 ] && [ "$capability" -ge "$skipped" ]; then
    echo "ok: $class: $skipped skipped for undeclared capabilities"; skipped=0
  fi
  if [ -z "$tests" ] || [ "$tests" -eq 0 ]; then
    echo "FAIL: $class ran no tests"; status=1
  elif [ "${skipped:-0}" -ne 0 ]; then
    echo "FAIL: $class skipped $skipped of $tests tests (is start_redmine exporting ESCALATION_TEST_REDMINE_URL/KEY?)"
    grep -m1 -o 'Assumption failed: [^&<]*' "$report" || true
    status=1
  else
    echo "ok: $class ran $tests tests against Redmine, none skipped"
  fi
done
exit $status
