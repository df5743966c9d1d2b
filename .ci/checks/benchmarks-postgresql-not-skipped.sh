#!/usr/bin/env bash
# Fails unless every PostgreSQL test class of escalation-benchmarks (the scale-out checks, the server's writes per
# lifecycle) ran on CI's PostgreSQL: the same check as postgresql-not-skipped.sh, on the module's Postgres*Test classes
# (locally they skip without ESCALATION_TEST_PG_URL).
set -euo pipefail
exec bash "$(dirname "$0")/postgresql-not-skipped.sh" escalation-benchmarks
