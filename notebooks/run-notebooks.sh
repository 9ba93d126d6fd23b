#!/usr/bin/env bash
# Executes every notebook in notebooks/ headless on a warehouse, with the project's Java kernel:
#
#   notebooks/run-notebooks.sh <warehouse> [notebook.ipynb ...]
#
# 1. resolves the Java kernel jar (io.github.padreati:rapaio-jupyter-kernel) through Maven into notebooks/target/
#    (offline first, so a warm ~/.m2 needs no network);
# 2. writes the kernelspec with absolute paths to notebooks/target/jupyter/kernels/serspark-java/kernel.json
#    (from the template notebooks/kernels/serspark-java/kernel.json);
# 3. runs `jupyter nbconvert --execute` on each notebook with SERSPARK_WAREHOUSE=<warehouse>; the executed copies
#    go to notebooks/target/executed/. Exits non-zero when any cell of any notebook raised an error.
#
# Needs: the app jar and the Spark jars (mvn -DskipTests -pl jobs,spark-runtime -am package, or ./submit.sh once),
# and Debian's jupyter-nbconvert python3-nbclient python3-ipykernel jupyter-client jupyter-core.
# `--setup-only` (instead of a notebook list) stops after step 2, for opening the notebooks interactively;
# `--check-starts N` starts the kernel N times after step 2 and fails unless every start answers (check-kernel-starts.py).
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
NB="$ROOT/notebooks"
KERNEL_VERSION=3.0.1
KERNEL_JAR="$NB/target/rapaio-jupyter-kernel-$KERNEL_VERSION.jar"
APP_JAR="$ROOT/jobs/target/serspark-jobs-0.1.0-SNAPSHOT-app.jar"
SPARK_JARS="$ROOT/spark-runtime/target/spark-home/jars"
JUPYTER_DIR="$NB/target/jupyter"

usage() { echo "usage: notebooks/run-notebooks.sh <warehouse> [--setup-only | --check-starts N | notebook.ipynb ...]" >&2; exit 2; }
[ $# -ge 1 ] || usage
case "$1" in -h|--help) usage ;; esac
WAREHOUSE=$(cd "$1" 2>/dev/null && pwd) || { echo "run-notebooks.sh: warehouse $1 is not a folder" >&2; exit 2; }
shift
[ -d "$WAREHOUSE/utterances" ] || { echo "run-notebooks.sh: $WAREHOUSE has no utterances table (run ./submit.sh demo --warehouse $WAREHOUSE first)" >&2; exit 2; }
command -v jupyter >/dev/null || { echo "run-notebooks.sh: jupyter is not installed (apt-get install --no-install-recommends jupyter-nbconvert python3-nbclient python3-ipykernel jupyter-client jupyter-core)" >&2; exit 2; }
[ -f "$APP_JAR" ] && [ -d "$SPARK_JARS" ] || { echo "run-notebooks.sh: build the jars first: mvn -B -DskipTests -pl jobs,spark-runtime -am package" >&2; exit 2; }

# 1. the kernel jar
if [ ! -f "$KERNEL_JAR" ]; then
  mkdir -p "$NB/target"
  art="io.github.padreati:rapaio-jupyter-kernel:$KERNEL_VERSION"
  (cd "$ROOT" && { mvn -B -q -o -N dependency:copy -Dartifact="$art" -DoutputDirectory="$NB/target" >/dev/null 2>&1 \
     || mvn -B -q -N dependency:copy -Dartifact="$art" -DoutputDirectory="$NB/target"; }) >&2
  [ -f "$KERNEL_JAR" ] || { echo "run-notebooks.sh: could not resolve $art through Maven" >&2; exit 1; }
fi

# 2. the kernelspec: the template's argv with the JVM flags of conf/jvm17.opts and absolute paths filled in
mkdir -p "$JUPYTER_DIR/kernels/serspark-java"
/usr/bin/python3 - "$NB/kernels/serspark-java/kernel.json" "$JUPYTER_DIR/kernels/serspark-java/kernel.json" \
    "$ROOT/conf/jvm17.opts" "$KERNEL_JAR" "$APP_JAR;$SPARK_JARS/*" "$ROOT" <<'EOF'
import json, sys
template, target, opts, jar, classpath, root = sys.argv[1:]
spec = json.load(open(template))
flags = [l.strip() for l in open(opts) if l.strip()]
argv = []
for a in spec["argv"]:
    if a == "@JVM_OPTS@": argv.extend(flags)
    else: argv.append(a.replace("@KERNEL_JAR@", jar).replace("@ROOT@", root))
spec["argv"] = argv
spec["env"] = {k: v.replace("@CLASSPATH@", classpath).replace("@ROOT@", root) for k, v in spec["env"].items()}
json.dump(spec, open(target, "w"), indent=1)
EOF
export JUPYTER_PATH="$JUPYTER_DIR${JUPYTER_PATH:+:$JUPYTER_PATH}"
export SERSPARK_WAREHOUSE="$WAREHOUSE" SERSPARK_HOME="$ROOT"
if [ "${1:-}" = "--setup-only" ]; then
  echo "kernelspec written; open the notebooks with:"
  echo "  JUPYTER_PATH=$JUPYTER_DIR SERSPARK_WAREHOUSE=$WAREHOUSE jupyter notebook $NB"
  exit 0
fi
if [ "${1:-}" = "--check-starts" ]; then
  [ $# -eq 2 ] && [[ "$2" =~ ^[1-9][0-9]*$ ]] || usage
  # the Python that runs `jupyter` (its shebang) has jupyter_client
  py=$(sed -n '1s/^#! *//p' "$(command -v jupyter)"); [ -n "$py" ] || py=/usr/bin/python3
  cd "$NB" && exec $py "$NB/check-kernel-starts.py" "$2"
fi

# 3. execute
notebooks=()
for nb in "$@"; do
  [ -f "$nb" ] || { echo "run-notebooks.sh: no notebook $nb" >&2; exit 2; }
  notebooks+=("$(cd "$(dirname "$nb")" && pwd)/$(basename "$nb")")
done
[ ${#notebooks[@]} -gt 0 ] || notebooks=("$NB"/[0-9][0-9]-*.ipynb)
out="$NB/target/executed"
mkdir -p "$out"
failed=()
for nb in "${notebooks[@]}"; do
  name=$(basename "$nb")
  start=$SECONDS
  # nbconvert stops at the first cell that raises (allow_errors is off) and exits non-zero. A kernel that never
  # answers at start-up (before any cell ran) gets one more try, given up after 60 s (a good start answers within
  # seconds); a cell error gets none. KernelStart.java mends the known cause of silent starts (rapaio's loop threads
  # racing their own start, notebooks/README.md), and `--check-starts` shows whether any remain.
  ok=0
  for attempt in 1 2; do
    echo "=== $name (attempt $attempt)" >&2
    log="$out/${name%.ipynb}.log"
    if (cd "$NB" && jupyter nbconvert --to notebook --execute --ExecutePreprocessor.timeout=600 \
          --ExecutePreprocessor.startup_timeout=60 --ExecutePreprocessor.kernel_name=serspark-java \
          --output-dir "$out" "$nb") > "$log" 2>&1; then
      ok=1; break
    fi
    grep -qE "Kernel didn't respond|Kernel died before replying" "$log" || break
  done
  grep -vE '^(Add |\[20[0-9-]+ [0-9:]+\] \[INFO)' "$log" >&2 || true
  if [ $ok = 1 ]; then
    echo "    ok in $((SECONDS - start)) s -> $out/$name" >&2
  else
    echo "    FAILED after $((SECONDS - start)) s: $name (log: $log)" >&2
    failed+=("$name")
  fi
done
if [ ${#failed[@]} -gt 0 ]; then
  echo "run-notebooks.sh: ${#failed[@]} notebook(s) failed: ${failed[*]}" >&2
  exit 1
fi
echo "run-notebooks.sh: ${#notebooks[@]} notebook(s) executed on $WAREHOUSE" >&2
