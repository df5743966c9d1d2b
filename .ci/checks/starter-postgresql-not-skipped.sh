#!/usr/bin/env bash
# Fails unless every PostgreSQL test class of escalation-spring-boot-starter ran on CI's PostgreSQL: the same check as
# postgresql-not-skipped.sh, on the starter's Postgres*Test classes (locally they skip without ESCALATION_TEST_PG_URL).
set -euo pipefail
exec bash "$(dirname "$0")/postgresql-not-skipped.sh" escalation-spring-boot-starter
