#!/usr/bin/env bash
# Create .venv and install Expansion Coach into it.
#   scripts/setup.sh        the app (demo, CLI, template drafter, offline embeddings)
#   scripts/setup.sh --dev  plus the test tools, the local-model extra (llama-cpp-python compiles
#                           once, ~10 minutes; pip caches the wheel) and, where this runs as root
#                           with apt, the PostgreSQL server the store's PostgreSQL test starts.
set -euo pipefail
cd "$(dirname "$0")/.."
[ -x .venv/bin/python ] || python3 -m venv .venv
# The machine's old pip backtracks for many minutes on this dependency set.
.venv/bin/python -m pip install -q -U pip
extras=""
if [ "${1:-}" = "--dev" ]; then
  extras="[dev,local-llm]"
  # llama.cpp is compiled for a portable x86-64 baseline (AVX2), not for every feature this CPU lists:
  # a virtual machine may list AMX that its kernel does not enable, and a native build then dies with
  # an illegal instruction at the model's first token (the llm tests' server closes the connection).
  if [ "$(uname -m)" = x86_64 ]; then
    export CMAKE_ARGS="${CMAKE_ARGS:--DGGML_NATIVE=OFF -DGGML_AVX=ON -DGGML_AVX2=ON -DGGML_FMA=ON -DGGML_F16C=ON}"
  fi
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null && ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null) \
      || echo "note: PostgreSQL could not be installed; its test will be skipped" >&2
  fi
  # The browser tests drive Debian's Chromium through Playwright (never `playwright install`).
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null && [ ! -x /usr/bin/chromium ]; then
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null) \
      || echo "note: Chromium could not be installed; the browser tests will be skipped" >&2
  fi
fi
# torch is pinned in pyproject.toml to the CPU build; an unpinned torch pulls a CUDA build.
.venv/bin/pip install -q -e ".${extras}"
# The embedding model's ONNX file (assistant/knowledge/encoder.py), made once per machine here
# rather than by the first message read by meaning; if it cannot be made, torch encodes.
.venv/bin/python -c "from assistant.knowledge.encoder import prepare; prepare()" || true
