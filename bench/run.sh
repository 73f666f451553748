#!/usr/bin/env bash
# Runs the benchmarks of BENCHMARKS.md: starts the WAR on Liberty (port $BENCH_PORT, default 9181)
# against the Redis on 127.0.0.1:6379 (keys under mesh-bench:), runs each scenario of the load
# generator $1 times (default 3), and redis-benchmark as the ceiling, then stops the server.
# Loopback only; every scenario is bounded in count and time. Results: target/bench/results.jsonl
set -euo pipefail
cd "$(dirname "$0")/.."
reps="${1:-3}"
port="${BENCH_PORT:-9181}"
out=target/bench
mkdir -p "$out"
# A connection is a descriptor in the generator and one in the server: 10,000 connections need more
# than the usual soft limit of 1,024. HotSpot raises its soft limit to the hard one by itself; do it
# here too (for everything started from this script), and warn when the hard limit is too low.
ulimit -n "$(ulimit -Hn)" 2>/dev/null || true
if [ "$(ulimit -n)" != unlimited ] && [ "$(ulimit -n)" -lt 12000 ]; then
  echo "warning: ulimit -n is $(ulimit -n): scenarios over ~$(( $(ulimit -n) - 1000 )) connections will fail to open" >&2
fi
: > "$out/results.jsonl"

mvn -q -B package -DskipTests
mvn -q -B dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$out/classpath.txt"
cp="target/test-classes:target/classes:$(cat "$out/classpath.txt")"

MESH_REDIS_URL=redis://127.0.0.1:6379 MESH_REDIS_PREFIX=mesh-bench: \
MESH_LIMITS_COMMANDS_PER_SECOND=10000000 MESH_LIMITS_COMMAND_BURST=10000000 \
  mvn -q -B liberty:run -Dliberty.var.http.port="$port" -Dliberty.var.https.port=$((port + 1)) \
  -Dliberty.var.mesh.demo.room-pushes=false > "$out/server.log" 2>&1 &
mvn_pid=$!
stop() { kill -TERM "$mvn_pid" 2>/dev/null || true; wait "$mvn_pid" 2>/dev/null || true; }
trap stop EXIT
for _ in $(seq 1 120); do
  curl -sf "http://127.0.0.1:$port/health/ready" >/dev/null 2>&1 && break
  sleep 1
done
curl -sf "http://127.0.0.1:$port/health/ready" >/dev/null
server_pid="$(pgrep -f 'ws-server.jar defaultServer' | head -n 1)"
echo "server pid $server_pid on port $port"

gen() {
  if timeout 300 java -Xmx3g -cp "$cp" dev.jakartamesh.bench.LoadGenerator --url "ws://127.0.0.1:$port/mesh" \
      --prefix mesh-bench: --server-pid "$server_pid" "$@" > "$out/last.json" 2> "$out/last.err"; then
    tee -a "$out/results.jsonl" < "$out/last.json"
  else
    echo "{\"failed\":\"$*\",\"error\":\"$(grep -m 1 -E 'Exception|Error' "$out/last.err" | tr -d '"')\"}" | tee -a "$out/results.jsonl"
  fi
}

for rep in $(seq 1 "$reps"); do
  echo "# repetition $rep"
  gen --scenario rtt --connections 50 --seconds 10
  redis-benchmark -h 127.0.0.1 -p 6379 -t set,get,hset -c 50 -n 200000 -q --csv \
    | grep -v '^"test"' | sed 's/^"\([A-Z]*\)","\([0-9.]*\)".*/{"scenario":"redis-benchmark","test":"\1","opsPerSecond":\2}/' | tee -a "$out/results.jsonl"
  gen --scenario idle --connections 1000
  gen --scenario idle --connections 3000
  gen --scenario churn --seconds 10 --threads 8
  gen --scenario list --connections 10000 --repeat 20
  gen --scenario list --connections 50000 --repeat 20
  # Last: filling a room costs O(N^2) in join replies (each join answers every member present).
  gen --scenario room --connections 1000 --joins 20
done
