#!/usr/bin/env bash
# Runs the benchmarks of BENCHMARKS.md: starts the WAR on Liberty (port $BENCH_PORT, default 9181)
# against the Redis on 127.0.0.1:6379 (keys under mesh-bench:), runs each scenario of the load
# generator $1 times (default 3), and redis-benchmark as the ceiling, then stops the server.
# Loopback only; every scenario is bounded in count and time. Results: target/bench/results.jsonl
#   BENCH_SCENARIOS="rtt room"   only these (default: rtt ceiling idle churn list room)
#   MESH_REDIS_PIPELINING=false  the server without shared pipelines (any MESH_* setting passes through)
#   BENCH_RESULTS=name           results in target/bench/name.jsonl instead
set -euo pipefail
cd "$(dirname "$0")/.."
reps="${1:-3}"
scenarios=" ${BENCH_SCENARIOS:-rtt ceiling idle churn list room} "
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
results="$out/${BENCH_RESULTS:-results}.jsonl"
: > "$results"

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
server_pid=""
for p in $(pgrep -f 'ws-server.jar defaultServer'); do
  # This checkout's server, not one started from another directory.
  [ "$(readlink "/proc/$p/cwd")" = "$PWD/target/liberty/wlp/usr/servers/defaultServer" ] && server_pid="$p"
done
echo "server pid $server_pid on port $port"

gen() {
  if timeout 300 java -Xmx3g -cp "$cp" dev.jakartamesh.bench.LoadGenerator --url "ws://127.0.0.1:$port/mesh" \
      --prefix mesh-bench: --server-pid "$server_pid" "$@" > "$out/last.json" 2> "$out/last.err"; then
    tee -a "$results" < "$out/last.json"
  else
    echo "{\"failed\":\"$*\",\"error\":\"$(grep -m 1 -E 'Exception|Error' "$out/last.err" | tr -d '"')\"}" | tee -a "$results"
  fi
}

want() { [[ "$scenarios" == *" $1 "* ]]; }

# Warm-up, not recorded: the JIT compiles the hot paths (the first rtt run on a fresh server is
# about half as fast as the next ones).
echo "# warm-up"
for warm in "--scenario rtt --connections 50 --seconds 10" "--scenario room --connections 1000 --joins 20"; do
  # shellcheck disable=SC2086
  timeout 300 java -Xmx3g -cp "$cp" dev.jakartamesh.bench.LoadGenerator --url "ws://127.0.0.1:$port/mesh" \
    --prefix mesh-bench: $warm > /dev/null 2>&1 || echo "warm-up failed: $warm" >&2
done

for rep in $(seq 1 "$reps"); do
  echo "# repetition $rep"
  if want rtt; then gen --scenario rtt --connections 50 --seconds 10; fi
  if want ceiling; then
    redis-benchmark -h 127.0.0.1 -p 6379 -t set,get,hset -c 50 -n 200000 -q --csv \
      | grep -v '^"test"' | sed 's/^"\([A-Z]*\)","\([0-9.]*\)".*/{"scenario":"redis-benchmark","test":"\1","opsPerSecond":\2}/' | tee -a "$results"
  fi
  if want idle; then
    gen --scenario idle --connections 1000
    gen --scenario idle --connections 10000
  fi
  if want churn; then gen --scenario churn --seconds 10 --threads 8; fi
  if want list; then
    gen --scenario list --connections 10000 --repeat 20
    gen --scenario list --connections 50000 --repeat 20
  fi
  if want room; then
    gen --scenario room --connections 1000 --joins 20
    gen --scenario room --connections 10000 --joins 20
  fi
done
