#!/usr/bin/env bash
# Create .venv and install Expansion Coach into it. `--dev` adds the test tools and the
# local-model extra (llama-cpp-python compiles once, ~10 minutes; pip caches the wheel).
set -euo pipefail
cd "$(dirname "$0")/.."
[ -x .venv/bin/python ] || python3 -m venv .venv
# The machine's old pip backtracks for many minutes on this dependency set.
.venv/bin/python -m pip install -q -U pip
extras=""
[ "${1:-}" = "--dev" ] && extras="[dev,local-llm]"
# torch is pinned in pyproject.toml to the CPU build; an unpinned torch pulls a CUDA build.
.venv/bin/pip install -q -e ".${extras}"
