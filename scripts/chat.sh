#!/usr/bin/env bash
# make chat: a terminal chat with the assistant started by `make run`
# (through the REST channel, so it talks to exactly what other channels get).
source "$(dirname "$0")/lib.sh"
cd "$ROOT"
[ -x .venv/bin/python ] || die "Chưa có .venv: chạy make run trước — no .venv yet: run make run first"
exec .venv/bin/python scripts/chat.py "$@"
