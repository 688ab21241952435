"""The onnx backend: same vectors as sentence-transformers, chosen automatically once exported."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import numpy as np
import pytest

from knowledge.embedding.encoder import _resolve_backend
from knowledge.embedding.onnx_export import onnx_path

pytestmark = pytest.mark.slow

TEXTS = [
    "lam ho chieu",
    "Đăng ký kết hôn có yếu tố nước ngoài cần những giấy tờ gì và nộp ở đâu, lệ phí bao nhiêu?",
    unicodedata.normalize("NFD", "giấy chứng tử"),
    "",
    "🙂" * 40,
    "hộ chiếu " * 2000,  # longer than 512 tokens: truncated like sentence-transformers does
]


def test_auto_backend_uses_the_export(onnx_encoder, model_dir: Path):
    assert onnx_encoder.backend == "onnx"
    assert onnx_path(model_dir).is_file()
    assert (onnx_encoder.name, onnx_encoder.dim) == ("multilingual-e5-small", 384)


def test_auto_backend_without_export_is_torch(tmp_path: Path):
    assert _resolve_backend("auto", tmp_path) == "torch"
    assert _resolve_backend("auto", None) == "torch"
    assert _resolve_backend("onnx", tmp_path) == "onnx"


def test_onnx_matches_sentence_transformers_in_batches_and_alone(onnx_encoder, encoder):
    batched = onnx_encoder.encode_queries(TEXTS)
    reference = encoder.encode_queries(TEXTS)
    assert batched.dtype == np.float32 and batched.shape == (len(TEXTS), 384)
    assert (batched * reference).sum(axis=1).min() > 0.9999
    alone = np.concatenate([onnx_encoder.encode_queries([text]) for text in TEXTS])
    assert (alone * batched).sum(axis=1).min() > 0.9999
    passages = onnx_encoder.encode_passages(TEXTS[:2])
    assert (passages * encoder.encode_passages(TEXTS[:2])).sum(axis=1).min() > 0.9999
    assert not np.allclose(passages, batched[:2], atol=1e-3)  # the passage prefix is applied


def test_onnx_backend_without_export_explains(tmp_path: Path, model_dir: Path):
    from knowledge.embedding.encoder import Encoder, ModelNotAvailable

    bare = tmp_path / "bare"
    bare.mkdir()
    for item in model_dir.iterdir():
        if item.name != "onnx":
            (bare / item.name).symlink_to(item)
    with pytest.raises(ModelNotAvailable, match="tthc model convert --onnx"):
        Encoder.load(str(bare), backend="onnx")


def test_cli_if_missing_keeps_model_and_export(onnx_encoder, model_dir: Path):
    from typer.testing import CliRunner

    from bot.cli import _register, app

    _register()
    files = [model_dir / "model.safetensors", onnx_path(model_dir)]
    before = [path.stat().st_mtime_ns for path in files]
    result = CliRunner().invoke(app, ["model", "convert", "--if-missing", "--out", str(model_dir)])
    assert result.exit_code == 0, result.output
    assert "already converted" in result.output and "ONNX export present" in result.output
    assert [path.stat().st_mtime_ns for path in files] == before


def test_int8_questions_stay_close_to_float_and_passages_stay_float(
    onnx_encoder, model_dir: Path, monkeypatch: pytest.MonkeyPatch
):
    from typer.testing import CliRunner

    from bot.cli import _register, app
    from knowledge.embedding.encoder import Encoder
    from knowledge.embedding.onnx_export import query_onnx_path

    _register()
    result = CliRunner().invoke(
        app, ["model", "convert", "--if-missing", "--query-int8", "--out", str(model_dir)]
    )
    assert result.exit_code == 0, result.output
    assert query_onnx_path(model_dir).is_file()
    assert query_onnx_path(model_dir).stat().st_size < onnx_path(model_dir).stat().st_size

    monkeypatch.setenv("TTHC_EMBEDDING_QUERY_PRECISION", "int8")
    quantised = Encoder.load(str(model_dir))
    assert quantised.query_precision == "int8" and onnx_encoder.query_precision == "fp32"
    texts = [t for t in TEXTS if t.strip()]
    close = (quantised.encode_queries(texts) * onnx_encoder.encode_queries(texts)).sum(axis=1)
    assert close.min() > 0.98  # measured 0.993 over the development set's questions
    assert close.max() < 0.99999  # really the 8-bit graph, not the float one
    passages = (quantised.encode_passages(texts) * onnx_encoder.encode_passages(texts)).sum(axis=1)
    assert passages.min() > 0.9999


def test_int8_questions_need_their_graph(tmp_path: Path, model_dir: Path, monkeypatch: pytest.MonkeyPatch):
    from knowledge.embedding.encoder import Encoder, ModelNotAvailable

    bare = tmp_path / "float-only"
    (bare / "onnx").mkdir(parents=True)
    for item in model_dir.iterdir():
        if item.name != "onnx":
            (bare / item.name).symlink_to(item)
    (bare / "onnx" / "model.onnx").symlink_to(onnx_path(model_dir))
    monkeypatch.setenv("TTHC_EMBEDDING_QUERY_PRECISION", "int8")
    with pytest.raises(ModelNotAvailable, match="--query-int8"):
        Encoder.load(str(bare))
    monkeypatch.setenv("TTHC_EMBEDDING_QUERY_PRECISION", "int4")
    with pytest.raises(ValueError, match="TTHC_EMBEDDING_QUERY_PRECISION"):
        Encoder.load(str(bare))
