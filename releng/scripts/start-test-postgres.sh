#!/usr/bin/env bash
# Starts a throw-away PostgreSQL cluster for the tests on loopback (port 54329 unless
# SYNCBENCH_TEST_PG_PORT says otherwise), with a 'syncbench' role and a 'syncbench_test' database, and
# prints its JDBC URL. The cluster trusts local connections: it holds test data only and listens on
# loopback alone. Needs root (or sudo) and Debian's postgresql package.
set -euo pipefail
port=${SYNCBENCH_TEST_PG_PORT:-54329}
cluster=syncbench-test
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"

version=$(ls /usr/lib/postgresql | sort -n | tail -n 1)
if ! $sudo pg_lsclusters -h | awk '{ print $1 " " $2 }' | grep -qx "$version $cluster"; then
  $sudo pg_createcluster "$version" "$cluster" -p "$port" -o listen_addresses=localhost \
    -- --auth-host=trust --auth-local=trust >/dev/null
fi
$sudo pg_ctlcluster "$version" "$cluster" start >/dev/null 2>&1 || true # "already running" is fine
$sudo pg_ctlcluster "$version" "$cluster" status >/dev/null

psql_admin() { psql -h 127.0.0.1 -p "$port" -U postgres -d postgres -tAq "$@"; }

psql_admin -c "SELECT 1 FROM pg_roles WHERE rolname = 'syncbench'" | grep -q 1 ||
  psql_admin -c "CREATE ROLE syncbench LOGIN" >/dev/null
psql_admin -c "SELECT 1 FROM pg_database WHERE datname = 'syncbench_test'" | grep -q 1 ||
  psql_admin -c "CREATE DATABASE syncbench_test OWNER syncbench" >/dev/null

echo "jdbc:postgresql://127.0.0.1:$port/syncbench_test"
