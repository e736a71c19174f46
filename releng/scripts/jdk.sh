# Sourced by the build and start scripts: exports JAVA_HOME as a JDK >= 21.
# Tycho 5 and the Eclipse 2026-03 bundles need Java 21; many machines default to 17.
# Takes JAVA_HOME if it is new enough, else the newest JDK >= 21 under /usr/lib/jvm.

syncbench_java_version() { # prints the feature version of the JDK at $1, e.g. 21
  "$1/bin/java" -XshowSettings:properties -version 2>&1 |
    awk -F'= ' '/java.specification.version/ { split($2, v, "."); print v[1] }'
}

syncbench_find_jdk() {
  local best="" best_version=0 candidate version
  for candidate in ${JAVA_HOME:+"$JAVA_HOME"} /usr/lib/jvm/*; do
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
  echo "SyncBench needs a JDK 21 or newer. None was found in JAVA_HOME or under /usr/lib/jvm." >&2
  echo "Install one (for example a Temurin or OpenJDK 21+ package) and set JAVA_HOME to it." >&2
  return 1 2>/dev/null || exit 1
fi
export JAVA_HOME
export PATH="$JAVA_HOME/bin:$PATH"
