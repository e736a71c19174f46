#!/usr/bin/env bash
# Runs every benchmark at full size (the Maven profile "benchmarks"; about 40 minutes here) and prints
# their tables again at the end. Each also writes a CSV and a PNG chart to
# bundles/io.syncbench.benchmarks/target/benchmarks/. Extra arguments go to Maven, for example -o, or
# -Dsyncbench.benchmark.items=20000 to change one size.
set -euo pipefail
cd "$(dirname "$0")"

mkdir -p target
log=target/benchmarks.log
./test.sh -Pbenchmarks -Dtest='*BenchmarkTest' -DfailIfNoTests=false -Dsurefire.failIfNoSpecifiedTests=false "$@" 2>&1 | tee "$log"
echo
echo "=== Benchmark tables (full log: $log) ==="
# The UI tests write their output to files of their own.
cat "$log" bundles/io.syncbench.ui.tests/target/surefire-reports/*-output.txt 2>/dev/null \
  | grep -A8 -E "^(Complete update of|Incremental run after|Latency with on-change sync|Sync Status view over)" \
  | grep -v -E "^\[|^Tests run|^io\.syncbench" || true
