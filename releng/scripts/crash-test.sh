#!/usr/bin/env bash
# Crash safety of the headless sync service: kills it with SIGKILL at random moments while both sides
# change, restarts it each time, then compares the company database and the web store record by record
# (releng/crash-test/CrashTest.java). Needs the built product (./start.sh or ./test.sh builds it).
#   releng/scripts/crash-test.sh [records] [kills] [seed]     default: 2000 items, 10 kills (the CI variant)
#   releng/scripts/crash-test.sh 10000 20                     the full variant: 10,000 items, 20 kills
set -euo pipefail
cd "$(dirname "$0")/../.."
source releng/scripts/jdk.sh

records=${1:-2000}
kills=${2:-10}
seed=${3:-$(date +%s)}
product=$(pwd)/releng/io.syncbench.repository/target/products/io.syncbench.product/linux/gtk/x86_64/syncbench
if [ ! -x "$product/syncbench" ]; then
  echo "The product is not built: run ./test.sh or ./start.sh first." >&2
  exit 2
fi
classpath=$(ls "$product"/plugins/io.syncbench.derby_*.jar "$product"/plugins/com.fasterxml.jackson.core.jackson-*.jar | paste -sd:)
work=$(pwd)/target/crash-test
rm -rf "$work"
mkdir -p "$work"
echo "crash-test: $records items, $kills kills, seed $seed; logs in $work"
exec "$JAVA_HOME/bin/java" -Dderby.stream.error.file="$work/derby.log" -cp "$classpath" \
  releng/crash-test/CrashTest.java "$product" "$work" "$records" "$kills" "$seed"
