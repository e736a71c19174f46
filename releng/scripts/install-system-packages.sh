#!/usr/bin/env bash
# Installs the Debian packages SyncBench needs to build, test and show its window, when they are
# missing, and a JDK >= 21 when the machine has none. Does nothing on a machine that has them all.
set -euo pipefail

packages=(
  curl unzip                      # the Maven wrapper downloads and unpacks Maven
  libgtk-3-0 librsvg2-common      # SWT on GTK 3, and the SVG loader for GTK's theme icons
  adwaita-icon-theme fonts-dejavu-core
  xvfb xauth                      # a virtual display for UI tests and machines without a screen
  imagemagick                     # 'import -window root' for screenshots
  xdotool                         # finds the product's windows by title in the startup check
  postgresql                      # the store tests run on PostgreSQL as well as on Derby
  python3-prometheus-client       # the monitoring tests read /metrics with Prometheus's own parser
)

sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
apt_updated=""
apt_install() {
  if [ -z "$apt_updated" ]; then
    $sudo apt-get update -qq
    apt_updated=yes
  fi
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "$@"
}

missing=()
for package in "${packages[@]}"; do
  dpkg -s "$package" >/dev/null 2>&1 || missing+=("$package")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "Installing Debian packages: ${missing[*]}"
  apt_install "${missing[@]}"
fi

# Node.js with npm runs WooCommerce's own JavaScript client against the sandbox store. A machine
# whose Node.js comes with npm already (NodeSource's package) keeps it.
if ! command -v npm >/dev/null 2>&1; then
  echo "Installing Debian packages: nodejs npm"
  apt_install nodejs npm
fi

# A JDK >= 21: keep the one the machine has, else take the newest one Debian offers.
here=$(cd "$(dirname "$0")" && pwd)
if ! (source "$here/jdk.sh") >/dev/null 2>&1; then
  $sudo apt-get update -qq && apt_updated=yes
  for jdk in openjdk-25-jdk-headless openjdk-21-jdk-headless; do
    if apt-cache policy "$jdk" 2>/dev/null | grep -q 'Candidate: [0-9]'; then
      echo "Installing $jdk"
      apt_install "$jdk"
      break
    fi
  done
fi
