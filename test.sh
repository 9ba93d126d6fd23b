#!/usr/bin/env bash
# The test command of the README: every module's unit tests, then the cross-module tests on ../shared.
set -euo pipefail
cd "$(dirname "$0")"
mvn -B verify "$@"
