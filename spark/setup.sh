#!/usr/bin/env bash
# Readies Benchmarks/.venv for the Spark job and its checks: the Python peers of Benchmarks/peers/setup.sh
# (numpy, scipy, implicit, …) plus pyspark (spark/requirements.txt), all from PyPI; and makes sure a Java
# runtime that Spark accepts (17 or newer) is on the machine, installing Debian's openjdk-17-jre-headless
# when none is present. Prints the JAVA_HOME to use on its last line.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
venv="$here/../Benchmarks/.venv"
bash "$here/../Benchmarks/peers/setup.sh" >&2
"$venv/bin/pip" install -q -r "$here/requirements.txt"

java_major() { "$1" -version 2>&1 | sed -n 's/.*version "\([0-9]*\).*/\1/p' | head -1; }
java_home=""
for candidate in /usr/lib/jvm/java-17-openjdk-* /usr/lib/jvm/java-21-openjdk-* /usr/lib/jvm/*; do
  if [ -x "$candidate/bin/java" ] && [ "$(java_major "$candidate/bin/java")" -ge 17 ] 2>/dev/null; then
    java_home=$candidate; break
  fi
done
if [ -z "$java_home" ]; then
  sudo=$([ "$(id -u)" = 0 ] || echo sudo)
  echo "no Java 17+ found: installing openjdk-17-jre-headless from Debian" >&2
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq openjdk-17-jre-headless >&2
  java_home=$(ls -d /usr/lib/jvm/java-17-openjdk-* | head -1)
fi
"$venv/bin/python" -c 'import pyspark, implicit, numpy; print("spark:", "pyspark", pyspark.__version__, "implicit", implicit.__version__, "numpy", numpy.__version__)' >&2
echo "$java_home"
