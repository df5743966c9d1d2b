#!/usr/bin/env bash
# Fails unless the portal demo's browser tests ran in a real browser: for each class its surefire report must exist
# and show tests, none skipped or failed (each skips itself when /usr/bin/chromium or /usr/bin/chromedriver is
# missing). PortalBrowserTest: lifecycle in German and English, desk inbox/hotline/audit export, forged POST without
# CSRF token, 413 and 404 pages; PortalRestartBrowserTest: the data survives a restart of the application.
set -euo pipefail
cd "$(dirname "$0")/../.."
dir=escalation-examples/escalation-example-portal/target/surefire-reports
status=0
for class in PortalBrowserTest PortalRestartBrowserTest; do
  report=$dir/TEST-dev.escalation.examples.portal.$class.xml
  if [ ! -f "$report" ]; then
    echo "browser-not-skipped: $report is missing: $class did not run" >&2
    status=1
    continue
  fi
  suite=$(grep -m1 -o '<testsuite [^>]*>' "$report")
  attr() { sed -n "s/.* $1=\"\([0-9]*\)\".*/\1/p" <<<"$suite"; }
  tests=$(attr tests); skipped=$(attr skipped); failures=$(attr failures); errors=$(attr errors)
  echo "$class: tests=$tests skipped=$skipped failures=$failures errors=$errors"
  if [ "${tests:-0}" -eq 0 ] || [ "${skipped:-1}" -ne 0 ] || [ "${failures:-1}" -ne 0 ] || [ "${errors:-1}" -ne 0 ]; then
    echo "browser-not-skipped: $class must run all its tests in Chromium, none skipped or failed" >&2
    grep -o 'Assumption failed: .*' "$report" | sort -u | head -3 >&2 || true
    status=1
  fi
done
exit $status
