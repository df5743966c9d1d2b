# shellcheck shell=bash
# Real Redmine 5 (Debian's redmine + redmine-sqlite) on 127.0.0.1 for the Redmine ticketing adapter's
# integration tests (escalation-examples/escalation-example-redmine). Sourced by .ci/run, which provides
# apt_install and $CI_STATE and calls start_redmine / stop_redmine.
#
# start_redmine exports:
#   ESCALATION_TEST_REDMINE_URL              base URL, e.g. http://127.0.0.1:3000
#   ESCALATION_TEST_REDMINE_KEY              the admin's REST API key
#   ESCALATION_TEST_REDMINE_PROJECT          identifier of the project escalations are filed in
#   ESCALATION_TEST_REDMINE_CUSTOM_FIELD_ID  id of the issue custom field "Escalation ID"
# Idempotent: installed packages, the Gemfile.local line and the bootstrap (REST on, project, custom field,
# key) are each done once; a second start only starts the server (a few seconds).

REDMINE_HOME=/usr/share/redmine
REDMINE_PERSIST=/var/lib/escalation-ci          # survives CI runs; $CI_STATE is per run
REDMINE_READY_TIMEOUT=${REDMINE_READY_TIMEOUT:-180}   # seconds; ~4 s idle, 30 s seen on a busy 2-core box

redmine_log() { echo "[redmine] $*"; }

redmine_free_port() { # first free TCP port from 3000 on (loopback)
  local port
  for port in $(seq 3000 3099); do
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then echo "$port"; return 0; fi
  done
  return 1
}

redmine_bootstrap() { # $1 = file to write the env to
  local out=$1 script="$CI_STATE/redmine-setup.rb"
  cat > "$script" <<'RUBY'
Setting.rest_api_enabled = '1'
Setting.notified_events = []                # Redmine sends no mail in CI
admin = User.find_by_login('admin')
admin.must_change_passwd = false
admin.save!
identifier = ENV.fetch('PROJECT')
project = Project.find_by_identifier(identifier) ||
          Project.create!(name: 'Escalations', identifier: identifier, is_public: true)
project.trackers = Tracker.sorted.to_a if project.trackers.empty?
project.enabled_module_names = (project.enabled_module_names | ['issue_tracking'])
project.save!
field = IssueCustomField.find_by_name('Escalation ID') ||
        IssueCustomField.create!(name: 'Escalation ID', field_format: 'string', is_for_all: true,
                                 is_filter: true, searchable: false, visible: true,
                                 tracker_ids: Tracker.pluck(:id))
File.write(ENV.fetch('OUT'),
           "ESCALATION_TEST_REDMINE_KEY=#{admin.api_key}\n" \
           "ESCALATION_TEST_REDMINE_PROJECT=#{identifier}\n" \
           "ESCALATION_TEST_REDMINE_CUSTOM_FIELD_ID=#{field.id}\n")
RUBY
  chmod 644 "$script"
  su www-data -s /bin/sh -c "cd $REDMINE_HOME && RAILS_ENV=production PROJECT=escalations OUT=$CI_STATE/redmine.env.tmp bin/rails runner $script" \
    || return 1
  install -m 600 "$CI_STATE/redmine.env.tmp" "$out" && rm -f "$CI_STATE/redmine.env.tmp"
}

redmine_key_works() { # REST enabled and the key accepted
  [ "$(curl -s --max-time 5 -o /dev/null -w '%{http_code}' -H "X-Redmine-API-Key: $ESCALATION_TEST_REDMINE_KEY" \
        "$ESCALATION_TEST_REDMINE_URL/users/current.json")" = 200 ]
}

start_redmine() {
  local t0 t port env_file=$REDMINE_PERSIST/redmine.env waited=0
  t0=$(date +%s)
  apt_install redmine redmine-sqlite curl || return 1
  redmine_log "packages ready after $(( $(date +%s) - t0 )) s"

  t=$(date +%s)
  grep -qs '^gem "webrick"' "$REDMINE_HOME/Gemfile.local" || echo 'gem "webrick"' >> "$REDMINE_HOME/Gemfile.local"
  install -d -o www-data -g www-data "$REDMINE_HOME/tmp"
  install -d -m 700 "$REDMINE_PERSIST"
  if [ ! -s "$env_file" ]; then
    redmine_bootstrap "$env_file" || { redmine_log "bootstrap failed"; return 1; }
    redmine_log "bootstrap (REST on, project, custom field, API key) took $(( $(date +%s) - t )) s"
  else
    redmine_log "already bootstrapped ($env_file)"
  fi
  set -a; . "$env_file"; set +a

  t=$(date +%s)
  port=$(redmine_free_port) || { redmine_log "no free port in 3000-3099"; return 1; }
  rm -f "$REDMINE_HOME/tmp/pids/server.pid"
  (cd "$REDMINE_HOME" && exec setpriv --reuid=www-data --regid=www-data --init-groups \
     env HOME=/tmp RAILS_ENV=production \
     bin/rails server -u webrick -b 127.0.0.1 -p "$port" -P "$CI_STATE/redmine.pid") \
     > "$CI_STATE/redmine.log" 2>&1 &
  echo $! > "$CI_STATE/redmine.pid.launcher"
  export ESCALATION_TEST_REDMINE_URL="http://127.0.0.1:$port"
  until [ "$(curl -s --max-time 5 -o /dev/null -w '%{http_code}' "$ESCALATION_TEST_REDMINE_URL/")" = 200 ]; do
    if ! kill -0 "$(cat "$CI_STATE/redmine.pid.launcher")" 2>/dev/null; then
      redmine_log "server exited; log:"; tail -n 30 "$CI_STATE/redmine.log"; return 1
    fi
    if [ "$waited" -ge $(( REDMINE_READY_TIMEOUT * 2 )) ]; then
      redmine_log "not ready after ${REDMINE_READY_TIMEOUT} s; log:"; tail -n 30 "$CI_STATE/redmine.log"; return 1
    fi
    sleep 0.5; waited=$(( waited + 1 ))
  done
  if ! redmine_key_works; then # e.g. the database was recreated since the bootstrap: do it again
    redmine_log "stored API key rejected; bootstrapping again"
    redmine_bootstrap "$env_file" || { redmine_log "bootstrap failed"; return 1; }
    set -a; . "$env_file"; set +a
    redmine_key_works || { redmine_log "API key still rejected"; return 1; }
  fi
  redmine_log "server ready on $ESCALATION_TEST_REDMINE_URL after $(( $(date +%s) - t )) s (total $(( $(date +%s) - t0 )) s)"
}

stop_redmine() {
  local pid
  for f in "$CI_STATE/redmine.pid" "$CI_STATE/redmine.pid.launcher"; do
    [ -s "$f" ] || continue
    pid=$(cat "$f")
    kill "$pid" 2>/dev/null || true
  done
  rm -f "$CI_STATE/redmine.pid" "$CI_STATE/redmine.pid.launcher"
  return 0
}
