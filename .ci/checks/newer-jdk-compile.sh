#!/usr/bin/env bash
# Compiles every module's main and test sources with the newest JDK under /usr/lib/jvm that is newer than 17 (this
# machine has Temurin 25 beside OpenJDK 17), with the build's own flags (--release 17, -Xlint:all, -Werror, doclint):
# a user on a newer JDK runs the same `./mvnw -B verify`, and a newer javac finds more (JDK 25 flagged fields of a
# serializable exception that were not transient). Compiles a copy of the clone, so the build the other checks read is
# untouched. No such JDK can be installed from Debian 12's packages; without one the check says so and passes.
set -euo pipefail
cd "$(dirname "$0")/../.."

newest=""
newest_version=17
for home in /usr/lib/jvm/*/; do
  home=${home%/}
  [ -x "$home/bin/javac" ] && [ -f "$home/release" ] || continue
  version=$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$home/release") # the feature version: "25.0.3" -> 25
  [[ "$version" =~ ^[0-9]+$ ]] || continue
  if [ "$version" -gt "$newest_version" ]; then
    newest=$home
    newest_version=$version
  fi
done
if [ -z "$newest" ]; then
  echo "newer-jdk-compile: no JDK newer than 17 under /usr/lib/jvm; not checked"
  exit 0
fi

copy=$(mktemp -d)
trap 'rm -rf "$copy"' EXIT
git clone -q . "$copy/repo"
cd "$copy/repo"
echo "newer-jdk-compile: JDK $newest_version ($newest)"
JAVA_HOME=$newest ./mvnw -B -ntp -q test-compile
echo "newer-jdk-compile: main and test sources compile with JDK $newest_version, -Werror and doclint"
