#!/usr/bin/env bash
# serspark's one entry point:  ./submit.sh [spark options] <job> [job options]
#
#  - With SPARK_HOME set: runs the application jar with $SPARK_HOME/bin/spark-submit (or, when SPARK_HOME is the
#    stand-in distribution made by spark-runtime/, with org.apache.spark.deploy.SparkSubmit from its jars/).
#    Spark options (--master yarn|k8s://...|spark://..., --conf k=v, --deploy-mode, --executor-memory, ...) pass through.
#  - Without SPARK_HOME: runs the same jar on an embedded local Spark (local[*] unless --master says otherwise),
#    with the Spark jars of spark-runtime/target/spark-home/jars. Builds both first if they are missing or stale.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
VERSION=0.1.0-SNAPSHOT
APP_JAR="$ROOT/jobs/target/serspark-jobs-$VERSION-app.jar"
SPARK_JARS="$ROOT/spark-runtime/target/spark-home/jars"
MAIN=io.serspark.jobs.Main

spark_args=()
job_args=()
# spark-submit options that take a value, and flags without one. Not --name: jobs use it (embed --name <table>);
# set the Spark application name with --conf spark.app.name=...
takes_value=" --master --deploy-mode --conf --jars --files --archives --packages --repositories
  --properties-file --driver-memory --driver-java-options --driver-library-path --driver-class-path
  --driver-cores --executor-memory --executor-cores --num-executors --total-executor-cores --queue
  --principal --keytab --py-files --exclude-packages "
while [ $# -gt 0 ]; do
  arg=$1
  case "$arg" in
    --*=*) key=${arg%%=*} ;;
    *) key=$arg ;;
  esac
  if [[ "$takes_value" == *" $key "* ]]; then
    if [[ "$arg" == *=* ]]; then spark_args+=("$key" "${arg#*=}"); shift
    else
      [ $# -ge 2 ] || { echo "submit.sh: $arg needs a value" >&2; exit 2; }
      spark_args+=("$arg" "$2"); shift 2
    fi
  elif [ "$arg" = "--verbose" ] || [ "$arg" = "--supervise" ]; then
    spark_args+=("$arg"); shift
  else
    job_args+=("$arg"); shift
  fi
done

stale() {
  [ -f "$APP_JAR" ] && [ -d "$SPARK_JARS" ] || return 0
  # any source or pom newer than the jar means a rebuild
  [ -n "$(find "$ROOT/pom.xml" "$ROOT/udfs" "$ROOT/pipelines" "$ROOT/jobs" "$ROOT/conf" \
      \( -name '*.java' -o -name 'pom.xml' -o -path '*/src/main/resources/*' -o -path "$ROOT/conf/*" \) \
      -newer "$APP_JAR" -not -path '*/target/*' -print -quit 2>/dev/null)" ]
}
# Jobs run from a copy of the jar: Maven rewrites the jar in place (same file), so a job still running from it could
# load classes from the new bytes; the copy is replaced by rename, so running jobs keep theirs.
RUN_JAR="$ROOT/jobs/target/serspark-run.jar"
build_wanted() { [ "${SERSPARK_SKIP_BUILD:-0}" != 1 ] && stale; }
copy_wanted() { [ -f "$APP_JAR" ] && { [ ! -f "$RUN_JAR" ] || [ "$APP_JAR" -nt "$RUN_JAR" ]; }; }
if build_wanted || copy_wanted; then
  # one build at a time: jobs started together after a change would otherwise run two Maven builds over the same
  # target folders; the second waits for the first and then finds the jar fresh
  mkdir -p "$ROOT/jobs/target"
  exec 9>"$ROOT/jobs/target/.submit-build.lock"
  if command -v flock >/dev/null; then
    flock -n 9 || { echo "submit.sh: another submit.sh is building the application jar; waiting for it ..." >&2; flock 9; }
  fi
  if build_wanted; then
    echo "submit.sh: building the application jar (mvn package, tests skipped) ..." >&2
    (cd "$ROOT" && mvn -B -q -DskipTests -pl jobs,spark-runtime -am package) >&2
  fi
  if copy_wanted; then
    cp -p "$APP_JAR" "$RUN_JAR.tmp.$$" && mv -f "$RUN_JAR.tmp.$$" "$RUN_JAR"
  fi
  exec 9>&-
fi

jvm_opts=()
while IFS= read -r line; do [ -n "$line" ] && jvm_opts+=("$line"); done < "$ROOT/conf/jvm17.opts"

export SPARK_LOCAL_IP=${SPARK_LOCAL_IP:-127.0.0.1}
# glibc malloc settings (conf/glibc.tunables says why) for this JVM and, below, the executors; an environment that
# sets GLIBC_TUNABLES (even empty: glibc's defaults) keeps its own
if [ -z "${GLIBC_TUNABLES+set}" ]; then
  # a file of comments only (or none at all) means glibc's defaults; grep finding no line must not end the script
  GLIBC_TUNABLES=$({ grep -v '^[[:space:]]*#' "$ROOT/conf/glibc.tunables" 2>/dev/null || true; } | tr -d '[:space:]')
fi
if [ -n "$GLIBC_TUNABLES" ]; then export GLIBC_TUNABLES; else unset GLIBC_TUNABLES; fi
export SERSPARK_HOME="$ROOT"   # jobs find conf/ here (driver side)

if [ -n "${SPARK_HOME:-}" ]; then
  props=(--properties-file "$ROOT/conf/spark-defaults.conf")
  for a in "${spark_args[@]+"${spark_args[@]}"}"; do [ "$a" = "--properties-file" ] && props=(); done
  # before the user's options: a --conf spark.executorEnv.GLIBC_TUNABLES=... of theirs comes later and wins
  executor_env=()
  [ -n "${GLIBC_TUNABLES:-}" ] && executor_env=(--conf "spark.executorEnv.GLIBC_TUNABLES=$GLIBC_TUNABLES")
  common=("${props[@]+"${props[@]}"}" "${executor_env[@]+"${executor_env[@]}"}" --class "$MAIN"
          --driver-java-options "$(tr '\n' ' ' < "$ROOT/conf/jvm17.opts") -Dlog4j2.configurationFile=$ROOT/conf/log4j2.properties -Dai.djl.offline=true -Dserspark.home=$ROOT")
  if [ -x "$SPARK_HOME/bin/spark-submit" ]; then
    exec "$SPARK_HOME/bin/spark-submit" "${common[@]}" "${spark_args[@]+"${spark_args[@]}"}" "$RUN_JAR" "${job_args[@]+"${job_args[@]}"}"
  elif [ -d "$SPARK_HOME/jars" ]; then
    # stand-in distribution (spark-runtime/): no bin/ scripts, so start SparkSubmit ourselves
    export SPARK_SCALA_VERSION=${SPARK_SCALA_VERSION:-2.13}
    exec java "${jvm_opts[@]}" -Xmx${SERSPARK_DRIVER_MEMORY:-2g} -Dlog4j2.configurationFile="$ROOT/conf/log4j2.properties" \
      -Dai.djl.offline=true -Dserspark.home="$ROOT" -cp "$SPARK_HOME/jars/*" org.apache.spark.deploy.SparkSubmit \
      "${common[@]}" "${spark_args[@]+"${spark_args[@]}"}" "$RUN_JAR" "${job_args[@]+"${job_args[@]}"}"
  else
    echo "submit.sh: SPARK_HOME=$SPARK_HOME has neither bin/spark-submit nor jars/" >&2; exit 2
  fi
fi

# Embedded local mode: spark options become spark.* system properties, read by SparkConf.
sysprops=()
while read -r k v; do
  [[ -z "$k" || "$k" == \#* ]] && continue
  sysprops+=("-D$k=$v")
done < "$ROOT/conf/spark-defaults.conf"
i=0
driver_mem=${SERSPARK_DRIVER_MEMORY:-4g}
while [ $i -lt ${#spark_args[@]} ]; do
  k=${spark_args[$i]}; v=${spark_args[$((i+1))]:-}
  case "$k" in
    --master) sysprops+=("-Dspark.master=$v") ;;
    --conf) sysprops+=("-Dspark.${v#spark.}") ;;
    --driver-memory) driver_mem=$v ;;
    --verbose|--supervise) i=$((i-1)) ;;
    *) echo "submit.sh: $k only applies with spark-submit (set SPARK_HOME); ignored in embedded local mode" >&2 ;;
  esac
  i=$((i+2))
done
exec java "${jvm_opts[@]}" -Xmx"$driver_mem" -Djava.awt.headless=true \
  -Dlog4j2.configurationFile="$ROOT/conf/log4j2.properties" -Dai.djl.offline=true \
  -DDJL_CACHE_DIR="${DJL_CACHE_DIR:-$HOME/.djl.ai}" -Dserspark.home="$ROOT" \
  "${sysprops[@]}" -cp "$RUN_JAR:$SPARK_JARS/*" "$MAIN" "${job_args[@]+"${job_args[@]}"}"
