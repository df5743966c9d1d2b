# shellcheck shell=bash
# Debian's chromium and chromedriver for the portal demo's browser test (PortalBrowserTest). Sourced by .ci/run, which
# calls start_chromium before the tests and stop_chromium at exit. Nothing runs in the background: the test starts
# headless Chromium through /usr/bin/chromedriver itself, on loopback, and quits it. Both come from the same Debian
# source package, so driver and browser versions always match; Selenium Manager is never asked to download anything.

start_chromium() {
  apt_install chromium chromium-driver || return 1
  export SE_OFFLINE=true
  # the Debian launcher may print a harmless "[: ...: unexpected operator" from /etc/chromium.d/dev-shm
  chromium --version 2>/dev/null
  chromedriver --version || return 1
}

stop_chromium() {
  : # nothing was started
}
