#!/usr/bin/env bash
# Several headless services on one PostgreSQL store, against the built product
# (releng/scale-out/ScaleOut.java): for each count of services, a fresh start of every company, timed
# until every item is synchronized; then a failover (two services, one killed with SIGKILL a tenth of
# the way). Each company has a PostgreSQL database and a sandbox web store of its own (all served by
# one process), every request delayed as a store far away is. Prints a table with how busy the cores
# were, writes target/scale-out/scale-out.csv, and exits 1 when an item is missing or doubled, a
# status row is not synchronized or a lease is left.
#   releng/scripts/scale-out.sh [companies] [items per company] [latency ms] [lease s] [service counts] [cores per service]
#   default: 12 companies, 1667 items each (20,000 in all), 20 ms, a 10 s lease, 1,2,3 services, no cap.
#   With cores per service (0.3 is 30% of a core; needs root), each service runs in a control group with
#   that CPU quota, standing for a small machine of its own: uncapped, one service keeps this machine's
#   cores busy and a second cannot add speed.
#   ./test.sh runs a small variant: releng/scripts/scale-out.sh 6 300 20 10 2,3
set -euo pipefail
cd "$(dirname "$0")/../.."
source releng/scripts/jdk.sh

companies=${1:-12}
items=${2:-1667}
latency=${3:-20}
lease=${4:-10}
services=${5:-1,2,3}
cores=${6:-}
product=$(pwd)/releng/io.syncbench.repository/target/products/io.syncbench.product/linux/gtk/x86_64/syncbench
if [ ! -x "$product/syncbench" ]; then
  echo "The product is not built: run ./test.sh or ./start.sh first." >&2
  exit 2
fi
server=$(releng/scripts/start-test-postgres.sh)
classpath=$(ls "$product"/plugins/io.syncbench.demo_*.jar "$product"/plugins/org.postgresql.jdbc_*.jar 2>/dev/null | paste -sd:)
work=$(pwd)/target/scale-out${cores:+-capped}
rm -rf "$work"
mkdir -p "$work"
exec "$JAVA_HOME/bin/java" -cp "$classpath" releng/scale-out/ScaleOut.java "$product" "$work" "$server" \
  "$companies" "$items" "$latency" "$lease" "$services" "$cores"
