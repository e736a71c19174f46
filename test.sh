#!/usr/bin/env bash
# Builds everything and runs every test: the store tests on real Derby and the UI tests, which drive
# the real workbench. Without a display the UI tests run on a virtual display (xvfb-run).
# Extra arguments go to Maven, for example: ./test.sh -o (offline, once the downloads are done).
set -euo pipefail
cd "$(dirname "$0")"

releng/scripts/install-system-packages.sh
source releng/scripts/jdk.sh

maven=(./mvnw -B clean verify "$@")
if [ -z "${DISPLAY:-}" ]; then
  exec xvfb-run -a -s "-screen 0 1280x900x24" "${maven[@]}"
fi
exec "${maven[@]}"
