#!/usr/bin/env bash
# The one test command (make test, .ci/run): set up what is missing, build the
# data, lint, then run the whole pytest suite (which also drives `rasa data
# validate` and `rasa test` in .venv-rasa).
source "$(dirname "$0")/lib.sh"
cd "$ROOT"
scripts/setup-venvs.sh all
scripts/services.sh || true
scripts/prepare.sh
say "Ruff"
.venv/bin/ruff check .
say "Pytest"
exec .venv/bin/python -m pytest "$@"
