#!/usr/bin/env bash
# Create or update the two virtual environments, only when their inputs changed.
#   .venv       Python 3.11: knowledge/, actions (rasa-sdk), channels, tests
#   .venv-rasa  Python 3.10: rasa==3.6.21 (its numpy pin clashes with the rest)
source "$(dirname "$0")/lib.sh"
cd "$ROOT"

setup_app() {
  local stamp; stamp=$(stamp_of requirements/app.in constraints/app-py311.txt pyproject.toml)
  if [ -f .venv/.stamp ] && [ "$(cat .venv/.stamp)" = "$stamp" ]; then return 0; fi
  local py; py=$(find_python 3.11)
  say "Tạo môi trường .venv (Python 3.11) — setting up .venv with $py"
  [ -x .venv/bin/python ] || "$py" -m venv .venv
  .venv/bin/pip install -q --upgrade pip
  # torch first: the pinned CPU build; any other torch request pulls CUDA wheels.
  .venv/bin/pip install -q "torch==2.13.0" -c constraints/app-py311.txt
  .venv/bin/pip install -q -r requirements/app.in -c constraints/app-py311.txt
  .venv/bin/pip install -q --no-deps -e .
  echo "$stamp" > .venv/.stamp
}

setup_rasa() {
  local stamp; stamp=$(stamp_of requirements/rasa.in constraints/rasa-py310.txt)
  if [ -f .venv-rasa/.stamp ] && [ "$(cat .venv-rasa/.stamp)" = "$stamp" ]; then return 0; fi
  local py; py=$(find_python 3.10)
  say "Tạo môi trường .venv-rasa (Python 3.10, Rasa 3.6.21) — setting up .venv-rasa with $py"
  [ -x .venv-rasa/bin/python ] || "$py" -m venv .venv-rasa
  .venv-rasa/bin/pip install -q --upgrade pip
  .venv-rasa/bin/pip install -q -r requirements/rasa.in -c constraints/rasa-py310.txt
  echo "$stamp" > .venv-rasa/.stamp
}

case "${1:-all}" in
  app) setup_app ;;
  rasa) setup_rasa ;;
  all) setup_app; setup_rasa ;;
  *) die "usage: $0 [app|rasa|all]" ;;
esac
