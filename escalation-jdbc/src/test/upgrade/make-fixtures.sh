#!/usr/bin/env bash
# Writes the 0.1.0 upgrade fixture: data stored by the released escalation-jdbc 0.1.0, on H2 and PostgreSQL, for the
# upgrade test of later versions (load it, migrate it, read and deliver it).
#
#   make-fixtures.sh           checks out v0.1.0 into a temporary git worktree, compiles it there (nothing is
#                              installed into the local Maven repository: 0.1.0-SNAPSHOT is also the current
#                              version), compiles MakeFixtures.java + FixtureCounts.java against those classes, writes
#                              the fixture into a fresh H2 file database and a scratch PostgreSQL database, dumps both
#                              into src/test/resources/upgrade/0.1.0/, then runs the check below
#   make-fixtures.sh --check   only loads the committed h2.sql and postgresql.sql into empty databases and compares
#                              their counts with expected.properties
#
# PostgreSQL: the cluster of .ci/components/10-postgresql.sh (127.0.0.1, port $ESCALATION_PG_PORT or 5432, user
# escalation). Scratch databases are created and dropped as the postgres superuser (su postgres -c psql), so this
# part needs root. Without a reachable cluster the PostgreSQL part is skipped with a message (the committed
# postgresql.sql is then left as it is).
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(git -C "$here" rev-parse --show-toplevel)
fixtures="$root/escalation-jdbc/src/test/resources/upgrade/0.1.0"
# the released 0.1.0: its tag, or the commit it names where a clone has no tags
tag=v0.1.0
git -C "$root" rev-parse -q --verify "$tag^{commit}" >/dev/null || tag=1f258e637a6328cf67c5896394c936422ba52d2a
pg_host=127.0.0.1
pg_port=${ESCALATION_PG_PORT:-5432}
pg_user=escalation
pg_password=escalation-pw
java_opts=(-Duser.timezone=UTC -Dfile.encoding=UTF-8 -Dorg.slf4j.simpleLogger.defaultLogLevel=warn)

mode=generate
case "${1:-}" in
  "") ;;
  --check) mode=check ;;
  -h|--help) sed -n '2,16p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
  *) echo "usage: $0 [--check]" >&2; exit 64 ;;
esac

work=$(mktemp -d /tmp/escalation-fixtures.XXXXXX)
worktree="$work/v0.1.0"
scratch_dbs=()

log() { echo "make-fixtures: $*"; }

pg_super() { # runs SQL from stdin as the postgres superuser over the Unix socket
  (cd / && su postgres -c "psql -p $pg_port -X -q -At -v ON_ERROR_STOP=1")
}

cleanup() {
  local db
  for db in "${scratch_dbs[@]+"${scratch_dbs[@]}"}"; do
    echo "DROP DATABASE IF EXISTS $db" | pg_super >/dev/null 2>&1 || true
  done
  if [ -d "$worktree" ]; then
    git -C "$root" worktree remove --force "$worktree" >/dev/null 2>&1 || true
  fi
  git -C "$root" worktree prune >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT

pg_reason=""
pg_available() { # sets pg_reason when not
  if [ "$(id -u)" != 0 ]; then pg_reason="not root (needed for su postgres)"; return 1; fi
  local tool
  for tool in psql pg_dump pg_isready; do
    command -v "$tool" >/dev/null || { pg_reason="$tool not installed"; return 1; }
  done
  if ! pg_isready -q -h "$pg_host" -p "$pg_port"; then
    pg_reason="no cluster accepts connections on $pg_host:$pg_port"; return 1
  fi
  if [ "$(echo 'SELECT 1' | pg_super 2>/dev/null)" != "1" ]; then
    pg_reason="cannot connect as the postgres superuser (su postgres -c psql -p $pg_port)"; return 1
  fi
}

pg_skip_message() {
  log "PostgreSQL SKIPPED: $pg_reason. Start it as root with:"
  log "  export CI_STATE=\$(mktemp -d); chmod 1777 \$CI_STATE; apt_install() { apt-get install -y -qq \"\$@\" >/dev/null; }; source .ci/components/10-postgresql.sh; start_postgresql"
}

scratch_db() { # name: creates an empty database owned by the escalation role
  local db=$1
  scratch_dbs+=("$db")
  pg_super <<SQL >/dev/null
SET client_min_messages = warning;
DROP DATABASE IF EXISTS $db;
CREATE DATABASE $db OWNER $pg_user ENCODING 'UTF8' TEMPLATE template0;
SQL
}

drop_db() {
  echo "DROP DATABASE IF EXISTS $1" | pg_super >/dev/null
}

# ---------------------------------------------------------------------------------------------------- generate

generate() {
  log "checking out $tag into a temporary worktree"
  git -C "$root" worktree add --detach "$worktree" "$tag" >/dev/null 2>&1

  log "compiling $tag (escalation-jdbc, escalation-holidays and what they need; nothing is installed)"
  (cd "$worktree" && ./mvnw -B -q -ntp -pl escalation-jdbc,escalation-holidays -am -DskipTests \
      compile dependency:build-classpath -Dmdep.outputFile=target/upgrade-classpath.txt -Dmdep.includeScope=test) \
      > "$work/build.log" 2>&1 || { cat "$work/build.log" >&2; echo "build of $tag failed" >&2; exit 1; }
  local cp="$worktree/escalation-jdbc/target/classes:$worktree/escalation-holidays/target/classes"
  cp="$cp:$(cat "$worktree/escalation-jdbc/target/upgrade-classpath.txt")"
  cp="$cp:$(cat "$worktree/escalation-holidays/target/upgrade-classpath.txt")"

  # the generator lives outside the build; it is copied next to the 0.1.0 sources and compiled against them only
  mkdir -p "$worktree/escalation-jdbc/target/upgrade/src" "$worktree/escalation-jdbc/target/upgrade/classes"
  cp "$here/MakeFixtures.java" "$here/FixtureCounts.java" "$worktree/escalation-jdbc/target/upgrade/src/"
  javac -encoding UTF-8 --release 17 -nowarn -d "$worktree/escalation-jdbc/target/upgrade/classes" -cp "$cp" \
      "$worktree"/escalation-jdbc/target/upgrade/src/*.java
  cp="$worktree/escalation-jdbc/target/upgrade/classes:$cp"

  log "writing the fixture on H2"
  mkdir -p "$work/out/h2" "$work/h2"
  java "${java_opts[@]}" -cp "$cp" MakeFixtures h2 "jdbc:h2:file:$work/h2/fixture" sa "" "$work/out/h2"

  local pg=no
  if pg_available; then
    pg=yes
    local db="escalation_fixture_$$"
    log "writing the fixture on PostgreSQL (scratch database $db)"
    scratch_db "$db"
    mkdir -p "$work/out/postgresql"
    java "${java_opts[@]}" -cp "$cp" MakeFixtures postgresql "jdbc:postgresql://$pg_host:$pg_port/$db" \
        "$pg_user" "$pg_password" "$work/out/postgresql"
    local restrict=()
    # newer pg_dump writes \restrict <random key>; fix the key, then drop those psql-only lines (plain SQL remains)
    if pg_dump --help | grep -q -- '--restrict-key'; then restrict=(--restrict-key=escalationfixture); fi
    PGPASSWORD="$pg_password" pg_dump -h "$pg_host" -p "$pg_port" -U "$pg_user" -d "$db" \
        --column-inserts --no-owner --no-privileges "${restrict[@]+"${restrict[@]}"}" -f "$work/out/postgresql/dump.sql"
    sed -e '/^\\restrict /d' -e '/^\\unrestrict /d' "$work/out/postgresql/dump.sql" > "$work/out/postgresql/postgresql.sql"
    drop_db "$db"
    local f
    for f in expected.properties README.md; do
      if ! diff -u "$work/out/h2/$f" "$work/out/postgresql/$f"; then
        echo "the H2 and PostgreSQL runs disagree on $f (see the diff above)" >&2
        exit 1
      fi
    done
  else
    pg_skip_message
  fi

  mkdir -p "$fixtures"
  cp "$work/out/h2/h2.sql" "$work/out/h2/expected.properties" "$work/out/h2/README.md" "$fixtures/"
  if [ "$pg" = yes ]; then cp "$work/out/postgresql/postgresql.sql" "$fixtures/"; fi
  log "fixture written to ${fixtures#"$root"/}"
  git -C "$root" worktree remove --force "$worktree" >/dev/null
}

# ---------------------------------------------------------------------------------------------------- check

check() {
  local f
  for f in h2.sql postgresql.sql expected.properties; do
    [ -f "$fixtures/$f" ] || { echo "missing $fixtures/$f" >&2; exit 1; }
  done
  # the drivers of the current tree: the versions an upgrade test of this tree loads the fixture with
  log "resolving the H2 and PostgreSQL drivers of the current tree"
  local h2v pgv
  h2v=$(cd "$root" && ./mvnw -B -q -ntp -N help:evaluate -Dexpression=h2.version -DforceStdout)
  pgv=$(cd "$root" && ./mvnw -B -q -ntp -N help:evaluate -Dexpression=postgresql.version -DforceStdout)
  (cd "$root" && ./mvnw -B -q -ntp -N dependency:copy -Dartifact="com.h2database:h2:$h2v" \
      -DoutputDirectory="$work/jars" >/dev/null && ./mvnw -B -q -ntp -N dependency:copy \
      -Dartifact="org.postgresql:postgresql:$pgv" -DoutputDirectory="$work/jars" >/dev/null)

  log "H2 $h2v: RUNSCRIPT h2.sql into an empty in-memory database"
  java "${java_opts[@]}" -cp "$work/jars/h2-$h2v.jar" "$here/FixtureCounts.java" check-h2 "$fixtures/h2.sql" \
      "$fixtures/expected.properties"

  if pg_available; then
    local db="escalation_fixture_check_$$"
    log "PostgreSQL: psql -f postgresql.sql into an empty database ($db)"
    scratch_db "$db"
    PGPASSWORD="$pg_password" psql -h "$pg_host" -p "$pg_port" -U "$pg_user" -d "$db" -X -q -v ON_ERROR_STOP=1 \
        -f "$fixtures/postgresql.sql" >/dev/null
    java "${java_opts[@]}" -cp "$work/jars/postgresql-$pgv.jar" "$here/FixtureCounts.java" check-jdbc \
        "jdbc:postgresql://$pg_host:$pg_port/$db" "$pg_user" "$pg_password" "$fixtures/expected.properties"
    drop_db "$db"
  else
    pg_skip_message
  fi
}

if [ "$mode" = generate ]; then
  generate
fi
check
