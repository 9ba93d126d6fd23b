#!/usr/bin/env bash
# The test command of the README: every module's unit tests, then the cross-module tests on ../shared.
#   ./test.sh           the full suite (what CI runs)
#   ./test.sh --fast    the modules' own unit tests only (no end-to-end runs on ../shared/corpora)
# Maven comes from the wrapper (the version pinned in .mvn/wrapper/maven-wrapper.properties, fetched from Maven Central).
set -euo pipefail
cd "$(dirname "$0")"
args=()
for a in "$@"; do
  if [ "$a" = --fast ]; then args+=(-Pfast); else args+=("$a"); fi
done
./mvnw -B verify "${args[@]}"
