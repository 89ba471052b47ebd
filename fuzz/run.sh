#!/usr/bin/env bash
# The long fuzz run: every reader on FUZZ_CASES arbitrary and FUZZ_CASES
# mutated inputs (default 20,000 each), in release mode; prints the slowest
# case of each reader. The short part runs with `cargo test` (tests "fuzz").
set -euo pipefail
cd "$(dirname "$0")/.."
export FUZZ_CASES="${FUZZ_CASES:-20000}"
exec cargo test --release --test fuzz -- --ignored --nocapture long_run
