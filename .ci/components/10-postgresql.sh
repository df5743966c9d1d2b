# shellcheck shell=bash
# PostgreSQL from Debian's packages for the escalation-jdbc tests: one cluster bound to 127.0.0.1, a role and a
# database "escalation". Sourced by .ci/run, which calls start_postgresql before the tests and stop_postgresql at
# exit. Idempotent: a cluster that is already running, an existing role or database are reused. Debian's cluster
# offers TLS (the ssl-cert package's snakeoil certificate) and the tests keep the driver's default sslmode=prefer, so
# they run encrypted as most servers are; only the outage tests' proxy, which reads statements, connects without it.

ESCALATION_PG_DB=escalation
ESCALATION_PG_USER=escalation
ESCALATION_PG_PASSWORD=escalation-pw
ESCALATION_PG_PORT=5432

_pg_version() { # the newest installed major version with a "main" cluster directory
  local v
  v=$(ls -1 /etc/postgresql 2>/dev/null | sort -n | tail -n 1)
  [ -n "$v" ] || { echo "postgresql: no cluster found under /etc/postgresql" >&2; return 1; }
  echo "$v"
}

_pg_psql() { # runs psql as the postgres superuser over the Unix socket (peer auth)
  su postgres -c "psql -p $ESCALATION_PG_PORT -v ON_ERROR_STOP=1 -q -X $*"
}

start_postgresql() {
  apt_install postgresql || return 1
  local v
  v=$(_pg_version) || return 1
  [ -d "/etc/postgresql/$v/main" ] || pg_createcluster "$v" main -p "$ESCALATION_PG_PORT"
  mkdir -p "/etc/postgresql/$v/main/conf.d"
  # A conf.d drop-in (Debian's postgresql.conf includes conf.d); pg_conftool mis-quotes listen_addresses.
  cat > "/etc/postgresql/$v/main/conf.d/10-escalation-ci.conf" <<CONF
listen_addresses = '127.0.0.1'
port = $ESCALATION_PG_PORT
CONF
  if pg_ctlcluster "$v" main status >/dev/null 2>&1; then
    echo "postgresql $v/main already running; reusing it"
    # listen_addresses needs a restart to change; restart only if it does not listen on 127.0.0.1 yet
    if ! pg_isready -q -h 127.0.0.1 -p "$ESCALATION_PG_PORT"; then
      pg_ctlcluster "$v" main restart
    fi
  else
    pg_ctlcluster "$v" main start
    echo "$v" > "$CI_STATE/postgresql-started-by-ci"
  fi

  local i
  for i in $(seq 1 30); do
    pg_isready -q -h 127.0.0.1 -p "$ESCALATION_PG_PORT" && break
    sleep 1
  done
  pg_isready -h 127.0.0.1 -p "$ESCALATION_PG_PORT" || { echo "postgresql did not become ready" >&2; return 1; }

  _pg_psql <<SQL
DO \$\$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '$ESCALATION_PG_USER') THEN
    CREATE ROLE $ESCALATION_PG_USER LOGIN PASSWORD '$ESCALATION_PG_PASSWORD';
  ELSE
    ALTER ROLE $ESCALATION_PG_USER LOGIN PASSWORD '$ESCALATION_PG_PASSWORD';
  END IF;
END
\$\$;
SQL
  if [ "$(_pg_psql -Atc "\"SELECT 1 FROM pg_database WHERE datname = '$ESCALATION_PG_DB'\"")" != "1" ]; then
    _pg_psql -c "\"CREATE DATABASE $ESCALATION_PG_DB OWNER $ESCALATION_PG_USER\""
  fi

  export ESCALATION_TEST_PG_URL="jdbc:postgresql://127.0.0.1:$ESCALATION_PG_PORT/$ESCALATION_PG_DB"
  export ESCALATION_TEST_PG_USER="$ESCALATION_PG_USER"
  export ESCALATION_TEST_PG_PASSWORD="$ESCALATION_PG_PASSWORD"
  PGPASSWORD="$ESCALATION_PG_PASSWORD" psql -X -h 127.0.0.1 -p "$ESCALATION_PG_PORT" -U "$ESCALATION_PG_USER" \
    -d "$ESCALATION_PG_DB" -Atc 'select version()'
}

stop_postgresql() {
  # Stops the cluster only if this CI run started it (a developer's running cluster is left alone).
  [ -f "$CI_STATE/postgresql-started-by-ci" ] || return 0
  pg_ctlcluster "$(cat "$CI_STATE/postgresql-started-by-ci")" main stop || true
  rm -f "$CI_STATE/postgresql-started-by-ci"
}
