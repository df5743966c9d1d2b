# python3 and OpenSSL >= 3.0 for docs/audit-verify.py: the audit tamper tests and ReadmeAuditSnippetsTest of
# escalation-jdbc run it and fail (never skip) without them; .ci/checks/audit-exports.sh runs it again.
start_audit-tools() {
  apt_install python3 openssl || return 1
  python3 --version || return 1
  local v
  v=$(openssl version | awk '{print $2}')
  echo "openssl $v"
  case "$v" in
    0.*|1.*|2.*) echo "audit-tools: OpenSSL >= 3.0 needed (pkeyutl -rawin for Ed25519), found $v" >&2; return 1 ;;
  esac
}
