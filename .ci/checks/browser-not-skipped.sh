#!/usr/bin/env bash
# Fails unless the portal demo's browser test ran in a real browser: its surefire report must exist and show tests,
# none skipped (PortalBrowserTest skips itself when /usr/bin/chromium or /usr/bin/chromedriver is missing).
set -euo pipefail
cd "$(dirname "$0")/../.."
report=escalation-examples/escalation-example-portal/target/surefire-reports/TEST-dev.escalation.examples.portal.PortalBrowserTest.xml
if [ ! -f "$report" ]; then
  echo "browser-not-skipped: $report is missing: PortalBrowserTest did not run" >&2
  exit 1
fi
suite=$(grep -m1 -o '<testsuite [^>]*>' "$report")
attr() { sed -n "s/.* $1=\"\([0-9]*\)\".*/\1/p" <<<"$suite"; }
tests=$(attr tests); skipped=$(attr skipped); failures=$(attr failures); errors=$(attr errors)
echo "PortalBrowserTest: tests=$tests skipped=$skipped failures=$failures errors=$errors"
if [ "${tests:-0}" -eq 0 ] || [ "${skipped:-1}" -ne 0 ] || [ "${failures:-1}" -ne 0 ] || [ "${errors:-1}" -ne 0 ]; then
  echo "browser-not-skipped: PortalBrowserTest must run all its tests in Chromium, none skipped or failed" >&2
  grep -o 'Assumption failed: .*' "$report" | sort -u | head -3 >&2 || true
  exit 1
fi
