#!/usr/bin/env bash
# CPU profile of the server while one scenario of the load generator runs (what BENCHMARKS.md's
# "what limits each figure" comes from). Needs a server started as bench/run.sh starts it, and
# bench/run.sh run once (for target/bench/classpath.txt). async-profiler comes from Maven Central.
#   bash bench/profile.sh <server-pid> <seconds to profile> <generator arguments...>
#   e.g. bash bench/profile.sh 1234 8 --scenario rtt --connections 50 --seconds 14
# Writes target/bench/profile.collapsed (folded stacks) and prints the frames with the most samples.
set -euo pipefail
cd "$(dirname "$0")/.."
pid="$1"; seconds="$2"; shift 2
out=target/bench
port="${BENCH_PORT:-9181}"
version=4.1
jar="$HOME/.m2/repository/tools/profiler/async-profiler/$version/async-profiler-$version.jar"
[ -f "$jar" ] || mvn -q -B dependency:get -Dartifact="tools.profiler:async-profiler:$version" -Dtransitive=false
mkdir -p "$out/async-profiler"
unzip -o -q "$jar" 'linux-x64/*' -d "$out/async-profiler"
lib="$PWD/$out/async-profiler/linux-x64/libasyncProfiler.so"
cp="target/test-classes:target/classes:$(cat "$out/classpath.txt")"
attach() { java -cp "$cp" dev.jakartamesh.bench.ProfilerAttach "$pid" "$lib" "$1"; }

java -Xmx3g -cp "$cp" dev.jakartamesh.bench.LoadGenerator --url "ws://127.0.0.1:$port/mesh" \
  --prefix mesh-bench: --server-pid "$pid" "$@" > "$out/profile-run.json" &
gen=$!
sleep 3
attach start,event=cpu,interval=1ms
sleep "$seconds"
attach "stop,file=$PWD/$out/profile.collapsed,collapsed"
wait "$gen"
cat "$out/profile-run.json"
# Inclusive share of the samples for the frames that matter most.
awk '{ n = $NF; total += n; $NF = ""; split($0, frames, ";"); delete seen
       for (i in frames) { f = frames[i]; gsub(/ +$/, "", f); if (!(f in seen)) { seen[f] = 1; incl[f] += n } } }
     END { for (f in incl) printf "%5.1f%% %s\n", 100 * incl[f] / total, f }' "$out/profile.collapsed" \
  | sort -rn | head -n "${PROFILE_TOP:-60}"
