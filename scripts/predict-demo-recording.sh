#!/usr/bin/env bash
# A long SYNTHETIC recording followed window by window, from a fresh clone and no data (docs/predict.md):
# the demo corpus → ingest demo-a → eGeMAPS → train (linear SVM, speaker z-scores) → a recording of one demo-a
# speaker's unseen takes, neutral → angry → sad → happy in segments of 4 takes, repeated for MINUTES minutes
# → predict per window (2 s every 1 s). Each step prints its CPU time (/usr/bin/time).
#   scripts/predict-demo-recording.sh [OUT_DIR (demo-recording)] [MINUTES (10)]
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
OUT=$(mkdir -p "${1:-demo-recording}" && cd "${1:-demo-recording}" && pwd)
MINUTES=${2:-10}
WH="$OUT/warehouse"
timed() { /usr/bin/time -f "  [$1: %e s wall, %U s user + %S s system CPU]" "${@:2}"; }

"$ROOT/submit.sh" predict --help >/dev/null   # builds the application jar when it is missing or stale
JAR="$ROOT/jobs/target/serspark-run.jar"
timed corpus java -cp "$JAR" io.serspark.demo.DemoCorpus "$OUT/corpus"
timed recording java -cp "$JAR" io.serspark.demo.DemoRecording "$OUT/recording" "$MINUTES"
timed ingest "$ROOT/submit.sh" ingest --corpus "demo-a=$OUT/corpus/demo-a" --warehouse "$WH"
timed features "$ROOT/submit.sh" features --warehouse "$WH" --corpus demo-a
timed train "$ROOT/submit.sh" train --warehouse "$WH" --corpus demo-a --features egemaps_v02 --classifier svm \
  --grid regParam=0.1 --labels 4class --normalise speaker --protocol speaker-kfold:2 --bootstrap 200 --run-id demo-a-svm
timed predict "$ROOT/submit.sh" predict --model "$WH/runs/train/demo-a-svm" --warehouse "$WH" \
  --corpus "recording=$OUT/recording" --long-s 20 --window-s 2 --hop-s 1 --bootstrap 0 --run-id recording
echo "truth: $OUT/recording/segments.csv; trajectory: $WH/predictions/recording/trajectories/"
