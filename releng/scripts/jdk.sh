# Sourced by the build and start scripts: exports JAVA_HOME as a JDK >= 21.
# Tycho 5 and the Eclipse 2026-03 bundles need Java 21; many machines default to 17.
# Takes JAVA_HOME if it is new enough, else the newest JDK >= 21 under /usr/lib/jvm (Linux) or among
# the JDKs macOS knows (/Library/Java/JavaVirtualMachines, Homebrew's openjdk).

syncbench_java_version() { # prints the feature version of the JDK at $1, e.g. 21
  "$1/bin/java" -XshowSettings:properties -version 2>&1 |
    awk -F'= ' '/java.specification.version/ { split($2, v, "."); print v[1] }'
}

syncbench_find_jdk() {
  local best="" best_version=0 candidate version
  for candidate in ${JAVA_HOME:+"$JAVA_HOME"} /usr/lib/jvm/* /Library/Java/JavaVirtualMachines/*/Contents/Home \
    /opt/homebrew/opt/openjdk*/libexec/openjdk.jdk/Contents/Home /usr/local/opt/openjdk*/libexec/openjdk.jdk/Contents/Home; do
    [ -x "$candidate/bin/javac" ] || continue
    version=$(syncbench_java_version "$candidate")
    [ -n "$version" ] || continue
    if [ "$candidate" = "${JAVA_HOME:-}" ] && [ "$version" -ge 21 ]; then
      echo "$candidate"; return 0
    fi
    if [ "$version" -ge 21 ] && [ "$version" -gt "$best_version" ]; then
      best="$candidate" best_version="$version"
    fi
  done
  [ -n "$best" ] && echo "$best"
}

if ! JAVA_HOME=$(syncbench_find_jdk); then
  echo "SyncBench needs a JDK 21 or newer. None was found in JAVA_HOME, under /usr/lib/jvm or among macOS's JDKs." >&2
  if [ "$(uname -s)" = "Darwin" ]; then
    echo "Install one (for example: brew install openjdk@21, or Temurin 21 from https://adoptium.net) and set JAVA_HOME to it." >&2
  else
    echo "Install one (for example: apt-get install openjdk-21-jdk-headless, or Temurin 21) and set JAVA_HOME to it." >&2
  fi
  return 1 2>/dev/null || exit 1
fi
export JAVA_HOME
export PATH="$JAVA_HOME/bin:$PATH"
