#!/usr/bin/env bash
# Train the Rasa model into $TTHC_DATA_DIR/rasa/models (default var/rasa/models),
# but only when its inputs changed: config.yml, domain.yml, nlu_data/,
# rasa_addons/ or the Rasa version. The fingerprint of the inputs is stored
# beside the model.
# Usage: scripts/train-rasa.sh [--force | --check]
#   --force  train even when nothing changed
#   --check  train nothing; exit 0 if the model is up to date, 1 if not
source "$(dirname "$0")/lib.sh"
cd "$ROOT"

FORCE=0
CHECK=0
case "${1:-}" in
  --force) FORCE=1 ;;
  --check) CHECK=1 ;;
  "") ;;
  *) die "usage: $0 [--force | --check]" ;;
esac

RASA=.venv-rasa/bin/rasa
[ -x "$RASA" ] || die "Chưa có môi trường Rasa (.venv-rasa). Chạy: scripts/setup-venvs.sh rasa — Rasa venv missing; run scripts/setup-venvs.sh rasa"

DATA_DIR="${TTHC_DATA_DIR:-$ROOT/var}"
MODEL_DIR="$DATA_DIR/rasa/models"
STAMP="$DATA_DIR/rasa/inputs.sha256"
LOG="$DATA_DIR/rasa/train.log"
MODEL="$MODEL_DIR/tthc.tar.gz"
mkdir -p "$MODEL_DIR"

# Inputs in a stable order; file names are hashed with the contents so that a
# renamed or deleted file also counts as a change.
fingerprint() {
  {
    .venv-rasa/bin/python -c 'import rasa; print("rasa", rasa.__version__)'
    find config.yml domain.yml nlu_data rasa_addons -type f \( -name '*.yml' -o -name '*.yaml' -o -name '*.py' \) \
      -not -path '*/__pycache__/*' -print0 | LC_ALL=C sort -z | xargs -0 sha256sum
  } | sha256sum | cut -c1-32
}

current=$(fingerprint)
if [ "$FORCE" = 0 ] && [ -f "$MODEL" ] && [ -f "$STAMP" ] && [ "$(cat "$STAMP")" = "$current" ]; then
  say "Mô hình Rasa đã cập nhật, bỏ qua huấn luyện — Rasa model up to date ($MODEL)"
  exit 0
fi
if [ "$CHECK" = 1 ]; then
  say "Mô hình Rasa cần huấn luyện lại — Rasa model missing or stale ($MODEL)"
  exit 1
fi

say "Huấn luyện mô hình Rasa (vài phút) — training the Rasa model, log: $LOG"
started=$(date +%s)
# `rasa train` validates the data first and stops on errors.
# Train into a scratch directory and move the result in place only on success,
# so a failed or interrupted run never leaves the server without a model.
scratch=$(mktemp -d "$DATA_DIR/rasa/train.XXXXXX")
trap 'rm -rf "$scratch"' EXIT
if ! "$RASA" train --data nlu_data --domain domain.yml --config config.yml \
    --out "$scratch" --fixed-model-name tthc >"$LOG" 2>&1; then
  tail -20 "$LOG" >&2
  die "Huấn luyện Rasa thất bại, xem $LOG — Rasa training failed, see $LOG"
fi
[ -f "$scratch/tthc.tar.gz" ] || die "Rasa không tạo ra mô hình, xem $LOG — Rasa produced no model, see $LOG"
mv -f "$scratch/tthc.tar.gz" "$MODEL"
echo "$current" >"$STAMP"
say "Xong sau $(( $(date +%s) - started )) giây — trained in $(( $(date +%s) - started )) s: $MODEL"
