#!/usr/bin/env bash
# make run: set up whatever is missing, build the data (catalogue, embedding
# model, index, Rasa model; each step skips itself when up to date), then run
# the action server and Rasa's REST channel until Ctrl-C.
#   TTHC_RASA_HOST / TTHC_RASA_PORT        (127.0.0.1:5005)
#   TTHC_ACTIONS_HOST / TTHC_ACTIONS_PORT  (127.0.0.1:5055)
#   TTHC_DATA_DIR                          (var/)
source "$(dirname "$0")/lib.sh"
cd "$ROOT"
scripts/setup-venvs.sh all
# Fail on a busy port now, not after minutes of preparation.
.venv/bin/python scripts/rasa_stack.py check-ports || exit 2
scripts/prepare.sh
say "Khởi động trợ lý — starting the assistant"
exec .venv/bin/python scripts/rasa_stack.py run
