#!/usr/bin/env bash
# Builds everything and runs every test: the store tests on real Derby and on a real PostgreSQL
# server (started here on loopback), and the UI tests, which drive the real workbench. Without a
# display the UI tests run on a virtual display (xvfb-run).
# Extra arguments go to Maven, for example: ./test.sh -o (offline, once the downloads are done).
# After the build, WooCommerce's own JavaScript client is run against the sandbox store, and the crash
# test kills the headless service at random moments and compares both sides (SYNCBENCH_CRASH_RECORDS,
# SYNCBENCH_CRASH_KILLS set its size; SYNCBENCH_CRASH_TEST=no and SYNCBENCH_CLIENT_CHECK=no skip them),
# and two services share one PostgreSQL store while one is killed (SYNCBENCH_SCALE_OUT=no skips it).
set -euo pipefail
cd "$(dirname "$0")"

releng/scripts/install-system-packages.sh
source releng/scripts/jdk.sh

# The store tests run on PostgreSQL too: a throw-away cluster on loopback. CI must have it.
maven=(./mvnw -B clean verify)
if postgres_url=$(releng/scripts/start-test-postgres.sh); then
  maven+=("-Dsyncbench.test.postgres.url=$postgres_url")
else
  echo "PostgreSQL could not be started: the PostgreSQL store tests will be skipped." >&2
fi
if [ "${CI:-}" = "true" ]; then
  maven+=("-Dsyncbench.test.postgres.required=true")
fi
maven+=("$@")
if [ -z "${DISPLAY:-}" ]; then
  xvfb-run -a -s "-screen 0 1280x900x24" "${maven[@]}"
else
  "${maven[@]}"
fi

# The crash test kills the built product's headless service (releng/scripts/crash-test.sh); it runs
# after a full build, not after a run of chosen tests (-Dtest=...) or without tests (-DskipTests).
case " $* " in
  *" -Dtest="* | *" -DskipTests"*) exit 0 ;;
esac
# The Windows and macOS archives cannot be run here: their contents are checked.
releng/scripts/check-archives.sh
# The workbench started while another program holds the demo web store's port: a dialog, a usable window.
releng/scripts/startup-problem-check.sh

# WooCommerce's official JavaScript client against the built sandbox store (npm's registry must be
# reachable; SYNCBENCH_CLIENT_CHECK=no skips it).
if [ "${SYNCBENCH_CLIENT_CHECK:-yes}" != "no" ]; then
  releng/scripts/woo-client-check.sh
fi
# Two, then three headless service processes on one PostgreSQL store share six companies, then one
# of two is killed with SIGKILL: every item once, nothing leased, the takeover within the lease time
# plus 5 s (SYNCBENCH_SCALE_OUT=no skips it; benchmarks.sh runs the full size).
if [ "${SYNCBENCH_SCALE_OUT:-yes}" != "no" ]; then
  releng/scripts/scale-out.sh 6 300 20 10 2,3
fi
if [ "${SYNCBENCH_CRASH_TEST:-yes}" != "no" ]; then
  releng/scripts/crash-test.sh "${SYNCBENCH_CRASH_RECORDS:-2000}" "${SYNCBENCH_CRASH_KILLS:-10}"
fi
