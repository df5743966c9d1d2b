#!/usr/bin/env bash
# Runs the console demo as a named module on the module path:
#   ./mvnw -q -pl escalation-examples/escalation-example-console -am package -DskipTests
#   escalation-examples/escalation-example-console/run-on-module-path.sh [--h2 target/demo-db] [after-hours]
# `package` copies every run-time dependency to target/modules. Extra JVM options go in JAVA_OPTS.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
jar=$(ls "$here"/target/escalation-example-console-*.jar 2>/dev/null | grep -v -e '-sources' -e '-javadoc' | head -1)
if [ -z "$jar" ] || [ ! -d "$here/target/modules" ]; then
  echo "run-on-module-path: build the demo first (./mvnw -pl escalation-examples/escalation-example-console -am package)" >&2
  exit 1
fi
# Flyway has no module descriptor (it is the automatic module flyway.core) and no module requires it: JdbcSchema
# reads it at run time, so it is added to the module graph here.
# shellcheck disable=SC2086
exec java ${JAVA_OPTS:-} --module-path "$here/target/modules:$jar" --add-modules flyway.core \
  -m dev.escalation.examples.console/dev.escalation.examples.console.ConsoleDemo "$@"
