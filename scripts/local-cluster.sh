#!/usr/bin/env bash
# A real Spark standalone cluster on 127.0.0.1 made of the project's own Spark jars (no distribution needed):
#   scripts/local-cluster.sh start [workers] [master-port]   -> prints the master URL; state in $SERSPARK_CLUSTER_DIR
#   scripts/local-cluster.sh stop
# Then: SPARK_HOME=spark-runtime/target/spark-home ./submit.sh --master spark://127.0.0.1:<port> ingest ...
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
export SPARK_HOME="$ROOT/spark-runtime/target/spark-home"
export SPARK_LOCAL_IP=127.0.0.1
# without it the Worker looks for launcher/target/scala-2.13 and every executor dies (STACK.md, pitfall 5)
export SPARK_SCALA_VERSION=2.13
STATE=${SERSPARK_CLUSTER_DIR:-/tmp/serspark-cluster}
cmd=${1:-}
case "$cmd" in
  start)
    workers=${2:-2}
    port=${3:-7077}
    [ -d "$SPARK_HOME/jars" ] || { echo "build first: mvn -B -q -DskipTests -pl spark-runtime package" >&2; exit 2; }
    mkdir -p "$STATE"
    opts=(); while IFS= read -r l; do [ -n "$l" ] && opts+=("$l"); done < "$ROOT/conf/jvm17.opts"
    # Spark's default logging (INFO): the readiness checks below read the master's and workers' INFO lines
    log4j=()
    nohup java "${opts[@]}" ${log4j[@]+"${log4j[@]}"} -Xmx512m -cp "$SPARK_HOME/jars/*" org.apache.spark.deploy.master.Master \
      --host 127.0.0.1 --port "$port" --webui-port $((port + 1000)) > "$STATE/master.log" 2>&1 &
    echo $! > "$STATE/master.pid"
    for i in $(seq 1 120); do
      grep -q "I have been elected leader" "$STATE/master.log" 2>/dev/null && break
      sleep 0.5
    done
    for w in $(seq 1 "$workers"); do
      mkdir -p "$STATE/work$w"
      nohup java "${opts[@]}" ${log4j[@]+"${log4j[@]}"} -Xmx512m -cp "$SPARK_HOME/jars/*" org.apache.spark.deploy.worker.Worker \
        --host 127.0.0.1 --cores 1 --memory 3g --work-dir "$STATE/work$w" --webui-port $((port + 1000 + w)) \
        "spark://127.0.0.1:$port" > "$STATE/worker$w.log" 2>&1 &
      echo $! > "$STATE/worker$w.pid"
    done
    for w in $(seq 1 "$workers"); do
      for i in $(seq 1 120); do
        grep -q "Successfully registered with master" "$STATE/worker$w.log" 2>/dev/null && break
        sleep 0.5
      done
      grep -q "Successfully registered with master" "$STATE/worker$w.log" || {
        echo "worker $w did not register; see $STATE/worker$w.log" >&2; exit 1; }
    done
    echo "spark://127.0.0.1:$port"
    ;;
  stop)
    for f in "$STATE"/*.pid; do
      [ -f "$f" ] || continue
      kill "$(cat "$f")" 2>/dev/null || true
      rm -f "$f"
    done
    ;;
  *) echo "usage: $0 start [workers] [master-port] | stop" >&2; exit 2 ;;
esac
