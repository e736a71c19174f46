#!/usr/bin/env bash
# Starts the built product's sandbox web store on a free loopback port and drives it with
# WooCommerce's official JavaScript client (npm: @woocommerce/woocommerce-rest-api), which signs plain
# http requests with OAuth 1.0a. Needs Node.js and npm, and a built product (./start.sh builds it).
set -euo pipefail
cd "$(dirname "$0")/../.."
source releng/scripts/jdk.sh

product=releng/io.syncbench.repository/target/products/io.syncbench.product/linux/gtk/x86_64/syncbench
[ -x "$product/syncbench" ] || { echo "Build the product first: ./mvnw -B -DskipTests verify" >&2; exit 2; }
command -v npm >/dev/null || { echo "Node.js and npm are needed: apt-get install nodejs npm" >&2; exit 2; }

work=$(mktemp -d)
trap 'kill "$sandbox" 2>/dev/null || true; wait "$sandbox" 2>/dev/null || true; rm -rf "$work"' EXIT
cp releng/woo-client-check/package.json releng/woo-client-check/check.mjs "$work/"
(cd "$work" && npm install --no-audit --no-fund --silent >/dev/null)

port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
"$product/syncbench" -application io.syncbench.sandbox.server -data @none -consoleLog -port "$port" \
  -database "$work/store" >"$work/sandbox.log" 2>&1 &
sandbox=$!
for _ in $(seq 1 120); do
  (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && break
  sleep 0.5
done
# The client signs the address it is given: localhost, as a WooCommerce site names itself.
node "$work/check.mjs" "http://localhost:$port" ck_sandbox cs_sandbox
