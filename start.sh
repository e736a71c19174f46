#!/usr/bin/env bash
# Builds SyncBench where needed and starts the workbench, or the headless sync service.
#   ./start.sh                       the workbench on ~/syncbench-workspace
#   ./start.sh -data /some/folder    another workspace (database and window layout live there)
#   ./start.sh --service [-data ...] the sync service without a window; it logs each run to the console
#   ./start.sh --sandbox [-port 8089] [-database <folder>] [-keystore <file.p12>]
#                                    the sandbox web store alone (WooCommerce REST API v3 on loopback)
#   ./start.sh --export-company "<company>" <file.json> [-data ...]
#   ./start.sh --import-company <file.json> [<more files.json>] [-data ...]
#                                    a company's setup (systems, entities, mappings, schedule) as a file
#   ./start.sh --generate-items <n> <folder or JDBC URL>
#                                    adds <n> generated items to a company database (for benchmarks)
# A workspace without companies gets the demo company (-demo): a company database with sample data
# and a branch shop database, synchronized every 20 seconds. --no-demo leaves it empty.
# Without a display (DISPLAY unset) the workbench runs on a virtual display of its own (Xvfb), whose
# number it prints, so that a screenshot can be taken: DISPLAY=:<n> import -window root shot.png
set -euo pipefail
caller=$PWD
cd "$(dirname "$0")"

releng/scripts/install-system-packages.sh
source releng/scripts/jdk.sh

product=releng/io.syncbench.repository/target/products/io.syncbench.product/linux/gtk/x86_64/syncbench
launcher="$PWD/$product/syncbench"
built="$product/configuration/config.ini" # written by each build; the launcher keeps its source's date
changed=""
if [ -f "$built" ]; then
  changed=$(find pom.xml .mvn targetplatform bundles features releng -type f -newer "$built" \
    -not -path '*/target/*' -not -name '.polyglot.*' -print -quit)
fi
if [ ! -x "$launcher" ] || [ ! -f "$built" ] || [ -n "$changed" ]; then
  echo "Building SyncBench (tests are skipped here; ./test.sh runs them)..."
  ./mvnw -B -q -DskipTests clean verify
fi
cd "$caller" # relative paths among the arguments are the caller's

if [ "${1:-}" = "--generate-items" ]; then
  [ $# -ge 3 ] || { echo "Usage: ./start.sh --generate-items <count> <folder or JDBC URL>" >&2; exit 2; }
  exec "$launcher" -application io.syncbench.demo.generate -data @none -consoleLog -items "$2" -database "$3"
fi

if [ "${1:-}" = "--export-company" ] || [ "${1:-}" = "--import-company" ]; then
  command=-exportCompany
  [ "$1" = "--import-company" ] && command=-importCompany
  shift
  exec "$launcher" -application io.syncbench.service.headless "$command" "$@"
fi

if [ "${1:-}" = "--sandbox" ]; then
  shift
  exec "$launcher" -application io.syncbench.sandbox.server -data @none -consoleLog "$@"
fi

demo=-demo
service=""
arguments=()
for argument in "$@"; do
  case "$argument" in
    --no-demo) demo="" ;;
    --service) service=yes ;;
    *) arguments+=("$argument") ;;
  esac
done
set -- ${demo:+"$demo"} ${arguments[@]+"${arguments[@]}"}

if [ -n "$service" ]; then
  exec "$launcher" -application io.syncbench.service.headless -consoleLog "$@"
fi

if [ -z "${DISPLAY:-}" ]; then
  number=90
  while [ -e "/tmp/.X$number-lock" ]; do number=$((number + 1)); done
  Xvfb ":$number" -screen 0 1280x900x24 -nolisten tcp >/dev/null 2>&1 &
  xvfb=$!
  trap 'kill $xvfb 2>/dev/null' EXIT
  export DISPLAY=":$number"
  echo "No DISPLAY: SyncBench runs on the virtual display $DISPLAY."
  echo "See it with: DISPLAY=$DISPLAY import -window root syncbench.png"
  "$launcher" "$@"
  exit $?
fi
exec "$launcher" "$@"
