#!/usr/bin/env bash
# Build every data artefact that is missing or stale, in dependency order:
# catalogue DB -> embedding model -> search index -> Rasa model.
# Each step is a no-op when its inputs did not change.
source "$(dirname "$0")/lib.sh"
cd "$ROOT"
TTHC=.venv/bin/tthc
say "Danh mục thủ tục — catalogue"
$TTHC import --if-changed
say "Mô hình nhúng — embedding model"
$TTHC model convert --if-missing
say "Chỉ mục tìm kiếm — search index"
$TTHC index build --if-stale
say "Mô hình Rasa — Rasa model"
scripts/train-rasa.sh
