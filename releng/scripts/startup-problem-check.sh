#!/usr/bin/env bash
# Starts the built workbench with the demo while another program (the JDK's own small web server)
# holds the demo web store's port, and checks what the operator sees: a dialog titled "SyncBench
# started with a problem" over the workbench window, which stays open. Screenshots go to
# target/startup-check/. Run after a build: releng/scripts/startup-problem-check.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
source releng/scripts/jdk.sh
product=$PWD/releng/io.syncbench.repository/target/products/io.syncbench.product/linux/gtk/x86_64/syncbench
out=$PWD/target/startup-check
rm -rf "$out" && mkdir -p "$out"
work=$(mktemp -d)
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])' 2>/dev/null \
  || echo $((20000 + RANDOM % 20000)); }
port=$(free_port)
mkdir -p "$work/site"
"$JAVA_HOME/bin/jwebserver" -b 127.0.0.1 -p "$port" -d "$work/site" >"$out/other-program.log" 2>&1 &
pids+=($!)

display=120
while [ -e "/tmp/.X$display-lock" ]; do display=$((display + 1)); done
Xvfb ":$display" -screen 0 1280x900x24 -nolisten tcp >/dev/null 2>&1 &
pids+=($!)
export DISPLAY=":$display"
sleep 1

SYNCBENCH_VM_ARGS="-Xmx1g -Dsyncbench.demo.webstorePort=$port" \
  "$product/syncbench" -data "$work/workspace" -demo >"$out/product.log" 2>&1 &
pids+=($!)

find_window() { xdotool search --name "^$1[[:space:]]*\$" 2>/dev/null | head -n 1 || true; }
dialog=""
for _ in $(seq 1 120); do
  dialog=$(find_window "SyncBench started with a problem")
  [ -n "$dialog" ] && break
  sleep 1
done
sleep 1
import -window root "$out/startup-problem-dialog.png" || true
if [ -z "$dialog" ]; then
  echo "FAIL startup check: no dialog 'SyncBench started with a problem' within 120 s; see $out"
  exit 1
fi
window=$(find_window "SyncBench")
if [ -z "$window" ]; then
  echo "FAIL startup check: the dialog shows, but no workbench window 'SyncBench'"
  exit 1
fi
if ! grep -q "another program holds port $port" "$work/workspace/.metadata/.log"; then
  echo "FAIL startup check: the log does not name port $port"
  exit 1
fi
# What the workbench says of the web store behind the dialog once a run was held back, for a look.
sleep 25
import -window root "$out/startup-problem-held-back.png" || true
echo "ok   startup check: with port $port held by another program, a dialog says so over the open workbench ($out/startup-problem-dialog.png)"
