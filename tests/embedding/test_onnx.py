"""The onnx backend: same vectors as sentence-transformers, chosen automatically once exported."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import numpy as np
import pytest

from knowledge.embedding.encoder import _resolve_backend
from knowledge.embedding.onnx_graphs import FLOAT_MATMULS, int8_onnx_path, onnx_path, weight_matmuls

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


def _linked_without_exports(model_dir: Path, where: Path) -> Path:
    """The session's model linked into ``where``, without its ``onnx/`` folder."""
    where.mkdir(parents=True)
    for item in model_dir.iterdir():
        if item.name != "onnx":
            (where / item.name).symlink_to(item)
    return where


def test_onnx_backend_without_export_explains(tmp_path: Path, model_dir: Path):
    from knowledge.embedding.encoder import Encoder, ModelNotAvailable

    bare = _linked_without_exports(model_dir, tmp_path / "bare")
    with pytest.raises(ModelNotAvailable, match="tthc model convert --onnx"):
        Encoder.load(str(bare), backend="onnx")


def test_cli_if_missing_keeps_model_and_export(onnx_encoder, model_dir: Path):
    from typer.testing import CliRunner

    from bot.cli import _register, app

    _register()
    files = [model_dir / "model.safetensors", onnx_path(model_dir)]
    before = [path.stat().st_mtime_ns for path in files]
    result = CliRunner().invoke(
        app, ["model", "convert", "--if-missing", "--no-int8", "--out", str(model_dir)]
    )
    assert result.exit_code == 0, result.output
    assert "already converted" in result.output and "ONNX export present" in result.output
    assert [path.stat().st_mtime_ns for path in files] == before
    assert not int8_onnx_path(model_dir).exists()


def _float_only_copy(model_dir: Path, where: Path) -> Path:
    """The session's model with its float export, linked into ``where`` (the 8-bit graph goes there)."""
    _linked_without_exports(model_dir, where)
    (where / "onnx").mkdir()
    (where / "onnx" / "model.onnx").symlink_to(onnx_path(model_dir))
    return where


@pytest.fixture(scope="module")
def int8_model_dir(onnx_encoder, model_dir: Path, tmp_path_factory) -> Path:
    """A copy of the model to which ``tthc model convert --if-missing`` (int8 by default) added its graph."""
    from typer.testing import CliRunner

    from bot.cli import _register, app

    copy = _float_only_copy(model_dir, tmp_path_factory.mktemp("int8") / "multilingual-e5-small")
    _register()
    result = CliRunner().invoke(app, ["model", "convert", "--if-missing", "--out", str(copy)])
    assert result.exit_code == 0, result.output
    assert "ONNX export present" in result.output
    return copy


def test_int8_graph_keeps_the_most_sensitive_products_in_float(int8_model_dir: Path):
    graph = int8_onnx_path(int8_model_dir)
    # Smaller by the matrices (the 250,037-row embedding table, most of the file, stays float).
    assert graph.stat().st_size < onnx_path(int8_model_dir).stat().st_size - 40_000_000
    float_products = weight_matmuls(graph)  # the quantised ones are MatMulInteger now
    assert len(float_products) == len(FLOAT_MATMULS) == 3
    assert all(any(part in name for name in float_products) for part in FLOAT_MATMULS)
    assert len(weight_matmuls(onnx_path(int8_model_dir))) == 72


def test_int8_is_chosen_when_present_and_stays_close_to_float(
    int8_model_dir: Path, onnx_encoder, monkeypatch: pytest.MonkeyPatch
):
    from knowledge.embedding.encoder import Encoder, configured_model_name

    monkeypatch.delenv("TTHC_EMBEDDING_PRECISION", raising=False)
    monkeypatch.setenv("TTHC_EMBEDDING_MODEL", str(int8_model_dir))
    quantised = Encoder.load()
    assert (quantised.precision, quantised.name) == ("int8", "multilingual-e5-small+int8")
    assert configured_model_name() == quantised.name
    assert onnx_encoder.precision == "fp32" and onnx_encoder.name == "multilingual-e5-small"
    texts = [t for t in TEXTS if t.strip()]
    for side in ("encode_queries", "encode_passages"):
        close = (getattr(quantised, side)(texts) * getattr(onnx_encoder, side)(texts)).sum(axis=1)
        assert close.min() > 0.99  # measured 0.9985 and closer over catalogue titles
        assert close.max() < 0.99999  # really the 8-bit graph, not the float one

    monkeypatch.setenv("TTHC_EMBEDDING_PRECISION", "fp32")
    float_again = Encoder.load()
    assert (float_again.precision, float_again.name) == ("fp32", "multilingual-e5-small")
    assert configured_model_name() == "multilingual-e5-small"
    assert np.allclose(
        float_again.encode_queries(texts[:2]), onnx_encoder.encode_queries(texts[:2]), atol=1e-5
    )


def test_int8_needs_its_graph_and_a_known_setting(
    tmp_path: Path, model_dir: Path, monkeypatch: pytest.MonkeyPatch
):
    from knowledge.embedding.encoder import Encoder, ModelNotAvailable

    bare = _float_only_copy(model_dir, tmp_path / "float-only")
    monkeypatch.setenv("TTHC_EMBEDDING_PRECISION", "auto")
    assert Encoder.load(str(bare)).precision == "fp32"  # auto without the graph: float
    monkeypatch.setenv("TTHC_EMBEDDING_PRECISION", "int8")
    with pytest.raises(ModelNotAvailable, match="tthc model convert --if-missing"):
        Encoder.load(str(bare))
    with pytest.raises(ModelNotAvailable, match="onnx"):
        Encoder.load(str(bare), backend="torch")
    monkeypatch.setenv("TTHC_EMBEDDING_PRECISION", "int4")
    with pytest.raises(ValueError, match="TTHC_EMBEDDING_PRECISION"):
        Encoder.load(str(bare))
