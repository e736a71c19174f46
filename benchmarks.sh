#!/usr/bin/env bash
# Runs every benchmark at full size (the Maven profile "benchmarks"; about 20 minutes here) and prints
# their tables again at the end. Each also writes a CSV and a PNG chart to
# bundles/io.syncbench.benchmarks/target/benchmarks/. Extra arguments go to Maven, for example -o, or
# -Dsyncbench.benchmark.items=20000 to change one size. SYNCBENCH_BENCHMARK_LOG names the full log.
set -euo pipefail
cd "$(dirname "$0")"

# Not under target/: the build's clean would delete it while it is written.
log=${SYNCBENCH_BENCHMARK_LOG:-${TMPDIR:-/tmp}/syncbench-benchmarks.log}
./test.sh -Pbenchmarks -Dtest='*BenchmarkTest' -DfailIfNoTests=false -Dsurefire.failIfNoSpecifiedTests=false "$@" 2>&1 \
  | tee "$log"
echo
echo "=== Benchmark tables (full log: $log) ==="
grep -A10 -E "^(Complete update of|Incremental run after|Latency with on-change sync|On-change sync of|Sync Status view over)" "$log" \
  | grep -v -E "^\[|^Running|^Tests run|^io\.syncbench|^-*$|^Wed|^Booting|derby" || true

# Several service processes on one PostgreSQL store, against the built product: 12 companies of 1,667
# items with web stores 20 ms away, by 1, 2 and 3 services, and a failover (target/scale-out/). Then
# with each service held to 0.3 of a core, as on a small machine of its own (needs root for the
# control groups; target/scale-out-capped/): on one 2-core machine one uncapped service already keeps
# the cores busy. Each row also renames every item and times the warm services (the "renamed"
# columns): a fresh capped JVM spends a third of its first minute compiling, so the fresh start's
# rate is mostly warm-up; 5,000 items a company there make the fresh round longer too.
echo
echo "=== Scale-out and failover (releng/scripts/scale-out.sh) ==="
releng/scripts/scale-out.sh 12 1667 20 10 1,2,3 | tee -a "$log" || true
echo
echo "=== Scale-out and failover, each service held to 0.3 of a core ==="
releng/scripts/scale-out.sh 12 5000 20 10 1,2,3 0.3 | tee -a "$log" || true
