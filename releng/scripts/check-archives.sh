#!/usr/bin/env bash
# Opens each product archive the build made (Linux, Windows, macOS) and checks that it holds its own
# platform's SWT fragment and start script, a configuration that names that fragment, the same
# SyncBench bundles as the others, and nothing of another platform. Nothing here can run Windows or
# macOS, so this is what is tested of those archives. Run after a build: releng/scripts/check-archives.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
products=releng/io.syncbench.repository/target/products
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
failures=0

fail() { echo "FAIL $1: $2"; failures=$((failures + 1)); }
ok() { echo "ok   $1: $2"; }

# check <name> <archive> <root inside it> <own SWT fragment> <start script> <fragments that must be absent...>
check() {
  local name=$1 archive=$2 root=$3 swt=$4 script=$5
  shift 5
  local dir="$work/$name"
  mkdir -p "$dir"
  if [ ! -f "$archive" ]; then
    fail "$name" "no archive $archive"
    return
  fi
  case "$archive" in
    *.zip) unzip -q "$archive" -d "$dir" ;;
    *) tar xzf "$archive" -C "$dir" ;;
  esac
  local home="$dir/$root"
  ls "$home"/plugins/"$swt"_*.jar >/dev/null 2>&1 && ok "$name" "holds $swt" || fail "$name" "lacks $swt"
  grep -q "$swt" "$home/configuration/config.ini" && ok "$name" "its configuration starts $swt" \
    || fail "$name" "configuration/config.ini does not name $swt"
  [ -f "$home/$script" ] && ok "$name" "has its start script $script" || fail "$name" "lacks $script"
  ls "$home"/plugins/org.eclipse.equinox.launcher_*.jar >/dev/null 2>&1 && ok "$name" "holds the launcher jar" \
    || fail "$name" "lacks the Equinox launcher jar"
  local other
  for other in "$@"; do
    if find "$home" -name "$other" | grep -q .; then
      fail "$name" "holds $other, which belongs to another platform"
    fi
  done
  ls "$home"/plugins | grep '^io\.syncbench\.' | sed 's/_[0-9].*//' | sort > "$work/$name.bundles"
}

check linux "$products/io.syncbench.product-linux.gtk.x86_64.tar.gz" syncbench \
  org.eclipse.swt.gtk.linux.x86_64 syncbench '*win32*' '*cocoa*' '*macosx*' syncbench.cmd
check windows "$products/io.syncbench.product-win32.win32.x86_64.zip" syncbench \
  org.eclipse.swt.win32.win32.x86_64 syncbench.cmd '*gtk*' '*cocoa*' '*linux*' '*macosx*' jdk.sh
check macos "$products/io.syncbench.product-macosx.cocoa.aarch64.tar.gz" syncbench.app/Contents/Eclipse \
  org.eclipse.swt.cocoa.macosx.aarch64 syncbench '*gtk*' '*win32*' '*linux*' syncbench.cmd

# The start scripts: executable where they are shell scripts, each finding a Java 21+ and saying what
# to install when there is none; macOS's starts SWT on the first thread; Windows's has CRLF line ends.
for name in linux macos; do
  home="$work/$name/syncbench"
  [ "$name" = macos ] && home="$work/macos/syncbench.app/Contents/Eclipse"
  [ -x "$home/syncbench" ] && ok "$name" "syncbench is executable" || fail "$name" "syncbench is not executable"
  grep -q 'JDK 21 or newer' "$home/jdk.sh" && ok "$name" "jdk.sh finds a Java 21+ and says what to install" \
    || fail "$name" "jdk.sh does not say what to install"
done
grep -q -- '-XstartOnFirstThread' "$work/macos/syncbench.app/Contents/Eclipse/syncbench" && ok macos "starts SWT on the first thread" \
  || fail macos "the start script lacks -XstartOnFirstThread"
cmd="$work/windows/syncbench/syncbench.cmd"
if [ -f "$cmd" ]; then
  [ "$(grep -c $'\r$' "$cmd")" -eq "$(wc -l < "$cmd")" ] && ok windows "syncbench.cmd has CRLF line ends" || fail windows "syncbench.cmd lacks CRLF line ends"
  grep -q 'Java 21 or newer' "$cmd" && grep -q 'LSS 21' "$cmd" && ok windows "syncbench.cmd checks for Java 21+ and says what to install" \
    || fail windows "syncbench.cmd does not check the Java version"
fi

# Every archive holds the same SyncBench bundles.
for name in windows macos; do
  if diff -q "$work/linux.bundles" "$work/$name.bundles" >/dev/null 2>&1; then
    ok "$name" "the same $(wc -l < "$work/linux.bundles") SyncBench bundles as Linux"
  else
    fail "$name" "SyncBench bundles differ from Linux's: $(diff "$work/linux.bundles" "$work/$name.bundles" | tr '\n' ' ')"
  fi
done

[ "$failures" -eq 0 ] && echo "All archive checks passed." || { echo "$failures archive checks failed."; exit 1; }
